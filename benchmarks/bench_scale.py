"""Speed at scale: ingest, build, ask, add-one, cold start, memory, baselines, loop lag.

One command runs everything, each phase in a fresh process so peak memory and cold start are
its own:

    /work/venv/bin/python benchmarks/bench_scale.py --sizes 1000 10000 --guilds 1000

Writes the markdown table to stdout and to benchmarks/data/scale.md. Databases go to --work
(default /tmp/articlebot-bench) and are reused between phases of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_articles, build_questions  # noqa: E402

GUILD = 1
EXTRA = 20  # articles added one at a time to a warm library


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def meta(article):  # type: ignore[no-untyped-def]
    from index.models import ArticleMeta

    return ArticleMeta(title=article.title, external_id=article.external_id)


# --- phases (each runs in its own process) -------------------------------------------------------


def copy(db: Path) -> Path:
    target = db.with_suffix(".serve.db")
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(db, target)
    return target


def fresh(db: Path) -> None:
    db.unlink(missing_ok=True)


async def phase_ingest(db: Path, n: int) -> dict[str, float]:
    from index.service import Library

    fresh(db)
    articles = build_articles(n)
    async with await Library.open(db) as library:
        start = time.perf_counter()
        for article in articles:
            await library.add_text(GUILD, article.text, meta(article))
        elapsed = time.perf_counter() - start
    return {"ingest_per_s": n / elapsed, "ingest_ms": 1000 * elapsed / n, "rss_mb": rss_mb()}


async def phase_build(db: Path) -> dict[str, float]:
    from index.service import Library

    async with await Library.open(db) as library:
        await library.store._db.execute("DELETE FROM index_snapshots")
        start = time.perf_counter()
        index = await library.guild_index(GUILD)
        elapsed = time.perf_counter() - start
        await library._indexes.close()  # the snapshot, written in the background
        return {"build_s": elapsed, "passages": len(index.passages), "rss_mb": rss_mb()}


async def phase_serve(db: Path, n: int, questions: int) -> dict[str, float]:
    from index.service import Library

    asked = [q.text for q in build_questions(questions)]
    async with await Library.open(db) as library:
        await library.ask(GUILD, asked[0])
        cold = time.time() - float(os.environ["BENCH_T0"])
        for text in asked[:20]:  # warm up
            await library.ask(GUILD, text)
        latencies: dict[str, list[float]] = {}
        for question in build_questions(questions):
            start = time.perf_counter()
            await library.ask(GUILD, question.text)
            latencies.setdefault(question.kind, []).append(1000 * (time.perf_counter() - start))
        every = [v for values in latencies.values() for v in values]
        adds, seen = [], 0
        for article in build_articles(n + EXTRA)[n:]:
            # A whole paragraph as the question: its own passage scores 1.0 (cosine favours short
            # passages, so a few of a long paragraph's words may rank a shorter one first).
            body = [p for p in article.text.split("\n\n")[1:] if len(p.split()) >= 15]
            question = min(body or [article.text], key=len)[:900]
            start = time.perf_counter()
            info = await library.add_text(GUILD, article.text, meta(article))
            await library.ask(GUILD, question)
            adds.append(1000 * (time.perf_counter() - start))
            # Seen: the new article ranks first (recombined articles share paragraphs: ties count).
            index = await library.guild_index(GUILD)
            best = index.passages.search(question, k=1)
            mine = index.passages.search(question, k=1, article_ids={info.id})
            seen += bool(best and mine and mine[0].score >= best[0].score - 1e-6)
        await library._indexes.close()
    result = {
        "cold_s": cold,
        "p50": pct(every, 50),
        "p95": pct(every, 95),
        "p99": pct(every, 99),
        "add_p50": pct(adds, 50),
        "add_max": max(adds),
        "add_seen": seen / len(adds),
        "rss_mb": rss_mb(),
    }
    for kind, values in latencies.items():
        result[f"p95_{kind}"] = pct(values, 95)
    return result


async def phase_cold(db: Path) -> dict[str, float]:
    """Process start to the first answer alone (serve measures it too, among other things)."""
    from index.service import Library

    async with await Library.open(db) as library:
        await library.ask(GUILD, build_questions(1)[0].text)
        return {"cold_s": time.time() - float(os.environ["BENCH_T0"]), "rss_mb": rss_mb()}


async def phase_baselines(db: Path, questions: int, naive: int) -> dict[str, float]:
    import numpy as np
    from rank_bm25 import BM25Okapi

    from index.answer.guild_index import passages_of
    from index.answer.retrieve import PassageIndex
    from index.store.sqlite import SqliteStore
    from index.text.terms import terms, vectorizer

    store = await SqliteStore.open(db)
    articles = await store.load_articles(GUILD)
    await store.close()
    passages, texts = passages_of(articles)
    del articles
    ours = PassageIndex(passages, texts)
    asked = [q.text for q in build_questions(questions) if q.kind in ("topic", "open")]

    def top(scores: np.ndarray) -> set[int]:
        return {int(i) for i in np.argsort(-scores, kind="stable")[:5] if scores[i] > 0}

    ours_ms, ours_top = [], []
    for text in asked:
        start = time.perf_counter()
        ours_top.append(top(ours.scores(text)))
        ours_ms.append(1000 * (time.perf_counter() - start))
    naive_ms, naive_overlap = [], []
    for i, text in enumerate(asked[:naive]):
        start = time.perf_counter()
        fitted = vectorizer()
        matrix = fitted.fit_transform(texts)
        scores = (matrix @ fitted.transform([text]).T).toarray().ravel()
        naive_ms.append(1000 * (time.perf_counter() - start))
        naive_overlap.append(len(top(scores) & ours_top[i]) / 5)
    start = time.perf_counter()
    bm25 = BM25Okapi([terms(t) for t in texts])
    bm25_build = time.perf_counter() - start
    bm25_ms, bm25_overlap = [], []
    for i, text in enumerate(asked[: max(naive, 40)]):
        start = time.perf_counter()
        scores = bm25.get_scores(terms(text))
        bm25_ms.append(1000 * (time.perf_counter() - start))
        bm25_overlap.append(len(top(scores) & ours_top[i]) / 5)
    return {
        "ours_p50": pct(ours_ms, 50),
        "ours_p95": pct(ours_ms, 95),
        "naive_p50": pct(naive_ms, 50),
        "naive_overlap": statistics.mean(naive_overlap),
        "bm25_build_s": bm25_build,
        "bm25_p50": pct(bm25_ms, 50),
        "bm25_p95": pct(bm25_ms, 95),
        "bm25_overlap": statistics.mean(bm25_overlap),
    }


async def phase_guilds(db: Path, guilds: int, per_guild: int) -> dict[str, float]:
    from index.intake.checks import content_hash
    from index.quotes.analyze import analyze
    from index.service import Library

    fresh(db)
    pool = build_articles(min(2_000, guilds * per_guild))
    analyses = [analyze(a.text) for a in pool]  # analysis is measured elsewhere: reuse it here
    async with await Library.open(db) as library:
        for guild in range(guilds):
            for k in range(per_guild):
                i = (guild * 7 + k * 13) % len(pool)
                await library.store.add_article(
                    10_000 + guild, title=pool[i].title, meta=meta(pool[i]), url_key=None,
                    text=pool[i].text, content_hash=content_hash(pool[i].text),
                    analysis=analyses[i], added_by=None,
                )  # fmt: skip
    del pool, analyses
    asked = [q.text for q in build_questions(guilds)]
    async with await Library.open(db) as library:
        first, again = [], []
        for guild in range(guilds):
            start = time.perf_counter()
            await library.ask(10_000 + guild, asked[guild])
            first.append(1000 * (time.perf_counter() - start))
        for guild in range(guilds):
            start = time.perf_counter()
            await library.ask(10_000 + guild, asked[-guild - 1])
            again.append(1000 * (time.perf_counter() - start))
        cache = library._indexes
        return {
            "first_p50": pct(first, 50),
            "first_p95": pct(first, 95),
            "again_p50": pct(again, 50),
            "again_p95": pct(again, 95),
            "cached": len(cache),
            "cache_mb": cache.nbytes / 2**20,
            "rss_mb": rss_mb(),
        }


async def phase_looplag(db: Path, n: int) -> dict[str, float]:
    from index.service import Library

    fresh(db)
    articles = build_articles(n)
    asked = [q.text for q in build_questions(200)]
    async with await Library.open(db) as library:
        await library.add_text(GUILD, articles[0].text, meta(articles[0]))
        done = asyncio.Event()
        worst = 0.0
        answers = 0

        async def ticker() -> None:
            nonlocal worst
            while not done.is_set():
                start = time.perf_counter()
                await asyncio.sleep(0.01)
                worst = max(worst, time.perf_counter() - start - 0.01)

        async def importer() -> None:
            for article in articles[1:]:
                await library.add_text(GUILD, article.text, meta(article))
            done.set()

        async def asker() -> None:
            nonlocal answers
            while not done.is_set():
                await library.ask(GUILD, asked[answers % len(asked)])
                answers += 1
                await asyncio.sleep(0.05)

        start = time.perf_counter()
        await asyncio.gather(ticker(), importer(), asker())
        elapsed = time.perf_counter() - start
        await library._indexes.close()
    return {"stall_ms": 1000 * worst, "answers": answers, "import_s": elapsed}


PHASES = {
    "ingest": lambda a: phase_ingest(Path(a.db), a.n),
    "build": lambda a: phase_build(Path(a.db)),
    "serve": lambda a: phase_serve(Path(a.db), a.n, a.questions),
    "cold": lambda a: phase_cold(Path(a.db)),
    "baselines": lambda a: phase_baselines(Path(a.db), a.questions, a.naive),
    "guilds": lambda a: phase_guilds(Path(a.db), a.guilds, a.per_guild),
    "looplag": lambda a: phase_looplag(Path(a.db), a.n),
}


def run_phase(name: str, **options: object) -> dict[str, float]:
    command = [sys.executable, __file__, "--phase", name]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {name} failed")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  {name} {options}: {json.dumps(result)}", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phase", choices=PHASES)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--naive", type=int, default=5, help="questions for the refit baseline")
    parser.add_argument("--guilds", type=int, default=1_000)
    parser.add_argument("--per-guild", type=int, default=20)
    parser.add_argument("--work", default="/tmp/articlebot-bench")
    parser.add_argument("--db")
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(asyncio.run(PHASES[args.phase](args))))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = {}
    for n in args.sizes:
        db = work / f"library-{n}.db"
        rows[n] = {
            **run_phase("ingest", db=db, n=n),
            **{f"build_{k}": v for k, v in run_phase("build", db=db).items()},
            # Served from a copy: the articles it adds must not stay for the next run.
            **{f"serve_{k}": v for k, v in run_phase("serve", db=copy(db), n=n, questions=args.questions).items()},
            **run_phase("baselines", db=db, questions=args.questions, naive=args.naive),
        }  # fmt: skip
    guilds = run_phase("guilds", db=work / "guilds.db", guilds=args.guilds, per_guild=args.per_guild)
    lag = run_phase("looplag", db=work / "looplag.db", n=1_000)
    raw = {"sizes": rows, "guilds": guilds, "looplag": lag}
    (work / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    table = render(rows, guilds, lag, args)
    print(table)
    (ROOT / "benchmarks" / "data").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "data" / "scale.md").write_text(table + "\n", encoding="utf-8")


def render(rows: dict[int, dict[str, float]], guilds: dict[str, float], lag: dict[str, float], args: argparse.Namespace) -> str:  # fmt: skip
    sizes = list(rows)
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"{args.questions} questions (speaker, speaker+topic, quoted phrase, topic, open).",
        "",
        "| measure | bar | " + " | ".join(f"{n:,} articles" for n in sizes) + " |",
        "|---|---|" + "---|" * len(sizes),
    ]

    def row(label: str, bar: str, fmt: str, key: str) -> None:
        lines.append(f"| {label} | {bar} | " + " | ".join(fmt.format(rows[n][key]) for n in sizes) + " |")  # fmt: skip

    row("passages", "", "{:,.0f}", "build_passages")
    row("ingest (Library.add_text)", "≥ 100/s", "{:.0f}/s", "ingest_per_s")
    row("index build from scratch", "", "{:.1f} s", "build_build_s")
    row("ask p50 (Library.ask, answer included)", "", "{:.1f} ms", "serve_p50")
    row("ask p95", "≤ 20 ms", "{:.1f} ms", "serve_p95")
    row("ask p99", "", "{:.1f} ms", "serve_p99")
    for kind in ("speaker", "speaker-topic", "who-said", "topic", "open"):
        row(f"  p95, {kind} questions", "", "{:.1f} ms", f"serve_p95_{kind}")
    row("add one article → next question sees it (p50)", "≤ 100 ms", "{:.0f} ms", "serve_add_p50")
    row("  same, worst of 20", "", "{:.0f} ms", "serve_add_max")
    row("  added article cited by the next answer", "", "{:.0%}", "serve_add_seen")
    row("cold start: process start → first answer", "≤ 3 s", "{:.2f} s", "serve_cold_s")
    row("peak RSS serving (cold start, asks, adds)", "≤ 1 GB", "{:.0f} MB", "serve_rss_mb")
    row("peak RSS building from scratch", "", "{:.0f} MB", "build_rss_mb")
    row("retrieval alone p50 (PassageIndex)", "", "{:.2f} ms", "ours_p50")
    row("naive: refit TfidfVectorizer per question, p50", "", "{:,.0f} ms", "naive_p50")
    lines.append("| speed-up over naive (retrieval) | ≥ 100× | " + " | ".join(f"{rows[n]['naive_p50'] / rows[n]['ours_p50']:,.0f}×" for n in sizes) + " |")  # fmt: skip
    row("  top-5 overlap with naive", "", "{:.0%}", "naive_overlap")
    row("rank_bm25 BM25Okapi.get_scores p50", "", "{:.1f} ms", "bm25_p50")
    lines.append("| speed-up over rank_bm25 (retrieval) | > 1× | " + " | ".join(f"{rows[n]['bm25_p50'] / rows[n]['ours_p50']:,.0f}×" for n in sizes) + " |")  # fmt: skip
    row("  top-5 overlap with rank_bm25", "", "{:.0%}", "bm25_overlap")
    lines += [
        "",
        f"{args.guilds:,} guilds × {args.per_guild} articles, each guild asked once then again: "
        f"first ask p50 {guilds['first_p50']:.1f} ms / p95 {guilds['first_p95']:.1f} ms, "
        f"second ask p50 {guilds['again_p50']:.1f} ms / p95 {guilds['again_p95']:.1f} ms; "
        f"{guilds['cached']:.0f} indexes cached ({guilds['cache_mb']:.0f} MB estimated), "
        f"peak RSS {guilds['rss_mb']:.0f} MB (bar ≤ 1 GB).",
        "",
        f"Event loop, 10 ms ticker while importing 1,000 articles and answering "
        f"({lag['answers']:.0f} answers in {lag['import_s']:.0f} s): longest stall "
        f"{lag['stall_ms']:.0f} ms (bar ≤ 100 ms).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
