"""A guild without its index folder: the first question rebuilds the index (issue 23).

Copies a library (its SQLite file alone, never its index folder) into a work folder, then asks
one question on one event loop while a 10 ms ticker measures how late the loop wakes it, as
Discord's heartbeat would wait. Prints the wall and CPU time of the question (the rebuild, the
answer and the save waited for), the peak resident memory of the process, and the loop's
longest stalls. A stall is the loop waiting for its turn (for the interpreter lock beside the
worker thread, or for a core on a busy machine) or work run on the loop itself: the steps that
spent over 20 ms of the loop thread's CPU are listed, with where they stopped. Then it asks
mixed questions of the rebuilt index and prints what stays resident as it serves (VmRSS, and of
it the pages of files: RssFile) after the rebuild and after them; `--answers` writes every
answer as JSON, to compare two trees. Asserts nothing.

    python benchmarks/bench_rebuild.py --db LIBRARY.db [--work /tmp/x] [--question "..."]
        [--questions 50] [--answers answers.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_questions  # noqa: E402
from load import Ticker  # noqa: E402

GUILD = 0  # where `articlebot import` puts articles


class LoopSteps:
    """Time each step the loop runs by the CPU its thread spends in it (waiting for the
    interpreter lock or for a core costs none): the work done on the loop itself. Steps over
    20 ms are kept with where their coroutine stopped (the await after the work)."""

    def __init__(self) -> None:
        self.steps: list[tuple[float, str]] = []
        self._run = asyncio.events.Handle._run

    def __enter__(self) -> LoopSteps:
        run, steps = self._run, self.steps

        def timed(handle: asyncio.events.Handle) -> None:
            start = time.thread_time()
            run(handle)
            spent = time.thread_time() - start
            if spent > 0.02:
                steps.append((spent, _where(handle)))

        asyncio.events.Handle._run = timed  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.events.Handle._run = self._run  # type: ignore[method-assign]


def _where(handle: asyncio.events.Handle) -> str:
    task = getattr(handle._callback, "__self__", None)
    coro = task.get_coro() if isinstance(task, asyncio.Task) else None
    places = []
    while coro is not None and getattr(coro, "cr_frame", None) is not None:
        frame = coro.cr_frame
        places.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")
        coro = coro.cr_await
    return " > ".join(places[-4:]) or repr(handle._callback)[:80]


def memory_mb() -> dict[str, float]:
    """The process's resident memory now (all, and of files), and its peak, in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    now = {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "RssFile")}
    return now | {"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _shown(figures: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.0f} MB" for name, value in figures.items())


async def rebuild(
    db: Path, question: str, questions: int, steps: LoopSteps
) -> tuple[dict[str, float], list[object]]:
    """Rebuild at `question`, then ask `questions` mixed ones; return the figures and answers.
    The loop's steps after the rebuild are dropped: the figures are the rebuild's."""
    from index.service import Library

    library = await Library.open(db)
    ticker = Ticker()
    ticking = asyncio.create_task(ticker.run())
    await asyncio.sleep(0.1)  # the ticker's first wake-ups, before any work
    async with library:
        wall, cpu = time.perf_counter(), time.process_time()
        asked = [await library.ask(GUILD, question)]
        await library._indexes.close()  # its save (files linked, the build's removed)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        ticker.stop()
        await ticking
        rebuild_steps = list(steps.steps)
        print(f"answer: {asked[0].headline!r}, {len(asked[0].items)} items")
        print(f"after the rebuild: {_shown(memory_mb())}")
        for mixed in build_questions(questions) if questions else []:
            asked.append(await library.ask(GUILD, mixed.text))
        print(f"after {questions} mixed questions: {_shown(memory_mb())}")
    late = sorted(ticker.late)
    figures = {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "longest_stall_ms": 1000 * late[-1],
        "p99_stall_ms": 1000 * late[int(0.99 * (len(late) - 1))],
        "stalls_over_100ms": sum(x > 0.1 for x in late),
        "ticks": len(late),
        "loop_cpu_longest_step_ms": 1000 * max((t for t, _ in rebuild_steps), default=0.0),
    }
    steps.steps[:] = rebuild_steps
    answers = [
        [a.kind, a.headline, [[i.article.id, i.text, i.start, i.score, i.quote] for i in a.items]]
        for a in asked
    ]
    return figures, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_rebuild"))
    parser.add_argument("--question", default="what did Henry Clay say?")
    parser.add_argument("--questions", type=int, default=50, help="mixed ones after the rebuild")
    parser.add_argument("--answers", type=Path, help="write every answer here as JSON")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / args.db.name
    shutil.copyfile(args.db, db)  # the index folder is left behind: rebuilt at the question
    with LoopSteps() as steps:
        figures, answers = asyncio.run(rebuild(db, args.question, args.questions, steps))
    for name, value in figures.items():
        print(f"{name}: {value:.1f}" if isinstance(value, float) else f"{name}: {value}")
    for spent, where in sorted(steps.steps, reverse=True)[:12]:
        print(f"  step of {1000 * spent:.0f} ms CPU on the loop, then at {where}")
    if args.answers is not None:
        args.answers.write_text(json.dumps(answers, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
