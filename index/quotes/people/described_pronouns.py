"""Carry an unnamed, described speaker on to the "he" or "she" at the next cue.

"A Conservative spokeswoman said the party stuck to the rules. She said: “…”": the article
never names her, so no person in the `Cast` is "she", and the pronoun would stay unknown or
go to someone named further back. The pronoun is the described speaker, shown as the article
words them ("a Conservative spokeswoman", or the body a spokesperson speaks for, as the first
quote shows it), only when all of these hold, never a guess:

- the description is the last speaker: the latest cue before the pronoun (a narrative sentence
  that frames speech, else the last quote) has it as subject;
- its head noun is a person's, and its gender (if it has one) agrees ("spokeswoman": she);
- no named person who may be of that gender is a sentence's subject in between.
"""

from __future__ import annotations

import bisect
import re

from index.models import DESCRIBED_OPENINGS, Quote, is_described
from index.quotes.attribution import cue_before
from index.quotes.cue_patterns import INDEFINITE
from index.quotes.cues import NOUN_GENDER, PERSON_NOUNS
from index.quotes.people.cast import Cast, Person
from index.quotes.people.descriptions import described_as, speaking_for
from index.quotes.people.pronouns import pronoun_gender
from index.quotes.subjects import Who, framing_subject

_REACH = 1500  # how far back, in characters, a described speaker can still be "he" or "she"
# Heads of people spoken for or unnamed by trade: "the spokesman" is rarely anyone named.
_SPEAKING_HEADS = frozenset("spokesman spokeswoman spokesperson official source representative".split())
_SPOKESPERSON_OPENS = re.compile(
    r"(?:(?:But|And|However,?|Meanwhile,?)\s+)?(?P<m>(?:[Aa]n?|[Tt]he)\s+(?:[\w'’&\-]+\s+){0,5}?"
    r"(?:spokesman|spokeswoman|spokesperson)(?:\s+(?:for|from|at)\s+(?:the\s+)?"
    r"[A-Z][\w'’&.\-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’&.\-]*){0,4})?)(?=\s+[a-z])"
)
_PERSON_HEADS = PERSON_NOUNS | frozenset(NOUN_GENDER) | _SPEAKING_HEADS


def carried_description(
    cast: Cast, who: Who | None, last: tuple[Quote | None, Person | None], horizon: int
) -> str | None:
    """Return the described speaker a cue's "he" or "she" carries on, as the article words
    them; None when the pronoun is no such cue's or anything above fails. `last` is the last
    quote and its speaker's person."""
    if who is None or who.mention.lower() not in ("he", "she"):
        return None
    quote, person = last
    if who.start < 0:  # a quote going on from one whose "he" was carried on: still theirs
        carried = quote is not None and quote.mention == who.mention and person is None
        return quote.speaker if carried and quote is not None else None
    wanted = pronoun_gender(who.mention.lower())
    floor = max(horizon, who.start - _REACH, quote.end if quote is not None else 0)
    found = _last_narrative_speaker(cast, floor, who.start, who.mention.lower())
    if found is not None:
        mention, at = found.mention, found.start
        shown = speaking_for(mention) or _as_described(mention)
    elif quote is not None and quote.mention and quote.mention_start is not None:
        mention, at, shown = quote.mention, quote.mention_start, quote.speaker
        if not (is_described(shown) or shown == speaking_for(mention)):
            return None  # the last speaker is someone named
    else:
        return None
    if at < horizon or not shown or not _fits(cast, mention, wanted, at):
        return None
    return None if _named_subject_between(cast, wanted, at + 1, who.start) else shown


def _last_narrative_speaker(cast: Cast, floor: int, position: int, pronoun: str) -> Who | None:
    """Return the subject of the last narrative sentence in [floor, position) that frames speech
    or opens with a spokesperson ("But a spokesman for the Home Office defended …"), the
    pronoun's own sentence excluded; sentences whose subject is the same pronoun go on with
    the one before ("A spokesman … said …. He said the way …. “…,” he said")."""
    index = bisect.bisect_right(cast.sentences, position) - 1
    end = cast.sentences[index] if index >= 0 else 0
    for start in reversed(cast.sentences[:max(index, 0)]):
        if start < floor:
            break
        if not cast.inside_quote(start):
            who = framing_subject(cast.text, start, end) or cue_before(cast.text, start, end)
            opening = _SPOKESPERSON_OPENS.match(cast.text, start, end) if who is None else None
            if opening is not None:
                return Who(None, opening.group("m"), opening.start("m"), opening.end("m"), "")
            if who is not None and who.start >= start and who.mention.lower() != pronoun:
                return who
        end = start
    return None


def _as_described(mention: str) -> str | None:
    """Return the mention as a described speaker: its opening word in lower case; None for a name."""
    words = mention.split()
    opening = words[0].lower() if words else ""
    if len(words) < 2 or opening not in DESCRIBED_OPENINGS:  # not "his lawyer": whose?
        return None
    return " ".join([opening, *words[1:]]).rstrip(",")


def _fits(cast: Cast, mention: str, wanted: str | None, at: int) -> bool:
    """Whether a description's head noun is a person's and agrees with the pronoun's gender,
    and the description is no one the article named: "the chancellor" or "the doctor" may be
    a person named before ("Manohar said …. The doctor denied …"); "the spokesman" or "the
    official" rarely is."""
    words = mention.split()
    head = _head(words)
    if head not in _PERSON_HEADS or NOUN_GENDER.get(head, wanted) != wanted:
        return False
    if words[0].lower() in INDEFINITE:  # someone new: "a spokeswoman"
        return True
    return head in _SPEAKING_HEADS and described_as(cast, [w.lower() for w in words[1:]], at) is None


def _head(words: list[str]) -> str:
    """Return the head noun: the last word before "for", "from", "at" or "of" ("a spokesman for
    Acme"), else the last word."""
    for index, word in enumerate(words):
        if index and word in ("for", "from", "at", "of", "with", "in"):
            return words[index - 1].lower().strip(",")
    return words[-1].lower().strip(",") if words else ""


def _named_subject_between(cast: Cast, wanted: str | None, start: int, end: int) -> bool:
    """Whether a named person who may be of that gender is a subject in [start, end)."""
    return any(
        not person.org and (person.gender == wanted or (person.gender is None and person.personal))
        and any(start <= at < end for at in person.subjects)
        for person in cast.people
    )
