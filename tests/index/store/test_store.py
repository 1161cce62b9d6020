"""The store on both backends: migrations, round trips, duplicates, guild isolation, atomicity.

Every test runs once on SQLite and once on PostgreSQL (see tests/backends.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from index import statements
from index.errors import ArticleNotFound, DuplicateArticle
from index.intake.checks import content_hash
from index.models import ArticleMeta
from index.quotes.analyze import analyze
from index.store import postgres as pg_store
from index.store import sqlite as sqlite_store
from index.store.base import Store
from index.store.open import is_postgres_url, open_store
from tests.backends import integrity_error, raw_value, table_names
from tests.conftest import GUILD, OTHER_GUILD


async def _add(store: Store, guild: int, text: str, url_key: str | None = None, **meta: str) -> int:
    info = await store.add_article(
        guild,
        title=meta.get("title", "A title"),
        meta=ArticleMeta(**meta),
        url_key=url_key,
        text=text,
        content_hash=content_hash(text),
        analysis=analyze(text),
        added_by=42,
    )
    return info.id


def test_both_backends_have_the_same_migrations() -> None:
    assert [n for n, _ in pg_store.migrations()] == [n for n, _ in sqlite_store.migrations()]


async def test_migrates_an_empty_database_to_the_latest_version(database: str) -> None:
    store = await open_store(database)
    try:
        assert await store.schema_version() == sqlite_store.migrations()[-1][0]
    finally:
        await store.close()
    tables = await table_names(database)
    assert {"articles", "passages", "quotes", "speakers", "guild_versions", "index_snapshots"} <= tables
    if not is_postgres_url(database):
        assert await raw_value(database, "PRAGMA journal_mode") == "wal"


async def test_reopening_does_not_migrate_again(database: str, dam_text: str) -> None:
    store = await open_store(database)
    await _add(store, GUILD, dam_text)
    await store.close()
    store = await open_store(database)
    try:
        assert await store.count(GUILD) == 1
        assert await store.schema_version() == sqlite_store.migrations()[-1][0]
    finally:
        await store.close()


async def test_round_trip_keeps_text_analysis_and_meta(store: Store, dam_text: str) -> None:
    article_id = await _add(store, GUILD, dam_text, title="Dam", url="https://example.org/dam", outlet="Valley Post")
    article = await store.load_article(GUILD, article_id)
    expected = analyze(dam_text)
    assert article.text == dam_text
    assert article.analysis.document == expected.document
    assert article.analysis.quotes == expected.quotes
    assert article.analysis.speakers == expected.speakers
    assert article.info.title == "Dam"
    assert article.info.outlet == "Valley Post"
    assert article.info.added_by == 42
    assert article.info.chars == len(dam_text)
    assert article.info.quotes == sum(statements.count(expected.quotes))  # statements, not segments


async def test_same_text_twice_is_a_duplicate(store: Store, dam_text: str) -> None:
    first = await _add(store, GUILD, dam_text)
    with pytest.raises(DuplicateArticle) as caught:
        await _add(store, GUILD, dam_text + "\n\n")  # whitespace does not make it new
    assert caught.value.article_id == first
    assert await store.count(GUILD) == 1


async def test_same_url_or_external_id_is_a_duplicate(store: Store, dam_text: str, school_text: str) -> None:
    first = await _add(store, GUILD, dam_text, url_key="example.org/dam", external_id="r1")
    with pytest.raises(DuplicateArticle):
        await _add(store, GUILD, school_text, url_key="example.org/dam")
    with pytest.raises(DuplicateArticle) as caught:
        await _add(store, GUILD, school_text, external_id="r1")
    assert caught.value.article_id == first
    assert (await store.by_external_id(GUILD, "r1")).id == first  # type: ignore[union-attr]
    assert await store.find_duplicate(GUILD, content_hash="none", url_key="example.org/dam")
    assert await store.find_duplicate(GUILD, content_hash="none") is None


async def test_racing_writers_store_one_copy(database: str, dam_text: str) -> None:
    stores = [await open_store(database) for _ in range(3)]  # as three processes would
    try:
        results = await asyncio.gather(
            *(_add(store, GUILD, dam_text) for store in stores), return_exceptions=True
        )
        stored = [r for r in results if isinstance(r, int)]
        refused = [r for r in results if isinstance(r, DuplicateArticle)]
        assert (len(stored), len(refused)) == (1, 2), results
        assert await stores[0].count(GUILD) == 1
    finally:
        for store in stores:
            await store.close()


async def test_guilds_never_see_each_others_articles(store: Store, dam_text: str) -> None:
    mine = await _add(store, GUILD, dam_text)
    theirs = await _add(store, OTHER_GUILD, dam_text)  # the same text is fine elsewhere
    assert [a.id for a in await store.list_articles(GUILD)] == [mine]
    assert [a.id for a in await store.list_articles(OTHER_GUILD)] == [theirs]
    with pytest.raises(ArticleNotFound):
        await store.load_article(OTHER_GUILD, mine)
    with pytest.raises(ArticleNotFound):
        await store.remove_article(OTHER_GUILD, mine)
    assert [a.id for a in await store.load_articles(GUILD)] == [mine]
    assert await store.article_ids(OTHER_GUILD) == [theirs]


async def test_list_is_newest_first_and_title_search_is_literal(
    store: Store, dam_text: str, school_text: str
) -> None:
    dam = await _add(store, GUILD, dam_text, title="River dam: 50% over budget")
    school = await _add(store, GUILD, school_text, title="School budget_vote")
    assert [a.id for a in await store.list_articles(GUILD)] == [school, dam]
    assert [a.id for a in await store.list_articles(GUILD, limit=1)] == [school]
    assert [a.id for a in await store.list_articles(GUILD, title_like="RIVER")] == [dam]
    assert [a.id for a in await store.list_articles(GUILD, title_like="50%")] == [dam]
    assert await store.list_articles(GUILD, title_like="0% o_er") == []  # % and _ are literal
    assert [a.id for a in await store.list_articles(GUILD, title_like="budget_")] == [school]
    assert await store.usage(GUILD) == (2, len(dam_text) + len(school_text))


async def test_remove_deletes_everything_derived(database: str, store: Store, dam_text: str) -> None:
    article_id = await _add(store, GUILD, dam_text)
    version = await store.version(GUILD)
    await store.remove_article(GUILD, article_id)
    assert await store.version(GUILD) > version
    assert await store.count(GUILD) == 0
    for table in ("passages", "quotes", "speakers"):
        assert await raw_value(database, f"SELECT count(*) FROM {table}") == 0


async def test_a_deleted_articles_id_is_never_given_again(store: Store, dam_text: str, school_text: str) -> None:
    first = await _add(store, GUILD, dam_text)
    newest = await _add(store, GUILD, school_text)
    await store.remove_article(GUILD, newest)
    # The highest id is the one a plain rowid table would hand out again.
    again = await _add(store, GUILD, school_text.replace("school", "college"))
    assert again > newest > first


async def test_migrating_an_old_sqlite_library_keeps_every_row(tmp_path: Path, dam_text: str) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as raw:  # a library as schema version 2 left it, with one article
        for number, script in sqlite_store.migrations()[:2]:
            raw.executescript(f"{script}\nPRAGMA user_version = {number};")
        raw.execute(
            "INSERT INTO articles (id, guild_id, title, added_at, content_hash, text)"
            " VALUES (7, ?, 'Old', '2024-01-01T00:00:00Z', 'h', ?)",
            (GUILD, dam_text),
        )
        raw.execute("INSERT INTO passages VALUES (7, 0, 0, 9, 0, '[[0, 9]]')")
    store = await open_store(str(path))
    try:
        assert await store.schema_version() == sqlite_store.migrations()[-1][0]
        assert await store.integrity_check() == "ok"
        # The rebuild dropped the old table without cascading into the rows that refer to it.
        assert await raw_value(str(path), "SELECT count(*) FROM passages WHERE article_id = 7") == 1
        await store.remove_article(GUILD, 7)
        assert await _add(store, GUILD, dam_text) == 8
    finally:
        await store.close()


async def test_failed_write_leaves_nothing_behind(database: str, store: Store, dam_text: str) -> None:
    analysis = analyze(dam_text)
    assert analysis.speakers
    version = await store.version(GUILD)
    # The same speaker twice violates a primary key after the article row was written.
    broken = replace(analysis, speakers=analysis.speakers * 2)
    with pytest.raises(integrity_error(database)):
        await store.add_article(
            GUILD, title="t", meta=ArticleMeta(), url_key=None, text=dam_text,
            content_hash="x", analysis=broken, added_by=None,
        )  # fmt: skip
    assert await store.count(GUILD) == 0
    assert await store.version(GUILD) == version
    assert await raw_value(database, "SELECT count(*) FROM passages") == 0
    assert await store.integrity_check() == "ok"


async def test_snapshot_round_trip_is_per_guild(store: Store) -> None:
    await store.save_snapshot(GUILD, 3, [5, 1], b"data")
    assert await store.load_snapshot(GUILD) == (3, [1, 5], b"data")
    assert await store.load_snapshot(OTHER_GUILD) is None
    await store.save_snapshot(GUILD, 4, [1], b"new")
    assert await store.load_snapshot(GUILD) == (4, [1], b"new")


async def test_read_article_is_scoped_and_lazy(store: Store, dam_text: str) -> None:
    article_id = await _add(store, GUILD, dam_text)
    loaded = await store.load_article(GUILD, article_id)
    assert await asyncio.to_thread(store.read_article, GUILD, article_id) == loaded
    assert store.read_article(OTHER_GUILD, article_id) is None
    assert await store.article_infos(GUILD) == [loaded.info]
    assert loaded.info.quotes == sum(statements.count(loaded.analysis.quotes))


async def test_read_text_is_the_articles_text_alone_and_scoped(store: Store, dam_text: str) -> None:
    article_id = await _add(store, GUILD, dam_text)
    loaded = await store.load_article(GUILD, article_id)
    assert await asyncio.to_thread(store.read_text, GUILD, article_id) == loaded.text
    assert store.read_text(OTHER_GUILD, article_id) is None


async def test_article_hashes_are_the_guilds_newest_first(
    store: Store, dam_text: str, school_text: str
) -> None:
    first = await _add(store, GUILD, dam_text)
    second = await _add(store, GUILD, school_text)
    await _add(store, OTHER_GUILD, dam_text)
    infos = await store.article_infos(GUILD)
    assert [i.id for i in infos] == [second, first]
    assert await store.article_hashes(GUILD) == [(i.id, i.content_hash) for i in infos]
    assert await store.article_hashes(GUILD + 12345) == []


async def test_non_ascii_offsets_are_characters(store: Store) -> None:
    text = (
        "Café owners fight the new rent rules\n\n"
        '“We will close by winter — no doubt,” said Zoë Ångström, who owns Café Öst.\n\n'
        "The council meets again in March."
    )
    article_id = await _add(store, GUILD, text)
    article = await store.load_article(GUILD, article_id)
    assert article.analysis.quotes
    # Offsets counted in bytes would shift every quote after "Café" and "—".
    assert any(q.text.startswith("We will close by winter") for q in article.analysis.quotes)


async def test_a_batch_decides_each_article_as_adds_one_after_another_would(
    store: Store, dam_text: str, school_text: str
) -> None:
    """A bulk import's batch refuses repeats of stored articles and of its own earlier ones,
    by content, external id or story, naming the oldest; the rest are stored in order."""
    from index.intake.near_duplicates import first_stored_duplicate
    from index.intake.story_signatures import story_signature
    from index.store.base import NewArticle, SignedArticle, StoredStories

    def signed(text: str, title: str, external_id: str | None = None) -> SignedArticle:
        analysis = analyze(text)
        new = NewArticle(GUILD, title, ArticleMeta(external_id=external_id), None, text,
                         content_hash(text), analysis, None, "2026-12-07T00:00:00+00:00")  # fmt: skip
        story = story_signature(analysis.document)
        return SignedArticle(new, story.shingles, story.to_bytes(), story.bands())

    stored = await _add(store, GUILD, dam_text, title="Dam", external_id="d1")
    edited = school_text.replace(".", ",", 1) + " One more closing line."
    batch = [
        signed(school_text, "School", "s1"),
        signed(dam_text + "\n", "Dam again"),  # the stored one's content
        signed(edited, "School edited", "s2"),  # the first's story
        signed("Short note. Nothing else.", "Note", "s1"),  # the first's external id
        signed("Another short note, alone.", "Other"),
    ]
    stories = [(s.shingles, s.signature) for s in batch]

    def same_story(position: int, candidates: StoredStories) -> int | None:
        from index.intake.near_duplicates import Signature

        mine = Signature.from_bytes(stories[position][1], stories[position][0])
        return first_stored_duplicate(mine, candidates)

    outcomes = await store.add_articles(batch, same_story)
    kinds = [type(o).__name__ for o in outcomes]
    assert kinds == ["ArticleInfo", "DuplicateArticle", "DuplicateArticle", "DuplicateArticle",
                     "ArticleInfo"]  # fmt: skip
    school, other = outcomes[0], outcomes[4]
    assert [(o.article_id, o.title) for o in outcomes[1:4]] == [  # type: ignore[union-attr]
        (stored, "Dam"), (school.id, "School"), (school.id, "School")  # type: ignore[union-attr]
    ]  # fmt: skip
    assert stored < school.id < other.id  # type: ignore[union-attr]
    assert [i.title for i in await store.list_articles(GUILD)] == ["Other", "School", "Dam"]
    assert await store.similar_stories(GUILD, batch[0].bands)


async def test_a_batchs_reported_info_is_what_the_store_reads_back(
    store: Store, dam_text: str, school_text: str
) -> None:
    """A bulk import reports each stored article's info without reading it back
    (`batch_rows.stored_info`): every field must be what `Store.info` reads of the same row,
    the statement count and the text's length included."""
    from index.intake.story_signatures import story_signature
    from index.store.base import NewArticle, SignedArticle

    def signed(text: str, title: str, meta: ArticleMeta, added_by: int | None) -> SignedArticle:
        analysis = analyze(text)
        new = NewArticle(GUILD, title, meta, None, text, content_hash(text), analysis, added_by,
                         "2026-12-07T10:11:12+00:00")  # fmt: skip
        story = story_signature(analysis.document)
        return SignedArticle(new, story.shingles, story.to_bytes(), story.bands())

    full = ArticleMeta(url="https://news.example/dam", outlet="The Valley Courier",
                       author="Ana Ruiz", published="2026-11-30", external_id="dam-1")  # fmt: skip
    unquoted = "Council notes\n\nThe council met on Tuesday. It adjourned early, café closed."
    batch = [
        signed(dam_text, "Dam", full, 42),
        signed(school_text, "School", ArticleMeta(), None),
        signed(unquoted, "Notes", ArticleMeta(outlet="Gazette"), 7),
    ]
    outcomes = await store.add_articles(batch, lambda position, candidates: None)
    assert all(type(o).__name__ == "ArticleInfo" for o in outcomes)
    assert any(o.quotes > 0 for o in outcomes)  # type: ignore[union-attr]
    for reported in outcomes:
        assert reported == await store.info(GUILD, reported.id)  # type: ignore[union-attr]
