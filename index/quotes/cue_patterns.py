"""The speech-cue patterns of attribution, compiled once from the word tables in index/quotes/cues.py.

A mention is a pronoun, a description ("the police chief") or a name; the patterns find one beside
a cue verb before a quote ("Beck said"), after it ("said Beck"), at a source phrase ("according
to the AP"), a colon, a transcript label or a dash credit. The code that applies them is in
index/quotes/attribution.py.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from index.quotes.cues import (
    ADVERBS,
    CUE_PHRASES,
    DEMONYMS,
    FRAMING_VERBS,
    INVERTED_ONLY,
    NOT_ADVERBS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    TITLES,
)
from index.quotes.people.mentions import NAME
from index.text.lexicon import TITLES as ABBREVIATED_TITLES


def alternation(words: frozenset[str] | list[str]) -> str:
    """Return the words as one regex alternation, longest first, as a tree of shared letters.

    Python's engine tries every alternative in turn; as a tree ("s(?:a(?:id|ys)|tated)") it
    reads a letter once for all the words that share it instead of trying 180 words. At one
    place only the words of one branch can match, and they keep their longest-first order (a
    word ends after the longer words it begins), so the same word matches as in the flat list.
    """
    ordered = sorted(words, key=len, reverse=True)
    branches: dict[str, list[str]] = {}
    for word in ordered:
        branches.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in branches.items():
        if len(rests) == 1 or not first:
            parts.append(re.escape(first + rests[0]))
        else:
            parts.append(f"{re.escape(first)}(?:{alternation(rests)})")
    return "|".join(parts)


CUE_WORDS = SPEECH_VERBS | CUE_PHRASES
CUE = rf"\b(?:{alternation(CUE_WORDS)})\b"
FRAME = rf"\b(?:{alternation(FRAMING_VERBS | CUE_PHRASES)})\b"
# Any -ly adverb may stand there too ("Cruz had effusively praised", "Clinton flatly said").
LY_ADVERB = rf"(?!(?:{alternation(NOT_ADVERBS)})\b)[a-z]{{2,}}ly"
ADV = rf"(?:(?:{alternation(ADVERBS)}|{LY_ADVERB})\s+){{0,2}}"
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
# "one Republican lawmaker said", "some Democrats said": a quantifier opens a description too
DET = r"(?<![\w\-])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]nother|[Oo]ne|[Ss]ome|[Ss]everal)"
STOP = (
    r"(?:after|before|when|while|that|which|who|and|or|but|to|in|on|at|with|from|by|than|as|if"
    r"|because|since|is|was|are|were|has|have|had|said|says|told)\b"
)
# The head may be an age: "the 34-year-old added", or an origin: "the 27-year-old Austrian said".
ORIGIN = rf"(?:{alternation(frozenset(w.capitalize() for w in DEMONYMS))}|(?:English|Irish|Welsh|Cornish|French|Dutch|Scots|Manx)(?:man|woman)|Spaniard)\b"
# "a spokesman for Acme": the body a spokesperson speaks for (taken as the speaker).
DESCRIPTION = (
    rf"{DET}\s+(?:(?!{STOP})[\w'’.\-]+\s+){{0,4}}?(?!{STOP})(?:[a-z][\w'’\-]*|\d{{1,3}}-year-old|{ORIGIN})"
    rf"(?:(?<=spokesman|okeswoman|kesperson)\s+(?:for|from|at)\s+(?:the\s+)?{NAME})?"
)
ROLE_WORD = rf"(?:{alternation(frozenset(w for w in TITLES | PERSON_NOUNS if w.isalpha()))})"
ROLE_WORDS = rf"(?:{ROLE_WORD}\s+){{0,3}}"
MENTION = rf"(?P<m>{PRONOUN}|{DESCRIPTION}|{NAME})"
# Runs of characters up to a mark they exclude ("[^,…]{1,150}+,") are possessive: the run can
# only end at that mark, which a lazy run found by trying what follows at every character.
APPOSITIVE = r"(?P<app>,\s+[^,\"“”]{1,150}+,)?"
# Cue right after a closing mark: `," Beck said`, `," said Beck`, `," according to the AP`.
AFTER_SUBJECT = re.compile(rf"^[\s,;—–-]*{MENTION}{APPOSITIVE}\s+{ADV}(?P<cue>{CUE})")
# "according to a spokesman for Acme": the body speaks (descriptions.speaking_for).
_SPOKESPERSON = r"(?:spokes(?:man|woman|person)|representative)"
_BODY = rf"{NAME}(?:\s+(?:for|and|&)\s+{NAME}){{0,2}}"  # "Department for Work and Pensions"
SPOKESPERSON_FOR = (
    rf"{DET}\s+(?:[a-z]+\s+)?{_SPOKESPERSON}\s+(?:for|from|at)\s+(?:the\s+)?{_BODY}"
    # "an Acme spokesman", "a Department for Work and Pensions spokeswoman"
    rf"|{DET}\s+{_BODY}\s+(?:[a-z]+\s+)?{_SPOKESPERSON}\b"
)
SOURCE = re.compile(
    rf"(?P<cue>\b[Aa]ccording to)\s+"
    rf"(?P<m>{SPOKESPERSON_FOR}|{DET}\s+(?:{NAME}|[\w\-]+(?:\s+[\w\-]+)?)|{NAME})"
)
# The sentence after a quote crediting it: "That quote from Commissioner Tom Krebs appeared …".
QUOTE_CREDIT = re.compile(
    rf"[\s\"”’]*(?:That|This|The)\s+(?P<cue>(?:quote|remark|line|comment|words)\s+(?:came\s+)?"
    rf"(?:from|by))\s+(?P<m>{NAME})"
)


class Ending(NamedTuple):
    """A subject matched backwards from a cue verb, and what spares its search: a search of an
    ending pattern tries it at every character of the window before the verb."""

    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()  # one of these is in its every match (none: no such word)
    reach: int | None = None  # its longest match (ending before a final newline, as $ allows)
    capital: bool = False  # its every match ends in a word that holds a capital A-Z


# Cue before an opening mark, matched backwards from the cue verb.
ENDINGS = (
    Ending(re.compile(rf"(?P<m>{PRONOUN})$"), reach=len("They\n")),
    # not "Terminix", the object of "for"
    Ending(re.compile(rf"(?P<m>{SPOKESPERSON_FOR})$"), words=("spokes", "representative")),
    # NAME ends in a capitalized word (_CAP: a capital, then no space)
    Ending(re.compile(rf"(?P<m>(?:\b[Tt]he\s+)?{NAME})$"), capital=True),
    Ending(re.compile(rf"(?P<m>{DESCRIPTION})$")),
)
# A name that modifies a role before another name: "Cruz spokesman Rick Tyler", "Clinton press
# secretary Brian Fallon" (the role is checked against the person nouns where it is used).
ATTRIBUTIVE = re.compile(
    rf"{NAME}[ \t]+(?:[a-z\-]+[ \t]+){{0,2}}?(?P<role>[a-z\-]+)[ \t]+(?P<m>{NAME})"
)
# What ATTRIBUTIVE can read before its second name: a name's characters, lower-case words, blanks.
_BEFORE_SECOND_NAME = re.compile(r"[\w'’.\- \t\u00a0]*")


def attributive(text: str, start: int, end: int) -> re.Match[str] | None:
    """`ATTRIBUTIVE.match(text, start, end)` where its role can be a person noun, else None.

    The role is a word set off by blanks in the run of name characters and blanks from `start`:
    where no word of that run is a person noun, the match (dearer than this test) is no
    attributive one for any caller, all of which ask for a person noun as its role."""
    run = _BEFORE_SECOND_NAME.match(text, start, end)
    if run is None or PERSON_NOUNS.isdisjoint(run.group().split()):
        return None
    match = ATTRIBUTIVE.match(text, start, end)
    if match is not None and any(
        word in ADVERBS or word in FRAMING_VERBS or (word.endswith("ed") and "-" not in word)
        for word in text[start : match.start("role")].split()
    ):  # "McClaren also praised winger Stewart Downing": a clause, the first name its subject
        return None
    return match


# "Mike Lee, who declared": the name a relative "who" stands for, right before the cue verb.
RELATIVE_WHO = re.compile(rf"(?<![\w'’.])(?P<m>{NAME})(?:\s*\([^()]{{1,12}}\))?,\s+who\s*$")
# Names joined before a subject's last name: "Cummings and " / "Sens. Tom Carper, Dianne Feinstein
# and " (searched in the few characters before the last name, so it cannot run far).
COORDINATED = re.compile(rf"(?<![\w'’.])(?:{NAME},\s+){{0,5}}{NAME},?\s+and\s+$")
# What separates the names of such a group: "Carper, Feinstein and Mikulski".
MEMBER_SEPARATOR = re.compile(r",?\s+and\s+|,\s+")
# Words between a subject and its cue verb: "Beck also said", "He went on to say".
ADV_TAIL = re.compile(
    rf"\s+(?:(?:{alternation(ADVERBS)}|{LY_ADVERB}|is|was|has|had|have"
    r"|(?:went|goes|go|continued|proceeded|wanted|wants|had|has)\s+on\s+to|(?:continued|proceeded)\s+to"
    r"|(?:was|were|is)\s+quoted\s+as"
    # "Obama on Tuesday called", "Trump last week said", "Clinton in the past has said"
    r"|(?:on|last|this|early|late)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|week|month|year|night|morning|evening|afternoon)|in\s+the\s+past|at\s+the\s+time)\s+)*$"
)
# Right after a quote the bare plural forms are cues too: `," reply Smith and Jones`.
AFTER_CUE = re.compile(rf"^[\s,;—–-]*(?P<cue>\b(?:{alternation(CUE_WORDS | INVERTED_ONLY)})\b)")
# The noun phrase after a verb runs to punctuation or one of these words.
PHRASE_STOPS = frozenset(
    """
    in on at of to for during after before who which that when while as about from with and but
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
PHRASE_WORD = re.compile(r"[ \t\u00a0]*(?:(?P<w>[\w'’.\-]+(?:&[A-Z][\w'’.\-]*)?)|(?P<p>[,;:!?()—–\"“”]))")
INDEFINITE = frozenset({"a", "an", "another", "one"})
DETERMINERS = frozenset("the a an his her their its another".split())
# `said a spokeswoman for Trump hotels, Jennifer Rodstrom.`: the name after the description.
APPOSITIVE_NAME = re.compile(rf"[^,.;:\"“”()]{{0,60}}+,\s+(?P<m>{NAME})\s*(?:[,.;]|$)")
NAME_RUN = re.compile(NAME)
# A sentence opened by a name whose apposition never closes before the verb: "Sam Lau, the
# spokesman for the state party said" (a person noun heads the apposition).
UNCLOSED_APPOSITION = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<m>{NAME}),\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){{0,4}}?"
    rf"(?P<head>[a-z][\w\-]+)(?:\s+(?:for|of|at|in|with)\s+[^,;:\"“”()]{{1,80}}?)?\s*$"
)
# A subject placed by "City, State" before its verb, which the comma must not split: "Stacy Baker
# of Columbia, South Carolina says", "Dean Johnson, a salesman from Sumter, South Carolina, says".
PLACED_SUBJECT = re.compile(
    rf"(?:^|(?<=[\s,]))(?P<m>{NAME})(?:,\s+(?P<app>(?:a|an|the)\s[^,;:\"“”]{{1,100}}?))?"
    rf"\s+(?:of|from|in)\s+{NAME},\s+(?P<state>{NAME}),?\s*$"
)
# The subject of an infinitive cue: "…, only for Trump to tweet Monday that “…”".
INFINITIVE_SUBJECT = re.compile(rf"\bfor\s+(?P<m>{NAME})\s+to\s*$")
# A name credited after a dash at the end of a paragraph: `“…” ― Carla Sanchez`.
DASH_CREDIT = re.compile(rf"^[.,]?[ \t\u00a0]*[―—–-][ \t\u00a0]*(?P<m>{NAME})[ \t\u00a0]*\.?\s*$")
# The same credit closing a line that a quote opens: `“… what he calls “hell” than …” ― Ana Ruiz`.
LINE_CREDIT = re.compile(rf"[”\"][ \t\u00a0]*[―—–][ \t\u00a0]*(?P<m>{NAME})[ \t\u00a0]*\.?\s*$")
# A name then a colon right before the quote: `Said Ellis: "…`, `… pollster Daron Shaw: "…`.
NAME_COLON = re.compile(
    rf"(?:^|[\s,])(?:Said\s+)?(?P<m>{NAME})(?<![A-Z]\.)(?:\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\))?:\s*$"
)
SAID_NAME = re.compile(rf"^\s*Said\s+(?P<m>{NAME}),\s*$")
# A transcript's speaker label opening the quote: `"PENCE: Gennifer Flowers will not…`.
LABEL = re.compile(r"[ \t]*(?P<m>(?:MR\.|MS\.|MRS\.|DR\.)?[ \t]*[A-Z][A-Z'’\-]+(?:[ \t][A-Z][A-Z'’\-]+)?):\s")
# "Rep. John Mica (R-Fla.) said", "Sen. Jack Reed (D-R.I.), said", "Gov. Pat McCrory (R) said"
PARTY_TAG = re.compile(r"\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\),?\s*$")
TRAILING_CUE = re.compile(
    rf",\s+{MENTION}\s+{ADV}(?P<cue>{CUE})[^,.;\"“”]{{0,60}},\s*$"
)
OPENING_SUBJECT = re.compile(
    rf"\s*(?:(?:But|And|So|Yet|Still|Then|Now)\s+(?:then\s+|also\s+|later\s+)?)?"
    rf"(?:{NAME}\s+(?={ROLE_WORDS}[A-Z]))?"
    rf"(?:{ROLE_WORDS})?{MENTION}(?:\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\))?{APPOSITIVE}"
    rf"(?:(?<=[Hh]e|[Ee]y)['’](?:s|d|ll|ve|re))?\s+{ADV}"  # "He’s claiming", "They’ve said"
    rf"(?!(?:of|and|or|to|in|on|at|for|with)\b)[a-z]"
)
# A period after a title or an initial ("Lt. Gov. Dan Patrick", "George H.W. Bush") ends nothing.
# Read from past the mark, so that the pattern opens with a character class: the engine then
# skips to the next mark in C instead of trying the look-behinds at every character. One
# look-behind for all the titles of a length (a look-behind's alternatives share one width),
# not one a title: each mark tried five of them rather than forty (a third of the search).
def _not_ending() -> str:
    by_length: dict[int, list[str]] = {}
    for title in sorted(word.capitalize() for word in ABBREVIATED_TITLES if word.isalpha()):
        by_length.setdefault(len(title), []).append(title)
    return "".join(rf"(?<!\b(?:{'|'.join(titles)})\.)" for _, titles in sorted(by_length.items()))


NOT_ENDING = _not_ending()
SENTENCE_END = re.compile(
    rf"[!?….](?<!\b[A-Z]\.){NOT_ENDING}[\"'”’)]*\s+(?=[\"“‘'A-Z])"
)
CUES = re.compile(CUE)
REPORT_VERBS = rf"\b(?:{alternation(REPORTING_VERBS)})\b"
REPORTS = re.compile(REPORT_VERBS)
# What may follow a reporting verb before the reported clause: "told the Times that", "said Tuesday".
REPORT_OPENING = re.compile(
    r"(?:\s+(?:the|a|an|his|her|their|reporters|[A-Z][\w.'’\-]*)\b[\w\s'’.\-]{0,40}?\s+that"
    r"|(?:\s+(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|week|night|morning|yesterday|today))?\s+that"
    r"|\s+(?=(?:he|she|they|it|we|I|there)\b)"
    # "Calder said a temporary water taxi would run": a bare clause, known by its finite verb.
    r"|(?:\s+(?:on\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"\s+(?=(?:the|a|an|this|these|those|its|his|her|their|(?!(?:Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)\b)[A-Z][\w'’\-]*)\s"
    r"[\w'’\- ]{0,60}?\b(?:would|will|could|can|should|must|may|might|is|are|was|were|has|have"
    r"|had|did|does)\b))\s*"
)
# An attribution set off inside the sentence before a quote: "Despite that, Luger said, the men
# tried to reach Syria 'by any means'": the whole sentence is Luger's.
# It stands at the clause's start (`PARENTHETICAL.match`) or after a comma: the search for the
# latter opens with the comma, which the engine skips to in C, where one pattern opening with
# `(?:^|,\s+)` was tried at every character of the clause.
PARENTHETICAL = re.compile(
    rf"(?P<m>{PRONOUN}|{NAME})\s+{ADV}(?P<cue>said|says|added|adds|explained|insisted|"
    rf"claimed|argued|alleged|told\s+(?:the\s+)?[A-Z][\w.]*|told\s+(?:him|her|them|us|me|reporters)),"
    r"\s+(?=[a-z]+\s)"
)
PARENTHETICAL_AFTER_COMMA = re.compile(rf",\s+(?:{PARENTHETICAL.pattern})")
CLAUSE_FIRST = re.compile(rf",\s+{MENTION}\s+{ADV}(?P<cue>{CUE})(?:\s+[\w'’\-]+){{0,4}}\s*[.!]?$")
FRAMES = re.compile(FRAME)
VERB_AFTER = re.compile(rf"(?:,[^,]{{1,120}},)?\s+{ADV}(?P<v>[a-z]+)\b")
# Verbs that introduce what follows without being speech verbs: "made the following comment:".
INTRODUCING = frozenset("made gave offered issued released shared put".split())
DESCRIBED_BEFORE = re.compile(
    r"(?:^|(?<=[\s,]))(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Z][\w\-]*['’]s)\s+"
    r"(?:[\w'’\-]+\s+){0,4}?"
    r"(?P<head>[a-z][\w\-]+)\s*$"
)
ACTOR_BEFORE_ING = re.compile(
    rf"\b(?:of|with|shows?|showed|showing)\s+(?:{ROLE_WORD}\s+)?(?P<m>{NAME})(?<!['’]s)"
    rf"\s+(?:{LY_ADVERB}\s+)?$"  # "with Trump reportedly yelling: “…”"
)
# A clause that opens a sentence but is not its main clause: "When Trump suggested …, Rubio …".
_OPENS_SUBORDINATE = r"(?:When|After|Before|While|As|If|Although|Though|Because|Since|Once|Until|Unless)\s"
SUBORDINATE_WORD = re.compile(rf"(?:^|[\s,]){_OPENS_SUBORDINATE}")
SUBORDINATE = re.compile(rf"\s*{_OPENS_SUBORDINATE}")

PRONOUNS = frozenset("he she they it we i".split())
