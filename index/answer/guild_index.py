"""One guild's library held in memory for answering: passages, speakers and quotes.

Built once from the store (or from a saved snapshot), then patched: an added article's passages
are tokenized and searched as a small delta, a removed one is masked. Each patch makes a new
GuildIndex that shares the big arrays with the old one, so questions running on the old one in
other threads never see a half-made change. Article texts can stay in SQLite: `articles` is a
mapping that reads the few an answer cites.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from index import cpu
from index.answer.passages import passages_of
from index.answer.retrieve import PassageIndex
from index.answer.speaker_names import Person, SpeakerDirectory
from index.answer.who_said import SaidIndex
from index.models import Article, ArticleInfo, ArticleRef, Quote, QuoteRef, Speaker

T = TypeVar("T")
# Derived answers parts kept per index (a speaker's statements in order, tokenized).
MAX_REMEMBERED = 256
# (name, role, aliases): one call to SpeakerDirectory.add, kept to rebuild after a removal.
SpeakerEntry = tuple[str, str | None, tuple[str, ...]]


class ArticleShelf(Mapping[int, Article]):
    """A guild's articles by id: infos in memory, text and analysis read when asked for."""

    def __init__(
        self,
        infos: Mapping[int, ArticleInfo],
        read: Callable[[int], Article | None],
        *,
        keep: int = 64,
        recent: OrderedDict[int, Article] | None = None,
        lock: threading.Lock | None = None,
    ) -> None:
        self._infos = infos
        self._read = read
        self._keep = keep
        # Articles never change once stored, so shelves of one guild share what they read.
        self._recent: OrderedDict[int, Article] = recent if recent is not None else OrderedDict()
        self._lock = lock or threading.Lock()

    def __getitem__(self, article_id: int) -> Article:
        if article_id not in self._infos:
            raise KeyError(article_id)
        with self._lock:
            article = self._recent.get(article_id)
            if article is not None:
                self._recent.move_to_end(article_id)
                return article
        article = self._read(article_id)
        if article is None:  # removed since this index was made
            raise KeyError(article_id)
        with self._lock:
            self._recent[article_id] = article
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        return article

    def __iter__(self) -> Iterator[int]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def over(self, infos: Mapping[int, ArticleInfo]) -> ArticleShelf:
        """Return the same shelf for another set of articles (after a change)."""
        return ArticleShelf(
            infos, self._read, keep=self._keep, recent=self._recent, lock=self._lock
        )


@dataclass(frozen=True, slots=True)
class Parts:
    """What a guild index holds per article, in library order (newest first)."""

    infos: dict[int, ArticleInfo]
    quotes: dict[int, tuple[Quote, ...]]
    speakers: dict[int, tuple[Speaker, ...]]

    @classmethod
    def of(cls, articles: Sequence[Article]) -> Parts:
        """Collect the infos, quotes and speakers of some articles by article id."""
        return cls(
            {a.id: a.info for a in articles},
            {a.id: a.analysis.quotes for a in articles},
            {a.id: a.analysis.speakers for a in articles},
        )


class GuildIndex:
    """Everything /ask needs about one guild's library at one version."""

    def __init__(self, guild_id: int, version: int, articles: Sequence[Article]) -> None:
        self._setup(
            guild_id,
            version,
            Parts.of(articles),
            PassageIndex(*passages_of(articles)),
            {article.id: article for article in articles},
        )

    @classmethod
    def from_parts(
        cls,
        guild_id: int,
        version: int,
        parts: Parts,
        passages: PassageIndex,
        articles: Mapping[int, Article],
    ) -> GuildIndex:
        """Make an index from parts already built (a snapshot read back), without the articles."""
        index = cls.__new__(cls)
        index._setup(guild_id, version, parts, passages, articles)
        return index

    def _setup(
        self,
        guild_id: int,
        version: int,
        parts: Parts,
        passages: PassageIndex,
        articles: Mapping[int, Article],
        speakers: SpeakerDirectory | None = None,
        by_name: dict[str, list[QuoteRef]] | None = None,
        refs: dict[int, tuple[QuoteRef, ...]] | None = None,
        said: SaidIndex | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.version = version
        self.parts = parts
        self.passages = passages
        self.articles = articles
        if refs is None:
            refs = {i: _refs(parts.infos[i], quotes) for i, quotes in parts.quotes.items()}
        self._refs = refs
        if speakers is None:
            speakers = _directory(_entries(parts, parts.infos))
        self.speakers = speakers
        if by_name is None:
            by_name = {}
            for article_refs in self._refs.values():
                _file_quotes(by_name, article_refs)
        self._quotes_by_name = by_name
        self._said = said
        self._said_lock = threading.Lock()
        self._remembered: dict[Hashable, Any] = {}

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
        parts = Parts(
            {**new.infos, **{i: v for i, v in self.parts.infos.items() if i not in gone}},
            {**new.quotes, **{i: v for i, v in self.parts.quotes.items() if i not in gone}},
            {**new.speakers, **{i: v for i, v in self.parts.speakers.items() if i not in gone}},
        )
        passages = self.passages.updated(*passages_of(added), removed=gone)
        if isinstance(self.articles, ArticleShelf):
            shelf: Mapping[int, Article] = self.articles.over(parts.infos)
        else:
            shelf = {a.id: a for a in added} | {
                i: a for i, a in self.articles.items() if i not in gone
            }
        if articles is not None:
            shelf = articles
        fresh = {i: _refs(new.infos[i], quotes) for i, quotes in new.quotes.items()}
        refs = fresh | {i: r for i, r in self._refs.items() if i not in gone}
        if gone:  # SpeakerDirectory cannot forget a name: rebuild it and the quote lists
            speakers, by_name = None, None
        else:
            speakers = _copy_directory(self.speakers)
            for name, role, aliases in _entries(new, new.infos):
                speakers.add(name, role=role, aliases=aliases)
            by_name = dict(self._quotes_by_name)
            _file_quotes(by_name, [ref for r in fresh.values() for ref in r], copy=True)
        # The phrase index, when built, is extended by the new quotes rather than rebuilt.
        said = None
        if self._said is not None:
            said = self._said.updated([ref for r in fresh.values() for ref in r], gone)
        index = GuildIndex.__new__(GuildIndex)
        index._setup(self.guild_id, version, parts, passages, shelf, speakers, by_name, refs, said)
        return index

    def compacted(self) -> GuildIndex:
        """Return the same index with its passage delta folded in (IDF and norms recomputed)."""
        index = GuildIndex.__new__(GuildIndex)
        index._setup(
            self.guild_id, self.version, self.parts, self.passages.compacted(),
            self.articles, self.speakers, self._quotes_by_name, self._refs,
            None if self._said is None else self._said.merged(),
        )  # fmt: skip
        return index

    @property
    def nbytes(self) -> int:
        """A rough size in memory, to bound how many guild indexes a process keeps."""
        # Measured with tracemalloc: a quote with its refs ~600 B, an article's info ~700 B.
        quotes = sum(len(refs) for refs in self._refs.values())
        size = self.passages.nbytes + 700 * len(self.parts.infos) + 600 * quotes
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
            for ref in self._quotes_by_name.get(name, [])
            if article_ids is None or ref.article.id in article_ids
        ]
        return sorted(refs, key=lambda ref: (ref.article.id, ref.quote.start))

    def quotes_by(self, name: str) -> Sequence[QuoteRef]:
        """Return the quotes stored under exactly this speaker name, in no particular order."""
        return self._quotes_by_name.get(name, ())

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return what `make` returns, made once per index version (which never changes) and key."""
        remembered = self._remembered
        if key in remembered:
            return remembered[key]
        value = make()
        if len(remembered) >= MAX_REMEMBERED:
            remembered.clear()
        remembered[key] = value
        return value

    def said(self) -> SaidIndex:
        """Return the library's quoted statements indexed by word, for who-said questions."""
        if self._said is None:
            with self._said_lock:  # folding every quote takes a while: once per index
                if self._said is None:
                    self._said = SaidIndex.of(self.all_quotes())
                    cpu.keep_long_lived()  # long-lived and cycle-free, as the index
        return self._said

    def all_quotes(self, article_ids: set[int] | None = None) -> list[QuoteRef]:
        """Return the quotes of the given articles (all when None), with their articles."""
        return [
            ref
            for article_id, refs in self._refs.items()
            if article_ids is None or article_id in article_ids
            for ref in refs
        ]


def _refs(info: ArticleInfo, quotes: Sequence[Quote]) -> tuple[QuoteRef, ...]:
    article = ArticleRef(info)
    return tuple(QuoteRef(article, quote) for quote in quotes)


def _entries(parts: Parts, order: Mapping[int, object]) -> list[SpeakerEntry]:
    """Each distinct speaker entry once, in the order the articles give them."""
    entries: dict[SpeakerEntry, None] = {}
    for article_id in order:
        for speaker in parts.speakers.get(article_id, ()):
            entries.setdefault((speaker.name, speaker.role, speaker.aliases))
        for quote in parts.quotes.get(article_id, ()):
            if quote.speaker:
                entries.setdefault((quote.speaker, quote.role, ()))
    return list(entries)


def _directory(entries: Sequence[SpeakerEntry]) -> SpeakerDirectory:
    # Adding each distinct entry once gives the same directory as adding every quote's speaker.
    directory = SpeakerDirectory()
    for name, role, aliases in entries:
        directory.add(name, role=role, aliases=aliases)
    return directory


def _copy_directory(directory: SpeakerDirectory) -> SpeakerDirectory:
    # TODO(names.py owner): a SpeakerDirectory.copy() would spare this reach into its fields.
    copy = SpeakerDirectory()
    copy._people = {p.name: Person(p.name, set(p.forms), set(p.roles)) for p in directory.people()}
    return copy


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
