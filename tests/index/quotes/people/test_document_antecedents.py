"""A bare "the statement said" speaks for the author of the statement the article mentioned
last: "Acme Foods said in a statement …", "a White House statement", one "the statement" after
another; a last mention naming no author, or none near, leaves it unknown."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes if quote.kind.value != "reported"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Police had no motive for the killings.\n\nGrace Harbor Ministries said in a statement "
            "Wednesday that it had learned of the charges.\n\n\"This tragedy has deeply saddened "
            "us all and we pray for the family,\" the statement said.",
            [("This tragedy has deeply saddened us all and we pray for the family,",
              "Grace Harbor Ministries")],
            id="said-in-a-statement",
        ),
        pytest.param(
            "Forty routes will be built, according to a White House statement.\n\nThe plan is "
            "\"a long-term venture in which states will need to plan projects and lay track,\" "
            "the statement said.\n\nThe statement added, \"We hope to move on quickly from this "
            "and build the network together.\"",
            [("a long-term venture in which states will need to plan projects and lay track,",
              "White House"),
             ("We hope to move on quickly from this and build the network together.",
              "White House")],
            id="an-owner-before-the-noun-and-a-chain-of-bare-mentions",
        ),
        pytest.param(
            "Grace Harbor Ministries said in a statement that it was shocked.\n\nA statement was "
            "also posted outside the church on Tuesday.\n\n\"This tragedy has deeply saddened us "
            "all and we pray for the family,\" the statement said.",
            [("This tragedy has deeply saddened us all and we pray for the family,", None)],
            id="the-last-mention-names-no-author",
        ),
    ],
)
def test_the_statement_speaks_for_its_earlier_author(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected
