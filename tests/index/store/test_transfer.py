"""`articlebot migrate`: a SQLite library copied into PostgreSQL whole, ids and answers kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from index import maintenance
from index.answer.cache import IndexCache
from index.errors import DatabaseUnavailable
from index.service import Library
from index.store import transfer
from index.store.transfer import copy_library
from tests.conftest import FERRY, FIXTURES, GUILD, OTHER_GUILD


async def _library(path: Path, dam_text: str, school_text: str) -> list[int]:
    async with await Library.open(path) as library:
        first = await library.add_text(GUILD, dam_text)
        removed = await library.add_text(GUILD, FERRY)
        await library.remove(GUILD, removed.id)  # leaves a gap in the ids
        third = await library.add_text(GUILD, school_text)
        other = await library.add_text(OTHER_GUILD, dam_text)
        return [first.id, third.id, other.id]


async def test_migrate_keeps_ids_analysis_and_answers(
    tmp_path: Path, fresh_schema: str, dam_text: str, school_text: str
) -> None:
    source = tmp_path / "old.db"
    ids = await _library(source, dam_text, school_text)
    result = await copy_library(f"sqlite:///{source}", fresh_schema)
    assert result.ok, result.describe()
    assert result.copied == 3
    assert result.target["articles"] == 3
    async with await Library.open(source) as old, await Library.open(fresh_schema) as new:
        for guild in (GUILD, OTHER_GUILD):
            assert await new.articles(guild) == await old.articles(guild)
            for article_id in await new.store.article_ids(guild):
                assert await new.store.load_article(guild, article_id) == await old.store.load_article(guild, article_id)
            assert await new.store.version(guild) == await old.store.version(guild)
        question = "what did Strand say?"
        assert (await new.ask(GUILD, question)).items == (await old.ask(GUILD, question)).items
        added = await new.add_text(GUILD, FERRY)  # numbered after the copied ids
        assert added.id > max(ids)


async def test_an_interrupted_migration_carries_on(
    tmp_path: Path, fresh_schema: str, dam_text: str, school_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "old.db"
    await _library(source, dam_text, school_text)
    monkeypatch.setattr(transfer, "BATCH", 1)

    def crash_after_first(count: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await copy_library(str(source), fresh_schema, on_batch=crash_after_first)
    result = await copy_library(str(source), fresh_schema)
    assert result.copied == 2
    assert result.ok, result.describe()


async def test_migrate_refuses_what_it_cannot_do(tmp_path: Path, fresh_schema: str) -> None:
    with pytest.raises(DatabaseUnavailable, match="No SQLite library"):
        await copy_library(str(tmp_path / "missing.db"), fresh_schema)
    with pytest.raises(DatabaseUnavailable, match="into PostgreSQL"):
        await copy_library(fresh_schema, str(tmp_path / "x.db"))
    assert not (tmp_path / "missing.db").exists()


def test_cli_migrate_prints_progress_and_the_count_check(
    tmp_path: Path, fresh_schema: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cli.db"
    assert main(["--db", str(source), "add", str(FIXTURES / "river-dam.txt")]) == 0
    capsys.readouterr()
    assert main(["migrate", "--from", f"sqlite:///{source}", "--to", fresh_schema]) == 0
    captured = capsys.readouterr()
    assert "1/1 articles (100%)" in captured.err
    assert "count check passed" in captured.out
    assert main(["--db", fresh_schema, "list"]) == 0
    assert "#1" in capsys.readouterr().out


async def test_migrate_carries_feeds_seen_items_and_watched_channels(
    tmp_path: Path, fresh_schema: str
) -> None:
    source = tmp_path / "feeds.db"
    async with await Library.open(source) as library:
        feed = await library.store.add_feed(
            GUILD, url="https://ex.org/rss", url_key="https://ex.org/rss", channel_id=5,
            added_by=1, interval_s=900, now=10,
        )  # fmt: skip
        assert feed is not None
        await library.store.mark_seen(GUILD, ["guid:a", "url:https://ex.org/a"], feed_id=feed.id, article_id=None, now=11)
        await library.watch(GUILD, 77, added_by=1)
    result = await copy_library(f"sqlite:///{source}", fresh_schema)
    assert result.ok, result.describe()
    assert (result.target["feeds"], result.target["feed_items"], result.target["watched_channels"]) == (1, 2, 1)
    async with await Library.open(fresh_schema) as moved:
        assert await moved.feeds(GUILD) == [feed]
        assert await moved.store.seen_items(GUILD, ["guid:a"]) == {"guid:a"}
        assert await moved.is_watched(GUILD, 77)
        later = await moved.store.add_feed(
            GUILD, url="https://ex.org/2", url_key="https://ex.org/2", channel_id=None,
            added_by=None, interval_s=900, now=12,
        )  # fmt: skip
        assert later is not None and later.id > feed.id  # numbered after the copied ones
    again = await copy_library(f"sqlite:///{source}", fresh_schema)  # a re-run adds nothing
    assert again.target["feed_items"] == 2


async def test_migrate_carries_the_saved_index_so_the_first_question_does_not_rebuild(
    tmp_path: Path, fresh_schema: str, dam_text: str, school_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.answer.cache.SNAPSHOT_MIN_PASSAGES", 1)  # save this small one
    source = tmp_path / "indexed.db"
    await _library(source, dam_text, school_text)
    question = "what did Strand say?"
    async with await Library.open(source) as old:
        expected = (await old.ask(GUILD, question)).items  # builds the index and saves it
        assert expected
    result = await maintenance.migrate(f"sqlite:///{source}", fresh_schema)
    assert result.ok and result.indexed == (GUILD,)  # OTHER_GUILD was never asked: none saved
    assert "saved index of 1 guild(s) carried over" in result.describe()

    async def no_rebuild(self: object, guild_id: int, version: int) -> object:
        raise AssertionError(f"guild {guild_id} rebuilt from rows")

    monkeypatch.setattr(IndexCache, "_build", no_rebuild)
    async with await Library.open(fresh_schema) as new:
        assert (await new.ask(GUILD, question)).items == expected
    again = await maintenance.migrate(f"sqlite:///{source}", fresh_schema)  # a re-run: the same
    assert again.indexed == (GUILD,)
    async with await Library.open(fresh_schema) as new:
        assert (await new.ask(GUILD, question)).items == expected
