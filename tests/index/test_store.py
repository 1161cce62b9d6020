"""The SQLite store: migrations, round trips, duplicates and guild isolation on a real file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from index.analyze import analyze
from index.errors import ArticleNotFound, DuplicateArticle
from index.intake import content_hash
from index.models import ArticleMeta
from index.store import Store, migrations
from tests.conftest import GUILD, OTHER_GUILD


async def _add(store: Store, guild: int, text: str, **meta: str) -> int:
    info = await store.add_article(
        guild,
        title=meta.get("title", "A title"),
        meta=ArticleMeta(**meta),
        url_key=None,
        text=text,
        content_hash=content_hash(text),
        analysis=analyze(text),
        added_by=42,
    )
    return info.id


async def test_migrates_an_empty_file_to_the_latest_version(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "new.db")
    try:
        assert await store.schema_version() == migrations()[-1][0]
    finally:
        await store.close()
    with sqlite3.connect(tmp_path / "new.db") as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "passages", "quotes", "speakers", "guild_versions"} <= tables


async def test_reopening_does_not_migrate_again(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    await _add(store, GUILD, dam_text)
    await store.close()
    store = await Store.open(tmp_path / "x.db")
    try:
        assert await store.count(GUILD) == 1
    finally:
        await store.close()


async def test_round_trip_keeps_text_analysis_and_meta(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        article_id = await _add(store, GUILD, dam_text, title="Dam", url="https://example.org/dam", outlet="Valley Post")
        article = await store.load_article(GUILD, article_id)
        expected = analyze(dam_text)
        assert article.text == dam_text
        assert article.analysis.document == expected.document
        assert article.analysis.quotes == expected.quotes
        assert article.info.title == "Dam"
        assert article.info.outlet == "Valley Post"
        assert article.info.added_by == 42
        assert article.info.quotes == len(expected.quotes)
    finally:
        await store.close()


async def test_same_text_twice_is_a_duplicate(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        first = await _add(store, GUILD, dam_text)
        with pytest.raises(DuplicateArticle) as caught:
            await _add(store, GUILD, dam_text + "\n\n")  # whitespace does not make it new
        assert caught.value.article_id == first
        assert await store.count(GUILD) == 1
    finally:
        await store.close()


async def test_guilds_never_see_each_others_articles(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        mine = await _add(store, GUILD, dam_text)
        theirs = await _add(store, OTHER_GUILD, dam_text)  # the same text is fine elsewhere
        assert [a.id for a in await store.list_articles(GUILD)] == [mine]
        assert [a.id for a in await store.list_articles(OTHER_GUILD)] == [theirs]
        with pytest.raises(ArticleNotFound):
            await store.load_article(OTHER_GUILD, mine)
        with pytest.raises(ArticleNotFound):
            await store.remove_article(OTHER_GUILD, mine)
        assert [a.id for a in await store.load_articles(GUILD)] == [mine]
    finally:
        await store.close()


async def test_remove_deletes_everything_derived(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        article_id = await _add(store, GUILD, dam_text)
        version = await store.version(GUILD)
        await store.remove_article(GUILD, article_id)
        assert await store.version(GUILD) > version
        assert await store.count(GUILD) == 0
    finally:
        await store.close()
    with sqlite3.connect(tmp_path / "x.db") as raw:
        for table in ("passages", "quotes", "speakers"):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


async def test_failed_write_leaves_nothing_behind(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        analysis = analyze(dam_text)
        assert analysis.speakers
        # The same speaker twice violates a primary key after the article row was written.
        broken = replace(analysis, speakers=analysis.speakers * 2)
        with pytest.raises(sqlite3.IntegrityError):
            await store.add_article(
                GUILD, title="t", meta=ArticleMeta(), url_key=None, text=dam_text,
                content_hash="x", analysis=broken, added_by=None,
            )  # fmt: skip
        assert await store.count(GUILD) == 0
        assert await store.integrity_check() == "ok"
    finally:
        await store.close()


async def test_snapshot_round_trip_is_per_guild(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        await store.save_snapshot(GUILD, 3, [5, 1], b"data")
        assert await store.load_snapshot(GUILD) == (3, [1, 5], b"data")
        assert await store.load_snapshot(OTHER_GUILD) is None
        await store.save_snapshot(GUILD, 4, [1], b"new")
        assert await store.load_snapshot(GUILD) == (4, [1], b"new")
    finally:
        await store.close()


async def test_read_article_is_scoped_and_lazy(tmp_path: Path, dam_text: str) -> None:
    store = await Store.open(tmp_path / "x.db")
    try:
        article_id = await _add(store, GUILD, dam_text)
        assert store.read_article(GUILD, article_id) == await store.load_article(GUILD, article_id)
        assert store.read_article(OTHER_GUILD, article_id) is None
        rows = await store.index_rows(GUILD)
        assert [info.id for info in rows.infos] == [article_id]
        quotes = (await store.load_article(GUILD, article_id)).analysis.quotes
        assert [row[1] for row in rows.quotes] == [q.text for q in quotes]  # substr = Python slice
    finally:
        await store.close()
