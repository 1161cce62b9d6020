"""One guild's library held for answering: passages, speakers and quotes.

Built once from the store (or mapped from saved files), then patched: an added article's
passages are tokenized and searched as a small delta, a removed one is masked. Each patch makes
a new GuildIndex that shares the big arrays with the old one, so questions running on the old
one in other threads never see a half-made change. Article texts can stay in SQLite: `articles`
is a mapping that reads the few an answer cites. Quotes and speakers of the articles it was
built or loaded with stay by column (`QuoteColumns`, made into objects per article asked for);
only those of articles patched in since are objects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from index import cpu
from index.answer.info_columns import changed
from index.answer.passages import passages_of
from index.answer.quote_columns import ColumnWriter, QuoteColumns, SpeakerEntry, merged
from index.answer.retrieve import PassageIndex, resident_bytes
from index.answer.said_columns import ColumnBlock
from index.answer.shelf import ArticleShelf
from index.answer.speaker_names import SpeakerDirectory
from index.answer.speaker_pages import newest_page
from index.answer.who_said import SaidIndex
from index.models import Article, ArticleInfo, ArticleRef, Quote, QuoteRef, Speaker

T = TypeVar("T")
# Derived answers parts kept per index (a speaker's statements in order, tokenized), and the
# rows (quotes, texts ranked) they may hold together: a person quoted 7,000 times costs ~25 MB
# as objects and tokens, so a count alone let a few famous people hold hundreds of megabytes.
MAX_REMEMBERED = 256
MAX_REMEMBERED_ROWS = 30_000


@dataclass(frozen=True, slots=True)
class Parts:
    """What a guild index holds per article, in library order (newest first)."""

    infos: Mapping[int, ArticleInfo]  # a dict, or columns read lazily (info_columns.py)
    quotes: Mapping[int, tuple[Quote, ...]]
    speakers: Mapping[int, tuple[Speaker, ...]]

    @classmethod
    def of(cls, articles: Sequence[Article]) -> Parts:
        """Collect the infos, quotes and speakers of some articles by article id."""
        return cls(
            {a.id: a.info for a in articles},
            {a.id: a.analysis.quotes for a in articles},
            {a.id: a.analysis.speakers for a in articles},
        )


class _ByArticle(Mapping[int, tuple[T, ...]]):
    """Per article id of an index: the rows patched in as objects, else made from columns."""

    def __init__(
        self,
        infos: Mapping[int, ArticleInfo],
        fresh: Mapping[int, tuple[T, ...]],
        read: Callable[[int], tuple[T, ...]] | None,
    ) -> None:
        self._infos, self._fresh, self._read = infos, fresh, read

    def __getitem__(self, article_id: int) -> tuple[T, ...]:
        found = self._fresh.get(article_id)
        if found is not None:
            return found
        if article_id not in self._infos or self._read is None:
            raise KeyError(article_id)
        return self._read(article_id)

    def __iter__(self) -> Iterator[int]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


@dataclass(frozen=True, slots=True)
class _Held:
    """The rows an index holds: columns for the articles it started with (`order`, in library
    order), objects for those patched in since (which come first in library order)."""

    columns: QuoteColumns | None
    order: np.ndarray  # ids of the articles read from the columns
    quotes: dict[int, tuple[Quote, ...]]
    speakers: dict[int, tuple[Speaker, ...]]


class GuildIndex:
    """Everything /ask needs about one guild's library at one version."""

    def __init__(self, guild_id: int, version: int, articles: Sequence[Article]) -> None:
        parts = Parts.of(articles)
        held = _Held(None, np.zeros(0, dtype=np.int64), dict(parts.quotes), dict(parts.speakers))
        passages = PassageIndex(*passages_of(articles))
        self._setup(guild_id, version, parts.infos, held, passages, {a.id: a for a in articles})

    @classmethod
    def from_columns(
        cls,
        guild_id: int,
        version: int,
        infos: Mapping[int, ArticleInfo],
        columns: QuoteColumns,
        passages: PassageIndex,
        articles: Mapping[int, Article],
        entries: Sequence[SpeakerEntry] | None = None,
    ) -> GuildIndex:
        """Make an index whose quotes and speakers are read from columns (built or mapped);
        `entries`, when saved, spare reading every quote row for the speaker directory."""
        order = np.fromiter(infos, dtype=np.int64, count=len(infos))
        index = cls.__new__(cls)
        held = _Held(columns, order, {}, {})
        speakers = None if entries is None else SpeakerDirectory.of(entries)
        index._setup(guild_id, version, infos, held, passages, articles, speakers)
        return index

    def _setup(
        self,
        guild_id: int,
        version: int,
        infos: Mapping[int, ArticleInfo],
        held: _Held,
        passages: PassageIndex,
        articles: Mapping[int, Article],
        speakers: SpeakerDirectory | None = None,
        by_name: dict[str, list[QuoteRef]] | None = None,
        said: SaidIndex | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.version = version
        columns = held.columns
        self.parts = Parts(
            infos,
            _ByArticle(infos, held.quotes, None if columns is None else columns.quotes),
            _ByArticle(infos, held.speakers, None if columns is None else columns.speakers),
        )
        self._held = held
        self.passages = passages
        self.articles = articles
        if speakers is None:
            speakers = SpeakerDirectory.of(self._entries())
        self.speakers = speakers
        if by_name is None:  # for the quotes patched in; the columns find their own
            by_name = {}
            _file_quotes(by_name, self._refs(held.quotes))
        self._quotes_by_name = by_name
        self._said = said
        self._said_lock = threading.Lock()
        self._remembered: dict[Hashable, Any] = {}
        self._remembered_rows = 0

    # --- changing ----------------------------------------------------------------------------

    def updated(
        self,
        version: int,
        added: Sequence[Article],
        removed: Collection[int] = (),
        articles: Mapping[int, Article] | None = None,
    ) -> GuildIndex:
        """Return a new index with articles added and removed; this one is left as it was."""
        gone = set(removed)
        new = Parts.of(added)
        held = self._held
        infos = changed(self.parts.infos, new.infos, gone)
        order = held.order[~np.isin(held.order, list(gone))] if gone else held.order
        held = _Held(
            held.columns,
            order,
            {**new.quotes, **{i: v for i, v in held.quotes.items() if i not in gone}},
            {**new.speakers, **{i: v for i, v in held.speakers.items() if i not in gone}},
        )
        passages = self.passages.updated(*passages_of(added), removed=gone)
        if isinstance(self.articles, ArticleShelf):
            shelf: Mapping[int, Article] = self.articles.over(infos)
        else:
            shelf = {a.id: a for a in added} | {
                i: a for i, a in self.articles.items() if i not in gone
            }
        if articles is not None:
            shelf = articles
        fresh = self._refs(new.quotes, new.infos)
        if gone:  # SpeakerDirectory cannot forget a name: rebuild it and the quote lists
            speakers, by_name = None, None
        else:
            speakers = self.speakers.copy()
            for name, role, aliases in _object_entries(new.quotes, new.speakers, new.infos):
                speakers.add(name, role=role, aliases=aliases)
            by_name = dict(self._quotes_by_name)
            _file_quotes(by_name, fresh, copy=True)
        # The phrase index, when built, is extended by the new quotes rather than rebuilt.
        said = None
        if self._said is not None:
            said = self._said.updated(fresh, gone)
        index = GuildIndex.__new__(GuildIndex)
        index._setup(self.guild_id, version, infos, held, passages, shelf, speakers, by_name, said)
        return index

    def compacted(self) -> GuildIndex:
        """Return the same index with its passage delta folded in (IDF and norms recomputed)."""
        index = GuildIndex.__new__(GuildIndex)
        index._setup(
            self.guild_id, self.version, self.parts.infos, self._held, self.passages.compacted(),
            self.articles, self.speakers, self._quotes_by_name,
            None if self._said is None else self._said.merged(),
        )  # fmt: skip
        return index

    def article_ids(self) -> np.ndarray:
        """Return the ids of the index's articles, patched in then by column, from arrays (the
        cache compares them with the store's after every change), not the infos one by one."""
        held = self._held
        patched = np.fromiter(held.quotes, dtype=np.int64, count=len(held.quotes))
        return np.concatenate([patched, np.asarray(held.order, dtype=np.int64)])

    def columns(self) -> dict[str, np.ndarray]:
        """Every article's quotes and speakers as columns, to save (those patched in too)."""
        held, columns = self._held, self._held.columns
        if columns is not None and not (held.quotes or held.speakers) and columns.only_of(held.order):
            return columns.arrays()  # an import's build, unpatched: saved as it is, not copied
        writer = ColumnWriter(() if columns is None else columns.pool)
        writer.add(held.quotes, held.speakers)
        return merged(columns, held.order.tolist(), writer)

    @property
    def nbytes(self) -> int:
        """A rough size in memory, to bound how many guild indexes a process keeps."""
        # Measured with tracemalloc: a quote with its refs ~600 B, an article's info ~700 B, a
        # pooled string with its code ~150 B; mapped columns as retrieve.resident_bytes counts.
        held = self._held
        quotes = sum(len(q) for q in held.quotes.values())
        size = self.passages.nbytes + 700 * len(self.parts.infos) + 600 * quotes
        if held.columns is not None:
            columns = held.columns
            size += resident_bytes(*columns.arrays().values()) + 150 * len(columns.pool)
        size += 800 * len(self.speakers.people())
        if not isinstance(self.articles, ArticleShelf):  # texts and analyses held too
            size += 20_000 * len(self.articles)
        return size

    # --- reading -----------------------------------------------------------------------------

    def quotes_of(self, canonical: str, article_ids: set[int] | None = None) -> list[QuoteRef]:
        """Every quote and reported statement by one person, in article order."""
        refs = [
            ref
            for name in self.speakers.members(canonical)
            for ref in self.quotes_by(name)
            if article_ids is None or ref.article.id in article_ids
        ]
        return sorted(refs, key=lambda ref: (ref.article.id, ref.quote.start))

    def quotes_by(self, name: str) -> Sequence[QuoteRef]:
        """Return the quotes stored under exactly this speaker name, in no particular order."""
        patched = self._quotes_by_name.get(name, ())
        columns = self._held.columns
        if columns is None or not name:
            return patched
        infos = self.parts.infos
        found = [
            QuoteRef(ArticleRef(infos[article_id]), columns.quote(row))
            for article_id, row in columns.rows_by(name, self._held.order)
        ]
        return [*found, *patched] if patched else found

    def count_quotes(self, names: Sequence[str]) -> int:
        """How many quotes `quotes_by` gives for these names, counted by column."""
        columns, order = self._held.columns, self._held.order
        return sum(
            len(self._quotes_by_name.get(name, ()))
            + (columns.count_by(name, order) if columns is not None and name else 0)
            for name in names
        )

    def said_page(self, names: Sequence[str], limit: int) -> tuple[int, int, list[QuoteRef]]:
        """(statements, reported ones, the newest up to `limit` in display order) of the quotes
        stored under these names; only the page's quotes are made (speaker_pages.py)."""
        held, by_name = self._held, self._quotes_by_name
        patched = [ref for name in names for ref in by_name.get(name, ())]
        return newest_page(held.columns, held.order, patched, names, self.parts.infos, limit)

    def termed_rows(
        self, names: Sequence[str]
    ) -> tuple[QuoteColumns, list[tuple[np.ndarray, Sequence[QuoteRef]]]] | None:
        """Per name, the column rows and patched-in quotes `quotes_by` gives, with the columns
        (which keep each row's terms); None when they keep none (saved before they did)."""
        held, by_name = self._held, self._quotes_by_name
        if held.columns is None or held.columns.term_arrays is None:
            return None
        found: list[tuple[np.ndarray, Sequence[QuoteRef]]] = [
            (np.array([row for _, row in held.columns.rows_by(name, held.order)] if name else [],
                      dtype=np.int64), by_name.get(name, ()))
            for name in names
        ]  # fmt: skip
        return held.columns, found

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return what `make` returns, made once per index version (which never changes) and key
        while it stays within bounds (`MAX_REMEMBERED` values, `MAX_REMEMBERED_ROWS` rows: a
        value's len, when it has one)."""
        remembered = self._remembered
        if key in remembered:
            return remembered[key]
        value = make()
        rows = len(value) if isinstance(value, Sized) else 1
        if len(remembered) >= MAX_REMEMBERED or self._remembered_rows + rows > MAX_REMEMBERED_ROWS:
            remembered.clear()
            self._remembered_rows = 0
        if rows <= MAX_REMEMBERED_ROWS:
            remembered[key] = value
            self._remembered_rows += rows
        return value

    def said(self) -> SaidIndex:
        """Return the library's quoted statements indexed by word, for who-said questions."""
        if self._said is None:
            with self._said_lock:  # folding every quote takes a while: once per index
                if self._said is None:
                    self._said = self._said_index()
                    cpu.keep_long_lived()  # long-lived and cycle-free, as the index
        return self._said

    def _said_index(self) -> SaidIndex:
        held = self._held
        if held.columns is None:
            return SaidIndex.of(self.all_quotes())
        # The columns' statements are searched where they lie; those patched in since (newer,
        # so first in library order) are folded as objects.
        columns = held.columns
        base = ColumnBlock(columns.said_arrays, columns.codes, columns.segments, self.parts.infos, held.order)  # fmt: skip
        return SaidIndex.of(self._refs(held.quotes), base)

    def all_quotes(self, article_ids: set[int] | None = None) -> list[QuoteRef]:
        """Return the quotes of the given articles (all when None), with their articles."""
        infos, quotes = self.parts.infos, self.parts.quotes
        ids = infos if article_ids is None else [i for i in infos if i in article_ids]
        return self._refs({i: quotes[i] for i in ids}, infos)

    def _refs(
        self,
        quotes: Mapping[int, Sequence[Quote]],
        infos: Mapping[int, ArticleInfo] | None = None,
    ) -> list[QuoteRef]:
        infos = self.parts.infos if infos is None else infos
        return [ref for i, found in quotes.items() for ref in _article_refs(infos[i], found)]

    def _entries(self) -> list[SpeakerEntry]:
        """Each distinct speaker entry once, in library order: patched-in articles (which come
        first), then the columns' articles."""
        held = self._held
        entries = dict.fromkeys(_object_entries(held.quotes, held.speakers, self.parts.infos))
        if held.columns is not None and len(held.order):
            entries.update(dict.fromkeys(held.columns.entries(held.order)))
        return list(entries)


def _article_refs(info: ArticleInfo, quotes: Sequence[Quote]) -> tuple[QuoteRef, ...]:
    article = ArticleRef(info)
    return tuple(QuoteRef(article, quote) for quote in quotes)


def _object_entries(
    quotes: Mapping[int, Sequence[Quote]],
    speakers: Mapping[int, Sequence[Speaker]],
    order: Mapping[int, object],
) -> list[SpeakerEntry]:
    """Each distinct speaker entry of the articles held as objects, in library order."""
    entries: dict[SpeakerEntry, None] = {}
    for article_id in order:
        if article_id not in quotes and article_id not in speakers:
            continue
        for speaker in speakers.get(article_id, ()):
            entries.setdefault((speaker.name, speaker.role, speaker.aliases))
        for quote in quotes.get(article_id, ()):
            if quote.speaker:
                entries.setdefault((quote.speaker, quote.role, ()))
    return list(entries)


def _file_quotes(
    by_name: dict[str, list[QuoteRef]], refs: Sequence[QuoteRef], *, copy: bool = False
) -> None:
    copied: set[str] = set()
    for ref in refs:
        name = ref.quote.speaker
        if not name:
            continue
        if copy and name not in copied:  # the old index still reads the old list
            by_name[name] = list(by_name.get(name, []))
            copied.add(name)
        by_name.setdefault(name, []).append(ref)
