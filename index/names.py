"""Match a name as a user types it to the speakers a library knows.

"Beck", "beck", "Charlie Beck", "Chief Beck", "Beck's", "Charlie Bek" and "the police chief" all
reach Charlie Beck; two different people who share a surname come back as a choice to make.
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
    pope king queen prince princess former candidate congressman congresswoman
    """.split()
)
# Generational suffixes: "Donald Trump Jr." has the surname Trump.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words a reader puts around a name that are not part of it ("the", "mister").
_FILLER = frozenset({"the", "a", "an", "mister", "misses"})
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# A misspelled name token still matches at this similarity (difflib ratio): "Bek" for "Beck".
FUZZY_RATIO = 0.8


def normalize(name: str) -> str:
    """Lower-case, strip accents, possessives and punctuation: 'Beck’s' -> 'beck'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s?\b(?!\w)", "", plain)
    return " ".join(_TOKEN.findall(plain))


def name_tokens(name: str) -> list[str]:
    """The name's tokens without titles ("Chief", "Sen.", "Mr.") or suffixes ("Jr.")."""
    return [t for t in normalize(name).split() if t not in NAME_TITLES and t not in _SUFFIXES]


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

    def copy(self) -> SpeakerDirectory:
        """An independent directory with the same people (to extend without touching this one)."""
        copy = SpeakerDirectory()
        copy._people = {
            p.name: Person(p.name, set(p.forms), set(p.roles)) for p in self._people.values()
        }
        return copy

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
        """Return the canonical names a typed name may mean; one name when it is clear.

        Tries, in order, and stops at the first test some person passes: the exact form (a
        name, alias or role); every typed word in the name with the surname last ("Charlie
        Beck", "Chief Beck"); every typed word anywhere in the name ("Charlie"); a lone surname
        the typed name ends with ("Donald Trump" for an article that only says "Trump"); a role
        that contains the typed words ("the police chief"); then the same with misspellings.
        """
        query = normalize(typed)
        tokens = [t for t in name_tokens(typed) if t not in _FILLER]
        # Only title words ("the governor"): a role, never a name.
        tests = _TESTS if tokens else (_role,)
        owner = {m: head for head, members in self.canonical_groups().items() for m in members}
        people = list(self._people.values())
        for test in tests:
            hits = {owner[p.name] for p in people if test(p, query, tokens)}
            if hits:
                # A short name left out of every group ("Trump" beside "Donald Trump" and
                # "Ivana Trump") stays a choice: the articles that only say "Trump" are its own.
                return sorted(hits)
        return []

    def members(self, canonical: str) -> list[str]:
        """Every stored name that stands for the person named `canonical`."""
        return self.canonical_groups().get(canonical, [canonical])


def _exact(person: Person, query: str, tokens: list[str]) -> bool:
    bare = " ".join(t for t in query.split() if t not in _FILLER)
    if " " not in bare:
        # A lone word as an alias ("Grayson") may be a surname several people share: the
        # surname test decides, where everyone with that surname is seen at once.
        return False
    return query in person.forms or bare in person.forms


def _surname_last(person: Person, query: str, tokens: list[str]) -> bool:
    names = name_tokens(person.name)
    return bool(names) and tokens[-1] == names[-1] and all(t in names for t in tokens)


def _all_words(person: Person, query: str, tokens: list[str]) -> bool:
    names = name_tokens(person.name)
    return all(t in names for t in tokens)


def _lone_surname(person: Person, query: str, tokens: list[str]) -> bool:
    names = name_tokens(person.name)
    return len(names) == 1 and len(tokens) > 1 and tokens[-1] == names[0]


def _role(person: Person, query: str, tokens: list[str]) -> bool:
    # A role typed as a description: "the police chief" within "Los Angeles Police Chief".
    bare = " ".join(t for t in query.split() if t not in _FILLER)
    if len(bare) <= 3:
        return False
    return any(
        re.search(rf"\b{re.escape(bare)}\b", normalize(role)) for role in person.roles
    ) or any(" " in form and re.search(rf"\b{re.escape(bare)}\b", form) for form in person.forms)


def _close(typed: str, token: str) -> bool:
    return difflib.SequenceMatcher(None, typed, token).ratio() >= FUZZY_RATIO


def _fuzzy(person: Person, query: str, tokens: list[str]) -> bool:
    names = name_tokens(person.name)
    long_enough = [t for t in tokens if len(t) >= 3]
    return bool(long_enough) and all(any(_close(t, n) for n in names) for t in long_enough)


_TESTS = (_exact, _surname_last, _all_words, _lone_surname, _role, _fuzzy)


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
