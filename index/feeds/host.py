"""What feeds need of the library they serve: its store, its fetch options, its add and summary.

`Library` satisfies this; the feed code names it instead of `Library` so that the service
can mix the feed operations in without the two modules importing each other.
"""

from __future__ import annotations

from typing import Protocol

from index.models import ArticleInfo, ArticleMeta, FetchOptions, Summary
from index.store.base import Store


class FeedHost(Protocol):
    """What feed polling needs of the Library: its store and fetch options, adding, summarizing."""

    store: Store
    fetch_options: FetchOptions

    async def add_url(
        self,
        guild_id: int,
        url: str,
        meta: ArticleMeta | None = None,
        *,
        added_by: int | None = None,
    ) -> ArticleInfo:
        """Fetch a page and add it as an article, as `Library.add_url` does."""

    async def summarize(
        self, guild_id: int, ref: str | int | None = None, length: str | int = "short"
    ) -> Summary:
        """Summarize an article, as `Library.summarize` does."""
