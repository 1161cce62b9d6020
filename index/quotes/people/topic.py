"""Whom a re-description means when no role the article wrote fits it: the person the story is
about at that point ("Kelly Holmes has pulled out … The double Olympic champion said:").

A writer names a newcomer or introduces them ("a spokesman", "Lee's lawyer"); a definite
description that matches no introduction re-describes someone the reader knows, and the reader
takes the one person the narrative has just been about: the sole person who is a subject of the
sentence before the cue (or, for "…," said the Gloucester fly-half, before the quote) and of the
cue's own sentence up to it. Nothing is guessed: no one when two people are subjects there, when
the noun's gender differs, when the noun is one that names someone else by their relation to the
story ("the lawyer", "the officer", "the mother"), or when the article used the noun before for
someone it did not name ("looks up at the officer … The officer says").
"""

from __future__ import annotations

import bisect
import re

from index.quotes.cues import (
    ALL_PREPOSITIONS,
    CARRIERS,
    DEMONYMS,
    NOUN_GENDER,
    ORG_HEADS,
    PERSON_NOUNS,
    SPEAKING_FOR,
    SUBORDINATORS,
)
from index.quotes.people.cast import Cast, Person
from index.quotes.people.mentions import NAME, personal_role

# Nouns that describe a person by a relation to the story's subject, or by an office that
# deals with them: the "lawyer", "officer" or "friend" is someone beside the one it is about.
_RELATIONAL = frozenset(
    """
    lawyer lawyers attorney solicitor barrister counsel spokesman spokeswoman spokesperson
    representative source sources official officials officer aide aides adviser advisor friend
    neighbour neighbor witness victim doctor surgeon nurse paramedic detective investigator
    prosecutor judge magistrate coroner police policeman policewoman agent manager's relative
    colleague partner boyfriend girlfriend fiance fiancee fiancé fiancée teacher rival opponent
    interviewer host presenter reporter journalist spectator fan resident owner landlord landlady
    seller buyer customer client patient
    """.split()
) | frozenset(NOUN_GENDER) - frozenset({"man", "woman", "gentleman", "lady", "boy", "girl"})
# Nouns a re-description is headed by that no role list gives a person's kind ("the royal",
# "the double Olympic champion", "the fighter ace").
_EPITHETS = frozenset("royal champion ace boss legend veteran great youngster".split())
_POINTING = frozenset("latter former other same".split())  # "the latter said": whoever it was
_KIN_COUNT = re.compile(r"-of-[a-z]+$")
_AGE = re.compile(r"\d{1,3}-year-old")
_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")  # "fly-half", not "so-" cut from "so-called"
# "Tom Hale, 34," or "Hale, aged 34,": an age given right after a name
_GIVEN_AGE = re.compile(r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3},\s+(?:aged\s+)?(\d{1,3})\s*[,.;)]")
_ORIGIN_NOUN = re.compile(r"(?:english|irish|welsh|cornish|french|dutch|scots|manx)(?:man|woman)|spaniard")
_ESS_NOT_FEMALE = frozenset("press business witness success boss address".split())


def story_subject(cast: Cast, description: str, position: int) -> Person | None:
    """Return the one person the narrative is about where `description` ("the Liverpool
    player", "The 30-year-old") stands at `position`, when nothing in the article says it is
    someone else; None otherwise."""
    words = [word.lower() for word in description.split()]
    if len(words) < 2 or words[0] != "the" or position < 0:
        return None
    head = _KIN_COUNT.sub("", words[-1].rstrip(".,;:"))  # "father-of-three": a father
    if not _re_describes(words[1:], head):
        return None
    if _CLAUSE_OPENERS.intersection(cast.text[max(0, position - 12) : position].lower().split()[-1:]):
        return None  # "… unendorse Trump after the billionaire mogul claimed": a clause's own
    person = _sole_subject(cast, position)
    if person is None or person.org or person.plural or _other_in_sentence(cast, person, position):
        return None
    proper = {word.lower() for word in description.split()[1:] if word[:1].isupper()}
    if proper & {word.lower() for word in person.name.split()} or any(
        other is not person for word in proper for other in cast.surnamed(word)
    ):
        return None  # "the Lincoln actor", "the Pell supporter": not Lincoln, not Pell
    gender = _gender(head)
    if gender is not None and person.gender is not None and gender != person.gender:
        return None
    if _noun_used_before(cast.text, description, head, position):
        return None
    age = _AGE.fullmatch(head) or next(filter(None, map(_AGE.fullmatch, words[1:-1])), None)
    if age is not None and _other_age(cast.text, person, age.group(0).split("-")[0]):
        return None
    return person


def by_origin(word: str) -> bool:
    """Tell a word naming a person by origin ("Texan", "Spaniard", "Irishman", "American")."""
    lower = word.lower()
    return lower in DEMONYMS or _ORIGIN_NOUN.fullmatch(lower) is not None


def _re_describes(words: list[str], head: str) -> bool:
    """Whether a description's words may re-describe a known person: a person's noun or kind
    ("the actress", "the former Porto coach", "the fly-half", "the 55-year-old"), not a body
    ("the bank"), a document, someone's ("his lawyer") or a relation ("the lawyer")."""
    if head in _RELATIONAL or head in _POINTING or head in ORG_HEADS or head in CARRIERS or head in SPEAKING_FOR:
        return False
    if any(word.endswith(("'s", "’s")) for word in words):
        return False  # "the prime minister's spokesman": someone's
    if _AGE.fullmatch(head) or head in _EPITHETS or head in PERSON_NOUNS or by_origin(head):
        return True
    # a compound or a modified noun that heads a person's role ("the Gloucester fly-half")
    return _COMPOUND.fullmatch(head) is not None or (
        personal_role(head) and head.isalpha() and not head.endswith("ment")  # "the indictment"
    )


def _sole_subject(cast: Cast, position: int) -> Person | None:
    """Return the one person who is a subject, as the main clause's subject, from the sentence
    before the cue's sentence (a quote the cue closes counts as part of it) up to the cue; an
    organization that is a subject there too makes two."""
    start = _narrative_start(cast, position)
    found = {
        id(person): person
        for person in cast.people
        if any(
            start <= at < position
            and not (cast.obliques.is_possessive(at) or cast.obliques.is_oblique(at))
            and _main_subject(cast, at)
            for at in person.subjects
        )
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _narrative_start(cast: Cast, position: int) -> int:
    """Where the narrative sentence before the one at `position` starts (quotes skipped)."""
    index = bisect.bisect_right(cast.sentences, position) - 1
    if index < 0 or not cast.inside_quote(cast.sentences[index]):
        index -= 1  # "… The champion said:": the sentence before too
    # "…," said the fly-half; "Lee said: "…" The debutant added:": a quote's sentences are no
    # narrative; the narrative sentence before them is
    while index >= 0 and cast.inside_quote(cast.sentences[index]):
        index -= 1
    return cast.sentences[index] if index >= 0 else 0


def narrative_subject(cast: Cast, position: int) -> Person | None:
    """Return the one person the narrative sentence before `position` is about: its sole
    main-clause subject, a person, with no one else (but a body) named from there on."""
    person = _sole_subject(cast, position)
    if person is None or person.org or person.plural:
        return None
    if cast.mentions_other(person, _narrative_start(cast, position), position, bodies=False):
        return None
    return person


def _other_in_sentence(cast: Cast, person: Person, position: int) -> bool:
    """Whether the cue's sentence names someone else before the description ("Mr. Trump took on
    Hillary Clinton after the Democratic front-runner had said"): it may be them."""
    index = bisect.bisect_right(cast.sentences, position) - 1
    return cast.mentions_other(person, cast.sentences[index] if index >= 0 else 0, position)


def _main_subject(cast: Cast, at: int) -> bool:
    """Whether a subject's mention opens its sentence's main clause: a few words before it at
    most ("Despite his error, Villas-Boas stood", "The versatile Finnan", "…," said Lee), none a
    subordinator ("…, where George Bush opposed"), and no preposition after it ("The Lib Dems
    accused Mr Brown of …": an object the first-name rule took for the subject)."""
    sentence = cast.sentences[bisect.bisect_right(cast.sentences, at) - 1] if (
        cast.sentences and cast.sentences[0] <= at
    ) else 0
    lead = _QUOTED.sub(" ", cast.text[sentence:at])
    if _CUE_BEFORE.search(lead):
        return True  # "…, said Charles Kennedy.": the cue's subject
    lead = _OPENING_PHRASE.sub("", lead, count=1)
    words = lead.lower().split()
    if len(words) > 4 or not _NOT_BEFORE_SUBJECT.isdisjoint(words):
        return False
    name = _NAME_RUN.match(cast.text, at)
    after = cast.text[name.end() if name else at : (name.end() if name else at) + 30].split()
    return not after or after[0].lower() not in _NOT_AFTER_SUBJECT


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|'[^']*'(?=\W)")
_OPENING_PHRASE = re.compile(r"^\W*(?:[^,.;:]{1,40},\s+)?")  # "Despite his error, "
_CLAUSE_OPENERS = SUBORDINATORS | frozenset("where which who that whose whom".split())
_SUBORDINATE = _CLAUSE_OPENERS | frozenset("and or but".split())
# "A memorable Hillary Clinton ad", "an Abraham Lincoln impersonator": a name in a noun phrase
_NOT_BEFORE_SUBJECT = _SUBORDINATE | frozenset("a an one".split())
_NOT_AFTER_SUBJECT = ALL_PREPOSITIONS | frozenset("and or".split())
_NAME_RUN = re.compile(NAME)
_CUE_BEFORE = re.compile(r",\s+(?:said|says|added|told)\s+$")


def _gender(head: str) -> str | None:
    """Return the gender a noun gives ("actress" -> "f")."""
    if head in NOUN_GENDER:
        return NOUN_GENDER[head]
    return "f" if head.endswith("ess") and head not in _ESS_NOT_FEMALE else None


def _noun_used_before(text: str, description: str, head: str, position: int) -> bool:
    """Whether the article wrote the head noun before, other than in this same description
    ("The officer says:" after "looks up at the officer"): then it may be that other one. The
    plural names a group, no one ("Six Republicans broke ranks" before "The Kentucky Republican"),
    unless someone is one of them ("one of the finest fighter aces")."""
    before = text[:position].lower()
    masked = before.replace(description.lower(), " " * len(description))
    noun = re.escape(head)
    return re.search(
        rf"(?<![\w\-]){noun}(?![\w\-])|\bof\s+(?:[\w\-]+\s+){{0,3}}{noun}(?:s|es)(?![\w\-])", masked
    ) is not None


def _other_age(text: str, person: Person, age: str) -> bool:
    """Whether the article gave the person an age other than this one ("Tom Hale, 41,")."""
    for at in person.positions:
        given = _GIVEN_AGE.match(text, at)
        if given is not None and given.group(1) != age:
            return True
    return False
