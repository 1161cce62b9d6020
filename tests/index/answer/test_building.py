"""An index built as an import stores its articles is the index a fresh build makes."""

from __future__ import annotations

import json
import pickle
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index.answer import building, snapshot
from index.answer.passage_build import PassageBuilder
from index.answer.retrieve import PassageIndex
from index.intake import bulk
from index.intake.bulk import ImportItem, read_source
from index.models import ArticleMeta, Passage
from index.service import Library
from tests.conftest import GUILD

PEOPLE = ("Ines Marlow", "Tobias Renk", "Hana Oduya", "Pavel Strom", "Greta Lund")
TOPICS = (
    ("harbour", "dredging", "ferries", "tides"),
    ("orchard", "frost", "cider", "harvest"),
    ("library", "archive", "reading", "volunteers"),
    ("railway", "signals", "timetable", "commuters"),
    ("clinic", "nurses", "waiting", "vaccines"),
)
FILLER = tuple(
    "amber basalt cobalt dune ember fjord glacier heron iris juniper kelp lagoon meadow nectar"
    " oak pebble quartz reed saffron thistle umber violet willow yarrow zephyr birch cedar delta"
    " estuary fern granite hollow inlet jasper kestrel lichen marsh nettle osprey pine quarry"
    " ridge spruce tundra upland vale wharf yew badger canal dyke elm ford grove".split()
)
QUESTIONS = (
    "what did Ines Marlow say?",
    "what did Tobias Renk say about the railway signals?",
    "who said the tides were late",
    "why were the orchard harvest plans changed?",
    "volunteers archive reading",
    "who is Hana Oduya?",
)


def _article(n: int) -> dict[str, str]:
    """A small article of its own: a topic, two speakers, a quote split around its cue."""
    rng = random.Random(n)
    place, a, b, c = TOPICS[n % len(TOPICS)]
    first, second = rng.sample(PEOPLE, 2)
    count = rng.randint(2, 90)
    detail = " ".join(rng.sample(FILLER, 14))
    aside = " ".join(rng.sample(FILLER, 12))
    text = (
        f"Council weighs {place} plan number {n}\n\n"
        f"The {place} committee met on Tuesday to discuss {a} and {b}, and {count} residents came. Notes mention {detail}.\n\n"
        f'"We cannot wait for the {c} to settle this," said {first}, who chairs the {place} board. '
        f'"The {b} will not pay for itself."\n\n'
        f"{second} said the {a} had been delayed {count % 7 + 1} times since spring, citing {aside}.\n\n"
        f'"Nobody asked the {c} what they wanted," {second} told the meeting.'
    )
    return {"id": f"a{n}", "title": f"Council weighs {place} plan number {n}", "text": text}


def _corpus(path: Path, numbers: range) -> Path:
    path.write_text("".join(json.dumps(_article(n)) + "\n" for n in numbers), encoding="utf-8")
    return path


def _answers(answers: list) -> list:  # type: ignore[type-arg]
    return [
        (a.kind, a.headline, [(i.article.id, i.text, i.start, i.score, i.quote) for i in a.items])
        for a in answers
    ]


async def _ask_all(library: Library) -> list:  # type: ignore[type-arg]
    return _answers([await library.ask(GUILD, q) for q in QUESTIONS])


async def test_import_build_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(building, "IMPORT_BATCH", 7)  # several batches, a part one at the end
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        for n in range(3):  # articles stored before the import: read back by its build
            await library.add_text(GUILD, _article(n)["text"], ArticleMeta(title=f"t{n}"))
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(3, 40)))
        report = await library.import_items(GUILD, items)
        assert report.added == 37
        imported = await library.guild_index(GUILD)
        assert len(imported.parts.infos) == 40
        assert snapshot.load(snapshot.folder_for(str(db)), GUILD) is not None  # saved
        during = await _ask_all(library)
    async with await Library.open(db) as library:  # a restart maps what the import saved
        mapped = await library.guild_index(GUILD)
        after_restart = await _ask_all(library)
    snapshot.remove(snapshot.folder_for(str(db)), GUILD)
    async with await Library.open(db) as library:  # no files: built from the store
        fresh = await library.guild_index(GUILD)
        rebuilt = await _ask_all(library)
    assert list(imported.parts.infos) == list(fresh.parts.infos)  # newest first
    for name, array in fresh.passages.to_arrays().items():
        assert np.array_equal(imported.passages.to_arrays()[name], array), name
        assert np.array_equal(mapped.passages.to_arrays()[name], array), name
    assert imported.speakers.canonical_groups() == fresh.speakers.canonical_groups()
    assert during == after_restart == rebuilt
    assert any(kind.value == "speaker" for kind, _, items in rebuilt if items)


async def test_an_import_saves_its_columns_as_joining_them_again_would(tmp_path: Path) -> None:
    from index.answer.quote_columns import ColumnWriter, merged

    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(30)))
        await library.import_items(GUILD, items)
        index = await library.guild_index(GUILD)
        held = index._held
        assert held.columns is not None and not held.quotes  # built by column, nothing patched
        joined = merged(held.columns, held.order.tolist(), ColumnWriter(held.columns.pool))
        saved = index.columns()
        assert saved["q_text"] is held.columns.arrays()["q_text"]  # not copied
        assert saved.keys() == joined.keys()
        for name, array in joined.items():
            assert np.array_equal(saved[name], array), name
        await library.add_text(GUILD, _article(99)["text"])  # patched in: joined again
        patched = await library.guild_index(GUILD)
        assert patched.columns()["q_text"] is not held.columns.arrays()["q_text"]
        assert len(patched.columns()["q_article"]) > len(saved["q_article"])


def test_batches_in_any_order_build_the_one_shot_index() -> None:
    rng = random.Random(4)
    words = [f"word{i}" for i in range(120)]
    # Each article brings words of its own, so a later batch has a wider vocabulary than an
    # earlier one: batches of different widths must still stack.
    articles = {
        a: [" ".join(rng.choices(words[: 20 + 3 * a], k=12)) for _ in range(3)] for a in range(30)
    }
    order = sorted(articles, reverse=True)  # the library's order: newest first

    def rows(ids: list[int]) -> tuple[list[Passage], list[str]]:
        found = [(Passage(a, p, 0, 10), t) for a in ids for p, t in enumerate(articles[a])]
        return [p for p, _ in found], [t for _, t in found]

    one_shot = PassageIndex(*rows(order)).to_arrays()
    for batches in (
        [order[i : i + 4][::-1] for i in range(0, 30, 4)][::-1],
        [order[1::2], order[::2]],
    ):
        builder = PassageBuilder()
        for ids in batches:  # oldest batch first, or interleaved
            builder.add(*rows(ids))
        built = builder.build(order).to_arrays()
        for name, array in one_shot.items():
            assert np.array_equal(built[name], array), name


def test_passages_counted_in_a_worker_build_the_index_counting_them_here_does() -> None:
    from index.answer.passage_build import count_passages
    from index.answer.passages import passages_of
    from index.models import Article, ArticleInfo
    from index.quotes.analyze import analyze

    texts = [_article(n)["text"] for n in range(12)] + ["Short.", "A headline\n\n\n"]
    articles = [
        Article(ArticleInfo(100 - n, GUILD, "t", None, None, None, None, None, None, "", "", 0),
                text, analyze(text))
        for n, text in enumerate(texts)
    ]  # fmt: skip
    order = [a.id for a in articles]
    here, counted = PassageBuilder(), PassageBuilder()
    for part in (articles[:5], articles[5:], []):
        here.add(*passages_of(part))
        # as a worker hands them back: pickled, read-only arrays
        counted.add_counted(
            [(a.id, pickle.loads(pickle.dumps(count_passages(a.text, a.analysis.document))))
             for a in part]
        )  # fmt: skip
    assert counted._vocabulary == here._vocabulary  # the same terms, numbered alike
    expected = here.build(order).to_arrays()
    for name, array in counted.build(order).to_arrays().items():
        assert np.array_equal(array, expected[name]), name
    assert len(expected["positions"]) > 12


def test_counted_passages_come_back_from_pickling_the_same() -> None:
    from index.answer.passage_build import count_passages
    from index.quotes.analyze import analyze

    for text in [_article(3)["text"], "A headline\n\n\n", ""]:
        counted = count_passages(text, analyze(text).document)
        back = pickle.loads(pickle.dumps(counted))
        assert back.words == counted.words
        for name in ("spans", "terms", "counts", "ends"):
            array, again = getattr(counted, name), getattr(back, name)
            assert (again.dtype, again.shape) == (array.dtype, array.shape), name
            assert np.array_equal(again, array), name


async def test_an_import_build_batches_articles_alike_and_splits_where_counting_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.answer.passage_build import count_passages
    from index.models import Article, ArticleInfo
    from index.quotes.analyze import analyze

    batches: list[tuple[int, bool]] = []  # (articles, came counted) of each batch built

    def add(self: building.Build, articles: list[Article], counted: object = None) -> None:
        batches.append((len(articles), counted is not None))

    monkeypatch.setattr(building.Build, "add", add)
    build = building.ImportBuild(GUILD)
    for n in range(7):
        text = _article(n)["text"]
        article = Article(
            ArticleInfo(n + 1, GUILD, "t", None, None, None, None, None, None, "", "", 0),
            text, analyze(text),
        )  # fmt: skip
        # Three stored by `add` (counted here), then four from the import's workers, then none.
        await build.add(article, count_passages(text, article.analysis.document) if n >= 3 else None)
    await build._flush()
    await build._indexed()
    assert batches == [(3, False), (4, True)]


async def test_a_crash_mid_import_loses_no_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(building, "IMPORT_BATCH", 5)
    monkeypatch.setattr(bulk, "STORE_BATCH", 16)  # several transactions before the crash
    monkeypatch.setenv("ARTICLEBOT_IMPORT_WORKERS", "1")  # chunks prepared in turn, here
    db = tmp_path / "lib.db"
    _, items = read_source(_corpus(tmp_path / "c.jsonl", range(120)))
    reported: list[int] = []

    def cut_short() -> Iterator[ImportItem]:
        for number, item in enumerate(items):
            if number == 100:
                raise KeyboardInterrupt  # the process stopped mid-import
            yield item

    async with await Library.open(db) as library:
        with pytest.raises(KeyboardInterrupt):
            await library.import_items(
                GUILD, cut_short(), on_item=lambda report: reported.append(report.added)
            )
    assert snapshot.load(snapshot.folder_for(str(db)), GUILD) is None  # nothing half saved
    async with await Library.open(db) as library:
        stored = {info.id for info in await library.articles(GUILD)}
        assert reported and len(stored) == reported[-1] > 0  # all it counted, committed
        index = await library.guild_index(GUILD)
        assert index.passages.article_ids() == stored == set(index.parts.infos)
        answer = await library.ask(GUILD, "what did Greta Lund say?")
        assert answer.items and all(item.article.id in stored for item in answer.items)
        _, rest = read_source(_corpus(tmp_path / "c.jsonl", range(120)))
        report = await library.import_items(GUILD, rest)  # run again: the rest is added
        assert (report.added, report.duplicates) == (120 - len(stored), len(stored))
        assert len((await library.guild_index(GUILD)).parts.infos) == 120


async def test_who_said_by_column_answers_as_the_objects_do(tmp_path: Path) -> None:
    from index.answer import qa
    from index.answer.guild_index import GuildIndex

    db = tmp_path / "lib.db"
    phrases = (
        "who said the tides were late",
        "who said we cannot wait for the tides to settle this",  # exact
        "who said nobody asked the commuters what they wanted",
        "who said the signals will not pay for itself",  # close, not exact
        "who said the glacier melted",  # nobody
        "who said nobody reported asked the tides",  # "reported": pooled (a kind), in no statement
    )
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(30)))
        await library.import_items(GUILD, items)
        columns = await library.guild_index(GUILD)
        stored = await library.store.load_articles(GUILD)
        objects = GuildIndex(GUILD, columns.version, stored)
        for phrase in phrases:
            mine, theirs = qa.answer(phrase, columns), qa.answer(phrase, objects)
            assert _answers([mine]) == _answers([theirs]), phrase
        assert any(qa.answer(p, columns).items for p in phrases)
        # Patched: one article removed, one added; the column block masks and layers them.
        gone = next(iter(columns.parts.infos))
        extra = await library.add_text(GUILD, _article(77)["text"])
        await library.remove(GUILD, gone)
        patched = await library.guild_index(GUILD)
        assert patched.said() is not None and gone not in patched.parts.infos
        objects = GuildIndex(GUILD, patched.version, await library.store.load_articles(GUILD))
        for phrase in (*phrases, "who said nobody asked the harbour"):
            mine, theirs = qa.answer(phrase, patched), qa.answer(phrase, objects)
            assert _answers([mine]) == _answers([theirs]), phrase
        compacted = patched.compacted()  # the column block kept, the patches folded
        for phrase in phrases:
            assert _answers([qa.answer(phrase, compacted)]) == _answers(
                [qa.answer(phrase, objects)]
            )
        assert extra.id in compacted.parts.infos


async def test_speaker_pages_newest_first_with_the_total(tmp_path: Path) -> None:
    from index.answer.display_order import newest_statements
    from index.answer.guild_index import GuildIndex
    from index.statements import statement_key

    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(40)))
        await library.import_items(GUILD, items)
        await library.add_text(GUILD, _article(90)["text"])  # one patched in as objects
        index = await library.guild_index(GUILD)
        objects = GuildIndex(GUILD, index.version, await library.store.load_articles(GUILD))
        name = "Ines Marlow"
        members = index.speakers.members(name)
        every = [ref for m in members for ref in objects.quotes_by(m)]
        keys = {(r.article.id, *statement_key(r.quote)) for r in every}
        for limit in (1, 4, 10, 1000):
            total, reported, page = index.said_page(members, limit)
            assert total == len(keys) > 10
            assert reported == sum(1 for *_, is_reported in keys if is_reported)
            assert page == newest_statements(every, limit)
            newest = [ref.article.id for ref in page]
            assert newest[0] == max(r.article.id for r in every)  # undated: the latest added
            assert newest == sorted(newest, reverse=True)
        answer = await library.quotes(GUILD, name)
        assert answer.total == len(keys)


async def test_a_mapped_index_counts_a_share_of_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.answer import retrieve

    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(30)))
        await library.import_items(GUILD, items)
    async with await Library.open(db) as library:
        mapped = await library.guild_index(GUILD)  # a restart maps the files
        share = mapped.passages.nbytes
    snapshot.remove(snapshot.folder_for(str(db)), GUILD)
    async with await Library.open(db) as library:
        built = (await library.guild_index(GUILD)).passages.nbytes  # in memory: counted whole
    assert share < built
    monkeypatch.setattr(retrieve, "MAPPED_SHARE", 1.0)
    assert mapped.passages.nbytes == built  # the same arrays, counted whole


def test_gathering_slices_a_chunk_at_a_time_joins_them_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.answer import slices

    rng = np.random.default_rng(3)
    buffer = rng.integers(0, 255, 5_000).astype(np.uint8)
    lengths = rng.integers(0, 40, 300)
    starts = np.array([rng.integers(0, 5_000 - n) for n in lengths])
    expected = np.concatenate([buffer[a : a + n] for a, n in zip(starts, lengths, strict=True)])
    for chunk in (1, 7, 64, 1 << 22):  # rows longer than a chunk, and all rows in one
        monkeypatch.setattr(slices, "GATHER_CHUNK", chunk)
        assert np.array_equal(slices.gather(buffer, starts, lengths), expected)
