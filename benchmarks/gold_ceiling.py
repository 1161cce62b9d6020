"""How far the dev split's pronoun and description speakers can be trusted (issue 3).

Run: /work/venv/bin/python benchmarks/gold_ceiling.py

In quotes-dev, a quote whose speaker the article gives only as "he" or "the senator" carries a
gold name that automatic coreference chose (`speaker_resolved_by` == "corenlp-dcoref"), or the
description itself when a human annotated it. benchmarks/data/adjudicated_speakers.jsonl holds
60 such gold quotes drawn at random (seed 2026, from the 266 articles the corpus annotated, the
pool the speaker figures of eval_quotes.py use), each with the speaker we found by reading the
article: the person or organization the article means, or null when no one speaks (the writer's
own scare quotes, a verse cited by a video). Each record keeps the article id and the gold
quote's offsets; `note` says, in our words, why the gold differs when it does.

Printed, with 95% Wilson intervals:
- the score of a perfect system, one that always names the true speaker, under the issue's
  name rule: the ceiling of "speaker accuracy by pronoun or description" on this gold;
- our extractor's score against the gold and against the adjudicated speakers.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_quotes import DEV, mention_type, names_match, quote_match, tokens

from index.models import Quote, QuoteKind
from index.quotes.analyze import analyze

ADJUDICATED = Path(__file__).resolve().parent / "data" / "adjudicated_speakers.jsonl"


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% score interval of a proportion: honest for small samples near 0 or 1."""
    share = hits / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return centre - spread / (1 + z * z / total), centre + spread / (1 + z * z / total)


def our_speaker(quotes: list[Quote], gold: dict) -> str | None:
    """The speaker of the extracted quote that matches this gold quote best (None if none does)."""
    bag = Counter(tokens(gold["quote"]))
    best = max(quotes, key=lambda q: sum((Counter(tokens(q.text)) & bag).values()), default=None)
    if best is None or not quote_match(Counter(tokens(best.text)), bag):
        return None
    return best.speaker


def agrees(predicted: str | None, truth: str | None) -> bool:
    """A named truth needs a matching name; a truth of no one needs no name."""
    return names_match(predicted, truth) if truth else predicted is None


def main() -> None:
    articles = {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line:
            row = json.loads(line)
            articles[row["id"]] = row
    records = [json.loads(line) for line in ADJUDICATED.read_text(encoding="utf-8").splitlines() if line]
    counts: Counter[str] = Counter()
    extracted: dict[str, list[Quote]] = {}
    for record in records:
        row = articles[record["id"]]
        gold = next(q for q in row["quotes"] if (q["start"], q["end"]) == (
            record["start"], record["end"]))
        if row["id"] not in extracted:
            extracted[row["id"]] = [
                q for q in analyze(row["text"]).quotes if q.kind is not QuoteKind.REPORTED
            ]
        ours = our_speaker(extracted[row["id"]], gold)
        truth = record["speaker"]
        kind = mention_type(gold)
        for key in ("all", kind):
            counts[f"{key} n"] += 1
            counts[f"{key} perfect"] += bool(truth) and names_match(truth, gold["speaker"])
            counts[f"{key} ours-gold"] += names_match(ours, gold["speaker"])
            counts[f"{key} ours-truth"] += agrees(ours, truth)
    print(f"{'gold quotes named by pronoun or description':<52}{'n':>4}{'share':>8}   95% interval")
    for key in ("all", "pronoun", "description"):
        total = counts[f"{key} n"]
        for label, name in (
            ("perfect system vs gold (the ceiling)", "perfect"),
            ("our extractor vs gold", "ours-gold"),
            ("our extractor vs adjudicated speakers", "ours-truth"),
        ):
            hits = counts[f"{key} {name}"]
            low, high = wilson(hits, total)
            print(f"{f'{key}: {label}':<52}{total:>4}{hits / total:>8.3f}   {low:.2f}–{high:.2f}")


if __name__ == "__main__":
    main()
