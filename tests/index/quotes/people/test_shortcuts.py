"""The cheap first tests of casting find what the plain readings they stand for find."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from index.quotes.people import mentions
from index.quotes.people.casting import _first_plain_word
from index.quotes.people.salience import _DETERMINERS, _OBLIQUE_LEADS, _may_lead

WORDS = [
    "the", "The", "a", "an", "AN", "to", "(to", "and", "or", "of", "said", "Sen.", "Gov.",
    "Mr.", "Mrs", "St.", "Jr.", "H.W.", "J.", "Émile", "Ólafur", "élan", "Tom", "Reyes.",
    "Smith,", "de", "van", "McDonald", "iPhone", "O'Neill", "“Ann", "(Lee)", "58,", "-", "Dr.X",
]


def texts(seed: int) -> Iterator[str]:
    """Those words joined at random by spaces, tabs and line breaks."""
    rng = random.Random(seed)
    for _ in range(3000):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 12))]
        yield "".join(word + rng.choice([" ", "  ", "\t", "\n", " ", ""]) for word in words)


def test_name_runs_are_those_without_the_look_ahead():
    guarded = mentions._abbreviations_after_capital()
    plain = guarded.removeprefix(r"(?=[a-z]*\.)")
    assert plain != guarded
    unguarded = re.compile(mentions.NAME.replace(guarded, plain))
    for text in texts(1):
        found = [m.span() for m in mentions._NAME_RUN.finditer(text)]
        assert found == [m.span() for m in unguarded.finditer(text)], text


def test_first_plain_word_is_the_first_word_not_capitalized():
    word = re.compile(r"\S+")
    for text in texts(2):
        for start in range(len(text) + 1):
            words = word.finditer(text, start, len(text))
            expected = next((w.start() for w in words if not w[0][:1].isupper()), len(text))
            assert _first_plain_word(text, start, len(text)) == expected, (text, start)


def test_a_lead_is_missed_only_where_the_whole_window_has_none():
    for text in texts(3):
        words = text.split()
        while words and words[-1].lower() in _DETERMINERS:
            words.pop()
        lead = bool(words) and words[-1].lower().lstrip("(") in _OBLIQUE_LEADS
        assert _may_lead(text) or not lead, text
