"""Load: 200 concurrent questions on a 1,000-article guild while 500 more are imported.

Everything goes through one Library on one event loop, as in the bot. A 10 ms ticker measures
how late the loop wakes it: the longest stall is what Discord's heartbeat (and every other
command) would have waited. Prints the figures; asserts nothing.

    python benchmarks/load.py [--articles 1000] [--imported 500] [--questions 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build_articles, build_questions  # noqa: E402

from index.intake.bulk import ImportItem, import_items  # noqa: E402
from index.models import ArticleMeta  # noqa: E402
from index.service import Library  # noqa: E402

GUILD = 4242
TICK = 0.010


class Ticker:
    """Wakes every 10 ms and records how late each wake-up was."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self._stop = asyncio.Event()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stop.is_set():
            due = loop.time() + TICK
            await asyncio.sleep(TICK)
            self.late.append(max(0.0, loop.time() - due))

    def stop(self) -> None:
        self._stop.set()


def items(articles: list) -> list[ImportItem]:
    return [
        ImportItem(a.external_id, ArticleMeta(title=a.title, external_id=a.external_id), text=a.text)
        for a in articles
    ]


async def main(stocked: int, imported: int, asked: int) -> int:
    articles = build_articles(stocked + imported, seed=11)
    questions = build_questions(asked, seed=11)
    with tempfile.TemporaryDirectory() as folder:
        async with await Library.open(Path(folder) / "load.db") as library:
            start = time.perf_counter()
            report = await import_items(library, GUILD, iter(items(articles[:stocked])))
            print(f"stocked {report.added:,} articles in {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            await library.ask(GUILD, "what did the mayor say?")
            print(f"first question (index built) {time.perf_counter() - start:.2f} s\n")

            ticker = Ticker()
            ticking = asyncio.create_task(ticker.run())
            began = time.perf_counter()

            async def importing() -> tuple[float, object]:
                result = await import_items(library, GUILD, iter(items(articles[stocked:])))
                return time.perf_counter() - began, result

            async def one(question: str) -> tuple[float, str]:
                t0 = time.perf_counter()
                try:
                    answer = await library.ask(GUILD, question)
                    outcome = str(answer.kind)
                except Exception as error:  # any error at all is a failure of this run
                    outcome = f"ERROR {type(error).__name__}: {error}"
                return time.perf_counter() - t0, outcome

            importer = asyncio.create_task(importing())
            answers = await asyncio.gather(*(one(q.text) for q in questions))
            answered_by = time.perf_counter() - began
            import_seconds, import_report = await importer
            ticker.stop()
            await ticking
            final = len(await library.articles(GUILD))
            integrity = await library.store.integrity_check()

    latencies = sorted(seconds for seconds, _ in answers)
    outcomes = Counter(outcome for _, outcome in answers)
    errors = {o: n for o, n in outcomes.items() if o.startswith("ERROR")}
    late = ticker.late
    print(f"{'questions asked at once':34} {asked}")
    print(f"{'answered without error':34} {asked - sum(errors.values())}")
    print(f"{'errors':34} {sum(errors.values())} {errors or ''}")
    print(f"{'answer kinds':34} {dict(sorted(outcomes.items()))}")
    print(f"{'latency p50 / p95 / max (s)':34} {statistics.median(latencies):.2f} / "
          f"{latencies[int(0.95 * (len(latencies) - 1))]:.2f} / {latencies[-1]:.2f}")  # fmt: skip
    print(f"{'all answered after (s)':34} {answered_by:.1f}")
    print(f"{'import while answering':34} {import_report.describe().splitlines()[0]} "  # type: ignore[attr-defined]
          f"in {import_seconds:.1f} s")  # fmt: skip
    print(f"{'articles at the end':34} {final:,} (integrity {integrity})")
    print(f"{'event-loop ticks (10 ms)':34} {len(late):,}")
    print(f"{'longest event-loop stall (ms)':34} {1000 * max(late):.0f}")
    print(f"{'stall p99 (ms)':34} {1000 * sorted(late)[int(0.99 * (len(late) - 1))]:.0f}")
    print(f"{'stalls over 100 ms / 500 ms':34} {sum(x > 0.1 for x in late)} / "
          f"{sum(x > 0.5 for x in late)}")  # fmt: skip
    return 1 if errors else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--imported", type=int, default=500)
    parser.add_argument("--questions", type=int, default=200)
    options = parser.parse_args()
    raise SystemExit(asyncio.run(main(options.articles, options.imported, options.questions)))
