"""Attribution on British and tabloid constructions (issue 18), each on a small article written
for the purpose: cue verbs and phrases the tables lacked, people introduced by an age and a role,
an unlisted role noun or a kin word, and the issue's short plain texts."""

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ella Frost, 27, a singer from London, has cancelled her tour.\n\n"
            "'I need a rest,' the singer said.",
            [("I need a rest,", "Ella Frost")],
            id="role-after-an-age",
        ),
        pytest.param(
            "Golfer Tom Hale won on Sunday.\n\n'It is a dream,' the golfer said.",
            [("It is a dream,", "Tom Hale")],
            id="unlisted-agent-noun-before-a-first-name",
        ),
        pytest.param(
            "Tom Hale and his wife Ella were at the party.\n\n'It was wonderful,' his wife said.",
            [("It was wonderful,", "Ella")],
            id="kin-word-before-a-single-name",
        ),
        pytest.param(
            "Tom Hale and his wife Ella were at the party.\n\n'It was wonderful,' she said.",
            [("It was wonderful,", "Ella")],
            id="kin-word-gives-the-gender",
        ),
    ],
)
def test_description_finds_the_person_introduced_so(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(quote.text, quote.speaker) for quote in analyze(text).quotes] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Pritchard stood at the back of the hall.\n\n'Nobody asked us,' he said.",
            [("Nobody asked us,", "Pritchard")],
            id="lone-he-after-a-bare-surname",
        ),
        pytest.param(
            "Mendez had waited three hours. 'This is a disgrace,' she said.",
            [("This is a disgrace,", "Mendez")],
            id="lone-she-after-a-bare-surname",
        ),
        pytest.param(
            "'The plan will fail,' claim Ortiz and Brennan, both local councillors.",
            [("The plan will fail,", "Ortiz and Brennan")],
            id="inverted-present-cue-names-the-pair",
        ),
        pytest.param(
            "'It is over,' say Lopez and Dunn.",
            [("It is over,", "Lopez and Dunn")],
            id="inverted-say-names-the-pair",
        ),
        pytest.param(
            "Wendy Marsh teaches English in Hull. Her favourite novel is 'The Long Winter'.",
            [],
            id="favourite-novel-is-a-title",
        ),
        pytest.param(
            "Wendy Marsh teaches English in Hull. His favourite song is 'Blue Harbour'.",
            [],
            id="favourite-song-is-a-title",
        ),
    ],
)
def test_short_plain_texts(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(quote.text, quote.speaker) for quote in analyze(text).quotes] == expected


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("the fighter ace", "the fighter ace"),
        ("The coach", "The coach"),
        ("Tom Hale", None),
        ("he", None),
        ("", None),  # a quote continuing a speaker named without a mention: no words at all
        ("  ", None),
    ],
)
def test_only_a_definite_description_at_the_cue_is_left_to_the_ranker(
    mention: str, expected: str | None
) -> None:
    from index.quotes.extract import description_at_cue
    from index.quotes.subjects import Who

    assert description_at_cue(Who(None, mention, -1, -1, "")) == expected
    assert description_at_cue(None) is None
