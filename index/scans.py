"""Faster equivalents of the hottest pattern scans of quote extraction: the same matches.

Python's regular expressions try every alternative of a pattern at every character. Two of the
cue patterns (index/cue_patterns.py) are costly that way: SENTENCE_END opens with a long chain
of look-behinds, and REPORTS with an alternation of 180 verbs. Here the first is only tried where
a match can begin, and the second is written with its verbs grouped by first letter.
tests/index/test_scans.py checks both against the patterns they stand for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.cue_patterns import SENTENCE_END
from index.cues import REPORTING_VERBS

_END_MARK = re.compile(r"[!?….]")  # the characters a SENTENCE_END match can begin with


def last_sentence_end(text: str, start: int, end: int) -> int:
    """Where the last SENTENCE_END match in text[start:end] finishes (`start` if none does).

    The same as the last of `SENTENCE_END.finditer(text, start, end)`: no ending mark occurs
    inside a match, so the matches tried from each mark do not overlap, as finditer's do not.
    """
    found = start
    for mark in _END_MARK.finditer(text, start, end):
        match = SENTENCE_END.match(text, mark.start(), end)
        if match is not None:
            found = match.end()
    return found


def first_letter_alternation(words: Iterable[str]) -> str:
    """cue_patterns.alternation(words), its words grouped by first letter.

    At one place only the words of one first letter can match, and they keep their longest-first
    order, so the same word matches; the engine tests some twenty first letters, not 180 words.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda word: len(re.escape(word)), reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


REPORTS = re.compile(rf"\b(?:{first_letter_alternation(REPORTING_VERBS)})\b")  # as cue_patterns'
