"""A "He said:" opening the sentence after the one that first names someone with their role is
theirs, not the previous speaker's: issue 18, read outside the dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_the_newly_introduced_source_is_he() -> None:
    text = (
        "The new tablet has pleased reviewers. \"It is light and quick,\" said Tom Vale, an "
        "editor at Gadget Week. \"It will sell,\" he said.\n\n"
        "A more doubtful view came from Ben Gray, head of research at Quill Analysts. He said: "
        "\"The price is too high.\""
    )
    assert speakers(text) == [
        ("It is light and quick,", "Tom Vale"),
        ("It will sell,", "Tom Vale"),
        ("The price is too high.", "Ben Gray"),
    ]


def test_not_when_the_previous_speaker_is_named_beside_the_newcomer() -> None:
    text = (
        "Coach Tom Vale was pleased with the win. \"We were sharp,\" he said. Vale also praised "
        "Ben Gray, a winger signed in May. He added: \"Ben will play for his country.\""
    )
    assert speakers(text) == [
        ("We were sharp,", "Tom Vale"),
        ("Ben will play for his country.", "Tom Vale"),
    ]
