"""Train the speaker ranker (index/quotes/people/ranker.py) on the tuning half of the dev sets.

Run: python benchmarks/train_speaker_ranker.py   writes index/quotes/people/speaker_ranker.json

The runtime extractor is run with the model switched off, so every quote the rules leave
unknown reaches the ranker's own candidate code, which records its candidates and features.
Each such quote that overlaps a gold quote is labelled from the gold: a candidate is right when
its name matches the human-named gold speaker (quotes-dev: `annotation`; quotes-dev-cnndm:
every speaker, and `speaker: null` teaches "unknown"). Gold named by automatic coreference is
left out. A logistic regression over the candidates is fitted (lbfgs, fixed C: deterministic),
and the threshold is the one on a fixed grid that maximizes right minus wrong names on the
tuning half, a wrong name counting twice (WRONG_COST): a wrong name is worse than none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsplit import half
from eval_quotes import CNNDM, DEV, names_match
from sklearn.linear_model import LogisticRegression

from index.quotes.analyze import analyze
from index.quotes.people import ranker

HUMAN = frozenset({"annotation", "hand"})
# A wrong name costs twice what a right one gains: the project would rather say "unknown".
WRONG_COST = 2


def collect(path: Path, which: str) -> list[tuple[list[tuple[float, ...]], list[bool]]]:
    """Per unresolved quote of one half: its candidates' features and whether each is right."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if half(row["id"]) != which:
            continue
        ranker.COLLECT = []
        analyze(row["text"])
        events, ranker.COLLECT = ranker.COLLECT, None
        for event in events:
            start, end = int(event["start"]), int(event["end"])  # type: ignore[call-overload]
            gold = [
                quote for quote in row["quotes"]
                if quote["start"] < end and start < quote["end"]
                and quote["speaker_resolved_by"] in HUMAN | {None, ""}
            ]
            if len(gold) != 1:
                continue
            speaker = gold[0]["speaker"]
            if speaker and gold[0]["speaker_resolved_by"] not in HUMAN:
                continue
            found = event["candidates"]
            assert isinstance(found, list)
            if not found:
                continue
            labels = [bool(speaker) and names_match(c.person.name, speaker) for c in found]
            groups.append(([c.features for c in found], labels))
    return groups


def main() -> None:
    ranker.MODEL_PATH, saved = Path("/nonexistent"), ranker.MODEL_PATH
    ranker._model.cache_clear()
    groups = collect(DEV, "tune") + collect(CNNDM, "tune")
    rows = [features for group, _ in groups for features in group]
    labels = [label for _, group in groups for label in group]
    model = LogisticRegression(C=1.0, max_iter=2000).fit(rows, labels)
    coefficients = [round(float(c), 6) for c in model.coef_[0]]
    intercept = round(float(model.intercept_[0]), 6)
    best = (0, 1.0)
    for step in range(20, 96, 2):
        threshold = step / 100
        gain = 0
        for features, truth in groups:
            scores = [model.predict_proba([f])[0][1] for f in features]
            top = max(range(len(scores)), key=scores.__getitem__)
            if scores[top] >= threshold:
                gain += 1 if truth[top] else -WRONG_COST
        if gain > best[0]:
            best = (gain, threshold)
    answerable = sum(any(truth) for _, truth in groups)
    print(f"quotes {len(groups)} (a candidate is right in {answerable}), candidates {len(rows)}")
    print(f"threshold {best[1]}: right minus wrong on the tuning half {best[0]}")
    data = {
        "features": list(ranker.FEATURES),
        "coefficients": coefficients,
        "intercept": intercept,
        "threshold": best[1],
        "trained_on": "tuning half of quotes-dev (annotation gold) and quotes-dev-cnndm",
    }
    saved.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {saved} ({saved.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
