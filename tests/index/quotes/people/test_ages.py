""""The 34-year-old said" names the person the article gave that age, however it wrote the
age beside the name; an age the article gave no named person names no one."""

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
