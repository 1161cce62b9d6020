"""A relative the article introduced by kin ("his wife, Mary,", "her father, Tom Lee,") is the
one a later "his wife said" or "her father said" stands for; with no one so introduced, the
description names no one."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Tom Hale was at home. His wife, Mary, was out.\n\n'He was asleep,' his wife said.",
            [("He was asleep,", "Mary")],
            id="kin-then-comma-then-a-first-name",
        ),
        pytest.param(
            "Tom Hale was at home with his wife, Mary.\n\n'He was asleep,' his wife said.",
            [("He was asleep,", "Mary")],
            id="kin-then-comma-then-a-name-ending-the-sentence",
        ),
        pytest.param(
            "Ann Lee was at home. Her father, Tom Lee, 61, was out.\n\n"
            "'She was asleep,' her father said.",
            [("She was asleep,", "Tom Lee")],
            id="kin-then-comma-then-a-full-name",
        ),
        pytest.param(
            "Tom Hale was at home with his wife Ella.\n\n'He was asleep,' his wife said.",
            [("He was asleep,", "Ella")],
            id="kin-then-a-first-name-without-comma",
        ),
        pytest.param(
            "Ann Lee was killed. Her mother, Jo Lee, was at home.\n\n"
            "'She was so kind,' her mother said.",
            [("She was so kind,", "Jo Lee")],
            id="a-relative-of-the-same-surname-and-an-unknown-first-name",
        ),
        pytest.param(
            "Tom Hale was at home.\n\n'He was asleep,' his wife said.",
            [("He was asleep,", None)],
            id="no-one-introduced-by-kin",
        ),
    ],
)
def test_a_kin_description_names_the_relative_the_article_introduced(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


def test_kin_gives_the_relative_a_gender_for_a_later_pronoun() -> None:
    text = (
        "Tom Hale was at home. His wife, Mary Hale, was out with a friend.\n\n"
        "'He was asleep,' she said."
    )
    assert speakers(text) == [("He was asleep,", "Mary Hale")]


@pytest.mark.parametrize("kin", ["uncle", "aunt", "niece", "nephew", "widow", "ex-wife", "stepson"])
def test_every_kin_word_names_the_relative(kin: str) -> None:
    text = (
        f"Tom Hale, 40, was at the party. His {kin}, Sam Cole, was there.\n\n"
        f"'It was fun,' his {kin} said."
    )
    assert speakers(text) == [("It was fun,", "Sam Cole")]
