"""Fit the open-question ranker (index/answer/open_ranker.json) on the tuning halves.

Run: python benchmarks/train_open_ranker.py [--keep DIR] [--write] [--hedged-share S]
     [--confidence-from full|lexical]

Every question of ask-dev and NewsQA is asked scoped to its article; its candidate passages and
their features come from `evidence.candidates_of`, exactly as /ask computes them. A logistic
regression (scikit-learn) learns which candidates overlap an answer span from the questions of
the tuning halves only (benchmarks/devsplit.py). A second regression over the question's
evidence (open_rank.CONFIDENCE) learns whether the first passage answers, with each set weighed
as the ranker weighs it; the best probability and lead it reads come from the ranker itself
("full") or from the same ranker fitted without the sentence model's gaps, semantic and late
("lexical"), both trade-offs
printed, the chosen one written. Its threshold is set on the reader questions (ask-dev), whose
answerable and unanswerable questions the hedge is for: the stated cost is "catch as many
unanswerable questions as possible while hedging at most HEDGED_SHARE of the answerable ones"
of the tuning half. The trade-off curve (answerable hedged against unanswerable caught) is
printed for both halves, with where each half's misranked answers stand (step 1 of issue 17)
and how often each feature alone puts the answer first, by layout (paragraphs or unbroken).
Everything is deterministic: the same data give the same JSON. `--write` saves it into the
package. To add a feature: append its name to open_rank.FEATURES and its column to
open_rank.features, then rerun with --write.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ask_reader
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from index.answer import open_rank

OUT = Path(__file__).resolve().parents[1] / "index" / "answer" / "open_ranker.json"
# The hedge's budget on answerable reader questions: the bar's 0.20. An unanswerable question
# answered without a hedge misleads; a right answer hedged only weakens it, so the hedge takes
# all the budget the bar allows.
HEDGED_SHARE = 0.20
# The thresholds the trade-off table prints.
CURVE = (0.0, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50)


Passages = list[tuple[int, int, int]]  # (paragraph, start, end) of each candidate


async def tables(
    folder: Path,
) -> list[tuple[ask_reader.ReaderCase, np.ndarray, np.ndarray, Passages]]:
    """(case, features, labels, candidate passages) for every question of both sets."""
    return [
        (case, table, labels, [(p.paragraph, p.start, p.end) for p in where])
        async for case, table, labels, where, _ in ask_reader.scoped_candidates(folder)
    ]


def ranked_right(table: np.ndarray, labels: np.ndarray, coef: np.ndarray, b: float) -> int | None:
    if not len(labels):
        return None
    scores = table @ coef + b
    order = np.argsort(-scores, kind="stable")
    hits = np.flatnonzero(labels[order])
    return int(hits[0]) + 1 if len(hits) else None


def where_missed(
    table: np.ndarray, labels: np.ndarray, where: Passages, coef: np.ndarray, b: float
) -> str:
    """Why the answer is not first: "first", "missing" (no candidate holds it), or where the
    nearest answering candidate stands against the first: "next window" (the window just
    before or after it in the article), "same paragraph", or "elsewhere"."""
    rank = ranked_right(table, labels, coef, b)
    if rank is None:
        return "missing"
    if rank == 1:
        return "first"
    top = int(np.argmax(table @ coef + b))
    by_start = sorted(range(len(where)), key=lambda i: where[i][1])
    at = by_start.index(top)
    beside = [by_start[j] for j in (at - 1, at + 1) if 0 <= j < len(by_start)]
    if any(labels[i] for i in beside):
        return "next window"
    if any(labels[i] and where[i][0] == where[top][0] for i in range(len(where))):
        return "same paragraph"
    return "elsewhere"


def group_weights(cases: list[ask_reader.ReaderCase], newsqa_weight: float) -> np.ndarray:
    """One weight per question: each set weighs as given in total, however many questions it
    has (NewsQA's crowd questions would otherwise teach their habits over the readers')."""
    sizes = Counter(c.group == "newsqa" for c in cases)
    share = {True: newsqa_weight, False: 1.0}
    return np.array([share[c.group == "newsqa"] / sizes[c.group == "newsqa"] for c in cases])


def stacked(tune: list, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stack questions' (case, features, labels) rows, each row given its question's weight."""
    x = np.vstack([t for _, t, _ in tune])
    y = np.concatenate([labels for _, _, labels in tune])
    w = np.concatenate(
        [np.full(len(labels), q) for (_, _, labels), q in zip(tune, weights, strict=True)]
    )
    return x, y, w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="the reader libraries' folder (eval_ask --keep)")
    parser.add_argument("--write", action="store_true", help="save the model into the package")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument(
        "--newsqa-weight",
        type=float,
        default=0.3,
        help="NewsQA's total weight against ask-dev's 1 (its crowd questions favour the lead)",
    )
    parser.add_argument(
        "--hedged-share",
        type=float,
        default=HEDGED_SHARE,
        help="the hedge's budget on the tuning half's answerable reader questions",
    )
    parser.add_argument(
        "--confidence-from",
        choices=("full", "lexical"),
        default="lexical",
        help="the hedge reads the best probability and lead of the whole ranker or its lexical part",
    )
    args = parser.parse_args()
    data = ask_reader.in_libraries(args.keep, tables)
    tune = [(c, t, y) for c, t, y, _ in data if c.half == "tune" and c.spans and len(y)]
    x, y, weight = stacked(tune, group_weights([c for c, _, _ in tune], args.newsqa_weight))
    fitted = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000).fit(
        x, y, sample_weight=weight * len(tune)
    )
    coef, b = fitted.coef_[0], float(fitted.intercept_[0])
    # The same ranker without the sentence model's gaps (semantic, late), which the hedge may
    # read (open_rank.sure) and which ranks library-wide questions.
    lexical_fit = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000).fit(
        open_rank.without_meaning(x), y, sample_weight=weight * len(tune)
    )
    lexical_coef, lexical_b = lexical_fit.coef_[0], float(lexical_fit.intercept_[0])
    print(
        "coefficients:",
        dict(zip(open_rank.FEATURES, np.round(coef, 3), strict=True)),
        "intercept",
        round(b, 3),
    )
    report_misses(data, coef, b)
    report_single_features(data, coef, b)
    # Confidence: does the best candidate answer? Learned over the tuning half's questions,
    # unanswerable ones included (their best candidate never answers), each set weighed as the
    # ranker weighs it. Fitted twice, its probability and lead read from the whole ranker and
    # from its lexical part (the semantic gap left out); both trade-offs are printed.
    fits = {
        source: fit_confidence(data, (coef, b), (lexical_coef, lexical_b), source, args)
        for source in ("full", "lexical")
    }
    for source, (_, other_p, at, _) in fits.items():
        if source != args.confidence_from:
            print(f"\n[not chosen] confidence from the {source} ranker:")
            report_curve(data, other_p, at)
    conf_x, sure_p, threshold, confidence = fits[args.confidence_from]
    print(
        f"\nconfidence (from the {args.confidence_from} ranker):",
        dict(zip(open_rank.CONFIDENCE, np.round(confidence.coef_[0], 3), strict=True)),
        f"at {threshold:.3f}",
    )
    report_separation(data, conf_x, sure_p)
    report_curve(data, sure_p, threshold)
    print(
        f"  {'set':<18}{'half':<7}{'n':>5}{'first':>8}{'top3':>8}{'hedged':>8}"
        f"{'hedged right':>14}{'unans caught':>14}"
    )
    groups = sorted({(c.group, c.half) for c, _, _, _ in data})
    for group, half in groups:
        chosen = [k for k, (c, _, _, _) in enumerate(data) if c.group == group and c.half == half]
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
            "lexical": {
                "coef": [round(float(v), 5) for v in lexical_coef],
                "intercept": round(lexical_b, 5),
            },
            "confidence": {
                "features": list(open_rank.CONFIDENCE),
                "from": args.confidence_from,
                "coef": [round(float(v), 5) for v in confidence.coef_[0]],
                "intercept": round(float(confidence.intercept_[0]), 5),
                "at": round(threshold, 5),
            },
        }
        OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("written", OUT)


def fit_confidence(
    data: list,
    ranker: tuple[np.ndarray, float],
    lexical_ranker: tuple[np.ndarray, float],
    source: str,
    args: argparse.Namespace,
) -> tuple[np.ndarray, np.ndarray, float, LogisticRegression]:
    """The confidence regression over the evidence of the `source` ranker ("full", or
    "lexical": fitted without the semantic gap), learning whether that ranker's first passage
    answers. Returns (evidence, probability, threshold, model)."""
    coef, b = ranker if source == "full" else lexical_ranker
    reads = (lambda t: t) if source == "full" else open_rank.without_meaning
    asked = [k for k, (_, t, _, _) in enumerate(data) if len(t)]
    conf_x = np.zeros((len(data), len(open_rank.CONFIDENCE)))
    for k in asked:
        _, t, _, _ = data[k]
        conf_x[k] = open_rank.confidence_features(t, 1 / (1 + np.exp(-(reads(t) @ coef + b))))
    conf_y = np.array(
        [bool(len(y)) and ranked_right(reads(t), y, coef, b) == 1 for _, t, y, _ in data]
    )
    fit_on = [k for k in asked if data[k][0].half == "tune"]
    confidence = LogisticRegression(max_iter=2000).fit(
        conf_x[fit_on], conf_y[fit_on],
        sample_weight=group_weights([data[k][0] for k in fit_on], args.newsqa_weight)
        * len(fit_on),
    )  # fmt: skip
    sure_p = np.zeros(len(data))
    sure_p[asked] = confidence.predict_proba(conf_x[asked])[:, 1]
    readers = [k for k in asked if data[k][0].group != "newsqa" and data[k][0].half == "tune"]
    threshold = hedge_threshold([sure_p[k] for k in readers if data[k][0].spans], args.hedged_share)
    return conf_x, sure_p, threshold, confidence


def hedge_threshold(answerable: list[float], share: float) -> float:
    """The highest threshold that hedges at most `share` of these answerable questions."""
    tops = sorted(answerable)
    return float(tops[int(share * len(tops))])


def report_misses(data: list, coef: np.ndarray, b: float) -> None:
    """Where the answer stands when it is not first, per set and half, and how often it is
    first in articles with paragraphs against unbroken ones (one paragraph cut into windows)."""
    kinds = ("first", "next window", "same paragraph", "elsewhere", "missing")
    ranks = ("1", "2-3", "lower", "missing")
    print("\nwhere the answer stands (answerable questions):")
    print(f"  {'set':<18}{'half':<7}{'n':>5}" + "".join(f"{k:>9}" for k in ranks[1:])
          + "".join(f"{k:>16}" for k in kinds[1:4])
          + f"{'first, paragraphs':>19}{'first, unbroken':>17}")  # fmt: skip
    for group, half in sorted({(c.group, c.half) for c, _, _, _ in data}):
        chosen = [d for d in data if d[0].group == group and d[0].half == half and d[0].spans]
        rank_of = Counter()
        where_of = Counter()
        layout: dict[bool, list[bool]] = {True: [], False: []}
        for _, t, y, where in chosen:
            r = ranked_right(t, y, coef, b)
            layout[len({paragraph for paragraph, _, _ in where}) == 1].append(r == 1)
            rank_of[
                "missing" if r is None else "1" if r == 1 else "2-3" if r <= 3 else "lower"
            ] += 1
            where_of[where_missed(t, y, where, coef, b)] += 1
        print(f"  {group:<18}{half:<7}{len(chosen):>5}"
              + "".join(f"{rank_of[k]:>9}" for k in ranks[1:])
              + "".join(f"{where_of[k]:>16}" for k in kinds[1:4])
              + "".join(f"{f'{sum(v)}/{len(v)}':>{w}}"
                        for v, w in ((layout[False], 19), (layout[True], 17))))  # fmt: skip


def report_single_features(data: list, coef: np.ndarray, b: float) -> None:
    """How often the answer is first when the reader questions' candidates are ordered by one
    feature alone, beside the model, per style, half and layout (paragraphs or unbroken), and
    "any": how often at least one feature's own first candidate answers. A layout where even
    "any" is low lacks evidence, not weighting: no refit of these features will fix it."""
    # "typed" is the same for every candidate of a question: alone it orders nothing.
    alone = [n for n in open_rank.FEATURES if n != "typed"]
    names = [*alone, "model", "any"]
    print("\nanswer first by one feature alone (reader questions):")
    print(
        f"  {'set':<18}{'half':<7}{'layout':<12}{'n':>4}" + "".join(f"{n[:10]:>11}" for n in names)
    )
    for group, half in sorted({(c.group, c.half) for c, _, _, _ in data if c.group != "newsqa"}):
        for unbroken in (False, True):
            chosen = [(t, y) for c, t, y, where in data
                      if c.group == group and c.half == half and c.spans and len(y)
                      and (len({p for p, _, _ in where}) == 1) == unbroken]  # fmt: skip
            if not chosen:
                continue
            hits = Counter()
            for t, y in chosen:
                column = open_rank.FEATURES.index
                firsts = {n: bool(y[np.argmax(t[:, column(n)])]) for n in alone}
                hits.update(n for n, hit in firsts.items() if hit)
                hits["model"] += ranked_right(t, y, coef, b) == 1
                hits["any"] += any(firsts.values())
            layout = "unbroken" if unbroken else "paragraphs"
            print(f"  {group:<18}{half:<7}{layout:<12}{len(chosen):>4}"
                  + "".join(f"{hits[n]:>11}" for n in names))  # fmt: skip


def report_separation(data: list, conf_x: np.ndarray, sure_p: np.ndarray) -> None:
    """How well each confidence feature (and the fitted confidence) tells answerable reader
    questions from unanswerable ones: the ROC AUC per half (0.5 is chance; below 0.5 the
    unanswerable ones score higher)."""
    print("\nanswerable against unanswerable ask-dev questions, ROC AUC (tune / check):")
    columns = [*zip(open_rank.CONFIDENCE, conf_x.T, strict=True), ("fitted", sure_p)]
    for name, values in columns:
        cells = []
        for half in ("tune", "check"):
            ks = [k for k, d in enumerate(data) if d[0].group != "newsqa" and d[0].half == half]
            answerable = [bool(data[k][0].spans) for k in ks]
            cells.append(f"{roc_auc_score(answerable, values[ks]):.3f}")
        print(f"  {name:<12}" + " / ".join(cells))


def report_curve(data: list, sure_p: np.ndarray, chosen: float) -> None:
    """Answerable reader questions hedged against unanswerable ones caught, per half, as the
    threshold moves (set by the tuning half's hedged share; the chosen one is marked)."""
    print("\nhedge trade-off on ask-dev (threshold set by the tuning half's answerable hedged):")
    print(
        f"  {'tune hedged':>12}{'threshold':>11}"
        + "".join(f"{h + ' ' + m:>18}" for h in ("tune", "check") for m in ("hedged", "caught"))
    )
    tune_answerable = [sure_p[k] for k, d in enumerate(data)
                       if d[0].group != "newsqa" and d[0].half == "tune" and d[0].spans]  # fmt: skip
    for share in sorted({*CURVE, HEDGED_SHARE}):
        at = hedge_threshold(tune_answerable, share) if share < 1 else 1.0
        cells = []
        for half in ("tune", "check"):
            ks = [k for k, d in enumerate(data) if d[0].group != "newsqa" and d[0].half == half]
            answerable = [k for k in ks if data[k][0].spans]
            unanswerable = [k for k in ks if not data[k][0].spans]
            cells += [
                sum(sure_p[k] < at for k in answerable) / (len(answerable) or 1),
                sum(sure_p[k] < at for k in unanswerable) / (len(unanswerable) or 1),
            ]
        mark = " <- chosen" if at == chosen else ""
        print(f"  {share:>12.2f}{at:>11.3f}" + "".join(f"{v:>18.3f}" for v in cells) + mark)


if __name__ == "__main__":
    main()
