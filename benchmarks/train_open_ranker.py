"""Fit the open-question ranker (index/answer/open_ranker.json) on the tuning halves.

Run: python benchmarks/train_open_ranker.py [--keep DIR] [--write]

Every question of ask-dev and NewsQA is asked scoped to its article; its candidate passages and
their features come from `evidence.candidates_of`, exactly as /ask computes them. A logistic
regression (scikit-learn) learns which candidates overlap an answer span from the questions of
the tuning halves only (benchmarks/devsplit.py). The confidence threshold is the highest that
leaves at most HEDGED_SHARE of the tuning half's answerable questions hedged. Both halves are
reported; `--write` saves the coefficients as plain JSON into the package.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ask_reader
from sklearn.linear_model import LogisticRegression

from index.answer import evidence, open_rank

OUT = Path(__file__).resolve().parents[1] / "index" / "answer" / "open_ranker.json"
HEDGED_SHARE = 0.15


async def tables(folder: Path) -> list[tuple[ask_reader.ReaderCase, np.ndarray, np.ndarray]]:
    """(case, features, labels) for every question of both sets."""
    found = []
    for name, load in (("ask-dev", ask_reader.ask_dev), ("newsqa", ask_reader.newsqa)):
        rows, cases = load()
        library = await ask_reader.library_of(folder / f"{name}.db", rows)
        try:
            index = await library.guild_index(ask_reader.GUILD)
            for case in cases:
                scope = {(await library.resolve(ask_reader.GUILD, case.article)).id}
                _, candidates, table = evidence.candidates_of(case.question, index, scope)
                where = [index.passages.passage(row) for row, _ in candidates]
                labels = np.array(
                    [any(s < p.end and p.start < e for s, e in case.spans) for p in where]
                )
                found.append((case, table, labels))
        finally:
            await library.close()
    return found


def ranked_right(table: np.ndarray, labels: np.ndarray, coef: np.ndarray, b: float) -> int | None:
    if not len(labels):
        return None
    scores = table @ coef + b
    order = np.argsort(-scores, kind="stable")
    hits = np.flatnonzero(labels[order])
    return int(hits[0]) + 1 if len(hits) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="the reader libraries' folder (eval_ask --keep)")
    parser.add_argument("--write", action="store_true", help="save the model into the package")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument(
        "--newsqa-weight", type=float, default=0.3,
        help="NewsQA's total weight against ask-dev's 1 (its crowd questions favour the lead)",
    )
    args = parser.parse_args()
    if args.keep:
        data = asyncio.run(tables(args.keep))
    else:
        with tempfile.TemporaryDirectory() as folder:
            data = asyncio.run(tables(Path(folder)))
    tune = [(c, t, y) for c, t, y in data if c.half == "tune" and c.spans and len(y)]
    x = np.vstack([t for _, t, _ in tune])
    y = np.concatenate([labels for _, _, labels in tune])
    # Each set weighs as given, however many questions it has: NewsQA's crowd questions would
    # otherwise teach the ranker their habits (answers near the top) over the readers'.
    sizes = Counter(c.group == "newsqa" for c, _, _ in tune)
    share = {True: args.newsqa_weight, False: 1.0}
    weight = np.concatenate([np.full(len(labels), share[c.group == "newsqa"]
                                     / sizes[c.group == "newsqa"]) for c, _, labels in tune])
    fitted = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000).fit(
        x, y, sample_weight=weight * len(tune)
    )
    coef, b = fitted.coef_[0], float(fitted.intercept_[0])
    print(
        "coefficients:",
        dict(zip(open_rank.FEATURES, np.round(coef, 3), strict=True)),
        "intercept",
        round(b, 3),
    )
    p_of = {id(t): 1 / (1 + np.exp(-(t @ coef + b))) for _, t, _ in data}
    # Confidence: does the best candidate answer? Learned over the tuning half's questions,
    # unanswerable ones included (their best candidate never answers).
    conf_x = np.array([open_rank.confidence_features(t, p_of[id(t)]) for _, t, _ in data])
    conf_y = np.array([bool(len(y)) and ranked_right(t, y, coef, b) == 1 for _, t, y in data])
    in_tune = np.array([c.half == "tune" for c, _, _ in data])
    confidence = LogisticRegression(max_iter=2000).fit(conf_x[in_tune], conf_y[in_tune])
    sure_p = confidence.predict_proba(conf_x)[:, 1]
    answerable_tune = [k for k in np.flatnonzero(in_tune) if data[k][0].spans]
    tops = sorted(sure_p[answerable_tune])
    threshold = float(tops[int(HEDGED_SHARE * len(tops))])
    print(
        "confidence:",
        dict(zip(open_rank.CONFIDENCE, np.round(confidence.coef_[0], 3), strict=True)),
        f"at {threshold:.3f}",
    )
    print(
        f"  {'set':<18}{'half':<7}{'n':>5}{'first':>8}{'top3':>8}{'hedged':>8}"
        f"{'hedged right':>14}{'unans caught':>14}"
    )
    groups = sorted({(c.group, c.half) for c, _, _ in data})
    for group, half in groups:
        chosen = [k for k, (c, _, _) in enumerate(data) if c.group == group and c.half == half]
        answerable = [k for k in chosen if data[k][0].spans]
        ranks = {k: ranked_right(data[k][1], data[k][2], coef, b) for k in answerable}
        hedged = [k for k in answerable if sure_p[k] < threshold]
        caught = [k for k in chosen if not data[k][0].spans and sure_p[k] < threshold]
        unanswerable = len(chosen) - len(answerable)
        n = len(answerable) or 1
        print(
            f"  {group:<18}{half:<7}{len(answerable):>5}"
            f"{sum(r == 1 for r in ranks.values()) / n:>8.3f}"
            f"{sum(r is not None and r <= 3 for r in ranks.values()) / n:>8.3f}"
            f"{len(hedged) / n:>8.3f}{sum(ranks[k] == 1 for k in hedged) / n:>14.3f}"
            f"{len(caught) / (unanswerable or 1):>14.3f}"
        )
    if args.write:
        model = {
            "features": list(open_rank.FEATURES),
            "coef": [round(float(v), 5) for v in coef],
            "intercept": round(b, 5),
            "confidence": {
                "features": list(open_rank.CONFIDENCE),
                "coef": [round(float(v), 5) for v in confidence.coef_[0]],
                "intercept": round(float(confidence.intercept_[0]), 5),
                "at": round(threshold, 5),
            },
        }
        OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("written", OUT)


if __name__ == "__main__":
    main()
