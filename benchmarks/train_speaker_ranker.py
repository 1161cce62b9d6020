"""Fit the learned speaker ranker (index/quotes/people/speaker_ranker.py) on the dev sets' tuning halves.

Run: python benchmarks/train_speaker_ranker.py [--write] [--target 0.85] [--train-on SET]

Every quote the cue rules find is matched to the gold (as eval_quotes.py matches them); its
candidates (the people mentioned around it, speaker_features.py) are labelled by whether they
name the gold speaker. Only human-named gold is used (`annotation` in quotes-dev, `hand` in
quotes-dev-cnndm); a quote whose gold says no one spoke for it named ("no-source", or a null
speaker) teaches that no candidate is right. Rows come from the tuning halves only, of both
dev sets (`--train-on` one set to compare).

The threshold is chosen out of fold (five folds by article over the tuning half), on what the
ranker changes in the extractor's output (ranker_live.py: a name it gives is also the speaker
the next uncued quote continues): the lowest on a 0.05 grid at which the changes on the tuning
halves are right at least `--target` of the time. The same table is printed for the checking
halves, fit on the whole tuning half; then the rules' misses (unknown, and where the ranker
ranks the gold speaker; wrong), and the ranker's accuracy alone (its best candidate, with no
threshold) beside the rules' on the same quotes. `--write` stores the coefficients.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsplit import half
from eval_quotes import CNNDM, DEV, HUMAN, names_match, quote_match, tokens, unannotated_marks
from ranker_live import changes, outcomes

from index.models import Quote, QuoteKind
from index.quotes.analyze import analyze
from index.quotes.people.cast import Cast, Person
from index.quotes.people.speaker_features import FEATURES, Site, candidates
from index.quotes.people.speaker_ranker import LearnedRanker, Model, RulesOnly

OUT = Path(__file__).resolve().parents[1] / "index" / "quotes" / "people" / "speaker_ranker.json"
NOBODY = frozenset({"no-source"})  # gold that says no one is named for the quote
GRID = [round(0.3 + 0.05 * step, 2) for step in range(14)]
SETS = ("quotes-dev", "cnndm")
GROUPS = tuple(f"{name} {part}" for name in SETS for part in ("tune", "check"))


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

    dataset: str
    article: str
    half: str
    eligible: bool  # the rules left it unknown, with no unnamed speaker of its own
    rules_right: bool
    rules_unknown: bool
    gold: str | None  # None: no one should be named
    cueless: bool  # no speech cue at the quote itself: its speaker is read from the context
    names: list[str] = field(default_factory=list)
    rows: list[list[float]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)

    @property
    def group(self) -> str:
        return f"{self.dataset} {self.half}"


def articles() -> list[tuple[str, dict]]:
    """Every scored article of both dev sets, with its set's name (quotes-dev as eval_quotes.py
    scopes it)."""
    found = []
    for name, path in (("quotes-dev", DEV), ("cnndm", CNNDM)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        found += [(name, row) for row in rows if path != DEV or not unannotated_marks(row["text"])]
    return found


def examples(chosen: list[tuple[str, dict]]) -> list[Example]:
    return [example for name, row in chosen for example in _article_examples(name, row)]


def pairs(gold: list[dict], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Gold and found quotes matched one to one, as eval_quotes.py matches them."""
    scored = []
    for g, item in enumerate(gold):
        bag = Counter(tokens(item["quote"]))
        for p, quote in enumerate(quotes):
            mine = Counter(tokens(quote.text))
            if quote_match(mine, bag):
                scored.append((-sum((mine & bag).values()), g, p))
    used_gold: set[int] = set()
    used: set[int] = set()
    found = []
    for _, g, p in sorted(scored):
        if g not in used_gold and p not in used:
            used_gold.add(g)
            used.add(p)
            found.append((g, p))
    return found


def gold_speaker(item: dict) -> tuple[bool, str | None]:
    """Whether a gold quote is used (a person named its speaker, or said no one is named) and
    the speaker (None: no one should be named)."""
    named = item["speaker_resolved_by"] in HUMAN and item["speaker"]
    nobody = item["speaker_resolved_by"] in NOBODY or (
        item["speaker_resolved_by"] in HUMAN and not item["speaker"]
    )
    return bool(named or nobody), item["speaker"] if named else None


def _article_examples(dataset: str, row: dict) -> list[Example]:
    recorder = Recorder()
    quotes = [q for q in analyze(row["text"], recorder).quotes if q.kind is not QuoteKind.REPORTED]
    assert len(quotes) == len(recorder.seen), "one ranker call per quote in marks"
    found = []
    for g, p in pairs(row["quotes"], quotes):
        used, speaker = gold_speaker(row["quotes"][g])
        if not used:
            continue  # coreference gold, or a pronoun the annotation left unresolved
        eligible, scored = recorder.seen[p]
        example = Example(dataset, row["id"], half(row["id"]), eligible,
                          names_match(quotes[p].speaker, speaker), quotes[p].speaker is None, speaker,
                          quotes[p].cue is None or quotes[p].mention_start is None)
        for name, features in scored:
            example.names.append(name)
            example.rows.append(features)
            example.labels.append(names_match(name, speaker))
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


def fold_of(ids: list[str], folds: int = 5) -> dict[str, int]:
    """Five folds by article over the tuning half (sorted ids, dealt in turn)."""
    return {article: index % folds for index, article in enumerate(sorted(ids))}


def live_table(
    everything: list[tuple[str, dict]], tune: list[Example], final: Model, folds: dict[str, int],
) -> dict[float, Counter[tuple[str, str]]]:
    """The ranker's changes to the extractor's output at every threshold of GRID: on the tuning
    half out of fold (each article by a fit without its fold), on the checking half by `final`."""
    by_fold = {fold: fit([e for e in tune if folds[e.article] != fold]) for fold in set(folds.values())}
    set_of = {row["id"]: name for name, row in everything}
    rows = [row for _, row in everything]
    group = lambda article: f"{set_of[article]} {half(article)}"  # noqa: E731
    before = outcomes(rows, lambda _: RulesOnly(), pairs, gold_speaker)
    table = {}
    for at in GRID:
        def ranker_for(article: str, at: float = at) -> LearnedRanker:
            model = by_fold[folds[article]] if article in folds else final
            return LearnedRanker(replace(model, threshold=at))

        table[at] = changes(before, outcomes(rows, ranker_for, pairs, gold_speaker), group)
    return table


def show_misses(everything: list[Example], model: Model) -> None:
    """The rules' misses on human-named quotes: unknown or wrong; for the unknowns, whether the
    ranker is asked (eligible) and where it ranks the gold speaker."""
    print("rules' misses (human-named): unknown [eligible: gold 1st / 2nd / lower / not a candidate;"
          " not eligible], wrong")
    for name in GROUPS:
        missed = [e for e in everything if e.group == name and e.gold and not e.rules_right]
        ranks: Counter[str] = Counter()
        for e in missed:
            if e.rules_unknown:
                ranks[_gold_rank(model, e) if e.eligible else "not eligible"] += 1
        print(f"  {name:<17}unknown {sum(ranks.values()):>2} [" + " / ".join(
            str(ranks[k]) for k in ("1st", "2nd", "lower", "absent")
        ) + f"; {ranks['not eligible']}], wrong {len(missed) - sum(ranks.values())}")


def _gold_rank(model: Model, example: Example) -> str:
    order = sorted(zip((model.probability(r) for r in example.rows), example.labels, strict=True),
                   key=lambda pair: -pair[0])
    at = next((index for index, (_, label) in enumerate(order) if label), None)
    return "absent" if at is None else ("1st", "2nd")[at] if at < 2 else "lower"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--target", type=float, default=0.85, help="out-of-fold precision wanted")
    parser.add_argument("--train-on", choices=("both", *SETS), default="both",
                        help="which dev sets' tuning halves to fit on")
    args = parser.parse_args()
    everything = articles()
    found = examples(everything)
    sets = SETS if args.train_on == "both" else (args.train_on,)
    tune = [e for e in found if e.half == "tune" and e.dataset in sets]
    print(f"quotes: tune {len(tune)} ({sum(e.eligible for e in tune)} left unknown by the rules); "
          f"candidate rows {len(np.concatenate([e.rows for e in tune if e.rows]))}")
    folds = fold_of(sorted({e.article for e in tune}))
    table = live_table(everything, tune, fit(tune), folds)
    print("the ranker's changes to the output, right/wrong (net named-right): tuning halves out of"
          " fold, checking halves fit on the tuning half")
    print(f"{'threshold':<11}" + "".join(f"{name:>19}" for name in GROUPS))
    threshold = GRID[-1]
    for at in reversed(GRID):
        counted = table[at]
        print(f"{at:<11.2f}" + "".join(
            f"{counted[g, 'right']:>8}/{counted[g, 'wrong']:<3}({counted[g, 'net']:+d})" for g in GROUPS
        ))
        right = sum(counted[g, "right"] for g in GROUPS if g.endswith("tune"))
        wrong = sum(counted[g, "wrong"] for g in GROUPS if g.endswith("tune"))
        if right and right / (right + wrong) >= args.target:
            threshold = at
    model = fit(tune, threshold)
    print(f"chosen threshold {threshold:.2f} (lowest with out-of-fold precision of the changes on "
          f"the tuning halves >= {args.target})")
    show_misses(found, model)
    print("over matched quotes with a human-named speaker: ranker alone (best candidate, no "
          "threshold) against the rules")
    for name in GROUPS:
        named = [e for e in found if e.group == name and e.gold]
        alone = sum(1 for e in named if (best_of := best(model, e)) and best_of[1])
        rules = sum(e.rules_right for e in named)
        print(f"  {name:<17}{len(named):>4} quotes: ranker {alone / len(named):.3f}, "
              f"rules {rules / len(named):.3f}")
    for feature, weight in sorted(zip(FEATURES, model.coef, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {feature:<26}{weight:+.3f}")
    if args.write:
        data = {"features": list(FEATURES), "mean": list(model.mean), "scale": list(model.scale),
                "coef": list(model.coef), "intercept": model.intercept, "threshold": threshold}
        OUT.write_text(json.dumps(data) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
