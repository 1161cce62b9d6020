"""How the cost grows: import, first answer, restart, ask by kind, add-one, memory, disk size.

One command prints one table over the sizes, each phase in a fresh process so peak memory and
start-up are its own (`articlebot import` and `articlebot ask` run under /usr/bin/time -v):

    python benchmarks/bench_scale.py --sizes 10000 30000 100000 [--backend postgresql]

The articles come from the corpus recipe (benchmarks/corpus.py) written once as an import file
in --work (default /tmp/articlebot-bench). --baselines adds naive refit and rank_bm25 rows;
--guilds N adds N small guilds and the event-loop stall. Writes the markdown table to stdout
and to benchmarks/data/scale.md (scale-postgresql.md for PostgreSQL).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
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

import scale_cli  # noqa: E402
from corpus import build_articles, build_questions  # noqa: E402

GUILD = 0  # the terminal's own library: where `articlebot import` puts articles
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
    # The saved index files too (beside the file), or serving would rebuild the whole index.
    index = Path(f"{db}.index")
    shutil.rmtree(f"{target}.index", ignore_errors=True)
    if index.is_dir():
        shutil.copytree(index, f"{target}.index")
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


def added_articles(n: int, adds: int) -> list:  # type: ignore[type-arg]
    """The `adds` articles that follow the corpus's first n, built in a child process: building
    them builds the n before them, whose memory (480 MB at 30,000) is the benchmark's own and
    must not count in the serving peak (this process's peak RSS)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_articles_after, n, adds).result()


def _articles_after(n: int, adds: int) -> list:  # type: ignore[type-arg]
    return build_articles(n + adds)[n:]


async def phase_serve(db: Path, n: int, questions: int, adds: int = EXTRA) -> dict[str, float]:
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
        added: list[float] = []
        seen = 0
        # New articles come after the corpus's n (built again: minutes at 100,000; --adds 0 skips).
        for article in added_articles(n, adds) if adds else []:
            # A whole paragraph as the question: its own passage scores 1.0 (cosine favours short
            # passages, so a few of a long paragraph's words may rank a shorter one first).
            body = [p for p in article.text.split("\n\n")[1:] if len(p.split()) >= 15]
            question = min(body or [article.text], key=len)[:900]
            start = time.perf_counter()
            info = await library.add_text(GUILD, article.text, meta(article))
            await library.ask(GUILD, question)
            added.append(1000 * (time.perf_counter() - start))
            # Seen: the new article ranks first (recombined articles share paragraphs: ties count).
            index = await library.guild_index(GUILD)
            best = index.passages.search(question, k=1)
            mine = index.passages.search(question, k=1, article_ids={info.id})
            seen += bool(best and mine and mine[0].score >= best[0].score - 1e-6)
        await library._indexes.close()
    result = {
        "cold_s": cold,
        "mean": sum(every) / len(every),
        "p50": pct(every, 50),
        "p95": pct(every, 95),
        "p99": pct(every, 99),
        "add_p50": pct(added, 50) if added else math.nan,
        "add_max": max(added, default=math.nan),
        "add_seen": seen / len(added) if added else math.nan,
        "rss_mb": rss_mb(),
    }
    for kind, values in latencies.items():
        result[f"p50_{kind}"] = pct(values, 50)
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
    "serve": lambda a: phase_serve(a.db if "://" in a.db else Path(a.db), a.n, a.questions, a.adds),  # type: ignore[arg-type]
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
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--baselines", action="store_true", help="also naive refit and rank_bm25")
    parser.add_argument("--naive", type=int, default=5, help="questions for the refit baseline")
    parser.add_argument("--guilds", type=int, default=0, help="also N small guilds and loop lag")
    parser.add_argument("--per-guild", type=int, default=20)
    parser.add_argument("--work", default="/tmp/articlebot-bench")
    parser.add_argument("--db")
    parser.add_argument("--n", type=int)
    parser.add_argument("--adds", type=int, default=EXTRA, help="serve phase: articles added")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(asyncio.run(PHASES[args.phase](args))))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cluster = None
    if args.backend == "postgresql":
        import tempfile

        from tests import pgserver

        cluster = Path(tempfile.mkdtemp(prefix="articlebot-scale-pg-"))
        url = pgserver.start(cluster)
    rows = {}
    try:
        for n in args.sizes:
            started = time.perf_counter()
            corpus = work / f"corpus-{n}.jsonl"
            scale_cli.write_corpus(corpus, n)
            if cluster is None:
                db = str(work / f"library-{n}.db")
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            else:
                from bench_pg import new_schema

                db = new_schema(url)
            first = build_questions(1)[0].text
            rows[n] = {
                **scale_cli.cli_import(db, corpus, n),
                # The first question after the import builds whatever the import left unbuilt;
                # the second process shows start-up to the first answer from what was saved.
                **scale_cli.cli_ask(db, first, "first_ask"),
                **scale_cli.cli_ask(db, first, "restart_ask"),
                "store_mb": scale_cli.store_mb(db),
                # Served from a copy (SQLite): the articles it adds must not stay for the next run.
                **{f"serve_{k}": v for k, v in run_phase("serve", db=copy(Path(db)) if cluster is None else db, n=n, questions=args.questions).items()},
            }  # fmt: skip
            if args.baselines and cluster is None:
                rows[n].update(
                    run_phase("baselines", db=db, questions=args.questions, naive=args.naive)
                )
            print(
                f"  {n:,} articles done in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
    finally:
        if cluster is not None:
            pgserver.stop(cluster)
    extras = None
    if args.guilds:
        guilds = run_phase(
            "guilds", db=work / "guilds.db", guilds=args.guilds, per_guild=args.per_guild
        )
        extras = (guilds, run_phase("looplag", db=work / "looplag.db", n=1_000))
    raw = {"backend": args.backend, "sizes": rows, "extras": extras}
    (work / f"results-{args.backend}.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    table = render(rows, extras, args)
    print(table)
    (ROOT / "benchmarks" / "data").mkdir(exist_ok=True)
    name = "scale.md" if args.backend == "sqlite" else f"scale-{args.backend}.md"
    (ROOT / "benchmarks" / "data" / name).write_text(table + "\n", encoding="utf-8")


def render(rows: dict[int, dict[str, float]], extras: tuple[dict[str, float], dict[str, float]] | None, args: argparse.Namespace) -> str:  # fmt: skip
    sizes = list(rows)
    lines = [
        f"Backend {args.backend}; machine: {os.cpu_count()} cores (shared with other jobs), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB, "
        f"Python {sys.version.split()[0]}; {args.questions} questions "
        "(speaker, speaker+topic, quoted phrase, topic, open).",
        "",
        "| measure | bar at 100,000 | "
        + " | ".join(f"{n:,} articles" for n in sizes)
        + " | grows |",
        "|---|---|" + "---|" * len(sizes) + "---|",
    ]

    def row(label: str, bar: str, fmt: str, key: str) -> None:
        values = [rows[n].get(key, float("nan")) for n in sizes]
        cells = " | ".join(fmt.format(v) for v in values)
        lines.append(f"| {label} | {bar} | {cells} | {scale_cli.growth(sizes, values)} |")

    row("`articlebot import` rate", "≥ 300/s", "{:.0f}/s", "import_per_s")
    row("  import wall time", "", "{:,.0f} s", "import_s")
    row("  import peak RSS", "≤ 2 GB with build", "{:,.0f} MB", "import_rss_mb")
    row(
        "first `articlebot ask` after import (builds what is unbuilt)",
        "≤ 3 s",
        "{:.1f} s",
        "first_ask_s",
    )
    row("  its peak RSS (build memory)", "≤ 2 GB", "{:,.0f} MB", "first_ask_rss_mb")
    row(
        "new process: start → first answer (`articlebot ask`)", "≤ 3 s", "{:.1f} s", "restart_ask_s"
    )
    row("  its peak RSS", "≤ 1 GB", "{:,.0f} MB", "restart_ask_rss_mb")
    row("ask p50 (Library.ask, answer included)", "", "{:.1f} ms", "serve_p50")
    row("ask p95", "≤ 20 ms", "{:.1f} ms", "serve_p95")
    for kind in ("speaker", "speaker-topic", "who-said", "topic", "open"):
        row(f"  p50, {kind} questions", "", "{:.1f} ms", f"serve_p50_{kind}")
        row(f"  p95, {kind} questions", "≤ 20 ms", "{:.1f} ms", f"serve_p95_{kind}")
    row("add one article → next question sees it (p50)", "≤ 100 ms", "{:.0f} ms", "serve_add_p50")
    row("  same, worst of 20", "", "{:.0f} ms", "serve_add_max")
    row("  added article cited by the next answer", "", "{:.0%}", "serve_add_seen")
    row("peak RSS serving (Library: start, asks, adds)", "≤ 1 GB", "{:,.0f} MB", "serve_rss_mb")
    row("store on disk" + (" (SQLite file + WAL)" if args.backend == "sqlite" else " (tables + indexes)"), "≤ 1.5 GB", "{:,.0f} MB", "store_mb")  # fmt: skip
    if args.baselines:
        row("retrieval alone p50 (PassageIndex)", "", "{:.2f} ms", "ours_p50")
        row("naive: refit TfidfVectorizer per question, p50", "", "{:,.0f} ms", "naive_p50")
        row("rank_bm25 BM25Okapi.get_scores p50", "", "{:.1f} ms", "bm25_p50")
    lines += ["", "grows: the exponent of n from the smallest size to the largest "
              "(≥ 0.8 linear, 0.3–0.8 sub-linear, 0.1–0.3 log/flat, < 0.1 flat)."]  # fmt: skip
    if extras:
        guilds, lag = extras
        lines += [
            "",
            f"{args.guilds:,} guilds × {args.per_guild} articles, each guild asked once then again: "
            f"first ask p50 {guilds['first_p50']:.1f} ms / p95 {guilds['first_p95']:.1f} ms, "
            f"second ask p50 {guilds['again_p50']:.1f} ms / p95 {guilds['again_p95']:.1f} ms; "
            f"{guilds['cached']:.0f} indexes cached ({guilds['cache_mb']:.0f} MB estimated), "
            f"peak RSS {guilds['rss_mb']:.0f} MB.",
            "",
            f"Event loop, 10 ms ticker while importing 1,000 articles and answering "
            f"({lag['answers']:.0f} answers in {lag['import_s']:.0f} s): longest stall "
            f"{lag['stall_ms']:.0f} ms (bar ≤ 100 ms).",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
