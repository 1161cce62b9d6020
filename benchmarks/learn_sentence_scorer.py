"""Can a learned sentence scorer beat LEAD-3 on CNN/DM and TextRank on BBC at once? (CV estimate)

Trains scikit-learn classifiers to predict which sentences a greedy ROUGE-1 oracle would pick,
from general text features only: position, TF-IDF centrality and coverage, length, quoted share,
and two article-level signals (sentence count, how central the lede is). Neither the source
label nor the title enters: every BBC article has a title and no CNN/DM one does, so a title
feature would tell the sources apart. Each article is scored by a model that never saw it
(5-fold cross-validation grouped by article); the top 3 sentences are the summary.

    /work/venv/bin/python benchmarks/learn_sentence_scorer.py

Prints CV ROUGE-1 and words per source for: pooled training, pooled with both sources weighted
equally, and each source trained on its own; then, per source, how often pure centrality beats
the lead and how little the article-level signals say about which will win.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_summary_weights import Prepared, prepare, rouge1
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

COUNT = 3


def oracle(case: Prepared) -> list[int]:
    """Greedy ROUGE-1 oracle: add the sentence that raises R1 most, up to COUNT."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < COUNT:
        gains = [(rouge1([*chosen, i], case), i) for i in range(len(case.words)) if i not in chosen]
        if not gains or max(gains)[0] <= best:
            break
        best, pick = max(gains)
        chosen.append(pick)
    return chosen


def features(case: Prepared) -> np.ndarray:
    f = case.features
    n = len(case.words)
    position = np.arange(n)
    lead = np.exp(-position)
    words = np.asarray(case.words, dtype=float)
    lede = np.full(n, f.centrality[0])
    size = np.full(n, np.log(n))
    return np.column_stack([
        lead, position / n, position == 0, np.log1p(position), f.centrality, f.coverage,
        np.minimum(words / 25, 25 / np.maximum(words, 1)), np.log1p(words), f.quoted,
        size, lede, lead * lede, f.centrality * size, np.log1p(words) * size, lead * size,
    ]).astype(float)


def cross_validated(cases: list[Prepared], make, weights: np.ndarray) -> list[list[int]]:
    """Each article's top sentences under a model fitted without it."""
    blocks = [features(case) for case in cases]
    labels = []
    for case, block in zip(cases, blocks, strict=True):
        label = np.zeros(len(block))
        label[oracle(case)] = 1
        labels.append(label)
    x, y = np.vstack(blocks), np.concatenate(labels)
    groups = np.concatenate([np.full(len(b), k) for k, b in enumerate(blocks)])
    sample = np.concatenate([np.full(len(b), weights[k]) for k, b in enumerate(blocks)])
    scores = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        model = make()
        model.fit(x[train], y[train], sample_weight=sample[train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    picks, start = [], 0
    for block in blocks:
        part = scores[start : start + len(block)]
        start += len(block)
        picks.append(sorted(np.argsort(-part)[:COUNT].tolist()))
    return picks


def report(name: str, cases: list[Prepared], picks: list[list[int]]) -> None:
    for source in sorted({case.source for case in cases}):
        rows = [(c, p) for c, p in zip(cases, picks, strict=True) if c.source == source]
        ours = [rouge1(p, c) for c, p in rows]
        lead = [rouge1(list(range(min(COUNT, len(c.words)))), c) for c, _ in rows]
        diff = [100 * (a - b) for a, b in zip(ours, lead, strict=True)]
        spread = 2 * statistics.stdev(diff) / len(diff) ** 0.5
        words = statistics.fmean(sum(c.words[i] for i in p) for c, p in rows)
        print(f"  {name:30} {source:6} R1 {100 * statistics.fmean(ours):6.2f}  vs LEAD-3 "
              f"{statistics.fmean(diff):+6.2f} ± {spread:.2f}  words {words:5.1f}")


def who_wins(cases: list[Prepared]) -> None:
    """Per source: how often pure centrality beats LEAD-3, and what predicts it per article."""
    for source in sorted({case.source for case in cases}):
        rows = [c for c in cases if c.source == source]
        gain = np.array([
            rouge1(sorted(np.argsort(-c.features.centrality)[:COUNT].tolist()), c)
            - rouge1(list(range(min(COUNT, len(c.words)))), c) for c in rows
        ])
        signals = {
            "lede centrality": [c.features.centrality[0] for c in rows],
            "sentences": [len(c.words) for c in rows],
            "words per sentence": [statistics.fmean(c.words) for c in rows],
        }
        correlations = ", ".join(f"{name} {np.corrcoef(gain, values)[0, 1]:+.2f}"
                                 for name, values in signals.items())
        print(f"  {source:6} centrality beats the lead in {np.mean(gain > 0):.0%} of articles; "
              f"correlation of its gain with {correlations}")


def main() -> None:
    cases = prepare("even") + prepare("odd")
    sources = Counter(case.source for case in cases)
    uniform = np.ones(len(cases))
    balanced = np.array([len(cases) / (len(sources) * sources[c.source]) for c in cases])

    def logistic() -> LogisticRegression:
        return LogisticRegression(max_iter=3000)

    def boosted() -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_leaf_nodes=7)

    print(f"{len(cases)} articles ({dict(sources)}), {COUNT} sentences, 5-fold CV by article\n")
    for model_name, make in (("logistic", logistic), ("boosted trees", boosted)):
        report(f"{model_name}, pooled", cases, cross_validated(cases, make, uniform))
        report(f"{model_name}, sources equal", cases, cross_validated(cases, make, balanced))
        for source in sorted(sources):
            own = [c for c in cases if c.source == source]
            report(f"{model_name}, own source only", own,
                   cross_validated(own, make, np.ones(len(own))))
    print()
    who_wins(cases)


if __name__ == "__main__":
    main()
