"""Late interaction for open questions: piece-by-piece matching with the shipped sentence model."""

from __future__ import annotations

import numpy as np
import pytest

from index.answer import late_interaction, open_rank, semantic

QUESTION = "When did the council vote to close the swimming pool?"
# The question's words in another order, in other forms, among other words.
REORDERED = "Closing the pool was put to a vote on Tuesday, and the council backed it eight to two."
UNRELATED = "The striker scored twice in the second half as the visitors won the derby."


def _late(passages: list[str]) -> np.ndarray | None:
    found = late_interaction.meaning_of(QUESTION, passages)
    return None if found is None else found[1]


def _cosines_and_late(passages: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    found = late_interaction.meaning_of(QUESTION, passages)
    return None if found is None else (found[0], found[1])


def test_a_passage_with_the_questions_words_in_another_order_scores_above_an_unrelated_one() -> (
    None
):
    late = _late([UNRELATED, REORDERED])
    assert late is not None and late.shape == (2,)
    assert late[1] > late[0] + 0.1
    assert all(0.0 < score <= 1.0 + 1e-6 for score in late)


def test_scores_are_the_same_on_every_run_and_whether_a_passage_was_kept_or_not() -> None:
    model = semantic.encoder()
    assert model is not None
    first = _late([REORDERED, UNRELATED])
    model.pieces.clear()
    model.pieces_held = 0
    model.cache.clear()
    again = _late([UNRELATED, REORDERED])
    assert first is not None and again is not None
    assert np.array_equal(first, again[[1, 0]])


def test_one_run_of_the_question_gives_both_the_sentence_cosine_and_the_late_score() -> None:
    both = _cosines_and_late([REORDERED, "  ", UNRELATED])
    cosines = semantic.similarity(QUESTION, [REORDERED, "  ", UNRELATED])
    assert both is not None and cosines is not None
    assert np.allclose(both[0], cosines, atol=1e-6)
    assert both[0][1] == 0.0 and both[1][1] == 0.0  # an empty passage scores 0 on both
    assert _cosines_and_late([]) == (
        pytest.approx(np.zeros(0)),
        pytest.approx(np.zeros(0)),
    )


def test_special_tokens_and_punctuation_are_not_matched() -> None:
    model = semantic.encoder()
    assert model is not None
    hidden, wordy = model.run("Who won?!")
    # [CLS] who won ? ! [SEP]: only the two words are pieces worth matching.
    assert hidden.shape == (6, semantic.DIMENSION)
    assert wordy.tolist() == [False, True, True, False, False, False]
    assert model.passage_vectors("Who won?!")[1].shape == (2, semantic.DIMENSION)


def test_the_kept_pieces_stay_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    model = semantic.encoder()
    assert model is not None
    model.pieces.clear()
    model.pieces_held = 0
    monkeypatch.setattr(semantic, "PIECES_CACHED", 40)
    texts = [f"Passage number {n} tells of a harbour, a bridge and a long winter." for n in range(8)]
    for text in texts:
        model.passage_vectors(text)
        assert model.pieces_held == sum(len(v) for v in model.pieces.values()) <= 40
    # The most recent passages are the ones kept.
    assert texts[-1] in model.pieces and texts[0] not in model.pieces
    model.pieces.clear()
    model.pieces_held = 0


def test_max_sim_is_the_mean_of_each_question_pieces_best_match() -> None:
    question = np.array([[1.0, 0.0], [0.0, 1.0]])
    passage = np.array([[1.0, 0.0], [0.6, 0.8]])
    # Piece 1's best is 1.0, piece 2's best is 0.8.
    assert late_interaction.max_sim(question, passage) == pytest.approx(0.9)
    assert late_interaction.max_sim(question, np.zeros((0, 2))) == 0.0


def test_the_ranker_reads_the_late_gap_only_when_the_model_gave_it() -> None:
    texts = [UNRELATED, REORDERED]
    zeros = np.zeros(2)
    common = (zeros, zeros, zeros, zeros, zeros, np.array([0.0, 500.0]), texts, None)
    without = open_rank.features(*common)
    with_model = open_rank.features(*common, np.array([0.1, 0.4]), np.array([0.3, 0.5]))
    late = open_rank.FEATURES.index("late")
    assert without[:, late].tolist() == [0.0, 0.0]
    assert with_model[:, late] == pytest.approx([-0.2, 0.0])
    # The lexical fit reads none of the model's columns.
    assert open_rank.without_meaning(with_model).shape == (2, len(open_rank.FEATURES) - 3)
    assert np.array_equal(
        open_rank.probabilities(without), open_rank.lexical_probabilities(without)
    )


def test_the_levels_of_meaning_ride_beside_the_ranker_s_columns() -> None:
    texts = [UNRELATED, REORDERED, QUESTION]
    zeros = np.zeros(3)
    common = (zeros, zeros, zeros, zeros, zeros, np.array([0.0, 500.0, 900.0]), texts, None)
    late, sentence = np.array([0.3, 0.5, 0.4]), np.array([0.2, 0.7, 0.6])
    rows = open_rank.features(*common, np.array([0.1, 0.4, 0.2]), late, sentence)
    assert rows.shape == (3, len(open_rank.COLUMNS))
    # The ranker reads FEATURES alone: a level is the same for every candidate of a question.
    assert open_rank.ranked(rows).shape == (3, len(open_rank.FEATURES))
    assert rows[:, open_rank.COLUMNS.index("late_top")].tolist() == [0.5, 0.5, 0.5]
    # The hedge's evidence of meaning is the best candidate's level and its lift over the median.
    evidence = open_rank.confidence_features(
        rows, np.array([0.1, 0.9, 0.3]), open_rank.MEANING_CONFIDENCE
    )
    named = dict(zip(open_rank.MEANING_CONFIDENCE, evidence, strict=True))
    assert named["late"] == pytest.approx(0.5)
    assert named["late_lift"] == pytest.approx(0.1)
    assert named["sentence"] == pytest.approx(0.7)
    assert named["sentence_lift"] == pytest.approx(0.1)
    assert len(open_rank.confidence_features(rows, np.array([0.1, 0.9, 0.3]))) == len(
        open_rank.CONFIDENCE
    )


def test_the_closest_sentence_scores_a_window_by_its_answering_sentence() -> None:
    window = f"{UNRELATED} {REORDERED}"
    found = late_interaction.meaning_of(
        QUESTION, [window, UNRELATED], [[UNRELATED, REORDERED], [UNRELATED]]
    )
    assert found is not None
    cosines, _, best = found
    # The window's best sentence is closer to the question than the whole window...
    assert best[0] > cosines[0]
    # ...and a passage of one sentence keeps its own cosine.
    assert best[1] == cosines[1]
    sentence = open_rank.FEATURES.index("sentence")
    zeros = np.zeros(2)
    rows = open_rank.features(
        zeros, zeros, zeros, zeros, zeros, zeros, [window, UNRELATED], None, *found
    )
    assert rows[:, sentence].tolist() == [0.0, pytest.approx(best[1] - best[0])]
