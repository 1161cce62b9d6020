"""A quote that a colon introduced and a full stop inside the marks ended is the introducer's:
the cue after it opens the next sentence ("But Ms Dee insisted …"); issue 18, read outside the
dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_the_next_sentence_cue_is_not_this_quote_s() -> None:
    text = (
        "Minister Ann Dee defended the arms sale. Tom Vale, from the charity Peace Now, said: "
        "\"This sends a terrible signal to the region.\" But Ms Dee insisted the export rules "
        "meant tough checks would still be made."
    )
    assert speakers(text) == [("This sends a terrible signal to the region.", "Tom Vale")]


def test_a_comma_closed_quote_still_takes_the_cue_after_it() -> None:
    text = "Tom Vale spoke first. Then Ann Dee rose: \"We will win,\" she said."
    assert speakers(text) == [("We will win,", "Ann Dee")]
