"""Match a name as a user types it to the speakers a library knows.

"Beck", "beck", "Charlie Beck", "Chief Beck", "Beck's", "Charlie Bek" and "the police chief" all
reach Charlie Beck; two different people who share a surname come back as a choice to make.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from index.models import is_described

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
    """Return the name's tokens without titles ("Chief", "Sen.", "Mr.") or suffixes ("Jr.")."""
    return [t for t in normalize(name).split() if t not in NAME_TITLES and t not in _SUFFIXES]


@dataclass
class Person:
    """One speaker of a library, under its fullest name, with every form used for them."""

    name: str
    forms: set[str] = field(default_factory=set)  # normalized names, aliases and roles
    roles: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        """Return the person's last name, as users type it."""
        tokens = name_tokens(self.name)
        return tokens[-1] if tokens else normalize(self.name)


class SpeakerDirectory:
    """The speakers of a library and how to find them by a typed name."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        self._derived: _Lookup | None = None
        # The people this directory may change in place; the others it shares with copies.
        self._owned: set[str] | None = None  # None: all of them (never copied)

    def add(self, name: str, *, role: str | None = None, aliases: Iterable[str] = ()) -> None:
        """Add a speaker, or more forms of one already known: aliases and role. A speaker the
        article only describes ("a senior official") is no one to look up, and is left out."""
        if is_described(name):
            return
        self._derived = None
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = Person(name)
        elif self._owned is not None and name not in self._owned:  # shared: changed as a copy
            person = self._people[name] = Person(name, set(person.forms), set(person.roles))
        if self._owned is not None:
            self._owned.add(name)
        person.forms.add(normalize(name))
        person.forms.update(normalize(alias) for alias in aliases)
        if role:
            person.roles.add(role)
            person.forms.add(normalize(role))

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str | None, Iterable[str]]]) -> SpeakerDirectory:
        """Make the directory of some speaker entries: (name, role, aliases)."""
        # Adding each distinct entry once gives the same directory as adding every quote's speaker.
        directory = cls()
        for name, role, aliases in entries:
            directory.add(name, role=role, aliases=aliases)
        return directory

    def copy(self) -> SpeakerDirectory:
        """Copy the directory: the same people, to extend without touching this one.

        The people are shared, not copied: an index patched with one article copies its
        directory, and copying every person cost 27 ms per article at 30,000 articles. Either
        directory copies a person only when it adds to them."""
        copy = SpeakerDirectory()
        copy._people = dict(self._people)
        copy._owned, self._owned = set(), set()
        return copy

    @property
    def names(self) -> list[str]:
        """List the speakers by name, sorted."""
        return sorted(self._people)

    def people(self) -> list[Person]:
        """List the speakers with their forms and roles."""
        return list(self._people.values())

    @property
    def _lookup(self) -> _Lookup:
        # Built once per state of the directory: an index's directory never changes once the
        # index is published, so every question of that version shares it. Two threads may
        # both build it: harmless, the results are equal.
        derived = self._derived
        if derived is None:
            derived = self._derived = _Lookup(self._people)
        return derived

    def canonical_groups(self) -> dict[str, list[str]]:
        """Map each fullest name to the stored names it covers ('Beck' under 'Charlie Beck')."""
        return self._lookup.groups

    def match(self, typed: str) -> list[str]:
        """Return the canonical names a typed name may mean; one name when it is clear.

        Tries, in order, and stops at the first test some person passes: the exact form (a
        name, alias or role); every typed word in the name with the surname last ("Charlie
        Beck", "Chief Beck"); every typed word anywhere in the name ("Charlie"); a lone surname
        the typed name ends with ("Donald Trump" for an article that only says "Trump"); a role
        that contains the typed words ("the police chief"); then the same with misspellings.
        """
        return list(self._lookup.match(typed))

    def members(self, canonical: str) -> list[str]:
        """Every stored name that stands for the person named `canonical`."""
        return self.canonical_groups().get(canonical, [canonical])


class _Lookup:
    """What matching needs about a directory's people, normalized and indexed once.

    Each test of `SpeakerDirectory.match` reads only the candidates an index gives it (the
    people with the typed surname, with a typed word, with a form...), so a question costs the
    same with ten speakers as with ten thousand.
    """

    def __init__(self, people: dict[str, Person]) -> None:
        self.people = people
        self.tokens = {name: tuple(name_tokens(name)) for name in people}
        self.groups = _group(people, self.tokens)
        self.owner = {m: head for head, members in self.groups.items() for m in members}
        self.by_token: dict[str, list[str]] = {}
        self.by_last: dict[str, list[str]] = {}
        self.by_form: dict[str, list[str]] = {}
        self.by_length: dict[int, list[str]] = {}  # distinct name tokens by length (fuzzy)
        # A role test reads the normalized roles and the multi-word forms of a person.
        self.descriptions: dict[str, tuple[str, ...]] = {}
        self.by_described_word: dict[str, list[str]] = {}
        for name, person in people.items():
            tokens = self.tokens[name]
            for token in dict.fromkeys(tokens):
                self.by_token.setdefault(token, []).append(name)
            if tokens:
                self.by_last.setdefault(tokens[-1], []).append(name)
            for form in person.forms:
                self.by_form.setdefault(form, []).append(name)
            texts = (
                *(normalize(role) for role in person.roles),
                *(form for form in person.forms if " " in form),
            )
            self.descriptions[name] = texts
            for word in {w for text in texts for w in _WORD.findall(text)}:
                self.by_described_word.setdefault(word, []).append(name)
        for token in self.by_token:
            self.by_length.setdefault(len(token), []).append(token)
        self._matches: dict[str, tuple[str, ...]] = {}
        self._close: dict[str, frozenset[str]] = {}

    def match(self, typed: str) -> tuple[str, ...]:
        found = self._matches.get(typed)
        if found is None:
            if len(self._matches) > _MAX_REMEMBERED:
                self._matches.clear()
            found = self._matches[typed] = self._match(typed)
        return found

    def _match(self, typed: str) -> tuple[str, ...]:
        query = normalize(typed)
        tokens = [t for t in name_tokens(typed) if t not in _FILLER]
        bare = " ".join(t for t in query.split() if t not in _FILLER)
        # Only title words ("the governor"): a role, never a name.
        tests: tuple[Callable[[], list[str]], ...] = (
            (
                lambda: self._exact(query, bare),
                lambda: self._surname_last(tokens),
                lambda: self._all_words(tokens),
                lambda: self._lone_surname(tokens),
                lambda: self._role(bare),
                lambda: self._fuzzy(tokens),
            )
            if tokens
            else (lambda: self._role(bare),)
        )
        for test in tests:
            hits = {self.owner[name] for name in test()}
            # People quoted together ("Elijah Cummings and John Conyers") are found by a name
            # only when no one person has it: "Conyers" means John Conyers.
            hits = {name for name in hits if not _joint(name)} or hits
            if hits:
                # A short name left out of every group ("Trump" beside "Donald Trump" and
                # "Ivana Trump") stays a choice: the articles that only say "Trump" are its own.
                return tuple(sorted(hits))
        return ()

    def _exact(self, query: str, bare: str) -> list[str]:
        if " " not in bare:
            # A lone word as an alias ("Grayson") may be a surname several people share: the
            # surname test decides, where everyone with that surname is seen at once.
            return []
        return [*self.by_form.get(query, ()), *self.by_form.get(bare, ())]

    def _surname_last(self, tokens: list[str]) -> list[str]:
        return [
            name
            for name in self.by_last.get(tokens[-1], ())
            if all(t in self.tokens[name] for t in tokens)
        ]

    def _all_words(self, tokens: list[str]) -> list[str]:
        return [
            name
            for name in self.by_token.get(tokens[0], ())
            if all(t in self.tokens[name] for t in tokens)
        ]

    def _lone_surname(self, tokens: list[str]) -> list[str]:
        if len(tokens) < 2:
            return []
        return [name for name in self.by_last.get(tokens[-1], ()) if len(self.tokens[name]) == 1]

    def _role(self, bare: str) -> list[str]:
        # A role typed as a description: "the police chief" within "Los Angeles Police Chief".
        if len(bare) <= 3:
            return []
        words = _WORD.findall(bare)
        if not words:
            return []
        # A whole-word match of `bare` holds each of its words whole: read only those people.
        candidates = min((self.by_described_word.get(w, []) for w in words), key=len)
        # The typed words must end on the description's head noun, last or before its
        # complement ("police chief", "the secretary" of "secretary of state", "the spokesman"
        # of "spokesman for the port"): a modifier alone ("Republican" of "Republican
        # presidential nominee") names nobody.
        pattern = re.compile(rf"\b{re.escape(bare)}(?:$| (?:{_COMPLEMENT_OPENERS}) )")
        return [
            name
            for name in candidates
            if any(bare in text and pattern.search(text) for text in self.descriptions[name])
        ]

    def _fuzzy(self, tokens: list[str]) -> list[str]:
        long_enough = [t for t in tokens if len(t) >= 3]
        if not long_enough:
            return []
        close = [self._close_tokens(t) for t in long_enough]
        candidates = {name for token in close[0] for name in self.by_token[token]}
        return [
            name
            for name in candidates
            if all(any(n in near for n in self.tokens[name]) for near in close)
        ]

    def _close_tokens(self, typed: str) -> frozenset[str]:
        """Return the name tokens a typed token may be a misspelling of."""
        near = self._close.get(typed)
        if near is None:
            size = len(typed)
            # ratio = 2 * matches / (len(a) + len(b)) and matches <= the shorter length.
            lengths = [n for n in self.by_length if 2 * min(n, size) >= FUZZY_RATIO * (n + size)]
            # quick_ratio (shared letters) bounds ratio from above and does not depend on the
            # order of the two: with the typed token second, its letter counts are made once.
            bound = difflib.SequenceMatcher(None, "", typed)
            near_tokens = []
            for length in lengths:
                for token in self.by_length[length]:
                    bound.set_seq1(token)
                    if bound.quick_ratio() >= FUZZY_RATIO and _close(typed, token):
                        near_tokens.append(token)
            near = self._close[typed] = frozenset(near_tokens)
        return near


def _close(typed: str, token: str) -> bool:
    return difflib.SequenceMatcher(None, typed, token).ratio() >= FUZZY_RATIO


_WORD = re.compile(r"\w+")
_MAX_REMEMBERED = 10_000  # typed names whose matches a lookup keeps


def _group(people: dict[str, Person], tokens: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Map each fullest name to the stored names it covers ('Beck' under 'Charlie Beck')."""
    # Only names that share a surname can be one person: compare within those buckets.
    by_surname: dict[str, list[str]] = {}
    for name in people:
        by_surname.setdefault(_surname(name, tokens[name]), []).append(name)
    groups: dict[str, list[str]] = {}
    for name in people:
        mine = tokens[name]
        fuller = [
            other
            for other in by_surname[_surname(name, mine)]
            if other != name and not _joint(other) and _covers_tokens(tokens[other], mine)
        ]
        head = max(fuller, key=len) if fuller and _one_person(fuller) else None
        groups.setdefault(head or name, []).append(name)
    return groups


# Words that open a role's complement after its head noun: "of state", "for the port".
_COMPLEMENT_OPENERS = "of|for|at|in|with|to|on|from"


def _joint(name: str) -> bool:
    """Tell a speaker that is several people quoted together: "Elijah Cummings and John Conyers"."""
    return " and " in name


def _surname(name: str, tokens: tuple[str, ...]) -> str:
    return tokens[-1] if tokens else normalize(name)


def _covers(fuller: str, shorter: str) -> bool:
    """Whether `shorter` is a shortened form of `fuller` ("Beck" of "Charlie Beck")."""
    return _covers_tokens(tuple(name_tokens(fuller)), tuple(name_tokens(shorter)))


def _covers_tokens(long_tokens: tuple[str, ...], short_tokens: tuple[str, ...]) -> bool:
    if not short_tokens or len(short_tokens) >= len(long_tokens):
        return False
    return long_tokens[-len(short_tokens) :] == short_tokens or set(short_tokens) <= set(
        long_tokens
    )


def _one_person(names: list[str]) -> bool:
    longest = max(names, key=len)
    return all(name == longest or _covers(longest, name) for name in names)
