"""A saved guild index maps back with the same passages, quotes and speakers; damaged, cut
short or of the old format, it is rebuilt from the database with nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.answer import info_columns, mapped, said_columns, snapshot
from index.answer.quote_columns import ColumnWriter, QuoteColumns
from index.answer.retrieve import PassageIndex
from index.models import AnswerKind, ArticleInfo, Passage, Quote, QuoteKind, Speaker
from index.service import Library
from tests.conftest import FERRY, GUILD

TEXTS = ["Café owners fight the new rent rules", "The council meets again in March"]
PASSAGES = PassageIndex([Passage(7, 0, 0, 36), Passage(9, 1, 40, 72)], TEXTS)
QUOTES = {
    9: (
        Quote("We will close — no doubt", 3, 27, QuoteKind.DIRECT, 0, "Zoë Ångström", "owner",
              "she", 50, 53, "said"),
        Quote("rents rose", 60, 70, QuoteKind.REPORTED, 1, None),
    ),
    7: (),
    8: (Quote("a\x00b\x1fc", 0, 5, QuoteKind.PARTIAL, 0, "Al"),),
}  # fmt: skip
SPEAKERS = {9: (Speaker("Zoë Ångström", "owner", ("Ångström", "Zoë"), 1),), 8: (Speaker("Al"),)}


def _info(article_id: int) -> ArticleInfo:
    return ArticleInfo(article_id, GUILD, "t", None, None, None, None, None, None, "", f"h{article_id}", 1)  # type: ignore[call-arg]


def _columns() -> QuoteColumns:
    writer = ColumnWriter()
    writer.add(QUOTES, SPEAKERS)
    return QuoteColumns(writer.arrays())


def test_files_map_back_the_same_quotes_speakers_and_search(tmp_path: Path) -> None:
    infos = {i: _info(i) for i in (9, 8, 7)}
    snapshot.save(tmp_path, GUILD, 4, infos, PASSAGES, _columns().arrays())
    saved = snapshot.load(tmp_path, GUILD)
    assert saved is not None and saved.version == 4
    assert saved.covered == {9: "h9", 8: "h8", 7: "h7"}
    for i in (7, 8, 9):
        assert saved.columns.quotes(i) == QUOTES[i]
        assert saved.columns.speakers(i) == SPEAKERS.get(i, ())
    assert saved.passages.search("rent café") == PASSAGES.search("rent café")
    assert saved.infos is not None and list(saved.infos) == [9, 8, 7]
    assert dict(saved.infos) == infos and 5 not in saved.infos
    assert saved.entries == _columns().entries([9, 8, 7])
    [(article, row)] = saved.columns.rows_by("Al", [9, 8, 7])
    assert (article, saved.columns.quote(row)) == (8, QUOTES[8][0])


def test_nothing_saved_is_none_and_a_cut_file_is_an_error(tmp_path: Path) -> None:
    assert snapshot.load(tmp_path, GUILD) is None
    snapshot.save(tmp_path, GUILD, 1, {9: _info(9)}, PASSAGES, _columns().arrays())
    folder = tmp_path / f"guild-{GUILD}"
    current = folder / (folder / "current").read_text()
    cut = current / "c_q_text.npy"
    cut.write_bytes(cut.read_bytes()[:-3])
    with pytest.raises(ValueError, match="damaged"):
        snapshot.load(tmp_path, GUILD)


async def _library_with_index(db: Path) -> dict[int, object]:
    async with await Library.open(db) as library:
        await library.add_text(GUILD, FERRY)
        await library.keep_index(GUILD)
        return dict((await library.guild_index(GUILD)).parts.quotes)


def _generation(db: Path) -> Path:
    folder = Path(f"{db}.index") / f"guild-{GUILD}"
    return folder / (folder / "current").read_text()


@pytest.mark.parametrize("damage", ["truncate", "garble", "delete", "infos", "entries"])
async def test_damaged_index_files_are_rebuilt(tmp_path: Path, damage: str, caplog) -> None:
    db = tmp_path / "lib.db"
    quotes = await _library_with_index(db)
    target = _generation(db) / "p_indices.npy"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:20])
    elif damage == "garble":
        (_generation(db) / "meta.json").write_text("{not json")
    elif damage == "infos":  # cut short, then padded back to the size meta.json records
        cut = _generation(db) / "i_text_ends.npy"
        cut.write_bytes(cut.read_bytes()[:-16] + b"\xff" * 16)
    elif damage == "entries":
        codes = _generation(db) / "entries.npy"
        codes.write_bytes(codes.read_bytes()[:-4] + b"\xff\xff\xff\x7f")
    else:
        target.unlink()
    async with await Library.open(db) as library:
        index = await library.guild_index(GUILD)
        assert dict(index.parts.quotes) == quotes
        answer = await library.ask(GUILD, "what did the ferry captain say?")
        assert answer.items or answer.closest
        await library.keep_index(GUILD)
    assert "damaged" in caplog.text
    assert snapshot.load(Path(f"{db}.index"), GUILD) is not None  # saved again, whole


async def test_an_index_of_the_old_format_is_rebuilt_once(tmp_path: Path, caplog) -> None:
    db = tmp_path / "old.db"
    quotes = await _library_with_index(db)
    async with await Library.open(db) as library:  # what format 3 left: a blob in the database
        await library.store.save_snapshot(GUILD, 1, [1], b"PK\x03\x04 an old blob")
    snapshot.remove(Path(f"{db}.index"), GUILD)
    async with await Library.open(db) as library:
        assert dict((await library.guild_index(GUILD)).parts.quotes) == quotes
    assert caplog.text.count("old format") == 1
    async with await Library.open(db) as library:
        old = await library.store.load_snapshot(GUILD)
        assert old is None or not old[2]  # emptied once the files were saved
        await library.guild_index(GUILD)
    assert caplog.text.count("old format") == 1


def test_saved_infos_keep_none_and_text_and_patch_lazily(tmp_path: Path) -> None:
    odd = ArticleInfo(12, GUILD, "Ünïcode — title", None, "Outlet", None, "2024-01-02", "x1", None, "2024", "h12", 40, 3)  # fmt: skip
    snapshot.save(tmp_path, GUILD, 1, {12: odd, 9: _info(9)}, PASSAGES, _columns().arrays())
    saved = snapshot.load(tmp_path, GUILD)
    assert saved is not None and saved.infos is not None
    assert saved.infos[12] == odd and saved.infos[9] == _info(9)
    changed = info_columns.changed(saved.infos, {13: _info(13)}, {9})
    assert list(changed) == [13, 12] and dict(changed) == {13: _info(13), 12: odd}
    again = info_columns.changed(changed, {14: _info(14)}, {13})
    assert list(again) == [14, 12] and 9 not in again and 13 not in again


def test_patched_infos_are_counted_from_the_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    snapshot.save(tmp_path, GUILD, 1, {12: _info(12), 9: _info(9)}, PASSAGES, _columns().arrays())
    saved = snapshot.load(tmp_path, GUILD)
    assert saved is not None and saved.infos is not None
    changed = info_columns.changed(saved.infos, {13: _info(13)}, {9})
    again = info_columns.changed(changed, {14: _info(14), 15: _info(15)}, {13})
    counts = [len(list(changed)), len(list(again))]
    # Counting reads none of the saved ids: a cached index is sized after every added article.
    monkeypatch.setattr(info_columns.ChangedInfos, "__iter__", lambda self: iter(()))
    fresh = info_columns.changed(saved.infos, {13: _info(13)}, {9})
    later = info_columns.changed(fresh, {14: _info(14), 15: _info(15)}, {13})
    assert [len(fresh), len(later)] == counts == [2, 3]


def _as_format(db: Path, version: int) -> None:
    """Turn the saved index into what FORMAT 6 wrote (no quote terms) or 5 (no info columns
    and no speaker entries either)."""
    target = _generation(db)
    meta = json.loads((target / "meta.json").read_text())
    lacking = ("c_t_", "i_", "entries") if version == 5 else ("c_t_",)
    for name in [n for n in meta["files"] if n.startswith(lacking)]:
        (target / f"{name}.npy").unlink()
        del meta["files"][name]
    meta["format"] = version
    (target / "meta.json").write_text(json.dumps(meta))


async def test_an_index_of_format_5_is_upgraded_with_the_same_answers(
    tmp_path: Path, caplog
) -> None:
    db = tmp_path / "five.db"
    await _library_with_index(db)
    question = "what did the ferry captain say?"
    async with await Library.open(db) as library:
        before = await library.ask(GUILD, question)
        infos = dict((await library.guild_index(GUILD)).parts.infos)
    _as_format(db, 5)
    old = _generation(db)
    assert snapshot.load(Path(f"{db}.index"), GUILD).upgrade  # type: ignore[union-attr]
    async with await Library.open(db) as library:
        assert await library.ask(GUILD, question) == before
    assert caplog.text.count("format 5; saving them as format 7") == 1
    saved = snapshot.load(Path(f"{db}.index"), GUILD)
    assert saved is not None and not saved.upgrade and dict(saved.infos or {}) == infos
    new = _generation(db)  # the arrays it had are linked into the new generation, not rewritten
    assert new != old and (new / "p_weights.npy").stat().st_ino == (old / "p_weights.npy").stat().st_ino
    async with await Library.open(db) as library:
        assert await library.ask(GUILD, question) == before
        assert dict((await library.guild_index(GUILD)).parts.infos) == infos
    assert caplog.text.count("format 5") == 1


async def test_an_index_of_format_4_is_rebuilt_with_one_notice(tmp_path: Path, caplog) -> None:
    db = tmp_path / "four.db"
    quotes = await _library_with_index(db)
    meta = _generation(db) / "meta.json"
    meta.write_text(json.dumps(json.loads(meta.read_text()) | {"format": 4}))
    async with await Library.open(db) as library:
        assert dict((await library.guild_index(GUILD)).parts.quotes) == quotes
        await library.keep_index(GUILD)
    assert caplog.text.count("too old") == 1 and "damaged" not in caplog.text
    saved = snapshot.load(Path(f"{db}.index"), GUILD)
    assert saved is not None and not saved.upgrade


async def test_an_index_of_format_6_gains_quote_terms_with_the_same_answers(
    tmp_path: Path, caplog
) -> None:
    db = tmp_path / "six.db"
    await _library_with_index(db)
    question = "what did Marta Quill say about the boat?"
    async with await Library.open(db) as library:
        before = await library.ask(GUILD, question)
    assert before.kind is AnswerKind.SPEAKER_TOPIC and before.items
    _as_format(db, 6)
    old = _generation(db)
    saved = snapshot.load(Path(f"{db}.index"), GUILD)
    assert saved is not None and saved.upgrade and saved.columns.term_arrays is None
    async with await Library.open(db) as library:
        assert await library.ask(GUILD, question) == before  # quotes tokenized, as before
        await library._indexes.close()  # the upgrade, written in the background
        # The index kept is swapped for the upgraded one: its rows' terms are read.
        assert (await library.guild_index(GUILD)).termed_rows(["Marta Quill"]) is not None
        assert await library.ask(GUILD, question) == before
    assert caplog.text.count("format 6; saving them as format 7") == 1
    saved = snapshot.load(Path(f"{db}.index"), GUILD)
    assert saved is not None and not saved.upgrade and saved.columns.term_arrays is not None
    new = _generation(db)
    assert new != old and (new / "p_weights.npy").stat().st_ino == (old / "p_weights.npy").stat().st_ino


def test_mapped_quote_columns_are_read_through_plain_views(tmp_path: Path) -> None:
    # An np.memmap runs Python code on every index: a speaker's page indexes rows hundreds of
    # times. The plain views still read the mapped files (their pages can be given back).
    snapshot.save(tmp_path, GUILD, 1, {i: _info(i) for i in (9, 8, 7)}, PASSAGES, _columns().arrays())
    saved = snapshot.load(tmp_path, GUILD)
    assert saved is not None
    arrays = saved.columns.arrays()
    for name in ("q_article", "q_numbers", "q_codes", "q_text", "q_text_ends", "s_article"):
        assert type(arrays[name]) is np.ndarray and mapped.is_mapped(arrays[name])
    block = said_columns.ColumnBlock(
        saved.columns.said_arrays, saved.columns.codes, saved.columns.segments, saved.infos or {},
        np.array([9, 8, 7]),
    )  # fmt: skip
    assert all(type(array) is np.ndarray for array in block._a.values())
