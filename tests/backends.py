"""Store fixtures over both backends: SQLite on a temporary file, PostgreSQL in a fresh schema.

PostgreSQL comes from $ARTICLEBOT_TEST_DATABASE_URL, or else from a throwaway cluster started
here when the server's programs are installed. With neither, the PostgreSQL half of every
store test is skipped with one reason that says so (`pytest -rs` prints it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from index.store.base import Store
from index.store.open import is_postgres_url, open_store
from tests import pgserver

URL_VARIABLE = "ARTICLEBOT_TEST_DATABASE_URL"
NO_POSTGRES = (
    f"PostgreSQL tests skipped: no server (set {URL_VARIABLE}, or install the "
    "postgresql package so a throwaway cluster can start)"
)
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for the session, or a skip saying why there is none."""
    given = os.environ.get(URL_VARIABLE)
    if given:
        # Named on purpose (CI's cluster, a developer's server): unreachable is a failure,
        # never a skip that would hide the whole PostgreSQL half.
        reason = asyncio.run(_unreachable(given))
        if reason:
            pytest.fail(f"{URL_VARIABLE} is set but PostgreSQL cannot be reached: {reason}", pytrace=False)
        yield given
        return
    if pgserver.find_bin() is None:
        pytest.skip(NO_POSTGRES)
    # Under /tmp itself: the server may run as another user, who cannot enter pytest's folders.
    folder = Path(tempfile.mkdtemp(prefix="articlebot-pg-"))
    try:
        url = pgserver.start(folder)
    except (OSError, subprocess.SubprocessError, RuntimeError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("CI"):  # CI installed the server to run these tests: a broken start is red
            pytest.fail(f"PostgreSQL is installed but a cluster would not start: {error}", pytrace=False)
        pytest.skip(f"{NO_POSTGRES}; starting one failed: {error}")
    try:
        yield url
    finally:
        pgserver.stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


async def _unreachable(url: str) -> str | None:
    """Why a connection to `url` fails within 10 s, or None when it works."""
    try:
        connection = await asyncpg.connect(url, timeout=10)
    except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        return f"{type(error).__name__}: {error}"
    await connection.close()
    return None


@pytest.fixture
async def fresh_schema(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[str]:
    """A URL whose connections work in a new, empty schema, dropped afterwards.

    Its saved index files go to the test's temporary folder, not the user's cache folder.
    """
    monkeypatch.setenv("ARTICLEBOT_INDEX_DIR", str(tmp_path / "index"))
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(postgres_url)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
        yield pgserver.with_search_path(postgres_url, schema)
        await admin.execute(f"DROP SCHEMA {schema} CASCADE")
    finally:
        await admin.close()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database target for each backend: a SQLite path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "library.db")
    return str(request.getfixturevalue("fresh_schema"))


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    opened = await open_store(database)
    try:
        yield opened
    finally:
        await opened.close()


async def raw_value(database: str, sql: str) -> object:
    """One value from a query on a connection of its own, below the store."""
    if is_postgres_url(database):
        connection = await asyncpg.connect(database)
        try:
            return await connection.fetchval(sql)
        finally:
            await connection.close()
    with sqlite3.connect(database) as raw:
        return raw.execute(sql).fetchone()[0]


async def table_names(database: str) -> set[str]:
    if is_postgres_url(database):
        sql = "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = current_schema()"
    else:
        sql = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"
    return set(str(await raw_value(database, sql)).split(","))


def integrity_error(database: str) -> type[Exception]:
    """What a broken constraint raises on the backend."""
    return asyncpg.IntegrityConstraintViolationError if is_postgres_url(database) else sqlite3.IntegrityError


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line: how many store tests ran on each backend; one more if PostgreSQL was missing."""
    counts: dict[str, dict[str, int]] = {name: {} for name in BACKENDS}
    missing: dict[str, int] = {}  # skip reason → tests skipped for want of PostgreSQL
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if outcome == "passed" and report.when != "call":
                continue
            name = next((b for b in BACKENDS if f"[{b}" in getattr(report, "nodeid", "")), None)
            if name:
                counts[name][outcome] = counts[name].get(outcome, 0) + 1
            if outcome == "skipped" and isinstance(report.longrepr, tuple):
                reason = str(report.longrepr[2]).removeprefix("Skipped: ")
                if reason.startswith(NO_POSTGRES):
                    missing[reason] = missing.get(reason, 0) + 1
    parts = [
        f"{name} " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(tally.items()))
        for name, tally in counts.items()
        if tally
    ]
    if parts:
        terminalreporter.write_line(f"store backends: {'; '.join(parts)}")
    for reason, n in sorted(missing.items()):
        terminalreporter.write_line(f"{reason} [{n} tests]", yellow=True)
