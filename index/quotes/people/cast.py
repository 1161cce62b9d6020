"""Who is who in an article: names split from titles, canonical forms, pronouns and descriptions.

A `Cast` is built once per document from every capitalized name it contains. It answers three
questions for the attribution code: the canonical form of a name mention ("Chief Beck" ->
"Charlie Beck"), the person a pronoun stands for (the most recent compatible named person), and
the person a description stands for (whoever the article introduced with that role).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from index.quotes.cue_patterns import ATTRIBUTIVE
from index.quotes.cues import (
    FEMALE_NAMES,
    FEMALE_TITLES,
    KIN_GENDER,
    MALE_NAMES,
    MALE_TITLES,
    PERSON_NOUNS,
)
from index.quotes.people.descriptions import resolve_description
from index.quotes.people.mentions import (
    NAME,
    Mention,
    compatible,
    first_name_known,
    is_org,
    organization_name,
    parse_name,
    personal_role,
    titled,
)
from index.quotes.people.pronouns import bind_narrative_pronouns, pronoun_gender, resolve_pronoun
from index.quotes.people.salience import last_before, obliques

# Every name begins with a capital: checking that first spares the other characters NAME's
# long alternation of abbreviations (5x faster over an article).
_NAME_RUN = re.compile(rf"(?=[A-Z]){NAME}")
# "Tom Reyes, a spokesman for the port," / "Woodrow Benford, 58,": found from the comma, then the
# name is matched backwards from it, so a long run of names with no comma costs nothing.
_ROLE_AFTER = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?P<role>[^,.;:\"“”()]{3,80}?)|(?P<age>\d{1,3}))(?=[,.;])"
)
_NAME_ENDING = re.compile(rf"(?=[A-Z])(?P<name>{NAME})$")  # (?=[A-Z]): as for _NAME_RUN
# "the harbor master, Tom Reyes,", "Kazakhstan's foreign minister, Erlan Idrissov,"
_ROLE_BEFORE = re.compile(  # (?=…): the letters it can begin with, tested first (2x faster)
    rf"(?=[A-Zat])(?:\b[Tt]he|\b[Aa]n?|[A-Z][\w\-]*['’]s)\s+(?P<role>[a-z][^,.;:\"“”()]{{2,60}}?),\s+(?P<name>{NAME}),"
)
# "The Vermont senator declined", "The former New Mexico governor is": a description as subject.
_DESCRIBED_SUBJECT = re.compile(
    r"(?:(?:Meanwhile|However|Still|Now|Yet),\s+)?"  # "Meanwhile, the current GOP nominee’s …"
    r"(?P<d>[Tt]he\s+(?:[\w'’.\-]+\s+){0,4}?(?P<head>[a-z][\w\-]+))(?:['’]s)?\s+"
    r"(?:also\s+|later\s+)?[a-z]+\b"
)
# A sentence whose subject is a pronoun: "She said she would …", "But he added …".
_PRONOUN_SUBJECT = re.compile(r"\W*(?:(?:But|And|So|Then|Still|Now)\s+)?(?:He|She|They|I|We)\b")
# "Debra Steger, a former negotiator,", "Woodrow Benford, 58,", "Sandy Phillips, who lost …".
_DESCRIBED = re.compile(r",\s+(?:(?:a|an|the)\s+[a-z]|\d{1,3},|(?P<who>who)\s)")


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
        return self.name.split()[-1].lower()

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


class Cast:
    """The people of one document, keyed by surname, with their mentions in article order."""

    def __init__(
        self, text: str, quoted: tuple[tuple[int, int], ...] = (),
        sentences: tuple[int, ...] = (),
    ) -> None:
        self.text = text
        self.people: list[Person] = []
        self._surnames: dict[str, list[Person]] = {}
        self._quoted = sorted(quoted)
        self.sentences = sentences  # sentence start offsets, for "first person in a sentence"
        runs = list(_NAME_RUN.finditer(text))
        found = [parse_name(match.group(0), match.start()) for match in runs]
        mentions = [m for m in found if m is not None]
        self.obliques = obliques(text, mentions)  # "Trump's ire", "to Joe Biden": less salient
        # Named organizations, for "the board said" after "the Illinois Board of Elections".
        self._organizations = [
            (match.start(), organization_name(match.group(0)))
            for match in runs
            if " " in match.group(0) and organization_name(match.group(0))
        ]
        # A name whose last word also stands alone elsewhere is a person ("Brigid Harrison" …
        # "Harrison"); places are not shortened so ("New Hampshire" is never "Hampshire").
        alone = {m.name.lower() for m in mentions if " " not in m.name}
        # Full names first, so that a lone "Beck" anywhere finds "Charlie Beck".
        full = [m for m in mentions if 2 <= len(m.name.split()) <= 4]
        counts = Counter(m.name for m in full)
        # Names with a known first name first, so that a one-off epithet with the same surname
        # ("Demogorgon Trump" beside "Donald Trump") is seen as one and not taken as a person.
        full.sort(key=lambda m: not first_name_known(m.name))
        for mention in full:
            words = mention.name.split()
            surname = words[-1].lower()
            role = self._role_word_before(mention.start)
            if role and not mention.role:  # "professor Brigid Harrison"
                mention = Mention(mention.name, role, mention.start, mention.end)
            # "Debra Steger, a former negotiator," / "Woodrow Benford, 58,": a person.
            described = _DESCRIBED.match(text, mention.end)
            by_role = described is not None and not described.group("who")
            if not (by_role or mention.role) and self._epithet(mention, counts[mention.name]):
                continue
            person = self.add(
                mention, strong=(surname in alone or described is not None) and not is_org(mention.name)
            )
            if person is not None and not person.org and described and described.group("who"):
                person.personal = True  # "Sandy Phillips, who lost her daughter, …": a person
        for mention in mentions:
            if " " not in mention.name:
                person = self.lookup(mention.name, mention.start, _title_gender(mention.role))
                if person is None and titled(mention.role):
                    person = self.add(mention)  # "Mr. Obama", "Gov. Scott"
                if person is not None:
                    self._note(person, mention)
        self._appositive_roles(text)
        self._described_subjects()
        bind_narrative_pronouns(self, self._mark_subjects())

    def _epithet(self, mention: Mention, count: int) -> bool:
        """A once-used full name with an unknown first word, beside a known person of that
        surname ("Demogorgon Trump" where the article also names Donald Trump)."""
        if count > 1 or first_name_known(mention.name):
            return False
        known = self.surnamed(mention.name.split()[-1].lower())
        return any(first_name_known(person.name) for person in known)

    def _role_word_before(self, start: int) -> str | None:
        """A lower-case role noun written right before a name ("psychologist Nancy Molitor")."""
        words = self.text[max(0, start - 30) : start].split()
        if words and words[-1].islower() and titled(words[-1]):
            return words[-1]
        return None

    def _appositive_roles(self, text: str) -> None:
        """Roles given beside a name: "Tom Reyes, a spokesman for the port," / "the chief, Beck,"."""
        for match in _ROLE_AFTER.finditer(text):
            window = text.rfind(" ", 0, max(0, match.start() - 120)) + 1
            found = _NAME_ENDING.search(text, window, match.start())
            name = parse_name(found.group("name"), found.start()) if found else None
            person = self.lookup(name.name, name.start) if name else None
            if person is not None:
                self.add_role(person, match.group("role") or match.group("age"))
        for match in _ROLE_BEFORE.finditer(text):
            person = self.lookup(match.group("name").rstrip("."), match.start("name"))
            name = parse_name(match.group("name"), match.start("name"))
            if person is None and name is not None and " " in name.name:
                # "Kazakhstan's foreign minister, Erlan Idrissov,": the role makes a person.
                person = self.add(name) if personal_role(match.group("role")) else None
            kin = KIN_GENDER.get(match.group("role").split()[-1].lower())
            if person is None and name is not None and kin is not None:
                # "Trump's wife, Melania,", "Her father, Brad, 39,": a first name is enough.
                person = self.add(name)
                if person is not None:
                    person.gender, person.personal = person.gender or kin, True
            if person is not None:
                self.add_role(person, match.group("role"))

    def _described_subjects(self) -> None:
        """A sentence opened by a description ("The Vermont senator declined …") mentions the
        person introduced with that role there, so that a later "he" can find them."""
        for start in self.sentences:
            match = _DESCRIBED_SUBJECT.match(self.text, start)
            if match is None or match.group("head").lower() not in PERSON_NOUNS:
                continue
            person = self.resolve_description(match.group("d"), start, None)
            if person is not None:
                self.mentioned(person, start)

    def _mark_subjects(self) -> dict[int, tuple[int, Person]]:
        """The first person named in each sentence, not as a possessive, a preposition's object
        or a modifier ("Cruz spokesman"), is its likely subject: pronouns prefer it. Returns the
        subjects by sentence (1 for the first sentence)."""
        first: dict[int, tuple[int, Person]] = {}
        for person in self.people:
            for at in person.positions:
                sentence = bisect.bisect_right(self.sentences, at)
                if (sentence not in first or at < first[sentence][0]) and not (
                    at in self.obliques.oblique or self._attributive(at)
                ):
                    first[sentence] = (at, person)
        subjects = {}
        for sentence, (at, person) in first.items():
            start = self.sentences[sentence - 1] if sentence else 0
            if not _PRONOUN_SUBJECT.match(self.text, start, at):
                bisect.insort(person.subjects, at)  # not "She said she would elect Clinton"
                subjects[sentence] = (at, person)
        return subjects

    def _attributive(self, at: int) -> bool:
        """A name that modifies a role before another name ("Cruz spokesman Rick Tyler")."""
        match = ATTRIBUTIVE.match(self.text, at)
        return match is not None and match.group("role") in PERSON_NOUNS

    def add(
        self, mention: Mention, *, strong: bool = True, subject: bool = False
    ) -> Person | None:
        """Register a name mention and return the person it names."""
        words = mention.name.split()
        if not strong and not self._looks_personal(words, mention.role):
            return None
        person = self.lookup(mention.name, mention.start, _title_gender(mention.role))
        if person is None:
            person = Person(mention.name, org=is_org(mention.name))
            self.people.append(person)
            self._surnames.setdefault(person.surname, []).append(person)
        elif len(words) > len(person.name.split()) and words[-1].lower() == person.surname:
            person.name = mention.name
        if not person.org and self._looks_personal(words, mention.role):
            person.personal = True
        self._note(person, mention, subject)
        return person

    def _note(self, person: Person, mention: Mention, strong_subject: bool = False) -> None:
        words = mention.name.split()
        person.forms.add(mention.name)
        if len(words) >= 2 and mention.start not in person.named_at:
            bisect.insort(person.named_at, mention.start)
        if mention.role:
            person.forms.add(f"{mention.role.split()[-1]} {words[-1]}")
            self.add_role(person, mention.role)
        self.mentioned(person, mention.start, subject=strong_subject)
        self._guess_gender(person, words, mention.role)

    def _looks_personal(self, words: list[str], role: str | None) -> bool:
        first = words[0].lower()
        return titled(role) or first in MALE_NAMES or first in FEMALE_NAMES

    def add_role(self, person: Person, role: str) -> None:
        role = role.strip(" ,")
        if role and not person.org and personal_role(role):
            person.personal = True  # "Debra Steger, a former negotiator", "Woodrow Benford, 58,"
        if role and role not in person.roles and not role.isdigit():
            person.roles.append(role)

    def _guess_gender(self, person: Person, words: list[str], role: str | None) -> None:
        if person.gender or person.org:
            return
        first = words[0].lower()
        by_title = _title_gender(role)
        if first in MALE_NAMES or by_title == "m":
            person.gender, person.gender_by_name = "m", by_title != "m"
        elif first in FEMALE_NAMES or by_title == "f":
            person.gender, person.gender_by_name = "f", by_title != "f"

    def lookup(
        self, name: str, position: int | None = None, gender: str | None = None
    ) -> Person | None:
        """The person a name mention stands for: same surname, compatible first names, and not
        of the other gender than a title says ("Mrs. Clinton" is never Bill Clinton)."""
        words = name.split()
        candidates = self._surnames.get(words[-1].lower(), [])
        if gender is not None:
            candidates = [p for p in candidates if p.gender in (gender, None)]
        if len(words) >= 2:
            candidates = [p for p in candidates if compatible(words, p.name.split())]
        elif not candidates:
            # "Hillary" alone names Hillary Clinton when only one person has that first name.
            first = words[0].lower()
            firsts = [p for p in self.people if _first_word(p.name) == first]
            candidates = firsts if len(firsts) == 1 and not firsts[0].org else []
        if not candidates:
            return None
        if len(words) == 1 and len(candidates) > 1:
            return self._one_of_family(candidates, position)
        return max(candidates, key=lambda person: last_before(person.positions, position))

    def _one_of_family(self, candidates: list[Person], position: int | None) -> Person:
        """A bare surname that several people share ("Trump" beside Donald and Ivanka Trump):
        the one just named in full in this paragraph, or as the subject of the one before
        ("Secretary Jeh Johnson says …" but not "a photo of Heidi Cruz"), else the one named
        first."""
        if position is not None:
            recent = max(candidates, key=lambda person: last_before(person.named_at, position))
            at = last_before(recent.named_at, position)
            breaks = self.text.count("\n\n", at, position) if at >= 0 else 2
            if breaks == 0 or (breaks == 1 and at in recent.subjects):
                return recent
        return min(candidates, key=lambda person: person.named_at[0] if person.named_at else 1 << 60)

    def name_person(self, mention: Mention) -> Person:
        """The person a name at a speech cue stands for, registering it if it is new."""
        person = self.add(mention, subject=True)
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

    def set_gender(self, person: Person, pronoun: str) -> None:
        gender = pronoun_gender(pronoun)
        if gender is not None and person.gender is None and not person.org:
            person.gender, person.personal = gender, True

    def mentioned(self, person: Person, position: int, *, subject: bool = False) -> None:
        if self.inside_quote(position):
            return
        index = bisect.bisect_left(person.positions, position)
        if index == len(person.positions) or person.positions[index] != position:
            person.positions.insert(index, position)
        # A name already seen at this place becomes a subject once it speaks at a cue.
        if subject and position not in person.subjects:
            bisect.insort(person.subjects, position)

    def inside_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self._quoted, (position, 1 << 60)) - 1
        return index >= 0 and self._quoted[index][0] <= position < self._quoted[index][1]

    def resolve_pronoun(
        self, pronoun: str, position: int, recent: Person | None, horizon: int
    ) -> Person | None:
        """The person a "he", "she" or "they" at `position` stands for (index/quotes/people/pronouns.py)."""
        return resolve_pronoun(self, pronoun, position, recent, horizon)

    def resolve_description(
        self, description: str, position: int, recent: Person | None
    ) -> Person | None:
        """The person the article introduced with this role (index/quotes/people/descriptions.py)."""
        return resolve_description(self, description, position, recent)

    def surnamed(self, surname: str) -> list[Person]:
        """The people the article names with this surname (lower case)."""
        return self._surnames.get(surname, [])

    def organization_named(self, head: str, position: int) -> Person | None:
        """The organization named last before `position` whose name holds this head noun."""
        best = None
        for at, name in self._organizations:
            if at >= position:
                break
            if head in name.lower().split():
                best = (at, name)
        if best is None:
            return None
        person = self.add(Mention(best[1], None, best[0], best[0] + len(best[1])))
        if person is not None:
            person.org = True
        return person

    def aliases(self, person: Person) -> tuple[str, ...]:
        return tuple(sorted(form for form in person.forms if form != person.name))


def _title_gender(role: str | None) -> str | None:
    """The gender an honorific gives ("Mrs." -> "f", "Mr." -> "m"), if any."""
    title = role.split()[-1].lower() if role else ""
    if title in MALE_TITLES:
        return "m"
    return "f" if title in FEMALE_TITLES else None


@lru_cache(maxsize=4096)
def _first_word(name: str) -> str:
    return name.split()[0].lower()
