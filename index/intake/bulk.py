"""Bulk import: a JSONL file of records or a folder of article files, safe to run again.

Articles are stored a few hundred a transaction, each whole with its analysis, so an interrupted
import leaves every committed article whole and the rest absent (and every article it counted
is committed); running it again skips what is already there.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from index import cpu
from index.errors import ArticlebotError, DuplicateArticle
from index.intake.pool import prepared_chunks
from index.intake.prepare import ImportItem, Prepared
from index.intake.story_signatures import StorySignatures
from index.models import Analysis, ArticleInfo, ArticleMeta
from index.store.base import NewArticle, SameStory, SignedArticle, Store, StoredStories

if TYPE_CHECKING:
    from index.answer.passage_build import CountedPassages

__all__ = ["ImportItem", "ImportReport", "import_items", "read_source"]

FILE_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Records stored a transaction. A commit writes every page the transaction changed; each
# article changes pages all over the indexes (its 32 story bands land at random keys), so a
# page is written once for many articles rather than once for each few: storing 3,000 prepared
# articles took 1.8 s of CPU with 256 and the store's bulk page cache, 4.3 s with chunks of 16.
# The indexes grow with the library and a batch's changes spread over more of their pages: at
# 100,000 articles 1,024 a transaction wrote 228 KiB an article against 302 KiB with 256, and
# the storing process spent ~0.35 ms an article less (benchmarks/bench_store_stretch.py).
# 2,048: on a 7,000-article library given a 100,000-article band index (3.1 million rows), the
# stretch to 10,000 wrote 70 against 115 KiB an article and spent ~0.5 ms an article less.
STORE_BATCH = 2048


@dataclass
class ImportReport:
    """What a bulk import did: how many were added or duplicates, and each failure's reason."""

    added: int = 0
    duplicates: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Count the records that could not be added."""
        return len(self.failures)

    @property
    def done(self) -> int:
        """Count every record handled so far, whatever became of it (for progress lines)."""
        return self.added + self.duplicates + self.failed

    def describe(self) -> str:
        """Render the counts on one line, then one line per failure."""
        lines = [f"{self.added} added, {self.duplicates} duplicate, {self.failed} failed"]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failures]
        return "\n".join(lines)


class ImportLimits(Protocol):
    """The limits an import keeps to (the library's `Limits`)."""

    @property
    def max_article_bytes(self) -> int:
        """The largest article accepted, in bytes."""

    @property
    def max_articles_per_guild(self) -> int | None:
        """How many articles a guild may hold; None: any number."""

    @property
    def max_bytes_per_guild(self) -> int | None:
        """How many characters of text a guild may hold; None: any number."""


class Importer(Protocol):
    """What a bulk import stores through (the Library): its store, limits and quota check."""

    @property
    def store(self) -> Store:
        """The database the articles go to."""

    @property
    def limits(self) -> ImportLimits:
        """The limits the articles are held to."""

    async def check_quota(self, guild_id: int, size: int) -> None:
        """Refuse an article of `size` characters that would take the guild past its limits."""

    async def stored(
        self,
        info: ArticleInfo,
        text: str,
        analysis: Analysis,
        counted: CountedPassages | None = None,
    ) -> None:
        """Take an article just stored (the import's index build indexes it, its passages
        counted already when `counted` is given)."""


def read_source(path: Path) -> tuple[int, Iterator[ImportItem]]:
    """Return how many items a JSONL file or a folder holds, and the items themselves."""
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES
        )
        return len(files), (
            ImportItem(str(p.relative_to(path)), ArticleMeta(), data=p.read_bytes()) for p in files
        )
    if not path.is_file():
        raise ArticlebotError(f"No such file or folder: {path}")
    with path.open(encoding="utf-8", errors="replace") as handle:
        total = sum(1 for line in handle if line.strip())
    return total, _jsonl_items(path)


def _jsonl_items(path: Path) -> Iterator[ImportItem]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            name = f"line {number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError('not an object with a "text" string')
            except ValueError as error:
                yield ImportItem(name, ArticleMeta(), error=f"unreadable record ({error})")
                continue
            external = record.get("id")
            meta = ArticleMeta(
                title=_str(record.get("title")),
                url=_str(record.get("url")),
                outlet=_str(record.get("outlet") or record.get("source")),
                author=_str(record.get("author")),
                published=_str(record.get("published") or record.get("date")),
                external_id=None if external is None else str(external),
            )
            yield ImportItem(
                name if external is None else f"{name} ({external})", meta, text=record["text"]
            )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


async def import_items(
    library: Importer,
    guild_id: int,
    items: Iterator[ImportItem],
    *,
    on_item: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Add every item, counting added, duplicate and failed (with the reason for each).

    Records are prepared (checked, analysed, signed) in worker processes ahead of the writes
    (`pool.py`) and stored STORE_BATCH a transaction, in their order, with the decisions one
    `add_text` after another would make. Each is counted only once its chunk is committed, so
    whatever the progress has shown survives a crash.
    """
    report = ImportReport()
    await StorySignatures(library.store).backfill(guild_id)
    with cpu.collected_by_batch():
        await _import_chunks(library, guild_id, items, report, on_item)
    return report


async def _import_chunks(
    library: Importer,
    guild_id: int,
    items: Iterator[ImportItem],
    report: ImportReport,
    on_item: Callable[[ImportReport], None] | None,
) -> None:
    async for chunk in _grouped(
        prepared_chunks(items, library.limits.max_article_bytes, ahead_records=2 * STORE_BATCH)
    ):
        ready = [p for _, p in chunk if isinstance(p, Prepared)]
        results = await _store(library, guild_id, ready)
        for record, result in zip(ready, results, strict=True):
            if isinstance(result, ArticleInfo):
                await library.stored(result, record.text, record.analysis, record.counted)
        outcomes = iter(results)
        for item, prepared in chunk:
            outcome = prepared if isinstance(prepared, str) else next(outcomes)
            if isinstance(outcome, ArticleInfo):
                report.added += 1
            elif isinstance(outcome, DuplicateArticle):
                report.duplicates += 1
            else:
                reason = outcome if isinstance(outcome, str) else outcome.message
                report.failures.append((item.name, reason))
            if on_item:
                on_item(report)
        # What the import keeps (the index build's vocabulary and columns, the store's caches)
        # grows every batch, and each full collection read it all again.
        cpu.keep_long_lived()


async def _grouped(
    chunks: AsyncIterator[list[tuple[ImportItem, Prepared | str]]],
) -> AsyncIterator[list[tuple[ImportItem, Prepared | str]]]:
    """Join the workers' chunks into one of at least STORE_BATCH records (the last may be
    shorter): the write transactions are that long."""
    held: list[tuple[ImportItem, Prepared | str]] = []
    async for chunk in chunks:
        held += chunk
        if len(held) >= STORE_BATCH:
            yield held
            held = []
    if held:
        yield held


async def _store(
    library: Importer, guild_id: int, batch: list[Prepared]
) -> list[ArticleInfo | ArticlebotError]:
    """Store a chunk in one transaction; with a quota, one article at a time, checked first."""
    from index.intake.near_duplicates import first_stored_duplicate

    if not batch:
        return []
    added_at = datetime.now(UTC).isoformat(timespec="seconds")
    signed = [
        SignedArticle(
            NewArticle(guild_id, p.title, p.meta, None, p.text, p.content_hash, p.analysis,
                       None, added_at),
            p.story.shingles, p.story.to_bytes(), p.story.bands(),
        )
        for p in batch
    ]  # fmt: skip

    def same_story(position: int, candidates: StoredStories) -> int | None:
        return first_stored_duplicate(batch[position].story, candidates)

    limits, store = library.limits, library.store
    if limits.max_articles_per_guild is None and limits.max_bytes_per_guild is None:
        return list(await store.add_articles(signed, same_story))
    outcomes: list[ArticleInfo | ArticlebotError] = []
    for position, one in enumerate(signed):
        new = one.article
        found = await store.find_duplicate(
            guild_id, content_hash=new.content_hash, external_id=new.meta.external_id
        )
        if found:
            outcomes.append(DuplicateArticle(found.id, found.title))
            continue
        try:
            await library.check_quota(guild_id, len(new.text))
        except ArticlebotError as error:
            outcomes.append(error)
            continue
        outcomes += await store.add_articles([one], partial(_at, same_story, position))
    return outcomes


def _at(same_story: SameStory, position: int, _: int, candidates: StoredStories) -> int | None:
    """Ask `same_story` about the chunk's article at `position` for a batch of that one."""
    return same_story(position, candidates)
