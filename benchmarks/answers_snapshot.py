"""Write the full JSON answers to a fixed list of the scale benchmark's questions, to check that
a speed change leaves answers as they were (issue 23).

    python benchmarks/answers_snapshot.py --db LIBRARY --out BEFORE.jsonl   (on the old code)
    python benchmarks/answers_snapshot.py --db LIBRARY --out AFTER.jsonl    (on the new code)
    python benchmarks/answers_snapshot.py --compare BEFORE.jsonl AFTER.jsonl

The questions are bench_scale.py's (corpus.build_questions: speaker, speaker+topic, who-said,
topic and open, in turn) with a second seed's; each answer is bot/jsonout.py's JSON, as
`articlebot ask --json` prints it. Asked of the terminal's library (guild 0, where `articlebot
import` puts articles); work on a copy: opening a library may save its index beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_questions  # noqa: E402

GUILD = 0


async def snapshot(db: Path, count: int) -> list[str]:
    """Ask the questions of the library at `db`: one JSON line per answer."""
    from bot import jsonout
    from index.errors import ArticlebotError
    from index.service import Library

    questions = build_questions(count, seed=8) + build_questions(count // 2, seed=21)
    lines = []
    async with await Library.open(db) as library:
        for question in questions:
            try:
                answer = jsonout.answer(await library.ask(GUILD, question.text))
            except ArticlebotError as error:  # an empty library, a refused question: kept too
                answer = {"error": type(error).__name__, "message": str(error)}
            row = {"kind": question.kind, "question": question.text, "answer": answer}
            lines.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    return lines


def compare(before: Path, after: Path) -> int:
    """Print how many answers of each kind differ; 1 when any does (or the counts differ)."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        print(f"{len(old)} answers before, {len(new)} after")
        return 1
    asked, changed = Counter[str](), Counter[str]()
    for a, b in zip(old, new, strict=True):
        kind = json.loads(a)["kind"]
        asked[kind] += 1
        changed[kind] += a != b
    for kind in asked:
        print(f"{kind}: {changed[kind]} of {asked[kind]} answers differ")
    return 1 if sum(changed.values()) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        raise SystemExit(compare(*args.compare))
    if args.db is None or args.out is None:
        parser.error("--db and --out, or --compare")
    lines = asyncio.run(snapshot(args.db, args.questions))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} answers -> {args.out}")


if __name__ == "__main__":
    main()
