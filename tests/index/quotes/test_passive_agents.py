"""A fragment framed by a passive verb names its speaker after "by" (issue 18, read outside the
dev sets): `The plan was branded a "costly mistake" by the Greens`."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The council unveiled new bins. The bins were labelled a \"costly muddle\" by the "
            "Greens, who said the council had \"lost the plot\".",
            [("costly muddle", "Greens"), ("lost the plot", "Greens")],
            id="an_organization_after_by_and_the_fragment_of_its_relative_clause",
        ),
        pytest.param(
            "The council unveiled new bins. The scheme has been branded \"reckless\" by Labour "
            "councillor Ann Dee. The bins arrive in May.",
            [("reckless", "Ann Dee")],
            id="a_person_after_by",
        ),
        pytest.param(
            "The singer has critics. She was dubbed a 'plastic pop star' by Ann Lee and 'dull' "
            "by Meg Rose in the same week.",
            [("plastic pop star", "Ann Lee"), ("dull", "Meg Rose")],
            id="each_fragment_of_a_joined_pair_by_its_own_agent",
        ),
    ],
)
def test_the_agent_of_a_passive_framing_verb_speaks(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


def test_a_plural_role_after_by_names_no_one() -> None:
    """"by MPs": a group the article does not name, nor one for a later "she" to mean."""
    text = "The college closed in May. It was branded a \"sorry waste\" by MPs on Monday."
    assert all(speaker is None for _, speaker in speakers(text))


def test_by_after_an_active_verb_is_no_agent() -> None:
    """`Tom Reed called it "a mess" by any measure`: the subject speaks, "by" is no agent."""
    text = "Tom Reed spoke on Monday. Tom Reed called it \"a mess\" by any measure."
    assert speakers(text) == [("a mess", "Tom Reed")]
