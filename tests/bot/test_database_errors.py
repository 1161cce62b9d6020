"""A library file that cannot be used: one line naming it, exit 1, the process gone, nothing written.

Each case runs `articlebot` in a process of its own with a timeout: before this, a damaged file
left aiosqlite's thread running after the traceback and the process never ended.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
HANG = 60  # seconds: far beyond a start-up on a busy machine, far below "never"


def articlebot(db: Path | str, *args: str, user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DISCORD_TOKEN": "", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [*(user or []), sys.executable, "-m", "bot", "--db", str(db), *args],
        capture_output=True, text=True, cwd=ROOT, env=environment, timeout=HANG, check=False,
    )  # fmt: skip


def refused(result: subprocess.CompletedProcess[str], db: Path | str, reason: str) -> None:
    """Exit 1 with exactly one line on stderr naming the file and the reason, nothing on stdout."""
    lines = result.stderr.splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    assert str(db) in lines[0] and reason in lines[0], lines[0]
    assert result.stdout == ""


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and its content hash: what "nothing written" compares."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def made_library(db: Path) -> None:
    added = articlebot(db, "add", str(FIXTURES / "river-dam.txt"))
    assert added.returncode == 0, added.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (os.urandom(8192), "is not a SQLite database; `articlebot restore BACKUP`"),
        (b"SQLite format 3\x00" + bytes(8192), "is damaged or not a SQLite database; `articlebot restore BACKUP`"),
    ],
    ids=["random-bytes", "header-then-zeros"],
)
@pytest.mark.parametrize("command", [("list",), ("add", str(FIXTURES / "river-dam.txt"))], ids=["list", "add"])
def test_a_file_that_is_not_a_library_is_named_and_left_alone(tmp_path: Path, content: bytes, reason: str, command: tuple[str, ...]) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(content)
    before = fingerprint(tmp_path)
    refused(articlebot(db, *command), db, reason)
    assert fingerprint(tmp_path) == before  # no -wal, no -shm, not a byte changed


def test_a_newer_schema_is_refused_not_migrated(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    made_library(db)
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA user_version = 999")
    raw.close()  # the last connection: its WAL is folded back into the file
    before = fingerprint(tmp_path)
    refused(articlebot(db, "list"), db, "was written by a newer articlebot (schema 999")
    assert fingerprint(tmp_path) == before


def test_a_folder_that_does_not_exist_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "x.db"
    for command in (("list",), ("add", str(FIXTURES / "river-dam.txt"))):
        refused(articlebot(db, *command), db, f"the folder {db.parent} does not exist")
    assert not db.parent.exists()


@pytest.mark.parametrize("command", [("list",), ("summary",), ("ask", "what did Reyes say?"), ("quotes", "Reyes")])
def test_reading_commands_on_a_missing_library_create_nothing(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = tmp_path / "nothing-here.db"
    refused(articlebot(db, *command), db, "There is no library at")
    assert list(tmp_path.iterdir()) == []


def test_add_creates_the_missing_library(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    made_library(db)
    listed = articlebot(db, "list")
    assert listed.returncode == 0 and "#1" in listed.stdout


def test_a_library_locked_for_too_long_is_named(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    made_library(db)
    holder = subprocess.Popen(  # another process holding the file locked exclusively
        [sys.executable, "-c", (
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode = EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute('UPDATE articles SET title = title'); print('locked', flush=True)\n"
            "sys.stdin.read()\n"
        )],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        refused(articlebot(db, "list"), db, "another process kept it locked for over 10 s")
    finally:
        holder.communicate("", timeout=HANG)


# -- permissions: root ignores them, so these run as the unprivileged user `nobody` ---------


@pytest.fixture
def as_nobody() -> Iterator[tuple[list[str], Path]]:
    """A command prefix that runs as a non-root user, and a folder that user may enter."""
    if os.geteuid() != 0:
        prefix: list[str] = []
    elif shutil.which("setpriv"):
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    else:
        pytest.skip("running as root without setpriv: cannot test file permissions as another user")
    folder = Path(tempfile.mkdtemp(prefix="articlebot-perm-"))  # pytest's own folders are 0700
    folder.chmod(0o755)
    try:
        yield prefix, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _owned_by_user(path: Path, prefix: list[str]) -> None:
    if prefix:
        os.chown(path, NOBODY, NOBODY)


@pytest.mark.parametrize("command", [("list",), ("remove", "1")])
def test_a_read_only_file_is_named_and_left_alone(as_nobody: tuple[list[str], Path], command: tuple[str, ...]) -> None:
    prefix, folder = as_nobody
    _owned_by_user(folder, prefix)  # the folder is writable, the file is not
    db = folder / "readonly.db"
    made_library(db)
    db.chmod(0o444)
    before = fingerprint(folder)
    refused(articlebot(db, *command, user=prefix), db, "the file is read-only")
    assert fingerprint(folder) == before


def test_a_read_only_folder_is_named_and_left_alone(as_nobody: tuple[list[str], Path]) -> None:
    prefix, folder = as_nobody
    db = folder / "library.db"
    made_library(db)
    _owned_by_user(db, prefix)  # the file is writable, its folder is not
    folder.chmod(0o555 if not prefix else 0o755)
    try:
        before = fingerprint(folder)
        refused(articlebot(db, "list", user=prefix), db, f"the folder {folder} is read-only")
        assert fingerprint(folder) == before
    finally:
        folder.chmod(0o755)
