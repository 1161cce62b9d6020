"""The one API both front ends call: every operation is scoped to a guild.

`Library` owns the store and a bounded cache of per-guild indexes. Heavy work (analysis, index
builds, answering) runs in worker threads so the event loop — and Discord's heartbeat — never
waits on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from index import cpu
from index.errors import (
    ArticleNotFound,
    DuplicateArticle,
    EmptyLibrary,
    InvalidQuestion,
    LibraryFull,
)
from index.feeds.door import FeedError, FeedLibrary, FeedSettings
from index.intake.bulk import ImportItem, ImportReport, import_items
from index.intake.bulk import read_source as read_import
from index.intake.checks import (
    DEFAULT_MAX_BYTES,
    check_size,
    check_text,
    checked_meta,
    content_hash,
    derive_title,
    user_text,
)
from index.intake.prepare import merge_meta
from index.intake.story_signatures import StorySignatures, story_signature
from index.intake.urls import normalize as normalize_url
from index.maintenance import migrate, restore
from index.models import (
    Analysis,
    Answer,
    ArticleInfo,
    ArticleMeta,
    FetchOptions,
    Summary,
)
from index.shards import ShardPlan

# What the front ends count and how they show a statement quoted in segments: one definition.
from index.standalone import extract_quotes, summarize_text
from index.statements import item_groups, joined, plural, quote_groups
from index.store.base import Store
from index.store.open import describe as describe_database
from index.store.open import open_store
from index.summary.size import summary_size
from index.voices.door import PERIODS, PeopleLibrary, PersonError

if TYPE_CHECKING:
    from index.answer.cache import IndexCache
    from index.answer.guild_index import GuildIndex
    from index.answer.passage_build import CountedPassages as Counted
    from index.store.backup import Copy

# The front ends reach the library only through this module: these are theirs too.
__all__ = [
    "PERIODS",
    "FeedError",
    "FeedSettings",
    "ImportReport",
    "Library",
    "Limits",
    "PersonError",
    "ShardPlan",
    "describe_database",
    "extract_quotes",
    "item_groups",
    "joined",
    "migrate",
    "plural",
    "quote_groups",
    "read_import",
    "restore",
    "summarize_text",
    "summary_size",
]

# Analysis, fetching (aiohttp, trafilatura), summaries (scikit-learn) and retrieval (numpy,
# scipy) are imported when first used: together they are seconds of start-up that `list` or
# `remove` does not need, and answering a question needs only retrieval.

MIN_QUESTION_CHARS = 2
DEFAULT_INDEX_CACHE_BYTES = 400 * 1024 * 1024  # INDEX_CACHE_MB; see Limits.index_cache_bytes
MAX_QUESTION_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-article and per-guild limits; None means unlimited."""

    max_article_bytes: int = DEFAULT_MAX_BYTES
    max_articles_per_guild: int | None = None
    max_bytes_per_guild: int | None = None
    cached_guilds: int = 256
    # Memory budget of the resident guild indexes (their estimated bytes): past it the least
    # recently asked guilds are evicted and rebuilt or reloaded at their next question.
    index_cache_bytes: int = DEFAULT_INDEX_CACHE_BYTES


class Library(FeedLibrary, PeopleLibrary):  # feeds: index/feeds/door.py; people: voices/door.py
    """A guild-scoped article library on one database."""

    def __init__(
        self, store: Store, limits: Limits | None = None, fetch_options: FetchOptions | None = None
    ) -> None:
        self.store = store
        self.limits = limits or Limits()
        self._stories = StorySignatures(store)
        self.fetch_options = fetch_options or FetchOptions()
        self._index_cache: IndexCache | None = None

    @property
    def _indexes(self) -> IndexCache:
        """The guild index cache, made on first use (it needs the retrieval modules)."""
        if self._index_cache is None:
            from index.answer.cache import IndexCache

            self._index_cache = IndexCache(
                self.store,
                capacity=self.limits.cached_guilds,
                max_bytes=self.limits.index_cache_bytes,
            )
        return self._index_cache

    @classmethod
    async def open(
        cls,
        database: str | Path,
        limits: Limits | None = None,
        fetch_options: FetchOptions | None = None,
        *,
        create: bool = True,
    ) -> Library:
        """Open the library; `create=False` (commands that only read) refuses a missing file."""
        return cls(await open_store(database, create=create), limits, fetch_options)

    def serve_only(self, owns: Callable[[int], bool]) -> None:
        """Keep indexes only for the guilds this process owns (a sharded bot's own shards)."""
        self._indexes.owns = owns

    async def close(self) -> None:
        """Let background compactions and snapshot writes finish, then close the store."""
        if self._index_cache is not None:
            await self._index_cache.close()  # let a snapshot being written finish first
        await self.store.close()

    async def __aenter__(self) -> Library:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # --- changing the library ----------------------------------------------------------------

    async def add_text(
        self,
        guild_id: int,
        text: str,
        meta: ArticleMeta | None = None,
        *,
        added_by: int | None = None,
        url_key: str | None = None,
    ) -> ArticleInfo:
        """Analyze and store an article; raise a domain error for bad or duplicate input."""
        await cpu.imported("index.quotes.analyze")  # 0.2 s the first time: not on the loop
        from index.quotes.analyze import analyze

        meta = checked_meta(meta or ArticleMeta())  # refuses a link that is not http(s)
        check_text(text, limit=self.limits.max_article_bytes)
        digest = content_hash(text)
        duplicate = await self.store.find_duplicate(
            guild_id, content_hash=digest, url_key=url_key, external_id=meta.external_id
        )
        if duplicate:
            raise DuplicateArticle(duplicate.id, duplicate.title)
        await self.check_quota(guild_id, len(text))
        analysis = await cpu.run(analyze, text)
        story = await cpu.run(story_signature, analysis.document)
        # The same story with other furniture, headline, byline or dateline, or cut short.
        near = await self._stories.find(guild_id, story)
        if near is not None:
            found = await self.store.info(guild_id, near)
            raise DuplicateArticle(found.id, found.title)
        title = (meta.title or "").strip() or derive_title(analysis.document)
        info = await self.store.add_article(
            guild_id,
            title=title[:256],
            meta=meta,
            url_key=url_key,
            text=text,
            content_hash=digest,
            analysis=analysis,
            added_by=added_by,
        )
        await self._stories.record(guild_id, info.id, story)
        await self.stored(info, text, analysis)
        return info

    async def stored(
        self, info: ArticleInfo, text: str, analysis: Analysis, counted: Counted | None = None
    ) -> None:
        """Take an article just stored: a bulk import running indexes it now, text in hand
        (its passages counted already when `counted` is given)."""
        if self._index_cache is not None:
            await self._index_cache.arrived(info, text, analysis, counted)

    async def check_quota(self, guild_id: int, size: int) -> None:
        """Refuse an article of `size` characters that would take the guild past its limits."""
        limits = self.limits
        if limits.max_articles_per_guild is None and limits.max_bytes_per_guild is None:
            return
        count, stored = await self.store.usage(guild_id)
        if limits.max_articles_per_guild is not None and count >= limits.max_articles_per_guild:
            raise LibraryFull(
                f"This server's library is full ({count:,} articles, the limit): "
                "remove some before adding more."
            )
        if limits.max_bytes_per_guild is not None and stored + size > limits.max_bytes_per_guild:
            raise LibraryFull(
                f"This article would take the library past its size limit "
                f"({limits.max_bytes_per_guild:,} characters): remove some articles first."
            )

    async def add_file(
        self,
        guild_id: int,
        filename: str,
        data: bytes,
        meta: ArticleMeta | None = None,
        *,
        added_by: int | None = None,
    ) -> ArticleInfo:
        """Add an attached .txt, .md or .html file (HTML goes through article extraction)."""
        from index.intake.html import extract_file

        check_size(len(data), self.limits.max_article_bytes)
        extracted = await asyncio.to_thread(extract_file, filename, data)
        merged = merge_meta(extracted.meta, meta)
        return await self.add_text(guild_id, extracted.text, merged, added_by=added_by)

    async def add_url(
        self,
        guild_id: int,
        url: str,
        meta: ArticleMeta | None = None,
        *,
        added_by: int | None = None,
    ) -> ArticleInfo:
        """Fetch a page safely, extract its article and metadata, and add it."""
        from index.intake.fetch import fetch_article

        key = normalize_url(url)
        duplicate = await self.store.find_duplicate(guild_id, url_key=key)
        if duplicate:  # known before spending a fetch on it
            raise DuplicateArticle(duplicate.id, duplicate.title)
        extracted = await fetch_article(url, self.fetch_options)
        if extracted.meta.url and normalize_url(extracted.meta.url) != key:
            # Redirected (a short link, a tracking hop): the page may be stored already.
            final = await self.store.find_duplicate(
                guild_id, url_key=normalize_url(extracted.meta.url)
            )
            if final:
                raise DuplicateArticle(final.id, final.title)
        merged = merge_meta(extracted.meta, meta)
        merged = replace(merged, url=merged.url or url)
        return await self.add_text(guild_id, extracted.text, merged, added_by=added_by, url_key=key)

    async def remove(self, guild_id: int, ref: str | int) -> ArticleInfo:
        """Remove an article (any reference `resolve` takes) with all derived from it; return it."""
        info = await self.resolve(guild_id, ref)
        return await self.store.remove_article(guild_id, info.id)

    async def import_items(
        self, guild_id: int, items: Iterator[ImportItem],
        *, on_item: Callable[[ImportReport], None] | None = None,
    ) -> ImportReport:  # fmt: skip
        """Add many articles (from `read_import`), counting added, duplicate and failed."""
        async with self._indexes.importing(guild_id):  # indexed as they arrive, saved at the end
            return await import_items(self, guild_id, items, on_item=on_item)

    async def backup(self, dest: str | Path) -> Copy:
        """Copy the live library to `dest` consistently (a SQLite library only)."""
        from index.store.backup import backup

        return await backup(self.store, dest)

    # --- reading -----------------------------------------------------------------------------

    async def articles(self, guild_id: int, *, limit: int | None = None) -> list[ArticleInfo]:
        """Return the guild's articles, newest first."""
        return await self.store.list_articles(guild_id, limit=limit)

    async def resolve(self, guild_id: int, ref: str | int | None) -> ArticleInfo:
        """Find an article by id, '#id', external id or title words; None means the newest."""
        if ref is None or (isinstance(ref, str) and not ref.strip()):
            newest = await self.store.list_articles(guild_id, limit=1)
            if not newest:
                raise EmptyLibrary
            return newest[0]
        text = user_text(str(ref).strip())
        number = text.removeprefix("#")
        if number.isascii() and number.isdigit() and len(number) <= 18:
            try:
                return await self.store.info(guild_id, int(number))
            except ArticleNotFound:
                pass
        external = await self.store.by_external_id(guild_id, text)
        if external:
            return external
        matches = await self.store.list_articles(guild_id, limit=2, title_like=text)
        if len(matches) == 1 or (matches and matches[0].title.lower() == text.lower()):
            return matches[0]
        raise ArticleNotFound(f"“{text[:100]}”")

    async def summarize(
        self, guild_id: int, ref: str | int | None = None, length: str | int = "short"
    ) -> Summary:
        """Summarize one article (the newest when no article is named)."""
        from index.summary.summarize import select

        sentences, quote_count = summary_size(length)
        info = await self.resolve(guild_id, ref)
        article = await self.store.load_article(guild_id, info.id)
        chosen, quotes = await cpu.run(
            select, article.analysis, title=info.title, sentences=sentences, quotes=quote_count
        )
        return Summary(info, chosen, quotes, article.analysis.speakers)

    async def ask(self, guild_id: int, question: str, ref: str | int | None = None) -> Answer:
        """Answer a question from the whole library or from one article."""
        await cpu.imported("index.answer.qa")
        from index.answer import qa, read_ahead

        # A process that answers may add next (a bot, a shell): analysis loads meanwhile.
        cpu.import_soon("index.quotes.analyze")
        question = check_question(question)
        scope = {(await self.resolve(guild_id, ref)).id} if ref not in (None, "") else None
        index = await self.guild_index(guild_id)
        if not index.articles:
            raise EmptyLibrary
        return await read_ahead.answered(qa.answer, question, index, scope)

    async def quotes(self, guild_id: int, speaker: str, ref: str | int | None = None) -> Answer:
        """Everything one speaker is quoted as saying."""
        name = check_question(speaker, what="speaker name")
        question = check_question(f"what did {name} say?")
        scope = {(await self.resolve(guild_id, ref)).id} if ref not in (None, "") else None
        index = await self.guild_index(guild_id)
        if not index.articles:
            raise EmptyLibrary
        from index.answer import qa, read_ahead

        return await read_ahead.answered(qa.answer, question, index, scope, speaker=name)

    async def speaker_names(self, guild_id: int, prefix: str = "", limit: int = 25) -> list[str]:
        """Known speakers whose name contains the typed text, for autocomplete."""
        index = await self.guild_index(guild_id)
        typed = user_text(prefix.strip().lower())
        names = [name for name in index.speakers.canonical_groups() if typed in name.lower()]
        return sorted(names, key=lambda name: (not name.lower().startswith(typed), name))[:limit]

    async def title_choices(
        self, guild_id: int, typed: str = "", limit: int = 25
    ) -> list[ArticleInfo]:
        """Articles whose title contains the typed text, newest first, for autocomplete."""
        typed = user_text(typed.strip())
        return await self.store.list_articles(guild_id, limit=limit, title_like=typed)

    async def keep_index(self, guild_id: int) -> None:
        """Build the guild's answering index and save it (after a bulk import), so the next
        process answers its first question without building it."""
        if self.store.can_read_lazily:  # an in-memory database keeps nothing
            await self._indexes.persist(guild_id)

    async def guild_index(self, guild_id: int) -> GuildIndex:
        """Get the guild's index at its current version (rebuilt off the loop only when stale)."""
        return await self._indexes.get(guild_id)


def check_question(question: str, *, what: str = "question") -> str:
    """Refuse questions too short or too long to answer; return it trimmed."""
    text = " ".join(user_text(question).split())
    if len(text) < MIN_QUESTION_CHARS or not any(c.isalnum() for c in text):
        raise InvalidQuestion(f"That {what} is too short: ask in a few words.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"That {what} is too long ({len(text):,} characters): keep it under "
            f"{MAX_QUESTION_CHARS:,}."
        )
    return text
