"""What a rebuilt guild index keeps resident as it serves (issue 23).

Copies a library's SQLite file alone (never its index folder) into a work folder, asks one
question (the index is rebuilt from the store, and saved), then mixed questions, printing the
process's resident memory (VmRSS, and of it the pages of files: RssFile) after the rebuild and
after the questions, and the peak. Writes the answers to a JSON file, to compare two trees:

    python benchmarks/bench_rebuilt_resident.py --db LIBRARY.db [--work /tmp/x] [--questions 50]
        [--answers answers.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_questions  # noqa: E402

GUILD = 0  # where `articlebot import` puts articles


def memory_mb() -> dict[str, float]:
    """The process's resident memory now (all, and of files), and its peak, in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    now = {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "RssFile")}
    return now | {"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _shown(figures: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.0f} MB" for name, value in figures.items())


async def main(db: Path, questions: int) -> list[object]:
    """Rebuild, ask, print the memory; return the answers."""
    from index.service import Library

    async with await Library.open(db) as library:
        asked = [await library.ask(GUILD, "what did Henry Clay say?")]  # the rebuild
        await library._indexes.close()  # its save (files linked, the build's removed)
        print(f"after the rebuild: {_shown(memory_mb())}")
        for question in build_questions(questions):
            asked.append(await library.ask(GUILD, question.text))
        print(f"after {questions} mixed questions: {_shown(memory_mb())}")
    return [
        [a.kind, a.headline, [[i.article.id, i.text, i.start, i.score, i.quote] for i in a.items]]
        for a in asked
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_rebuilt_resident"))
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--answers", type=Path)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    copy = args.work / args.db.name
    shutil.copyfile(args.db, copy)  # the index folder is left behind: rebuilt at the question
    answers = asyncio.run(main(copy, args.questions))
    if args.answers is not None:
        args.answers.write_text(json.dumps(answers, default=str), encoding="utf-8")
