"""Bulk import: a JSONL file of records or a folder of article files, safe to run again.

Every article is stored in its own transaction, so an interrupted import leaves each finished
article whole and the rest absent; running it again skips what is already there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from index.errors import ArticlebotError, DuplicateArticle
from index.models import ArticleInfo, ArticleMeta

FILE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article to import: text (or raw file bytes) with what is known about it."""

    name: str  # where it came from, for the report: a file name or "line 12"
    meta: ArticleMeta
    text: str | None = None
    data: bytes | None = None  # a file's bytes, decoded by the library by its suffix
    error: str | None = None  # the record could not even be read


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


class Adder(Protocol):
    """What a bulk import adds through (the Library): a text or a file, into one guild."""

    async def add_text(
        self,
        guild_id: int,
        text: str,
        meta: ArticleMeta | None = ...,
        *,
        added_by: int | None = ...,
    ) -> ArticleInfo:
        """Add an article from its text and return what was stored."""

    async def add_file(
        self,
        guild_id: int,
        filename: str,
        data: bytes,
        meta: ArticleMeta | None = ...,
        *,
        added_by: int | None = ...,
    ) -> ArticleInfo:
        """Add an article from a file's bytes, decoded by its suffix, and return what was stored."""


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
    library: Adder,
    guild_id: int,
    items: Iterator[ImportItem],
    *,
    on_item: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Add every item, counting added, duplicate and failed (with the reason for each)."""
    report = ImportReport()
    for item in items:
        try:
            if item.error:
                raise ArticlebotError(item.error)
            if item.data is not None:
                await library.add_file(guild_id, item.name, item.data, item.meta)
            else:
                await library.add_text(guild_id, item.text or "", item.meta)
            report.added += 1
        except DuplicateArticle:
            report.duplicates += 1
        except ArticlebotError as error:
            report.failures.append((item.name, error.message))
        if on_item:
            on_item(report)
    return report
