"""None bound through the adapter rows.py registers is NULL, as sqlite3 binds it without one."""

from __future__ import annotations

import sqlite3

from index.store import rows


def test_none_is_bound_as_null() -> None:
    assert sqlite3.adapters[(type(None), sqlite3.PrepareProtocol)] is rows._null
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (a, b)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [(None, 1), (2, None)])
    assert db.execute("SELECT a IS NULL, b IS NULL, typeof(a), typeof(b) FROM t").fetchall() == [
        (1, 0, "null", "integer"),
        (0, 1, "integer", "null"),
    ]
