"""How prominent a name mention is, for choosing the person a pronoun stands for.

A sentence's subject ("Walz approaches it …") is the likeliest referent of a following "she";
a plain mention (an object: "to elect Hillary Clinton") comes next, then a possessive ("drew
Trump's ire"); a preposition's object ("loyalists to Joe Biden and Bernie Sanders") comes last:
the sentence is about someone else. A preposition opening the sentence makes a topic, not an
object ("For Major, a retiree, …").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index.quotes.cues import (
    AFTER_CONTRACTED_S,
    ALL_PREPOSITIONS,
    ORG_NOUNS,
    PERSON_NOUNS,
    POSSESSIVE_ENDINGS,
)
from index.quotes.people.mentions import Mention

_DETERMINERS = frozenset({"the", "a", "an"})
_MODIFIED = PERSON_NOUNS | ORG_NOUNS
# The last word before a preposition's object, or before a name joined to one ("and", "or").
_OBLIQUE_LEADS = ALL_PREPOSITIONS | {"and", "or"}
_SENTENCE_END = re.compile(r"[.!?][\"”’']*$")


@dataclass(slots=True)
class Obliques:
    """The start offsets of the possessive mentions, and of the oblique ones: a preposition's
    object ("to Joe Biden") or a name modifying a noun ("a Hillary Clinton supporter")."""

    possessive: set[int] = field(default_factory=set)
    oblique: set[int] = field(default_factory=set)

    def plain(self, at: int) -> bool:
        """Tell a mention that is neither possessive nor oblique, so it may be a subject."""
        return at not in self.possessive and at not in self.oblique


def obliques(text: str, mentions: list[Mention]) -> Obliques:
    """Classify the mentions; names joined by "and" share the first one's case ("to Joe Biden
    and Bernie Sanders")."""
    found = Obliques()
    previous: Mention | None = None
    for mention in sorted(mentions, key=lambda m: m.start):
        possessive = _possessive(text, mention.end)
        if possessive:
            found.possessive.add(mention.start)
        if _prepositional(text, mention, previous, found.oblique) or (
            not possessive and _modifier(text, mention.end)
        ):
            found.oblique.add(mention.start)
        previous = mention
    return found


def _possessive(text: str, end: int) -> bool:
    if not text.endswith(POSSESSIVE_ENDINGS, max(0, end - 3), end):
        return False
    following = text[end : end + 12].split()
    return not following or following[0].lower() not in AFTER_CONTRACTED_S


def _modifier(text: str, end: int) -> bool:
    """Tell a name (not a possessive) before a noun of people or organizations: "the Hillary
    Clinton supporter"."""
    following = text[end : end + 24].split(None, 1)
    noun = following[0].rstrip(".,;:!?") if following else ""
    return noun in _MODIFIED


def _prepositional(
    text: str, mention: Mention, previous: Mention | None, prepositional: set[int]
) -> bool:
    window = text[max(0, mention.start - 40) : mention.start]
    if not _may_lead(window):
        return False
    words = window.split()
    while words and words[-1].lower() in _DETERMINERS:
        words.pop()
    if not words:
        return False
    last = words[-1].lower().lstrip("(")
    if last in ("and", "or") and previous is not None:
        gap = text[previous.end : mention.start]
        return previous.start in prepositional and len(gap.split()) <= 3
    if last not in ALL_PREPOSITIONS:
        return False
    at = text.rfind(words[-1], max(0, mention.start - 40), mention.start)
    opening = text[max(0, at - 8) : at].rstrip(" \t") if at > 0 else ""
    if not opening or opening.endswith(("\n", ":", ";")) or _SENTENCE_END.search(opening):
        return False  # "For Major, a retiree, …": the sentence's topic
    if last == "to" and len(words) >= 2 and words[-2].lower() == "according":
        return False  # "according to Smith": the source speaks
    # "Council on American-Islamic Relations": a preposition inside a name is no preposition.
    return len(words) < 2 or not words[-2][:1].isupper()


def _may_lead(window: str) -> bool:
    """Tell whether the last word of `window`, past one determiner, can lead to an oblique (a
    preposition, "and", "or"), or is a determiner still: only then is the window split whole.
    Most names follow another word ("said Tom Lee", "said the Clinton campaign")."""
    before = window.rsplit(None, 2)  # the last two words, past what may be more words
    word = before[-1].lower() if before else ""
    if word in _DETERMINERS:
        word = before[-2].lower() if len(before) >= 2 else ""
        return word in _DETERMINERS or word.lstrip("(") in _OBLIQUE_LEADS
    return word.lstrip("(") in _OBLIQUE_LEADS


def last_plain(positions: list[int], plain: Callable[[int], bool], before: int, lo: int) -> int:
    """Return the last position in [lo, before] that `plain` accepts, or -1."""
    index = bisect.bisect_right(positions, before) - 1
    while index >= 0 and positions[index] >= lo:
        if plain(positions[index]):
            return positions[index]
        index -= 1
    return -1


def first_from(positions: list[int], position: int) -> int:
    """Find the first of the sorted positions at or after `position`, or -1."""
    index = bisect.bisect_left(positions, position)
    return positions[index] if index < len(positions) else -1


def last_before(positions: list[int], position: int | None) -> int:
    """Find the last of the sorted positions at or before `position` (the last, if None), or -1."""
    if position is None:
        return positions[-1] if positions else -1
    index = bisect.bisect_right(positions, position)
    return positions[index - 1] if index else -1
