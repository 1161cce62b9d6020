"""Which person a "he" or "she" stands for, among the people of a document's `Cast`.

The most salient compatible person wins (index/quotes/people/salience.py): a sentence's subject, then a plain
mention, then a possessive, all since the paragraph before; then the last speaker; then a chain
of narrative pronouns further back; only then a preposition's object. Whom a reported clause
talks about yields to the last speaker ("William stopped to chat, he said": the spokesman).
A narrative "She said …" right after a sentence about one person binds to that person and tells
their gender; one right after the sentence that introduces someone by full name and role
("…came from Ben Gray, an analyst. He said:") is theirs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from index.quotes.cues import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    NOUN_GENDER,
    ORG_HEADS,
    PERSON_NOUNS,
)
from index.quotes.people.cast import Cast, Person
from index.quotes.people.salience import last_before, last_plain
from index.quotes.people.speaking_names import opening_stranger

_NARRATIVE_PRONOUN = re.compile(r"\W*(?:(?:But|And|So|Then|Still|Now)\s+)?(?P<p>He|She)\b")
_HE = re.compile(r"\b(?:[Hh]e|him|[Hh]is)\b")
_SHE = re.compile(r"\b(?:[Ss]he|[Hh]er)\b")
_ROLE_FOLLOWS = re.compile(r",\s+(?:(?:a|an|the)\s+)?[a-z]")  # ", an analyst", ", head of"
_WINDOW = 3000  # how far back a scan for other people goes, in characters
_CHAIN_REACH = 2000  # how far back a chain of pronouns may lead, in characters
# A sentence opened by someone new and unnamed ("A 29-year-old Berlin woman, meanwhile, …"):
# the pronouns after it are theirs, so a chain of pronouns breaks there.
_NEW_PERSON_OPENING = (
    rf"(?:[Aa]n?|[Oo]ne)\s+(?:(?:[\w'’.\-]+\s+){{0,3}}?"
    rf"(?P<noun>{'|'.join(sorted(PERSON_NOUNS | set(NOUN_GENDER), key=len, reverse=True))})\b"
    # "A troll called 'fatalsplash' …": whoever a name is given to is someone new, whatever noun
    r"|(?:[\w'’.\-]+\s+){0,2}?(?P<called>[a-z][\w\-]+)"
    r"(?=\s+(?:called|named|nicknamed)\s+['‘\"“A-Z]))"
)
# A capital "A" right after a lower-case word opens a sentence whose break was lost (Daily Mail
# copy: "calling out an online hater A troll called 'fatalsplash' …").
_LOST_BREAK = r" (?<=[a-z] )(?=An?\s)"  # opening with the space: the engine skips to those in C
_NEW_PERSON = re.compile(rf"(?:^|[.!?][\"”’']?\s+|{_LOST_BREAK}){_NEW_PERSON_OPENING}")
# The same after a mark (or a lost break) only: it opens with a character class, so the engine
# skips to the marks in C, where `(?:^|…)` had it try the pattern at every character of a window of up to 3,000.
_NEW_PERSON_AFTER_MARK = re.compile(rf"(?:[.!?][\"”’']?\s+|{_LOST_BREAK}){_NEW_PERSON_OPENING}")


def bind_narrative_pronouns(cast: Cast, subjects: dict[int, tuple[int, Person]]) -> None:
    """Continue with the person when a sentence opens with "he" or "she" right after one whose
    subject is the only person the paragraph has named so far ("Walz approaches it … She said
    she would …"), and learn their gender (a first name like "Marty" only guessed it)."""
    for index in range(1, len(cast.sentences)):
        if index not in subjects:
            continue  # tested first: the pattern's call costs more
        match = _NARRATIVE_PRONOUN.match(cast.text, cast.sentences[index])
        if match is None or cast.inside_quote(match.start("p")):
            continue
        at, person = subjects[index]
        pronoun_at = match.start("p")
        # The paragraph's start, or a bounded window of it: a one-paragraph megabyte costs no more.
        window = max(0, pronoun_at - _WINDOW)
        paragraph = max(window, cast.text.rfind("\n", window, pronoun_at) + 1)
        if index >= 3 and paragraph < cast.sentences[index - 3]:
            # a paragraph of many sentences is paragraphs run together (breaks lost, as in
            # Daily Mail copy): "so far" is the sentence before, whose subject opens it
            paragraph = cast.sentences[index - 1]
        opening = cast.text[cast.sentences[index - 1] : at].split()
        if (
            person.org
            or person.plural
            or at < paragraph
            or opening[-1:] not in ([], ["But"], ["And"])
            or (cast.mentions_other(person, paragraph, pronoun_at))
        ):  # only "Walz approaches it …", not "In an interview, she … if Trump is elected"
            continue
        wanted = "m" if match.group("p") == "He" else "f"
        if person.gender not in (wanted, None) and (
            not person.gender_by_name or cast.quote_opens_between(cast.sentences[index - 1], at)
            or cast.quote_opens_between(at, pronoun_at)
        ):  # "Mr. Obama … She said": someone else; so too after "David Lee said: '… her …'",
            continue  # where she is whom the quote spoke of, not a "David" who is a woman
        person.gender, person.gender_by_name, person.personal = wanted, False, True
        cast.mentioned(person, pronoun_at, subject=True)


def resolve_pronoun(
    cast: Cast, pronoun: str, position: int, recent: Person | None, horizon: int
) -> Person | None:
    """Return the most recent compatible person before `position`, the most salient first: since
    `horizon`, a sentence's subject, then a plain mention, then a possessive ("Rubio's
    response"); then the last speaker (`recent`); then a chain of pronouns back past the
    horizon; only then anyone since `horizon`, a preposition's object included ("to Joe
    Biden"). No one, when someone new and unnamed came in since ("A woman … she")."""
    wanted = pronoun_gender(pronoun.lower())
    if wanted is None:
        return recent if recent is not None and (recent.org or recent.plural) else None
    introduced = _just_introduced(cast, wanted, position)
    if introduced is not None:
        return introduced
    # Who spoke last outranks whom a reported clause since talked about ("William stopped to
    # chat, he said. “…,” he said": the spokesman both times, never William).
    # Only a speaker known to be of that gender (not "Newcastle", a club taken for a person).
    speaker_first = bool(cast.reported) and recent is not None and recent.gender == wanted
    for accept, subjects in (
        (None, True),
        (cast.obliques.plain, False),
        (cast.obliques.is_possessive, False),
    ):
        taken = _outside_reports(cast, accept) if speaker_first else accept
        found = _latest(cast, wanted, position, horizon, taken, subjects=subjects)
        if found is not None:
            return _unless_newcomer(cast, wanted, found, position)
    if recent is not None and recent.gender in (wanted, None):
        if recent.org:
            return None
        return _unless_newcomer(
            cast, wanted, (recent, last_before(recent.positions, position)), position
        )
    chained = _through_pronouns(cast, wanted, position, horizon)
    if chained is not None:
        return chained
    found = _latest(cast, wanted, position, horizon, None)
    if found is not None:
        return _unless_newcomer(cast, wanted, found, position)
    return _sole_name(cast, position) or _unless_new(
        cast, wanted, opening_stranger(cast, position, horizon), position
    )


def _outside_reports(cast: Cast, accept: Callable[[int], bool] | None) -> Callable[[int], bool]:
    """`accept`, and not inside a reported clause."""
    return lambda at: not cast.talked_about(at) and (accept is None or accept(at))


def _unless_new(cast: Cast, wanted: str, person: Person | None, position: int) -> Person | None:
    if person is None:
        return None
    return _unless_newcomer(cast, wanted, (person, last_before(person.positions, position)), position)


def _just_introduced(cast: Cast, wanted: str, position: int) -> Person | None:
    """"One dissenting view came from Ben Gray, an analyst at Gartner. He said: …": a pronoun
    opening the sentence after the one that first names someone, with their role, and no one
    else who could be that pronoun, is theirs, whoever spoke before."""
    index = bisect.bisect_right(cast.sentences, position) - 1
    if index < 1 or cast.text[cast.sentences[index] : position].strip(" \"“'‘") not in ("", "But", "And"):
        return None
    start, end = cast.sentences[index - 1], cast.sentences[index]
    named = [
        person for person in cast.people
        if not person.org and last_before(person.positions, end - 1) >= start
    ]
    if len(named) != 1 or named[0].gender not in (wanted, None) or not named[0].personal:
        return None
    person = named[0]
    first = person.positions[0]
    if not (start <= first and person.named_at[:1] == [first]):
        return None  # named before, or not by full name
    after = first + len(person.name)
    if cast.text[first:after] != person.name or not _ROLE_FOLLOWS.match(cast.text, after):
        return None  # not introduced with a role ("Ben Gray, an analyst")
    return None if _newcomer(cast, wanted, first, position) else person


def _sole_name(cast: Cast, position: int) -> Person | None:
    """"Pellow won at Ripon. “…,” he said.": when the article has named no one else before,
    the one name written (of unknown gender, never taken for a person) is the one meant."""
    if any(person.positions and person.positions[0] < position for person in cast.people):
        return None
    names = [
        mention for mention in cast.unplaced
        if mention.start < position and not _plural_noun(mention.name)
    ]
    if len({mention.name.split()[-1].lower() for mention in names}) != 1:
        return None
    person = cast.add(max(names, key=lambda mention: len(mention.name)))
    if person is not None:
        person.personal = True
    return person


def _plural_noun(name: str) -> bool:
    """Tell a capitalized plural of a person or organization noun opening its sentence
    ("Reporters waited outside.", "Officials said …"): no name."""
    word = name.lower()
    return " " not in word and word.endswith("s") and (
        word[:-1] in PERSON_NOUNS or word[:-1] in ORG_HEADS
    )


def pronoun_gender(pronoun: str) -> str | None:
    """Read the gender off a lower-case pronoun: "m" ("he", "his"), "f" ("she", "her") or None."""
    if pronoun in MALE_PRONOUNS:
        return "m"
    return "f" if pronoun in FEMALE_PRONOUNS else None


def _unless_newcomer(
    cast: Cast, wanted: str, found: tuple[Person, int], position: int
) -> Person | None:
    """Return the person found, unless a sentence since their mention brings in someone new and
    unnamed who can be the pronoun ("A 29-year-old Berlin woman, meanwhile, … she wrote")."""
    person, at = found
    return None if _newcomer(cast, wanted, at, position) else person


def _newcomer(cast: Cast, wanted: str, start: int, end: int) -> bool:
    for match in new_people(cast.text, max(0, start, end - _WINDOW), end):
        noun = "noun" if match.group("noun") else "called"
        gender = NOUN_GENDER.get(match.group(noun).lower())
        if gender in (None, wanted) and not cast.inside_quote(match.start(noun)):
            return True
    return False


def new_people(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`_NEW_PERSON.finditer(text, start, end)`: `^` matches only at the text's start (not at
    `start`), so past it the pattern's matches are those after a mark; at 0, `match` tries both."""
    first = _NEW_PERSON.match(text, 0, end) if start == 0 else None
    if first is not None:
        yield first
    yield from _NEW_PERSON_AFTER_MARK.finditer(text, start if first is None else first.end(), end)


def _latest(
    cast: Cast,
    wanted: str,
    position: int,
    horizon: int,
    accept: Callable[[int], bool] | None = None,
    *,
    subjects: bool = False,
) -> tuple[Person, int] | None:
    """Return the person of a compatible gender mentioned last in [horizon, position], as a
    subject, or at a position `accept` takes (any, if None), with that position."""
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
    return (best, best_at) if best is not None else None


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
        if best is None or position - best_at > _CHAIN_REACH:
            continue
        gaps = [*cast.text[best_at:horizon].split("\n\n")[1:], cast.text[horizon:position]]
        if all(pronoun.search(gap) for gap in gaps if gap.strip()):
            return None if _newcomer(cast, wanted, best_at, position) else best
    return None


_HIS = re.compile(r"\b(?:his|himself)\b")
_HERSELF = re.compile(r"\bherself\b")  # not "her": an object may be someone else ("met her")


def learn_reflexive_gender(cast: Cast, subjects: dict[int, tuple[int, Person]]) -> None:
    """Learn a person's gender from a sentence about them that says "his" or "herself" ("Rickie
    Fowler has earned points with his fans", "Alexis … standing up for herself"), when the name
    did not tell it ("Rickie", "Alexis") and no one else is named in that sentence before the
    pronoun ("Alec Stewart has expressed his interest … of Paul Downton": his)."""
    for index, (at, person) in subjects.items():
        if person.gender is not None or person.org or person.plural or not cast.sentences:
            continue
        end = cast.sentences[index] if index < len(cast.sentences) else len(cast.text)
        if cast.text[cast.sentences[index - 1] if index else 0 : at].strip(" \n\"“'‘"):
            continue  # not "Like New Labour, he called himself …": the name opens the sentence
        male = _HIS.search(cast.text, at, end)
        female = _HERSELF.search(cast.text, at, end)
        found = male or female
        if found is None or (male and female) or cast.inside_quote(found.start()):
            continue
        if not cast.mentions_other(person, at + 1, found.start()):
            person.gender, person.personal = ("m" if male else "f"), True
