"""Speaker rules for short plain texts and British tabloid style (issue 18), each on a small
article written for the purpose."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Okafor opened the meeting on Monday.\n\n'We cannot afford this,' he said.",
            [("We cannot afford this,", "Okafor")],
            id="lone-he-after-the-only-bare-surname",
        ),
        pytest.param(
            '"The numbers add up," insist Smith and Jones.',
            [("The numbers add up,", "Smith and Jones")],
            id="inverted-present-cue-names-the-pair",
        ),
        pytest.param(
            '"We will not close," reply Okafor and Lind.',
            [("We will not close,", "Okafor and Lind")],
            id="bare-plural-cue-right-after-the-quote",
        ),
        pytest.param(
            'The plan drew a swift reply. "No," a resident wrote.\n\n'
            'Critics gave a resounding answer when the council "listened", it seems.',
            [("No,", "a resident")],
            id="bare-plural-noun-away-from-a-quote-is-no-cue",
        ),
        pytest.param(
            '"The numbers add up," argue Harriet Smith and Tom Jones, two local traders.',
            [("The numbers add up,", "Harriet Smith and Tom Jones")],
            id="inverted-present-cue-full-names",
        ),
        pytest.param(
            "Tom Hale, 34, was arrested on Friday. His lawyer, Ruth Pike, 52, spoke to "
            "reporters.\n\n'I did nothing wrong,' the 34-year-old added.",
            [("I did nothing wrong,", "Tom Hale")],
            id="age-description-finds-that-age",
        ),
        pytest.param(
            "Tom Hale, 34, was arrested on Friday. His lawyer, Ruth Pike, 52, spoke to "
            "reporters.\n\n'He did nothing wrong,' the 52-year-old said.",
            [("He did nothing wrong,", "Ruth Pike")],
            id="age-description-other-age",
        ),
        pytest.param(
            "Jane Carter, 41, runs a bakery in Leeds. 'It has been a tough year,' she told "
            "MailOnline.",
            [("It has been a tough year,", "Jane Carter")],
            id="outlet-is-the-listener",
        ),
        pytest.param(
            "'It has been a tough year,' Jane Carter told MailOnline.",
            [("It has been a tough year,", "Jane Carter")],
            id="outlet-after-a-name",
        ),
        pytest.param(
            "Tom Hale runs a shop. 'Business is slow,' Mr Hale said.",
            [("Business is slow,", "Tom Hale")],
            id="honorific-without-a-dot",
        ),
    ],
)
def test_speaker(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Anna Brook runs the village library. Her favourite book is 'The Quiet Shore'.",
        'Anna Brook runs the village library. His favourite film was "Dark Water Rising".',
    ],
)
def test_title_after_favourite_work_is_not_a_statement(text: str) -> None:
    assert speakers(text) == []


def test_a_quoted_sentence_after_is_still_a_quote() -> None:
    text = "Anna Brook runs the village library. 'The book is overdue,' she said."
    assert speakers(text) == [("The book is overdue,", "Anna Brook")]
