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
from collections.abc import Callable, Iterable
from operator import attrgetter

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


class Obliques:
    """Which mentions are possessive, and which oblique: a preposition's object ("to Joe Biden")
    or a name modifying a noun ("a Hillary Clinton supporter"); asked by a mention's start.

    Each mention is read when its start is first asked about: three names in four never become
    a person's place (unknown words, places, names in quotes), and are never asked. Names joined
    by "and" share the first one's case ("to Joe Biden and Bernie Sanders").
    """

    __slots__ = ("_index", "_mentions", "_oblique", "_possessive", "_text")

    def __init__(self, text: str = "", mentions: Iterable[Mention] = ()) -> None:
        self._text = text
        self._mentions = sorted(mentions, key=attrgetter("start"))
        self._index = {mention.start: index for index, mention in enumerate(self._mentions)}
        self._possessive: dict[int, bool] = {}  # by index in `_mentions`, once read
        self._oblique: dict[int, bool] = {}

    def is_possessive(self, at: int) -> bool:
        """Tell a possessive mention ("Trump's ire")."""
        index = self._index.get(at)
        return index is not None and self._possessive_at(index)

    def is_oblique(self, at: int) -> bool:
        """Tell an oblique mention ("to Joe Biden", "a Hillary Clinton supporter")."""
        index = self._index.get(at)
        return index is not None and self._oblique_at(index)

    def plain(self, at: int) -> bool:
        """Tell a mention that is neither possessive nor oblique, so it may be a subject."""
        index = self._index.get(at)
        return index is None or not (self._possessive_at(index) or self._oblique_at(index))

    def _possessive_at(self, index: int) -> bool:
        found = self._possessive.get(index)
        if found is None:
            found = self._possessive[index] = _possessive(self._text, self._mentions[index].end)
        return found

    def _modifies(self, index: int) -> bool:
        return not self._possessive_at(index) and _modifier(self._text, self._mentions[index].end)

    def _oblique_at(self, index: int) -> bool:
        joined = []  # names after "and"/"or", back to one whose case is known or its own
        while index not in self._oblique:
            previous = self._mentions[index - 1] if index else None
            lead = _prepositional(self._text, self._mentions[index], previous)
            if lead is None:
                joined.append(index)
                index -= 1
                continue
            self._oblique[index] = lead or self._modifies(index)
        found = self._oblique[index]
        for later in reversed(joined):  # each as oblique as the one before it, or modifying
            found = self._oblique[later] = found or self._modifies(later)
        return found


def obliques(text: str, mentions: list[Mention]) -> Obliques:
    """Classify the mentions (each when first asked about)."""
    return Obliques(text, mentions)


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


def _prepositional(text: str, mention: Mention, previous: Mention | None) -> bool | None:
    """Tell a preposition's object; None for a name joined to the one before ("to Joe Biden and
    Bernie Sanders"), whose case it shares."""
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
        return None if len(gap.split()) <= 3 else False
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
