"""Time pathological articles through analyze() and Library.add_text (the issue's bar: 2 s each).

Catastrophic regex backtracking and quadratic scans show up here, not in ordinary news. Speed
is measured and printed, never asserted: the machine's load is not the code's fault.

    python benchmarks/bench_pathological.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.errors import ArticlebotError
from index.quotes.analyze import analyze
from index.service import Library

MB = 1_000_000
BAR = 2.0
WORDS = ("harbor", "council", "vote", "water", "Lind", "said", "the", "ferry", "pier", "a", "of")


def _words(rng: random.Random, size: int, extra: Callable[[random.Random], str]) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        part = rng.choice(WORDS) + extra(rng)
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:size]


def cases() -> dict[str, str]:
    rng = random.Random(9)
    return {
        # Opening marks that never close, straight and curly, among words and speech verbs.
        "1 MB unbalanced quote marks": _words(
            rng, MB, lambda r: r.choice(['"', "“", "", "", "‘", "'", ' said "', ", he said “"])
        ),
        "1 MB of quote marks only": "".join(rng.choice('"“”‘’«»\'') for _ in range(MB)),
        "1 MB single sentence": "Lind said " + _words(rng, MB - 11, lambda r: r.choice(["", ","]))
        + ".",
        "100,000 one-word lines": "\n".join(rng.choice(WORDS) for _ in range(100_000)),
        "1 MB one paragraph, 20k sentences": _words(
            rng, MB, lambda r: ". " + r.choice(WORDS).title() if r.random() < 0.2 else ""
        ),
        "1 MB of 'Mr. ' abbreviations": "Mr. Lind " * (MB // 9),
    }  # fmt: skip


def timed(call: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        call()
        outcome = "ok"
    except ArticlebotError as error:
        outcome = f"refused: {error.message[:50]}"
    return time.perf_counter() - start, outcome


async def main(repeat: int) -> int:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        async with await Library.open(Path(folder) / "bench.db") as library:
            for guild, (name, text) in enumerate(cases().items(), 1):
                analyze_s = min(timed(lambda t=text: analyze(t))[0] for _ in range(repeat))
                start = time.perf_counter()
                try:
                    info = await library.add_text(guild, text)
                    outcome = f"stored, {info.quotes} quotes"
                except ArticlebotError as error:
                    outcome = f"refused: {error.message[:48]}"
                add_s = time.perf_counter() - start
                rows.append((name, len(text), analyze_s, add_s, outcome))
    print(f"{'input':36} {'chars':>9} {'analyze s':>10} {'add_text s':>11}  under {BAR:.0f} s  result")
    for name, chars, analyze_s, add_s, outcome in rows:
        verdict = "yes" if max(analyze_s, add_s) < BAR else "NO"
        print(f"{name:36} {chars:>9,} {analyze_s:>10.3f} {add_s:>11.3f}  {verdict:>9}  {outcome}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="best of N for analyze()")
    raise SystemExit(asyncio.run(main(parser.parse_args().repeat)))
