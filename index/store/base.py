"""The one store interface (SQLite and PostgreSQL both satisfy it) and the reads they share.

`Store` is what everything above the store layer types against, so the type checker holds both
stores to one set of methods. `SharedReads` writes the article lookups once: each store gives
only `_infos`, which runs a clause written with `?` marks in its own driver's dialect.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from index.errors import ArticleNotFound, DuplicateArticle
from index.models import Analysis, Article, ArticleInfo, ArticleMeta
from index.statements import STATEMENT_KEY_SQL
from index.store.feed_store import FeedTables
from index.store.voice_store import VoiceRow, VoiceTotal

if TYPE_CHECKING:
    import numpy as np

INFO_COLUMNS = (
    "a.id, a.guild_id, a.title, a.url, a.outlet, a.author, a.published, a.external_id, "
    "a.added_by, a.added_at, a.content_hash, length(a.text), "
    f"(SELECT count(DISTINCT {STATEMENT_KEY_SQL}) FROM quotes q WHERE q.article_id = a.id)"
)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store: what `Store.add_article` was given, with the time it was added."""

    guild_id: int
    title: str
    meta: ArticleMeta
    url_key: str | None
    text: str
    content_hash: str
    analysis: Analysis
    added_by: int | None
    added_at: str


@dataclass(frozen=True, slots=True)
class SignedArticle:
    """An article to store with its story signature: the unit of a bulk import's batch."""

    article: NewArticle
    shingles: int
    signature: bytes  # little-endian uint32 MinHash values
    bands: list[int]


@dataclass(frozen=True, slots=True)
class StoredStories:
    """Some stored articles' story signatures, oldest first, as arrays: an import compares each
    new article with hundreds of them at 100,000 articles, and a tuple and a bytes copy per
    candidate made that comparison grow with the library in the import's own process."""

    ids: np.ndarray  # int64 article ids
    shingles: np.ndarray  # int64 distinct shingle counts
    values: np.ndarray  # uint32 MinHash values, one row of 128 an article

    @classmethod
    def of(cls, rows: Sequence[tuple[int, int, bytes]]) -> StoredStories:
        """Take (article id, shingles, signature bytes) rows, as the similar-stories query gives
        them."""
        import numpy as np

        ids = np.array([int(row[0]) for row in rows], dtype=np.int64)
        shingles = np.array([int(row[1]) for row in rows], dtype=np.int64)
        values = np.frombuffer(b"".join(bytes(row[2]) for row in rows), dtype="<u4")
        return cls(ids, shingles, values.reshape(len(rows), -1) if rows else values.reshape(0, 0))

    def __len__(self) -> int:
        return len(self.ids)


# Which of some stored articles (oldest first) the batch's article at this position tells the
# story of: the position of the first, or None. The near-duplicate test, given by the library,
# asked once for all of an article's candidates.
SameStory = Callable[[int, StoredStories], int | None]


class Store(FeedTables, Protocol):
    """A guild-scoped library database: articles with their analysis, versions, snapshots."""

    database: str | None  # the file or URL it was opened on; None for a database in memory

    async def close(self) -> None:
        """Close the connection (or pool) and the lazy reader; the store is unusable afterwards."""

    async def schema_version(self) -> int:
        """Return the number of the last migration applied."""

    async def add_article(
        self,
        guild_id: int,
        *,
        title: str,
        meta: ArticleMeta,
        url_key: str | None,
        text: str,
        content_hash: str,
        analysis: Analysis,
        added_by: int | None,
    ) -> ArticleInfo:
        """Store an article with its analysis in one transaction; refuse a duplicate."""

    async def add_articles(
        self, batch: Sequence[SignedArticle], same_story: SameStory
    ) -> list[ArticleInfo | DuplicateArticle]:
        """Store a bulk import's articles in order in one transaction, each with its story
        signature, or refused as a duplicate (same content, URL key, external id or story) of
        one stored before it, the batch's own earlier ones included."""

    async def remove_article(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Delete an article and everything derived from it; return what it was."""

    async def version(self, guild_id: int) -> int:
        """Return a number that changes whenever the guild's library changes."""

    async def find_duplicate(
        self,
        guild_id: int,
        *,
        content_hash: str | None = None,
        url_key: str | None = None,
        external_id: str | None = None,
    ) -> ArticleInfo | None:
        """Find the guild's article with this content hash, URL key or external id (the oldest)."""

    async def info(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Return one of the guild's articles; raise ArticleNotFound when it has no such id."""

    async def by_external_id(self, guild_id: int, external_id: str) -> ArticleInfo | None:
        """Return the guild's article with this external id, if there is one."""

    async def list_articles(
        self, guild_id: int, *, limit: int | None = None, title_like: str | None = None
    ) -> list[ArticleInfo]:
        """List the guild's articles, newest first; with `title_like`, those whose title has it."""

    async def count(self, guild_id: int) -> int:
        """Count the guild's articles."""

    async def usage(self, guild_id: int) -> tuple[int, int]:
        """Return the guild's article count and stored text size in characters."""

    async def load_article(self, guild_id: int, article_id: int) -> Article:
        """Load one article with its analysis; raise ArticleNotFound when it is not the guild's."""

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""

    async def article_ids(self, guild_id: int) -> list[int]:
        """List the ids of the guild's articles, oldest first."""

    async def articles_after(self, guild_id: int, after: int) -> tuple[list[int], int] | None:
        """Return the ids above `after`, oldest first, and the guild's article count; None
        where ids are not in commit order (`SharedReads.articles_after`)."""

    async def article_infos(self, guild_id: int) -> list[ArticleInfo]:
        """List the guild's article infos, newest first, as `list_articles` does but faster."""

    async def article_hashes(self, guild_id: int) -> list[tuple[int, str]]:
        """List (id, content hash) of the guild's articles, newest first: what a saved index
        is checked against at start-up (no quote counts, no objects per article)."""

    def read_article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article synchronously (from a worker thread); None if it is gone."""

    def read_text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone synchronously, as `read_article` (ranking passages
        reads a score of texts per question, where whole articles cost milliseconds each)."""

    def read_articles(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, Article]:
        """Load some articles synchronously, as `read_article`: those still there, by id."""

    def read_texts(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, str]:
        """Load some articles' texts alone synchronously, as `read_text`, by id."""

    @property
    def can_read_lazily(self) -> bool:
        """Tell whether `read_article` works, so an index may leave texts unloaded until asked."""

    async def load_snapshot(self, guild_id: int) -> tuple[int, list[int], bytes] | None:
        """Return the guild's saved index: (version, covered article ids, data), or None."""

    async def save_snapshot(
        self, guild_id: int, version: int, article_ids: Iterable[int], data: bytes
    ) -> None:
        """Save a guild's index; derived data, so it does not bump the guild's version."""

    async def integrity_check(self) -> str:
        """Check the database's consistency and return the verdict: "ok" when sound."""

    async def database_file(self) -> Path:
        """Return the SQLite file this store has open, for a backup; refuse any other database."""

    # Story signatures, for near-duplicates (derived data).
    async def unsigned_articles(self, guild_id: int) -> list[int]:
        """Return the guild's articles stored without a story signature (before migration 0004)."""

    async def save_signature(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None:
        """Store an article's story signature and band keys; nothing if it is gone meanwhile."""

    async def similar_stories(
        self, guild_id: int, bands: list[int]
    ) -> list[tuple[int, int, bytes]]:
        """Return (article id, shingles, signature) of the guild's articles sharing a band key."""

    # Who is quoted (index/store/voice_store.py).
    async def voice_totals(
        self,
        guild_id: int,
        *,
        since: str | None = None,
        site: str | None = None,
        channel_id: int | None = None,
        limit: int | None = None,
    ) -> tuple[list[VoiceTotal], VoiceTotal | None]:
        """Return the people of a period, most statements first, and the unknown speakers'."""

    async def voice_roles(
        self, guild_id: int, persons: Sequence[str], *, since: str | None = None
    ) -> list[tuple[str, str, int]]:
        """Return (person, role, articles giving it) for some people: their most frequent roles."""

    async def person_voices(self, guild_id: int, person: str) -> list[VoiceRow]:
        """Return one person's rows across the guild's articles, oldest day first."""

    async def find_persons(self, guild_id: int, name: str, limit: int = 25) -> list[str]:
        """Return the people a typed name may mean: the full name itself, or names ending in it."""


class SharedReads:
    """Article lookups written once for both stores, over each store's `_infos`."""

    _LIKE = "LIKE"  # PostgreSQL's LIKE is case-sensitive: it says ILIKE, as SQLite's LIKE is not

    # Whether an article stored after another always has the greater id (SQLite: one writer
    # at a time). PostgreSQL's sequence hands ids out before commit: a later commit may hold a
    # smaller id.
    ids_in_commit_order = False

    async def _infos(self, clause: str, params: Sequence[object]) -> list[ArticleInfo]:
        """Run `SELECT INFO_COLUMNS FROM articles a {clause}`, the clause with `?` marks."""
        raise NotImplementedError

    async def _rows(self, sql: str, params: Sequence[object]) -> list[Any]:
        """Run a query written with `?` marks; return its rows."""
        raise NotImplementedError

    async def articles_after(self, guild_id: int, after: int) -> tuple[list[int], int] | None:
        """Return the ids above `after` of the guild's articles, oldest first, and how many
        articles the guild has (0 when no id is above); None where ids are not in commit
        order. An index that knows the articles up to `after` learns what was added without
        reading every id (100,000 of them took 80 ms an add), and that nothing was removed
        when the counts agree."""
        if not self.ids_in_commit_order:
            return None
        rows = await self._rows(
            "SELECT id, (SELECT count(*) FROM articles WHERE guild_id = ?) FROM articles"
            " WHERE guild_id = ? AND id > ? ORDER BY id",
            (guild_id, guild_id, after),
        )
        return [int(row[0]) for row in rows], int(rows[0][1]) if rows else 0

    async def info(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Return one of the guild's articles; raise ArticleNotFound when it has no such id."""
        rows = await self._infos("WHERE a.guild_id = ? AND a.id = ?", (guild_id, article_id))
        if not rows:
            raise ArticleNotFound(f"#{article_id}")
        return rows[0]

    async def by_external_id(self, guild_id: int, external_id: str) -> ArticleInfo | None:
        """Return the guild's article with this external id, if there is one."""
        rows = await self._infos(
            "WHERE a.guild_id = ? AND a.external_id = ?", (guild_id, external_id)
        )
        return rows[0] if rows else None

    async def list_articles(
        self, guild_id: int, *, limit: int | None = None, title_like: str | None = None
    ) -> list[ArticleInfo]:
        """Return the guild's articles, newest first."""
        clause, params = "WHERE a.guild_id = ?", list[object]([guild_id])
        if title_like:
            clause += f" AND a.title {self._LIKE} ? ESCAPE '\\'"
            escaped = title_like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        clause += " ORDER BY a.id DESC"
        if limit is not None:
            clause += f" LIMIT {int(limit)}"
        return await self._infos(clause, params)

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""
        raise NotImplementedError

    def read_article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article synchronously (from a worker thread); None if it is gone."""
        raise NotImplementedError

    def read_text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone synchronously; None if it is gone."""
        raise NotImplementedError

    def read_articles(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, Article]:
        """Load some articles synchronously, those still there by id: one at a time here (a
        file's reads cost no round trip); a server's store asks for them all at once."""
        found = {i: self.read_article(guild_id, i) for i in article_ids}
        return {i: article for i, article in found.items() if article is not None}

    def read_texts(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, str]:
        """Load some articles' texts alone synchronously, as `read_articles`."""
        found = {i: self.read_text(guild_id, i) for i in article_ids}
        return {i: text for i, text in found.items() if text is not None}

    async def load_article(self, guild_id: int, article_id: int) -> Article:
        """Load one article with its analysis; raise ArticleNotFound when it is not the guild's."""
        articles = await self.load_articles(guild_id, [article_id])
        if not articles:
            raise ArticleNotFound(f"#{article_id}")
        return articles[0]


def pack_ids(article_ids: Iterable[int]) -> bytes:
    """Encode a snapshot's article ids, sorted, as stored."""
    return array("q", sorted(article_ids)).tobytes()


def snapshot_row(row: Sequence[Any] | None) -> tuple[int, list[int], bytes] | None:
    """Decode a stored (version, packed ids, data) snapshot row."""
    if row is None:
        return None
    return int(row[0]), [int(i) for i in array("q", bytes(row[1]))], bytes(row[2])
