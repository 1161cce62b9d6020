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

from index.cue_patterns import (
    ACTOR_BEFORE_ING,
    ADV_TAIL,
    AFTER_CUE,
    AFTER_SUBJECT,
    APPOSITIVE_NAME,
    ATTRIBUTIVE,
    COORDINATED,
    CUES,
    DASH_CREDIT,
    DESCRIBED_BEFORE,
    DETERMINERS,
    ENDINGS,
    FRAMES,
    INDEFINITE,
    INFINITIVE_SUBJECT,
    INTRODUCING,
    MEMBER_SEPARATOR,
    NAME_COLON,
    NAME_RUN,
    OPENING_SUBJECT,
    PARTY_TAG,
    PHRASE_STOPS,
    PHRASE_WORD,
    PLACED_SUBJECT,
    PRONOUNS,
    QUOTE_CREDIT,
    RELATIVE_WHO,
    SAID_NAME,
    SENTENCE_END,
    SOURCE,
    SUBORDINATE,
    SUBORDINATE_WORD,
    TRAILING_CUE,
    UNCLOSED_APPOSITION,
    VERB_AFTER,
)
from index.cues import (
    INFINITIVES,
    ORG_HEADS,
    OWNER_VOICES,
    PERSON_NOUNS,
    STATE_ENDINGS,
    SUBORDINATORS,
    TITLES,
)
from index.lexicon import TITLES as ABBREVIATED_TITLES
from index.marks import Span
from index.mentions import NAME, parse_name
from index.speakers import Person


@dataclass(slots=True)
class Who:
    person: Person | None
    mention: str
    start: int
    end: int
    cue: str
    appositive: str | None = None  # "a spokesman for the campaign": a role hint



def cue_after(text: str, span: Span, end: int, *, closed: bool = False) -> Who | None:
    """The cue after the closing mark. After a fragment that ended its sentence inside the marks
    (`closed`), only a dash credit counts: the next sentence's verb is another statement's."""
    after = text[span.after_at : min(end, span.after_at + 260)]
    if not after or after[0].isalnum():
        return None
    offset = span.after_at
    if closed or (_ENDS_SENTENCE.search(text, span.start, span.end) and after.rstrip().endswith(":")):
        # After a fragment that ended its sentence, or before `The candidate reiterated: “…`
        # (a cue that introduces the next quote), only a dash credit names this quote's speaker.
        return _dash_credit(after, offset)
    match = AFTER_SUBJECT.match(after)
    if match:
        return who_from(match, offset)
    cue = CUES.search(after, 0, 160)
    if cue is not None and not SENTENCE_END.search(after, 0, cue.start()):
        # `," Republican pollster Bill McInturff, part of the team, told NBC.`
        who = subject_before(after, cue.start(), offset)
        prefix = after[: who.start - offset].strip(" ,;—–-") if who is not None else ""
        role_words = len(prefix.split()) <= 5 and not any(c in prefix for c in ",;") and (
            not SUBORDINATORS.intersection(prefix.lower().split())
        )  # not "… “riding the fence” until Haley said": the cue of a subordinate clause
        if who is not None and _ENDS_SENTENCE.search(text, span.start, span.end) and (
            after[: who.start - offset].rstrip().endswith(",")
        ):
            role_words = False  # `…anguish.” This sort of opining, CNN claimed`: the next sentence
        # `,” just as Clinton did in 2008, Rendell added.`: a whole clause set off before it.
        inserted = who is not None and _INSERTED_CLAUSE.fullmatch(after, 0, who.start - offset)
        if who is not None and (role_words or inserted):
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
    verb = AFTER_CUE.match(after)
    if verb:
        who = _phrase_after(after, verb.end(), offset)
        if who is not None:
            who.cue = verb.group("cue")
            return who
    credit = _dash_credit(after, offset)
    if credit is not None:
        return credit
    match = SOURCE.match(after.lstrip(" ,;—–-"))
    if match:
        return who_from(match, offset + len(after) - len(after.lstrip(" ,;—–-")))
    match = QUOTE_CREDIT.match(after)
    if match and parse_name(match.group("m")) is not None:
        return who_from(match, offset)
    match = TRAILING_CUE.search(after)  # `… interaction” with police, Beck told the Times, “…`
    if match is None or SENTENCE_END.search(after, 0, match.start()):
        return None  # not `…” themselves. In May, Vale proclaimed, “…`: that cue is the next quote's
    return who_from(match, offset)


_ENDS_SENTENCE = re.compile(r"[.!?][\s'’\"”]*$")
_INSERTED_CLAUSE = re.compile(
    rf"[\s\"”’',]*(?:just\s+)?(?:{'|'.join(sorted(SUBORDINATORS))})\s[^,;:.\"“”]{{1,80}},\s*"
)


def _dash_credit(after: str, offset: int) -> Who | None:
    """`…” ― Carla Sanchez` closing a paragraph."""
    match = DASH_CREDIT.match(after)
    if match and parse_name(match.group("m")) is not None:
        return who_from(match, offset)
    return None


def _introduces(clause: str, match: re.Match[str]) -> bool:
    """A name before a colon speaks only as a subject: at the clause start, after "Said" or a
    role ("pollster Daron Shaw:"), never as an object ("a message to Trump:", "said of Sanders:")."""
    before = clause[: match.start("m")].split()
    if len(before) >= 3 and before[-2] == "of" and before[-3].lower() in TITLES:
        return True  # "Former secretary of state Hillary Rodham Clinton:"
    return not before or before[-1] == "Said" or before[-1].lower() in PERSON_NOUNS


def cue_before(text: str, start: int, end: int) -> Who | None:
    """The speech cue nearest before the opening mark in its sentence."""
    clause = text[max(start, end - 300) : end]
    offset = end - len(clause)
    # `Said Ellis: “…`, `… surprise pollster Daron Shaw: “…`, `Said Comey, "…`
    match = NAME_COLON.search(clause) or SAID_NAME.match(clause)
    if match and parse_name(match.group("m")) is not None and _introduces(clause, match):
        return who_from(match, offset)
    sources = list(SOURCE.finditer(clause))
    source = sources[-1] if sources else None
    cues = list(FRAMES.finditer(clause))
    for cue in reversed(cues):
        if source is not None and source.start() > cue.start():
            break
        if cue.group(0).endswith("s") and _NOUN_BEFORE.search(
            clause, max(0, cue.start() - 12), cue.start()
        ):
            continue  # "swiped at Ryan in a series of tweets:": a noun, not the verb "tweets"
        if cue.group(0) in INFINITIVES and not clause[: cue.start()].endswith("to "):
            continue  # "One tweet said:": a noun; "only for Trump to tweet that": the verb
        if not cue.group(0).endswith("ing"):
            who = subject_before(clause, cue.start(), offset)
            if who is not None and _in_subordinate(clause, who.start - offset, cue.end()):
                continue  # "When Ortiz suggested a loan, Quint fired back: “…”"
            if who is not None:
                who.cue = cue.group(0)
                return who
        if cue.group(0).endswith("ing"):
            # "footage of Hillary Clinton asking, “…”", "with Sen. John McCain calling it “…”"
            actor = ACTOR_BEFORE_ING.search(clause, 0, cue.start())
            who = who_from(actor, offset) if actor else None
            if who is None and offset == start:  # a clause cut at 300 characters has no opening
                who = sentence_subject(clause, 0, cue.start(), offset)
        else:
            who = _phrase_after(clause, cue.end(), offset, need_colon=True)
            if who is not None and clause[who.end - offset :].strip(" ,:;—–-\t\n\u00a0"):
                who = None  # "praised Trump, stating … “…”": an object, and the quote is further on
        if who is not None:
            who.cue = cue.group(0)
            return who
    if source is not None:
        return who_from(source, offset)
    return None


# A word that makes a cue like "tweets" or "notes" a plural noun: "in a series of tweets".
_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|his|her|their|its|our|my|your|of|in|with|off|several|many|some|these|those)"
    r"\s+$",
    re.IGNORECASE,
)


def _in_subordinate(clause: str, subject_at: int, cue_end: int) -> bool:
    """Whether the subject opens a subordinate clause that a comma closes before the quote."""
    opening = clause[max(0, subject_at - 12) : subject_at + 12]
    return bool(SUBORDINATE_WORD.search(opening)) and ", " in clause[cue_end:]


def subject_before(text: str, end: int, offset: int) -> Who | None:
    """The subject ending right before a cue verb: a pronoun, a name or a description.

    An appositive between them is skipped ("Beck, who has led the force since 2009, said").
    """
    lo = max(0, end - 220)
    tail = ADV_TAIL.search(text, lo, end)
    end = tail.start() if tail else end
    near = text[max(lo, end - 24) : end]
    owner = _OWNER_VOICE.search(text, max(lo, end - 80), end) if "s " in near else None
    if owner is not None and parse_name(owner.group("m")) is not None:
        return who_from(owner, offset)  # "Powell’s office said": the office speaks for Powell
    relative = (  # searched only when the words before the verb end in "who": it is costly
        RELATIVE_WHO.search(text, max(lo, end - 120), end)
        if text[max(lo, end - 5) : end].rstrip().endswith(" who")
        else None
    )
    if relative is not None and parse_name(relative.group("m")) is not None:
        return who_from(relative, offset)  # "…from Mike Lee, who declared, “…”": the name
    infinitive = INFINITIVE_SUBJECT.search(text, max(lo, end - 60), end)
    if infinitive is not None and parse_name(infinitive.group("m")) is not None:
        return who_from(infinitive, offset)
    placed = PLACED_SUBJECT.search(text, lo, end) if text[lo:end].rstrip(" ,")[-1:].isupper() or (
        "," in text[max(lo, end - 40) : end]
    ) else None
    if placed is not None and placed.group("state").split()[-1].lower() in STATE_ENDINGS and (
        _can_be_subject(text, placed) and parse_name(placed.group("m"))
    ):
        return who_from(placed, offset)  # the place is no subject of its own
    appositive = None
    for _ in range(3):
        party = PARTY_TAG.search(text, lo, end)  # "Rep. John Mica (R-Fla.), noting …, said"
        end = party.start() if party else end
        for pattern in ENDINGS:
            match = pattern.search(text, max(lo, end - 120), end)
            if match:
                if not _can_be_subject(text, match):
                    return _unclosed_apposition(text, lo, end, offset)
                who = _coordinated(text, match, offset) or who_from(match, offset)
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
            described = DESCRIBED_BEFORE.search(text, max(lo, separator - 80), separator)
            if described and described.group("head").lower() in PERSON_NOUNS and (
                parse_name(appositive) is not None
            ):
                # "A top strategist, John Weaver, tells": the name in apposition speaks.
                at = offset + separator + text[separator:end].index(appositive)
                return Who(None, appositive, at, at + len(appositive), "", described.group(0))
            return None  # "…, Trump went after Bush, calling": a clause, not an appositive
        end = separator
    return None


def _unclosed_apposition(text: str, lo: int, end: int, offset: int) -> Who | None:
    """"Sam Lau, the spokesman for the state party said": the name opening the sentence speaks,
    when a person noun heads the apposition whose closing comma is missing."""
    match = UNCLOSED_APPOSITION.search(text, lo, end)
    if match is None or match.group("head").lower() not in PERSON_NOUNS:
        return None
    return who_from(match, offset) if parse_name(match.group("m")) is not None else None


_OWNER_VOICE = re.compile(
    rf"(?<![\w'’.])(?P<m>{NAME})['’]s\s+(?:{'|'.join(sorted(OWNER_VOICES))})\s*$"
)


def _coordinated(text: str, match: re.Match[str], offset: int) -> Who | None:
    """Names joined by "and" speak together ("Cummings and Conyers wrote"): the whole group is
    the mention, never its last name alone."""
    if parse_name(match.group("m")) is None:
        return None
    if not text[max(0, match.start("m") - 6) : match.start("m")].rstrip().endswith(" and"):
        return None
    joined = COORDINATED.search(text, max(0, match.start("m") - 150), match.start("m"))
    if joined is None:
        return None
    members = [parse_name(part) for part in MEMBER_SEPARATOR.split(text[joined.start() : match.end("m")])]
    if len(members) < 2 or any(member is None for member in members):
        return None
    return Who(None, text[joined.start() : match.end("m")], offset + joined.start(),
               offset + match.end("m"), "")


_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
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
        match = PHRASE_WORD.match(text, position)
        if match is None or match.group("p"):
            stop = match.group("p") if match else ("$" if position >= len(text) else "")
            break
        word = match.group("w")
        if word == "and" and tokens and _title_then_capital(text, tokens[-1], match.end()):
            position = match.end()  # "former Pennsylvania Gov. and DNC Chairman Ed Rendell"
            continue
        if word == "of" and tokens and _role_of_then_name(text, tokens, match.end()):
            # "said former secretary of state Hillary Clinton", "said master of ceremonies Al Tabb"
            tokens.append(match.span("w"))
            position = match.end()
            continue
        if word.lower() in PHRASE_STOPS:
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
    if words[0].lower() in PRONOUNS:
        return None  # `,” suggesting he might consider Kasich`: a clause, whose object says nothing
    if described and len(words) > 1:
        named = APPOSITIVE_NAME.match(text, tokens[-1][1])
        if named is not None and not need_colon and parse_name(named.group("m")) is not None:
            # `said a spokeswoman for Trump hotels, Jennifer Rodstrom.`
            role = text[tokens[0][0] : named.start("m")].rstrip(" ,")
            return Who(None, named.group("m"), offset + named.start("m"), offset + named.end("m"),
                       "", role)
        if not words[-1][:1].isupper() or words[0].lower() in INDEFINITE:
            return Who(None, phrase, at, at + len(phrase), "")  # a description, or nobody named
    names = list(NAME_RUN.finditer(phrase))
    if not names:
        return None
    name = names[-1]
    if words[0] in ("the", "The") and name.start() == 4:
        return Who(None, phrase, at, at + len(phrase), "")
    role = phrase[: name.start()].strip() or None
    return Who(None, name.group(0), at + name.start(), at + name.end(), "", role)


def _role_of_then_name(text: str, tokens: list[tuple[int, int]], after: int) -> bool:
    """Whether "of" joins lower-case role words to their complement before a name."""
    return all(text[a:b].islower() for a, b in tokens) and _NAME_SOON.match(text, after) is not None


_NAME_SOON = re.compile(r"(?:[ \t\u00a0]+[a-z][\w\-]*){1,2}[ \t\u00a0]+[A-Z]")


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
        match = OPENING_SUBJECT.match(text, position, end)
        if match and not SUBORDINATE.match(text, position, end) and _can_speak(match.group("m")):
            attributive = ATTRIBUTIVE.match(text, match.start("m"), end)
            if attributive is not None and attributive.group("role") in PERSON_NOUNS:
                return who_from(attributive, offset)  # "Clinton press secretary Brian Fallon"
            if match.group("m").endswith(_POSSESSIVE_ENDINGS) and not _speaks_for_owner(
                text, match.end("m")
            ):
                return None  # "Clinton’s wins …", "Johnson’s doctor is calling …": not the owner
            return who_from(match, offset)
        comma = text.find(", ", position, end)
        if comma < 0:
            return None
        position = comma + 2
    return None


def owned_subject(text: str, start: int, end: int) -> str | None:
    """The owner, when a sentence opens with someone's possession as its subject ("Scott's
    family has called …"): a fragment in it is that party's words, not the last speaker's."""
    match = OPENING_SUBJECT.match(text, start, end)
    if match is None or SUBORDINATE.match(text, start, end):
        return None
    mention = match.group("m")
    return mention if mention.endswith(_POSSESSIVE_ENDINGS) else None


# Where a clause of its own begins inside a sentence ("Clinton proposed a debate - but the
# Sanders campaign rejected it as …"): a fragment after it is framed by that clause's subject.
_CLAUSE_TURN = re.compile(r"(?:,|\s[-–—])\s+(?:but|yet|and|while|whereas)\s+|;\s+")


def fragment_subject(text: str, start: int, end: int) -> Who | None:
    """The subject framing a quoted fragment: the last clause's own subject, else the sentence's."""
    turns = list(_CLAUSE_TURN.finditer(text, start, end))
    if turns:
        who = sentence_subject(text, turns[-1].end(), end, 0)
        if who is not None:
            return who
    return sentence_subject(text, start, end, 0)


def _speaks_for_owner(text: str, after: int) -> bool:
    """Whether the noun after a possessive speaks for its owner ("Gowdy’s office slammed …",
    "Clinton’s response was: …"), where a person of their own does not ("Johnson’s doctor")."""
    noun = _NEXT_WORD.match(text, after)
    return noun is not None and noun.group(1).lower() in OWNER_VOICES


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def framing_subject(text: str, start: int, end: int) -> Who | None:
    """The subject of a sentence whose verb frames speech ("Valastro praised Christie …",
    "Sanders made the following comment:"), for the quote paragraph that follows it."""
    who = sentence_subject(text, start, end, 0)
    verb = VERB_AFTER.match(text, who.end, end) if who is not None else None
    if verb is None or not (FRAMES.fullmatch(verb.group("v")) or verb.group("v") in INTRODUCING):
        # "Sam Lau, the spokesman for the party said in a statement.": the comma never came.
        cue = FRAMES.search(text, start, min(end, start + 240))
        unclosed = _unclosed_apposition(text, start, cue.start(), 0) if cue else None
        if unclosed is None:
            return None
        who, verb = unclosed, cue
    who.cue = verb.group("v") if "v" in verb.re.groupindex else verb.group(0)
    return who


def _can_speak(mention: str) -> bool:
    """A pronoun, a name, or a description of a person or organization: not "a few days"."""
    words = mention.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if words[0].lower() in DETERMINERS:
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
