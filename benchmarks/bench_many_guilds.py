"""Many guilds in one process within the index memory budget (INDEX_CACHE_MB).

    python benchmarks/bench_many_guilds.py --large /tmp/articlebot-bench/library-30000.db \
        --medium /tmp/articlebot-bench/library-10000.db [--guilds 1000 --per-guild 10 --budget-mb 400]

--large and --medium are libraries bench_scale.py left (their articles in guild 0). The large one
is copied as guild 0; the medium one's rows are appended to it as guild 2 (a 10,000-article
guild); then N small guilds of a few corpus articles each are added. One Library then answers
the large guild, the medium guild, every small guild, and the medium guild again: resident
memory (VmRSS) after each step, the evictions, the cache's estimate against the RSS each index
added, and the evicted medium guild's first answer back (bar ≤ 1 s). The machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_articles, build_questions  # noqa: E402

LARGE, MEDIUM, SMALL = 0, 2, 10_000  # guild ids (small ones from SMALL up)
OFFSET = 10_000_000  # article ids of the medium library, shifted past the large one's


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def combine(large: Path, medium: Path, target: Path) -> None:
    """The large library as guild 0 with the medium one's rows appended as guild 2."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    with sqlite3.connect(large) as source:  # a consistent copy, WAL included
        source.execute(f"VACUUM INTO '{target}'")
    db = sqlite3.connect(target)
    db.execute("ATTACH ? AS m", (str(medium),))
    columns = lambda table: [r[1] for r in db.execute(f"PRAGMA m.table_info({table})")]  # noqa: E731
    for table in ("articles", "passages", "quotes", "speakers", "voices"):
        names = columns(table)
        picked = [
            f"id + {OFFSET}" if c == "id" else f"article_id + {OFFSET}" if c == "article_id"
            else str(MEDIUM) if c == "guild_id" else f'"{c}"'
            for c in names
        ]  # fmt: skip
        quoted = ", ".join(f'"{c}"' for c in names)
        db.execute(f"INSERT INTO main.{table} ({quoted}) SELECT {', '.join(picked)} FROM m.{table}")
    db.execute("INSERT OR REPLACE INTO guild_versions VALUES (?, 1)", (MEDIUM,))
    db.commit()
    db.execute("DETACH m")
    db.close()


async def add_small_guilds(db: Path, guilds: int, per_guild: int) -> None:
    from index.intake.checks import content_hash
    from index.models import ArticleMeta
    from index.quotes.analyze import analyze
    from index.service import Library

    pool = build_articles(min(1_000, guilds * per_guild), seed=11)
    analyses = [analyze(a.text) for a in pool]
    async with await Library.open(db) as library:
        for guild in range(guilds):
            for k in range(per_guild):
                i = (guild * 7 + k * 13) % len(pool)
                await library.store.add_article(
                    SMALL + guild, title=pool[i].title,
                    meta=ArticleMeta(title=pool[i].title, external_id=pool[i].external_id),
                    url_key=None, text=pool[i].text, content_hash=content_hash(pool[i].text),
                    analysis=analyses[i], added_by=None,
                )  # fmt: skip


async def serve(db: Path, guilds: int, budget_mb: float) -> list[str]:
    from index.service import Library, Limits

    asked = [q.text for q in build_questions(200)]
    lines = [f"start: RSS {rss_mb():.0f} MB"]
    limits = Limits(index_cache_bytes=round(budget_mb * 2**20))
    async with await Library.open(db, limits) as library:
        cache = library._indexes
        loads: list[int] = []
        load = cache._load

        async def counted(guild_id: int, version: int):  # type: ignore[no-untyped-def]
            loads.append(guild_id)
            return await load(guild_id, version)

        cache._load = counted  # type: ignore[method-assign]

        async def ask(guild: int, question: str) -> float:
            start = time.perf_counter()
            await library.ask(guild, question)
            return time.perf_counter() - start

        await library.store.version(LARGE)  # the database opened: count from here
        for guild, name in ((LARGE, "large guild (guild 0)"), (MEDIUM, "medium guild (guild 2)")):
            before, estimated = rss_mb(), cache.nbytes
            took = await ask(guild, asked[0])
            await cache.close()  # its snapshot written, if one was due
            lines.append(
                f"{name}: first answer {took:.2f} s; RSS {rss_mb():.0f} MB "
                f"(+{rss_mb() - before:.0f} MB); cache estimate +{(cache.nbytes - estimated) / 2**20:.0f} MB"
            )
        samples, slow = [], []
        start = time.perf_counter()
        for guild in range(guilds):
            took = await ask(SMALL + guild, asked[guild % len(asked)])
            slow.append(took)
            if guild % max(1, guilds // 5) == 0 or guild == guilds - 1:
                samples.append(f"{guild + 1}: {rss_mb():.0f} MB")
        slow.sort()
        lines.append(
            f"{guilds:,} small guilds asked in {time.perf_counter() - start:.0f} s: first answer p50 "
            f"{1000 * slow[len(slow) // 2]:.0f} ms, p95 {1000 * slow[int(len(slow) * 0.95)]:.0f} ms; "
            f"RSS after guild n — {', '.join(samples)}"
        )
        lines.append(
            f"cache: {len(cache)} indexes resident, {cache.nbytes / 2**20:.0f} MB estimated "
            f"(budget {budget_mb:.0f} MB, at most {limits.cached_guilds} guilds); "
            f"{len(loads)} loads, {len(loads) - len(cache)} evictions; "
            f"medium guild resident: {MEDIUM in cache._indexes}, "
            f"large guild resident: {LARGE in cache._indexes}"
        )
        took = await ask(MEDIUM, asked[1])
        lines.append(f"medium guild asked again: first answer back {took:.2f} s (bar ≤ 1 s)")
        took = await ask(LARGE, asked[2])
        lines.append(f"large guild asked again: {took:.2f} s")
        lines.append(f"end: RSS {rss_mb():.0f} MB, peak RSS over the run {peak_mb():.0f} MB")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", required=True, type=Path)
    parser.add_argument("--medium", required=True, type=Path)
    parser.add_argument("--guilds", type=int, default=1_000)
    parser.add_argument("--per-guild", type=int, default=10)
    parser.add_argument("--budget-mb", type=float, default=400)
    parser.add_argument("--work", type=Path, default=Path("/tmp/articlebot-bench"))
    parser.add_argument("--serve-only", action="store_true", help="reuse the combined library")
    args = parser.parse_args()
    db = args.work / "many-guilds.db"
    if not args.serve_only:
        start = time.perf_counter()
        combine(args.large, args.medium, db)
        asyncio.run(add_small_guilds(db, args.guilds, args.per_guild))
        print(f"built {db} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    with sqlite3.connect(db) as counts:
        for guild, name in ((LARGE, "large"), (MEDIUM, "medium")):
            found = counts.execute("SELECT count(*) FROM articles WHERE guild_id = ?", (guild,))
            print(f"- {name} guild: {found.fetchone()[0]:,} articles")
    started = time.perf_counter()
    lines = asyncio.run(serve(db, args.guilds, args.budget_mb))
    print("\n".join(f"- {line}" for line in lines))
    print(f"- serving run took {time.perf_counter() - started:.0f} s; 2 cores shared with other jobs")


if __name__ == "__main__":
    main()
