"""Who speaks after a role and a name set off by commas, and after a clause joined by ", and"
(issue 18, read outside the dev sets in BBC copy)."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_a_role_of_a_long_body_names_the_one_in_apposition() -> None:
    text = (
        "The club cancelled its fixtures on Monday.\nThe secretary of the North Valley "
        "Students Rowing Club, Reverend Tom Ashby, said: \"It is a shame. \"We tried.\""
    )
    assert speakers(text) == [("It is a shame.", "Tom Ashby"), ("We tried.", "Tom Ashby")]


def test_a_name_before_a_comma_and_is_the_last_clause_not_a_pair() -> None:
    text = (
        "Brown played well on Saturday.\nThe win came after the club lost injured Tom Ashby, "
        "and Grant said: \"He played very well.\""
    )
    assert speakers(text) == [("He played very well.", "Grant")]


def test_a_pair_joined_by_and_still_speaks_together() -> None:
    text = "The inquiry closed on Monday.\nTom Ashby and Ann Grant said: \"We are relieved.\""
    assert speakers(text) == [("We are relieved.", "Tom Ashby and Ann Grant")]
