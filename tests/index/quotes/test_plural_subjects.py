"""A quoted fragment framed by a plural common-noun subject is no one person's (issue 18)."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.plural_subjects import plural_subject

ARTICLE = (
    "Barry Beavis was fined for overstaying. Mr Beavis said: 'It is a scandal.' The case went "
    "to appeal. "
    "Motoring groups reacted in fury, accusing the judges of siding with 'rogue operators'. "
    "But yesterday judges said the fine was enforceable because it was not 'excessively high'. "
    "Meanwhile motoring groups said firms would be 'falling over themselves' to raise fines. "
    "Mr Beavis said he was 'absolutely furious'."
)


def test_fragments_framed_by_plural_subjects_are_not_the_main_person_s() -> None:
    speakers = {quote.text: quote.speaker for quote in analyze(ARTICLE).quotes}
    assert speakers.get("rogue operators") is None
    assert speakers.get("excessively high") is None
    assert speakers.get("falling over themselves") is None
    assert speakers["absolutely furious"] == "Barry Beavis"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("But in a landmark ruling, appeal court judges decided the fine was neither ", True),
        ("Noah's parents describe him as having a ", True),
        ("Mr Beavis said he was ", False),
        ("He always claimed it was ", False),
        ("Mr Beavis said critics claimed it was ", False),
        ("Several cameras captured a ", False),  # no verb of speech or judgment
        ("The popstar said she was ", False),  # singular: may be the main person
    ],
)
def test_plural_subject(sentence: str, expected: bool) -> None:
    assert plural_subject(sentence, 0, len(sentence)) is expected
