"""The console as a user meets it: piped lines, and a real terminal (a pty) for editing keys."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from bot.console import COMMANDS, HELP, PROMPT
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def articlebot(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DISCORD_TOKEN": "", "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Path:
    db = tmp_path / "console.db"
    added = articlebot(db, "add", str(FIXTURES / "river-dam.txt"))
    assert added.returncode == 0, added.stderr
    return db


def test_the_rest_of_an_ask_or_quotes_line_is_one_argument(library: Path) -> None:
    lines = "ask what did Reyes say?\nquotes Tomas Reyes\nquit\n"
    result = articlebot(library, "console", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "unrecognized arguments" not in result.stderr
    # Both lines answered with Reyes's quotes: once for ask, once for quotes.
    assert result.stdout.count("Nobody from the state has walked these fields") == 2
    assert result.stdout.count("— Tomas Reyes") >= 2


def test_a_line_that_is_no_command_is_asked_as_a_question(library: Path) -> None:
    asked = articlebot(library, "console", stdin="what did Reyes say?\n")
    direct = articlebot(library, "ask", "what did Reyes say?")
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout == direct.stdout != ""


def test_apostrophes_and_quotes_in_a_question_are_kept(library: Path) -> None:
    lines = "ask \"what did Reyes say?\"\nwhat's Reyes's view?\n"
    result = articlebot(library, "console", stdin=lines)
    assert result.returncode == 0
    assert "No closing quotation" not in result.stderr
    assert "— Tomas Reyes" in result.stdout


def test_help_lists_the_console_commands_only(library: Path) -> None:
    result = articlebot(library, "console", stdin="help\n")
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert listed == {*COMMANDS, "help", "quit"}
    for not_here in ("run", "migrate", "extract", "summarize", "demo", "restore", "console"):
        assert f"  {not_here} " not in result.stdout


def test_bad_lines_give_one_line_and_the_console_goes_on(library: Path) -> None:
    lines = "summary --length lots\nlist --db other.db\nlist\n"
    result = articlebot(library, "console", stdin=lines)
    assert result.returncode == 0
    assert "Length must be short, medium, long or a number" in result.stderr
    assert "--db and --guild are chosen when the console starts" in result.stderr
    assert "Reyes" in result.stdout or "#1" in result.stdout  # the list after the errors ran
    assert not (library.parent / "other.db").exists()


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pty, so the
    terminal turns Ctrl-C into SIGINT for it as a shell would, and SIGINT handled as a shell's
    foreground job has it (a suite started in the background inherits it ignored, and Python
    keeps an ignored SIGINT ignored: Ctrl-C would never reach the console)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """The console on a pseudo-terminal, so readline and Ctrl-C behave as for a person."""

    def __init__(self, db: Path, home: Path) -> None:
        env = {**os.environ, "DISCORD_TOKEN": "", "HOME": str(home), "TERM": "dumb"}
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "--db", str(db), "console"],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, preexec_fn=_own_terminal,
        )  # fmt: skip
        os.close(slave)
        self.seen = ""

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for(self, text: str, timeout: float = 60.0) -> str:
        """Read until `text` appears after what was read before; return what came."""
        start, deadline = len(self.seen), time.monotonic() + timeout
        while text not in self.seen[start:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} in {self.seen[start:]!r}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.master, 4096).decode(errors="replace")
                except OSError:  # the console has exited and closed the terminal
                    break
        return self.seen[start:]

    def interrupt(self) -> str:
        """Press Ctrl-C until a fresh prompt shows. (A SIGINT that lands in the instant
        before readline waits for a key is seen only at the next key, so a person who
        presses Ctrl-C again gets the prompt; a test types faster than a person.)"""
        for _ in range(10):
            self.send("\x03")
            try:
                return self.wait_for(PROMPT, timeout=3.0)
            except AssertionError:
                continue
        raise AssertionError(f"Ctrl-C gave no prompt: {self.seen[-200:]!r}")

    def close(self) -> int:
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:  # a failed test left it waiting for input
                self.process.kill()
                self.process.wait()
            os.close(self.master)


def test_ctrl_c_drops_the_line_and_ctrl_d_leaves(library: Path, tmp_path: Path) -> None:
    term = Terminal(library, tmp_path)
    try:
        term.wait_for(PROMPT)
        term.send("ask what did somebody never")
        term.wait_for("somebody never")
        term.interrupt()  # Ctrl-C: the half-typed line is dropped, the console stays
        assert term.process.poll() is None
        term.send("quotes Reyes\r")
        answer = term.wait_for(PROMPT)
        assert "— Tomas Reyes" in answer and "somebody never" not in answer
        term.send("\x04")  # Ctrl-D leaves
    finally:
        code = term.close()
    assert code == 0
    history = (tmp_path / ".articlebot_history").read_text()
    assert "quotes Reyes" in history and "somebody never" not in history


def test_history_comes_back_with_the_up_arrow(library: Path, tmp_path: Path) -> None:
    (tmp_path / ".articlebot_history").write_text("quotes Reyes\n")
    term = Terminal(library, tmp_path)
    try:
        term.wait_for(PROMPT)
        term.send("\x1b[A\r")  # up arrow, then Enter: the earlier line again
        assert "— Tomas Reyes" in term.wait_for(PROMPT)
        term.send("quit\r")
    finally:
        code = term.close()
    assert code == 0


def test_help_text_names_every_console_command() -> None:
    for command in COMMANDS:
        assert f"\n  {command} " in HELP
