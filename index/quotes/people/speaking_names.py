"""Names of first names the tables do not know, found to be people by what the text says.

Only a person the article shows to be one (a known first name, a title or role, a pronoun, a
speech cue) can be "he" or "she", never "Colorado" (cast.py). A name whose first name the tables
do not know ("Shuo Hong", "Soe Aung") stays unproven until a cue names it, and cues are read in
article order: "Shuo Hong, a surgeon, felt the quake. “…,” he said." found no one for "he",
though "Hong said" follows. So a full name that speaks anywhere in the narrative ("Hong said",
"Aung also commented", "X, named …, said") is a person from the start, unless the article also
writes it as a place ("in Costa Rica", "to San Jose"). And a "he" or "she" that finds no one
cast means the one such name that opens a sentence since the paragraph before.
"""

from __future__ import annotations

import re

from index.quotes.cues import NOUN_GENDER, PERSON_NOUNS, STATE_ENDINGS
from index.quotes.people.cast import Cast, Person
from index.quotes.people.mentions import Mention, personal_role

# A verb of speech right after the name ("Hong said", "Aung also commented", "Lee, said").
_SPEECH_AFTER = re.compile(
    r"(?:,|\s+(?:also|later|then|too))?\s+(?:said|says|told|tells|added|adds|explained|"
    r"explains|commented|comments|recalled|recalls|asked|asks)\b"
)
# A preposition right before the name: a place or a body ("in Costa Rica", "of Royal Dutch Shell").
_PLACED_BEFORE = re.compile(r"\b(?:in|into|to|from|at|near|across|of|on)\s+(?:the\s+)?\Z", re.I)


def mark_speaking_names(cast: Cast) -> None:
    """Mark as people the full names of unknown gender the narrative has speak."""
    text = cast.text
    for person in cast.people:
        if person.personal or person.org or person.gender or " " not in person.name:
            continue  # most: settled already
        forms = sorted(person.forms, key=len, reverse=True)
        speaks = False
        for at in person.positions:
            if _PLACED_BEFORE.search(text, max(0, at - 12), at):
                break
            form = next((form for form in forms if text.startswith(form, at)), None)
            speaks = speaks or (form is not None and _SPEECH_AFTER.match(text, at + len(form)) is not None)
        else:
            person.personal = speaks


def _placed(text: str, name: str) -> bool:
    """Tell a name the article also writes after a preposition of place ("in Costa Rica")."""
    return re.search(rf"\b(?:in|into|to|from|at|near|across)\s+(?:the\s+)?{re.escape(name)}\b", text) is not None


def opening_stranger(cast: Cast, position: int, horizon: int) -> Person | None:
    """Return whom a "he" or "she" that found no one means when one full name of a first name the
    tables do not know (so never cast) opens a sentence since `horizon` ("Passenger Ann Kowal
    explained the scene. “…,” she said."), and no one the cast knows is mentioned after it.
    Never a place ("Costa Rica declared …" where the article also has "in Costa Rica"), nor a
    name that modifies another ("Red Bull team boss Chris Horn")."""
    openers = [
        name for mention in cast.unplaced if horizon <= mention.start < position
        and (name := _without_description(mention)) is not None
    ]
    if not openers or len({mention.name for mention in openers}) != 1:
        return None
    last = openers[-1]
    if _placed(cast.text, last.name) or _MODIFIES.match(cast.text, last.end) or (
        last.name.split()[-1].lower() in STATE_ENDINGS
    ) or any(last.start <= at < position for person in cast.people for at in person.positions):
        return None
    person = cast.add(last)
    if person is not None and not person.org:
        person.personal = True
        return person
    return None


# Lower-case words and then a name: the opener modifies it ("Red Bull team boss Chris Horn"),
# but not an affiliation ("Ali Khan of the authority").
_MODIFIES = re.compile(r"\s+(?!(?:of|for|at|from|in|with|and)\s)(?:[a-z][\w'’\-]*\s+){1,3}[A-Z]")
_AGE = re.compile(r"[A-Z][a-z]+-year-old")


def _without_description(mention: Mention) -> Mention | None:
    """Return an opener's name without a role or an age before it ("Passenger Ann Kowal",
    "Eighteen-year-old Omar"): a single word only after such a description, else None."""
    words = mention.name.split()
    described = len(words) > 1 and (_AGE.fullmatch(words[0]) is not None or (
        len(words) > 2 and personal_role(words[0].lower())
    ))
    if not described:
        return mention if len(words) > 1 else None
    start = mention.start + mention.name.index(words[1])
    return Mention(" ".join(words[1:]), words[0], start, mention.end)


# "a teary-eyed woman named …", "a young man called …": a person noun giving the name after it.
_NAMED_AFTER_NOUN = re.compile(r"\b(?P<noun>[a-z]+)\s+(?:named|called)\s+\Z")


def person_named(text: str, start: int) -> str | None:
    """Return the gender ("m", "f" or "") a person noun right before gives the name at `start`
    ("a woman named Fu Jing": "f"), or None when no person noun names it."""
    match = _NAMED_AFTER_NOUN.search(text, max(0, start - 40), start)
    if match is None:
        return None
    noun = match.group("noun")
    return NOUN_GENDER.get(noun, "") if noun in PERSON_NOUNS or noun in NOUN_GENDER else None
