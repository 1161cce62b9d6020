"""PostgreSQL beside SQLite at scale: `articlebot migrate` of a library, then ask and add latency.

    /work/venv/bin/python benchmarks/bench_pg.py --n 10000 [--pg postgresql://…]

1. Builds (or reuses) a SQLite library of N articles with bench_scale's ingest phase.
2. Times `articlebot migrate --from sqlite:///… --to <fresh schema>` and shows its count check.
3. Runs bench_scale's serve phase (cold start, ask p50/p95/p99, add one → next question sees
   it) on a copy of the SQLite file and on the migrated PostgreSQL schema, each in a fresh
   process, and prints them side by side.

Without --pg a throwaway cluster is started on a unix socket (tests/pgserver.py) and stopped at
the end. The machine is shared: figures are noisy, rerun the decisive ones.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import bench_scale  # noqa: E402

from tests import pgserver  # noqa: E402


def run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(command[:4])}…")
    return done


def serve(db: str, n: int, questions: int) -> dict[str, float]:
    """bench_scale's serve phase on `db` (a path or a URL), in a process of its own."""
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    done = run(
        [sys.executable, __file__, "--phase-serve", db, "--n", str(n), "--questions", str(questions)],
        env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def new_schema(url: str) -> str:
    import asyncpg

    schema = f"bench_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        connection = await asyncpg.connect(url)
        await connection.execute(f"CREATE SCHEMA {schema}")
        await connection.close()

    asyncio.run(create())
    return pgserver.with_search_path(url, schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--pg", help="a PostgreSQL URL (default: a throwaway local cluster)")
    parser.add_argument("--work", default="/tmp/articlebot-pg-bench")
    parser.add_argument("--phase-serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase_serve:
        result = asyncio.run(bench_scale.phase_serve(args.phase_serve, args.n, args.questions))  # type: ignore[arg-type]
        print(json.dumps(result))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    # Named by guild: bench_scale.GUILD became 0 (where `articlebot import` puts articles).
    library = work / f"library-{args.n}-guild{bench_scale.GUILD}.db"
    if not library.exists():
        print(f"ingesting {args.n:,} articles into {library} …", file=sys.stderr)
        bench_scale.run_phase("ingest", db=library, n=args.n)
    cluster = None
    url = args.pg
    if url is None:
        cluster = Path(tempfile.mkdtemp(prefix="articlebot-pg-bench-"))
        url = pgserver.start(cluster)
    try:
        target = new_schema(url)
        cli = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]
        command = [*cli, "migrate", "--from", f"sqlite:///{library}", "--to", target]
        start = time.perf_counter()
        migrated = run(command)
        took = time.perf_counter() - start
        print(f"$ articlebot migrate --from sqlite:///{library} --to <fresh schema>")
        print(migrated.stdout.rstrip())
        print(f"migrate wall time: {took:.1f} s for {args.n:,} articles\n")
        results = {
            "SQLite": serve(str(bench_scale.copy(library)), args.n, args.questions),
            "PostgreSQL": serve(target, args.n, args.questions),
        }
    finally:
        if cluster is not None:
            pgserver.stop(cluster)
    print(render(results, args))


def render(results: dict[str, dict[str, float]], args: argparse.Namespace) -> str:
    names = list(results)
    lines = [
        f"{args.n:,} articles, {args.questions} questions; Library.ask in one process; "
        f"{os.cpu_count()} cores shared with other work.",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for label, key, fmt in (
        ("ask p50", "p50", "{:.1f} ms"),
        ("ask p95", "p95", "{:.1f} ms"),
        ("ask p99", "p99", "{:.1f} ms"),
        ("add one → next question sees it, p50", "add_p50", "{:.0f} ms"),
        ("  same, worst of 20", "add_max", "{:.0f} ms"),
        ("  added article cited by the next answer", "add_seen", "{:.0%}"),
        ("cold start → first answer", "cold_s", "{:.2f} s"),
        ("peak RSS", "rss_mb", "{:.0f} MB"),
    ):
        lines.append(f"| {label} | " + " | ".join(fmt.format(results[n][key]) for n in names) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
