"""kill -9 an `articlebot import` at random moments; check nothing is half-stored; re-run it.

Each round imports the same JSONL file into a fresh database, kills the process with SIGKILL
at a random moment, then checks: PRAGMA integrity_check is
ok, every stored article is complete (its exact text, every passage, quote and speaker row
that analysis gives) and no row belongs to a missing article. A second, uninterrupted run must
then finish the import, skipping what is there. Prints one line per round.

Odd rounds kill uniformly over the whole run (start-up and migrations included); even rounds
wait for the first stored article and kill uniformly over the writing itself, so that a slow
start-up on a busy machine cannot make every kill land before anything is written.

    python benchmarks/kill_import.py [--rounds 20] [--articles 400] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build_articles  # noqa: E402

from index.quotes.analyze import analyze  # noqa: E402

GUILD = 7


def import_command(db: Path, source: Path) -> list[str]:
    return [sys.executable, "-m", "bot", "--db", str(db), "--guild", str(GUILD),
            "import", str(source), "--quiet"]  # fmt: skip


ARTICLE_TABLES = ("passages", "quotes", "speakers")


def row_counts(raw: sqlite3.Connection, article_id: int) -> tuple[int, ...]:
    """How many passage, quote and speaker rows one stored article has."""
    return tuple(
        raw.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (article_id,)).fetchone()[
            0
        ]
        for table in ARTICLE_TABLES
    )


def orphan_rows(raw: sqlite3.Connection) -> int:
    """Rows that belong to no stored article (a half-removed or half-written article)."""
    return sum(
        raw.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        for table in ARTICLE_TABLES
    )


def check(db: Path, expected: dict[str, tuple[str, int, int, int]]) -> tuple[str, int, int]:
    """Return (integrity verdict, complete articles, broken articles or orphan rows)."""
    if not db.exists():
        return "no file", 0, 0
    with sqlite3.connect(db) as raw:
        verdict = raw.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return verdict, 0, 0  # killed before the first migration committed
        complete = broken = 0
        rows = raw.execute(
            "SELECT id, external_id, text FROM articles WHERE guild_id = ?", (GUILD,)
        )
        for article_id, external_id, text in rows.fetchall():
            counts = row_counts(raw, article_id)
            want = expected.get(external_id)
            if want is not None and (text, *counts) == want:
                complete += 1
            else:
                broken += 1
        broken += orphan_rows(raw)
    return verdict, complete, broken


def stored(db: Path) -> int:
    """How many articles a database being written holds now (0 before its tables exist)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as raw:
            return raw.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def first_article(db: Path, process: subprocess.Popen, limit: float = 120) -> float:
    """Wait until the import has stored an article; return the seconds waited."""
    start = time.perf_counter()
    while stored(db) == 0 and process.poll() is None and time.perf_counter() - start < limit:
        time.sleep(0.02)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = build_articles(args.articles, seed=args.seed)
    expected = {}
    for article in articles:
        analysis = analyze(article.text)
        expected[article.external_id] = (
            article.text, len(analysis.document.paragraphs), len(analysis.quotes),
            len(analysis.speakers),
        )  # fmt: skip
    env = {**os.environ, "DISCORD_TOKEN": "", "PYTHONPATH": str(ROOT)}
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(
                    json.dumps({"id": a.external_id, "title": a.title, "text": a.text}) + "\n"
                )
        start = time.perf_counter()
        timing = subprocess.Popen(import_command(Path(folder) / "timing.db", source), env=env,
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        startup = first_article(Path(folder) / "timing.db", timing)
        timing.wait()
        full = time.perf_counter() - start
        writing = full - startup
        print(f"{args.articles} articles; an uninterrupted import takes {full:.1f} s, "
              f"{startup:.1f} s of it before the first article is stored; odd rounds kill in "
              f"[0, {full:.1f}] s from launch, even rounds in [0, {writing:.1f}] s from the first "
              "stored article\n")  # fmt: skip
        header = (f"{'round':>5} {'phase':>7} {'kill at s':>9} {'integrity':>9} {'complete':>8} "
                  f"{'broken':>6}  {'re-run says':32} {'after':>5} {'integrity':>9} {'broken':>6}"
                  "  ok")  # fmt: skip
        print(header)
        mid_import = 0
        for number in range(1, args.rounds + 1):
            db = Path(folder) / f"round{number}.db"
            writing_phase = number % 2 == 0
            at = rng.uniform(0, writing if writing_phase else full)
            process = subprocess.Popen(import_command(db, source), env=env, cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            if writing_phase:
                first_article(db, process)
            time.sleep(at)
            process.send_signal(signal.SIGKILL)
            process.wait()
            verdict, complete, broken = check(db, expected)
            rerun = subprocess.run(import_command(db, source), env=env, capture_output=True,
                                   text=True, cwd=ROOT, check=False)  # fmt: skip
            said = (
                rerun.stdout.strip().splitlines()[0] if rerun.stdout.strip() else rerun.stderr[-60:]
            )
            verdict2, complete2, broken2 = check(db, expected)
            ok = (verdict in ("ok", "no file") and broken == 0 and rerun.returncode == 0
                  and verdict2 == "ok" and broken2 == 0 and complete2 == args.articles)  # fmt: skip
            failures += not ok
            mid_import += 0 < complete < args.articles
            phase = "writing" if writing_phase else "any"
            print(f"{number:>5} {phase:>7} {at:>9.2f} {verdict:>9} {complete:>8} {broken:>6}  {said:32} "
                  f"{complete2:>5} {verdict2:>9} {broken2:>6}  {'yes' if ok else 'NO'}")  # fmt: skip
    print(f"\n{args.rounds - failures}/{args.rounds} rounds lost nothing and completed on re-run; "
          f"{mid_import} kills landed mid-import (some articles stored, not all)")  # fmt: skip
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
