"""A guild's quotes and speakers kept by column, made into objects only for the rows asked for.

At 100,000 articles a library holds about two million quotes and speakers: as Python objects
they take seconds to make and over a gigabyte to keep. Here each field is one numpy array (which
can be a memory-mapped file), rows sorted by article id so an article's rows are found by binary
search. Short strings (kinds, names, roles, mentions, cues, aliases as JSON) are codes into one
append-only pool; quote texts are one UTF-8 buffer with each row's end offset.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain

import numpy as np

from index.aliases import aliases_json
from index.answer import said_columns, term_columns
from index.answer.appended import AppendedArrays, HeldArrays
from index.answer.int_arrays import int32s, int64s
from index.answer.mapped import release
from index.answer.pool_codes import PoolCodes
from index.answer.said_columns import take
from index.answer.slices import gather
from index.models import QUOTE_KINDS, Quote, QuoteKind, Speaker

# (name, role, aliases): one call to SpeakerDirectory.add.
SpeakerEntry = tuple[str, str | None, tuple[str, ...]]
Arrays = dict[str, np.ndarray]
Pair = tuple[np.ndarray, np.ndarray]
Maybe = np.ndarray | None
# A quote's "q_numbers": start, end, statement, mention_start, mention_end (None as -1); its
# "q_codes": the pool codes of kind, speaker, role, mention, cue (None as -1).
NO_ALIASES = "[]"


class ColumnWriter:
    """Turn articles' quotes and speakers into columns, a batch at a time, sharing one pool."""

    def __init__(self, pool: Sequence[str] = (), spill: AppendedArrays | None = None) -> None:
        """`spill`: files each batch's rows are appended to, instead of keeping them in memory."""
        self.pool: list[str] = list(pool)
        # The pool code of a string (added when new); -1 for None.
        self.code: Callable[[str | None], int] = PoolCodes(self.pool).__getitem__
        self.code(NO_ALIASES)
        self._rows: AppendedArrays | HeldArrays = HeldArrays() if spill is None else spill

    def add(
        self,
        quotes: Mapping[int, Sequence[Quote]],
        speakers: Mapping[int, Sequence[Speaker]],
    ) -> None:
        """Add some articles' rows (each article once across all batches)."""
        ids = sorted(quotes)
        rows = [q for i in ids for q in quotes[i]]
        texts = [q.text.encode("utf-8") for q in rows]
        people = [(i, s) for i in sorted(speakers) for s in speakers[i]]
        code = self.code
        # Each row's fields one after another (C loops over flat lists, not a list a row); the
        # codes asked for in the order rows and fields come, as they join the pool in it. A
        # kind's str is its value (a StrEnum's), not found by the `value` property's Python.
        numbers = chain.from_iterable(
            (q.start, q.end, q.statement, -1 if (m := q.mention_start) is None else m,
             -1 if (n := q.mention_end) is None else n)
            for q in rows
        )  # fmt: skip
        fields = chain.from_iterable(
            (str(q.kind), q.speaker, q.role, q.mention, q.cue) for q in rows
        )
        self._keep(
            {
                "q_article": int64s(i for i in ids for _ in quotes[i]),
                "q_numbers": int64s(numbers).reshape(len(rows), 5),
                "q_codes": int32s(map(code, fields)).reshape(len(rows), 5),
                "q_text": np.frombuffer(b"".join(texts), dtype=np.uint8),
                "q_text_lengths": int64s(map(len, texts)),
                "s_article": np.array([i for i, _ in people], dtype=np.int64),
                "s_statements": np.array([s.statements for _, s in people], dtype=np.int64),
                "s_codes": _matrix(
                    [
                        [code(s.name), code(s.role), code(aliases_json(s.aliases))]
                        for _, s in people
                    ],
                    np.int32,
                    3,
                ),
                **said_columns.statement_rows(quotes, code),
                **term_columns.term_rows((q.text for q in rows), code),
            }
        )

    def _keep(self, batch: Arrays) -> None:
        for name in _ROW_ARRAYS:
            self._rows.append(name, batch[name])

    def arrays(self) -> Arrays:
        """Return every batch's rows as one set of columns, sorted by article id (mapped from
        the spill files, not copied, when they are kept on disk and the rows came in order)."""
        if _ROW_ARRAYS[0] not in self._rows:
            self.add({}, {})
        joined = _sorted({name: self._rows.whole(name) for name in _ROW_ARRAYS})
        # The postings are made here, not appended: to files too when the rows are kept there.
        postings = {k: self._rows.saved(k, joined[k]) for k in ("w_post_codes", "w_post_rows")}
        return joined | postings | pool_arrays(self.pool)


_ROW_ARRAYS = (
    "q_article", "q_numbers", "q_codes", "q_text", "q_text_lengths",
    "s_article", "s_statements", "s_codes", *said_columns.ROWS, *term_columns.ROWS,
)  # fmt: skip
SAID_ARRAYS = (
    "w_article", "w_statement", "w_text", "w_text_ends", "w_vocab", "w_vocab_ends",
    "w_post_codes", "w_post_rows",
)  # fmt: skip


class QuoteColumns:
    """Read quotes and speakers by article from columns (which may be memory-mapped)."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        # Plain views of the mapped files: indexing an np.memmap runs Python code each time.
        quotes = ("q_article", "q_numbers", "q_codes", "q_text", "q_text_ends")
        self._q_article, self._q_numbers, self._q_codes, self._q_text, self._q_text_ends = (
            np.asarray(arrays[name]) for name in quotes
        )
        speakers = ("s_article", "s_statements", "s_codes")
        self._s_article, self._s_statements, self._s_codes = (np.asarray(arrays[n]) for n in speakers)
        self._pool_arrays = {k: arrays[k] for k in ("pool", "pool_ends")}
        # Who-said statements by column (said_columns.py).
        self.said_arrays = {k: arrays[k] for k in SAID_ARRAYS}
        self.term_arrays = term_columns.saved_of(arrays)  # None: saved before terms were kept
        self.pool = _pool_of(arrays["pool"], arrays["pool_ends"])
        self.codes = {value: i for i, value in enumerate(self.pool)}
        self._aliases: dict[int, tuple[str, ...]] = {}
        self._by_speaker: tuple[np.ndarray, np.ndarray] | None = None
        # The library order last ranked against, its argsort and sorted ids (`_order_sorted`).
        self._sorted_order: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._lock = threading.Lock()
        self.check()

    def check(self) -> None:
        """Raise ValueError when the columns do not fit together (a damaged file)."""
        n, m, size = len(self._q_article), len(self._s_article), len(self.pool)
        fits = (
            self._q_numbers.shape == (n, 5) and self._q_codes.shape == (n, 5)
            and len(self._q_text_ends) == n and self._s_codes.shape == (m, 3)
            and len(self._s_statements) == m
            and (n == 0 or int(self._q_text_ends[-1]) == len(self._q_text))
            and all(_within(c, size) for c in (self._q_codes, self._s_codes))
            and bool(np.all(np.diff(self._q_article) >= 0))
            and bool(np.all(np.diff(self._s_article) >= 0))
            and said_columns.fits(self.said_arrays, size)
            and (self.term_arrays is None or term_columns.fits(self.term_arrays, n, size))
        )  # fmt: skip
        if not fits:
            raise ValueError("quote columns do not fit together")

    def __len__(self) -> int:
        return len(self._q_article)

    def arrays(self) -> Arrays:
        """Return the columns as saved (no copy)."""
        return {
            "q_article": self._q_article, "q_numbers": self._q_numbers,
            "q_codes": self._q_codes, "q_text": self._q_text, "q_text_ends": self._q_text_ends,
            "s_article": self._s_article, "s_statements": self._s_statements,
            "s_codes": self._s_codes, **self._pool_arrays, **self.said_arrays,
            **(self.term_arrays or {}),
        }  # fmt: skip

    def only_of(self, order: np.ndarray) -> bool:
        """Tell whether every row is of an article in `order` and the columns are in the form
        saved today (with each quote's terms): then `merged` would give them unchanged."""
        return self.term_arrays is not None and all(
            bool(np.isin(np.unique(rows), order).all())
            for rows in (self._q_article, self._s_article, self.said_arrays["w_article"])
        )

    def quotes(self, article_id: int) -> tuple[Quote, ...]:
        """Make the quotes of one article, in their saved order."""
        lo, hi = _span(self._q_article, article_id)
        return tuple(self.quote(row) for row in range(lo, hi))

    def segments(self, article_id: int, statement: int) -> tuple[Quote, ...]:
        """Make the quotes in marks of one statement of an article, in their saved order."""
        lo, hi = _span(self._q_article, article_id)
        reported = self.codes.get(QuoteKind.REPORTED.value, -2)
        numbers, kinds = self._q_numbers[lo:hi, 2], self._q_codes[lo:hi, 0]
        rows = lo + np.flatnonzero((numbers == statement) & (kinds != reported))
        return tuple(self.quote(int(row)) for row in rows)

    def quote(self, row: int) -> Quote:
        """Make the quote at one row."""
        start, end, statement, m_start, m_end = self._q_numbers[row].tolist()
        kind, speaker, role, mention, cue = (self._text(c) for c in self._q_codes[row].tolist())
        a = int(self._q_text_ends[row - 1]) if row else 0
        text = bytes(self._q_text[a : int(self._q_text_ends[row])]).decode("utf-8")
        return Quote(
            text, start, end, QUOTE_KINDS[kind or ""], statement, speaker, role, mention,
            None if m_start == -1 else m_start, None if m_end == -1 else m_end, cue,
        )  # fmt: skip

    def statement_keys(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(statement number, kind code) of some quote rows."""
        return np.asarray(self._q_numbers[rows, 2]), np.asarray(self._q_codes[rows, 0])

    def speakers(self, article_id: int) -> tuple[Speaker, ...]:
        """Make the speakers of one article, in their saved order."""
        lo, hi = _span(self._s_article, article_id)
        found = []
        for row in range(lo, hi):
            name, role, aliases = self._s_codes[row].tolist()
            found.append(
                Speaker(
                    self.pool[name],
                    self._text(role),
                    self._aliases_of(aliases),
                    int(self._s_statements[row]),
                )
            )
        return tuple(found)

    def entries(self, order: Sequence[int] | np.ndarray) -> list[SpeakerEntry]:
        """Each distinct speaker entry of the given articles once, in the order they give them:
        article by article, its speakers, then its quotes' speakers (with no aliases)."""
        ranks = np.asarray(order, dtype=np.int64)
        by_id = np.argsort(ranks, kind="stable")
        speaker_ranks = _ranks(self._s_article, ranks, by_id)
        quote_ranks = _ranks(self._q_article, ranks, by_id)
        quoted = (quote_ranks >= 0) & (self._q_codes[:, 1] >= 0)
        if "" in self.codes:  # an empty name is no speaker
            quoted &= self._q_codes[:, 1] != self.codes[""]
        listed = speaker_ranks >= 0
        no_aliases = self.codes[NO_ALIASES]
        triples = np.concatenate(
            [
                np.asarray(self._s_codes[listed], dtype=np.int64).reshape(-1, 3),
                np.stack(
                    [
                        self._q_codes[quoted, 1].astype(np.int64),
                        self._q_codes[quoted, 2].astype(np.int64),
                        np.full(int(quoted.sum()), no_aliases, dtype=np.int64),
                    ],
                    axis=1,
                ),
            ]
        )
        rank = np.concatenate([speaker_ranks[listed], quote_ranks[quoted]])
        second = np.concatenate([np.zeros(int(listed.sum())), np.ones(int(quoted.sum()))])
        row = np.concatenate([np.flatnonzero(listed), np.flatnonzero(quoted)])
        sequence = triples[np.lexsort((row, second, rank))]
        if not len(sequence):
            return []
        width = len(self.pool) + 1  # codes run from -1 to len(pool) - 1
        keys = ((sequence[:, 0] + 1) * width + sequence[:, 1] + 1) * width + sequence[:, 2] + 1
        _, first = np.unique(keys, return_index=True)
        return [
            (self.pool[name], self._text(role), self._aliases_of(aliases))
            for name, role, aliases in sequence[np.sort(first)].tolist()
        ]

    def rows_by(self, name: str, order: Sequence[int] | np.ndarray) -> list[tuple[int, int]]:
        """(article id, row) of every quote stored under exactly this speaker name, in the
        order of the articles given (those not given are left out), then by row."""
        found, ranks = self._ranked_rows(name, order)
        keep = ranks >= 0
        found = found[keep][np.lexsort((found[keep], ranks[keep]))]
        return list(zip(self._q_article[found].tolist(), found.tolist(), strict=True))

    def count_by(self, name: str, order: Sequence[int] | np.ndarray) -> int:
        """How many rows `rows_by` gives, without listing them."""
        _, ranks = self._ranked_rows(name, order)
        return int(np.count_nonzero(ranks >= 0))

    def _ranked_rows(self, name: str, order: Sequence[int] | np.ndarray) -> Pair:
        """Rows under a speaker name, and their article's place in `order` (-1: not in it)."""
        code = self.codes.get(name)
        if code is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        with self._lock:  # grouped by speaker once per columns, on first use
            if self._by_speaker is None:
                speakers = np.asarray(self._q_codes[:, 1])
                rows = np.argsort(speakers, kind="stable")
                self._by_speaker = speakers[rows], rows
                release(self._q_codes)  # read whole once (a column spans every page)
        codes, rows = self._by_speaker
        lo, hi = np.searchsorted(codes, np.array([code, code + 1], dtype=codes.dtype))
        found = rows[lo:hi]
        articles = np.asarray(self._q_article[found])
        ordered = np.asarray(order, dtype=np.int64)
        return found, _ranks(articles, ordered, *self._order_sorted(ordered))

    def _order_sorted(self, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return a library order's argsort and the ids it sorts, made once per order array."""
        with self._lock:
            if self._sorted_order is None or self._sorted_order[0] is not order:
                by_id = np.argsort(order, kind="stable")
                self._sorted_order = (order, by_id, order[by_id])
            return self._sorted_order[1], self._sorted_order[2]

    def _text(self, code: int) -> str | None:
        return None if code < 0 else self.pool[code]

    def _aliases_of(self, code: int) -> tuple[str, ...]:
        found = self._aliases.get(code)
        if found is None:
            found = self._aliases[code] = tuple(json.loads(self.pool[code]))
        return found


def merged(columns: QuoteColumns | None, keep: Iterable[int], writer: ColumnWriter) -> Arrays:
    """Join the rows of the kept articles of `columns` and the batches of `writer` (whose pool
    started as the columns' pool, so codes agree) as one set of columns sorted by article."""
    if columns is None:
        return writer.arrays()
    old = columns.arrays()
    if columns.term_arrays is None:  # saved before terms were kept: tokenized once, here
        old |= term_columns.of_texts(old["q_text"], old["q_text_ends"], writer.code)
    new = writer.arrays()
    wanted = np.asarray(sorted(set(keep)), dtype=np.int64)
    q_rows = np.flatnonzero(np.isin(old["q_article"], wanted))
    s_rows = np.flatnonzero(np.isin(old["s_article"], wanted))
    ends = np.asarray(old["q_text_ends"])
    starts = np.concatenate([[0], ends[:-1]]) if len(ends) else ends
    lengths = (ends - starts)[q_rows]
    text = gather(np.asarray(old["q_text"]), starts[q_rows], lengths)
    kept: Arrays = {
        "q_article": old["q_article"][q_rows], "q_numbers": old["q_numbers"][q_rows],
        "q_codes": old["q_codes"][q_rows], "q_text": text, "q_text_lengths": lengths,
        "s_article": old["s_article"][s_rows], "s_statements": old["s_statements"][s_rows],
        "s_codes": old["s_codes"][s_rows], **said_columns.kept_rows(old, wanted, gather),
        **term_columns.kept_rows(old, q_rows, gather),
    }  # fmt: skip
    new_lengths = np.diff(np.concatenate([[0], new["q_text_ends"]])).astype(np.int64)
    fresh = {k: v for k, v in new.items() if k in _ROW_ARRAYS} | {"q_text_lengths": new_lengths}
    fresh |= said_columns.as_rows(new) | term_columns.as_rows(new)
    joined = {name: np.concatenate([kept[name], fresh[name]]) for name in _ROW_ARRAYS}
    return _sorted(joined) | {k: new[k] for k in ("pool", "pool_ends")}


def _sorted(rows: Arrays) -> Arrays:
    """Sort quote and speaker rows by article id (stably) and turn text lengths into ends."""
    q_order = said_columns.stable_order(rows["q_article"])
    s_order = said_columns.stable_order(rows["s_article"])
    lengths, text = rows["q_text_lengths"], rows["q_text"]
    if q_order is not None:
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        text = gather(text, starts[q_order], lengths[q_order])
        lengths = lengths[q_order]
    return {
        **{k: take(rows[k], q_order) for k in ("q_article", "q_numbers", "q_codes")},
        **{k: take(rows[k], s_order) for k in ("s_article", "s_statements", "s_codes")},
        "q_text": text, "q_text_ends": np.cumsum(lengths).astype(np.int64),
        **said_columns.sorted_rows({k: rows[k] for k in said_columns.ROWS}, gather),
        **term_columns.sorted_rows({k: rows[k] for k in term_columns.ROWS}, q_order, gather),
    }  # fmt: skip


def pool_arrays(pool: Sequence[str]) -> Arrays:
    """Return a string pool as one UTF-8 buffer and each string's end offset."""
    return {
        "pool": np.frombuffer("".join(pool).encode("utf-8"), dtype=np.uint8),
        "pool_ends": np.cumsum([len(v) for v in pool], dtype=np.int64),
    }


def _pool_of(data: np.ndarray, ends: np.ndarray) -> list[str]:
    joined = bytes(data).decode("utf-8")
    bounds = ends.tolist()
    if bounds and bounds[-1] != len(joined):
        raise ValueError("string pool does not fit its offsets")
    return [joined[a:b] for a, b in zip([0, *bounds], bounds, strict=False)]


def _span(articles: np.ndarray, article_id: int) -> tuple[int, int]:
    lo, hi = np.searchsorted(articles, [article_id, article_id + 1])
    return int(lo), int(hi)


def _ranks(articles: np.ndarray, order: np.ndarray, by_id: Maybe = None, ids: Maybe = None) -> np.ndarray:
    """Return the position in `order` of each row's article; -1 for articles not in it
    (`by_id`: the argsort of `order`, and `ids` the ids it sorts, when known)."""
    if not len(order):
        return np.full(len(articles), -1, dtype=np.int64)
    by_id = np.argsort(order, kind="stable") if by_id is None else by_id
    sorted_ids = order[by_id] if ids is None else ids
    at = np.minimum(np.searchsorted(sorted_ids, articles), len(order) - 1)
    return np.where(sorted_ids[at] == articles, by_id[at], -1)


def _within(codes: np.ndarray, size: int) -> bool:
    return not codes.size or (int(codes.min()) >= -1 and int(codes.max()) < size)


def _matrix(rows: list[list[int]], dtype: type, width: int) -> np.ndarray:
    return np.array(rows, dtype=dtype).reshape(len(rows), width)
