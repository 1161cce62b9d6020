"""A "he" or "she" at a cue right after an unnamed, described speaker carries that speaker on,
shown as the article words them (or the body a spokesperson speaks for), when the gender fits,
the description is the last speaker, and no named person of that gender is a subject between;
otherwise it stays as before (unknown, or a named person)."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speaker_of(text: str, quote_opening: str) -> str | None:
    found = [q for q in analyze(text).quotes if q.text.startswith(quote_opening)]
    assert found, f"no quote opening {quote_opening!r}"
    return found[0].speaker


@pytest.mark.parametrize(
    ("text", "opening", "expected"),
    [
        pytest.param(
            "Town councils are weighing the new parking fees.\n\n"
            "A Green councillor told the local paper the plan went too far. "
            "She said: \"We will vote against it in March.\"",
            "We will vote",
            "a Green councillor",
            id="she-after-a-described-councillor",
        ),
        pytest.param(
            "The museum closed its east wing on Friday.\n\n"
            "A spokesman for the Hartley Trust said repairs would take a month. "
            "\"The roof has to be replaced first,\" he said.",
            "The roof",
            "Hartley Trust",
            id="he-after-a-spokesman-for-a-body-is-the-body",
        ),
        pytest.param(
            "Ferries to the island were cancelled again.\n\n"
            "A harbour official said the storm had damaged the pier. The official said "
            "crews were waiting for calmer seas. \"We cannot send anyone out yet,\" he said.",
            "We cannot",
            "the official",
            id="he-after-the-official",
        ),
        pytest.param(
            "Mr Grant wants the rules rewritten.\n\n"
            "But a spokesman for the Treasury defended the rules. "
            "He said: \"They have worked well for ten years.\"",
            "They have worked",
            "Treasury",
            id="a-spokesman-opening-a-sentence-with-any-verb",
        ),
        pytest.param(
            "Sales of scooters doubled this year.\n\n"
            "A spokeswoman for the Rider Union said the figures were welcome. She said riders "
            "still wanted safer lanes. \"Every town should have them,\" she said. "
            "\"It is not a lot to ask.\"",
            "It is not",
            "Rider Union",
            id="a-chain-of-the-same-pronoun-and-a-continued-quote",
        ),
    ],
)
def test_pronoun_carries_the_described_speaker(text: str, opening: str, expected: str) -> None:
    assert speaker_of(text, opening) == expected


@pytest.mark.parametrize(
    ("text", "opening", "expected"),
    [
        pytest.param(
            "Flooding closed two schools in the valley.\n\n"
            "A council spokeswoman said the buildings were being checked. "
            "\"We hope to reopen on Monday,\" he said.",
            "We hope",
            None,
            id="gender-disagrees",
        ),
        pytest.param(
            "Flooding closed two schools in the valley.\n\n"
            "A council spokeswoman said the buildings were being checked. Head teacher "
            "Mark Jones said pupils would learn from home. \"We hope to reopen on Monday,\" he said.",
            "We hope",
            "Mark Jones",
            id="a-named-man-speaks-between",
        ),
        pytest.param(
            "Dr Ravi Shah has run the clinic for ten years.\n\n"
            "Shah said the complaint was false. The doctor denied the claims. "
            "\"My door was always open,\" he said.",
            "My door",
            "Ravi Shah",
            id="the-doctor-may-be-the-named-doctor",
        ),
    ],
)
def test_no_described_speaker_when_a_condition_fails(
    text: str, opening: str, expected: str | None
) -> None:
    assert speaker_of(text, opening) == expected
