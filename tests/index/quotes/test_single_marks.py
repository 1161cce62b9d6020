"""British single marks against apostrophes: the marks that follow decide an ambiguous one."""

from __future__ import annotations

import pytest

from index.quotes.marks import find_spans
from index.text.segment import segment


def quoted(text: str) -> list[str]:
    """The text of every quote the marks pair (before any is dropped as a scare quote)."""
    paragraphs = [p for p in segment(text).paragraphs if not p.furniture]
    return [text[span.start : span.end] for span in find_spans(text, paragraphs)]

OPENING = "The inquiry into the Hollins Road depot reported on Tuesday. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            OPENING + "It blamed a 'them and us' culture among drivers and a rush for "
            "targets 'at any price' by managers.",
            ["them and us", "at any price"],
            id="plural-word-closing-before-a-noun",
        ),
        pytest.param(
            OPENING + "Drivers who called themselves 'The Regulars' ran the yard, and the "
            "report found 'grave' faults.",
            ["The Regulars", "grave"],
            id="capitalised-plural-closing",
        ),
        pytest.param(
            OPENING + "Its author said she was ‘deeply sorry, drivers’ of the depot’s past, "
            "and called the yard ‘a shambles’.",
            ["deeply sorry, drivers", "a shambles"],
            id="curly-plural-closing-then-a-possessive",
        ),
        pytest.param(
            OPENING + "The manager said: 'It was the drivers' choice, not mine.' Nobody "
            "disagreed.",
            ["It was the drivers' choice, not mine."],
            id="possessive-inside-a-quote-stays-an-apostrophe",
        ),
        pytest.param(
            OPENING + "Mr Pike said: 'We went to the Joneses' yard twice.'",
            ["We went to the Joneses' yard twice."],
            id="joneses-possessive",
        ),
        pytest.param(
            OPENING + "The drivers' union wants to be 're-elected at any cost', the author said.",
            ["re-elected at any cost"],
            id="quote-opening-on-a-word-like-an-elision",
        ),
        pytest.param(
            OPENING + "He wrote: 'Im sorry for the mess at the depot and i will fix it.' "
            "Nobody answered.",
            ["Im sorry for the mess at the depot and i will fix it."],
            id="quote-opening-on-a-misspelt-contraction",
        ),
        pytest.param(
            OPENING + "Mr Pike said: 'We ran it in the '90s and it was fine. We did it "
            "'cos we had to.'",
            ["We ran it in the '90s and it was fine. We did it 'cos we had to."],
            id="nineties-and-cos-stay-apostrophes",
        ),
        pytest.param(
            OPENING + "Mr Pike said: ‘The Smiths’ van was parked there, and it wasn’t ours.’",
            ["The Smiths’ van was parked there, and it wasn’t ours."],
            id="curly-possessive-and-contraction",
        ),
    ],
)
def test_single_marks_against_apostrophes(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Trainer Wyn Pellow said: 'The colt is fit. He ate well today. 'We will run him at "
            "Ripon.' The race is on Saturday.",
            ["The colt is fit. He ate well today.", "We will run him at Ripon."],
            id="reopened-after-a-full-stop",
        ),
        pytest.param(
            "Trainer Wyn Pellow said: 'The colt is fit. He ate well today. The colt, pictured "
            "with Pellow at Ripon in May 'We will run him if the ground is soft.' The race is "
            "on Saturday.",
            ["The colt is fit. He ate well today.", "We will run him if the ground is soft."],
            id="caption-between-two-quote-paragraphs",
        ),
        pytest.param(
            "Trainer Wyn Pellow said: 'The colt is fit. Then my son told me \"Go home\" and I "
            "did.' The race is on Saturday.",
            ['The colt is fit. Then my son told me "Go home" and I did.'],
            id="a-quote-inside-the-quote-is-no-caption",
        ),
    ],
)
def test_quote_reopened_across_lost_paragraph_breaks(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Ruth Pike has written a play, "Home", about her grandfather. She said: \'I wanted '
            "to tell his story before it was lost.' It opens in May.",
            ["Home", "I wanted to tell his story before it was lost."],
            id="a-double-quoted-title-and-a-single-quoted-sentence-are-british",
        ),
        pytest.param(
            "'BEN, you lied,\" the sign read. Ben said: \"I never lied to anyone in my life.\"",
            ["I never lied to anyone in my life."],
            id="a-stray-single-mark-opening-a-line-is-not-british",
        ),
    ],
)
def test_a_tie_of_quote_styles_goes_to_the_family_that_quotes_sentences(text, expected):
    assert quoted(text) == expected
