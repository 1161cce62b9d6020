"""A bulk import through worker processes stores what adding each article in turn stores; an
article whose analysis fails is reported alone; whatever an import has counted is committed,
even when the process is killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.errors import ArticlebotError, DuplicateArticle
from index.intake import bulk, pool
from index.intake.bulk import ImportReport, import_items, read_source
from index.models import ArticleMeta
from index.service import Library
from index.store import story_candidates
from tests.conftest import GUILD
from tests.stories import own_words

ROOT = Path(__file__).resolve().parents[3]
PEOPLE = ("Ada Whitlow", "Bram Ostrova", "Cleo Marchetti", "Dev Raman", "Esme Tunde")
COUNT = pool.MIN_FOR_WORKERS + 2 * pool.CHUNK + 5  # past the worker threshold, a partial chunk


def story(n: int) -> str:
    who, other = PEOPLE[n % 5], PEOPLE[(n + 3) % 5]
    return (
        f"Lighthouse {n} gets a new lamp\n\n"
        f"Keepers switched on the new lamp at lighthouse {n} on Friday evening. "
        f'"Ships will see us {n + 4} miles out now," said {who}, the head keeper.\n\n'
        f"{other} said the old lamp had failed {n % 7 + 2} times since spring. "
        f'"We were lucky nobody ran aground," {other.split()[1]} said.\n\n'
        f"{own_words(f'lamp {n}')}\n"
    )


def records() -> list[dict[str, str]]:
    """Stories with exact copies, a reused id, a near-copy and unreadable records among them."""
    out = []
    for n in range(COUNT):
        out.append({"id": f"lamp-{n}", "title": f"Lamp {n}", "text": story(n)})
        if n % 17 == 3:
            out.append({"id": f"lamp-{n}-copy", "text": story(n)})  # the same text
        if n % 19 == 4:
            out.append({"id": f"lamp-{n}", "text": story(n) + "\nA late line.\n"})  # same id
        if n % 23 == 5:  # the same story under another headline
            out.append({"id": f"lamp-{n}-near", "text": "Keepers light a new lamp\n\n" +
                        story(n).split("\n\n", 1)[1]})  # fmt: skip
        if n % 29 == 6:
            out.append({"id": f"lamp-{n}-blank", "text": "   "})
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]], extra: list[str] = ()) -> Path:  # type: ignore[assignment]
    lines = [json.dumps(row) for row in rows] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in a fixed order, but the time each article was added."""
    with sqlite3.connect(db) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for table in tables:
            columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{c}"' for c in columns if c != "added_at")
            out[table] = raw.execute(f"SELECT {kept} FROM {table} ORDER BY {kept}").fetchall()
    return out


@pytest.mark.parametrize("candidates", ["queried", "from memory"])
async def test_workers_store_what_adding_one_by_one_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, candidates: str
) -> None:
    if candidates == "from memory":  # batches of 16, the band index read after the first two
        monkeypatch.setattr(bulk, "STORE_BATCH", 16)
        monkeypatch.setattr(story_candidates, "READ_AFTER", 32)
        monkeypatch.setattr(story_candidates, "MERGE_MIN", 200)
    rows = records()
    one_by_one = tmp_path / "one-by-one.db"
    expected = ImportReport()
    async with await Library.open(one_by_one) as library:
        for row in rows:
            meta = ArticleMeta(title=row.get("title"), external_id=row["id"])
            try:
                await library.add_text(GUILD, row["text"], meta)
                expected.added += 1
            except DuplicateArticle:
                expected.duplicates += 1
            except ArticlebotError as error:  # counted as failed, as import counts it
                expected.failures.append((row["id"], str(error)))
    source = write_jsonl(tmp_path / "records.jsonl", rows)
    monkeypatch.setenv(pool.ENV_WORKERS, "2")
    started: list[int] = []
    real_pool = pool.ProcessPoolExecutor

    def counting_pool(*args: object, **kwargs: object) -> pool.ProcessPoolExecutor:
        started.append(1)
        return real_pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "ProcessPoolExecutor", counting_pool)
    imported = tmp_path / "imported.db"
    async with await Library.open(imported) as library:
        _, items = read_source(source)
        report = await library.import_items(GUILD, items)
        held = library.store._candidates._postings  # type: ignore[attr-defined]
        assert (GUILD in held) == (candidates == "from memory")
    assert started, "the import never used worker processes"
    assert (report.added, report.duplicates, report.failed) == (
        expected.added, expected.duplicates, expected.failed,
    )  # fmt: skip
    assert report.duplicates >= 4 and report.failed >= 1  # copies, ids, near-copies, blanks
    before, after = stored_rows(one_by_one), stored_rows(imported)
    assert before.keys() == after.keys()
    for table in before:
        if table != "index_snapshots":
            assert before[table] == after[table], table


async def test_an_article_whose_analysis_fails_is_reported_and_the_rest_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.quotes.analyze as analysis

    real = analysis.analyze

    def fragile(text: str):  # type: ignore[no-untyped-def]
        if "lighthouse 7 " in text:
            raise IndexError("offsets out of step")
        return real(text)

    monkeypatch.setattr(analysis, "analyze", fragile)  # forked workers inherit it
    rows = [{"id": f"lamp-{n}", "text": story(n)} for n in range(COUNT)]
    source = write_jsonl(tmp_path / "records.jsonl", rows, extra=["{not json"])
    for workers in ("2", "0"):
        monkeypatch.setenv(pool.ENV_WORKERS, workers)
        async with await Library.open(tmp_path / f"library-{workers}.db") as library:
            _, items = read_source(source)
            report = await import_items(library, GUILD, items)
            assert report.added == COUNT - 1
            assert [name for name, _ in report.failures] == [
                "line 8 (lamp-7)", f"line {COUNT + 1}",
            ]  # fmt: skip
            assert "could not be analysed (IndexError: offsets out of step)" in (
                report.failures[0][1]
            )
            assert len(await library.articles(GUILD)) == COUNT - 1


async def test_every_article_counted_is_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pool.ENV_WORKERS, "2")
    db = tmp_path / "library.db"
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": f"l{n}", "text": story(n)}
                                                      for n in range(COUNT)])  # fmt: skip
    seen: list[tuple[int, int]] = []

    def committed(report: ImportReport) -> None:
        # Another connection sees only what is committed.
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as raw:
            seen.append((report.added, raw.execute("SELECT count(*) FROM articles").fetchone()[0]))

    async with await Library.open(db) as library:
        _, items = read_source(source)
        await library.import_items(GUILD, items, on_item=committed)
    assert len(seen) == COUNT
    assert all(added <= stored for added, stored in seen)


def test_a_killed_import_keeps_what_it_showed_and_leaves_no_worker(tmp_path: Path) -> None:
    count = 3 * bulk.STORE_BATCH  # killed after its first transaction, with more to store
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": f"l{n}", "text": story(n)}
                                                      for n in range(count)])  # fmt: skip
    db = tmp_path / "library.db"
    env = {**os.environ, "DISCORD_TOKEN": "", pool.ENV_WORKERS: "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(db), "--guild", str(GUILD), "import", str(source)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    shown = 0
    for line in process.stderr:  # a plain line at every tenth of the way (not a terminal)
        if "added" in line:
            shown = int(line.split("(")[1].split()[0])
        if shown >= count // 5:
            break
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < shown < count, "the import ended before it could be killed"
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = raw.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = raw.execute(
            "SELECT count(*) FROM passages WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
    assert stored >= shown and orphans == 0
    assert workers, "no worker processes were running"
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the killed import"


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


async def test_an_import_gathers_wal_pages_over_several_commits(tmp_path: Path) -> None:
    # One batch dirties thousands of story-band pages: copied into the database at every
    # commit under SQLite's 1,000-page default, once for several commits past it.
    from index.store.rows import BULK_CHECKPOINT_PAGES
    from index.store.sqlite import SqliteStore

    async with await Library.open(tmp_path / "wal.db") as library:
        store = library.store
        assert isinstance(store, SqliteStore)
        await library.add_text(GUILD, story(1))
        assert (await store._fetch("PRAGMA wal_autocheckpoint", ()))[0][0] == 1_000
        _, items = read_source(write_jsonl(tmp_path / "few.jsonl", records()[:5]))
        assert (await library.import_items(GUILD, items)).added
        checkpoint = (await store._fetch("PRAGMA wal_autocheckpoint", ()))[0][0]
        assert checkpoint == BULK_CHECKPOINT_PAGES > 1_000


async def test_workers_collect_garbage_while_the_import_pauses_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import index.quotes.analyze as analysis

    real = analysis.analyze

    def watched(text: str):  # type: ignore[no-untyped-def]
        if not gc.isenabled():
            raise RuntimeError("collection paused in a worker")
        return real(text)

    monkeypatch.setattr(analysis, "analyze", watched)  # forked workers inherit it
    monkeypatch.setenv(pool.ENV_WORKERS, "2")
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": f"l{n}", "text": story(n)}
                                                      for n in range(COUNT)])  # fmt: skip
    async with await Library.open(tmp_path / "library.db") as library:
        _, items = read_source(source)
        report = await library.import_items(GUILD, items)
    assert (report.added, report.failures) == (COUNT, [])
    assert gc.isenabled()
