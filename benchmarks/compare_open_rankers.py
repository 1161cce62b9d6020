"""Compare learners for the open-question ranker on the same candidates and features (issue 17).

Run: python benchmarks/compare_open_rankers.py [--keep DIR]

The shipped ranker (index/answer/open_ranker.json) is a logistic regression fitted pointwise by
benchmarks/train_open_ranker.py. This script fits other learners over exactly the same feature
rows (open_rank.FEATURES, from `evidence.candidates_of` as /ask computes them), on the tuning
halves only, each set weighed as train_open_ranker weighs it, and prints how often the answer is
first and in the first three per set and half, the shipped coefficients beside them:

- "logistic": the shipped recipe refitted (a check that the rows are the shipped ones);
- "logistic, NewsQA weight W": NewsQA's crowd questions weighed W against ask-dev's 1;
- "listwise": a softmax over each question's candidates, maximising the probability of the
  answering ones (what "first" rewards), L2-regularised, fitted with L-BFGS;
- "boosted trees, depth D": gradient-boosted shallow trees (feature interactions such as
  semantic x typed), the classes balanced as the logistic fit balances them.

The top three here is the first three by score: /ask may show fewer (evidence.KEEP_RATIO).
Deterministic: the same data give the same figures.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ask_reader
from scipy.optimize import minimize
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from train_open_ranker import group_weights, stacked, tables

from index.answer import open_rank

Scorer = Callable[[np.ndarray], np.ndarray]


def training_rows(data: list, newsqa_weight: float) -> tuple[list, np.ndarray]:
    """The tuning half's answerable questions with an answering candidate, and their weights."""
    tune = [(c, t, y) for c, t, y, _ in data if c.half == "tune" and c.spans and y.any()]
    return tune, group_weights([c for c, _, _ in tune], newsqa_weight) * len(tune)


def logistic(data: list, newsqa_weight: float) -> Scorer:
    x, y, w = stacked(*training_rows(data, newsqa_weight))
    fit = LogisticRegression(class_weight="balanced", max_iter=2000).fit(x, y, sample_weight=w)
    return lambda t: fit.decision_function(t)


def listwise(data: list, newsqa_weight: float, l2: float = 1.0) -> Scorer:
    """Softmax over each question's candidates; minimises -log(probability of the answers)."""
    tune, weights = training_rows(data, newsqa_weight)
    every = np.vstack([t for _, t, _ in tune])
    mean, spread = every.mean(axis=0), every.std(axis=0) + 1e-9
    scaled = [((t - mean) / spread, labels.astype(float)) for _, t, labels in tune]

    def loss(coef: np.ndarray) -> tuple[float, np.ndarray]:
        total, gradient = l2 * float(coef @ coef) / 2, l2 * coef
        for (z, labels), weight in zip(scaled, weights, strict=True):
            s = z @ coef
            p = np.exp(s - s.max())
            p /= p.sum()
            mass = float(p @ labels) + 1e-12
            total -= weight * np.log(mass)
            gradient = gradient - weight * ((p * labels) @ z / mass - p @ z)
        return total, gradient

    coef = minimize(loss, np.zeros(every.shape[1]), jac=True, method="L-BFGS-B").x
    return lambda t: ((t - mean) / spread) @ coef


def boosted(data: list, newsqa_weight: float, depth: int) -> Scorer:
    x, y, w = stacked(*training_rows(data, newsqa_weight))
    positive, negative = float(w[y].sum()), float(w[~y].sum())
    balanced = w * np.where(y, 0.5 / positive, 0.5 / negative) * len(y)
    fit = GradientBoostingClassifier(
        max_depth=depth, n_estimators=100, learning_rate=0.1, random_state=0
    ).fit(x, y, sample_weight=balanced)
    return lambda t: fit.decision_function(t)


def shipped(_: list, __: float) -> Scorer:
    model = open_rank.model()
    coef = np.asarray(model["coef"], dtype=np.float64)
    return lambda t: t @ coef + float(model["intercept"])  # type: ignore[arg-type]


def report(name: str, data: list, score: Scorer) -> None:
    cells = []
    for group, half in sorted({(c.group, c.half) for c, _, _, _ in data}):
        chosen = [(t, y) for c, t, y, _ in data
                  if c.group == group and c.half == half and c.spans and len(y)]  # fmt: skip
        first = top3 = 0
        for t, y in chosen:
            hits = np.flatnonzero(y[np.argsort(-score(t), kind="stable")])
            first += bool(len(hits)) and hits[0] == 0
            top3 += bool(len(hits)) and hits[0] < 3
        cells.append(f"{first / len(chosen):.3f}/{top3 / len(chosen):.3f}")
    print(f"  {name:<28}" + "".join(f"{cell:>23}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="the reader libraries' folder (eval_ask --keep)")
    args = parser.parse_args()
    data = [(c, open_rank.ranked(t), y, where)
            for c, t, y, where in ask_reader.in_libraries(args.keep, tables) if c.spans]  # fmt: skip
    columns = sorted({(c.group, c.half) for c, _, _, _ in data})
    print("answer first / in the first three, fitted on the tuning halves:")
    print(f"  {'learner':<28}" + "".join(f"{g[:16] + ' ' + h:>23}" for g, h in columns))
    learners: list[tuple[str, Callable[[list, float], Scorer], float]] = [
        ("shipped open_ranker.json", shipped, 0.3),
        ("logistic", logistic, 0.3),
        ("logistic, NewsQA weight 1", logistic, 1.0),
        ("listwise", listwise, 0.3),
        ("boosted trees, depth 2", lambda d, w: boosted(d, w, 2), 0.3),
        ("boosted trees, depth 3", lambda d, w: boosted(d, w, 3), 0.3),
    ]
    for name, learner, newsqa_weight in learners:
        report(name, data, learner(data, newsqa_weight))


if __name__ == "__main__":
    main()
