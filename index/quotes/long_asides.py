"""The subject of a cue verb that a long aside parts from it: the name opening the sentence.

"Dr. Ann Cole, a surgeon at a clinic in Denver, Colorado, who did not take part in the trial,
says" and "Quist, who had just finished the Lakeside Open in Norway, where she reached the final,
said" hold commas of their own inside the aside, so peeling asides comma by comma from the verb
backwards (subjects.subject_before) stops at a place or an object inside it ("Colorado",
"Norway"). A sentence that opens with a name, then a comma and "who" or an article, and whose
words run without a sentence end, a quote or a semicolon to a comma right before the verb is one
subject with its aside: the name speaks. A participle cue inside a relative clause ("Dunn, who
stormed off stage declaring, …") is that clause's, so its antecedent's.
"""

from __future__ import annotations

import re

from index.quotes.cue_patterns import ACTOR_BEFORE_ING, SENTENCE_END
from index.quotes.people.mentions import NAME, parse_name

# A conjunction opening the sentence before its subject.
_CONJUNCTION = re.compile(r"\s*(?:(?:But|And|Yet|So|Still)\s+)?")
# The name and its aside, to the comma before the verb: no quote mark, semicolon or colon in it.
_NAMED_ASIDE = re.compile(
    rf"(?P<m>{NAME})(?:\s*\([^()]{{1,12}}\))?,\s+(?:who|a|an|the)\s[^\"“”;:\n]{{8,260}},\s*$"
)
# A relative clause holding a participle cue: "…and Dunn, who stormed off stage declaring".
_RELATIVE_PARTICIPLE = re.compile(rf"(?<![\w'’.])(?P<m>{NAME}),\s+who\s+[^,;:\"“”\n]{{3,120}}+$")


def opening_subject(text: str, lo: int, end: int) -> re.Match[str] | None:
    """Return the match of the name opening the sentence whose long aside ends right before a
    cue verb at `end`, or None. Its group "m" is the name."""
    if not text[lo:end].rstrip().endswith(","):
        return None
    start = max(text.rfind("\n", lo, end) + 1, lo)
    if start == lo and lo > 0 and text[lo - 1] != "\n":
        start = -1  # no paragraph opening in the window: a sentence end must be
    for end_mark in SENTENCE_END.finditer(text, max(start, lo), end):
        start = end_mark.end()
    if start < 0:
        return None  # the window holds no sentence opening: the subject is out of reach
    conjunction = _CONJUNCTION.match(text, start, end)
    return _NAMED_ASIDE.match(text, conjunction.end() if conjunction else start, end)


def actor_before_participle(clause: str, cue_at: int) -> re.Match[str] | None:
    """Return the match naming who speaks at a participle cue, its group "m" the name: the
    antecedent of the relative clause the cue stands in ("Dunn, who stormed off declaring"),
    else the actor of "with"/"of" before it ("footage of Clinton asking")."""
    relative = (
        _RELATIVE_PARTICIPLE.search(clause, max(0, cue_at - 200), cue_at)
        if ", who " in clause[max(0, cue_at - 140) : cue_at]  # most cues: tested first, in C
        else None
    )
    if relative is not None and parse_name(relative.group("m")) is not None:
        return relative
    return ACTOR_BEFORE_ING.search(clause, 0, cue_at)
