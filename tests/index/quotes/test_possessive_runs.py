"""Patterns whose runs up to a mark they exclude are possessive ("[^,…]{1,150}+,") find what
the lazy runs they replace found ("{1,150}?"), at every position of varied text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.quotes.cue_patterns import AFTER_SUBJECT, APPOSITIVE_NAME, OPENING_SUBJECT
from index.quotes.people.casting import _ROLE_AFTER
from index.quotes.people.casting_scans import ROLE_BEFORE_NAME

PATTERNS = [AFTER_SUBJECT, APPOSITIVE_NAME, OPENING_SUBJECT, _ROLE_AFTER, ROLE_BEFORE_NAME]
_PIECES = [
    "Tom Reyes", "Ann Lee", ", ", ",", "  ", " ", ".", ";", ":", "(", ")", '"', "“", "”", "'s",
    "a", "an", "the", "The", "who is", "spokesman", "for the port", "58", "27", "BA's",
    "chief executive", "said", "told", "he", "she", "Kazakhstan's foreign minister", "x" * 70,
    "nurse from Leeds", "\n", "é", "Sen.", "according to",
]  # fmt: skip
SENTENCES = [
    "“We will win,” Tom Reyes, a spokesman for the port, said on Monday.",
    "Ann Lee, 27, a nurse from Leeds, told the BBC. Woodrow Benford, 58, agreed.",
    "Rod Eddington, BA's chief executive, said: the harbor master, Tom Reyes, left.",
    "Kazakhstan's foreign minister, Erlan Idrissov, said a spokeswoman for Trump hotels, Jo Rod.",
    "He, a man of " + "many " * 40 + "words, said; she, the one (who) “left”, said.",
]


def _lazy(pattern: re.Pattern[str]) -> re.Pattern[str]:
    assert "}+" in pattern.pattern
    return re.compile(pattern.pattern.replace("}+", "}?"), pattern.flags)


LAZY = [_lazy(pattern) for pattern in PATTERNS]


def _found(pattern: re.Pattern[str], text: str) -> list[object]:
    at_each = [pattern.match(text, position) for position in range(len(text) + 1)]
    every = [(m.span(), m.groupdict()) if m else None for m in at_each]
    return every + [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences(text: str) -> None:
    for pattern, lazy in zip(PATTERNS, LAZY, strict=True):
        assert _found(pattern, text) == _found(lazy, text), pattern.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join))
def test_any_text(text: str) -> None:
    for pattern, lazy in zip(PATTERNS, LAZY, strict=True):
        assert _found(pattern, text) == _found(lazy, text), pattern.pattern[:60]
