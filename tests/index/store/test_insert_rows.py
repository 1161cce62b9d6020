"""insert_rows writes what executemany writes: the same rows, in the same order, duplicates
ignored as INSERT OR IGNORE ignores them, whether the rows fill whole statements or not."""

from __future__ import annotations

import sqlite3

import pytest

from index.store.batch_rows import ROWS_A_STATEMENT, insert_rows


@pytest.mark.parametrize("count", [0, 1, ROWS_A_STATEMENT - 1, ROWS_A_STATEMENT, 3 * ROWS_A_STATEMENT + 5])
def test_insert_rows_is_executemany(count: int) -> None:
    rows = [(i % 7, i // 2, None if i % 3 else f"text {i}", b"\x00" * (i % 4)) for i in range(count)]
    tables = []
    for write in (sqlite3.Connection.executemany, insert_rows):
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t (a, b, c, d, PRIMARY KEY (a, b))")
        write(db, "INSERT OR IGNORE INTO t VALUES (?, ?, ?, ?)", rows)
        tables.append(db.execute("SELECT rowid, * FROM t ORDER BY rowid").fetchall())
    assert tables[0] == tables[1]
    assert len(tables[0]) == len({(a, b) for a, b, _, _ in rows})
