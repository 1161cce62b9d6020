"""Say how well a passage covers each word of a question in meaning, piece by piece.

One vector per text (index/answer/semantic.py) blurs a question into its topic: every passage of
an article about the European economy is close to "what's Wim Kok's verdict on Europe's goals?".
Late interaction, as ColBERT scores documents, keeps the sentence model's output vector of every
word piece instead: each of the question's pieces finds its closest piece in the passage (the
largest cosine), and the passage's score is the mean of those, so a passage that holds "conclusion"
and "targets" answers "verdict" and "goals" even in other words and another order. The model is
the same all-MiniLM-L6-v2 run, not one trained for this; the scores are read by the open ranker
(index/answer/open_rank.py) as one more feature, for questions scoped to an article only.

Special tokens ([CLS], [SEP]) and bare punctuation are left out on both sides: they match
everything alike. A passage's piece vectors come from the same model run as its sentence vector
and are kept with it (semantic.PIECES_CACHED of them), so a repeated question about an article
costs one run of the question.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.answer import read_ahead, semantic


def max_sim(question: np.ndarray, passage: np.ndarray) -> float:
    """Return the mean over the question's piece vectors of the largest cosine to any of the
    passage's (both unit rows); 0 when either has no piece."""
    if not len(question) or not len(passage):
        return 0.0
    cosines = question.astype(np.float32) @ passage.astype(np.float32).T
    return float(cosines.max(axis=1).mean())


def meaning_of(
    question: str, passages: Sequence[str], sentences: Sequence[Sequence[str]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Return, per passage, the cosine of its and the question's sentence vectors
    (semantic.similarity), its late-interaction score and the largest cosine of the question's
    vector to one of `sentences[i]` (the passage's own sentences; the passage's cosine when it
    has none or none are given), all from one run of the question; None without the sentence
    model. An empty passage scores 0 on the first two. A window of three sentences averages the
    answering sentence with two others; the answering sentence alone is closer in meaning."""
    read_ahead.check(question, passages, sentences or ())
    model = read_ahead.reader()
    if model is None:
        return None
    if not passages:
        return np.zeros(0), np.zeros(0), np.zeros(0)
    hidden, wordy = model.question_run(question)
    sentence = semantic.pooled(hidden)
    pieces = semantic.unit_rows(hidden[wordy])
    cosines, late = np.zeros(len(passages)), np.zeros(len(passages))
    for i, text in enumerate(passages):
        if text.strip():
            vector, passage_pieces = model.passage_vectors(text)
            cosines[i] = float(vector @ sentence)
            late[i] = max_sim(pieces, passage_pieces)
    best = cosines.copy()
    for i, parts in enumerate(sentences or ()):
        vectors = [model.sentence(part) for part in parts if part.strip()]
        if len(vectors) > 1:
            best[i] = max(float(vector @ sentence) for vector in vectors)
    return cosines, late, best
