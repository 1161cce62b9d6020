"""Titles of works are nobody's words, even inside a sentence that names someone."""

from __future__ import annotations

import pytest

from tests.index.quoting import direct

CASES = [
    (
        "Ann Ray was joined by Tom Bell, star of the TV show “Cake Night.”\n\n"
        "Bell praised her plan.",
        [],
    ),
    (
        "“We are seeing a backlash,” said Tom Bell, author of the book “Failure to Adjust: How "
        "Towns Got Left Behind.”",
        [("We are seeing a backlash,", "Tom Bell")],
    ),
    ("Ann Ray spoke on this week’s broadcast of “Town Hall Sunday,” and said little.", []),
    ("Ann Ray said nothing. “Daily Show” host Tom Bell laughed at her.", []),
    (
        "Ann Ray called the plan “a disaster for the Town Hall” on Monday.",
        [("a disaster for the Town Hall", "Ann Ray")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titles_named_by_their_kind_of_work_are_not_quotes(text, expected):
    assert direct(text) == expected
