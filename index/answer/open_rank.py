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
# How close the closest candidate is by each of the three, the same in every row of a question:
# columns after FEATURES that the hedge reads and the ranker does not (a level moves every
# candidate of a question alike; fitted into the ranker it cost the natural tune half two firsts).
LEVELS = ("semantic_top", "late_top", "sentence_top")
COLUMNS = FEATURES + LEVELS

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
    """One row of COLUMNS (FEATURES, then LEVELS) per candidate passage. `meaning` is each
    passage's cosine to the question by the sentence model (index.answer.semantic) and `late`
    its late-interaction score (index.answer.late_interaction), None without the model: each
    feature is then 0, as for the closest passage; `sentence` is the cosine of the passage's
    sentence closest to the question (the passage's own without sentences). All three enter as
    the gap to the best candidate's, their largest values as LEVELS (0 without the model)."""
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
    levels = [np.full(len(texts), float(v.max()) if v is not None and len(v) else 0.0)
              for v in (meaning, late, sentence)]  # fmt: skip
    return np.column_stack(
        [bm25, paragraph, beyond_title, coverage, cosine, share, early, match, typed, gap,
         late_gap, sentence_gap, *levels]
    ).reshape(len(texts), len(COLUMNS))  # fmt: skip


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
    if not has_meaning(rows):
        return lexical_probabilities(rows)
    return _logistic(ranked(rows), model())


def has_meaning(rows: np.ndarray) -> bool:
    """Whether the rows hold the sentence model's columns (a scoped question, the model loaded)."""
    return bool(rows[:, [FEATURES.index(name) for name in MEANING]].any())


def ranked(rows: np.ndarray) -> np.ndarray:
    """Return the columns the ranker reads: FEATURES, without the LEVELS."""
    return rows[:, : len(FEATURES)]


def sure(rows: np.ndarray, probability: np.ndarray) -> bool:
    """Whether the best candidate answers, by a second small regression over the question's
    evidence: the best candidate's probability, its lead over the next, and its coverage of
    the question's weight (a reworded answer still shares some rare word). With `"from":
    "lexical"` the evidence is the lexical ranker's: the passage closest in meaning looks sure
    whether or not it answers, so the gap is left out of the judgment. A hedge over the levels
    of meaning (MEANING_CONFIDENCE) is fitted and reported by benchmarks/train_open_ranker.py,
    not shipped: see the README's /ask row."""
    weights = model()["confidence"]
    assert isinstance(weights, dict)
    if weights.get("from") == "lexical":
        probability = lexical_probabilities(rows)
    evidence = confidence_features(rows, probability)
    logit = float(evidence @ np.asarray(weights["coef"]) + float(weights["intercept"]))
    return bool(1.0 / (1.0 + np.exp(-logit)) >= float(weights["at"]))


CONFIDENCE = ("best", "lead", "bm25", "coverage", "type_match")
# With the sentence model, how close the best passage is in meaning: its late-interaction score
# and its closest sentence's cosine, each as a level and as its lift over the article's median
# passage. Measured as the hedge's evidence (benchmarks/train_open_ranker.py), not shipped: on
# ask-dev it separates only by that set's habit (its unanswerable questions reuse the article's
# words), and it called a question sharing no word with the article sure.
MEANING_CONFIDENCE = (*CONFIDENCE, "late", "late_lift", "sentence", "sentence_lift")


def without_meaning(rows: np.ndarray) -> np.ndarray:
    """Return the rows without the sentence model's columns: what the lexical ranker reads."""
    return np.delete(ranked(rows), [FEATURES.index(name) for name in MEANING], axis=1)


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


def confidence_features(
    rows: np.ndarray, probability: np.ndarray, names: tuple[str, ...] = CONFIDENCE
) -> np.ndarray:
    """Describe how sure the ranking is by `names` (CONFIDENCE or MEANING_CONFIDENCE): the best
    probability, its lead over the next, the best passage's BM25, coverage and question-type
    match, and its levels of meaning."""
    if not len(probability):
        return np.zeros(len(names))
    order = np.argsort(-probability, kind="stable")
    best = order[0]
    column = COLUMNS.index
    evidence = {
        "best": probability[best],
        "lead": probability[best] - (probability[order[1]] if len(order) > 1 else 0.0),
        "bm25": rows[best, column("bm25")],
        "coverage": rows[best, column("coverage")],
        "type_match": rows[best, column("type_match")],
    }
    for name in ("late", "sentence") if len(names) > len(CONFIDENCE) else ():
        gaps = rows[:, column(name)]
        evidence[name] = gaps[best] + rows[best, column(f"{name}_top")]
        evidence[f"{name}_lift"] = gaps[best] - float(np.median(gaps))
    return np.array([evidence[name] for name in names])
