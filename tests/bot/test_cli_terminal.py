"""The terminal's conventions: global options anywhere, quiet closed pipes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

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


def stopped_reading(args: list[str], stdin: bytes, keep_lines: int) -> tuple[int, str]:
    """Run articlebot into a pipe that is closed after `keep_lines` lines, as `| head` does."""
    env = {**os.environ, "DISCORD_TOKEN": "", "LOG_LEVEL": "WARNING"}
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdin and child.stdout and child.stderr
    feeding = threading.Thread(target=_feed, args=(child.stdin, stdin))
    feeding.start()  # written beside the reading: a full output pipe must not wait on input
    for _ in range(keep_lines):
        assert child.stdout.readline()
    child.stdout.close()
    errors = child.stderr.read().decode()
    feeding.join(timeout=120)
    return child.wait(timeout=120), errors


def _feed(pipe: IO[bytes], data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except BrokenPipeError:
        pass  # the child ended before reading it all: what the test is about


def test_a_batch_command_into_a_closed_pipe_ends_quietly() -> None:
    record = '{"id": "a", "text": "\\u201cWe will wait,\\u201d Reyes said. The dam stays shut."}\n'
    code, errors = stopped_reading(["summarize"], (record * 3000).encode(), keep_lines=1)
    assert errors == ""  # no BrokenPipeError traceback, no "Exception ignored" warning
    assert code == 141  # 128 + SIGPIPE, what the shell reports for `yes | head -1`


def test_help_into_a_closed_pipe_ends_quietly() -> None:
    code, errors = stopped_reading(["--help"], b"", keep_lines=0)
    assert errors == "" and code in (0, 141)  # 0 when the help fit before the pipe closed
