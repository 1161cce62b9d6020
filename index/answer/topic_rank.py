"""One person's statements ranked against a topic ("what did X say about Y?").

A statement is ranked by how much of the topic's IDF weight it covers, then quotes before
reported speech, then TF-IDF cosine, then display order (display_order.py); weights come from
the person's own texts, one per quote (a quote's text is its statement's segments joined). Two
ways give the same ranking: `ObjectTexts` tokenizes the quotes it is given (evidence.TextRanker;
a scoped question, a small index), `ColumnTexts` reads each quote row's terms saved by column
(term_columns.py) and works out the same scores with numpy, making quote objects only for the
statements an answer shows, in the order they are shown.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from index.answer.display_order import newest_first, statement_key
from index.answer.distinct import distinct, distinct_rows, lexsort
from index.answer.evidence import TextRanker
from index.answer.quote_columns import QuoteColumns
from index.models import ArticleInfo, ArticleRef, QuoteKind, QuoteRef
from index.quotes.certainty import attribution_strength
from index.text.terms import smooth_idf, terms

Picked = list[tuple[QuoteRef, float]]  # a quote shown, with the share of the topic it covers


@dataclass(frozen=True, slots=True)
class Pick:
    """The statements shown for a topic: on it (best covered first, `total` statements on
    it), or, when none is, the closest few (`on_topic` False)."""

    shown: Picked
    total: int
    on_topic: bool


def _capped(order: Iterator[tuple[QuoteRef, float, object]], cap: int) -> Picked:
    """Keep the quotes, in order, of the first `cap` statements (by key) the order gives."""
    kept: set[object] = set()
    shown: Picked = []
    for ref, coverage, key in order:
        if key not in kept:
            if len(kept) >= cap:
                continue
            kept.add(key)
        shown.append((ref, coverage))
    return shown


class ObjectTexts:
    """A person's quotes as objects, in display order, tokenized once."""

    def __init__(self, refs: list[QuoteRef]) -> None:
        self.refs = refs
        self._ranker = TextRanker(_statement_texts(refs))

    def __len__(self) -> int:
        return len(self.refs)

    def names(self) -> set[str]:
        """Return the speaker names the quotes are stored under."""
        return {ref.quote.speaker or "" for ref in self.refs}

    def article_ids(self) -> set[int]:
        """Return the articles the quotes are in."""
        return {ref.article.id for ref in self.refs}

    def pick(self, topic: str, cap: int, closest: int) -> Pick:
        """Rank the quotes against a topic and keep those shown (see `Pick`)."""
        refs, scored = self.refs, self._ranker.rank(topic)
        ranked = sorted(
            range(len(refs)),
            key=lambda i: (-round(scored[i].coverage, 2), not refs[i].quote.is_direct,
                           -scored[i].cosine, i),
        )  # fmt: skip
        on_topic = [i for i in ranked if scored[i].coverage > 0]
        chosen = on_topic or ranked[:closest]
        total = len({statement_key(refs[i]) for i in chosen})
        order = ((refs[i], scored[i].coverage, statement_key(refs[i])) for i in chosen)
        return Pick(_capped(order, cap), total, bool(on_topic))


def _statement_texts(refs: list[QuoteRef]) -> list[str]:
    """Each quote with the other segments of its statement ("X," he said, "Y"), for ranking."""
    segments: dict[tuple[int, int], list[str]] = {}
    for ref in refs:
        if ref.quote.is_direct:
            segments.setdefault((ref.article.id, ref.quote.statement), []).append(ref.quote.text)
    joined = {key: " ".join(texts) for key, texts in segments.items()}
    return [
        joined[ref.article.id, ref.quote.statement] if ref.quote.is_direct else ref.quote.text
        for ref in refs
    ]


class ColumnTexts:
    """A person's quotes as column rows (and objects for those patched in since), each with
    the terms of its statement's text: `ObjectTexts` without tokenizing or making objects.

    Texts are in the order `quotes_by` gives them, name by name: the order display order falls
    back on. The texts of one statement's segments share one bag of terms (its joined text).
    """

    def __init__(
        self,
        columns: QuoteColumns,
        found: Sequence[tuple[np.ndarray, Sequence[QuoteRef]]],
        infos: Mapping[int, ArticleInfo],
    ) -> None:
        """`found`: per speaker name, its column rows and its quotes patched in since."""
        self._columns, self._infos = columns, infos
        self._patched = [ref for _, refs in found for ref in refs]
        parts, patched = [], 0
        for rows, refs in found:  # a text is its column row, or -1 - its patched number
            parts += [np.asarray(rows, dtype=np.int64), -1 - patched - np.arange(len(refs))]
            patched += len(refs)
        self._source = np.concatenate([*parts, np.zeros(0, dtype=np.int64)]).astype(np.int64)
        n, column = len(self._source), self._source >= 0
        at, arrays = self._source[column], columns.arrays()
        self.article, self.start = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        self.statement, self.reported = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
        self.article[column] = arrays["q_article"][at]
        numbers = np.asarray(arrays["q_numbers"][at]).reshape(-1, 5)
        self.start[column], self.statement[column] = numbers[:, 0], numbers[:, 2]
        kinds = np.asarray(arrays["q_codes"][at, 0])
        self.reported[column] = kinds == columns.codes.get(QuoteKind.REPORTED.value, -2)
        for k in np.flatnonzero(~column).tolist():
            quote = self._ref(k).quote
            self.article[k], self.start[k] = self._ref(k).article.id, quote.start
            self.statement[k], self.reported[k] = quote.statement, not quote.is_direct
        keys = np.stack([self.article, self.statement, self.reported.astype(np.int64)], axis=1)
        self.statement_id = distinct_rows(keys)[1]
        self._vocabulary: dict[str, int] = {}  # terms of patched quotes that no row holds
        self._bags(column)
        self._strength: dict[int, tuple[int, bool]] = {}  # per statement, made when shown
        self._made: dict[int, QuoteRef] = {}

    def __len__(self) -> int:
        return len(self._source)

    def names(self) -> set[str]:
        """Return the speaker names the quotes are stored under."""
        rows = self._source[self._source >= 0]
        codes = distinct(np.asarray(self._columns.arrays()["q_codes"][rows, 1])).tolist()
        pool = self._columns.pool
        return {pool[c] if c >= 0 else "" for c in codes} | {
            ref.quote.speaker or "" for ref in self._patched
        }

    def article_ids(self) -> set[int]:
        """Return the articles the quotes are in."""
        return set(distinct(self.article).tolist())

    def _ref(self, k: int) -> QuoteRef:
        return self._patched[-1 - int(self._source[k])]

    def _quote_ref(self, k: int) -> QuoteRef:
        """Make (once) the quote of a text."""
        found = self._made.get(k)
        if found is None:
            row = int(self._source[k])
            if row < 0:
                found = self._ref(k)
            else:
                info = self._infos[int(self.article[k])]
                found = QuoteRef(ArticleRef(info), self._columns.quote(row))
            self._made[k] = found
        return found

    def _code(self, term: str) -> int:
        found = self._columns.codes.get(term)
        if found is None:
            found = self._vocabulary.setdefault(
                term, len(self._columns.pool) + len(self._vocabulary)
            )
        return found

    def _bags(self, column: np.ndarray) -> None:
        """Join each statement's segments' terms into one bag, each term where it first occurs
        with its counts summed: what `Counter(terms(joined text))` holds."""
        n, arrays = len(self._source), self._columns.term_arrays
        assert arrays is not None
        ends = np.asarray(arrays["t_ends"], dtype=np.int64)
        at = self._source[column]
        lengths, starts = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
        starts[column] = np.where(at > 0, ends[np.maximum(at - 1, 0)], 0)
        lengths[column] = ends[at] - starts[column]
        entry_text = np.repeat(np.arange(n), lengths)
        offset = np.arange(len(entry_text)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        where = np.repeat(starts, lengths) + offset
        codes = np.asarray(arrays["t_terms"])[where].astype(np.int64)
        counts = np.asarray(arrays["t_counts"])[where].astype(np.int64)
        more_text: list[int] = []
        more_codes: list[int] = []
        more_counts: list[int] = []
        for k in np.flatnonzero(~column).tolist():
            bag = Counter(terms(self._ref(k).quote.text))
            more_text += [k] * len(bag)
            more_codes += [self._code(term) for term in bag]
            more_counts += bag.values()
        entry_text = np.concatenate([entry_text, np.array(more_text, dtype=np.int64)])
        offset = np.concatenate([offset, np.arange(len(more_text), dtype=np.int64)])
        codes = np.concatenate([codes, np.array(more_codes, dtype=np.int64)])
        counts = np.concatenate([counts, np.array(more_counts, dtype=np.int64)])
        # A quote's text: its statement's direct segments joined in order of start; a reported
        # one's its own.
        group = np.where(self.reported, -1 - np.arange(n), self.statement_id)
        self.bag = np.unique(group, return_inverse=True)[1].reshape(-1)
        rank = np.empty(n, dtype=np.int64)
        rank[lexsort((np.arange(n), self.start, self.bag))] = np.arange(n)
        sequence = lexsort((offset, rank[entry_text]))  # each bag's joined terms in order
        bag_of, codes, counts = self.bag[entry_text][sequence], codes[sequence], counts[sequence]
        by_term = lexsort((np.arange(len(sequence)), codes, bag_of))
        heads = np.ones(len(by_term), dtype=bool)
        heads[1:] = (np.diff(bag_of[by_term]) != 0) | (np.diff(codes[by_term]) != 0)
        head = np.flatnonzero(heads)
        summed = np.add.reduceat(counts[by_term], head) if len(head) else head
        first = by_term[head]  # runs sort by position: the head is the first occurrence
        place = np.argsort(first, kind="stable")  # positions run bag by bag, in joined order
        self.bag_codes, self.bag_counts = codes[first][place], summed[place]
        self.bag_of_entry = bag_of[first][place]
        bags = int(self.bag.max()) + 1 if n else 0
        self.bag_ends = np.cumsum(np.bincount(self.bag_of_entry, minlength=bags))
        self.texts_per_bag = np.bincount(self.bag, minlength=bags)
        self.df = np.bincount(
            self.bag_codes, weights=self.texts_per_bag[self.bag_of_entry],
            minlength=len(self._columns.pool) + len(self._vocabulary),
        ).astype(np.int64)  # fmt: skip

    def pick(self, topic: str, cap: int, closest: int) -> Pick:
        """Rank the quotes against a topic and keep those shown (see `Pick`): what
        `ObjectTexts.pick` keeps, scored as TextRanker scores."""
        coverage, cosine = self._scores(topic)
        on = np.flatnonzero(coverage > 0)
        if not len(on):  # all score 0: quotes before reported speech, in display order
            chosen: list[int] = []
            for group in (np.flatnonzero(~self.reported), np.flatnonzero(self.reported)):
                chosen += list(self._display_order(group, until=closest - len(chosen)))
            shown = [(self._quote_ref(k), 0.0) for k in chosen[:closest]]
            total = len({int(self.statement_id[k]) for k in chosen[:closest]})
            return Pick(shown, total, False)
        rounded = {v: -round(v, 2) for v in set(coverage[on].tolist())}
        first_key = np.array([rounded[v] for v in coverage[on].tolist()])
        order = on[np.lexsort((-cosine[on], self.reported[on], first_key))]
        keys = np.stack(
            [first_key[np.searchsorted(on, order)], self.reported[order], cosine[order]]
        )
        breaks = np.flatnonzero(np.any(keys[:, 1:] != keys[:, :-1], axis=0)) + 1
        groups = np.split(order, breaks)
        total = len(distinct(self.statement_id[on]))
        kept: dict[int, None] = {}
        chosen = []
        at, rest = 0, []
        while at < len(groups) and len(kept) < cap:
            given: list[int] = []
            for k in self._display_order(groups[at]):
                sid = int(self.statement_id[k])
                if sid not in kept and len(kept) >= cap:
                    # Full: the group's other texts (each put in order only when it is shown)
                    # count only as segments of statements kept, as later groups' texts do.
                    rest.append(np.setdiff1d(groups[at], given))
                    break
                kept[sid] = None
                chosen.append(k)
                given.append(k)
            at += 1
        chosen += self._segments_of(kept, rest + groups[at:])
        return Pick([(self._quote_ref(k), float(coverage[k])) for k in chosen], total, True)

    def _segments_of(self, kept: Mapping[int, None], groups: list[np.ndarray]) -> list[int]:
        """Return the texts of the groups that belong to statements kept, group by group, each
        group in display order: one mask over all the groups, not one per group."""
        if not groups:
            return []
        every = np.concatenate(groups)
        held = np.isin(self.statement_id[every], np.array(list(kept), dtype=np.int64))
        ends = np.cumsum([len(group) for group in groups])
        found: list[int] = []
        for part in np.split(every[held], np.searchsorted(np.flatnonzero(held), ends[:-1])):
            found += list(self._display_order(part)) if len(part) else []
        return found

    def _scores(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """Each text's coverage of the query and its cosine, as `TextRanker.rank` gives them."""
        count, bags = len(self), len(self.texts_per_bag)
        holders = {}
        for term in dict.fromkeys(terms(query)):
            code = self._columns.codes.get(term, self._vocabulary.get(term, -1))
            held = np.flatnonzero(self.bag_codes == code) if code >= 0 else np.zeros(0, dtype=int)
            holders[term] = (self.bag_of_entry[held], self.bag_counts[held], self._df(code))
        weights = {t: smooth_idf(count, df) for t, (_, _, df) in holders.items()}
        total = sum(weights.values()) or 1.0
        covered = np.zeros(bags)
        for term, weight in weights.items():  # added in the query's order, as `sum` adds
            covered[holders[term][0]] += weight
        asked = Counter(terms(query))
        cosines = np.zeros(bags)
        shared = distinct(np.concatenate([h[0] for h in holders.values()] or [np.zeros(0)]))
        if asked and len(shared):
            docs = count + 1
            idf = {t: smooth_idf(docs, holders[t][2] + 1) for t in asked}
            vector = {t: (1.0 + math.log(n)) * idf[t] for t, n in asked.items()}
            length = math.sqrt(sum(w * w for w in vector.values()))
            square = self._squares(shared.astype(np.int64), docs)
            dot = np.zeros(bags)
            for term in asked:
                held, tf_counts, df = holders[term]
                deltas, dots = {}, {}
                for n in set(tf_counts.tolist()):
                    tf = 1.0 + math.log(n)
                    deltas[n] = (tf * idf[term]) ** 2 - (tf * smooth_idf(docs, df)) ** 2
                    dots[n] = vector[term] * tf * idf[term]
                square[held] += np.array([deltas[n] for n in tf_counts.tolist()])
                dot[held] += np.array([dots[n] for n in tf_counts.tolist()])
            with np.errstate(divide="ignore", invalid="ignore"):
                found = (dot[shared] / (length * np.sqrt(square[shared]))).astype(np.float32)
            cosines[shared] = found.astype(np.float64)
        return covered[self.bag] / total, cosines[self.bag]

    def _df(self, code: int) -> int:
        return int(self.df[code]) if 0 <= code < len(self.df) else 0

    def _squares(self, bags: np.ndarray, docs: int) -> np.ndarray:
        """Each bag's squared TF-IDF norm, summed term by term in its order (as `sum` adds)."""
        square = np.zeros(len(self.texts_per_bag))
        ends = self.bag_ends[bags]
        lengths = ends - np.concatenate([[0], self.bag_ends])[bags]
        longest = np.argsort(-lengths, kind="stable")
        bags, ends, lengths = bags[longest], ends[longest], lengths[longest]
        starts = ends - lengths
        where = np.repeat(starts, lengths) + (
            np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        )
        pairs = np.stack([self.bag_counts[where], self.df[self.bag_codes[where]]], axis=1)
        unique, inverse = distinct_rows(pairs)
        values = np.array(
            [((1.0 + math.log(n)) * smooth_idf(docs, df)) ** 2 for n, df in unique.tolist()]
        )
        parts = values[inverse.reshape(-1)]
        offsets = np.cumsum(lengths) - lengths
        for j in range(int(lengths[0]) if len(lengths) else 0):
            alive = int(np.searchsorted(-lengths, -j, side="left"))  # bags longer than j
            square[bags[:alive]] += parts[offsets[:alive] + j]
        return square

    def _display_order(self, texts: np.ndarray, until: int | None = None) -> Iterator[int]:
        """Yield the texts in display order (display_order.in_display_order, over all the person's
        quotes): newest article first, quotes before reported speech, the surest statement
        first, the segments of one statement together; made article by article."""
        articles = {int(a): None for a in self.article[texts].tolist()}
        newest = newest_first(self._infos, articles)
        by_article: dict[int, list[int]] = {}
        for k in texts.tolist():
            by_article.setdefault(int(self.article[k]), []).append(k)
        given = 0
        for article_id in newest:
            if until is not None and given >= until:
                return
            mine = sorted(by_article[article_id], key=self._display_key)
            given += len(mine)
            yield from mine

    def _display_key(self, k: int) -> tuple[bool, tuple[int, bool], int, int, int]:
        sid = int(self.statement_id[k])
        return (
            bool(self.reported[k]),
            self._sureness(sid),
            self._first(sid),
            int(self.start[k]),
            k,
        )

    def _sureness(self, sid: int) -> tuple[int, bool]:
        found = self._strength.get(sid)
        if found is None:
            quotes = [self._quote_ref(k).quote for k in self._texts_of(sid)]
            found = min((attribution_strength(q), q.kind is QuoteKind.PARTIAL) for q in quotes)
            self._strength[sid] = found
        return found

    def _first(self, sid: int) -> int:
        return int(self.start[self._texts_of(sid)].min())

    def _texts_of(self, sid: int) -> np.ndarray:
        if not hasattr(self, "_by_statement"):
            self._by_statement = np.argsort(self.statement_id, kind="stable")
            self._statement_bounds = np.searchsorted(
                self.statement_id[self._by_statement], np.arange(int(self.statement_id.max()) + 2)
            )
        lo, hi = self._statement_bounds[sid], self._statement_bounds[sid + 1]
        return self._by_statement[lo:hi]
