"""Measure semantic similarity as a signal for open questions (issue 17) before it is trusted.

Run: python benchmarks/eval_semantic.py [--keep DIR]

Every reader question (ask-dev by style, NewsQA) is asked scoped to its article; its candidate
windows and their features come from `evidence.candidates_of`, exactly as /ask computes them.
Per group and half, the answering window's rank among them is scored (first, top three) for:
- `semantic`: the cosine of the question's and the window's embeddings (index/answer/semantic.py);
- `ranker`: the shipped open ranker (index/answer/open_ranker.json);
- `rrf`: reciprocal-rank fusion of the two orders (k = 60, no weights to fit);
- `refit` / `refit+sem`: the ranker's logistic regression fitted again on the tuning halves
  (as benchmarks/train_open_ranker.py does), without and with one more feature, each window's
  cosine less the best window's (`semantic.gap_to_closest`), so the two differ by it alone.
  (Tried on the tuning half: the raw cosine, its share of the best, a z-score and a rank; the
  gap did best there.)
A signal earns its place only if it helps the checking half too. Also reported: whether the best
cosine separates unanswerable questions from answerable ones (ROC AUC, for hedging), and what
the embedding costs per question (one question and its article's windows, model warm).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ask_reader
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from index.answer import late_interaction, open_rank, semantic

RRF_K = 60
NEWSQA_WEIGHT = 0.3  # as train_open_ranker.py: NewsQA weighs 0.3 against ask-dev's 1


@dataclass
class Asked:
    case: ask_reader.ReaderCase
    table: np.ndarray  # open_rank features per candidate window
    labels: np.ndarray  # whether each window overlaps an answer span
    texts: list[str]  # each window's words
    question_ms: float = 0.0  # the semantic signal's cost for this question
    cosine: np.ndarray | None = None


async def collect(folder: Path) -> list[Asked]:
    """Every question of both sets with its candidate windows, their features and words."""
    return [
        Asked(case, table, labels, texts)
        async for case, table, labels, _, texts in ask_reader.scoped_candidates(folder)
    ]


def embed_all(
    data: list[Asked],
    similarity: Callable[[str, list[str]], np.ndarray | None],
    forget: Callable[[], None] = lambda: None,
) -> None:
    """Fill each question's cosines, timing each question (the model already loaded; `forget`
    empties the passage vectors kept, so the time is that of a first question on an article)."""
    similarity("warm up", ["the model loads once"])
    for asked in data:
        forget()
        start = time.perf_counter()
        cosine = similarity(asked.case.question, asked.texts)
        asked.question_ms = (time.perf_counter() - start) * 1000
        asked.cosine = np.zeros(len(asked.texts)) if cosine is None else np.asarray(cosine)


def rank_of(scores: np.ndarray, labels: np.ndarray) -> int | None:
    order = np.argsort(-scores, kind="stable")
    hits = np.flatnonzero(labels[order])
    return int(hits[0]) + 1 if len(hits) else None


def rrf(*scores: np.ndarray) -> np.ndarray:
    fused = np.zeros(len(scores[0]))
    for score in scores:
        ranks = np.empty(len(score))
        ranks[np.argsort(-score, kind="stable")] = np.arange(1, len(score) + 1)
        fused += 1.0 / (RRF_K + ranks)
    return fused


def refit(
    data: list[Asked], columns: Callable[[Asked], np.ndarray]
) -> Callable[[Asked], np.ndarray]:
    """Fit the ranker's regression on the tuning halves' answerable questions, weighted as
    train_open_ranker.py weighs them; return the scorer it gives."""
    tune = [a for a in data if a.case.half == "tune" and a.case.spans and len(a.labels)]
    x = np.vstack([columns(a) for a in tune])
    y = np.concatenate([a.labels for a in tune])
    sizes = Counter(a.case.group == "newsqa" for a in tune)
    share = {True: NEWSQA_WEIGHT, False: 1.0}
    weight = np.concatenate(
        [np.full(len(a.labels), share[a.case.group == "newsqa"] / sizes[a.case.group == "newsqa"])
         for a in tune]
    )  # fmt: skip
    fitted = LogisticRegression(class_weight="balanced", max_iter=2000)
    fitted.fit(x, y, sample_weight=weight * len(tune))
    coef, b = fitted.coef_[0], float(fitted.intercept_[0])
    return lambda a: columns(a) @ coef + b


def lexical(asked: Asked) -> np.ndarray:
    """The ranker's own features."""
    return open_rank.ranked(asked.table)


def with_semantic(asked: Asked) -> np.ndarray:
    """The ranker's features and one more: each window's cosine less the closest window's."""
    assert asked.cosine is not None
    return np.column_stack([lexical(asked), semantic.gap_to_closest(asked.cosine)])


def report(data: list[Asked]) -> None:
    refit_plain = refit(data, lexical)
    refit_sem = refit(data, with_semantic)
    systems: dict[str, Callable[[Asked], np.ndarray]] = {
        "semantic": lambda a: a.cosine,
        "ranker": lambda a: open_rank.probabilities(a.table),
        "rrf": lambda a: rrf(refit_plain(a), a.cosine),
        "refit": refit_plain,
        "refit+sem": refit_sem,
    }
    ranks: dict[tuple[str, str, str], list[int | None]] = defaultdict(list)
    for asked in data:
        if not asked.case.spans or not len(asked.labels):
            continue
        group = asked.case.group
        for system, score in systems.items():
            rank = rank_of(score(asked), asked.labels)
            for key in {(group, asked.case.half), (group, "both")}:
                ranks[(system, *key)].append(rank)
            if group != "newsqa":
                for part in (asked.case.half, "both"):
                    ranks[(system, "ask-dev", part)].append(rank)
    groups = ["natural", "paraphrase-bbc", "paraphrase-cnndm", "ask-dev", "newsqa"]
    print(f"\nfirst / top3 by group and half ({', '.join(systems)})")
    print(f"  {'group':<18}{'half':<7}{'n':>5}" + "".join(f"{s:>16}" for s in systems))
    for group in groups:
        for part in ("tune", "check", "both"):
            n = len(ranks["ranker", group, part])
            if not n:
                continue
            cells = ""
            for system in systems:
                got = ranks[system, group, part]
                first = sum(r == 1 for r in got) / n
                top3 = sum(r is not None and r <= 3 for r in got) / n
                cells += f"{first:>9.3f} /{top3:>5.2f}"
            print(f"  {group:<18}{part:<7}{n:>5}{cells}")
    print("\nunanswerable vs answerable: ROC AUC of minus the best cosine (1.0 separates them)")
    for part in ("tune", "check", "both"):
        chosen = [
            a
            for a in data
            if a.case.group != "newsqa" and len(a.labels) and part in (a.case.half, "both")
        ]
        best = np.array([float(a.cosine.max()) for a in chosen])  # type: ignore[union-attr]
        unanswerable = np.array([not a.case.spans for a in chosen])
        print(
            f"  ask-dev {part:<6} unanswerable {int(unanswerable.sum()):>3}"
            f"  best cosine median answerable {np.median(best[~unanswerable]):.3f}"
            f" unanswerable {np.median(best[unanswerable]):.3f}"
            f"  AUC {roc_auc_score(unanswerable, -best):.3f}"
        )
    costs = sorted(a.question_ms for a in data)
    windows = [len(a.texts) for a in data]
    print(
        f"\ncost per question, the article's passages not yet embedded (model loaded,"
        f" {len(costs)} questions, median {statistics.median(windows):.0f} passages):"
        f" median {statistics.median(costs):.0f} ms, p95 {costs[int(0.95 * len(costs))]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="the reader libraries' folder (eval_ask --keep)")
    args = parser.parse_args()
    data = ask_reader.in_libraries(args.keep, collect)
    start = time.perf_counter()
    if semantic.similarity("probe", ["probe"]) is None:
        sys.exit("the sentence model did not load (see the warning above)")
    print(f"model loaded in {time.perf_counter() - start:.2f} s ({semantic.describe()})")
    model = semantic.encoder()
    assert model is not None

    def forget() -> None:  # the passages' vectors and word pieces: a first question on them
        model.cache.clear()
        model.pieces.clear()
        model.pieces_held = 0

    def cosines(question: str, texts: list[str]) -> np.ndarray | None:
        # The one model run /ask makes per passage: sentence cosine and late interaction both.
        found = late_interaction.meaning_of(question, texts)
        return None if found is None else found[0]

    embed_all(data, cosines, forget)
    report(data)
    sample = data[:: max(1, len(data) // 200)]
    took = 0.0
    for asked in sample:
        # The article's passages embedded by an earlier question just before: the kept word
        # pieces hold a few hundred passages, fewer than the sample's, so one pass first and
        # another after would time the passages again.
        cosines("an earlier question", asked.texts)
        start = time.perf_counter()
        cosines(asked.case.question, asked.texts)
        took += time.perf_counter() - start
    warm = took * 1000 / len(sample)
    print(f"cost per question, the article's passages embedded before: mean {warm:.0f} ms")


if __name__ == "__main__":
    main()
