"""People known by one word ("named only as Jassem", "Tamsin, 29,", a bare surname) are people a
"he" or "she" can stand for; a capitalized plural noun opening a sentence is nobody."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A shopkeeper, named only as Farid, described the queues for bread.\n\n"
            "He said: 'There is nothing left on the shelves.'",
            [("There is nothing left on the shelves.", "Farid")],
            id="named-only-as",
        ),
        pytest.param(
            "Tamsin, 29, from Hull, lost her job in May.\n\n'I was devastated,' she said.",
            [("I was devastated,", "Tamsin")],
            id="one-name-with-an-age",
        ),
        pytest.param(
            "Okafor opened the meeting on Monday. Reporters waited outside.\n\n"
            "'We cannot afford this,' he said.",
            [("We cannot afford this,", "Okafor")],
            id="lone-he-after-a-bare-surname-past-a-plural-noun",
        ),
        pytest.param(
            "Okafor opened the meeting on Monday. Lintott waited outside.\n\n"
            "'We cannot afford this,' he said.",
            [("We cannot afford this,", None)],
            id="two-bare-surnames-leave-he-unknown",
        ),
    ],
)
def test_one_word_name(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


def test_a_clause_subject_after_and_is_the_he_that_follows() -> None:
    text = (
        "Coach Dario Venn praised striker Marco Ellis after the win over Leeds. Ellis scored "
        "twice, but the team were booed and Venn now wants calm.\n\n"
        "He said: 'The fans deserve better.'"
    )
    assert speakers(text) == [("The fans deserve better.", "Dario Venn")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Singer Petra, 26, played two sold-out nights. 'I love this city,' she said.",
            [("I love this city,", "Petra")],
            id="a-capitalized-role-before-one-name",
        ),
        pytest.param(
            "Mother-of-three Ann Lee, 29, wept in court. 'I am broken,' the mother-of-three said.",
            [("I am broken,", "Ann Lee")],
            id="a-family-compound-before-the-name",
        ),
    ],
)
def test_a_role_opening_the_sentence_is_no_part_of_the_name(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected
