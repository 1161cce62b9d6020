"""A guild index saved whole: its fitted passage index and its quotes and speakers by column.

A restart loads this instead of re-reading every article's rows: one blob of numpy arrays (no
pickle). Quotes and speakers are stored column by column, each string column as its distinct
values joined once plus an int code per row, so loading is a few C-speed splits and one pass
that makes the objects, not a hundred thousand SQL rows sliced out of the articles' texts.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from index.answer.retrieve import PassageIndex
from index.models import QUOTE_KINDS, Quote, Speaker

FORMAT = 3  # 3: long paragraphs are cut into sentence windows
# Characters tried, in order, to join a string column; one that no value holds is chosen.
_SEPARATORS = ("\x00", "\x1f", "\x1e", "\ufdd0", "\ufdd1", "\ufdd2")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a saved guild index holds: passages, and quotes and speakers per article id."""

    passages: PassageIndex
    quotes: dict[int, tuple[Quote, ...]]
    speakers: dict[int, tuple[Speaker, ...]]


def to_bytes(
    passages: PassageIndex,
    quotes: Mapping[int, Sequence[Quote]],
    speakers: Mapping[int, Sequence[Speaker]],
) -> bytes:
    """Serialize a guild index (the articles of `quotes` and `speakers` are those it covers)."""
    arrays = {f"p_{key}": value for key, value in passages.to_arrays().items()}
    arrays["snapshot"] = np.array([FORMAT])
    rows = [(i, q) for i, found in quotes.items() for q in found]
    arrays["q_article"] = np.array([i for i, _ in rows], dtype=np.int64)
    for name in ("start", "end", "statement", "mention_start", "mention_end"):
        values = [getattr(q, name) for _, q in rows]
        arrays[f"q_{name}"] = np.array([-1 if v is None else v for v in values], dtype=np.int64)
    for name in ("text", "kind", "speaker", "role", "mention", "cue"):
        _pack(arrays, f"q_{name}", [getattr(q, name) for _, q in rows])
    people = [(i, s) for i, found in speakers.items() for s in found]
    arrays["s_article"] = np.array([i for i, _ in people], dtype=np.int64)
    arrays["s_statements"] = np.array([s.statements for _, s in people], dtype=np.int64)
    _pack(arrays, "s_name", [s.name for _, s in people])
    _pack(arrays, "s_role", [s.role for _, s in people])
    _pack(arrays, "s_aliases", [json.dumps(s.aliases) for _, s in people])
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def from_bytes(blob: bytes) -> Snapshot:
    """Load a snapshot; raise ValueError if it is of another format (the caller rebuilds)."""
    try:
        return _load(blob)
    except (OSError, EOFError, KeyError, zipfile.BadZipFile) as error:
        raise ValueError(f"index snapshot of another format: {error}") from error


def _load(blob: bytes) -> Snapshot:
    with np.load(io.BytesIO(blob), allow_pickle=False) as saved:
        if "snapshot" not in saved.files or int(saved["snapshot"][0]) != FORMAT:
            raise ValueError("index snapshot of another format")
        passages = PassageIndex.from_arrays(
            {key[2:]: saved[key] for key in saved.files if key.startswith("p_")}
        )
        kinds = [QUOTE_KINDS[kind] for kind in _unpack(saved, "q_kind")]
        quotes = map(
            Quote,
            _unpack(saved, "q_text"),
            saved["q_start"].tolist(),
            saved["q_end"].tolist(),
            kinds,
            saved["q_statement"].tolist(),
            _unpack(saved, "q_speaker"),
            _unpack(saved, "q_role"),
            _unpack(saved, "q_mention"),
            _optional(saved["q_mention_start"]),
            _optional(saved["q_mention_end"]),
            _unpack(saved, "q_cue"),
        )
        by_article_quotes = _grouped(saved["q_article"], list(quotes))
        aliases = {text: tuple(json.loads(text)) for text in set(_unpack(saved, "s_aliases"))}
        people = map(
            Speaker,
            _unpack(saved, "s_name"),
            _unpack(saved, "s_role"),
            [aliases[text] for text in _unpack(saved, "s_aliases")],
            saved["s_statements"].tolist(),
        )
        by_article_speakers = _grouped(saved["s_article"], list(people))
    return Snapshot(passages, by_article_quotes, by_article_speakers)


def _pack(arrays: dict[str, np.ndarray], name: str, values: Sequence[str | None]) -> None:
    """Store a string column as its distinct values joined by a separator and a code per row."""
    distinct = list(dict.fromkeys(v for v in values if v is not None))
    joined = "".join(distinct)
    # "" when every candidate occurs in some value: the values' lengths are stored instead.
    separator = next((s for s in _SEPARATORS if s not in joined), "")
    if not separator:
        arrays[f"{name}_lengths"] = np.array([len(v) for v in distinct], dtype=np.int64)
    code = {value: i for i, value in enumerate(distinct)}
    # None is code -1: the last item of the unpacked table.
    arrays[f"{name}_codes"] = np.array([code.get(v, -1) for v in values], dtype=np.int32)
    arrays[f"{name}_values"] = np.frombuffer(separator.join(distinct).encode("utf-8"), np.uint8)
    arrays[f"{name}_count"] = np.array([len(distinct)])
    arrays[f"{name}_separator"] = np.frombuffer(separator.encode("utf-8"), np.uint8)


def _unpack(saved: Mapping[str, np.ndarray], name: str) -> list[str | None]:
    separator = saved[f"{name}_separator"].tobytes().decode("utf-8")
    count = int(saved[f"{name}_count"][0])
    table: list[str | None] = []
    joined = saved[f"{name}_values"].tobytes().decode("utf-8")
    if count and separator:
        table += joined.split(separator)
    elif count:
        ends = np.cumsum(saved[f"{name}_lengths"]).tolist()
        table += [joined[a:b] for a, b in zip([0, *ends], ends, strict=False)]
    table.append(None)
    return [table[code] for code in saved[f"{name}_codes"].tolist()]


def _optional(column: np.ndarray) -> list[int | None]:
    return [None if v == -1 else v for v in column.tolist()]


def _grouped(articles: np.ndarray, items: list[T]) -> dict[int, tuple[T, ...]]:
    """Consecutive items of one article id as a tuple per id, in the order saved."""
    if not len(articles):
        return {}
    starts = np.flatnonzero(np.diff(articles)) + 1
    bounds = [0, *starts.tolist(), len(articles)]
    ids = articles[bounds[:-1]].tolist()
    return {i: tuple(items[a:b]) for i, a, b in zip(ids, bounds, bounds[1:], strict=False)}
