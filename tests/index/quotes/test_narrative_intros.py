"""CNN copy read outside the dev sets (issue 18): a quote paragraph with no cue after a sentence
about one person is that person's when it speaks as "I" or "we" and never names them."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes if quote.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Coach Lars Brandt said the team would recover.\n\nThe club lost again on Sunday."
            "\n\nBrandt was left to ponder the result.\n\n\"We should have scored twice before "
            "the break.\"",
            [("We should have scored twice before the break.", "Lars Brandt")],
            id="the_sentence_before_is_about_them",
        ),
        pytest.param(
            "Mina Ostrova, a nurse, moved to the capital in May.\n\nThe clinic shut in June."
            "\n\nOstrova now works two jobs to pay the rent.\n\n\"I barely sleep, but my "
            "children eat.\"",
            [("I barely sleep, but my children eat.", "Mina Ostrova")],
            id="a_first_person_quote",
        ),
    ],
)
def test_first_person_quote_after_a_sentence_about_one_person(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Carl Denny died in the fire on Monday.\n\nFirefighters reached the house too late."
            "\n\nDenny had lived there for 40 years.\n\n\"He was the kindest man on our street.\"",
            id="a_quote_about_them_is_someone_elses",
        ),
        pytest.param(
            "Ivo Sand met Petra Lune at the summit.\n\nThe talks ran late.\n\nSand thanked "
            "Lune for her patience.\n\n\"We made real progress.\"",
            id="two_people_in_the_sentence_before",
        ),
        pytest.param(
            "Rita Kahn founded the shelter in 1990.\n\nIt took in 200 dogs last year.\n\nKahn "
            "still runs it.\n\n\"Rita Kahn saved my dog, and I owe her.\"",
            id="a_quote_naming_them",
        ),
    ],
)
def test_no_speaker_guessed(text: str) -> None:
    assert [speaker for _, speaker in speakers(text)] == [None]

