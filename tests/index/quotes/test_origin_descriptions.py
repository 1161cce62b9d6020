"""A speaker described by origin ("said the American", "the 27-year-old Austrian said", "the
Dutchman said") is someone the article named: the person the narrative is about there, not
whoever was quoted last, and never a name "Austrian"; unless the quote names that person, as a
speaker does not name themself."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text).quotes if q.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Tom Hale beat Ivan Petrov in the final on Sunday.\n'
            '"I played well," said Hale. "It was my day."\n'
            'Petrov was pleased with his week despite the defeat. "I am happy," said the Russian.',
            ["Tom Hale", "Tom Hale", "Ivan Petrov"],
            id="the-narrative-subject-not-the-last-speaker",
        ),
        pytest.param(
            'Karl Brenner says he has been banned for three months.\n'
            'Brenner blames an injection given to him by a doctor. '
            '"I have acted correctly," the 27-year-old Austrian said in a statement.',
            ["Karl Brenner"],
            id="an-age-and-an-origin-is-no-name",
        ),
        pytest.param(
            'Spurs manager Jan de Vries praised his players after the cup win.\n'
            '"We were patient," the Dutchman said.',
            ["Jan de Vries"],
            id="an-origin-with-no-one-quoted-before",
        ),
        pytest.param(
            'Marco Rossi has said Pierre Dubois will miss the game on Saturday. '
            'Dubois, who was hurt on Tuesday, should be fit next week. '
            '"Dubois is not available," added the Italian.',
            ["Marco Rossi"],
            id="a-quote-naming-the-subject-is-someone-else",
        ),
    ],
)
def test_origin_descriptions(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected
