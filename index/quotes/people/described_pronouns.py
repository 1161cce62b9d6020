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

from index.models import DESCRIBED_OPENINGS, Quote, is_described
from index.quotes.attribution import cue_before
from index.quotes.cue_patterns import INDEFINITE
from index.quotes.cues import NOUN_GENDER, PERSON_NOUNS
from index.quotes.people.cast import Cast
from index.quotes.people.descriptions import described_as, speaking_for
from index.quotes.people.pronouns import pronoun_gender
from index.quotes.subjects import Who, framing_subject

_REACH = 1500  # how far back, in characters, a described speaker can still be "he" or "she"
# Heads of people spoken for or unnamed by trade: "the spokesman" is rarely anyone named.
_SPEAKING_HEADS = frozenset("spokesman spokeswoman spokesperson official source representative".split())
_PERSON_HEADS = PERSON_NOUNS | frozenset(NOUN_GENDER) | _SPEAKING_HEADS


def carried_description(cast: Cast, who: Who | None, last: Quote | None, horizon: int) -> str | None:
    """Return the described speaker a cue's "he" or "she" carries on, as the article words
    them; None when the pronoun is no such cue's or anything above fails."""
    if who is None or who.start < 0 or who.mention.lower() not in ("he", "she"):
        return None
    wanted = pronoun_gender(who.mention.lower())
    floor = max(horizon, who.start - _REACH, last.end if last is not None else 0)
    found = _last_narrative_speaker(cast, floor, who.start)
    if found is not None:
        mention, at = found.mention, found.start
        shown = speaking_for(mention) or _as_described(mention)
    elif last is not None and last.mention and last.mention_start is not None:
        mention, at, shown = last.mention, last.mention_start, last.speaker
        if not (is_described(shown) or shown == speaking_for(mention)):
            return None  # the last speaker is someone named
    else:
        return None
    if at < horizon or not shown or not _fits(cast, mention, wanted, at):
        return None
    return None if _named_subject_between(cast, wanted, at + 1, who.start) else shown


def _last_narrative_speaker(cast: Cast, floor: int, position: int) -> Who | None:
    """Return the subject of the last narrative sentence in [floor, position) that frames speech,
    the pronoun's own sentence excluded."""
    index = bisect.bisect_right(cast.sentences, position) - 1
    end = cast.sentences[index] if index >= 0 else 0
    for start in reversed(cast.sentences[:max(index, 0)]):
        if start < floor:
            break
        if not cast.inside_quote(start):
            who = framing_subject(cast.text, start, end) or cue_before(cast.text, start, end)
            if who is not None and who.start >= start:
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
