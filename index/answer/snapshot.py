"""A guild index saved as files that a new process maps instead of reading whole.

Each array is one `.npy` file (no pickle), opened memory-mapped: a restart costs the same at
10,000 articles as at 100,000, and only the pages a question touches are read. A guild's folder
holds generations; `current` names the complete one. A save writes a new generation beside the
others, then replaces `current` in one rename, so a reader sees the old index or the new one,
never half of either. `meta.json` records every file's size: a file cut short or missing makes
the whole generation unreadable (ValueError), and the caller rebuilds it from the database.

Where: beside a SQLite file, in `<file>.index/`; for PostgreSQL (or to move it), in the folder
ARTICLEBOT_INDEX_DIR names, else the user's cache folder, one subfolder per database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.answer import term_columns
from index.answer.appended import is_whole_file
from index.answer.info_columns import Entry, InfoColumns, entries_of, entry_codes, info_arrays
from index.answer.mapped import release
from index.answer.quote_columns import ColumnWriter, QuoteColumns, pool_arrays
from index.answer.retrieve import PassageIndex
from index.models import ArticleInfo

# 7: each quote's terms by column; 6: article infos and speaker entries by column; 5: who-said
# statements by column; 4: files beside the database (3: a blob). An index of format 5 or 6 is
# read, and saved again as 7 with what it lacks (UPGRADED).
FORMAT = 7
UPGRADED = (5, 6)
INDEX_DIR_SETTING = "ARTICLEBOT_INDEX_DIR"
_CURRENT = "current"


@dataclass(frozen=True, slots=True)
class Saved:
    """A guild index read back: its version, the articles it covers, passages, quote columns."""

    version: int
    covered: dict[int, str]  # article id -> content hash, to notice an id given to another
    passages: PassageIndex
    columns: QuoteColumns
    # Made lazily from columns; None for an index of format 5: the caller reads the infos
    # from the store and saves the index again in this format.
    infos: InfoColumns | None = None
    entries: list[Entry] | None = None  # the speaker directory's, in library order
    format: int = FORMAT
    mapped: tuple[np.ndarray, ...] = ()  # every array mapped, to give their pages back

    @property
    def upgrade(self) -> bool:
        """Tell an index saved in a format before (UPGRADED), to be saved again in this one."""
        return self.format != FORMAT


class OldFormat(ValueError):
    """Index files of a format too old to upgrade: rebuilt from the database."""


def folder_for(database: str | None) -> Path | None:
    """Where a database's index files live; None for a database only in memory."""
    if database is None or database == ":memory:":
        return None
    setting = os.environ.get(INDEX_DIR_SETTING)
    if database.startswith(("postgresql://", "postgres://")):
        base = Path(setting) if setting else Path.home() / ".cache" / "articlebot" / "index"
        # One folder per database, named without the password.
        key = database.split("://", 1)[1].rsplit("@", 1)[-1]
        return base / hashlib.sha256(key.encode()).hexdigest()[:16]
    if setting:
        return (
            Path(setting) / hashlib.sha256(str(Path(database).resolve()).encode()).hexdigest()[:16]
        )
    return Path(f"{database}.index")


def save(
    root: Path,
    guild_id: int,
    version: int,
    infos: Mapping[int, ArticleInfo],
    passages: PassageIndex,
    columns: Mapping[str, np.ndarray],
) -> None:
    """Write a guild index as a new generation and make it the current one."""
    folder = root / f"guild-{guild_id}"
    folder.mkdir(parents=True, exist_ok=True)
    generation = f"v{version}-{uuid.uuid4().hex[:12]}"
    target = folder / f".{generation}.partial"
    target.mkdir()
    arrays = {f"p_{k}": v for k, v in passages.to_arrays().items()}
    arrays |= {f"c_{k}": v for k, v in columns.items()}
    arrays["articles"] = np.fromiter(infos, dtype=np.int64, count=len(infos))
    arrays["hashes"] = np.array([info.content_hash for info in infos.values()], dtype=np.str_)
    arrays |= info_arrays(infos)
    quotes = QuoteColumns(columns)
    arrays["entries"] = entry_codes(quotes.entries(arrays["articles"]), quotes.codes)
    _publish(folder, target, generation, guild_id, version, _write(target, arrays))


def upgrade(root: Path, guild_id: int, saved: Saved, infos: Mapping[int, ArticleInfo]) -> None:
    """Save an index read in a format before (UPGRADED) as this format: its files linked into
    a new generation, not rewritten, beside what it lacked: the article infos and speaker
    entries (format 5), each quote's terms (5 and 6), with the string pool they extend (a
    whole save at 100,000 articles rewrote a gigabyte and peaked at 2.3 GB)."""
    folder = root / f"guild-{guild_id}"
    old = folder / (folder / _CURRENT).read_text(encoding="utf-8").strip()
    sizes = json.loads((old / "meta.json").read_text(encoding="utf-8"))["files"]
    arrays = _lacking(saved, infos)
    sizes = {name: size for name, size in sizes.items() if name not in arrays}
    generation = f"v{saved.version}-{uuid.uuid4().hex[:12]}"
    target = folder / f".{generation}.partial"
    target.mkdir()
    for name in sizes:
        _link(old / f"{name}.npy", target / f"{name}.npy")
    sizes = sizes | _write(target, arrays)
    _publish(folder, target, generation, guild_id, saved.version, sizes)


def carry(source: Path, target: Path) -> list[int]:
    """Give the index folder `target` the current generation of every guild saved in `source`
    (files linked, not rewritten); return those guilds. For a library copied whole into another
    database with its ids and versions (`migrate`): its index serves there as it is, and the
    first question does not rebuild 100,000 articles from rows. Existing generations in
    `target` are kept aside as a save would."""
    carried = []
    for folder in sorted(source.glob("guild-*")) if source.is_dir() else []:
        try:
            generation = (folder / _CURRENT).read_text(encoding="utf-8").strip()
            guild_id = int(folder.name.removeprefix("guild-"))
        except (OSError, UnicodeDecodeError, ValueError):  # nothing whole saved: built later
            continue
        into = target / folder.name
        if not (into / generation).is_dir():  # else carried by a run before
            partial = into / f".{generation}.partial"
            shutil.rmtree(partial, ignore_errors=True)  # a copy cut short before
            partial.mkdir(parents=True)
            for file in (folder / generation).iterdir():
                _link(file, partial / file.name)
            partial.rename(into / generation)
        _make_current(into, generation)
        carried.append(guild_id)
    return carried


def _link(source: Path, target: Path) -> None:
    """Share a published file, never written again, with another generation."""
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links, or another device
        shutil.copyfile(source, target)


def _lacking(saved: Saved, infos: Mapping[int, ArticleInfo]) -> dict[str, np.ndarray]:
    """Make the arrays an index of a format before lacks from what it has."""
    columns, arrays = saved.columns, dict[str, np.ndarray]()
    if saved.infos is None:
        order = np.fromiter(saved.covered, dtype=np.int64, count=len(saved.covered))
        arrays = info_arrays({i: infos[i] for i in saved.covered})
        arrays["entries"] = entry_codes(columns.entries(order), columns.codes)
    if columns.term_arrays is None:
        writer = ColumnWriter(columns.pool)  # the pool, extended by the terms' strings
        text = columns.arrays()
        terms = term_columns.of_texts(text["q_text"], text["q_text_ends"], writer.code)
        arrays |= {f"c_{k}": v for k, v in (terms | pool_arrays(writer.pool)).items()}
    return arrays


def _write(target: Path, arrays: Mapping[str, np.ndarray]) -> dict[str, int]:
    sizes = {}
    for name, array in arrays.items():
        path = target / f"{name}.npy"
        whole = is_whole_file(array)
        if whole is not None:  # already the file np.save would write (an import's build)
            _link(whole, path)
        else:
            np.save(path, np.ascontiguousarray(array), allow_pickle=False)
            release(array)  # a mapped array read whole to write it
        sizes[name] = path.stat().st_size
    return sizes


def _publish(
    folder: Path, target: Path, generation: str, guild_id: int, version: int, sizes: dict[str, int]
) -> None:
    """Record the files of a written generation and make it the current one."""
    meta = {"format": FORMAT, "guild": guild_id, "version": version, "files": sizes}
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    target.rename(folder / generation)
    _make_current(folder, generation)


def _make_current(folder: Path, generation: str) -> None:
    """Point `current` at a whole generation in one rename, and forget the older ones."""
    pointer = folder / f".{_CURRENT}.{uuid.uuid4().hex[:8]}"
    pointer.write_text(generation, encoding="utf-8")
    os.replace(pointer, folder / _CURRENT)
    _forget_old(folder, keep=generation)


def load(root: Path, guild_id: int) -> Saved | None:
    """Map a guild's saved index; None when there is none, ValueError when it is damaged."""
    folder = root / f"guild-{guild_id}"
    try:
        generation = (folder / _CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"unreadable index pointer: {error}") from error
    try:
        return _load(folder / generation, guild_id)
    except OldFormat:
        raise
    except (OSError, EOFError, KeyError, TypeError, ValueError, IndexError) as error:
        raise ValueError(f"damaged index files in {folder / generation}: {error}") from error


def remove(root: Path, guild_id: int) -> None:
    """Delete a guild's saved index (a damaged one, before it is rebuilt)."""
    shutil.rmtree(root / f"guild-{guild_id}", ignore_errors=True)


def _load(target: Path, guild_id: int) -> Saved:
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    if meta.get("guild") != guild_id:
        raise ValueError("index files of another guild")
    if meta.get("format") not in (FORMAT, *UPGRADED):
        raise OldFormat(f"index files of format {meta.get('format')}")
    arrays = {}
    for name, size in meta["files"].items():
        path = target / f"{name}.npy"
        if path.stat().st_size != size:
            raise ValueError(f"{path.name} is {path.stat().st_size} bytes, not {size}")
        arrays[name] = np.load(path, mmap_mode="r", allow_pickle=False)
    passages = PassageIndex.from_arrays({k[2:]: v for k, v in arrays.items() if k[:2] == "p_"})
    columns = QuoteColumns({k[2:]: v for k, v in arrays.items() if k[:2] == "c_"})
    ids, hashes = arrays["articles"].tolist(), arrays["hashes"].tolist()
    if len(ids) != len(hashes):
        raise ValueError("article ids and hashes differ in number")
    covered = dict(zip(ids, hashes, strict=True))
    if meta["format"] == 5:
        return Saved(
            int(meta["version"]), covered, passages, columns, format=5, mapped=(*arrays.values(),)
        )
    infos = InfoColumns({k: v for k, v in arrays.items() if k[:2] == "i_"})
    if len(infos) != len(ids):
        raise ValueError("article infos and ids differ in number")
    entries = entries_of(np.asarray(arrays["entries"]), columns.pool)
    # The checks above read whole files (120 MB at 100,000 articles) that questions read a
    # page at a time: give their pages back.
    release(*arrays.values())
    return Saved(
        int(meta["version"]), covered, passages, columns, infos, entries, int(meta["format"]),
        (*arrays.values(),),
    )  # fmt: skip


def _forget_old(folder: Path, *, keep: str) -> None:
    """Delete generations but the current one and the one before (a reader may still open it)."""
    generations = sorted(
        (p for p in folder.iterdir() if p.is_dir() and p.name != keep),
        key=lambda p: p.stat().st_mtime,
    )
    for old in generations[:-1]:
        shutil.rmtree(old, ignore_errors=True)
