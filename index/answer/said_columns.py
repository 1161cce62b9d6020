"""Who-said statements kept by column, so a library of millions of quotes is searched by phrase
without a Python object per quote.

Beside the quote columns (quote_columns.py) each statement in marks has a row: its article,
its number, its words folded (who_said.fold) as one UTF-8 buffer, and the pool codes of its
distinct words. Postings (word code -> statement rows) are sorted once when the columns are
made and saved with them. A question reads the postings of its words, counts how many of them
each statement holds (numpy), and makes objects only for the statements that can match.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

import numpy as np

from index.answer.counting_sort import place_chunk
from index.answer.distinct import distinct
from index.answer.int_arrays import int32s, int64s
from index.answer.mapped import release
from index.answer.who_said import Statement, fold
from index.models import ArticleInfo, ArticleRef, Quote, QuoteRef

Arrays = dict[str, np.ndarray]
# Row arrays of the statements (sorted by article with the quotes); "_lengths" become "_ends".
ROWS = ("w_article", "w_statement", "w_text", "w_text_lengths", "w_vocab", "w_vocab_lengths")


def statement_rows(quotes: Mapping[int, Sequence[Quote]], code: Callable[[str], int]) -> Arrays:
    """Return the statement rows of some articles (ids in order), in the order of each
    statement's first segment, as who_said.statements groups them."""
    articles, numbers, texts, vocab, vocab_lengths = [], [], [], [], []
    for article_id in sorted(quotes):
        grouped: dict[int, list[str]] = {}
        for quote in quotes[article_id]:
            if quote.is_direct:
                grouped.setdefault(quote.statement, []).append(fold(quote.text))
        for number, folded in grouped.items():
            words = " ".join(folded)
            distinct = sorted(set(map(code, words.split())))
            articles.append(article_id)
            numbers.append(number)
            texts.append(words.encode("utf-8"))
            vocab += distinct
            vocab_lengths.append(len(distinct))
    return {
        "w_article": int64s(articles),
        "w_statement": int64s(numbers),
        "w_text": np.frombuffer(b"".join(texts), dtype=np.uint8),
        "w_text_lengths": int64s(map(len, texts)),
        "w_vocab": int32s(vocab),
        "w_vocab_lengths": int64s(vocab_lengths),
    }


def sorted_rows(rows: Arrays, gather: Callable[..., np.ndarray]) -> Arrays:
    """Sort statement rows by article (stably), turn lengths into ends, and make postings."""
    order = stable_order(rows["w_article"])  # None: in order already, used without a copy
    found: Arrays = {"w_article": take(rows["w_article"], order)}
    found["w_statement"] = take(np.asarray(rows["w_statement"], dtype=np.int64), order)
    for name, dtype in (("w_text", np.uint8), ("w_vocab", np.int32)):
        lengths = np.asarray(rows[f"{name}_lengths"], dtype=np.int64)
        if order is None:
            found[name] = np.asarray(rows[name]).astype(dtype, copy=False)
        else:
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
            found[name] = gather(rows[name], starts[order], lengths[order]).astype(
                dtype, copy=False
            )
            lengths = lengths[order]
        found[f"{name}_ends"] = np.cumsum(lengths).astype(np.int64)
    found["w_post_codes"], found["w_post_rows"] = postings(found["w_vocab"], found["w_vocab_ends"])
    return found


POSTING_STEP = 1 << 19  # word entries placed a step: temporaries of about 25 MB


def postings(vocab: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each word code's statement rows: codes ascending, rows ascending in each (what a stable
    sort of the entries by code gives). Counted, then placed a step of entries at a time: one
    sort of them all made temporaries of 320 MB at 100,000 articles, the import's peak."""
    per_code = np.bincount(np.asarray(vocab, dtype=np.int64)) if len(vocab) else np.zeros(0, int)
    codes = np.repeat(np.arange(len(per_code), dtype=np.int32), per_code)
    rows = np.empty(len(vocab), dtype=np.int32)
    filled = np.cumsum(per_code) - per_code  # where each code's next row goes
    for lo in range(0, len(vocab), POSTING_STEP):
        words = np.asarray(vocab[lo : lo + POSTING_STEP], dtype=np.int64)
        holder = np.searchsorted(ends, np.arange(lo, lo + len(words)), side="right")
        by_word, slots = place_chunk(words, filled)
        rows[slots] = holder[by_word]
        release(vocab)
    return codes, rows


def stable_order(keys: np.ndarray) -> np.ndarray | None:
    """Return the stable sort order of `keys`, or None when they are in order already (an
    import adds articles oldest first): then the rows are used as they are, not copied."""
    if len(keys) and bool(np.all(keys[1:] >= keys[:-1])):
        return None
    return np.argsort(keys, kind="stable")


def take(rows: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """Return the rows in `order` (a copy), or the rows themselves when the order is None."""
    return rows if order is None else rows[order]


def kept_rows(
    old: Mapping[str, np.ndarray], wanted: np.ndarray, gather: Callable[..., np.ndarray]
) -> Arrays:
    """Return the statement rows of the wanted articles, with lengths (to join new rows)."""
    rows = np.flatnonzero(np.isin(old["w_article"], wanted))
    kept: Arrays = {"w_article": old["w_article"][rows], "w_statement": old["w_statement"][rows]}
    for name in ("w_text", "w_vocab"):
        ends = np.asarray(old[f"{name}_ends"])
        starts = np.concatenate([[0], ends[:-1]]) if len(ends) else ends
        lengths = (ends - starts)[rows]
        kept[name] = gather(np.asarray(old[name]), starts[rows], lengths)
        kept[f"{name}_lengths"] = lengths
    return kept


def as_rows(sorted_arrays: Mapping[str, np.ndarray]) -> Arrays:
    """Return sorted statement arrays as rows with lengths (to join with others)."""
    rows: Arrays = {k: np.asarray(sorted_arrays[k]) for k in ("w_article", "w_statement")}
    for name in ("w_text", "w_vocab"):
        rows[name] = np.asarray(sorted_arrays[name])
        ends = np.asarray(sorted_arrays[f"{name}_ends"])
        rows[f"{name}_lengths"] = np.diff(np.concatenate([[0], ends])).astype(np.int64)
    return rows


def fits(arrays: Mapping[str, np.ndarray], pool_size: int) -> bool:
    """Tell whether the statement arrays fit together (a damaged file's do not)."""
    n = len(arrays["w_article"])
    text_ends, vocab_ends = arrays["w_text_ends"], arrays["w_vocab_ends"]
    vocab, post = arrays["w_vocab"], arrays["w_post_codes"]
    return (
        len(arrays["w_statement"]) == n == len(text_ends) == len(vocab_ends)
        and (n == 0 or int(text_ends[-1]) == len(arrays["w_text"]))
        and (n == 0 or int(vocab_ends[-1]) == len(vocab))
        and len(post) == len(vocab) == len(arrays["w_post_rows"])
        and (not len(vocab) or (int(vocab.min()) >= 0 and int(vocab.max()) < pool_size))
        and bool(np.all(np.diff(arrays["w_article"]) >= 0))
    )


class ColumnBlock:
    """The statements of the articles an index was built or loaded with, searched by column:
    the oldest block of a who_said.SaidIndex, answering as one made of Statement objects."""

    def __init__(
        self,
        arrays: Mapping[str, np.ndarray],
        codes: Mapping[str, int],
        segments: Callable[[int, int], Sequence[Quote]],
        infos: Mapping[int, ArticleInfo],
        order: np.ndarray,
    ) -> None:
        self._a = {name: np.asarray(array) for name, array in arrays.items()}  # no memmap calls
        self._codes, self._segments, self._infos = codes, segments, infos
        # Where each word's postings start (by pool code): one binary search per code, once.
        # The searches read all of a 60 MB file at 100,000 articles: its pages are given back.
        codes_of = arrays["w_post_codes"]  # searched for codes of its own type, not copied
        self._starts = np.searchsorted(codes_of, np.arange(len(codes) + 1, dtype=codes_of.dtype))
        release(codes_of)
        # Library order: the articles' place in `order` (newest first), then statement row.
        ids = np.asarray(order, dtype=np.int64)
        by_id = np.argsort(ids, kind="stable")
        self._ids, self._by_id = ids[by_id], by_id

    def rank(self, rows: np.ndarray) -> np.ndarray:
        """Place of each row's article in the library order; -1 for an article not in it."""
        articles = np.asarray(self._a["w_article"][rows])
        if not len(self._ids):
            return np.full(len(rows), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._ids, articles), len(self._ids) - 1)
        return np.where(self._ids[at] == articles, self._by_id[at], -1)

    def holding(self, words: Collection[str], need: int) -> list[int]:
        """Rows, in library order, of the statements holding at least `need` of the words."""
        found = []
        for word in set(words):
            code = self._codes.get(word)
            if code is None:
                continue
            lo, hi = int(self._starts[code]), int(self._starts[code + 1])
            if hi > lo:  # a pooled string no statement holds (a name, a role) holds nothing
                found.append(np.asarray(self._a["w_post_rows"][lo:hi]))
        if len(found) < need or not found:
            return []
        found.sort(key=len)
        # Holding `need` of k words, a statement holds one of any k - need + 1 of them: the
        # rarest lists give the candidates, each other list is searched for them (sorted).
        rows = distinct(np.concatenate(found[: len(found) - max(need, 1) + 1]))
        if need >= len(found):  # every word (an exact phrase): the candidates narrowed list by
            for postings in found[1:]:  # list, the rarest first, not all searched in each
                at = np.minimum(np.searchsorted(postings, rows), len(postings) - 1)
                rows = rows[postings[at] == rows]
        else:
            counts = np.zeros(len(rows), dtype=np.int64)
            for postings in found:
                at = np.minimum(np.searchsorted(postings, rows), len(postings) - 1)
                counts += postings[at] == rows
            rows = rows[counts >= need]
        ranks = self.rank(rows)
        keep = ranks >= 0
        chosen = np.lexsort((rows[keep], ranks[keep]))
        return [int(row) for row in rows[keep][chosen]]

    def statement(self, position: int) -> Statement:
        """Make the statement at a row: its segments read from the quote columns."""
        article_id = self.article_of(position)
        number = int(self._a["w_statement"][position])
        words = self.words(position)
        article = ArticleRef(self._infos[article_id])
        refs = tuple(QuoteRef(article, quote) for quote in self._segments(article_id, number))
        return Statement(refs, words, frozenset(words.split()))

    def words(self, position: int) -> str:
        """Return the folded words of the statement at a row, space-padded."""
        ends = self._a["w_text_ends"]
        start = int(ends[position - 1]) if position else 0
        return f" {bytes(self._a['w_text'][start : int(ends[position])]).decode('utf-8')} "

    def article_of(self, position: int) -> int:
        """Return the article id of the statement at a row."""
        return int(self._a["w_article"][position])

    def article_ids(self) -> np.ndarray:
        """Return the article id of every row."""
        return np.asarray(self._a["w_article"])

    def statements(self) -> Iterator[Statement]:
        """Every statement, in library order (made one by one: for tests and small indexes)."""
        rows = np.arange(len(self._a["w_article"]))
        ranks = self.rank(rows)
        keep = ranks >= 0
        for row in rows[keep][np.lexsort((rows[keep], ranks[keep]))]:
            yield self.statement(int(row))
