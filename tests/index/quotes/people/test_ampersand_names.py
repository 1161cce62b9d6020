"""A name joined by an ampersand ("S&P", "B&Q") is one word of a name, not a break in it
(issue 18, read outside the dev sets)."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_an_ampersand_name_speaks_and_introduces_a_role() -> None:
    text = (
        "House prices rose again. Overall, B&Q said that trade \"remains strong\". \"The risk "
        "has fallen,\" wrote S&P credit analyst Ann Dee."
    )
    assert speakers(text) == [("remains strong", "B&Q"), ("The risk has fallen,", "Ann Dee")]
