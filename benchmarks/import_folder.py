"""`articlebot import FOLDER` on 1,000 generated articles: whole, again, and interrupted halfway.

Writes the articles of benchmarks/corpus.py as .txt files (headline, blank line, text) to a
temporary folder, with a few re-saved copies and unusable files beside them, then runs the real
CLI in a subprocess:

1. a fresh database: time taken and the added / duplicate / failed counts;
2. the same command again: everything is a duplicate, nothing is added twice;
3. a fresh database, interrupted with SIGINT (Ctrl-C) once half the articles are stored, then
   run again; 4. the same with SIGKILL.

After each interruption and each run it checks the database: PRAGMA integrity_check, every stored
article is one of the files, verbatim, with every passage, quote and speaker row analysis gives,
and no row belongs to a missing article. Prints a table; asserts nothing.

    python benchmarks/import_folder.py [--articles 1000] [--copies 20] [--seed 5]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build_articles  # noqa: E402
from kill_import import orphan_rows, row_counts  # noqa: E402
from kill_import import stored as articles_stored  # noqa: E402

from index.quotes.analyze import analyze  # noqa: E402

GUILD = 7
COUNTS = re.compile(r"(\d+) added, (\d+) duplicate, (\d+) failed")
# Files an import must refuse, each with its own reason.
UNUSABLE = {
    "empty.txt": b"",
    "picture.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "only-dashes.md": b"---\n***\n---\n",
    "menu.html": b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
}


@dataclass
class Outcome:
    what: str
    seconds: float
    exit_code: int
    counts: str  # "added / duplicate / failed" as the CLI printed them, or what it printed
    stored: int
    integrity: str
    broken: int
    reasons: tuple[str, ...] = ()


class Checker:
    """Compare a database with the files written, analysing each stored text once."""

    def __init__(self, texts: set[str]) -> None:
        self.texts = texts
        self._expected: dict[str, tuple[int, int, int]] = {}

    def expected(self, text: str) -> tuple[int, int, int]:
        if text not in self._expected:
            analysis = analyze(text)
            self._expected[text] = (
                len(analysis.document.paragraphs),
                len(analysis.quotes),
                len(analysis.speakers),
            )
        return self._expected[text]

    def check(self, db: Path) -> tuple[int, str, int]:
        """Return (articles stored, integrity verdict, broken articles or orphan rows)."""
        if not db.exists():
            return 0, "no file", 0
        with sqlite3.connect(db) as raw:
            verdict = raw.execute("PRAGMA integrity_check").fetchone()[0]
            rows = raw.execute("SELECT id, text FROM articles WHERE guild_id = ?", (GUILD,))
            stored = broken = 0
            for article_id, text in rows.fetchall():
                stored += 1
                counts = row_counts(raw, article_id)
                broken += text not in self.texts or counts != self.expected(text)
            broken += orphan_rows(raw)
        return stored, verdict, broken


def command(db: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bot",
        "--db",
        str(db),
        "--guild",
        str(GUILD),
        "import",
        str(folder),
        "--quiet",
    ]


def said(stdout: str, stderr: str) -> str:
    match = COUNTS.search(stdout)
    if match:
        return " / ".join(match.groups())
    return (stderr.strip().splitlines() or ["(nothing)"])[-1][:40]


def run(what: str, db: Path, folder: Path, env: dict, checker: Checker) -> Outcome:
    start = time.perf_counter()
    done = subprocess.run(
        command(db, folder), env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    reasons = tuple(line.strip() for line in done.stdout.splitlines() if "failed:" in line)
    counts = said(done.stdout, done.stderr)
    return Outcome(what, seconds, done.returncode, counts, *checker.check(db), reasons)


def _default_sigint() -> None:
    # A background job of a non-interactive shell starts with SIGINT ignored, and Python keeps
    # it so; a terminal's Ctrl-C reaches a process with the default handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(
    what: str, db: Path, folder: Path, env: dict, checker: Checker, sig: int, at: int
) -> Outcome:
    """Start an import and send `sig` once `at` articles are stored."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command(db, folder),
        preexec_fn=_default_sigint,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while articles_stored(db) < at and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(sig)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    return Outcome(what, seconds, process.returncode, said(out, err), *checker.check(db))


def write_folder(folder: Path, count: int, copies: int, seed: int) -> set[str]:
    """Write the articles, copies and unusable files; return the texts as they are stored."""
    texts = set()
    articles = build_articles(count, seed=seed)
    for number, article in enumerate(articles):
        text = f"{article.title}\n\n{article.text}\n"
        texts.add(text.strip())  # a text file is stored without its surrounding blank space
        (folder / f"article-{number:04}.txt").write_text(text, encoding="utf-8")
    for number in range(copies):  # the same text saved again under another name
        text = (folder / f"article-{number * 7 % count:04}.txt").read_text(encoding="utf-8")
        (folder / f"copy-{number:02}.txt").write_text(text, encoding="utf-8")
    for name, data in UNUSABLE.items():
        (folder / name).write_bytes(data)
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=20, help="re-saved copies (duplicates)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "DISCORD_TOKEN": "", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "articles"
        folder.mkdir()
        checker = Checker(write_folder(folder, args.articles, args.copies, args.seed))
        files = sum(1 for _ in folder.iterdir())
        print(
            f"{files} files: {args.articles} articles, {args.copies} re-saved copies, "
            f"{len(UNUSABLE)} unusable ({', '.join(UNUSABLE)})\n"
        )
        half = args.articles // 2
        outcomes = [
            run("fresh database", Path(work) / "a.db", folder, env, checker),
            run("same command again", Path(work) / "a.db", folder, env, checker),
            interrupt(
                f"fresh, SIGINT at {half} stored",
                Path(work) / "b.db",
                folder,
                env,
                checker,
                signal.SIGINT,
                half,
            ),
            run("  then run again", Path(work) / "b.db", folder, env, checker),
            interrupt(
                f"fresh, SIGKILL at {half} stored",
                Path(work) / "c.db",
                folder,
                env,
                checker,
                signal.SIGKILL,
                half,
            ),
            run("  then run again", Path(work) / "c.db", folder, env, checker),
        ]
    print(
        f"{'run':30} {'seconds':>8} {'exit':>5}  {'added / dup / failed':22} "
        f"{'stored':>6} {'integrity':>9} {'broken':>6}"
    )
    for o in outcomes:
        print(
            f"{o.what:30} {o.seconds:>8.1f} {o.exit_code:>5}  {o.counts:22} {o.stored:>6} "
            f"{o.integrity:>9} {o.broken:>6}"
        )
    print("\nwhy the failed files failed (first run):")
    for reason in outcomes[0].reasons:
        print(f"  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
