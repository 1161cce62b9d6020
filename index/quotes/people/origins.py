"""Whom a description by origin means ("said the American", "the 27-year-old Austrian said",
"the Dutchman said"): a re-description of someone the reader knows, never a name.

A sports or news writer swaps a name for where its bearer is from to avoid repeating it, so
the reader takes the person the narrative is about right there ("Agassi was delighted with
victory over Massu. "…," said the American."), which need not be whoever was quoted last
(Federer, just before). Only with no one person the narrative is about is it the last speaker.
"""

from __future__ import annotations

import re

from index.quotes.people.cast import Cast, Person
from index.quotes.people.topic import story_subject


def origin_person(cast: Cast, mention: str, position: int, recent: Person | None) -> Person | None:
    """Return whom `mention` ("the American") at `position` re-describes: the one person the
    narrative is about there, else the person just quoted, else no one."""
    subject = story_subject(cast, mention, position) if position >= 0 else None
    if subject is not None and not _named_in_quote(cast, subject, position):
        return subject
    return recent if recent is not None and not recent.org else None


def _named_in_quote(cast: Cast, person: Person, position: int) -> bool:
    """Tell whether the quote the cue at `position` credits names `person` by surname: a
    speaker talks of someone else that way ("'Benzema is not available,' added the Italian")."""
    span = cast.quote_beside(position)
    surname = person.name.split()[-1]
    return span is not None and re.search(rf"\b{re.escape(surname)}\b", cast.text[span[0] : span[1]]) is not None
