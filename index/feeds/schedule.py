"""When a feed is polled next: its interval after a success, backoff after a failure."""

from __future__ import annotations

from index.feeds.models import DAY_SECONDS, Feed

FIRST_RETRY_S = 60
MAX_BACKOFF_S = 6 * 60 * 60  # a failing feed is still tried, four times a day


def clamp_interval(minutes: float | None, default_s: int, floor_s: int) -> int:
    """Return a feed's interval in seconds: the default when not given, never under the floor."""
    if minutes is None:
        return default_s
    return max(floor_s, int(minutes * 60))


def next_after_failure(feed: Feed, now: int, retry_after: float | None = None) -> int:
    """Back off exponentially (1, 2, 4… minutes up to 6 hours); honour a 429's Retry-After.

    A feed failing for a day is only tried at the longest backoff, never in a tight loop.
    """
    if feed.failing_since is not None and now - feed.failing_since >= DAY_SECONDS:
        return now + MAX_BACKOFF_S
    delay = min(MAX_BACKOFF_S, FIRST_RETRY_S * 2 ** min(feed.failures, 20))
    if retry_after is not None:
        delay = max(delay, min(int(retry_after), DAY_SECONDS))
    return now + delay
