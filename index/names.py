"""Match a name as a user types it to the speakers a library knows.

"Beck", "beck", "Charlie Beck", "Chief Beck", "Charlie Bek" and "the police chief" all reach
Charlie Beck; two different people who share a surname come back as a choice to make.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Titles and honorifics that may stand before a name without being part of it (normalized form).
NAME_TITLES = frozenset(
    """
    mr mrs ms mx miss dr prof sir dame lord lady rev father
    president vice chief sen senator rep representative gov governor mayor gen general
    lt col colonel maj major capt captain sgt sergeant officer detective judge justice
    secretary minister prime chancellor ambassador commissioner sheriff deputy director
    pope king queen prince princess
    """.split()
)
_TOKEN = re.compile(r"[\w]+(?:['’][\w]+)*")


def normalize(name: str) -> str:
    """Lower-case, strip accents, possessives and punctuation: 'Beck’s' -> 'beck'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s\b", "", plain)
    return " ".join(_TOKEN.findall(plain))


def name_tokens(name: str) -> list[str]:
    """The name's tokens without titles ("Chief", "Sen.", "Mr.")."""
    return [t for t in normalize(name).split() if t not in NAME_TITLES]


@dataclass
class Person:
    """One speaker of a library, under its fullest name, with every form used for them."""

    name: str
    forms: set[str] = field(default_factory=set)  # normalized names, aliases and roles
    roles: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        tokens = name_tokens(self.name)
        return tokens[-1] if tokens else normalize(self.name)


class SpeakerDirectory:
    """The speakers of a library and how to find them by a typed name."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._groups: dict[str, list[str]] | None = None

    def add(self, name: str, *, role: str | None = None, aliases: Iterable[str] = ()) -> None:
        self._groups = None
        person = self._people.setdefault(name, Person(name))
        person.forms.add(normalize(name))
        person.forms.update(normalize(alias) for alias in aliases)
        if role:
            person.roles.add(role)
            person.forms.add(normalize(role))

    @property
    def names(self) -> list[str]:
        return sorted(self._people)

    def people(self) -> list[Person]:
        return list(self._people.values())

    def canonical_groups(self) -> dict[str, list[str]]:
        """Map each fullest name to the stored names it covers ('Beck' under 'Charlie Beck')."""
        if self._groups is None:
            self._groups = self._group()
        return self._groups

    def _group(self) -> dict[str, list[str]]:
        # Only names that share a surname can be one person: compare within those buckets.
        by_surname: dict[str, list[Person]] = {}
        for person in self._people.values():
            by_surname.setdefault(person.surname, []).append(person)
        groups: dict[str, list[str]] = {}
        for person in self._people.values():
            fuller = [
                other.name
                for other in by_surname[person.surname]
                if other is not person and _covers(other.name, person.name)
            ]
            head = max(fuller, key=len) if fuller and _one_person(fuller) else None
            groups.setdefault(head or person.name, []).append(person.name)
        return groups

    def match(self, typed: str) -> list[str]:
        """Return the canonical names a typed name may mean; one name when it is clear."""
        query = normalize(typed)
        query_tokens = [t for t in query.split() if t not in NAME_TITLES and t != "the"]
        if not query_tokens:
            return []
        groups = self.canonical_groups()
        owner = {member: head for head, members in groups.items() for member in members}
        hits = {owner[p.name] for p in self._people.values() if _matches(p, query, query_tokens)}
        if not hits:
            hits = {owner[p.name] for p in self._people.values() if _fuzzy(p, query_tokens)}
        return sorted(hits)

    def members(self, canonical: str) -> list[str]:
        """Every stored name that stands for the person named `canonical`."""
        return self.canonical_groups().get(canonical, [canonical])


def _covers(fuller: str, shorter: str) -> bool:
    """Whether `shorter` is a shortened form of `fuller` ("Beck" of "Charlie Beck")."""
    long_tokens, short_tokens = name_tokens(fuller), name_tokens(shorter)
    if not short_tokens or len(short_tokens) >= len(long_tokens):
        return False
    return long_tokens[-len(short_tokens) :] == short_tokens or set(short_tokens) <= set(
        long_tokens
    )


def _one_person(names: list[str]) -> bool:
    longest = max(names, key=len)
    return all(name == longest or _covers(longest, name) for name in names)


def _matches(person: Person, query: str, query_tokens: list[str]) -> bool:
    if query in person.forms:
        return True
    person_tokens = name_tokens(person.name)
    if query_tokens and all(t in person_tokens for t in query_tokens):
        return True
    # A role typed as a description: "the police chief" within "Los Angeles Police Chief".
    bare = query.removeprefix("the ")
    return len(bare) > 3 and any(bare in form for form in person.forms if " " in form)


def _fuzzy(person: Person, query_tokens: list[str]) -> bool:
    person_tokens = name_tokens(person.name)
    return all(
        any(difflib.SequenceMatcher(None, q, t).ratio() >= 0.8 for t in person_tokens)
        for q in query_tokens
        if len(q) >= 3
    ) and any(len(q) >= 3 for q in query_tokens)
