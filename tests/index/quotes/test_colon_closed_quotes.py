"""A quote that a colon introduced and a full stop inside the marks ended is the introducer's,
and a question mark ends a quote as a full stop does: the cue after it, with a clause of its own,
opens the next sentence ("But Ms Dee insisted …", "Ms Dee replied that …"); so does a cue after
"but" ("… “indefensible” but the ministry said …"); issue 18, read outside the dev sets."""

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


def test_after_a_question_the_reply_with_a_clause_of_its_own_is_the_next_sentence() -> None:
    text = (
        "In the Commons, Tory MP Tom Vale asked about the posters.\n\n"
        "\"How could you think this was fair?\" Ann Dee replied that the posters were fair. "
        "\"They are about policy,\" she said."
    )
    assert speakers(text) == [
        ("How could you think this was fair?", "Tom Vale"),
        ("They are about policy,", "Ann Dee"),
    ]


def test_a_cue_after_but_is_the_next_clause_s() -> None:
    text = (
        "The scheme cost £50m. The audit committee called the bonus \"indefensible\" but the "
        "ministry said the project had \"taught us a lot\"."
    )
    assert speakers(text) == [
        ("indefensible", "the audit committee"),
        ("taught us a lot", "the ministry"),
    ]


def test_after_a_closed_quote_a_clause_before_the_subject_makes_the_cue_another_s() -> None:
    text = (
        "\"We welcome the plan,\" said Ann Dee, \"but we need to see action. \"If the deficit is "
        "not cut, the euro will suffer.\" Economists point out that whatever Brussels says, "
        "little will change."
    )
    assert speakers(text) == [
        ("We welcome the plan,", "Ann Dee"),
        ("but we need to see action.", "Ann Dee"),
        ("If the deficit is not cut, the euro will suffer.", "Ann Dee"),
    ]
