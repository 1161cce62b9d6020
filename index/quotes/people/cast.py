"""Who is who in an article: names split from titles, canonical forms, pronouns and descriptions.

A `Cast` is built once per document from every capitalized name it contains (casting.py). It is
the data the attribution code reads: the canonical form of a name mention ("Chief Beck" ->
"Charlie Beck"), and every person's positions, roles and gender, from which pronouns.py and
descriptions.py find the person a "he" or "the police chief" stands for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from index.quotes.cues import (
    FEMALE_NAMES,
    FEMALE_TITLES,
    FIRST_NAMES,
    MALE_NAMES,
    MALE_TITLES,
    NOT_NAMES,
)
from index.quotes.people.family import last_speech
from index.quotes.people.mentions import (
    Mention,
    compatible,
    is_org,
    personal_role,
    titled,
    without_honorific,
)
from index.quotes.people.salience import Obliques, last_before


@dataclass(slots=True)
class Person:
    """One person or organization of the article, with every form the article used."""

    name: str
    forms: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None  # "m", "f", or None when unknown
    gender_by_name: bool = False  # guessed from a first name ("Marty"), which the text may overrule
    org: bool = False
    positions: list[int] = field(default_factory=list)
    subjects: list[int] = field(default_factory=list)  # positions where it is a subject
    # Known to be a person: a first name, a title or role, a pronoun, or speech at a cue.
    # Only such people (or those of known gender) can be "he" or "she": never "Colorado".
    personal: bool = False
    plural: bool = False  # several people speaking together ("Cummings and Conyers")
    named_at: list[int] = field(default_factory=list)  # where the full name was written

    @property
    def surname(self) -> str:
        """The last word of the name, lower case: the key the cast files people under."""
        return self.name.split()[-1].lower()

    @property
    def role(self) -> str | None:
        """Return the role shown beside the name: a person's first role that a role noun heads
        ("BA's chief executive"), not an aside ("the solution comes out of …")."""
        if self.org:
            return self.roles[0] if self.roles else None
        return next((role for role in self.roles if _shown_role(role)), None)


class Cast:
    """The people of one document, keyed by surname, with their mentions in article order."""

    def __init__(
        self, text: str, quoted: tuple[tuple[int, int], ...] = (),
        sentences: tuple[int, ...] = (), oblique: Obliques | None = None,
        organizations: Callable[[], list[tuple[int, str, str]]] | None = None,
    ) -> None:
        self.text = text
        self.people: list[Person] = []
        self._surnames: dict[str, list[Person]] = {}
        # The people by first word, for a lone "Hillary": kept as people are added and renamed,
        # where a scan of every person for every such mention was quadratic.
        self._firsts: dict[str, list[Person]] = {}
        self._quoted = sorted(quoted)
        self._quote_opens = [start for start, _ in self._quoted]  # to bisect with no tuple
        self.sentences = sentences  # sentence start offsets, for "first person in a sentence"
        # "Trump's ire", "to Joe Biden": mentions less salient than a subject's.
        self.obliques = oblique if oblique is not None else Obliques()
        # Named organizations, for "the board said" after "the Illinois Board of Elections":
        # `organizations` finds them, in text order, when first needed.
        self._find_organizations = organizations
        self._organizations: list[tuple[int, str, str]] | None = None
        # Names taken for no one (no known first name, role or second mention: "Pellow won"),
        # the last resort of a "he" when the article names no one else (pronouns.py).
        self.unplaced: list[Mention] = []
        # Surnames written after an honorific ("Dr Fox", "Mr Hill"): a person's, though the word
        # ends organizations' names elsewhere ("Fox News", "The Hill"); so "Liam Fox" is a person.
        self.honored: set[str] = set()
        # The reported clauses found so far ("William stopped to chat, he said"): whom they talk
        # about is less likely the next speaker than who spoke (pronouns.resolve_pronoun).
        self.reported: list[tuple[int, int]] = []

    def add(
        self, mention: Mention, *, strong: bool = True, subject: bool = False,
        speaking: bool = False,
    ) -> Person | None:
        """Register a name mention and return the person it names."""
        # The name's words, surname and first word read once here, for the lookup and the note.
        words = mention.name.split()
        first = words[0].lower()
        looks_personal = titled(mention.role) or first in FIRST_NAMES
        if not strong and not looks_personal:
            return None
        gender = title_gender(mention.role) if mention.role else None  # most have no title
        person = self.lookup(mention.name, mention.start, gender, speaking=speaking)
        if person is None:
            person = Person(mention.name, org=self.names_org(mention.name))
            self.people.append(person)
            self._surnames.setdefault(words[-1].lower(), []).append(person)
            self._firsts.setdefault(first, []).append(person)
        elif len(words) > len(person.name.split()) and words[-1].lower() == person.surname:
            same_first = self._firsts[_first_word(person.name)]
            same_first[:] = [other for other in same_first if other is not person]
            person.name = mention.name
            self._firsts.setdefault(first, []).append(person)
        if not person.org and looks_personal:
            person.personal = True
        self._note(person, mention, subject, words)
        return person

    def names_org(self, name: str) -> bool:
        """Tell an organization's name ("Fox News"), not a person's given an honorific ("Dr Fox")."""
        return is_org(name) and name.split()[-1].lower() not in self.honored

    def _note(
        self, person: Person, mention: Mention, strong_subject: bool = False,
        words: list[str] | None = None,
    ) -> None:
        """Record a mention of the person: its form, role, place and the gender it tells
        (`words`: the name's, when the caller has split it)."""
        words = words or mention.name.split()
        person.forms.add(mention.name)
        if len(words) >= 2:
            _insert_new(person.named_at, mention.start)
        if mention.role:
            person.forms.add(f"{mention.role.split()[-1]} {words[-1]}")
            self.add_role(person, mention.role)
        self.mentioned(person, mention.start, subject=strong_subject)
        if not (person.gender or person.org):  # most mentions: known already
            self._guess_gender(person, words, mention.role)

    def add_role(self, person: Person, role: str) -> None:
        """Record a role written beside the person (not an age); a personal role marks a person."""
        role = without_honorific(role.strip(" ,")) or ""  # "Mr" of "Mr Eddington": no role
        if role and not person.org and personal_role(role):
            person.personal = True  # "Debra Steger, a former negotiator", "Woodrow Benford, 58,"
        if role and role not in person.roles and not role.isdigit():
            person.roles.append(role)

    def _guess_gender(self, person: Person, words: list[str], role: str | None) -> None:
        """Guess an unknown gender (not an organization's, which `_note` leaves out)."""
        first = words[0].lower()
        by_title = title_gender(role)
        if by_title is not None:  # "Ms Perry": the title, not a surname that is a first name
            person.gender, person.gender_by_name = by_title, False
        elif first in MALE_NAMES:
            person.gender, person.gender_by_name = "m", True
        elif first in FEMALE_NAMES:
            person.gender, person.gender_by_name = "f", True

    def lookup(
        self, name: str, position: int | None = None, gender: str | None = None,
        *, speaking: bool = False,
    ) -> Person | None:
        """Return the person a name mention stands for: same surname, compatible first names, and
        not of the other gender than a title says ("Mrs. Clinton" is never Bill Clinton);
        `speaking`: the name is at a speech cue."""
        words = name.split()
        candidates = self._surnames.get(words[-1].lower(), [])
        if gender is not None:
            candidates = [p for p in candidates if p.gender in (gender, None)]
        if len(words) >= 2:
            candidates = [p for p in candidates if compatible(words, p.name.split())]
        elif not candidates:
            # "Hillary" alone names Hillary Clinton when only one person has that first name.
            first = words[0].lower()
            firsts = self._firsts.get(first, [])
            candidates = firsts if len(firsts) == 1 and not firsts[0].org else []
        if len(candidates) <= 1:
            return candidates[0] if candidates else None  # most names: one person or none
        if len(words) == 1:
            return self._one_of_family(candidates, position, speaking)
        return max(candidates, key=lambda person: last_before(person.positions, position))

    def _one_of_family(
        self, candidates: list[Person], position: int | None, speaking: bool = False
    ) -> Person:
        """Pick whom a bare surname several people share stands for ("Trump" beside Donald and
        Ivanka Trump): the one just named in full in this paragraph, or as the subject of the one
        before ("Secretary Jeh Johnson says …" but not "a photo of Heidi Cruz", "Heidi Cruz's
        car"); else the one named first, unless at a speech cue the first named never spoke in
        full and another did: then the one of them who last spoke (family.py)."""
        if position is not None:
            recent = max(candidates, key=lambda person: last_before(person.named_at, position))
            at = last_before(recent.named_at, position)
            breaks = self.text.count("\n\n", at, position) if at >= 0 else 2
            if breaks == 0 or (
                breaks == 1 and at in recent.subjects and not self.obliques.is_possessive(at)
            ):
                return recent  # not "Heidi Cruz's car was found": the car is the subject
        first = min(candidates, key=lambda person: person.named_at[0] if person.named_at else 1 << 60)
        if speaking and position is not None:
            spoke = [(last_speech(self.text, p.name, p.named_at, position), p) for p in candidates]
            at, last = max(spoke, key=lambda pair: pair[0])
            if at >= 0 and next(spoke_at for spoke_at, p in spoke if p is first) < 0:
                return last  # the first named never spoke ("slain intern Chandra Levy")
        return first

    def name_person(self, mention: Mention) -> Person:
        """Return the person a name at a speech cue stands for, registering it if it is new."""
        person = self.add(mention, subject=True, speaking=True)
        assert person is not None
        if not person.org and not person.name.isupper():
            person.personal = True  # it speaks: a person (or an organization, never a place)
        return person

    def group(self, members: list[Person]) -> Person:
        """Several people speaking as one ("Cummings and Conyers wrote"), named by all of them.

        Kept out of the surname table: a later "Conyers" is Conyers alone, never the group.
        """
        names = list(dict.fromkeys(member.name for member in members))
        if len(names) == 1:
            return members[0]
        name = f"{', '.join(names[:-1])} and {names[-1]}"
        return Person(name, {name}, plural=True)

    def set_gender(self, person: Person, gender: str | None) -> None:
        """Learn a person's gender from a pronoun that stands for them ("m", "f" or None)."""
        if gender is not None and person.gender is None and not person.org:
            person.gender, person.personal = gender, True

    def mentioned(self, person: Person, position: int, *, subject: bool = False) -> None:
        """Record a mention at `position` (none inside a quote); `subject`: it speaks at a cue."""
        if self.inside_quote(position):
            return
        _insert_new(person.positions, position)
        # A name already seen at this place becomes a subject once it speaks at a cue.
        if subject and position not in person.subjects:
            bisect.insort(person.subjects, position)

    def inside_quote(self, position: int) -> bool:
        """Tell whether a position is inside quote marks (names there are no narrative mentions)."""
        index = bisect.bisect_right(self._quote_opens, position) - 1
        return index >= 0 and self._quoted[index][0] <= position < self._quoted[index][1]

    def quote_beside(self, position: int, reach: int = 40) -> tuple[int, int] | None:
        """Return the quote that closes within `reach` before `position` or opens within it
        after (the quote a cue there credits), or None."""
        near = [span for span in self._quoted if position - reach <= span[1] <= position]
        near += [span for span in self._quoted if position <= span[0] <= position + reach]
        return min(near, key=lambda span: min(abs(span[1] - position), abs(span[0] - position)), default=None)

    def talked_about(self, position: int) -> bool:
        """Tell whether a position is inside a reported clause found so far."""
        return any(start <= position < end for start, end in self.reported)

    def quote_opens_between(self, start: int, end: int) -> bool:
        """Tell whether a quote opens between two positions."""
        index = bisect.bisect_left(self._quote_opens, start)
        return index < len(self._quote_opens) and self._quote_opens[index] < end

    def after_run_on(self, mention: Mention) -> Mention | None:
        """Return the last name of a run that a lost full stop made of two ("… to his daughter
        Princess Eugenie Sarah added"): its first words name a person the cast has in full, the
        last is a first name ("Donna Gill Lumpkin" is one person). None for any other name."""
        words = mention.name.split()
        if len(words) < 3 or words[-1].lower() not in FIRST_NAMES:
            return None
        head = " ".join(words[:-1])
        known = self.lookup(head)
        if known is not None and known.name == head:
            return Mention(words[-1], None, mention.end - len(words[-1]), mention.end)
        # "Speaking to the Herald Sun Daniel said": a caption's or a title's words run into the
        # first name of the one person named in full with it, who is meant
        named = self._firsts.get(words[-1].lower(), [])
        if len(named) == 1 and " " in named[0].name and words[0].lower() not in FIRST_NAMES:
            return Mention(named[0].name, None, mention.end - len(words[-1]), mention.end)
        return None

    def mentions_other(self, person: Person, start: int, end: int, *, bodies: bool = True) -> bool:
        """Tell whether anyone but `person` is mentioned in [start, end) (`bodies`: organizations
        count too)."""
        return any(
            other is not person and (bodies or not other.org)
            and last_before(other.positions, end - 1) >= start
            for other in self.people
        )

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, made once: roles are searched for in it."""
        return self.text.lower()

    def surnamed(self, surname: str) -> list[Person]:
        """Return the people the article names with this surname (lower case)."""
        return self._surnames.get(surname, [])

    def organization_named(self, head: str, position: int) -> Person | None:
        """Return the organization named last before `position` whose name holds this head noun."""
        if self._organizations is None:
            found = self._find_organizations
            self._organizations = found() if found is not None else []
        best = None
        for at, name, described in self._organizations:
            if at >= position:
                break
            if head in described.lower().split():  # "the company" after "the Dutch company Acme"
                best = (at, name)
        if best is None:
            return None
        person = self.add(Mention(best[1], None, best[0], best[0] + len(best[1])))
        if person is not None:
            person.org = True
        return person

    def aliases(self, person: Person) -> tuple[str, ...]:
        """Return the other forms the article names the person by, sorted."""
        return tuple(sorted(form for form in person.forms if form != person.name))


# Nouns that head a person's role without being titles the attribution rules know ("former
# head of the committee", "visiting fellow at Brookings", "Newry boss").
_ROLE_HEADS = frozenset(
    "head fellow counsel boss democrat native mum dad retiree member marshal guru surgeon".split()
)


_ROLE_TAIL = re.compile(r"\s+(?:of|for|at|in|with|from|to|and)\s+")  # after the head noun


@lru_cache(maxsize=8192)  # asked of a person's roles at every quote they speak
def _shown_role(role: str) -> bool:
    """Whether a role reads as what a person is: headed by a role noun, not an aside ("the
    solution comes out of …", "Sunday's talk shows to defend …")."""
    words = _ROLE_TAIL.split(role.lower(), maxsplit=1)[0].split()
    if not words or words[-1] in NOT_NAMES:
        return False  # "however", "later": an adverb that ends like an agent noun
    return personal_role(role) or words[-1] in _ROLE_HEADS or words[-1].endswith("surgeon")


def shown_role(role: str) -> bool:
    """Tell a role that reads as what a person is (see `_shown_role`)."""
    return _shown_role(role)


@lru_cache(maxsize=4096)  # asked at every lookup with a mention's role
def title_gender(role: str | None) -> str | None:
    """Return the gender an honorific gives ("Mrs." -> "f", "Mr." -> "m"), if any."""
    title = role.split()[-1].lower() if role else ""
    if title in MALE_TITLES:
        return "m"
    return "f" if title in FEMALE_TITLES else None


def _insert_new(positions: list[int], position: int) -> None:
    """Insert a position into sorted positions unless it is there (found by bisection, where
    `in` read the whole list for each mention of a much-named person)."""
    index = bisect.bisect_left(positions, position)
    if index == len(positions) or positions[index] != position:
        positions.insert(index, position)


@lru_cache(maxsize=4096)
def _first_word(name: str) -> str:
    return name.split()[0].lower()
