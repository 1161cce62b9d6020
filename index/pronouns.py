"""Which person a "he" or "she" stands for, among the people of a document's `Cast`.

The most salient compatible person wins (index/salience.py): a sentence's subject, then a plain
mention, then a possessive, all since the paragraph before; then the last speaker; then a chain
of narrative pronouns further back; only then a preposition's object. A narrative "She said …"
right after a sentence about one person binds to that person and tells their gender.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from index.cues import FEMALE_PRONOUNS, MALE_PRONOUNS
from index.salience import last_plain

if TYPE_CHECKING:
    from index.speakers import Cast, Person

_NARRATIVE_PRONOUN = re.compile(r"\W*(?:(?:But|And|So|Then|Still|Now)\s+)?(?P<p>He|She)\b")
_HE = re.compile(r"\b(?:[Hh]e|him|[Hh]is)\b")
_SHE = re.compile(r"\b(?:[Ss]he|[Hh]er)\b")


def last_before(positions: list[int], position: int | None) -> int:
    """The last of the sorted positions at or before `position` (the last, if None), or -1."""
    if position is None:
        return positions[-1] if positions else -1
    index = bisect.bisect_right(positions, position)
    return positions[index - 1] if index else -1


def bind_narrative_pronouns(cast: Cast, subjects: dict[int, tuple[int, Person]]) -> None:
    """ "Walz approaches it … She said she would …": a sentence opened by "he" or "she" right
    after one whose subject is the only person the paragraph has named so far continues
    with that person, and tells their gender (a first name like "Marty" only guessed it)."""
    for index in range(1, len(cast.sentences)):
        match = _NARRATIVE_PRONOUN.match(cast.text, cast.sentences[index])
        if match is None or index not in subjects or cast.inside_quote(match.start("p")):
            continue
        at, person = subjects[index]
        pronoun_at = match.start("p")
        paragraph = cast.text.rfind("\n", 0, pronoun_at) + 1
        opening = cast.text[cast.sentences[index - 1] : at].split()
        if (
            person.org
            or person.plural
            or at < paragraph
            or opening[-1:] not in ([], ["But"], ["And"])
            or (_others_named(cast, person, paragraph, pronoun_at))
        ):  # only "Walz approaches it …", not "In an interview, she … if Trump is elected"
            continue
        wanted = "m" if match.group("p") == "He" else "f"
        if person.gender not in (wanted, None) and not person.gender_by_name:
            continue  # "Mr. Obama … She said": someone else
        person.gender, person.gender_by_name, person.personal = wanted, False, True
        cast.mentioned(person, pronoun_at, subject=True)


def _others_named(cast: Cast, person: Person, start: int, end: int) -> bool:
    """Whether anyone but `person` is named between two offsets."""
    return any(
        other is not person and last_before(other.positions, end - 1) >= start
        for other in cast.people
    )


def resolve_pronoun(
    cast: Cast, pronoun: str, position: int, recent: Person | None, horizon: int
) -> Person | None:
    """The most recent compatible person before `position`, the most salient first: a
    sentence's subject, then a plain mention, then the last speaker, then a chain of
    pronouns, and only then a possessive or a preposition's object ("Rubio's response")."""
    pronoun = pronoun.lower()
    if pronoun in MALE_PRONOUNS:
        wanted = "m"
    elif pronoun in FEMALE_PRONOUNS:
        wanted = "f"
    else:
        return recent if recent is not None and (recent.org or recent.plural) else None
    possessive = cast.obliques.possessive
    best = (
        _latest(cast, wanted, position, horizon, subjects=True)
        or _latest(cast, wanted, position, horizon, cast.obliques.plain)
        or _latest(cast, wanted, position, horizon, possessive.__contains__)
    )
    if best is not None:
        return best
    if recent is not None and recent.gender in (wanted, None):
        return None if recent.org else recent
    return _through_pronouns(cast, wanted, position, horizon) or _latest(
        cast, wanted, position, horizon, None
    )


def _latest(
    cast: Cast,
    wanted: str,
    position: int,
    horizon: int,
    accept: Callable[[int], bool] | None = None,
    *,
    subjects: bool = False,
) -> Person | None:
    """The person of a compatible gender mentioned last in [horizon, position], as a
    subject, or at a position `accept` takes (any, if None)."""
    best, best_at = None, -1
    for person in cast.people:
        if person.org or person.gender not in (wanted, None):
            continue
        if person.gender is None and not person.personal:
            continue
        positions = person.subjects if subjects else person.positions
        at = (
            last_plain(positions, accept, position, horizon)
            if accept
            else last_before(positions, position)
        )
        if at >= horizon and (at > best_at or (at == best_at and person.gender == wanted)):
            best, best_at = person, at
    return best


def _through_pronouns(cast: Cast, wanted: str, position: int, horizon: int) -> Person | None:
    """Follow a chain of narrative pronouns back past the horizon: "Ayotte … she … she said".

    Only the most recent person of that gender qualifies (as a subject if any was, else as
    any mention), only when every paragraph in between refers to someone by that
    pronoun, and not further back than a few paragraphs.
    """
    pronoun = _HE if wanted == "m" else _SHE
    for subjects in (True, False):
        best, best_at = None, -1
        for person in cast.people:
            if person.org or person.gender not in (wanted, None) or not person.personal:
                continue  # a person of unknown gender may be "he" ("Luay Sami, 33, … he")
            at = last_before(person.subjects if subjects else person.positions, horizon)
            if at > best_at:
                best, best_at = person, at
        if best is None or position - best_at > 2000:
            continue
        gaps = [*cast.text[best_at:horizon].split("\n\n")[1:], cast.text[horizon:position]]
        if all(pronoun.search(gap) for gap in gaps if gap.strip()):
            return best
    return None
