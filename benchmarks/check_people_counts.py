"""Check `articlebot people --json` against a direct count from `articlebot extract`.

Builds a library from the articles of a JSONL dev set (default ../shared/data/quotes-dev.jsonl;
each record's publisher as its outlet, the date in its id as its published date), then counts
statements per linked person straight from `extract` over the same texts: quoted and reported
statements (index/statements.py: one per statement number and kind), a person being a full
name across articles, a one-word name within its article, the unnamed ones (unknown, or only
described: `"speaker_named": false`) apart. Prints the
agreement, how often linking merged and refused, and a sample of merges to check by hand.

    python benchmarks/check_people_counts.py [--data FILE] [--sample 20]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "quotes-dev.jsonl"
DATED = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def articlebot(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "articlebot"), *args], input=stdin, capture_output=True, text=True,
        cwd=ROOT, check=True,
    )  # fmt: skip
    return done.stdout


def expected_counts(
    extracted: list[dict],  # type: ignore[type-arg]
) -> tuple[Counter[tuple[str | None, int, int, int]], dict[str, list[tuple[str, list[dict]]]]]:  # type: ignore[type-arg]
    """(name, quoted, reported, articles) per linked person, and each full name's articles."""
    totals: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])
    names: dict[object, str | None] = {}
    linked: dict[str, list[tuple[str, list[dict]]]] = defaultdict(list)  # type: ignore[type-arg]
    for record in extracted:
        by_speaker: dict[str | None, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
        for quote in record["quotes"]:
            by_speaker[quote["speaker"] if quote["speaker_named"] else None].append(quote)
        for speaker, quotes in by_speaker.items():
            keys = {(q["statement"], q["kind"] == "reported") for q in quotes}
            reported = sum(1 for _, is_reported in keys if is_reported)
            if speaker is None:
                key: object = None
            elif " " in speaker:
                key = speaker
                linked[speaker].append((record["id"], quotes))
            else:
                key = (speaker, record["id"])
            row = totals[key]
            row[0] += len(keys) - reported
            row[1] += reported
            row[2] += 1
            names[key] = speaker
    counts = Counter((names[k], q, r, n) for k, (q, r, n) in totals.items())
    return counts, linked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "articles.jsonl", str(Path(folder) / "people.db")
        with source.open("w", encoding="utf-8") as out:
            for r in records:
                dated = DATED.search(r["id"])
                item = {"id": r["id"], "text": r["text"], "outlet": r.get("publisher"),
                        "published": dated.group(1) if dated else None}  # fmt: skip
                out.write(json.dumps(item) + "\n")
        print(articlebot("--db", db, "import", str(source), "--quiet").strip())
        stored = {a["external_id"] for a in json.loads(articlebot("--db", db, "list", "--json"))}
        texts = [{"id": r["id"], "text": r["text"]} for r in records if r["id"] in stored]
        lines = "".join(json.dumps(t) + "\n" for t in texts)
        extracted = [json.loads(line) for line in articlebot("extract", stdin=lines).splitlines()]
        people = json.loads(articlebot("--db", db, "people", "--since", "all", "--json"))
    got = Counter((p["name"], p["direct"], p["reported"], p["articles"]) for p in people)
    want, linked = expected_counts(extracted)
    agree = sum((got & want).values())
    print(f"articles: {len(texts)} stored of {len(records)}")
    print(f"people --json entries: {sum(got.values())}; from extract: {sum(want.values())}; "
          f"agreeing (name, direct, reported, articles): {agree}")  # fmt: skip
    for row in sorted((got - want) + (want - got), key=str)[:10]:
        print("  differs:", row, "library" if row in got - want else "extract")
    print(f"totals: library {sum(p['direct'] for p in people)} quoted / "
          f"{sum(p['reported'] for p in people)} reported; extract "
          f"{sum(k[1] * n for k, n in want.items())} / {sum(k[2] * n for k, n in want.items())}")  # fmt: skip

    # Linking: merged = one full name in several articles; refused = a one-word name that
    # another article also uses (alone, or as the last word of a full name).
    merged = {name: arts for name, arts in linked.items() if len(arts) > 1}
    bare = [(q["speaker"], r["id"]) for r in extracted for q in r["quotes"] if q["speaker"] and " " not in q["speaker"]]
    bare_entries = sorted(set(bare))
    surnames = defaultdict(set)
    for name, arts in linked.items():
        for article_id, _ in arts:
            surnames[name.split()[-1]].add(article_id)
    for name, article_id in bare_entries:
        surnames[name].add(article_id)
    refused = [(n, a) for n, a in bare_entries if len(surnames[n] - {a}) > 0]
    full_entries = sum(len(arts) for arts in linked.values())
    print(f"linking: {len(linked)} full names in {full_entries} article entries; "
          f"merged: {len(merged)} people across {sum(len(a) for a in merged.values())} entries "
          f"({full_entries - len(linked)} merges); one-word names: {len(bare_entries)} entries, "
          f"refused (another article has the same word): {len(refused)}")  # fmt: skip
    print("  refused, e.g.: " + "; ".join(
        f"{n} in {len(surnames[n])} articles" for n in sorted({n for n, _ in refused})[:12]))
    sample = sorted(merged)
    random.Random(24).shuffle(sample)
    print(f"\nsample of {min(args.sample, len(sample))} merges to check by hand:")
    for name in sorted(sample[: args.sample]):
        print(f"- {name}")
        for article_id, quotes in merged[name]:
            mentions = sorted({q["speaker_mention"] for q in quotes if q["speaker_mention"]})[:4]
            roles = sorted({q["role"] for q in quotes if q["role"]})[:2]
            print(f"    {article_id[:60]}  roles={roles} mentions={mentions}")
    return 0 if agree == sum(want.values()) == sum(got.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
