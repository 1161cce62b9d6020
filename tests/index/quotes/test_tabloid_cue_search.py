"""The cue search on British and tabloid constructions (issue 18): cue verbs and phrases the
tables lacked, each on a small article written for the purpose."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze

INTRO = "Karen Doyle, 45, lost her home in the floods. Her neighbour Tom Hale helped her.\n\n"


def attributed(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quote, speaker, cue) of every quoted segment."""
    return [
        (quote.text, quote.speaker, quote.cue)
        for quote in analyze(INTRO + text).quotes
        if quote.is_direct
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "'We had nothing left,' revealed Doyle.",
            [("We had nothing left,", "Karen Doyle", "revealed")],
            id="revealed-inverted",
        ),
        pytest.param(
            "Doyle confessed: 'I was terrified.'",
            [("I was terrified.", "Karen Doyle", "confessed")],
            id="confessed-before-a-colon",
        ),
        pytest.param(
            "Hale told her to stay calm, while Doyle informed him that she felt 'perfectly fine'.",
            [("perfectly fine", "Karen Doyle", "informed")],
            id="informed-in-a-second-clause",
        ),
        pytest.param(
            "'It was the worst night of my life,' she went on.",
            [("It was the worst night of my life,", "Karen Doyle", "went on")],
            id="went-on-after-the-quote",
        ),
        pytest.param(
            "Hale lashed out at the council: 'Nobody came to help.'",
            [("Nobody came to help.", "Tom Hale", "lashed out")],
            id="lashed-out-before-a-colon",
        ),
        pytest.param(
            "'We will rebuild,' Doyle laughed.",
            [("We will rebuild,", "Karen Doyle", "laughed")],
            id="laughed-after-the-quote",
        ),
    ],
)
def test_cue(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert attributed(text) == expected
