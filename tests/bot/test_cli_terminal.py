"""The terminal's conventions: global options anywhere, quiet closed pipes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def articlebot(
    *args: str, stdin: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DISCORD_TOKEN": "",
        "LOG_LEVEL": "WARNING",
        "ARTICLEBOT_DB": "",
        "DATABASE_URL": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "db", "guild"),
    [
        (["--db", "x.db", "list"], "x.db", 0),
        (["list", "--db", "x.db"], "x.db", 0),
        (["--guild", "7", "ask", "who?", "--db", "y.db"], "y.db", 7),
        (["ask", "--guild", "7", "who?"], None, 7),
        (["--db", "before.db", "list", "--db", "after.db"], "after.db", 0),
        (["summary", "3", "--length", "long"], None, 0),
    ],
)
def test_global_options_are_read_before_or_after_the_command(
    argv: list[str], db: str | None, guild: int
) -> None:
    args = build_parser().parse_args(argv)
    assert (args.db, args.guild) == (db, guild)


def test_list_with_db_after_the_command_uses_that_library(tmp_path: Path) -> None:
    db = tmp_path / "after.db"
    added = articlebot("add", str(FIXTURES / "river-dam.txt"), "--db", str(db))
    assert added.returncode == 0, added.stderr
    listed = articlebot("list", "--db", str(db), cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("#1 ")
    assert not (tmp_path / "articlebot.db").exists()  # not the default library
