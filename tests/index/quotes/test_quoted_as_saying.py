"""Whom an outlet "quoted … as saying" spoke; the outlet only carried the words (issue 18, read
outside the dev sets)."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_the_one_quoted_after_the_quote() -> None:
    text = (
        "The spammer was jailed, prosecutors said. \"He cheated thousands,\" AP quoted "
        "prosecutor Ann Dee as saying."
    )
    assert speakers(text) == [("He cheated thousands,", "Ann Dee")]


def test_the_one_quoted_before_the_quote_named_in_apposition() -> None:
    text = (
        "The trial opens on Friday. The Daily Post quoted his brother, Tom Vale, as saying, "
        "\"We have no hope left.\""
    )
    assert speakers(text) == [("We have no hope left.", "Tom Vale")]


def test_a_quoted_document_names_no_one() -> None:
    text = "\"Farewell, all,\" the minister quoted the letter as saying."
    assert speakers(text) == [("Farewell, all,", None)]


def test_the_next_sentence_quoting_someone_else_is_no_credit() -> None:
    text = (
        "A senior official told the paper: 'We are out of money. We will pay the wages "
        "first.' The Daily Post quoted treasury chief Ann Dee as saying the state would not pay."
    )
    assert [speaker for _, speaker in speakers(text)] == ["a senior official"]
