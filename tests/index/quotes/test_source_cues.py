""""A spokesperson for a body speaks for it: "according to a spokesman for X" and "a spokesman
for X said" credit X."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.attribution import cue_before


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The bakery was shut on Monday. 'We are working with inspectors,' according to a "
            "spokesman for Dunmore Bakeries.",
            [("We are working with inspectors,", "Dunmore Bakeries")],
            id="after-the-quote",
        ),
        pytest.param(
            "According to a spokeswoman for Harcourt Rail, the delays were 'regrettable'.",
            [("regrettable", "Harcourt Rail")],
            id="before-a-fragment",
        ),
        pytest.param(
            "The line reopened at noon. 'Services are back to normal,' according to a Harcourt "
            "Rail spokesman.",
            [("Services are back to normal,", "Harcourt Rail")],
            id="the-body-before-the-noun",
        ),
        pytest.param(
            "In a letter to the council, a spokesman for Dunmore Bakeries wrote that the firm "
            "was 'cooperating fully'.",
            [("cooperating fully", "Dunmore Bakeries")],
            id="a-spokesperson-for-a-body-as-subject-not-the-body-as-object",
        ),
        pytest.param(
            "The bakery was shut. A spokeswoman for Dunmore Bakeries said: 'We are cooperating.'",
            [("We are cooperating.", "Dunmore Bakeries")],
            id="opening-a-sentence",
        ),
    ],
)
def test_according_to_a_spokesperson(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Prosecutor Dana Iles spoke on Friday. Even after the raid, Iles said, the four men "
            "continued to plan to leave 'at any cost'.",
            [("at any cost", "Dana Iles")],
            id="an-aside-credits-the-sentence-over-a-described-subject",
        ),
        pytest.param(
            "Prosecutor Dana Iles spoke on Friday. In 2019, Iles said, Tom Pell called the plan "
            "'a disaster'.",
            [("a disaster", "Tom Pell")],
            id="a-named-subject-framing-the-fragment-keeps-it",
        ),
    ],
)
def test_attribution_set_off_inside_the_sentence(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "'Sales have doubled,' said Brimley Sales & Marketing Officer and Deputy CEO, "
            "Owen Tarrant.",
            [("Sales have doubled,", "Owen Tarrant")],
            id="a-long-title-with-an-ampersand-then-the-name",
        ),
        pytest.param(
            "'Sales have doubled,' said Brimley chief executive, Owen Tarrant.",
            [("Sales have doubled,", "Owen Tarrant")],
            id="a-role-then-the-name-after-a-comma",
        ),
    ],
)
def test_inverted_cue_role_then_name(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


def test_after_a_full_stop_a_verb_with_its_own_clause_is_the_next_sentence() -> None:
    text = (
        "\"No,\" said Ray Dunn in court on Monday. \"I'm not sorry. I'd do it again.\" Judge Lena "
        "Varga interrupted, reminding him that he faced life. \"Yes, I know,\" Dunn shot back. "
        "\"I knew what I was doing.\" The judge told him to sit down."
    )
    assert speakers(text) == [
        ("No,", "Ray Dunn"),
        ("I'm not sorry. I'd do it again.", "Ray Dunn"),
        ("Yes, I know,", "Ray Dunn"),
        ("I knew what I was doing.", "Ray Dunn"),
    ]


def test_after_a_full_stop_reported_speech_is_the_next_sentence() -> None:
    text = (
        "Tim Hale praised Lee Cobb. 'He was superb,' said Hale. 'I told him to keep going.' "
        "Cobb said he was 'over the moon'."
    )
    assert speakers(text) == [
        ("He was superb,", "Tim Hale"),
        ("I told him to keep going.", "Tim Hale"),
        ("over the moon", "Lee Cobb"),
    ]


def test_after_a_full_stop_a_bare_credit_still_counts() -> None:
    text = "\"I'm not sorry.\" Ray Dunn said on Monday."
    assert speakers(text) == [("I'm not sorry.", "Ray Dunn")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Jon Rahm was praised for calling out an online troll who accused his wife of being "
            "a 'fortune hunter'.",
            [("fortune hunter", "an online troll")],
            id="the-relative-clause-subject-is-unnamed",
        ),
        pytest.param(
            "Jon Rahm was praised for calling out Tom Reed, who accused his wife of being a "
            "'fortune hunter'.",
            [("fortune hunter", "Tom Reed")],
            id="the-relative-clause-subject-is-named",
        ),
    ],
)
def test_a_fragment_framed_in_a_relative_clause(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A spokesman for the Ministry of Transport said: 'We are reviewing it.'",
            [("We are reviewing it.", "Ministry of Transport")],
            id="a-body-with-of",
        ),
        pytest.param(
            "'We are reviewing it,' according to a spokeswoman for the Office for Roads and "
            "Rail.",
            [("We are reviewing it,", "Office for Roads and Rail")],
            id="a-body-with-for-and-and",
        ),
        pytest.param(
            "Detective Chief Inspector Ian Moss led the inquiry. Speaking after the hearing, DCI "
            "Moss said: 'Justice was done.'",
            [("Justice was done.", "Ian Moss")],
            id="a-police-rank-abbreviated",
        ),
    ],
)
def test_british_bodies_and_ranks(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


def test_a_passive_cue_credits_its_agent() -> None:
    text = "Tom Wood met Dean Platt in a bar. Wood was told by Platt: 'You will get nothing.'"
    assert speakers(text) == [("You will get nothing.", "Dean Platt")]


def test_a_document_credited_after_a_fragment_yields_to_the_sentence_speaker() -> None:
    # the extract carries the words; the sentence names who said them
    text = (
        "Finance adviser Nikos Thorakis wrote an article for a weekly. Thorakis said the fund "
        "would run dry on April 9 and called the auditors 'completely useless,' according to "
        "an extract of the article due out on Saturday."
    )
    assert speakers(text)[-1] == ("completely useless,", "Nikos Thorakis")


def test_a_document_credit_stands_when_the_sentence_names_no_one() -> None:
    text = (
        "The ministry met the lenders on Friday. The talks were 'close to collapse,' according "
        "to an extract of the minutes."
    )
    assert [speaker for _, speaker in speakers(text)] == [None]


def test_what_was_written_is_no_speaker() -> None:
    # a caption run into the text leaves the writer without a comma before the verb
    text = (
        "The images show queues for bread. Lena Ortiz one of the group's founders, wrote the "
        "accompanying message: 'Lines waiting for some food.'"
    )
    who = cue_before(text, 0, text.index("'Lines"))
    assert who is None or who.mention != "the accompanying message"
