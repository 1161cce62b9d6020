"""Score candidate passages for an open question with a small learned model.

Each candidate gets a few features that the retrieval core computes cheaply: BM25-saturated
coverage of the question's IDF weight, plain coverage, TF-IDF cosine, its share of the best
candidate's score, its coverage of the question's words beyond the article's title, how early in the article it stands, and whether it holds what the question
asks for (a number for "how much", a date for "when", a cause for "why"...). A logistic
regression over them, trained by benchmarks/train_open_ranker.py on the tuning halves of the
dev sets, orders the candidates; its probability for the first one says whether the answer is
sure enough to give without a hedge. The coefficients are plain JSON shipped in the package.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import numpy as np

from index.answer import semantic

FEATURES = (
    "bm25", "paragraph", "beyond_title", "coverage", "cosine", "best_share", "early",
    "type_match", "typed", "semantic", "late", "sentence",
)  # fmt: skip
# The columns read from the sentence model, for questions scoped to an article only.
MEANING = ("semantic", "late", "sentence")

# What a question asks for, by its wording, and what a passage that answers it holds.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
_ASKS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asks, re.IGNORECASE), re.compile(holds, re.IGNORECASE))
    for asks, holds in (
        (r"\bhow\s+(?:much|many|long|old|far|big|large|often)\b|\bwhat\s+(?:percentage|share|"
         r"proportion|number|amount|price|age)\b",
         r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|"
         r"thousand|million|billion|dozen|half|third|quarter)\b"),
        (r"\bwhen\b|\bwhat\s+(?:time|year|day|date|month)\b|\bhow\s+soon\b",
         rf"\b(?:{_MONTHS}|{_DAYS})\b|\b(?:19|20)\d\d\b|\b(?:last|next|this)\s+(?:week|month|"
         r"year)\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"),
        (r"\bwhy\b|\bwhat\s+(?:caused|led|made|prompted)\b|\bfor\s+what\s+reason\b",
         r"\b(?:because|since|after|due\s+to|blamed|as\s+a\s+result|so\s+that|reason|caused|"
         r"led\s+to|following|amid|in\s+order\s+to)\b"),
        (r"\bwhere\b|\bwhich\s+(?:country|city|town|state|place)\b",
         r"\b(?:in|at|from|near|to)\s+(?:the\s+)?[A-Z][a-z]+"),
        (r"^\s*who\b|\bwhich\s+(?:person|people|company|team|group|official)\b",
         r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"),
    )
)  # fmt: skip


def asked_for(question: str) -> re.Pattern[str] | None:
    """Return what a passage must hold to answer this kind of question, if the wording says."""
    for asks, holds in _ASKS:
        if asks.search(question):
            return holds
    return None


def features(
    bm25: np.ndarray,
    paragraph: np.ndarray,
    beyond_title: np.ndarray,
    coverage: np.ndarray,
    cosine: np.ndarray,
    starts: np.ndarray,
    texts: list[str],
    wanted: re.Pattern[str] | None,
    meaning: np.ndarray | None = None,
    late: np.ndarray | None = None,
    sentence: np.ndarray | None = None,
) -> np.ndarray:
    """One row of FEATURES per candidate passage. `meaning` is each passage's cosine to the
    question by the sentence model (index.answer.semantic) and `late` its late-interaction score
    (index.answer.late_interaction), None without the model: each feature is then 0, as for the
    closest passage; `sentence` is the cosine of the passage's sentence closest to the question
    (the passage's own without sentences). All three enter as the gap to the best candidate's."""
    best = float(bm25.max()) if len(bm25) else 0.0
    share = bm25 / best if best > 0 else np.zeros_like(bm25)
    early = np.exp(-starts / 1000.0)
    if wanted is None:
        match = np.zeros(len(texts))
    else:
        match = np.array([1.0 if wanted.search(text) else 0.0 for text in texts])
    typed = np.full(len(texts), 0.0 if wanted is None else 1.0)
    gap = np.zeros(len(texts)) if meaning is None else semantic.gap_to_closest(meaning)
    late_gap = np.zeros(len(texts)) if late is None else semantic.gap_to_closest(late)
    sentence_gap = np.zeros(len(texts)) if sentence is None else semantic.gap_to_closest(sentence)
    return np.column_stack(
        [bm25, paragraph, beyond_title, coverage, cosine, share, early, match, typed, gap,
         late_gap, sentence_gap]
    )  # fmt: skip


@cache
def model() -> dict[str, object]:
    """Return the shipped coefficients: {"features", "coef", "intercept", "confidence"}."""
    text = resources.files("index.answer").joinpath("open_ranker.json").read_text("utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("open_ranker.json was trained on other features")
    return data


def probabilities(rows: np.ndarray) -> np.ndarray:
    """Return the model's probability that each candidate answers the question: by the ranker
    with the sentence model's gaps when the passages have them (a question scoped to an article,
    the model loaded), else by the same ranker fitted without them."""
    if not rows[:, [FEATURES.index(name) for name in MEANING]].any():
        return lexical_probabilities(rows)
    return _logistic(rows, model())


def sure(rows: np.ndarray, probability: np.ndarray) -> bool:
    """Whether the best candidate answers, by a second small regression over the question's
    evidence: the best candidate's probability, its lead over the next, and its coverage of
    the question's weight (a reworded answer still shares some rare word). With `"from":
    "lexical"` the evidence is the lexical ranker's: the passage closest in meaning looks sure
    whether or not it answers, so the gap is left out of the judgment."""
    weights = model()["confidence"]
    assert isinstance(weights, dict)
    if weights.get("from") == "lexical":
        probability = lexical_probabilities(rows)
    evidence = confidence_features(rows, probability)
    logit = float(evidence @ np.asarray(weights["coef"]) + float(weights["intercept"]))
    return bool(1.0 / (1.0 + np.exp(-logit)) >= float(weights["at"]))


CONFIDENCE = ("best", "lead", "bm25", "coverage", "type_match")


def without_meaning(rows: np.ndarray) -> np.ndarray:
    """Return the rows without the sentence model's columns: what the lexical ranker reads."""
    return np.delete(rows, [FEATURES.index(name) for name in MEANING], axis=1)


def lexical_probabilities(rows: np.ndarray) -> np.ndarray:
    """Return each candidate's probability by the ranker fitted without the sentence model's
    gaps (`"lexical"` in open_ranker.json)."""
    weights = model()["lexical"]
    assert isinstance(weights, dict)
    return _logistic(without_meaning(rows), weights)


def _logistic(rows: np.ndarray, weights: dict[str, object]) -> np.ndarray:
    """Apply one fit of open_ranker.json ({"coef", "intercept"}) to the rows."""
    coef = np.asarray(weights["coef"], dtype=np.float64)
    logits = rows @ coef + float(weights["intercept"])  # type: ignore[arg-type]
    return np.asarray(1.0 / (1.0 + np.exp(-logits)))


def confidence_features(rows: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Describe how sure the ranking is: the best probability, its lead over the next, and the
    best passage's BM25, coverage and question-type match."""
    if not len(probability):
        return np.zeros(len(CONFIDENCE))
    order = np.argsort(-probability, kind="stable")
    best = order[0]
    lead = probability[best] - (probability[order[1]] if len(order) > 1 else 0.0)
    column = FEATURES.index
    return np.array(
        [
            probability[best],
            lead,
            rows[best, column("bm25")],
            rows[best, column("coverage")],
            rows[best, column("type_match")],
        ]
    )
