"""A surname given an honorific ("Dr Hill", "Mr Fox") is a person's, though the word ends
organizations' names elsewhere ("The Hill", "Fox News"); issue 18, read outside the dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_a_full_name_ending_in_an_outlet_word_is_the_person_the_honorific_names() -> None:
    text = (
        "Party chairman Ewan Hill spoke after Mr Dunmore unveiled his budget. Dr Hill told "
        "local radio: \"This budget is a gamble.\"\n\n"
        "Dr Hill accused Mr Dunmore of hiding the costs. \"They will pay later,\" he said."
    )
    assert speakers(text) == [
        ("This budget is a gamble.", "Ewan Hill"),
        ("They will pay later,", "Ewan Hill"),
    ]


def test_an_outlet_keeps_its_name() -> None:
    text = (
        "Mr Dunmore unveiled his budget. \"It is fair,\" he told Fox News. Fox News said the "
        "budget was \"a first draft\"."
    )
    assert speakers(text) == [("It is fair,", "Dunmore"), ("a first draft", "Fox News")]
