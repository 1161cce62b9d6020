"""CNN copy read outside the dev sets (issue 18): a bare surname a family shares, at a cue."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes if quote.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Rangers told the mother of missing hiker Nora Pell that the search would resume, "
            "Ruth Pell told reporters on Monday.\n\nHiker Nora Pell's car was found near the "
            "trail.\n\n\"We have not given up hope,\" Pell said.",
            [("We have not given up hope,", "Ruth Pell")],
            id="the_one_of_the_family_who_speaks_in_full",
        ),
        pytest.param(
            "Sam Orr, a pilot, radioed the news from the ice station.\n\nThe crew cheered.\n\n"
            "\"All is well up here,\" Orr said.\n\n\"He sounded calm,\" said Lena Orr, his wife.",
            [("All is well up here,", "Sam Orr"), ("He sounded calm,", "Lena Orr")],
            id="never_one_introduced_after_the_cue",
        ),
        pytest.param(
            "Jon Vick was charged on Friday.\n\nThe coroner said Ada Vick died of a fall.\n\n"
            "\"I did nothing wrong,\" Vick said.",
            [("I did nothing wrong,", "Jon Vick")],
            id="reported_speech_about_a_name_is_not_its_speech",
        ),
        pytest.param(
            "Ted Marsh says the plan will fail.\n\nHis son, Ben Marsh, said the family agreed."
            "\n\nThe council met on Tuesday.\n\n\"It cannot work,\" Marsh said.",
            [("It cannot work,", "Ted Marsh")],
            id="the_first_named_who_spoke_keeps_the_surname",
        ),
    ],
)
def test_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected
