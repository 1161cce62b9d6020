"""Find who said a quote: the speech cue beside it and the mention at the cue.

Cues are matched against tables kept as data (index/cues.py): a subject before the verb ("Beck
said", "Beck, who has led the force since 2009, said"), the verb before it ("said Beck"), a source
phrase ("according to the AP"), a colon ("Beck said: …") or a framing verb for partial quotes
("called it …"). The mention found there (a name, a pronoun or a description) is then resolved by
the document's `Cast` into a person with a canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.cues import (
    ADVERBS,
    CUE_PHRASES,
    FRAMING_VERBS,
    NOT_SPEAKER_LABELS,
    ORG_HEADS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    TITLES,
)
from index.lexicon import TITLES as ABBREVIATED_TITLES
from index.marks import Span
from index.mentions import NAME, Mention, parse_name
from index.speakers import Cast, Person


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


CUE = rf"\b(?:{_alternation(SPEECH_VERBS | CUE_PHRASES)})\b"
FRAME = rf"\b(?:{_alternation(FRAMING_VERBS | CUE_PHRASES)})\b"
_ADV = rf"(?:(?:{_alternation(ADVERBS)})\s+){{0,2}}"
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
_DET = r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]nother)"
_STOP = (
    r"(?:after|before|when|while|that|which|who|and|or|but|to|in|on|at|with|from|by|than|as|if"
    r"|because|since|is|was|are|were|has|have|had|said|says|told)\b"
)
DESCRIPTION = rf"{_DET}\s+(?:(?!{_STOP})[\w'’.\-]+\s+){{0,4}}?(?!{_STOP})[a-z][\w'’\-]*"
_ROLE_WORD = rf"(?:{_alternation(frozenset(w for w in TITLES | PERSON_NOUNS if w.isalpha()))})"
_ROLE_WORDS = rf"(?:{_ROLE_WORD}\s+){{0,3}}"
MENTION = rf"(?P<m>{PRONOUN}|{DESCRIPTION}|{NAME})"
_APPOSITIVE = r"(?P<app>,\s+[^,\"“”]{1,150}?,)?"
# Cue right after a closing mark: `," Beck said`, `," said Beck`, `," according to the AP`.
_AFTER_SUBJECT = re.compile(rf"^[\s,;—–-]*{MENTION}{_APPOSITIVE}\s+{_ADV}(?P<cue>{CUE})")
_SOURCE = re.compile(
    rf"(?P<cue>\b[Aa]ccording to)\s+(?P<m>{_DET}\s+(?:{NAME}|[\w\-]+(?:\s+[\w\-]+)?)|{NAME})"
)
# Cue before an opening mark, matched backwards from the cue verb.
_ENDINGS = (
    re.compile(rf"(?P<m>{PRONOUN})$"),
    re.compile(rf"(?P<m>(?:\b[Tt]he\s+)?{NAME})$"),
    re.compile(rf"(?P<m>{DESCRIPTION})$"),
)
# Words between a subject and its cue verb: "Beck also said", "He went on to say".
_ADV_TAIL = re.compile(
    rf"\s+(?:(?:{_alternation(ADVERBS)}|is|was|has|had|have"
    r"|(?:went|goes|go|continued|proceeded|wanted|wants|had|has)\s+on\s+to|(?:continued|proceeded)\s+to"
    r"|(?:was|were|is)\s+quoted\s+as)\s+)*$"
)
_AFTER_CUE = re.compile(rf"^[\s,;—–-]*(?P<cue>{CUE})")
# The noun phrase after a verb runs to punctuation or one of these words.
_PHRASE_STOPS = frozenset(
    """
    in on at of to for during after before who which that when while as about from with and but
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_PHRASE_WORD = re.compile(r"[ \t\u00a0]*(?:(?P<w>[\w'’.\-]+)|(?P<p>[,;:!?()—–\"“”]))")
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_DETERMINERS = frozenset("the a an his her their its another".split())
# `said a spokeswoman for Trump hotels, Jennifer Rodstrom.`: the name after the description.
_APPOSITIVE_NAME = re.compile(rf"[^,.;:\"“”()]{{0,60}}?,\s+(?P<m>{NAME})\s*(?:[,.;]|$)")
_NAME_RUN = re.compile(NAME)
# A name credited after a dash at the end of a paragraph: `“…” ― Carla Sanchez`.
_DASH_CREDIT = re.compile(rf"^[.,]?[ \t\u00a0]*[―—–-][ \t\u00a0]*(?P<m>{NAME})[ \t\u00a0]*\.?\s*$")
# A name then a colon right before the quote: `Said Ellis: "…`, `… pollster Daron Shaw: "…`.
_NAME_COLON = re.compile(
    rf"(?:^|[\s,])(?:Said\s+)?(?P<m>{NAME})(?<![A-Z]\.)(?:\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\))?:\s*$"
)
_SAID_NAME = re.compile(rf"^\s*Said\s+(?P<m>{NAME}),\s*$")
# A transcript's speaker label opening the quote: `"PENCE: Gennifer Flowers will not…`.
_LABEL = re.compile(r"[ \t]*(?P<m>(?:MR\.|MS\.|MRS\.|DR\.)?[ \t]*[A-Z][A-Z'’\-]+(?:[ \t][A-Z][A-Z'’\-]+)?):\s")
# "Rep. John Mica (R-Fla.) said", "Sen. Jack Reed (D-R.I.), said", "Gov. Pat McCrory (R) said"
_PARTY_TAG = re.compile(r"\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\),?\s*$")
_TRAILING_CUE = re.compile(
    rf",\s+{MENTION}\s+{_ADV}(?P<cue>{CUE})[^,.;\"“”]{{0,60}},\s*$"
)
_OPENING_SUBJECT = re.compile(
    rf"\s*(?:(?:But|And|So|Yet|Still|Then|Now)\s+(?:then\s+|also\s+|later\s+)?)?"
    rf"(?:{NAME}\s+(?={_ROLE_WORDS}[A-Z]))?"
    rf"(?:{_ROLE_WORDS})?{MENTION}(?:\s*\((?:[A-Z][\w.]*-)?[A-Z][\w.]*\))?{_APPOSITIVE}\s+{_ADV}"
    rf"(?!(?:of|and|or|to|in|on|at|for|with)\b)[a-z]"
)
# A period after a title or an initial ("Lt. Gov. Dan Patrick", "George H.W. Bush") ends nothing.
_NOT_ENDING = "".join(
    rf"(?<!\b{word.capitalize()})" for word in sorted(ABBREVIATED_TITLES) if word.isalpha()
)
SENTENCE_END = re.compile(
    rf"(?:[!?…]|(?<!\b[A-Z]){_NOT_ENDING}\.)[\"'”’)]*\s+(?=[\"“‘'A-Z])"
)
CUES = re.compile(CUE)
_REPORT_VERBS = rf"\b(?:{_alternation(REPORTING_VERBS)})\b"
REPORTS = re.compile(_REPORT_VERBS)
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
CLAUSE_FIRST = re.compile(rf",\s+{MENTION}\s+{_ADV}(?P<cue>{CUE})(?:\s+[\w'’\-]+){{0,4}}\s*[.!]?$")
_FRAMES = re.compile(FRAME)
_VERB_AFTER = re.compile(rf"(?:,[^,]{{1,120}},)?\s+{_ADV}(?P<v>[a-z]+)\b")
# Verbs that introduce what follows without being speech verbs: "made the following comment:".
_INTRODUCING = frozenset("made gave offered issued released shared put".split())
_DESCRIBED_BEFORE = re.compile(
    r"(?:^|(?<=[\s,]))(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w'’\-]+\s+){0,4}?"
    r"(?P<head>[a-z][\w\-]+)\s*$"
)
_ACTOR_BEFORE_ING = re.compile(
    rf"\b(?:of|with|shows?|showed|showing)\s+(?:{_ROLE_WORD}\s+)?(?P<m>{NAME})(?<!['’]s)\s+$"
)
_SUBORDINATE_WORD = re.compile(
    r"(?:^|[\s,])(?:When|After|Before|While|As|If|Although|Though|Because|Since|Once|Until|Unless)\s"
)
# A clause that opens a sentence but is not its main clause: "When Trump suggested …, Rubio …".
_SUBORDINATE = re.compile(
    r"\s*(?:When|After|Before|While|As|If|Although|Though|Because|Since|Once|Until|Unless)\s"
)

PRONOUNS = frozenset("he she they it we i".split())


@dataclass(slots=True)
class Who:
    person: Person | None
    mention: str
    start: int
    end: int
    cue: str
    appositive: str | None = None  # "a spokesman for the campaign": a role hint



def cue_after(text: str, span: Span, end: int) -> Who | None:
    after = text[span.after_at : min(end, span.after_at + 260)]
    if not after or after[0].isalnum():
        return None
    offset = span.after_at
    match = _AFTER_SUBJECT.match(after)
    if match:
        return who_from(match, offset)
    cue = CUES.search(after, 0, 160)
    if cue is not None and not SENTENCE_END.search(after, 0, cue.start()):
        # `," Republican pollster Bill McInturff, part of the team, told NBC.`
        who = subject_before(after, cue.start(), offset)
        prefix = after[: who.start - offset].strip(" ,;—–-") if who is not None else ""
        if who is not None and len(prefix.split()) <= 5 and not any(c in prefix for c in ",;"):
            who.cue = cue.group(0)
            return who
        continues = not text[span.start : span.end].rstrip().endswith((".", "!", "?")) and (
            not after.lstrip()[:1].isupper()
        )
        if continues and after[: cue.start()].rstrip().endswith(","):
            # `“drew quite well” in the 2008 primary, said Ohio State professor Paul Beck.`
            who = _phrase_after(after, cue.end(), offset)
            if who is not None and who.mention[:1].isupper():
                who.cue = cue.group(0)
                return who
    verb = _AFTER_CUE.match(after)
    if verb:
        who = _phrase_after(after, verb.end(), offset)
        if who is not None:
            who.cue = verb.group("cue")
            return who
    match = _DASH_CREDIT.match(after)  # `…” ― Carla Sanchez` closing a paragraph
    if match and parse_name(match.group("m")) is not None:
        return who_from(match, offset)
    match = _SOURCE.match(after.lstrip(" ,;—–-"))
    if match:
        return who_from(match, offset + len(after) - len(after.lstrip(" ,;—–-")))
    match = _TRAILING_CUE.search(after)  # `… interaction” with police, Beck told the Times, “…`
    return who_from(match, offset) if match else None


def _introduces(clause: str, match: re.Match[str]) -> bool:
    """A name before a colon speaks only as a subject: at the clause start, after "Said" or a
    role ("pollster Daron Shaw:"), never as an object ("a message to Trump:", "said of Sanders:")."""
    before = clause[: match.start("m")].split()
    if len(before) >= 3 and before[-2] == "of" and before[-3].lower() in TITLES:
        return True  # "Former secretary of state Hillary Rodham Clinton:"
    return not before or before[-1] == "Said" or before[-1].lower() in PERSON_NOUNS


def starts_with_label(text: str, span: Span) -> bool:
    return _LABEL.match(text, span.start, span.end) is not None


def transcript_label(text: str, span: Span, cast: Cast) -> Who | None:
    """The speaker label of a transcript turn, when it names someone the article knows."""
    match = _LABEL.match(text, span.start, span.end)
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
    """A label that opens two or more quoted turns and is not a stage direction ("VIDEO:")."""
    if label.strip().lower() in NOT_SPEAKER_LABELS:
        return False
    return len(re.findall(rf"[\"“]{re.escape(label)}:", text)) >= 2


def cue_before(text: str, start: int, end: int) -> Who | None:
    """The speech cue nearest before the opening mark in its sentence."""
    clause = text[max(start, end - 300) : end]
    offset = end - len(clause)
    # `Said Ellis: “…`, `… surprise pollster Daron Shaw: “…`, `Said Comey, "…`
    match = _NAME_COLON.search(clause) or _SAID_NAME.match(clause)
    if match and parse_name(match.group("m")) is not None and _introduces(clause, match):
        return who_from(match, offset)
    sources = list(_SOURCE.finditer(clause))
    source = sources[-1] if sources else None
    cues = list(_FRAMES.finditer(clause))
    for cue in reversed(cues):
        if source is not None and source.start() > cue.start():
            break
        if not cue.group(0).endswith("ing"):
            who = subject_before(clause, cue.start(), offset)
            if who is not None and _in_subordinate(clause, who.start - offset, cue.end()):
                continue  # "When Ortiz suggested a loan, Quint fired back: “…”"
            if who is not None:
                who.cue = cue.group(0)
                return who
        if cue.group(0).endswith("ing"):
            # "footage of Hillary Clinton asking, “…”", "with Sen. John McCain calling it “…”"
            actor = _ACTOR_BEFORE_ING.search(clause, 0, cue.start())
            who = who_from(actor, offset) if actor else None
            if who is None and offset == start:  # a clause cut at 300 characters has no opening
                who = sentence_subject(clause, 0, cue.start(), offset)
        else:
            who = _phrase_after(clause, cue.end(), offset, need_colon=True)
        if who is not None:
            who.cue = cue.group(0)
            return who
    if source is not None:
        return who_from(source, offset)
    return None


def _in_subordinate(clause: str, subject_at: int, cue_end: int) -> bool:
    """Whether the subject opens a subordinate clause that a comma closes before the quote."""
    opening = clause[max(0, subject_at - 12) : subject_at + 12]
    return bool(_SUBORDINATE_WORD.search(opening)) and ", " in clause[cue_end:]


def subject_before(text: str, end: int, offset: int) -> Who | None:
    """The subject ending right before a cue verb: a pronoun, a name or a description.

    An appositive between them is skipped ("Beck, who has led the force since 2009, said").
    """
    lo = max(0, end - 220)
    tail = _ADV_TAIL.search(text, lo, end)
    end = tail.start() if tail else end
    party = _PARTY_TAG.search(text, lo, end)  # "Rep. John Mica (R-Fla.) said"
    end = party.start() if party else end
    appositive = None
    for _ in range(3):
        for pattern in _ENDINGS:
            match = pattern.search(text, max(lo, end - 120), end)
            if match:
                if not _can_be_subject(text, match):
                    return None
                who = who_from(match, offset)
                if appositive is not None:
                    who.appositive = appositive
                return who
        stripped = text[lo:end].rstrip()
        if not stripped or stripped[-1] not in ",—–":
            return None
        separator = max(
            text.rfind(", ", lo, end - 2),
            text.rfind(" —", lo, end - 2),
            text.rfind(" –", lo, end - 2),
        )
        if separator < 0 or end - separator > 160:
            return None
        appositive = text[separator:end].strip(" ,—–")
        last = appositive.split()[-1].lower() if appositive.split() else ""
        if appositive[:1].isupper() and last not in PERSON_NOUNS and last not in TITLES:
            described = _DESCRIBED_BEFORE.search(text, max(lo, separator - 80), separator)
            if described and described.group("head").lower() in PERSON_NOUNS and (
                parse_name(appositive) is not None
            ):
                # "A top strategist, John Weaver, tells": the name in apposition speaks.
                at = offset + separator + text[separator:end].index(appositive)
                return Who(None, appositive, at, at + len(appositive), "", described.group(0))
            return None  # "…, Trump went after Bush, calling": a clause, not an appositive
        end = separator
    return None


_PREPOSITIONS = frozenset(
    "of for to with about on in by from against than over into among between like at per".split()
)


def _can_be_subject(text: str, match: re.Match[str]) -> bool:
    """Not a possessive ("Trump’s remarks") nor a preposition's object ("of Republican claims")."""
    mention = match.group("m")
    if mention.endswith(("'s", "’s", "s'", "s’")):
        return False
    before = text[max(0, match.start("m") - 30) : match.start("m")].split()
    if len(before) >= 2 and before[-2][:1].isupper():
        return True  # "Council on American-Islamic Relations": the preposition is in a name
    return not before or before[-1].lower() not in _PREPOSITIONS


def _phrase_after(text: str, start: int, offset: int, need_colon: bool = False) -> Who | None:
    """The noun phrase after a verb ("said Republican pollster Daron Shaw, who…").

    Lower-case words belong to it only between capitalized ones (role words: "said Marquette
    pollster Charles Franklin") or after a determiner ("said the police chief").
    """
    tokens: list[tuple[int, int]] = []
    stop = ""
    position = start
    while len(tokens) < 9:
        match = _PHRASE_WORD.match(text, position)
        if match is None or match.group("p"):
            stop = match.group("p") if match else ("$" if position >= len(text) else "")
            break
        word = match.group("w")
        if word == "and" and tokens and _title_then_capital(text, tokens[-1], match.end()):
            position = match.end()  # "former Pennsylvania Gov. and DNC Chairman Ed Rendell"
            continue
        if word.lower() in _PHRASE_STOPS:
            break
        position = match.end()
        if word.endswith(".") and not _abbreviated(word):
            tokens.append((match.start("w"), match.end("w") - 1))
            stop = "."
            break
        tokens.append(match.span("w"))
    if not tokens:
        return None
    words = [text[a:b] for a, b in tokens]
    described = words[0].lower() in ("the", "a", "an", "another", "one")
    if not described:
        capitals = [index for index, word in enumerate(words) if word[:1].isupper()]
        if not capitals:
            return None
        if capitals[-1] + 1 < len(words):
            words, tokens, stop = words[: capitals[-1] + 1], tokens[: capitals[-1] + 1], " "
    if need_colon and not stop.startswith((":", ",")):
        return None
    phrase = text[tokens[0][0] : tokens[-1][1]]
    at = offset + tokens[0][0]
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Who(None, phrase, at, at + len(phrase), "")
    if described and len(words) > 1:
        named = _APPOSITIVE_NAME.match(text, tokens[-1][1])
        if named is not None and not need_colon and parse_name(named.group("m")) is not None:
            # `said a spokeswoman for Trump hotels, Jennifer Rodstrom.`
            role = text[tokens[0][0] : named.start("m")].rstrip(" ,")
            return Who(None, named.group("m"), offset + named.start("m"), offset + named.end("m"),
                       "", role)
        if not words[-1][:1].isupper() or words[0].lower() in _INDEFINITE:
            return Who(None, phrase, at, at + len(phrase), "")  # a description, or nobody named
    names = list(_NAME_RUN.finditer(phrase))
    if not names:
        return None
    name = names[-1]
    if words[0] in ("the", "The") and name.start() == 4:
        return Who(None, phrase, at, at + len(phrase), "")
    role = phrase[: name.start()].strip() or None
    return Who(None, name.group(0), at + name.start(), at + name.end(), "", role)


def _title_then_capital(text: str, last: tuple[int, int], after: int) -> bool:
    """Whether "and" joins two titles of one person: a title before it, a capital after it."""
    word = text[last[0] : last[1]].lower()
    return (word in TITLES or word.rstrip(".") in TITLES) and text[after : after + 2].strip()[:1].isupper()


def _abbreviated(word: str) -> bool:
    """A period that belongs to the word: an initial ("B."), a title ("Sen."), "Jr."."""
    bare = word[:-1]
    return len(bare.replace(".", "")) <= 1 or bare.lower() in ABBREVIATED_TITLES | {"jr", "sr"}


def sentence_subject(text: str, start: int, end: int, offset: int) -> Who | None:
    """The subject that opens a sentence, after any leading adverbial ("On Sunday, Trump …")."""
    position = start
    for _ in range(3):
        match = _OPENING_SUBJECT.match(text, position, end)
        if match and not _SUBORDINATE.match(text, position, end) and _can_speak(match.group("m")):
            return who_from(match, offset)
        comma = text.find(", ", position, end)
        if comma < 0:
            return None
        position = comma + 2
    return None


def framing_subject(text: str, start: int, end: int) -> Who | None:
    """The subject of a sentence whose verb frames speech ("Valastro praised Christie …",
    "Sanders made the following comment:"), for the quote paragraph that follows it."""
    who = sentence_subject(text, start, end, 0)
    if who is None:
        return None
    verb = _VERB_AFTER.match(text, who.end, end)
    if verb is None or not (_FRAMES.fullmatch(verb.group("v")) or verb.group("v") in _INTRODUCING):
        return None
    who.cue = verb.group("v")
    return who


def _can_speak(mention: str) -> bool:
    """A pronoun, a name, or a description of a person or organization: not "a few days"."""
    words = mention.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if words[0].lower() in _DETERMINERS:
        return words[-1].lower() in PERSON_NOUNS or words[-1].lower() in ORG_HEADS or (
            words[-1][:1].isupper()
        )
    return parse_name(mention) is not None


def who_from(match: re.Match[str], offset: int) -> Who:
    mention = match.group("m")
    groups = match.groupdict()
    who = Who(
        None, mention, offset + match.start("m"), offset + match.end("m"), groups.get("cue") or ""
    )
    if groups.get("app"):
        who.appositive = groups["app"].strip(" ,")  # kept as a role hint
    return who
