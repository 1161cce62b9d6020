"""Speakers named without a cue verb beside the quote: transcript labels ("WALLACE: …"), Title
Case headings ("Clinton Said Reform “Has To Come …”") and credit lines ("… / Jo Roe, economist.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from index.models import Paragraph
from index.quotes.attribution import cue_after, phrase_after
from index.quotes.cue_patterns import LABEL, LINE_CREDIT
from index.quotes.cues import (
    CARRIERS,
    DOCUMENT_NOUNS,
    FRAMING_VERBS,
    NOT_SPEAKER_LABELS,
    PERSON_NOUNS,
    POSSESSIVE_ENDINGS,
    TITLES,
)
from index.quotes.marks import Span
from index.quotes.people.cast import Cast
from index.quotes.people.mentions import NAME, Mention, parse_name
from index.quotes.subjects import Who, named_who


def starts_with_label(text: str, span: Span) -> bool:
    """Tell a quote that opens with a transcript speaker label ("SANDERS: …", "MR. SMITH: …")."""
    return LABEL.match(text, span.start, span.end) is not None


def transcript_label(text: str, span: Span, cast: Cast) -> Who | None:
    """Return the speaker label of a transcript turn, when it names someone the article knows."""
    match = LABEL.match(text, span.start, span.end)
    if match is None:
        return None
    label = match.group("m")
    parsed = parse_name(label)
    person = cast.lookup(parsed.name) if parsed is not None else None
    if person is None and parsed is not None and _recurring_label(text, label):
        # "WALLACE:" opening several turns names a speaker even if the article never did.
        person = cast.name_person(Mention(parsed.name.title(), None, match.start("m"), match.end("m")))
    if person is None or person.org:
        return None
    return Who(person, label, match.start("m"), match.end("m"), ":")


def _recurring_label(text: str, label: str) -> bool:
    """Tell a label that opens two or more quoted turns and is not a stage direction ("VIDEO:")."""
    if label.strip().lower() in NOT_SPEAKER_LABELS:
        return False
    return len(re.findall(rf"[\"“]{re.escape(label)}:", text)) >= 2


def headline_cue(text: str, start: int, end: int) -> Who | None:
    """Return a speech verb in a Title Case heading ("Clinton Said Reform “Has To Come From …”"):
    the capitalized words that open the heading's last phrase, up to the verb, name the speaker."""
    offset = max(start, end - 300)
    clause = text[offset:end]
    words = list(_WORD.finditer(clause))
    capitals = [word for word in words if word.group(0)[:1].isupper()]
    if len(words) < 3 or len(capitals) < 0.8 * len(words):
        return None
    first = len(words) - 1  # the first word after the last comma ("At A Summit, Quint Joked")
    while first > 0 and not _SEPARATOR.search(clause, words[first - 1].end(), words[first].start()):
        first -= 1
    for index in range(first + 1, min(first + 5, len(words))):
        verb = words[index].group(0)
        if verb.lower() in FRAMING_VERBS and verb[:1].isupper():
            name = clause[words[first].start() : words[index - 1].end()]
            parsed = parse_name(name)
            if parsed is None or parsed.role:
                return None  # "Goldman Sachs Representative Thanked": no name
            at = offset + words[first].start()
            return Who(None, name, at, at + len(name), verb)
    return None


_WORD = re.compile(r"[\w'’.\-]+")
_SEPARATOR = re.compile(r"[,;:()\[\]\"“”]")


# `“… daughter.\nMo Roe, director of the Harbor Institute.”`: a credit as the quote's last line,
# a paragraph of its own when lines are paragraphs (the closing mark is then on the credit).
_CREDIT_LINE = re.compile(rf"[ \t]*(?P<m>{NAME}),[ \t]+[^\n]{{1,160}}[\"”][ \t]*$")
# `-President Obama, tweeting after the speech.` opening the paragraph after a quote paragraph.
_CREDIT_BELOW = re.compile(rf"[ \t]*[-—–―][ \t]*(?P<m>{NAME})[ \t]*(?:[,.]|$)")


def credit_line(text: str, span: Span, below: Sequence[Paragraph]) -> Who | None:
    """Return a name credited on the line that closes the quote, or on a dash line right below it.

    `below` holds the paragraphs after the quote's (two suffice). A dash line followed by
    another is an item of a list ("- Affordable Housing."), not a credit; and a dash line
    inside a quote that is still open is the quote's own text.
    """
    if not below or text[span.after_at : span.paragraph.end].strip(" .,"):
        return None  # the quote must end its paragraph
    following = below[0]
    if span.after_at == span.end:  # not closed in its paragraph: the credit may close it
        match = _CREDIT_LINE.fullmatch(text, following.start, following.end)
    else:
        match = _CREDIT_BELOW.match(text, following.start, following.end)
        if match and len(below) > 1 and _DASH_LINE.match(text, below[1].start, below[1].end):
            match = None
    return named_who(match, 0)


_DASH_LINE = re.compile(r"[ \t]*[-—–―•]")


def line_credit(text: str, span: Span) -> Who | None:
    """`“… what he calls “hell” than …” ― Ana Ruiz`: a quote opening its line takes the dash credit
    closing that line, even when marks nested inside it (same marks) cut the quote short."""
    if span.open_at != span.paragraph.start:
        return None
    return named_who(LINE_CREDIT.search(text, span.after_at, span.paragraph.end), 0)


def cue_past_nested(text: str, span: Span) -> Who | None:
    """`“Trump’s claim that a deal “has to do with Israel” makes clear …,” wrote Morton Klein`:
    a quote holding an opening mark it never closes was cut short by a quote nested with the
    same marks, so its cue stands after the paragraph's last closing mark."""
    quoted = text[span.start : span.end]
    if quoted.count("“") <= quoted.count("”") or span.after_at >= span.paragraph.end:
        return None
    last = text.rfind("”", span.after_at, span.paragraph.end)
    if last < 0:
        return None
    return cue_after(text, replace(span, after_at=last + 1), span.paragraph.end)


def document_source(who: Who) -> bool:
    """Tell an "according to" credit naming a document rather than a speaker (`…,” according
    to an extract of the article`), which yields to the speaker the sentence itself names."""
    if who.cue in ("reports", "reported") and who.mention.split()[0] in ("the", "The"):
        return True  # `…,' reports the Golf Channel`: the outlet relays the sentence's speaker
    return who.cue.lower() == "according to" and bool(
        CARRIERS.intersection(who.mention.lower().split()[:3])
    )


def passive_agent(text: str, span: Span) -> Who | None:
    """Return the agent of a passive framing verb: `The posters were branded a "big misjudgement"
    by the Tories`, `the film was ruled "too American" by a Paris court`: they said it."""
    if _PASSIVE_FRAME.search(text, max(0, span.open_at - 200), span.open_at) is None:
        return None
    by = _BY.match(text, span.after_at)
    who = phrase_after(text, by.end(), 0) if by is not None else None
    if who is None or who.mention.endswith(POSSESSIVE_ENDINGS) or (
        who.mention.lower().removesuffix("s") in PERSON_NOUNS | TITLES
    ):
        return None  # "by Acme's board": not the owner's words; "by MPs": no one to name
    who.cue = "by"
    return who


# A passive framing participle right before the opening mark: "was branded a", "were labelled".
_PASSIVE_FRAME = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?(?:labell?ed|branded|dubbed|"
    r"described|deemed|called|termed|ruled|condemned|hailed|derided|denounced|dismissed)"
    r"\s+(?:as\s+)?(?:(?:a|an|the)\s+)?"
    # … and the fragments after one joined to it, each with its own agent: `was dubbed a
    # 'machine-made princess' by Ann Lee and 'drab' by Meg Rose`
    r"(?:[‘'\"“][^‘'\"“”’]{1,80}[’'\"”]\s+by\s+[^,;.:‘'\"“”’]{1,60}?,?\s+(?:and|or)\s+"
    r"(?:as\s+)?(?:(?:a|an|the)\s+)?)*$"
)
_BY = re.compile(r"[\s,]*by\s+(?=[A-Za-z])")


def quoted_as_saying(text: str, span: Span) -> Who | None:
    """Return whom an outlet "quoted … as saying", in the sentence after the quote (`…," AP
    quoted prosecutor Ann Dee as saying.`) or right before it (`Reuters quoted an official as
    saying: "…"`): they spoke; the outlet only carried it."""
    # After the quote only within its sentence, and only as its bare credit (`…," AP quoted X
    # as saying.`): after `….' Der Spiegel quoted X as saying Greece would …` X said more.
    closed = text[span.start : span.end].rstrip().endswith((".", "!", "?"))
    after = None if closed else _QUOTED_AFTER.match(text, span.after_at)
    verb = after.end() if after is not None else text.rfind(" quoted ", max(0, span.open_at - 160), span.open_at) + 8
    if verb < 8:
        return None
    who = phrase_after(text, verb, 0)
    head = _HEAD.match(text, verb) if who is None else None  # "his brother", set off by a comma
    tail = _AS_SAYING.match(text, who.end if who is not None else head.end() if head else verb)
    if tail is None or (after is None and text[tail.end() : span.open_at].strip(" ,:")):
        return None  # not right before the opening mark: another sentence's
    if after is not None and not _CREDIT_END.match(text, tail.end()):
        return None
    if tail.group("app") and (named := parse_name(tail.group("app"))) is not None:
        at = tail.start("app")  # "quoted Liu's wife, Liu Xia, as saying": the name
        who = Who(None, named.name, at + named.start, at + named.end, "")
    if who is None:
        return None
    last = who.mention.split()[-1].lower()
    if last in CARRIERS | DOCUMENT_NOUNS or (last not in PERSON_NOUNS and parse_name(who.mention) is None):
        return None  # "quoted the note as saying": what was written, by no one named
    who.cue = "quoted"
    return who


# The cue after the quote, in its sentence: `," AP quoted`, `," the newspaper quoted`.
_QUOTED_AFTER = re.compile(r"[ \t]*,?[ \t]*[^.!?\"“”\n,]{1,50}?\squoted\s+(?=[A-Za-z])")
_HEAD = re.compile(r"[^,.\"“”\n]{2,40}?(?=,\s)")
_CREDIT_END = re.compile(r"\s*(?:[.;]|$)")  # "as saying." closes a bare credit
_AS_SAYING = re.compile(r"(?:,\s+(?P<app>[^,.\"“”]{2,40}),)?,?\s+as\s+saying\b")
