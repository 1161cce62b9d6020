"""One headline rule serves titles, retrieval and summaries."""

from __future__ import annotations

import pytest

from index.intake.checks import derive_title
from index.summary.summarize import headline_span
from index.text.headline import MAX_WORDS, headline
from index.text.segment import segment

STORY = "\n\nThe library board met on Monday night. It voted to open on Sundays."


def test_a_short_unpunctuated_first_line_is_the_headline() -> None:
    document = segment("Library opens on Sundays" + STORY)
    top = headline(document)
    assert top is not None
    assert document.text[top.start : top.end] == "Library opens on Sundays"
    assert headline_span(document) == (top.start, top.end)
    assert derive_title(document) == "Library opens on Sundays"


@pytest.mark.parametrize(
    "first",
    [
        "The board met on Monday.",
        'Board says "Sundays."',
        "Board says Sundays:",
        "Board votes on ‘Sundays’",
        " ".join(["word"] * (MAX_WORDS + 1)),
    ],
)
def test_a_line_that_closes_like_prose_or_runs_long_is_no_headline(first: str) -> None:
    document = segment(first + STORY)
    assert headline(document) is None
    assert headline_span(document) is None


def test_a_line_with_nothing_after_it_is_no_headline() -> None:
    assert headline(segment("Library opens on Sundays")) is None
