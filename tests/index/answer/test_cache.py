"""The index cache patches a guild's index on change, sees other connections, stays bounded."""

from __future__ import annotations

from pathlib import Path

from index.answer.cache import IndexCache
from index.intake.checks import content_hash
from index.models import ArticleMeta
from index.quotes.analyze import analyze
from index.service import Library
from index.store.sqlite import SqliteStore
from tests.conftest import FERRY, GUILD, OTHER_GUILD

ORCHARD = (
    "Cider makers expect a small harvest\n\n"
    "Late frost cut the apple crop across the county by a third, growers said.\n\n"
    '"The blossoms froze in one night," said Olu Brandt, who runs the Hillside press.\n\n'
    "Prices for fresh cider are expected to rise at farm stands this autumn."
)


async def _add(store: SqliteStore, guild: int, text: str) -> int:
    info = await store.add_article(
        guild, title=text.split("\n")[0], meta=ArticleMeta(), url_key=None, text=text,
        content_hash=content_hash(text), analysis=analyze(text), added_by=None,
    )  # fmt: skip
    return info.id


def _cited(answer) -> set[int]:  # type: ignore[no-untyped-def]
    return {item.article.id for item in answer.items} | {a.id for a in answer.closest}


async def test_added_article_is_found_by_the_next_question(library: Library, dam_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    before = await library.guild_index(GUILD)
    info = await library.add_text(GUILD, FERRY)
    answer = await library.ask(GUILD, "why was the ferry contract delayed?")
    assert info.id in _cited(answer)
    after = await library.guild_index(GUILD)
    assert after.passages.delta_size > 0  # patched, not rebuilt
    assert info.id not in before.parts.infos  # the old index was left as it was


async def test_added_speaker_is_known_at_once(library: Library, dam_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    await library.ask(GUILD, "what did Strand say?")
    await library.add_text(GUILD, FERRY)
    answer = await library.ask(GUILD, "what did Marta Quill say?")
    assert answer.speaker == "Marta Quill"
    assert any("inspected" in item.text for item in answer.items)


async def test_removed_article_is_no_longer_found(library: Library, dam_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    ferry = await library.add_text(GUILD, FERRY)
    assert ferry.id in _cited(await library.ask(GUILD, "ferry contract"))
    await library.remove(GUILD, ferry.id)
    answer = await library.ask(GUILD, "ferry contract")
    assert ferry.id not in _cited(answer)
    assert (await library.ask(GUILD, "what did Marta Quill say?")).speaker != "Marta Quill"


async def test_index_ids_are_the_infos_ids_after_adds_and_removals(
    tmp_path: Path, dam_text: str
) -> None:
    # The cache compares these arrays with the store's ids after every change.
    db = tmp_path / "ids.db"
    async with await Library.open(db) as library:
        dam = await library.add_text(GUILD, dam_text)
        await library.add_text(GUILD, ORCHARD)
        await library.keep_index(GUILD)  # saved: the index is by column
    async with await Library.open(db) as library:
        ferry = await library.add_text(GUILD, FERRY)
        await library.remove(GUILD, dam.id)
        index = await library.guild_index(GUILD)
        ids = index.article_ids().tolist()
        assert ids[0] == ferry.id and sorted(ids) == sorted(index.parts.infos)
        assert dam.id not in ids and len(ids) == len(index.parts.infos) == 2


async def test_an_add_is_caught_up_without_reading_every_id(
    library: Library, dam_text: str
) -> None:
    store = library.store
    await library.add_text(GUILD, dam_text)
    await library.ask(GUILD, "dam")
    full_reads = []
    every_id = store.article_ids

    async def counted(guild_id: int) -> list[int]:
        full_reads.append(guild_id)
        return await every_id(guild_id)

    store.article_ids = counted  # type: ignore[method-assign]
    ferry = await library.add_text(GUILD, FERRY)
    assert ferry.id in _cited(await library.ask(GUILD, "ferry contract"))
    assert full_reads == []  # the ids above the index's newest, and the count, told it all
    # An article removed and another added: the counts disagree, every id is compared.
    await library.remove(GUILD, ferry.id)
    orchard = await library.add_text(GUILD, ORCHARD)
    index = await library.guild_index(GUILD)
    assert full_reads == [GUILD]
    assert sorted(index.article_ids().tolist()) == sorted(await every_id(GUILD))
    assert orchard.id in index.parts.infos and ferry.id not in index.parts.infos


async def test_change_from_another_connection_is_seen(tmp_path: Path, dam_text: str) -> None:
    db = tmp_path / "shared.db"
    async with await Library.open(db) as library:
        await library.add_text(GUILD, dam_text)
        await library.ask(GUILD, "dam")
        other = await SqliteStore.open(db)  # another process's connection
        try:
            orchard = await _add(other, GUILD, ORCHARD)
        finally:
            await other.close()
        assert orchard in _cited(await library.ask(GUILD, "apple crop frost"))


async def test_compaction_keeps_the_same_answers(library: Library, dam_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    await library.guild_index(GUILD)
    await library.add_text(GUILD, FERRY)
    await library.add_text(GUILD, ORCHARD)
    patched = await library.guild_index(GUILD)
    folded = patched.compacted()
    assert folded.passages.delta_size == 0
    for question in ("ferry contract", "apple frost", "raise the dam"):
        assert patched.passages.search(question)[0].passage == folded.passages.search(question)[0].passage


async def test_cache_is_bounded_by_bytes(tmp_path: Path, dam_text: str) -> None:
    store = await SqliteStore.open(tmp_path / "many.db")
    try:
        for guild in range(5):
            await _add(store, GUILD + guild, dam_text)
        one = IndexCache(store, capacity=100)
        size = (await one.get(GUILD)).nbytes
        cache = IndexCache(store, capacity=100, max_bytes=int(size * 2.5))
        for guild in range(5):
            await cache.get(GUILD + guild)
        assert len(cache) == 2
        assert cache.nbytes <= size * 2.5
        assert (await cache.get(OTHER_GUILD)).parts.infos == {}
    finally:
        await store.close()


async def test_article_texts_are_read_on_demand(library: Library, dam_text: str) -> None:
    info = await library.add_text(GUILD, dam_text)
    index = await library.guild_index(GUILD)
    article = index.articles[info.id]
    assert article.text == dam_text
    assert len(index.articles) == 1
    assert list(index.articles) == [info.id]


async def test_a_restart_from_the_snapshot_holds_what_a_rebuild_holds(
    tmp_path: Path, dam_text: str, monkeypatch
) -> None:
    monkeypatch.setattr("index.answer.cache.SNAPSHOT_MIN_PASSAGES", 1)
    db = tmp_path / "snap.db"
    async with await Library.open(db) as library:
        for text in (dam_text, FERRY, ORCHARD):
            await library.add_text(GUILD, text)
        built = await library.guild_index(GUILD)
        await library._indexes.close()
    async with await Library.open(db) as library:
        loaded = await library.guild_index(GUILD)
        assert loaded.parts == built.parts
        assert loaded.speakers.people() == built.speakers.people()
        assert loaded.all_quotes() == built.all_quotes()


async def test_a_snapshot_of_another_format_is_rebuilt(tmp_path: Path, dam_text: str) -> None:
    db = tmp_path / "old.db"
    async with await Library.open(db) as library:
        info = await library.add_text(GUILD, dam_text)
        built = await library.guild_index(GUILD)
        await library.store.save_snapshot(GUILD, built.version, [info.id], b"not a snapshot")
    async with await Library.open(db) as library:
        assert (await library.guild_index(GUILD)).parts == built.parts
