"""A name the narrative has speak is a person's, though its first name tells nothing.

Only a person the article shows to be one (a known first name, a title or role, a pronoun, a
speech cue) can be "he" or "she", never "Colorado" (cast.py). A name whose first name the tables
do not know ("Shuo Hong", "Soe Aung") stays unproven until a cue names it, and cues are read in
article order: "Shuo Hong, a surgeon, felt the quake. “…,” he said." found no one for "he",
though "Hong said" follows. So a full name that speaks anywhere in the narrative ("Hong said",
"Aung also commented", "X, named …, said") is a person from the start, unless the article also
writes it as a place ("in Costa Rica", "to San Jose").
"""

from __future__ import annotations

import re

from index.quotes.people.cast import Cast

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
