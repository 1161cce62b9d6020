"""Fit the open-question ranker (index/answer/open_ranker.json) on the tuning halves.

Run: python benchmarks/train_open_ranker.py [--keep DIR] [--write] [--hedged-share S]
     [--meaning-hedged-share S] [--newsqa-hedged-share S] [--made-weight W] [--monotone A,B]

Every question of ask-dev, NewsQA and NewsQA without its answers (benchmarks/without_answers.py,
"newsqa-cut": the same questions asked of their stories with the answering sentences taken out)
is asked scoped to its article; its candidate passages and their features come from
`evidence.candidates_of`, exactly as /ask computes them. A logistic regression (scikit-learn)
learns which candidates overlap an answer span from the questions of the tuning halves only
(benchmarks/devsplit.py). Second regressions over the question's evidence learn whether the
ranker's first passage answers (the hedge, open_rank.sure), on the tuning halves, unanswerable
questions included, each set weighed as the ranker weighs it:
- chosen, written: the lexical ranker's evidence (open_rank.CONFIDENCE), learned from ask-dev and
  NewsQA, its threshold the highest that hedges at most HEDGED_SHARE of the tuning half's
  answerable reader questions (ask-dev), whose answerable and unanswerable questions the hedge
  is for;
- not chosen, printed: the whole ranker's evidence with the best passage's levels of meaning
  (open_rank.MEANING_CONFIDENCE), standardized, learned from ask-dev and from NewsQA paired with
  its answerless copies (MADE_WEIGHT), the coefficients named by --monotone kept ≥ 0, its
  threshold held at MEANING_HEDGED_SHARE of ask-dev's and NEWSQA_HEDGED_SHARE of NewsQA's
  answerable questions (why not chosen: the README's /ask row).
The trade-off curve (answerable hedged against unanswerable caught) is printed for both halves,
with where each half's misranked answers stand (step 1 of issue 17) and how often each feature
alone puts the answer first, by layout (paragraphs or unbroken).
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
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from index.answer import open_rank

OUT = Path(__file__).resolve().parents[1] / "index" / "answer" / "open_ranker.json"
# The hedge's budget on answerable reader questions: the bar's 0.20. An unanswerable question
# answered without a hedge misleads; a right answer hedged only weakens it, so the hedge takes
# all the budget the bar allows.
HEDGED_SHARE = 0.20
# The budgets of the hedge over the levels of meaning (not chosen): well under the bar on the
# reader questions, and the bar held on NewsQA's, whose crowd questions it would hedge more.
MEANING_HEDGED_SHARE = 0.10
NEWSQA_HEDGED_SHARE = 0.20
# Each set's total weight in the fits against ask-dev's 1: NewsQA's crowd questions would
# otherwise teach their habits over the readers'; its answerless copies weigh 0.1 in the hedge
# over the levels of meaning (0.1, 0.3 and 1 tried: 0.1 caught the most on the tuning half).
NEWSQA_WEIGHT = 0.3
MADE_WEIGHT = 0.1
MADE = "newsqa-cut"
# The evidence of the hedge over the levels of meaning whose coefficients are kept ≥ 0 unless
# told (monotone_logistic): none.
MONOTONE: tuple[str, ...] = ()
# The thresholds the trade-off table prints.
CURVE = (0.0, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50)


Passages = list[tuple[int, int, int]]  # (paragraph, start, end) of each candidate


async def tables(
    folder: Path,
) -> list[tuple[ask_reader.ReaderCase, np.ndarray, np.ndarray, Passages]]:
    """(case, rows, labels, candidate passages) for every question of the three sets."""
    return [
        (case, table, labels, [(p.paragraph, p.start, p.end) for p in where])
        async for case, table, labels, where, _ in ask_reader.scoped_candidates(
            folder, ask_reader.SETS
        )
    ]


def ranked_right(table: np.ndarray, labels: np.ndarray, coef: np.ndarray, b: float) -> int | None:
    if not len(labels):
        return None
    scores = table[:, : len(coef)] @ coef + b
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
    top = int(np.argmax(table[:, : len(coef)] @ coef + b))
    by_start = sorted(range(len(where)), key=lambda i: where[i][1])
    at = by_start.index(top)
    beside = [by_start[j] for j in (at - 1, at + 1) if 0 <= j < len(by_start)]
    if any(labels[i] for i in beside):
        return "next window"
    if any(labels[i] and where[i][0] == where[top][0] for i in range(len(where))):
        return "same paragraph"
    return "elsewhere"


def group_weights(
    cases: list[ask_reader.ReaderCase], newsqa_weight: float, made_weight: float = MADE_WEIGHT
) -> np.ndarray:
    """One weight per question: each set (ask-dev, NewsQA, its answerless copies) weighs as
    given in total, however many questions it has."""
    sets = [c.group if c.group in ("newsqa", MADE) else "ask-dev" for c in cases]
    sizes, share = Counter(sets), {"ask-dev": 1.0, "newsqa": newsqa_weight, MADE: made_weight}
    return np.array([share[name] / sizes[name] for name in sets])


def stacked(tune: list, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stack questions' (case, features, labels) rows, each row given its question's weight."""
    x = np.vstack([open_rank.ranked(t) for _, t, _ in tune])
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
        default=NEWSQA_WEIGHT,
        help="NewsQA's total weight against ask-dev's 1 (its crowd questions favour the lead)",
    )
    parser.add_argument("--made-weight", type=float, default=MADE_WEIGHT,
                        help="the answerless NewsQA copies' total weight in the meaning hedge")  # fmt: skip
    parser.add_argument(
        "--hedged-share",
        type=float,
        default=HEDGED_SHARE,
        help="the hedge's budget on the tuning half's answerable reader questions",
    )
    parser.add_argument("--meaning-hedged-share", type=float, default=MEANING_HEDGED_SHARE,
                        help="the meaning hedge's budget on answerable ask-dev questions")
    parser.add_argument("--newsqa-hedged-share", type=float, default=NEWSQA_HEDGED_SHARE,
                        help="the meaning hedge's budget on answerable NewsQA questions")  # fmt: skip
    parser.add_argument("--monotone", default=",".join(MONOTONE),
                        help="the meaning hedge's evidence whose coefficients stay ≥ 0 (A,B,...)")  # fmt: skip
    args = parser.parse_args()
    args.monotone = set(filter(None, args.monotone.split(",")))
    data = ask_reader.in_libraries(args.keep, tables)
    tune = [(c, t, y) for c, t, y, _ in data if c.half == "tune" and c.spans and len(y)]
    x, y, weight = stacked(tune, group_weights([c for c, _, _ in tune], args.newsqa_weight))
    fitted = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000).fit(
        x, y, sample_weight=weight * len(tune)
    )
    coef, b = fitted.coef_[0], float(fitted.intercept_[0])
    # The same ranker without the sentence model's columns, which ranks library-wide questions.
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
    answered = [d for d in data if d[0].group != MADE]
    report_misses(answered, coef, b)
    report_single_features(answered, coef, b)
    # Not chosen: the hedge over the levels of meaning, read from the whole ranker.
    hedge(data, (coef, b), open_rank.MEANING_CONFIDENCE, args,
          "[not chosen] confidence with the levels of meaning (from the whole ranker)")  # fmt: skip
    # Chosen: the lexical ranker's evidence, learned from the real questions only.
    _, sure_p, threshold, confidence = hedge(
        data, (lexical_coef, lexical_b), open_rank.CONFIDENCE, args,
        "confidence (from the lexical ranker)",
    )  # fmt: skip
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
            "confidence": written(open_rank.CONFIDENCE, "lexical", confidence, threshold),
        }
        OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print("written", OUT)


def written(names: tuple[str, ...], source: str, fit: tuple[np.ndarray, float], at: float) -> dict:
    """A hedge's block of open_ranker.json."""
    return {
        "features": list(names),
        "from": source,
        "coef": [round(float(v), 5) for v in fit[0]],
        "intercept": round(fit[1], 5),
        "at": round(at, 5),
    }


def hedge(data: list, ranker: tuple, names: tuple[str, ...], args: argparse.Namespace,
          title: str) -> tuple:
    """Fit a hedge over the evidence `names` (fit_confidence), print its coefficients, how well
    it separates answerable from unanswerable questions and its trade-off curve; return the fit."""
    evidence, probability, threshold, fit = fit_confidence(data, ranker, names, args)
    print(f"\n{title}:", dict(zip(names, np.round(fit[0], 3), strict=True)),
          f"at {threshold:.3f}")  # fmt: skip
    report_separation(data, evidence, probability, names)
    report_curve(data, probability, threshold)
    return evidence, probability, threshold, fit


def fit_confidence(
    data: list,
    ranker: tuple[np.ndarray, float],
    names: tuple[str, ...],
    args: argparse.Namespace,
) -> tuple[np.ndarray, np.ndarray, float, tuple[np.ndarray, float]]:
    """The hedge's regression over the evidence `names` of a ranker (the lexical one over rows
    without the sentence model's columns for CONFIDENCE, else the whole one), learning whether
    the ranker's first passage answers. The lexical hedge keeps its recipe (raw evidence, the
    real questions only, its threshold set on ask-dev); the one over the levels of meaning reads
    standardized evidence, folded back into the coefficients, its threshold held on NewsQA too.
    Returns (evidence, probability, threshold, (coef, intercept) over the raw evidence)."""
    coef, b = ranker
    lexical = names == open_rank.CONFIDENCE
    reads = open_rank.without_meaning if lexical else open_rank.ranked
    asked = [k for k, (_, t, _, _) in enumerate(data) if len(t)]
    conf_x = np.zeros((len(data), len(names)))
    for k in asked:
        t = data[k][1]
        probability = 1 / (1 + np.exp(-(reads(t) @ coef + b)))
        conf_x[k] = open_rank.confidence_features(t, probability, names)
    conf_y = np.array(
        [bool(len(y)) and ranked_right(reads(t), y, coef, b) == 1 for _, t, y, _ in data]
    )
    # The lexical hedge keeps its recipe: learned from the real questions only.
    fit_on = [k for k in asked if data[k][0].half == "tune"
              and not (lexical and data[k][0].group == MADE)]  # fmt: skip
    mean, scale = np.zeros(len(names)), np.ones(len(names))
    if not lexical:
        mean, scale = conf_x[fit_on].mean(axis=0), conf_x[fit_on].std(axis=0) + 1e-9
    weights = group_weights([data[k][0] for k in fit_on], args.newsqa_weight, args.made_weight)
    z, sample_weight = (conf_x[fit_on] - mean) / scale, weights * len(fit_on)
    if lexical:
        fitted = LogisticRegression(max_iter=2000).fit(z, conf_y[fit_on], sample_weight=sample_weight)
        coef_z, b_z = fitted.coef_[0], float(fitted.intercept_[0])
    else:
        coef_z, b_z = monotone_logistic(z, conf_y[fit_on], sample_weight, names, args.monotone)
    raw_coef = coef_z / scale
    raw_b = float(b_z - raw_coef @ mean)
    sure_p = np.zeros(len(data))
    sure_p[asked] = 1 / (1 + np.exp(-(conf_x[asked] @ raw_coef + raw_b)))

    def answerable(group: str) -> list[float]:
        return [sure_p[k] for k in fit_on if data[k][0].spans and (data[k][0].group == "newsqa")
                == (group == "newsqa")]  # fmt: skip

    if lexical:
        threshold = hedge_threshold(answerable("ask-dev"), args.hedged_share)
    else:
        threshold = min(hedge_threshold(answerable("ask-dev"), args.meaning_hedged_share),
                        hedge_threshold(answerable("newsqa"), args.newsqa_hedged_share))  # fmt: skip
    return conf_x, sure_p, threshold, (raw_coef, raw_b)


def monotone_logistic(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, names: tuple[str, ...], rising: set[str]
) -> tuple[np.ndarray, float]:
    """LogisticRegression's own fit (L2, C = 1) with the coefficients of `rising` kept ≥ 0: more
    of that evidence never makes the hedge less sure. ask-dev's unanswerable questions reuse the
    article's words while its answerable ones reword, so an unconstrained fit learns that sharing
    words makes an answer less sure, and calls a question that shares no word with the article
    sure."""

    def loss(v: np.ndarray) -> tuple[float, np.ndarray]:
        logits = x @ v[:-1] + v[-1]
        error = weight * (1 / (1 + np.exp(-logits)) - y)
        total = float(weight @ (np.logaddexp(0, logits) - y * logits) + v[:-1] @ v[:-1] / 2)
        return total, np.concatenate([x.T @ error + v[:-1], [error.sum()]])

    bounds = [(0.0, None) if name in rising else (None, None) for name in names] + [(None, None)]
    found = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return found.x[:-1], float(found.x[-1])


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


# The sets the hedge is judged on: ask-dev's natural questions, all of ask-dev, and NewsQA beside
# its answerless copies (the same questions, answerable against not).
JUDGED = (
    ("natural", lambda c: c.group == "natural"),
    ("ask-dev", lambda c: c.group not in ("newsqa", MADE)),
    ("newsqa+cut", lambda c: c.group in ("newsqa", MADE)),
)


def report_separation(
    data: list, conf_x: np.ndarray, sure_p: np.ndarray, names: tuple[str, ...]
) -> None:
    """How well each confidence feature (and the fitted confidence) tells answerable questions
    from unanswerable ones: the ROC AUC per set and half (0.5 is chance; below 0.5 the
    unanswerable ones score higher)."""
    print("\nanswerable against unanswerable, ROC AUC (tune / check):")
    print(f"  {'':<14}" + "".join(f"{name:>16}" for name, _ in JUDGED))
    for name, values in [*zip(names, conf_x.T, strict=True), ("fitted", sure_p)]:
        cells = []
        for _, wanted in JUDGED:
            aucs = []
            for half in ("tune", "check"):
                ks = [k for k, d in enumerate(data) if wanted(d[0]) and d[0].half == half]
                aucs.append(f"{roc_auc_score([bool(data[k][0].spans) for k in ks], values[ks]):.3f}")
            cells.append(" / ".join(aucs))
        print(f"  {name:<14}" + "".join(f"{cell:>16}" for cell in cells))


def report_curve(data: list, sure_p: np.ndarray, chosen: float) -> None:
    """Answerable questions hedged against unanswerable ones caught, per set and half, as the
    threshold moves (set by the tuning half's answerable ask-dev hedged; the chosen one is
    marked, and printed first when it is none of the curve's)."""
    print("\nhedge trade-off, hedged / caught, tune; check (threshold set by the tuning half's"
          " answerable ask-dev hedged):")  # fmt: skip
    print(f"  {'tune hedged':>12}{'threshold':>11}" + "".join(f"{n:>26}" for n, _ in JUDGED))
    tune_answerable = [sure_p[k] for k, d in enumerate(data)
                       if JUDGED[1][1](d[0]) and d[0].half == "tune" and d[0].spans]  # fmt: skip
    points = [(share, hedge_threshold(tune_answerable, share)) for share in CURVE]
    if chosen not in {at for _, at in points}:
        points.insert(0, (sum(p < chosen for p in tune_answerable) / len(tune_answerable), chosen))
    for share, at in points:
        cells = []
        for _, wanted in JUDGED:
            halves = []
            for half in ("tune", "check"):
                ks = [k for k, d in enumerate(data) if wanted(d[0]) and d[0].half == half]
                answerable = [k for k in ks if data[k][0].spans]
                unanswerable = [k for k in ks if not data[k][0].spans]
                halves.append(f"{sum(sure_p[k] < at for k in answerable) / (len(answerable) or 1):.2f}"
                              f"/{sum(sure_p[k] < at for k in unanswerable) / (len(unanswerable) or 1):.2f}")  # fmt: skip
            cells.append("; ".join(halves))
        mark = " <- chosen" if at == chosen else ""
        print(f"  {share:>12.2f}{at:>11.3f}" + "".join(f"{c:>26}" for c in cells) + mark)


if __name__ == "__main__":
    main()
