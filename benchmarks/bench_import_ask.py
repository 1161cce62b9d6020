"""Bulk import, then the first answer of a new process: how long after it starts?

    python benchmarks/bench_import_ask.py --n 10000 [--work DIR] [--runs 3]

Writes N generated articles (benchmarks/corpus.py) as JSONL, runs `articlebot import` on them
in a fresh database, then times `articlebot ask` processes from start to exit: the first one
after the import (which left a saved index), again, and — on a copy of the database with its
saved index deleted — the old way, building the index at the first question.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_articles, build_questions  # noqa: E402


def timed(*command: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/articlebot-import-ask"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep an imported database")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db, source = args.work / f"import-{args.n}.db", args.work / f"articles-{args.n}.jsonl"
    bot = str(Path(sys.executable).with_name("articlebot"))
    if not (args.reuse and db.exists()):
        db.unlink(missing_ok=True)
        with source.open("w", encoding="utf-8") as out:
            for article in build_articles(args.n):
                record = {"id": article.external_id, "title": article.title, "text": article.text}
                out.write(json.dumps(record) + "\n")
        seconds = timed(bot, "--db", str(db), "import", "--quiet", str(source))
        print(f"import of {args.n} articles (saved index included): {seconds:.1f} s")
    question = build_questions(1)[0].text
    after = [timed(bot, "--db", str(db), "ask", question) for _ in range(args.runs)]
    print("ask process after the import, start to exit: " + ", ".join(f"{s:.2f}" for s in after))
    bare = args.work / "no-snapshot.db"
    shutil.rmtree(f"{bare}.index", ignore_errors=True)  # the saved index: files beside the db
    shutil.copyfile(db, bare)
    with sqlite3.connect(bare) as connection:  # and any blob an older version left inside it
        connection.execute("DELETE FROM index_snapshots")
    before = timed(bot, "--db", str(bare), "ask", question)
    print(f"the same without the saved index (built at the first question): {before:.2f} s")
    bare.unlink()


if __name__ == "__main__":
    main()
