"""Start-up time of the terminal commands: what a user waits for before anything happens.

Each command runs as its own process (`python -m bot`, the same program as `articlebot`) five
times against a small library (the bundled example article, plus ../shared's lapd-beck.txt
when it is there); prints the min and median wall-clock seconds of each:

    python benchmarks/bench_startup.py [--runs 5]

`remove` gets a fresh copy of the library before each run (the copy is not timed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [ROOT / "examples" / "harbor-council.txt", ROOT.parent / "shared/articles/lapd-beck.txt"]
COMMANDS = {
    "--help": ["--help"],
    "list": ["list"],
    "remove": ["remove", "1"],
    "ask": ["ask", "what did Okafor say?"],
}


def articlebot(db: Path, *words: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARTICLEBOT_DB": str(db), "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *words], cwd=ROOT, env=env, capture_output=True, text=True
    )


def timed(db: Path, words: list[str]) -> float:
    start = time.perf_counter()
    done = articlebot(db, *words)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"articlebot {' '.join(words)} failed: {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "small.db"
        added = [path for path in ARTICLES if path.is_file()]
        for path in added:
            articlebot(library, "add", str(path)).check_returncode()
        articlebot(library, "ask", "warm up").check_returncode()  # first-use work is not start-up
        print(f"library: {', '.join(path.name for path in added)}; {runs} runs each")
        print(f"{'command':<8} {'min s':>6} {'median s':>9}   all")
        for name, words in COMMANDS.items():
            times = []
            for _ in range(runs):
                db = library
                if name == "remove":
                    db = Path(folder) / "scratch.db"
                    shutil.copyfile(library, db)
                times.append(timed(db, words))
            listing = " ".join(f"{t:.2f}" for t in times)
            print(f"{name:<8} {min(times):>6.2f} {statistics.median(times):>9.2f}   {listing}")


if __name__ == "__main__":
    main()
