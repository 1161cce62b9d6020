"""What a new user meets at the terminal: exit codes, refusals that say what is true, and the
README's demo transcript, which must be what `articlebot demo` prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bot.cli import main
from index.errors import ArticleTooLarge
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def test_an_empty_question_is_an_error_like_any_other(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "add", str(FIXTURES / "river-dam.txt")]) == 0
    capsys.readouterr()
    assert main(["--db", db, "ask", ""]) == 1
    assert main(["--db", db, "ask"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == ["articlebot: ask needs a question (or --jsonl)"] * 2


def test_a_file_too_large_is_refused_with_its_own_size(tmp_path: Path, capsys) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * 600_000)  # 3,000,000 bytes; the limit is 2,000,000
    assert main(["--db", str(tmp_path / "cli.db"), "add", str(huge)]) == 1
    error = capsys.readouterr().err
    assert "(3,000,000 bytes); the limit is 2,000,000 bytes" in error
    assert "2,000,001" not in error


def test_a_size_known_only_to_pass_the_limit_is_said_so() -> None:
    assert "(over 2,000,000 bytes)" in ArticleTooLarge(None, 2_000_000).message


def test_the_readme_demo_is_what_the_demo_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ articlebot demo\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    shown = [line for line in block.group(1).splitlines() if line.strip() not in ("", "…")]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo"], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "DISCORD_TOKEN": ""}, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    at = 0
    for line in shown:  # every line the README shows, in the order the demo prints them
        assert line in printed[at:], f"README line not printed by the demo: {line!r}"
        at = printed.index(line, at) + 1
