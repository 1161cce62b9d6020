"""A heading in capitals before a colon is no speaker (issue 18, read outside the dev sets):
"EXPERT VERDICT: '…'" in a product review; a transcript's "PENCE:" still names Mike Pence."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.labels import names_someone, shouted_label
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text, RulesOnly()).quotes]


def test_a_review_heading_in_capitals_is_no_speaker() -> None:
    text = (
        "Here, Dr Bav Shergill, a dermatologist, offers his verdict. CLAIMS: SPF 30 suncream "
        "with antioxidants for skin health. EXPERT VERDICT: 'A bit of a gimmick - the concept "
        "is odd. 'There's no evidence that drinking this would stop sun damage.' 5/10"
    )
    assert all(speaker != "VERDICT" for _, speaker in speakers(text))


def test_a_transcript_label_names_the_person_the_article_names() -> None:
    text = (
        "Mike Pence and Tim Kaine met in Virginia. The debate went on. PENCE: 'Gennifer "
        "Flowers will not be here.' KAINE: 'You are wrong about that.'"
    )
    assert speakers(text) == [
        ("Gennifer Flowers will not be here.", "Mike Pence"),
        ("You are wrong about that.", "Tim Kaine"),
    ]


def test_only_runs_in_capitals_are_read_as_headings() -> None:
    text = "The verdict came. Daron Shaw: 'It is close.'"
    assert not shouted_label(text, "Daron Shaw")
    assert shouted_label(text, "EXPERT VERDICT")
    assert not shouted_label("Mr O'Neill spoke.", "O'NEILL")
    assert names_someone(text, "Daron Shaw") and not names_someone(text, "EXPERT VERDICT")


def test_an_agency_in_capitals_after_said_is_still_the_speaker() -> None:
    # Only a run before a colon can be a heading: "Said NASA," names the agency.
    text = 'Officials met on Monday to talk about the launch.\n\nSaid NASA, "We will launch again."'
    assert speakers(text) == [("We will launch again.", "NASA")]
    assert names_someone(text, "NASA", heading=False) and not names_someone(text, "NASA")
