"""CNN copy read outside the dev sets (issue 18): an acronym spelled like a word the rules skip
("WHO", the World Health Organization) is a name at a cue, not the relative pronoun."""

from __future__ import annotations

from index.models import QuoteKind
from index.quotes.analyze import analyze


def test_an_acronym_spelled_like_who_names_its_body() -> None:
    text = (
        "GENEVA -- A report on clinics came out on Tuesday.\n\nWHO calls the gap between "
        "rich and poor districts \"a scandal of our age.\"\n\nThe fee is what WHO says is the "
        "\"cruelest way to pay for care.\""
    )
    assert [quote.speaker for quote in analyze(text).quotes if quote.kind is not QuoteKind.REPORTED] == [
        "WHO",
        "WHO",
    ]


def test_the_word_who_stays_no_name() -> None:
    text = "Lena Ostrova, who runs the clinic, called it \"a scandal of our age.\""
    assert [quote.speaker for quote in analyze(text).quotes] == ["Lena Ostrova"]
