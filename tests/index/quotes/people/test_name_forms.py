"""The printed speaker is the name: without a title such as "DJ", "MSP", "MEP" or "Vice-President",
without an owner ("the Observer's Philip French"), "Downing Street" whole, and a surname that is
a month or a day kept ("Theresa May"); issue 18, read outside the dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.kind.value != "reported"
    ]


def test_titles_and_owners_are_not_the_name() -> None:
    text = (
        "DJ Ann Dee says club music is \"far from dead\". Scottish MSP Tom Vale said the plan "
        "was \"unfair\". Vice-President Joe Bell said the budget was \"tight\". \"It is a fine "
        "film,\" said the Gazette's Bob Dray."
    )
    assert speakers(text) == [
        ("far from dead", "Ann Dee"),
        ("unfair", "Tom Vale"),
        ("tight", "Joe Bell"),
        ("It is a fine film,", "Bob Dray"),
    ]


def test_downing_street_is_no_participle() -> None:
    text = "The minister resigned. Downing Street said the decision was \"a private matter\"."
    assert speakers(text) == [("a private matter", "Downing Street")]


def test_a_surname_that_is_a_month_or_a_day_after_a_first_name_or_honorific() -> None:
    text = (
        "Shadow minister Theresa May said the plans were \"inadequate\". \"They fail "
        "families,\" Mrs May said. On Friday, coach Mike Friday said: \"We can win.\""
    )
    assert speakers(text) == [
        ("inadequate", "Theresa May"),
        ("They fail families,", "Theresa May"),
        ("We can win.", "Mike Friday"),
    ]


def test_a_lone_surname_in_ing_is_the_one_person_named_so_in_full() -> None:
    text = (
        "Broadcaster Ray Dowling, 70, was questioned by police.\n\n"
        "Dowling, who has not named his friend, insisted he was not \"making a cause\" of it."
    )
    assert speakers(text) == [("making a cause", "Ray Dowling")]


def test_a_title_tells_the_gender_before_a_surname_that_is_a_first_name() -> None:
    text = (
        "\"We need ordinary faces,\" said Shauna Perry, the studio's producer. She added: \"Anyone "
        "can apply.\" \"It is quite incredible,\" said Ms Perry."
    )
    assert speakers(text) == [
        ("We need ordinary faces,", "Shauna Perry"),
        ("Anyone can apply.", "Shauna Perry"),
        ("It is quite incredible,", "Shauna Perry"),
    ]
