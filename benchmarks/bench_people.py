"""Speed of who is quoted: `people` and `person` queries and chart rendering at scale.

Builds a library of N articles from benchmarks/corpus.py's recipe (a pool of analysed
articles stored again under other hashes, published over two years), then grows it tenfold
in SQL (every table copied with new ids) for the 10x size. Times each query and drawing
several times in one warm process; the machine may be shared, so read the spread.

    python benchmarks/bench_people.py --size 10000 [--grow 10] [--work /tmp/articlebot-people]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_articles  # noqa: E402

GUILD = 1
POOL = 1_000  # analysed once; stored again under other hashes
REPEAT = 7


async def build(db: Path, size: int) -> None:
    from index.intake.checks import content_hash
    from index.models import ArticleMeta
    from index.quotes.analyze import analyze
    from index.service import Library

    pool = build_articles(POOL)
    analyses = [analyze(a.text) for a in pool]
    today = datetime.now(UTC).date()
    async with await Library.open(db) as library:
        for i in range(size):
            k = i % len(pool)
            published = (today - timedelta(days=(i * 7919) % 730)).isoformat()
            await library.store.add_article(
                GUILD, title=pool[k].title, meta=ArticleMeta(published=published), url_key=None,
                text=pool[k].text, content_hash=content_hash(f"{i}:{pool[k].text}"),
                analysis=analyses[k], added_by=None,
            )  # fmt: skip


def grow(db: Path, times: int) -> None:
    """Copy every article (with its rows) `times - 1` more times under new ids and hashes."""
    with sqlite3.connect(db) as con:
        top = con.execute("SELECT max(id) FROM articles").fetchone()[0]
        for n in range(1, times):
            off = n * top
            con.execute(
                "INSERT INTO articles SELECT id + ?, guild_id, NULL, title, NULL, NULL, outlet,"
                " author, published, added_by, added_at, content_hash || ?, text FROM articles"
                " WHERE id <= ?", (off, f":{n}", top))  # fmt: skip
            for table in ("passages", "quotes", "speakers", "voices"):
                cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
                select = ", ".join("article_id + ?" if c == "article_id" else f'"{c}"' for c in cols)
                # A one-word name's link key names its article: the copies get their own.
                select = select.replace(
                    '"person"', "CASE WHEN instr(name, ' ') = 0 THEN name || ' #' || (article_id + ?)"
                    " ELSE person END")  # fmt: skip
                params = (off, off, top) if table == "voices" else (off, top)
                con.execute(f"INSERT INTO {table} SELECT {select} FROM {table} WHERE article_id <= ?",
                            params)  # fmt: skip


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f})"


async def measure(db: Path) -> None:
    from bot import charts
    from index.service import Library

    async with await Library.open(db) as library:
        articles = await library.store.count(GUILD)
        print(f"library: {articles:,} articles")
        for period in ("7d", "30d", "all"):
            times = []
            for _ in range(REPEAT):
                start = time.perf_counter()
                report = await library.people(GUILD, since=period)
                times.append(1000 * (time.perf_counter() - start))
            print(f"people --since {period}: {spread(times)}; {len(report.people)} rows")
        top = report.people[0]
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            record = await library.person(GUILD, top.name or "")
            times.append(1000 * (time.perf_counter() - start))
        print(f"person {top.name!r} ({record.articles:,} articles): {spread(times)}")
        charts.people_png(report.people, "warm-up")  # the first draw imports matplotlib
        for name, draw in (("people chart", lambda: charts.people_png(report.people, "Who")),
                           ("person chart", lambda: charts.person_png(record))):  # fmt: skip
            times = []
            for _ in range(REPEAT):
                start = time.perf_counter()
                png = draw()
                times.append(1000 * (time.perf_counter() - start))
            print(f"{name} ({len(png):,} bytes): {spread(times)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--grow", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/articlebot-people"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / f"people-{args.size}.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    asyncio.run(build(db, args.size))
    print(f"built {args.size:,} articles in {time.perf_counter() - start:.0f} s")
    asyncio.run(measure(db))
    if args.grow > 1:
        start = time.perf_counter()
        grow(db, args.grow)
        print(f"grown x{args.grow} in SQL in {time.perf_counter() - start:.0f} s")
        asyncio.run(measure(db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
