"""Article infos and speaker entries of a saved index, kept by column (snapshot FORMAT 6).

At 100,000 articles, making every ArticleInfo at start-up (and asking the database for each
article's quote count to make them) took seconds before the first answer. Saved beside the index
as numpy arrays, an info is made only when an answer cites its article; the speaker directory's
distinct entries are saved as pool codes, so start-up does not scan two million quote rows.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields

import numpy as np

from index.aliases import aliases_json
from index.models import ArticleInfo

Arrays = dict[str, np.ndarray]
# (name, role, aliases): one call to SpeakerDirectory.add (as quote_columns.SpeakerEntry).
Entry = tuple[str, str | None, tuple[str, ...]]
_FIELDS = [f.name for f in fields(ArticleInfo)]
_TEXTS = [n for n in _FIELDS if ArticleInfo.__annotations__[n] in ("str", "str | None")]
_NUMBERS = [n for n in _FIELDS if n not in _TEXTS and n != "id"]
_TITLE = _TEXTS.index("title")
_NONE = np.iinfo(np.int64).min
MADE = 8192  # infos an InfoColumns keeps once made (about 4 MB)  # an integer field that is None (added_by of a feed's article)


def recency_of(info: ArticleInfo) -> tuple[bool, str, int]:
    """Return an article's place by recency, the newest sorting last: dated articles after
    undated ones, then by date (ISO dates sort as text), then the most recently added
    (display_order.py shows a person's statements newest article first)."""
    return (bool(info.published), info.published or "", info.id)


def info_arrays(infos: Mapping[int, ArticleInfo]) -> Arrays:
    """Return the infos, in their mapping's order, as columns (no pickle)."""
    rows = list(infos.values())
    texts = [getattr(i, n) for i in rows for n in _TEXTS]
    encoded = [b"" if t is None else t.encode("utf-8") for t in texts]
    numbers = [[_NONE if getattr(i, n) is None else getattr(i, n) for n in _NUMBERS] for i in rows]
    return {
        "i_ids": np.fromiter((i.id for i in rows), dtype=np.int64, count=len(rows)),
        "i_numbers": np.array(numbers, dtype=np.int64).reshape(len(rows), len(_NUMBERS)),
        "i_text": np.frombuffer(b"".join(encoded), dtype=np.uint8),
        "i_text_ends": np.cumsum([len(e) for e in encoded], dtype=np.int64),
        "i_missing": np.array([t is None for t in texts], dtype=bool),
    }


class InfoColumns(Mapping[int, ArticleInfo]):
    """Article infos by id, read from columns (which may be memory-mapped), in saved order."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        self._ids = np.asarray(arrays["i_ids"])
        # Plain views of the mapped files: slicing an np.memmap costs microseconds more a time.
        self._numbers, self._text = np.asarray(arrays["i_numbers"]), np.asarray(arrays["i_text"])
        self._ends, self._missing = np.asarray(arrays["i_text_ends"]), np.asarray(arrays["i_missing"])
        n, width = len(self._ids), len(_TEXTS)
        if (
            self._numbers.shape != (n, len(_NUMBERS))
            or len(self._ends) != n * width
            or len(self._missing) != n * width
            or (n and int(self._ends[-1]) != len(self._text))
            or not bool(np.all(np.diff(self._ends) >= 0))
        ):
            raise ValueError("article info columns do not fit together")
        self._by_id = np.argsort(self._ids, kind="stable")
        # Infos made recently: an answer cites the same articles again (a speaker's page sorts
        # hundreds by date), and making one costs tens of microseconds.
        self._made: dict[int, ArticleInfo] = {}
        self._sorted = self._ids[self._by_id]
        self._recency: np.ndarray | None = None  # each row's place by recency, found when asked

    def newest_first(self, article_ids: Sequence[int]) -> Iterator[int]:
        """Yield the articles newest first, as `sorted(ids, key=recency_of(info), reverse=True)`
        orders them, from the columns: no info made (a speaker quoted in
        thousands of articles made thousands to pick the newest few)."""
        wanted = np.asarray(article_ids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._sorted, wanted), max(len(self._sorted) - 1, 0))
        if len(wanted) and not np.array_equal(self._sorted[at], wanted):
            raise KeyError(int(wanted[np.flatnonzero(self._sorted[at] != wanted)[0]]))
        if self._recency is None:
            self._recency = self._recency_places()
        places = self._recency[self._by_id[at]]
        return iter(wanted[np.argsort(-places)].tolist())

    def _recency_places(self) -> np.ndarray:
        """Each row's place in recency order, oldest 0: dated before undated, by the date's text
        (its UTF-8 bytes, zero-padded, sort as the text does), then by id."""
        n, width, field = len(self._ids), len(_TEXTS), _TEXTS.index("published")
        slots = np.arange(n, dtype=np.int64) * width + field
        ends = self._ends[slots]
        starts = np.where(slots > 0, self._ends[np.maximum(slots - 1, 0)], 0)
        lengths = np.where(self._missing[slots], 0, ends - starts)
        longest = int(lengths.max()) if n else 0
        padded = np.zeros((n, max(longest, 1)), dtype=np.uint8)
        for j in range(longest):  # one byte of every date at a time
            has = lengths > j
            padded[has, j] = self._text[starts[has] + j]
        _, dates = np.unique(padded.view(f"S{padded.shape[1]}").ravel(), return_inverse=True)
        order = np.lexsort((self._ids, dates.ravel(), lengths > 0))
        places = np.empty(n, dtype=np.int64)
        places[order] = np.arange(n)
        return places

    def _row(self, article_id: int) -> int:
        at = int(np.searchsorted(self._sorted, article_id))
        if at >= len(self._sorted) or int(self._sorted[at]) != article_id:
            raise KeyError(article_id)
        return int(self._by_id[at])

    def __getitem__(self, article_id: int) -> ArticleInfo:
        found = self._made.get(article_id)
        if found is None:
            found = self._make(int(article_id))
            if len(self._made) >= MADE:
                self._made.clear()
            self._made[article_id] = found
        return found

    def _make(self, article_id: int) -> ArticleInfo:
        row = self._row(article_id)
        width = len(_TEXTS)
        first = row * width
        start = int(self._ends[first - 1]) if first else 0
        ends = self._ends[first : first + width].tolist()
        missing = self._missing[first : first + width].tolist()
        raw = bytes(self._text[start : ends[-1]])
        values: dict[str, object] = {}
        at = start
        for name, end, none in zip(_TEXTS, ends, missing, strict=True):
            values[name] = None if none else raw[at - start : end - start].decode("utf-8")
            at = end
        for name, value in zip(_NUMBERS, self._numbers[row].tolist(), strict=True):
            values[name] = None if value == _NONE else value
        return ArticleInfo(id=article_id, **values)  # type: ignore[arg-type]

    def title(self, article_id: int) -> str | None:
        """Return an article's title from its column, no info made: an open answer checks the
        titles of a score of candidates, and making each info cost tens of microseconds."""
        found = self._made.get(article_id)
        if found is not None:
            return found.title
        slot = self._row(int(article_id)) * len(_TEXTS) + _TITLE
        if self._missing[slot]:
            return None
        start = int(self._ends[slot - 1]) if slot else 0
        return bytes(self._text[start : int(self._ends[slot])]).decode("utf-8")

    def __contains__(self, article_id: object) -> bool:
        try:
            self._row(int(article_id))  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError):
            return False
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)


class ChangedInfos(Mapping[int, ArticleInfo]):
    """Saved infos with articles patched in (first, newest) and removed ones left out."""

    def __init__(
        self, fresh: Mapping[int, ArticleInfo], base: InfoColumns, gone: frozenset[int]
    ) -> None:
        self._fresh, self._base, self._gone = fresh, base, gone
        self._length: int | None = None  # counted once: the cache sizes an index by it

    def newest_first(self, article_ids: Sequence[int]) -> Iterator[int]:
        """`InfoColumns.newest_first`, the patched articles' infos put in among the saved."""
        fresh = [i for i in article_ids if i in self._fresh]
        saved = [i for i in article_ids if i not in self._fresh]
        gone = next((i for i in saved if i in self._gone), None)
        if gone is not None:
            raise KeyError(gone)
        ordered = self._base.newest_first(saved)
        if not fresh:
            return ordered

        # The saved articles' infos are made only as far as the patched ones reach among them.
        def key(article_id: int) -> tuple[bool, str, int]:
            return recency_of(self[article_id])

        return heapq.merge(sorted(fresh, key=key, reverse=True), ordered, key=key, reverse=True)

    def __getitem__(self, article_id: int) -> ArticleInfo:
        found = self._fresh.get(article_id)
        if found is not None:
            return found
        if article_id in self._gone:
            raise KeyError(article_id)
        return self._base[article_id]

    def title(self, article_id: int) -> str | None:
        """Return an article's title (`InfoColumns.title` for a saved one)."""
        found = self._fresh.get(article_id)
        if found is not None:
            return found.title
        if article_id in self._gone:
            raise KeyError(article_id)
        return self._base.title(article_id)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._fresh or (
            article_id not in self._gone and article_id in self._base
        )

    def __iter__(self) -> Iterator[int]:
        yield from self._fresh
        yield from (i for i in self._base if i not in self._gone and i not in self._fresh)

    def __len__(self) -> int:
        if self._length is None:  # from the changes: reading every id cost 9 ms per add at 10^4
            shadowed = sum(1 for i in {*self._fresh, *self._gone} if i in self._base)
            self._length = len(self._fresh) + len(self._base) - shadowed
        return self._length


def changed(
    infos: Mapping[int, ArticleInfo], added: Mapping[int, ArticleInfo], gone: set[int]
) -> Mapping[int, ArticleInfo]:
    """Return the infos with some articles added (first) and some removed, lazily if saved."""
    if isinstance(infos, InfoColumns):
        return ChangedInfos(dict(added), infos, frozenset(gone))
    if isinstance(infos, ChangedInfos):
        fresh = {**added, **{i: v for i, v in infos._fresh.items() if i not in gone}}
        return ChangedInfos(fresh, infos._base, infos._gone | gone)
    return {**added, **{i: v for i, v in infos.items() if i not in gone}}


def title_of(infos: Mapping[int, ArticleInfo], article_id: int) -> str | None:
    """Return an article's title, from its column when the infos are saved ones (KeyError for
    an article not among them)."""
    if isinstance(infos, InfoColumns | ChangedInfos):
        return infos.title(article_id)
    return infos[article_id].title


def entry_codes(entries: Sequence[Entry], codes: Mapping[str, int]) -> np.ndarray:
    """Encode speaker entries as (name, role, aliases) pool codes; -1 for no role."""
    found = [
        (
            codes[name],
            -1 if role is None else codes[role],
            codes[aliases_json(aliases)],
        )
        for name, role, aliases in entries
    ]
    return np.array(found, dtype=np.int32).reshape(len(found), 3)


def entries_of(array: np.ndarray, pool: Sequence[str]) -> list[Entry]:
    """Decode entries saved by `entry_codes` (ValueError when a code is out of the pool)."""
    if array.ndim != 2 or array.shape[1] != 3:
        raise ValueError("speaker entries are not code triples")
    if array.size and (int(array.min()) < -1 or int(array.max()) >= len(pool)):
        raise ValueError("speaker entry codes out of the pool")
    aliases: dict[int, tuple[str, ...]] = {}
    found = []
    for name, role, alias in array.tolist():
        if alias not in aliases:
            aliases[alias] = tuple(json.loads(pool[alias]))
        found.append((pool[name], None if role < 0 else pool[role], aliases[alias]))
    return found
