"""The subject of a cue: who a sentence or a clause is about, before its speech verb.

`subject_before` reads backwards from a cue verb ("Beck, who has led the force since 2009,
said"); `sentence_subject` and its kin read a sentence's opening ("On Sunday, Trump …") to frame
quotes that have no cue of their own. A `Who` is the mention found, before `Cast` resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.quotes.cue_patterns import (
    ADV_TAIL,
    COORDINATED,
    DESCRIBED_BEFORE,
    DETERMINERS,
    ENDINGS,
    FRAMES,
    INFINITIVE_SUBJECT,
    INTRODUCING,
    MEMBER_SEPARATOR,
    OPENING_SUBJECT,
    PARTY_TAG,
    PLACED_SUBJECT,
    PRONOUNS,
    RELATIVE_WHO,
    SUBORDINATE,
    UNCLOSED_APPOSITION,
    VERB_AFTER,
    alternation,
    attributive,
)
from index.quotes.cues import (
    CARRIERS,
    ORG_HEADS,
    OWNER_VOICES,
    PERSON_NOUNS,
    POSSESSIVE_ENDINGS,
    PREPOSITIONS,
    STATE_ENDINGS,
    TITLES,
)
from index.quotes.long_asides import opening_subject
from index.quotes.people.cast import Person
from index.quotes.people.mentions import NAME, parse_name


@dataclass(slots=True)
class Who:
    """A speaker found at a cue: a person, or the mention's words and offsets; and the cue."""

    person: Person | None
    mention: str
    start: int
    end: int
    cue: str
    appositive: str | None = None  # "a spokesman for the campaign": a role hint
    shared: bool = False  # read off a verb before the cue's (shared_subject): a known name only


def subject_before(text: str, end: int, offset: int) -> Who | None:
    """Return the subject ending right before a cue verb: a pronoun, a name or a description.

    An appositive between them is skipped ("Beck, who has led the force since 2009, said").
    """
    lo = max(0, end - 220)
    tail = ADV_TAIL.search(text, lo, end)
    end = tail.start() if tail else end
    aside = _PARTICIPLE_ASIDE.search(text, max(lo, end - 30), end)
    end = aside.start() if aside else end  # "Judge Head, sentencing said": the aside's comma lost
    near = text[max(lo, end - 24) : end]
    owner = _OWNER_VOICE.search(text, max(lo, end - 80), end) if "s " in near else None
    if (who := named_who(owner, offset)) is not None:
        return who  # "Powell’s office said": the office speaks for Powell
    relative = (  # searched only when the words before the verb end in "who": it is costly
        RELATIVE_WHO.search(text, max(lo, end - 120), end)
        if text[max(lo, end - 5) : end].rstrip().endswith(" who")
        else None
    )
    if (who := named_who(relative, offset)) is not None:
        return who  # "…from Mike Lee, who declared, “…”": the name
    if (who := named_who(opening_subject(text, lo, end), offset)) is not None:
        return who  # "Dr. Cole, a surgeon in Denver, Colorado, who …, says": not "Colorado"
    authored = (  # "a letter written by Ms Ratcliffe which said": its author
        _AUTHORED.search(text, max(lo, end - 120), end)
        if text[max(lo, end - 6) : end].rstrip().endswith((" which", " that"))
        else None
    )
    if (who := named_who(authored, offset)) is not None:
        return who
    infinitive = (  # "for Trump to": searched only when the words before the verb end in "to"
        INFINITIVE_SUBJECT.search(text, max(lo, end - 60), end)
        if text[max(lo, end - 60) : end].rstrip().endswith("to")
        else None
    )
    if (who := named_who(infinitive, offset)) is not None:
        return who
    placed = PLACED_SUBJECT.search(text, lo, end) if _capital_in_last_word(text, lo, end) and (
        text[lo:end].rstrip(" ,")[-1:].isupper() or "," in text[max(lo, end - 40) : end]
    ) else None
    if placed is not None and placed.group("state").split()[-1].lower() in STATE_ENDINGS and (
        _can_be_subject(text, placed) and parse_name(placed.group("m"))
    ):
        return who_from(placed, offset)  # the place is no subject of its own
    appositive = None
    for _ in range(3):  # up to two asides peeled: "Mary Smith, of Acme, a lab chief, said"
        # "Rep. John Mica (R-Fla.), noting …, said": searched only before a closing parenthesis
        # (and a comma), which it ends with, as its search tries every character
        closed = text[lo:end].rstrip().endswith((")", "),"))
        party = PARTY_TAG.search(text, lo, end) if closed else None
        end = party.start() if party else end
        window = max(lo, end - 120)
        recent, match = text[window:end], None
        for ending in ENDINGS:
            if ending.words and not any(map(recent.__contains__, ending.words)):  # in C
                continue
            if ending.capital and not _capital_in_last_word(text, window, end):
                continue
            reach = window if ending.reach is None else max(window, end - ending.reach)
            match = ending.pattern.search(text, reach, end)
            if match:
                break
        if match and not _can_be_subject(text, match):
            # "Mary Smith, of Springfield, a retired teacher, said": an aside that opens with a
            # preposition is the name's before it, not the subject; peeled like an appositive.
            aside = _PREPOSITION_ASIDE.search(text, max(lo, match.start("m") - 16), match.start("m"))
            if aside is None:
                return _unclosed_apposition(text, lo, end, offset)
            end = aside.start()
            if appositive and appositive.split()[-1].lower() not in PERSON_NOUNS:
                appositive = None  # "…, from Acme, a research group,": the aside's, not a role
            continue
        if match:
            who = _coordinated(text, match, offset) or who_from(match, offset)
            if appositive is not None:
                who.appositive = appositive
            return who
        stripped = text[lo:end].rstrip()
        # British copy sets an aside off with spaced hyphens: "The star - who … - added"
        if not stripped or (stripped[-1] not in ",—–" and not stripped.endswith(" -")):
            return _unclosed_apposition(text, lo, end, offset) if appositive is None else None
        separator = max(
            text.rfind(", ", lo, end - 2),
            text.rfind(" —", lo, end - 2),
            text.rfind(" –", lo, end - 2),
            text.rfind(" - ", lo, end - 2),
        )
        if separator < 0 or end - separator > 160:
            return _lost_comma(text, lo, end, offset)
        appositive = text[separator:end].strip(" ,—–-")
        last = appositive.split()[-1].lower() if appositive.split() else ""
        if appositive[:1].isupper() and last not in PERSON_NOUNS and last not in TITLES:
            described = DESCRIBED_BEFORE.search(text, max(lo, separator - 80), separator) or (
                _BARE_ROLE_BEFORE.search(text, max(lo, separator - 80), separator)
            )  # "European Union ambassador to the WTO, Carlo Trojan, said": no determiner
            if described is not None and described.re is _BARE_ROLE_BEFORE and (
                described.group("head").lower() not in PERSON_NOUNS
            ):
                described = None
            # Under a head not known to name a person ("Another guard, Beau James,"), one name
            if described and parse_name(appositive) is not None and (
                described.group("head").lower() in PERSON_NOUNS or " and " not in appositive
            ):
                # "A top strategist, John Weaver, tells": the name in apposition speaks.
                at = offset + separator + text[separator:end].index(appositive)
                return Who(None, appositive, at, at + len(appositive), "", described.group(0))
            return None  # "…, Trump went after Bush, calling": a clause, not an appositive
        end = separator
    return None


# A role with no determiner opening its clause, before a name in apposition: "Fostering Network
# executive director, Robert Tapsfield,", "EU ambassador to the WTO, Carlo Trojan,".
_BARE_ROLE_BEFORE = re.compile(
    r"(?:^|(?<=[.,;]\s)|(?<=\band\s))(?:[A-Z][\w'’&\-]*\s+){0,4}(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<head>[a-z][\w\-]+)(?:\s+(?:to|of|for|at)\s+(?:the\s+)?(?:[A-Z][\w'’&\-]*\s*){1,6})?\s*$"
)


def _lost_comma(text: str, lo: int, end: int, offset: int) -> Who | None:
    """"… see Abu Raqqawi one of the group's founders, wrote": caption copy lost the comma before
    an apposition that a person noun heads; the name before it speaks."""
    match = _APPOSITION_NO_COMMA.search(text, max(lo, end - 160), end)
    if match is None or match.group("head").lower().removesuffix("s") not in _PERSON_HEADS:
        return None
    return named_who(match, offset) if _can_be_subject(text, match) else None


_APPOSITION_NO_COMMA = re.compile(
    rf"(?<![\w'’.])(?P<m>{NAME})\s+(?:one\s+of\s+)?(?:the|a|an|his|her|their)\s+"
    r"(?:[\w'’\-]+\s+){0,3}?(?P<head>[a-z][\w\-]*),\s*$"
)
_PERSON_HEADS = PERSON_NOUNS | TITLES
_PREPOSITION_ASIDE = re.compile(rf",\s+(?:{alternation(PREPOSITIONS)})\s+$")
_PARTICIPLE_ASIDE = re.compile(r"(?<=\w),\s+(?!\w*thing\b)[a-z]+ing\s*$")


_AUTHORED = re.compile(
    rf"\b(?:{alternation(CARRIERS)})\s+(?:written|sent|signed|penned)\s+by\s+(?P<m>{NAME}),?"
    r"\s+(?:which|that)\s*$"
)


def _capital_in_last_word(text: str, window: int, end: int) -> bool:
    """Whether the window's last word may hold a capital (False: all its letters are lower-case),
    or `$` may match before a final newline instead of at the end."""
    if text[end - 1 : end] == "\n":
        return True
    words = text[window:end].rsplit(None, 1)
    return bool(words) and not words[-1].islower()


def _unclosed_apposition(text: str, lo: int, end: int, offset: int) -> Who | None:
    """"Sam Lau, the spokesman for the state party said": the name opening the sentence speaks,
    when a person noun heads the apposition whose closing comma is missing."""
    match = UNCLOSED_APPOSITION.search(text, lo, end)
    if match is None or match.group("head").lower() not in PERSON_NOUNS:
        return None
    return named_who(match, offset)


_OWNER_VOICE = re.compile(
    rf"(?<![\w'’.])(?P<m>{NAME})['’]s\s+(?:{alternation(OWNER_VOICES)})\s*$"
)


def _coordinated(text: str, match: re.Match[str], offset: int) -> Who | None:
    """Names joined by "and" speak together ("Cummings and Conyers wrote"): the whole group is
    the mention, never its last name alone."""
    if not text[max(0, match.start("m") - 6) : match.start("m")].rstrip().endswith(" and"):
        return None  # most subjects: tested first, as the cheaper test
    if parse_name(match.group("m")) is None:
        return None
    joined = COORDINATED.search(text, max(0, match.start("m") - 150), match.start("m"))
    if joined is None:
        return None
    group = text[joined.start() : match.end("m")]
    members = [parse_name(part) for part in MEMBER_SEPARATOR.split(group)]
    if len(members) < 2 or any(member is None for member in members):
        return None
    if len(members) == 2 and "," in group:
        return None  # "after replacing Xabi Alonso, and Benitez said": a new clause, no pair
    return Who(None, text[joined.start() : match.end("m")], offset + joined.start(),
               offset + match.end("m"), "")


def _can_be_subject(text: str, match: re.Match[str]) -> bool:
    """Not a possessive ("Trump’s remarks") nor a preposition's object ("of Republican claims")."""
    mention = match.group("m")
    if mention.endswith(POSSESSIVE_ENDINGS):
        return False
    before = text[max(0, match.start("m") - 30) : match.start("m")].split()
    if len(before) >= 2 and before[-2][:1].isupper() and not before[-2].endswith(","):
        return True  # "Council on American-Islamic Relations": the preposition is in a name
    return not before or before[-1].lower() not in PREPOSITIONS


def sentence_subject(text: str, start: int, end: int, offset: int) -> Who | None:
    """Find the subject opening a sentence, after any leading adverbial ("On Sunday, Trump …")."""
    position = start
    for _ in range(3):
        match = OPENING_SUBJECT.match(text, position, end)
        if match and not SUBORDINATE.match(text, position, end) and _can_speak(match.group("m")):
            modifier = attributive(text, match.start("m"), end)
            if modifier is not None and modifier.group("role") in PERSON_NOUNS:
                return who_from(modifier, offset)  # "Clinton press secretary Brian Fallon"
            if match.group("m").endswith(POSSESSIVE_ENDINGS) and not _speaks_for_owner(
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
    """Return the owner, when a sentence opens with someone's possession as its subject ("Scott's
    family has called …"): a fragment in it is that party's words, not the last speaker's."""
    match = OPENING_SUBJECT.match(text, start, end)
    if match is None or SUBORDINATE.match(text, start, end):
        return None
    mention = match.group("m")
    return mention if mention.endswith(POSSESSIVE_ENDINGS) else None


# Where a clause of its own begins inside a sentence ("Clinton proposed a debate - but the
# Sanders campaign rejected it as …"): a fragment after it is framed by that clause's subject.
_CLAUSE_TURN = re.compile(
    r"(?:,|\s[-–—])\s+(?:but|yet|and|while|whereas)\s+|;\s+"
    # "… after a woman in Worcester told him he is “too nice”": someone new and unnamed
    r"|\s(?:after|before|because|when|while|since|although|though|until|unless)\s+"
    r"(?P<unnamed>(?=(?:a|an|one|another)\s))"
)


def fragment_subject(text: str, start: int, end: int) -> Who | None:
    """Return the subject framing a quoted fragment: the last clause's own subject, else the
    sentence's; no one when that clause's subject is someone unnamed ("after a woman … told
    him")."""
    turns = [
        turn for turn in _CLAUSE_TURN.finditer(text, start, end)
        # "after a woman … told him": a clause, by its own speech verb; "before a crowd and
        # said": no clause
        if turn.group("unnamed") is None or _own_cue(text, turn.end(), end)
    ]
    if turns:
        who = sentence_subject(text, turns[-1].end(), end, 0)
        if who is not None or turns[-1].group("unnamed") is not None:
            return who
    return sentence_subject(text, start, end, 0)


def _own_cue(text: str, start: int, end: int) -> bool:
    """Whether the words from `start` reach a speech verb of their own, before any "and"."""
    cue = FRAMES.search(text, start, end)
    return cue is not None and " and " not in text[start : cue.start()]


def _speaks_for_owner(text: str, after: int) -> bool:
    """Whether the noun after a possessive speaks for its owner ("Gowdy’s office slammed …",
    "Clinton’s response was: …"), where a person of their own does not ("Johnson’s doctor")."""
    noun = _NEXT_WORD.match(text, after)
    return noun is not None and noun.group(1).lower() in OWNER_VOICES


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def framing_subject(text: str, start: int, end: int) -> Who | None:
    """Return the subject of a sentence whose verb frames speech ("Valastro praised Christie …",
    "Sanders made the following comment:"), for the quote paragraph that follows it."""
    who = sentence_subject(text, start, end, 0)
    verb = VERB_AFTER.match(text, who.end, end) if who is not None else None
    if verb is None or not (FRAMES.fullmatch(verb.group("v")) or verb.group("v") in INTRODUCING):
        # "Sam Lau, the spokesman for the party said in a statement.": the comma never came.
        cue = FRAMES.search(text, start, min(end, start + 240))
        unclosed = _unclosed_apposition(text, start, cue.start(), 0) if cue else None
        if unclosed is None and cue is not None:  # "Acme chief executive, Ann Lee, said …"
            set_off = subject_before(text, cue.start(), 0)
            unclosed = set_off if set_off is not None and set_off.appositive else None
        if unclosed is None:
            return None
        who, verb = unclosed, cue
    if who is None or verb is None:  # never: the checks above return first (mypy cannot tell)
        return None
    who.cue = verb.group("v") if "v" in verb.re.groupindex else verb.group(0)
    return who


def _can_speak(mention: str) -> bool:
    """Tell a pronoun, a name, or a description of a person or organization: not "a few days"."""
    words = mention.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return True
    if words[0].lower() in DETERMINERS:
        return words[-1].lower() in PERSON_NOUNS or words[-1].lower() in ORG_HEADS or (
            words[-1][:1].isupper()
        )
    return parse_name(mention) is not None


_OPENER = re.compile(r"(?:But|And|So|Yet|However|Meanwhile|Then)\s+(?=[A-Z])")


def who_from(match: re.Match[str], offset: int) -> Who:
    """Build a Who from a cue pattern's match, its offsets shifted by `offset`."""
    mention = match.group("m")
    opener = _OPENER.match(mention)  # "But Mr Straw", "Meanwhile Mark Oaten": the name alone
    mention = mention[opener.end() :] if opener else mention
    groups = match.groupdict()
    who = Who(
        None, mention, offset + match.start("m") + (opener.end() if opener else 0),
        offset + match.end("m"), groups.get("cue") or "",
    )
    if groups.get("app"):
        who.appositive = groups["app"].strip(" ,")  # kept as a role hint
    return who


def named_who(match: re.Match[str] | None, offset: int) -> Who | None:
    """Return the mention a match found, when it reads as a name (not "The" or a lone title)."""
    if match is None or parse_name(match.group("m")) is None:
        return None
    return who_from(match, offset)
