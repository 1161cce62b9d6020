"""Which person a description at a speech cue stands for: "the police chief", "the Vermont
senator", "the current GOP nominee", "the committee".

The article's own roles decide first (the person introduced as "Los Angeles Police Chief Charlie
Beck" is "the police chief"); then the one holder of a role when place or party cannot tell two
apart; then an organization named with that head noun; then, for a generic noun ("the man",
"the businessman"), the one just quoted, unless the text has moved on to someone else.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from index.quotes.cues import (
    AFFILIATIONS,
    DOCUMENT_NOUNS,
    GENERAL_ROLES,
    NOUN_GENDER,
    ORG_HEADS,
    ORG_NOUNS,
    PARTY_SYNONYMS,
    PERSON_NOUNS,
    PLACES,
    TIMELESS_WORDS,
)
from index.quotes.people.cast import Cast, Person
from index.quotes.people.mentions import GENERIC_ROLE, TITLE_WORDS, personal_role
from index.quotes.people.salience import first_from, last_before
from index.quotes.people.topic import story_subject


@lru_cache(maxsize=8192)  # every person's roles are read again for each description
def _read_role(role: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return a role's words and its head noun, each title word in its long forms ("sen." ->
    "senator"): "the ministry" is not the "finance ministry general secretary"."""
    words = frozenset(
        long for word in role.lower().replace(",", " ").split()
        for long in TITLE_WORDS.get(word, word).split()
    )
    noun = _ROLE_TAIL.split(role.lower())[0].split()
    heads = frozenset(TITLE_WORDS.get(noun[-1], noun[-1]).split()) if noun else frozenset()
    return words, heads


def resolve_description(
    cast: Cast, description: str, position: int, recent: Person | None
) -> Person | None:
    """Return the person the article introduced with this role ("the police chief" -> Beck),
    else the one the story is about there when nothing says it is someone else (topic.py)."""
    found = _introduced_as(cast, description, position, recent)
    if found is not None or _someone_holds(cast, description.split()[-1].lower()):
        return found  # "the Vermont senator" between two senators: the roles told neither
    return story_subject(cast, description, position)


def _someone_holds(cast: Cast, head: str) -> bool:
    """Whether the article gave anyone a role this noun heads (not as another office)."""
    return any(
        head in heads and not words & _OTHER_OFFICE
        for person in cast.people
        for words, heads in map(_read_role, person.roles)
    )


def _introduced_as(
    cast: Cast, description: str, position: int, recent: Person | None
) -> Person | None:
    """Return the person the article introduced with this role, or the one just quoted."""
    words = [word.lower() for word in description.split()[1:]]
    if not words or description.split()[0].lower() in _NEWCOMER:
        return None  # "A senior official told …": someone new, never the one just quoted
    head = words[-1]
    age = _AGE.fullmatch(head)
    if age is not None:
        return _of_age(cast, age.group(1), position, recent)
    aged = next((match for word in words[:-1] if (match := _AGE.fullmatch(word))), None)
    if aged is not None and (found := _of_age(cast, aged.group(1), position, None)) is not None:
        return found  # "the 34-year-old mother-of-two": whom the article gave that age
    kin = _OF_COUNT.fullmatch(head)
    if kin is not None or not (personal_role(head) or head in ORG_HEADS) or head in GENERAL_ROLES:
        # "the fighter ace", "the mother-of-two": no role noun we list, but the words the
        # article introduced someone with; "the new bill" names no one. A bare common noun
        # ("the boss") is too general: it is often the story's subject, introduced otherwise.
        specific = len(words) > 1 or "-" in head
        found = described_as(cast, words, position) if specific else None
        if found is not None or kin is None or kin.group(1) not in PERSON_NOUNS:
            return found
        # "the mother-of-two" whom no role introduced: a "the mother" like any other
        head, words = kin.group(1), [*words[:-1], kin.group(1)]
    # "the Florida senator", "the Christie supporter": a proper word the role must also have.
    proper = {word.lower() for word in description.split()[1:-1] if word[:1].isupper()}
    best, best_key = None, (-1, -1)
    holders = []  # everyone with the head role, whatever else the description says
    for person in cast.people:
        role_words: set[str] = set()
        heads: set[str] = set()
        for role in person.roles:
            if cast.lowered.find(role.lower(), 0, position) < 0:
                continue  # a role the article gives only later ("Wolf Hall author Hilary Mantel")
            words_of_role, heads_of_role = _read_role(role)
            if words_of_role & _OTHER_OFFICE - set(words):
                continue  # "the chancellor" is not the "shadow chancellor" nor a "deputy" one
            role_words.update(words_of_role)
            heads.update(heads_of_role)
        if head in heads and not person.org:
            holders.append((person, role_words))
        extra = set(words) - GENERIC_ROLE - role_words - {head}
        if head in heads and not (extra and (len(words) > 2 or extra & proper)):
            # "The Florida senator": a senator whose role says Florida beats a later one.
            shared = len(set(words[:-1]) & role_words)
            key = (shared, last_before(person.positions, position))
            if key[1] >= 0 and key > best_key:
                best, best_key = person, key
    if best is not None:
        return best
    if len(holders) == 1 and _only_holder(
        words, proper, holders[0][1] | _party_before(cast, holders[0][0])
    ):
        # "The Vermont senator", "the current GOP nominee" where the article names one
        # senator or nominee only, not saying where from or of which party: that one (with
        # two, or an "Iowa Sen.", the state or the party must tell them apart).
        return holders[0][0]
    if head in ORG_HEADS and head not in PERSON_NOUNS:
        named = cast.organization_named(head, position)
        if named is not None:
            return named
    if head in PERSON_NOUNS and recent is not None and not recent.org and not _other_office(
        recent, head, words
    ) and (
        recent.gender is None or NOUN_GENDER.get(head, recent.gender) == recent.gender
    ) and not any(
        other is not recent and not other.org for word in proper
        for other in cast.surnamed(word)
    ) and not _named_since(cast, recent, position) and not any(
        word.endswith(("'s", "’s")) for word in words
    ) and description.split()[0].lower() not in _OWNERS:
        # the one just quoted, but "the Christie supporter" is neither Christie nor them,
        # "the prime minister’s spokesman" and "his lawyer" are someone's (likeliest the one
        # just quoted's), and after a sentence about "Trump’s unwillingness", "the
        # businessman" may be Trump
        return recent
    if head in ORG_NOUNS and head not in DOCUMENT_NOUNS and recent is not None and recent.org:
        return recent  # "the committee said" after the committee spoke; "the lawsuit" is no one
    return None


# Words that make a role another office than its head noun's: the "shadow chancellor", the
# "vice president" and the "deputy leader" are not "the chancellor", "the president", "the leader".
_OTHER_OFFICE = frozenset({"shadow", "vice", "deputy", "assistant"})
_OF_COUNT = re.compile(r"([a-z]+)-of-[a-z]+")  # "mother-of-two", "father-of-three"
_OWNERS = frozenset({"his", "her", "their", "its"})
_NEWCOMER = frozenset({"a", "an", "another"})
_AGE = re.compile(r"(\d{1,3})-year-old")
# Who speaks for a body rather than as a person; the article's speaker is then the body.
_SPEAKING_ROLES = r"spokesman|spokeswoman|spokesperson|spokespeople|representative|source"
_FOR_BODY = re.compile(
    rf"(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?:{_SPEAKING_ROLES})\s+(?:for|from|at)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][\w&'’.\-]*(?:\s+(?:(?:of|for|and|&|the)\s+){0,2}[A-Z][\w&'’.\-]*){0,4})"
)  # "a spokesman for the Ministry of Defence"
_BODY_FIRST = re.compile(  # "a Department for Work and Pensions spokeswoman"
    r"(?:[Aa]n?)\s+(?P<body>[A-Z][\w&.\-]*(?:\s+(?:(?:for|and|&)\s+)?[A-Z][\w&.\-]*){0,4})\s+"
    rf"(?:[a-z]+\s+)?(?:{_SPEAKING_ROLES})"
)


def speaking_for(description: str) -> str | None:
    """Return the body an unnamed spokesperson speaks for: "a spokesman for Acme" or "an Acme
    spokeswoman" -> "Acme" (the article names no person, so the body is the speaker)."""
    match = _FOR_BODY.fullmatch(description) or _BODY_FIRST.fullmatch(description)
    return match.group("body") if match else None


def described_as(cast: Cast, words: list[str], position: int) -> Person | None:
    """Return the one person the article introduced with these words before `position` (see
    `holders`); no one when two people fit: a description that fits two tells neither."""
    found = holders(cast, words, position)
    return found[0] if len(found) == 1 else None


_NOT_CONTENT = GENERIC_ROLE | TIMELESS_WORDS  # joined once, not at every word


def holders(cast: Cast, words: list[str], position: int) -> list[Person]:
    """Return the people introduced before `position` with these lower-case words: the head
    noun heads one of their roles, or a part of one joined by "and" ("Ann Lee, a
    mother-of-two from Leeds," for "the mother-of-two", "Labour MP Ann Lee" for "the Labour
    MP"), every other word in that role."""
    content = [word for word in words if word not in _NOT_CONTENT]
    if not content:
        return []
    head = content[-1]
    found = []
    for person in cast.people:
        if person.org or person.plural or last_before(person.positions, position) < 0:
            continue
        # "a mother-of-two and reality TV star": each noun phrase of the role heads it
        conjuncts = [part for role in person.roles for part in _AND.split(role.lower())]
        for role in conjuncts:
            role_words = role.replace(",", " ").split()
            noun = _ROLE_TAIL.split(role)[0].split()
            if noun and noun[-1] == head and set(content) <= set(role_words):
                found.append(person)
                break
    return found


_AND = re.compile(r"\s+and\s+(?:an?\s+)?")


# Where a role's noun phrase ends and its complement begins ("mother-of-two from Leeds").
_ROLE_TAIL = re.compile(r"[,;]|\s+(?:of|for|from|at|in|with|on|to|who|whose|which|that)\s+")


def _of_age(cast: Cast, age: str, position: int, recent: Person | None) -> Person | None:
    """Find who "the 34-year-old added" means: the person the article gave that age ("Tom Hale,
    34,", "Tom Hale, aged 34,", "Tom Hale (34)", "Tom Hale, a 34-year-old builder,",
    "34-year-old Tom Hale"), the last one so described if several; with nobody of that age,
    the one just quoted."""
    found = None
    for given in re.compile(_GIVEN_AGE.format(age=age)).finditer(cast.text, 0, position):
        if given.group("before"):  # "34-year-old Tom Hale": the name right after the age
            named = [
                (at, person) for person in cast.people
                if not person.org and given.end() <= (at := first_from(person.positions, given.end()))
                <= given.end() + 2
            ]
        else:
            named = [  # the person named within a few words before ", 34,"
                (at, person)
                for person in cast.people
                if not person.org
                and (at := last_before(person.positions, given.start()))
                >= max(0, given.start() - 60)
            ]
        if named:
            found = max(named, key=lambda pair: pair[0])[1]
    if found is not None:
        return found
    return recent if recent is not None and not recent.org and not recent.plural else None


# Where an article gives someone an age: after the name (", 34,", ", aged 34,", " (34)", ", a
# 34-year-old builder"), or before it ("34-year-old Tom Hale", capitalized to open a sentence).
_GIVEN_AGE = (
    r",\s+(?:aged\s+)?{age}\s*[,.;)]|\s\({age}\)|,\s+an?\s+{age}-year-old\b"
    r"|(?P<before>(?<![\w\-]){age}-year-old\s+(?=[A-Z]))"
)


def _other_office(person: Person, head: str, words: list[str]) -> bool:
    """Whether the person holds the head noun's role only as another office ("Ben Stroud, the
    shadow chancellor," is not "the chancellor")."""
    offices = [_read_role(role)[0] for role in person.roles if head in _read_role(role)[1]]
    return bool(offices) and all(office & _OTHER_OFFICE - set(words) for office in offices)


def _named_since(cast: Cast, person: Person, position: int) -> bool:
    """Whether someone else was named after the person's last mention before `position`,
    and that mention is older than the sentence before."""
    since = last_before(person.positions, position)
    sentence = bisect.bisect_right(cast.sentences, position) - 1
    if sentence >= 1 and since >= cast.sentences[sentence - 1]:
        return False
    return any(
        other is not person and not other.org and last_before(other.positions, position) > since
        for other in cast.people
    )


def _party_before(cast: Cast, person: Person) -> set[str]:
    """Return the party words written right before the person's mentions ("Democratic nominee
    Ann Ray"), which the role kept without them."""
    words: set[str] = set()
    for at in person.positions[:8]:
        words.update(cast.text[max(0, at - 40) : at].lower().split())
    return words & AFFILIATIONS


def _only_holder(words: list[str], proper: set[str], role_words: set[str]) -> bool:
    """Whether a description of place or party ("the Vermont senator", "the current GOP
    nominee") can name the one holder of its head role, whose roles say no other."""
    placed = proper & PLACES
    if not proper or not proper <= PLACES | AFFILIATIONS or role_words & PLACES - placed:
        return False
    parties = {PARTY_SYNONYMS.get(word, word) for word in role_words & AFFILIATIONS}
    if parties - {PARTY_SYNONYMS.get(word, word) for word in proper}:
        return False  # "the GOP nominee" is not the "Democratic nominee"
    return set(words[:-1]) - proper <= TIMELESS_WORDS
