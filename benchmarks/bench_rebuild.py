"""A guild without its index folder: the first question rebuilds the index (issue 23).

Copies a library (its SQLite file alone, never its index folder) into a work folder, then asks
one question on one event loop while a 10 ms ticker measures how late the loop wakes it, as
Discord's heartbeat would wait. Prints the wall and CPU time of the question (the rebuild, the
answer and the save waited for), the peak resident memory of the process, and the loop's
longest stalls. A stall is the loop waiting for its turn (for the interpreter lock beside the
worker thread, or for a core on a busy machine) or work run on the loop itself: the steps that
spent over 20 ms of the loop thread's CPU are listed, with where they stopped. Asserts nothing.

    python benchmarks/bench_rebuild.py --db LIBRARY.db [--work /tmp/x] [--question "..."]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

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


async def rebuild(db: Path, question: str) -> dict[str, float]:
    from index.service import Library

    library = await Library.open(db)
    ticker = Ticker()
    ticking = asyncio.create_task(ticker.run())
    await asyncio.sleep(0.1)  # the ticker's first wake-ups, before any work
    wall, cpu = time.perf_counter(), time.process_time()
    async with library:
        answer = await library.ask(GUILD, question)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ticker.stop()
    await ticking
    late = sorted(ticker.late)
    print(f"answer: {answer.headline!r}, {len(answer.items)} items")
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "longest_stall_ms": 1000 * late[-1],
        "p99_stall_ms": 1000 * late[int(0.99 * (len(late) - 1))],
        "stalls_over_100ms": sum(x > 0.1 for x in late),
        "ticks": len(late),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_rebuild"))
    parser.add_argument("--question", default="what did Henry Clay say?")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / args.db.name
    shutil.copyfile(args.db, db)  # the index folder is left behind: rebuilt at the question
    with LoopSteps() as steps:
        figures = asyncio.run(rebuild(db, args.question))
    figures["loop_cpu_longest_step_ms"] = 1000 * max((t for t, _ in steps.steps), default=0.0)
    for name, value in figures.items():
        print(f"{name}: {value:.1f}" if isinstance(value, float) else f"{name}: {value}")
    for spent, where in sorted(steps.steps, reverse=True)[:12]:
        print(f"  step of {1000 * spent:.0f} ms CPU on the loop, then at {where}")


if __name__ == "__main__":
    main()
