"""The mention printed beside a quote is the name, without the connective that opens its
sentence ("But Mr Dunmore", "Meanwhile Ann Cole"): issue 18, read outside the dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def test_a_connective_opening_the_sentence_is_no_part_of_the_mention() -> None:
    text = (
        "Ann Cole backed the plan. \"It is fair,\" she said. But Mr Dunmore said: \"It is not.\" "
        "Meanwhile Joe Bell insisted the plan was \"a gamble\"."
    )
    quotes = [q for q in analyze(text, RulesOnly()).quotes if q.is_direct]
    assert [(q.speaker, q.mention) for q in quotes] == [
        ("Ann Cole", "she"), ("Dunmore", "Mr Dunmore"), ("Joe Bell", "Joe Bell")
    ]
    for quote in quotes[1:]:
        assert quote.mention_start is not None
        assert text[quote.mention_start : quote.mention_end] == quote.mention
