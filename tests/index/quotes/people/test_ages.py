""""The 34-year-old said" names the person the article gave that age, however it wrote the
age beside the name; an age the article gave no named person names no one. A rank ("the
captain", "the officer") names whom the article gave it, written as British papers write it."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze

_QUOTE = "\n\n'It was chaos,' the 34-year-old said."


def speaker(text: str) -> str | None:
    (quote,) = analyze(text + _QUOTE).quotes
    return quote.speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Tom Hale, 34, was hurt. Ann Lee, 51, saw it.", "Tom Hale", id="comma-age"),
        pytest.param("Tom Hale, aged 34, was hurt. Ann Lee, 51, saw it.", "Tom Hale", id="aged"),
        pytest.param("Tom Hale (34) was hurt. Ann Lee, 51, saw it.", "Tom Hale", id="in-brackets"),
        pytest.param(
            "Tom Hale, a 34-year-old builder from Leeds, was hurt. Ann Lee, 51, saw it.",
            "Tom Hale",
            id="in-an-appositive-role",
        ),
        pytest.param(
            "Ann Lee, 51, saw it. Police said 34-year-old Tom Hale was hurt.",
            "Tom Hale",
            id="before-the-name",
        ),
        pytest.param(
            "Ann Lee, 51, saw a 34-year-old man fall. Tom Hale was there.",
            "the 34-year-old",
            id="an-age-given-no-named-person",
        ),
    ],
)
def test_an_age_description_names_whom_the_article_gave_that_age(
    text: str, expected: str
) -> None:
    assert speaker(text) == expected


@pytest.mark.parametrize(
    ("text", "description", "expected"),
    [
        pytest.param(
            "The crowd cheered England captain Tom Hale. Ann Lee saw it.",
            "the England captain",
            "Tom Hale",
            id="a-captain-with-what-he-captains",
        ),
        pytest.param(
            "Captain Ann Lee led the raid. Tom Hale saw it.", "the captain", "Ann Lee",
            id="captain-is-a-title",
        ),
        pytest.param(
            "Sgt Ann Lee led the raid. Tom Hale saw it.", "the sergeant", "Ann Lee",
            id="a-rank-without-its-period",
        ),
        pytest.param(
            "DCI Ann Lee led the case. Tom Hale saw it.", "the officer", "Ann Lee",
            id="a-police-rank-is-an-officer",
        ),
    ],
)
def test_a_rank_description_names_the_holder(text: str, description: str, expected: str) -> None:
    (quote,) = analyze(f"{text}\n\n'It was chaos,' {description} said.").quotes
    assert quote.speaker == expected
