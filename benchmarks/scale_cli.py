"""bench_scale's phases that go through the real CLI: `articlebot import` and a first `ask`,
each under `/usr/bin/time -v` in a process of its own, plus the store's size on disk.

The backend is SQLite (a file) or PostgreSQL (a fresh schema on a throwaway cluster started with
tests/pgserver.py, the way bench_pg.py does it).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]


def write_corpus(path: Path, n: int) -> None:
    """The corpus recipe as an import file: one JSON record an article (kept between runs)."""
    if path.exists():
        return
    from corpus import build_articles

    part = path.with_suffix(".part")
    with part.open("w", encoding="utf-8") as out:
        for article in build_articles(n):
            record = {"id": article.external_id, "title": article.title, "text": article.text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    part.rename(path)


def timed(arguments: list[str]) -> dict[str, float]:
    """Run the CLI under /usr/bin/time -v: wall seconds and peak resident memory."""
    command = ["/usr/bin/time", "-v", *CLI, *arguments]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"failed: articlebot {' '.join(arguments[:2])}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", done.stderr)
    print(f"  $ articlebot {' '.join(arguments)[:120]}", file=sys.stderr)
    print(
        f"    {elapsed.group(0) if elapsed else ''}; {rss.group(0) if rss else ''}", file=sys.stderr
    )
    return {"s": wall, "rss_mb": int(rss.group(1)) / 1024 if rss else math.nan, "out": done.stdout}  # type: ignore[dict-item]


def cli_import(db: str, corpus: Path, n: int) -> dict[str, float]:
    run = timed(["import", str(corpus), "--db", db])
    tail = str(run.pop("out")).strip().splitlines()[-1:]
    print(f"    {tail[0] if tail else ''}", file=sys.stderr)
    return {"import_per_s": n / run["s"], "import_s": run["s"], "import_rss_mb": run["rss_mb"]}


def cli_ask(db: str, question: str, label: str) -> dict[str, float]:
    run = timed(["ask", question, "--db", db])
    run.pop("out")
    return {f"{label}_s": run["s"], f"{label}_rss_mb": run["rss_mb"]}


def store_mb(db: str) -> float:
    """Bytes the library takes on disk: the SQLite file (and its WAL), or the schema's tables."""
    if not db.startswith("postgresql"):
        return sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p)) / 2**20
    import asyncpg

    schema = re.search(r"search_path=(\w+)", db)
    name = schema.group(1) if schema else "public"

    async def size() -> float:
        connection = await asyncpg.connect(db)
        total = await connection.fetchval(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relkind = 'r'",
            name,
        )
        await connection.close()
        return float(total) / 2**20

    return asyncio.run(size())


def growth(sizes: list[int], values: list[float]) -> str:
    """Name how a figure grows from the smallest size to the largest: its exponent in n."""
    if len(sizes) < 2 or min(values) <= 0 or any(map(math.isnan, values)):
        return "?"
    exponent = math.log(values[-1] / values[0]) / math.log(sizes[-1] / sizes[0])
    kind = "linear" if exponent >= 0.8 else "sub-linear" if exponent >= 0.3 else (
        "log/flat" if exponent >= 0.1 else "flat")  # fmt: skip
    return f"{kind} (∝ n^{exponent:.2f})"
