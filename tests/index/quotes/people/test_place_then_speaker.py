"""A preposition's object joined by "and" to a person who then speaks ("… trained in Leeds and
Vale said:") is no group: the person speaks alone (issue 18, read outside the dev sets)."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_a_place_then_a_known_speaker() -> None:
    text = (
        "Rovers manager Tom Vale is pleased. The striker has been training in Portugal and Vale "
        "said: \"He is ready.\""
    )
    assert speakers(text) == [("He is ready.", "Tom Vale")]


def test_two_people_after_a_preposition_stay_a_group() -> None:
    text = (
        "Actress Ann Dee and her husband Bob Dray sued the paper. Lawyers for Ms Dee and Mr Dray "
        "said: \"The photographs were stolen.\""
    )
    assert speakers(text)[0][1] != "Bob Dray"
