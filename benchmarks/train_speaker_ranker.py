"""Fit the learned speaker ranker (index/quotes/people/speaker_ranker.py) on the dev sets' tuning halves.

Run: python benchmarks/train_speaker_ranker.py [--write] [--target 0.85]

Every quote the cue rules find is matched to the gold (as eval_quotes.py matches them); its
candidates (the people mentioned around it, speaker_features.py) are labelled by whether they
name the gold speaker. Only human-named gold is used (`annotation` in quotes-dev, `hand` in
quotes-dev-cnndm); a quote whose gold says no one spoke for it named ("no-source", or a null
speaker) teaches that no candidate is right. Rows come from the tuning halves only.

The threshold is chosen out of fold (five folds by article over the tuning half): the lowest on a
0.05 grid at which the ranker's proposals, made only where the rules leave a quote unknown, are
right at least `--target` of the time. Then the fit on the whole tuning half is checked on the
checking half: proposals right / wrong, and the ranker's accuracy alone (its best candidate,
with no threshold) beside the rules' on the same quotes. `--write` stores the coefficients.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsplit import half
from eval_quotes import CNNDM, DEV, HUMAN, names_match, quote_match, tokens, unannotated_marks

from index.models import QuoteKind
from index.quotes.analyze import analyze
from index.quotes.people.cast import Cast, Person
from index.quotes.people.speaker_features import FEATURES, Site, candidates
from index.quotes.people.speaker_ranker import Model

OUT = Path(__file__).resolve().parents[1] / "index" / "quotes" / "people" / "speaker_ranker.json"
NOBODY = frozenset({"no-source"})  # gold that says no one is named for the quote
GRID = [round(0.5 + 0.05 * step, 2) for step in range(10)]


class Recorder:
    """A ranker that names no one (the rules alone) and keeps every quote's candidates."""

    def __init__(self) -> None:
        self.seen: list[tuple[bool, list[tuple[str, list[float]]]]] = []

    def speaker(self, site: Site, cast: Cast, eligible: bool) -> Person | None:
        self.seen.append((eligible, [(p.name, row) for p, row in candidates(site, cast)]))
        return None


@dataclass
class Example:
    """One quote found by the rules and matched to the gold, with its labelled candidates."""

    article: str
    half: str
    eligible: bool  # the rules left it unknown, with no unnamed speaker of its own
    rules_right: bool
    gold: str | None  # None: no one should be named
    cueless: bool  # no speech cue at the quote itself: its speaker is read from the context
    names: list[str] = field(default_factory=list)
    rows: list[list[float]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)


def examples() -> list[Example]:
    found = []
    for path in (DEV, CNNDM):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        for row in rows:
            if path == DEV and unannotated_marks(row["text"]):
                continue
            found += _article_examples(row)
    return found


def _article_examples(row: dict) -> list[Example]:
    recorder = Recorder()
    quotes = [q for q in analyze(row["text"], recorder).quotes if q.kind is not QuoteKind.REPORTED]
    assert len(quotes) == len(recorder.seen), "one ranker call per quote in marks"
    gold = row["quotes"]
    pairs = []
    for g, item in enumerate(gold):
        bag = Counter(tokens(item["quote"]))
        for p, quote in enumerate(quotes):
            mine = Counter(tokens(quote.text))
            if quote_match(mine, bag):
                pairs.append((-sum((mine & bag).values()), g, p))
    used_gold: set[int] = set()
    used: set[int] = set()
    found = []
    for _, g, p in sorted(pairs):
        if g in used_gold or p in used:
            continue
        used_gold.add(g)
        used.add(p)
        item = gold[g]
        named = item["speaker_resolved_by"] in HUMAN and item["speaker"]
        nobody = item["speaker_resolved_by"] in NOBODY or (
            item["speaker_resolved_by"] in HUMAN and not item["speaker"]
        )
        if not (named or nobody):
            continue  # coreference gold, or a pronoun the annotation left unresolved
        speaker = item["speaker"] if named else None
        eligible, scored = recorder.seen[p]
        example = Example(row["id"], half(row["id"]), eligible,
                          bool(named) and names_match(quotes[p].speaker, speaker), speaker,
                          quotes[p].cue is None or quotes[p].mention_start is None)
        for name, features in scored:
            example.names.append(name)
            example.rows.append(features)
            example.labels.append(bool(named) and names_match(name, speaker))
        found.append(example)
    return found


def fit(chosen: list[Example], threshold: float = 0.0) -> Model:
    rows = np.array([row for example in chosen for row in example.rows])
    labels = np.array([label for example in chosen for label in example.labels])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    regression = LogisticRegression(C=0.5, max_iter=2000)
    regression.fit((rows - mean) / scale, labels)
    return Model(tuple(np.round(mean, 5)), tuple(np.round(scale, 5)),
                 tuple(np.round(regression.coef_[0], 5)), round(float(regression.intercept_[0]), 5),
                 threshold)


def best(model: Model, example: Example) -> tuple[float, bool] | None:
    """The best candidate's probability and whether it names the gold speaker."""
    if not example.rows:
        return None
    scored = [(model.probability(row), label) for row, label in zip(example.rows, example.labels,
                                                                    strict=True)]
    return max(scored, key=lambda pair: pair[0])


def out_of_fold(tune: list[Example], folds: int = 5) -> list[tuple[float, bool]]:
    """The best candidate of every eligible tuning quote, scored by a fit without its article."""
    articles = sorted({example.article for example in tune})
    fold_of = {article: index % folds for index, article in enumerate(articles)}
    scored = []
    for fold in range(folds):
        model = fit([e for e in tune if fold_of[e.article] != fold])
        for example in tune:
            if fold_of[example.article] == fold and example.eligible:
                found = best(model, example)
                if found is not None:
                    scored.append(found)
    return scored


def proposals(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int]:
    right = sum(1 for probability, label in scored if probability >= threshold and label)
    return right, sum(1 for probability, _ in scored if probability >= threshold) - right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--target", type=float, default=0.85, help="out-of-fold precision wanted")
    args = parser.parse_args()
    everything = examples()
    tune = [e for e in everything if e.half == "tune"]
    check = [e for e in everything if e.half == "check"]
    print(f"quotes: tune {len(tune)} ({sum(e.eligible for e in tune)} left unknown by the rules), "
          f"check {len(check)} ({sum(e.eligible for e in check)}); candidate rows "
          f"{sum(len(e.rows) for e in tune)} (tune)")
    scored = out_of_fold(tune)
    print("out of fold, tuning half, proposals where the rules say unknown:")
    threshold = GRID[-1]
    for at in reversed(GRID):
        right, wrong = proposals(scored, at)
        print(f"  threshold {at:.2f}: right {right}, wrong {wrong}")
        if right and right / (right + wrong) >= args.target:
            threshold = at
    model = fit(tune, threshold)
    print(f"chosen threshold {threshold:.2f} (lowest with out-of-fold precision >= {args.target})")
    for name, chosen in (("tune", tune), ("check", check)):
        eligible = [found for e in chosen if e.eligible and (found := best(model, e))]
        right, wrong = proposals(eligible, threshold)
        print(f"{name}: proposals right {right}, wrong {wrong} (fit on the whole tuning half)")
        named = [e for e in chosen if e.gold]
        alone = sum(1 for e in named if (found := best(model, e)) and found[1])
        rules = sum(e.rules_right for e in named)
        print(f"{name}: over {len(named)} matched quotes with a human-named speaker: ranker alone "
              f"(best candidate, no threshold) {alone / len(named):.3f}, rules {rules / len(named):.3f}")
    for feature, weight in sorted(zip(FEATURES, model.coef, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {feature:<26}{weight:+.3f}")
    if args.write:
        data = {"features": list(FEATURES), "mean": list(model.mean), "scale": list(model.scale),
                "coef": list(model.coef), "intercept": model.intercept, "threshold": threshold}
        OUT.write_text(json.dumps(data) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
