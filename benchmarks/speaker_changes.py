"""Read attribution outside the dev sets: which quotes change speaker between two trees (issue 18).

Run: python benchmarks/speaker_changes.py articles OUT.jsonl   the articles no quotes dev set
         holds, as {"id", "text"} lines: summaries-dev's BBC articles (633), its CNN/Daily Mail
         articles that quotes-dev-cnndm does not hold (69) and ask-dev-newsqa's CNN stories (300);
     articlebot extract < OUT.jsonl > BEFORE.jsonl   (on one tree; AFTER.jsonl on the other)
     python benchmarks/speaker_changes.py diff OUT.jsonl BEFORE.jsonl AFTER.jsonl [--only bbc]
         every direct or partial quote whose speaker changed, appeared or went, with the text
         around it, and the count: what a reader adjudicates by hand; then, by source, how many
         quotes have no speaker before and after;
     python benchmarks/speaker_changes.py time OUT.jsonl [--runs 5]   the CPU time quote
         analysis (index.quotes.analyze: quotes, speakers, reported speech) takes an article
         over those articles, in this process, best of the runs (PYTHONPATH=OTHER_TREE times
         another tree the same way).

Nobody annotated these articles, so no figure is computed from them: a change is read against
the text and called right or wrong by a person. That is how stop 42 and 43's rules were learned
without reading the dev sets' checking halves.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def outside_articles() -> list[dict[str, str]]:
    """Return the dev sets' articles that no quotes dev set annotates, BBC first."""
    annotated = {
        json.loads(line)["id"]
        for name in ("quotes-dev.jsonl", "quotes-dev-cnndm.jsonl")
        for line in (SHARED / name).open(encoding="utf-8")
    }
    summaries = [json.loads(line) for line in (SHARED / "summaries-dev.jsonl").open(encoding="utf-8")]
    newsqa = [json.loads(line) for line in (SHARED / "ask-dev-newsqa.jsonl").open(encoding="utf-8")]
    return [
        {"id": record["id"], "text": record["text"]}
        for record in sorted(summaries, key=lambda record: record["source"]) + newsqa
        if record["id"] not in annotated
    ]


def _quotes(path: Path) -> dict[tuple[str, int, int, str], dict[str, object]]:
    found = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        for quote in record["quotes"]:
            if quote["kind"] != "reported":
                found[(record["id"], quote["start"], quote["end"], quote["kind"])] = quote
    return found


def _speaker(quote: dict[str, object] | None) -> object:
    return "<no quote>" if quote is None else quote["speaker"]


def changes(texts: dict[str, str], before: Path, after: Path, only: str | None) -> int:
    """Print every quote whose speaker differs between the two outputs; return their count."""
    old, new = _quotes(before), _quotes(after)
    count = 0
    for key in sorted(old.keys() | new.keys()):
        if only and not key[0].startswith(only):
            continue
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was["speaker"] == now["speaker"]:
            continue
        count += 1
        text = texts[key[0]]
        print(f"{key[0]} {key[3]}: {_speaker(was)} -> {_speaker(now)}")
        print("    " + text[max(0, key[1] - 250) : key[2] + 120].replace("\n", " / "))
    print(f"changed {count}")
    for source in sorted({key[0].split("-")[0] for key in old.keys() | new.keys()}):
        if only and not source.startswith(only):
            continue
        counts = [_unknown(quotes, source) for quotes in (old, new)]
        print(f"{source}: no speaker {counts[0][0]} of {counts[0][1]} -> {counts[1][0]} of {counts[1][1]}")
    return count


def _unknown(quotes: dict[tuple[str, int, int, str], dict[str, object]], source: str) -> tuple[int, int]:
    """Return (quotes with no speaker, quotes) of one source ("bbc", "cnndm", "newsqa")."""
    own = [quote for key, quote in quotes.items() if key[0].split("-")[0] == source]
    return sum(quote["speaker"] is None for quote in own), len(own)


def analysis_time(texts: list[str], runs: int) -> float:
    """Return the best of `runs` passes of quote analysis over `texts`, in CPU seconds."""
    from index.quotes.analyze import analyze  # the tree on the path: this one, or another's

    for text in texts[:50]:
        analyze(text)  # warm: patterns compiled, caches filled
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for text in texts:
            analyze(text)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("articles", "diff", "time"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--only", help="article ids starting with this (bbc, cnndm, newsqa)")
    parser.add_argument("--runs", type=int, default=5, help="time: passes, the best is shown")
    args = parser.parse_args()
    if args.command == "articles":
        with args.paths[0].open("w", encoding="utf-8") as out:
            for record in outside_articles():
                out.write(json.dumps(record) + "\n")
        return
    if args.command == "time":
        texts = [json.loads(line)["text"] for line in args.paths[0].open(encoding="utf-8")]
        best = analysis_time(texts, args.runs)
        print(f"quote analysis: {best / len(texts) * 1000:.2f} ms an article "
              f"({best:.2f} s CPU for {len(texts)} articles, best of {args.runs})")
        return
    articles, before, after = args.paths
    texts = {
        (record := json.loads(line))["id"]: record["text"]
        for line in articles.open(encoding="utf-8")
    }
    changes(texts, before, after, args.only)


if __name__ == "__main__":
    main()
