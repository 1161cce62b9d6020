"""Surnames that read as no name by themselves: "Gosling", "Manning", "Fleming", shaped like a
participle opening a sentence ("Holding signs, …"), which parse_name refuses. After the article
has written a full name ending in one ("Ray Gosling"), the word alone is that person ("Gosling
made his admission …", "… ," Manning said."). Only one person of that surname, named in full
earlier, is ever meant; an organization never is.
"""

from __future__ import annotations

import re

from index.quotes.people.cast import Cast, Person
from index.quotes.people.mentions import Mention

# One capitalized word, perhaps possessive: the run a lone surname makes.
_LONE_WORD = re.compile(r"([A-Z][a-z]+)(?:['’]s)?")


def surname_shaped(run: str) -> str | None:
    """Return the word of a one-word run that parse_name refuses for its "-ing" ending alone, or
    None."""
    match = _LONE_WORD.fullmatch(run)
    if match is None:
        return None
    word = match.group(1)
    return word if word.endswith("ing") else None


def _owner(cast: Cast, word: str, position: int) -> Person | None:
    owners = [
        person for person in cast.surnamed(word.lower())
        if not person.org and person.named_at and person.named_at[0] < position
    ]
    return owners[0] if len(owners) == 1 else None


def note_lone_surnames(cast: Cast, lone: list[tuple[int, str]]) -> None:
    """Record each lone word (offset, word) as a mention of the one person named in full before
    it with that surname."""
    for start, word in lone:
        person = _owner(cast, word, start)
        if person is not None:
            cast._note(person, Mention(word, None, start, start + len(word)))


def lone_surname_person(cast: Cast, mention: str, position: int) -> Person | None:
    """Return the person a one-word mention at a cue that parse_name refuses stands for: such a
    surname's one owner named before ("Manning said"), else the one person named in full with
    that word ("Groening heaped praise", "said Yelling"); None otherwise."""
    word = surname_shaped(mention)
    found = _owner(cast, word, position) if word is not None else None
    if found is None and mention.istitle():
        named = [p for p in cast.surnamed(mention.lower()) if not p.org and " " in p.name]
        found = named[0] if len(named) == 1 else None
    return found
