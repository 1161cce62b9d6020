"""One person quoted in thousands of articles: how long "what did X say?" takes, and renders.

Builds a library of --articles benchmark articles (benchmarks/corpus.py), each with one added
paragraph that quotes the same invented official (our own sentences, varied by template), with
publication dates spread over the years so that newest-first ordering is exercised. Then, in
one process:

    python benchmarks/bench_speaker.py [--articles 2000] [--runs 5]

prints the first ask after a fresh index version (an add invalidates what the index remembers),
the next asks, /quotes, and rendering the answer as Discord pages (what the bot also does).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_articles  # noqa: E402

GUILD = 1
NAME = "Marisol Quenby"
SUBJECTS = ("the bus depot", "the night routes", "fares", "the new tram line", "the budget",
            "the drivers' contract", "the river crossing", "ticket machines")  # fmt: skip
SAYINGS = (
    "We are not going to pretend that {s} is finished",
    "Nobody on my staff expected {s} to take this long",
    "I told the council in March that {s} would need more money",
    "Riders deserve a straight answer about {s}",
    "There is no version of this plan where {s} gets ignored",
)


def quoting_paragraph(rng: random.Random) -> str:
    saying = rng.choice(SAYINGS).format(s=rng.choice(SUBJECTS))
    later = rng.choice(SAYINGS).format(s=rng.choice(SUBJECTS))
    return (
        f"“{saying},” said {NAME}, the regional transit director. "
        f"Quenby added that {later.lower()}."
    )


async def build(db: Path, count: int) -> None:
    from index.intake.checks import content_hash
    from index.models import ArticleMeta
    from index.quotes.analyze import analyze
    from index.service import Library

    rng = random.Random(23)
    async with await Library.open(db) as library:
        for number, article in enumerate(build_articles(count)):
            text = f"{article.text}\n\n{quoting_paragraph(rng)}"
            published = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            meta = ArticleMeta(title=article.title, published=published, external_id=f"q{number}")
            await library.store.add_article(
                GUILD, title=article.title, meta=meta, url_key=None, text=text,
                content_hash=content_hash(text), analysis=analyze(text), added_by=None,
            )  # fmt: skip


async def measure(db: Path, runs: int) -> dict[str, list[float]]:
    from bot import render
    from index.service import Library

    timings: dict[str, list[float]] = {}

    def took(key: str, start: float) -> None:
        timings.setdefault(key, []).append(1000 * (time.perf_counter() - start))

    question = "what did Quenby say?"
    async with await Library.open(db) as library:
        await library.ask(GUILD, "what about the weather?")  # the index, loaded or built
        for run in range(runs):
            # A new index version, as each added article makes: nothing remembered.
            await library.add_text(GUILD, f"Filler notice {time.time_ns()} number {run} for the record.\n\n" * 3)
            await library.guild_index(GUILD)
            start = time.perf_counter()
            answer = await library.ask(GUILD, question)
            took("ask, first after an add", start)
            start = time.perf_counter()
            await library.ask(GUILD, question)
            took("ask, again", start)
            start = time.perf_counter()
            await library.quotes(GUILD, NAME)
            took("quotes", start)
            start = time.perf_counter()
            pages = render.answer_pages(answer)
            took("render as Discord pages", start)
        print(f"headline: {answer.headline}")
        print(f"items in the answer: {len(answer.items)}; Discord pages: {len(pages)}")
        print(f"answer total: {getattr(answer, 'total', None)}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="reuse (or build) this library file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(args.db or Path(folder) / "speaker.db")
        if not db.exists():
            start = time.perf_counter()
            asyncio.run(build(db, args.articles))
            print(f"built {args.articles} articles in {time.perf_counter() - start:.0f} s")
        timings = asyncio.run(measure(db, args.runs))
    for key, values in timings.items():
        print(
            f"{key}: median {statistics.median(values):.1f} ms, "
            f"min {min(values):.1f}, max {max(values):.1f} ({len(values)} runs)"
        )


if __name__ == "__main__":
    main()
