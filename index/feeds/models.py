"""What the feed machinery hands the front ends: subscriptions and the outcome of a poll."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.models import ArticleInfo

DAY_SECONDS = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class Feed:
    """One guild's subscription to a feed; times are Unix seconds."""

    id: int
    guild_id: int
    url: str
    channel_id: int | None
    title: str | None
    added_by: int | None
    added_at: int
    interval_s: int
    etag: str | None
    last_modified: str | None
    polled: bool
    next_poll_at: int
    failures: int
    failing_since: int | None
    last_error: str | None
    last_success: int | None

    def failing(self, now: float) -> bool:
        """Failing without a success for a day: shown as failing, polled only slowly."""
        return self.failing_since is not None and now - self.failing_since >= DAY_SECONDS


@dataclass(slots=True)
class FeedPoll:
    """One feed's pass: the articles added, and counts of items seen before or refused."""

    feed: Feed
    added: list[ArticleInfo] = field(default_factory=list)
    to_post: list[ArticleInfo] = field(default_factory=list)  # newest few on a first poll
    duplicate: int = 0
    failed: int = 0
    error: str | None = None  # the feed itself could not be read
    not_modified: bool = False

    def line(self) -> str:
        """Render the pass as one progress line: counts, then the feed's error or "not modified"."""
        counts = f"{len(self.added)} new, {self.duplicate} duplicate, {self.failed} failed"
        if self.error:
            return f"{counts} ({self.error})"
        return f"{counts} (not modified)" if self.not_modified else counts


FEED_COLUMNS = (
    "id, guild_id, url, channel_id, title, added_by, added_at, interval_s, etag, last_modified,"
    " polled, next_poll_at, failures, failing_since, last_error, last_success"
)


def feed_from_row(row: tuple[object, ...]) -> Feed:
    """Build a Feed from a row selected with FEED_COLUMNS (SQLite keeps `polled` as 0/1)."""
    values = list(row)
    values[10] = bool(values[10])
    return Feed(*values)  # type: ignore[arg-type]
