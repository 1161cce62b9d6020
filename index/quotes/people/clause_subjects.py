"""A name that opens a clause joined to its sentence ("…, but Rodgers now wants"): a subject
that a later pronoun may stand for, though the sentence opened with someone else."""

from __future__ import annotations

import re

from index.quotes.cues import ALL_PREPOSITIONS
from index.quotes.people.mentions import NAME

_NAME_RUN = re.compile(NAME)


def clause_subject(text: str, at: int) -> bool:
    """Whether a name opens a clause joined to a sentence ("…, but Rodgers now wants", "…
    disciplined and Rodgers said"): after a conjunction that follows a lower-case word or a
    comma (not "Sterling and Ibe"), before a verb (not a preposition)."""
    before = text[max(0, at - 10) : at]
    if not ("d " in before or "t " in before or "e " in before or ";" in before):
        return False  # no "and", "but", "while", "whereas" or ";" just before: most names
    window = max(0, at - 24)
    # The pattern ends in a conjunction or ";" and white space: tested first, as its search
    # tries the look-behind at every character of the window ("e " or "t " is in most).
    if not text[window:at].rstrip().endswith(_CLAUSE_OPENERS) or not _CLAUSE_OPENING.search(
        text, window, at
    ):
        return False
    name = _NAME_RUN.match(text, at)
    verb = _VERB_NEXT.match(text, name.end()) if name else None
    return verb is not None and verb.group(1) not in _NOT_VERBS


_CLAUSE_OPENING = re.compile(
    r"(?:(?:(?<![\w'’.\-])[a-z][\w'’\-]*,?|,)\s+(?:and|but|while|whereas)|;)\s+$"
)
_CLAUSE_OPENERS = ("and", "but", "while", "whereas", ";")  # what `_CLAUSE_OPENING` ends in
_VERB_NEXT = re.compile(r"\s+(?:(?:now|also|then|later|still|has|had)\s+)?([a-z]+)\b")
_NOT_VERBS = ALL_PREPOSITIONS | frozenset("and or but who whose which that the a an during".split())
