"""Fit index.summarize's sentence weights on one half of the dev summaries, report on the other.

Tries seeded random weight sets (index.summary.summarize.Weights) on the fit half and picks the one with
the best BBC ROUGE-1 among those that keep CNN/Daily Mail's ROUGE-1 at least LEAD-3's plus
`--margin` with words within 10% of LEAD-3's; then prints the same figures on the report half,
which took no part in the choice. It also prints the trade-off (the Pareto front of CNN/DM
R1 over LEAD-3 against BBC R1) so that a bar out of reach shows why.

    /work/venv/bin/python benchmarks/fit_summary_weights.py [--fit even|odd] [--trials 300]

ROUGE-1 F1 is computed here from rouge-score's own tokenizer (stemming on), which matches
benchmarks/eval_summaries.py to the second decimal and is fast enough for hundreds of trials.
The data are read at run time from ../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_summaries import DATA, load
from rouge_score.tokenizers import DefaultTokenizer

from index.summary.summarize import WEIGHTS, Weights, rank, sentence_features

# The values each weight may take in a trial (the current defaults are always tried too).
GRID = {
    "lead_decay": (0.5, 1.0, 2.0, 4.0),
    "centrality": (0.0, 0.25, 0.5, 1.0),
    "coverage": (0.0, 0.1, 0.25, 0.5, 1.0),
    "title": (0.0, 0.1, 0.25, 0.5),
    "length": (0.0, 0.25, 0.5),
    "length_words": (15.0, 20.0, 25.0, 30.0),
    "quoted": (0.0, 0.5, 1.0, 2.0),
    "redundancy": (0.0, 0.2, 0.4),
}


@dataclass
class Prepared:
    source: str
    features: object
    tokens: list[Counter]
    words: list[int]
    reference: Counter


def prepare(half: str) -> list[Prepared]:
    tokenizer = DefaultTokenizer(use_stemmer=True)
    prepared = []
    for case in load(DATA, half):
        scored = sentence_features(case.analysis, case.title)
        if scored is None:
            continue
        spans, _, features = scored
        texts = [case.analysis.document.text[start:end] for start, end in spans]
        prepared.append(Prepared(
            case.source, features, [Counter(tokenizer.tokenize(t)) for t in texts],
            [len(t.split()) for t in texts], Counter(tokenizer.tokenize(case.reference)),
        ))
    return prepared


def rouge1(chosen: list[int], case: Prepared) -> float:
    summary: Counter = Counter()
    for i in chosen:
        summary.update(case.tokens[i])
    overlap = sum((summary & case.reference).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(summary.values())
    recall = overlap / sum(case.reference.values())
    return 2 * precision * recall / (precision + recall)


def evaluate(cases: list[Prepared], weights: Weights | None, count: int) -> dict[str, tuple]:
    """Mean R1 (x100) and words per source; weights None is LEAD-3 over the same sentences."""
    scores: dict[str, list[float]] = {}
    words: dict[str, list[int]] = {}
    for case in cases:
        n = len(case.words)
        chosen = list(range(min(count, n))) if weights is None else rank(
            case.features, weights, count)
        scores.setdefault(case.source, []).append(rouge1(chosen, case))
        words.setdefault(case.source, []).append(sum(case.words[i] for i in chosen))
    return {source: (100 * statistics.fmean(values), statistics.fmean(words[source]))
            for source, values in sorted(scores.items())}


def acceptable(result: dict, lead: dict, margin: float) -> bool:
    r1, words = result["cnndm"]
    return r1 >= lead["cnndm"][0] + margin and abs(words / lead["cnndm"][1] - 1) <= 0.10


def show(name: str, result: dict, lead: dict) -> str:
    return (f"{name}: CNN/DM R1 {result['cnndm'][0]:.2f} ({result['cnndm'][0] - lead['cnndm'][0]:+.2f}"
            f" vs LEAD-3, {result['cnndm'][1]:.0f} words)  BBC R1 {result['bbc'][0]:.2f}"
            f" ({result['bbc'][1]:.0f} words)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", choices=("even", "odd"), default="even")
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--margin", type=float, default=0.0, help="CNN/DM R1 over LEAD-3 required")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    report_half = "odd" if args.fit == "even" else "even"
    fit, held = prepare(args.fit), prepare(report_half)
    lead_fit, lead_held = evaluate(fit, None, args.sentences), evaluate(held, None, args.sentences)

    rng = random.Random(args.seed)
    trials = [WEIGHTS] + [
        replace(WEIGHTS, **{name: rng.choice(values) for name, values in GRID.items()})
        for _ in range(args.trials)
    ]
    results = [(weights, evaluate(fit, weights, args.sentences)) for weights in trials]
    meeting = [(w, r) for w, r in results if acceptable(r, lead_fit, args.margin)]
    if meeting:
        best, _ = max(meeting, key=lambda item: item[1]["bbc"][0])
    else:
        best, _ = max(results, key=lambda item: item[1]["cnndm"][0] - lead_fit["cnndm"][0])

    print(f"fit on the {args.fit} half ({len(fit)} articles), report on the {report_half} half "
          f"({len(held)}); {len(trials)} weight sets, {len(meeting)} keep CNN/DM >= LEAD-3 "
          f"{args.margin:+.1f} within 10% of its words\n")
    print("Trade-off on the fit half (each row: best BBC R1 among sets at least this good on "
          "CNN/DM), then the same weights on the report half:")
    front, best_bbc = [], -1.0
    for weights, result in sorted(results, key=lambda item: -item[1]["cnndm"][0]):
        if result["bbc"][0] > best_bbc:
            best_bbc = result["bbc"][0]
            front.append((weights, result))
    for weights, result in front:
        held_result = evaluate(held, weights, args.sentences)
        print(f"  fit  {show('', result, lead_fit)}\n  held {show('', held_result, lead_held)}")
    print()
    for name, lead in (("fit", lead_fit), ("report", lead_held)):
        cases = fit if name == "fit" else held
        print(f"{name} half  LEAD-3: CNN/DM R1 {lead['cnndm'][0]:.2f} ({lead['cnndm'][1]:.0f} "
              f"words)  BBC R1 {lead['bbc'][0]:.2f}")
        print(f"{name} half  {show('current', evaluate(cases, WEIGHTS, args.sentences), lead)}")
        print(f"{name} half  {show('chosen ', evaluate(cases, best, args.sentences), lead)}")
    changed = {f.name: getattr(best, f.name) for f in fields(Weights)
               if getattr(best, f.name) != getattr(WEIGHTS, f.name)}
    print(f"\nchosen weights (changes from the current defaults): {changed or 'none'}")


if __name__ == "__main__":
    main()
