"""The Library behaves the same on either store: answers, other processes' changes, restarts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from index.answer import snapshot
from index.errors import DatabaseUnavailable, DuplicateArticle
from index.service import Library
from index.store.open import open_store, sqlite_path
from tests.conftest import FERRY, FIXTURES, GUILD, OTHER_GUILD


def _cited(answer) -> set[int]:  # type: ignore[no-untyped-def]
    return {item.article.id for item in answer.items} | {a.id for a in answer.closest}


async def test_add_ask_summarize_remove(database: str, dam_text: str) -> None:
    async with await Library.open(database) as library:
        dam = await library.add_text(GUILD, dam_text)
        with pytest.raises(DuplicateArticle):
            await library.add_text(GUILD, dam_text)
        answer = await library.ask(GUILD, "what did Strand say?")
        assert answer.speaker == "Helen Strand"
        assert all(dam_text[item.start : item.end] == item.text for item in answer.items)
        summary = await library.summarize(GUILD, dam.id)
        assert all(dam_text[s.start : s.end] == s.text for s in summary.sentences)
        assert (await library.resolve(GUILD, "corran DAM")).id == dam.id
        await library.remove(GUILD, dam.id)
        assert await library.articles(GUILD) == []


async def test_another_process_add_is_seen_at_the_next_question(database: str, dam_text: str) -> None:
    async with await Library.open(database) as library:
        await library.add_text(GUILD, dam_text)
        await library.ask(GUILD, "dam")  # the index is cached now
        async with await Library.open(database) as other:  # another bot process
            ferry = await other.add_text(GUILD, FERRY)
            await other.add_text(OTHER_GUILD, dam_text)
        assert ferry.id in _cited(await library.ask(GUILD, "ferry contract delayed"))
        index = await library.guild_index(GUILD)
        assert index.articles[ferry.id].text == FERRY  # read lazily, on this thread too


async def test_a_restart_loads_the_snapshot_and_patches_it(
    database: str, dam_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.answer.cache.SNAPSHOT_MIN_PASSAGES", 1)
    async with await Library.open(database) as library:
        await library.add_text(GUILD, dam_text)
        await library.ask(GUILD, "dam")
        await library._indexes.close()
        folder = snapshot.folder_for(library.store.database)
        assert folder is not None and snapshot.load(folder, GUILD) is not None  # saved files
        ferry = await library.add_text(GUILD, FERRY)  # after the snapshot
    async with await Library.open(database) as library:
        assert ferry.id in (await library.guild_index(GUILD)).parts.infos
        assert ferry.id in _cited(await library.ask(GUILD, "ferry contract delayed"))
        assert "Strand" in (await library.ask(GUILD, "what did Strand say?")).headline


def test_cli_works_on_either_database(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", database, "add", str(FIXTURES / "river-dam.txt"), "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert main(["--db", database, "quotes", "Nair", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["items"]
    assert {item["article"] for item in answer["items"]} == {added["id"]}


def test_database_url_setting_selects_the_store(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.delenv("ARTICLEBOT_DB", raising=False)
    assert main(["add", str(FIXTURES / "school-budget.txt")]) == 0
    assert main(["list", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", database, "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_sqlite_url_names_a_file(tmp_path: Path) -> None:
    assert sqlite_path(f"sqlite:///{tmp_path}/x.db") == f"{tmp_path}/x.db"
    assert sqlite_path("sqlite:///lib.db") == "lib.db"  # relative, as SQLAlchemy reads it
    assert sqlite_path("lib.db") == "lib.db"


async def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="Cannot reach the PostgreSQL database"):
        await open_store(f"postgresql://nobody:secret@/db?host={tmp_path}")


def test_backup_is_for_sqlite_and_says_what_to_use_instead(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", database, "add", str(FIXTURES / "river-dam.txt")]) == 0
    code = main(["--db", database, "backup", str(tmp_path / "copy.db")])
    if database.startswith("postgresql://"):
        assert code == 1
        assert "pg_dump" in capsys.readouterr().err
    else:
        assert code == 0
        assert (tmp_path / "copy.db").is_file()


def test_import_is_resumable_on_either_database(
    database: str, tmp_path: Path, dam_text: str, school_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.jsonl"
    lines = [{"id": "dam", "text": dam_text}, {"id": "school", "text": school_text}, {"id": "empty", "text": " "}]
    records.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert main(["--db", database, "import", str(records), "--quiet"]) == 0
    assert "2 added, 0 duplicate, 1 failed" in capsys.readouterr().out
    # Nothing new: a failure and no addition exit 1, as the README says.
    assert main(["--db", database, "import", str(records), "--quiet"]) == 1
    assert "0 added, 2 duplicate, 1 failed" in capsys.readouterr().out
    assert main(["--db", database, "summary", "school", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["external_id"] == "school"
