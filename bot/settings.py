"""Settings, read once at start-up from the environment and an optional .env file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from index.models import FetchOptions
from index.service import FeedSettings, Library, Limits, ShardPlan

DEFAULT_DATABASE = "articlebot.db"
LOCAL_GUILD = 0  # the terminal's own library


class Secret(str):
    """A string that never shows itself in repr, logs or tracebacks."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Secret('**********')" if self else "Secret('')"

    def reveal(self) -> str:
        return str.__str__(self)

    def __str__(self) -> str:
        return "**********" if self else ""

    def __format__(self, spec: str) -> str:
        return str(self)


def _int(value: str | None, default: int | None) -> int | None:
    return int(value) if value not in (None, "") else default


def _bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    token: Secret = field(default_factory=lambda: Secret(""), repr=False)
    # A SQLite path, or a postgresql:// URL (which may hold a password: kept out of repr).
    database: str = field(default=DEFAULT_DATABASE, repr=False)
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    allow_private_urls: bool = False
    fetch_timeout: float = 20.0
    max_article_bytes: int = 2_000_000
    max_page_bytes: int = 5_000_000  # a fetched page's HTML, scripts and all
    max_articles_per_guild: int | None = None
    max_bytes_per_guild: int | None = None
    # INDEX_CACHE_MB: memory budget of the guild indexes kept resident (evicted past it)
    index_cache_mb: float = 400.0
    cooldown_seconds: float = 3.0  # per user, on /ask and /summary
    cooldown_rate: int = 5
    shutdown_grace: float = 10.0  # seconds for commands in flight to finish on SIGTERM
    shards: ShardPlan | None = None  # from `run --shard-ids --shard-count`: this process's part
    feeds: FeedSettings = field(default_factory=FeedSettings)  # FEED_*
    feed_tick_seconds: float = 30.0  # how often `run` looks for feeds due a poll
    watch_links: bool = False  # WATCH_LINKS=1: read messages (needs the Message Content intent)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        """Read settings from `environ` (default: the process environment) over a .env file."""
        values: dict[str, str | None] = {}
        if env_file and Path(env_file).is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ if environ is None else environ)
        get = values.get
        return cls(
            token=Secret((get("DISCORD_TOKEN") or "").strip()),
            database=get("DATABASE_URL") or get("ARTICLEBOT_DB") or DEFAULT_DATABASE,
            log_level=(get("LOG_LEVEL") or "INFO").upper(),
            dev_guild_id=_int(get("DEV_GUILD_ID"), None),
            allow_private_urls=_bool(get("ALLOW_PRIVATE_URLS")),
            fetch_timeout=float(get("FETCH_TIMEOUT") or 20.0),
            max_article_bytes=_int(get("MAX_ARTICLE_BYTES"), 2_000_000) or 2_000_000,
            max_page_bytes=_int(get("MAX_PAGE_BYTES"), 5_000_000) or 5_000_000,
            max_articles_per_guild=_int(get("MAX_ARTICLES_PER_GUILD"), None),
            max_bytes_per_guild=_int(get("MAX_BYTES_PER_GUILD"), None),
            index_cache_mb=float(get("INDEX_CACHE_MB") or 400.0),
            cooldown_seconds=float(get("COOLDOWN_SECONDS") or 3.0),
            cooldown_rate=_int(get("COOLDOWN_RATE"), 5) or 5,
            shutdown_grace=float(get("SHUTDOWN_GRACE_SECONDS") or 10.0),
            feeds=feed_settings(get),
            feed_tick_seconds=float(get("FEED_TICK_SECONDS") or 30.0),
            watch_links=_bool(get("WATCH_LINKS")),
        )


def feed_settings(get: Callable[[str], str | None]) -> FeedSettings:
    """Feed limits from FEED_* settings over the defaults (the interval never under 5 min)."""
    base = FeedSettings()
    minutes = _int(get("FEED_INTERVAL_MINUTES"), None)
    return FeedSettings(
        interval_s=base.interval_s if minutes is None else max(base.min_interval_s, minutes * 60),
        max_feeds_per_guild=_int(get("FEED_MAX_PER_GUILD"), base.max_feeds_per_guild)
        or base.max_feeds_per_guild,
        max_items_per_poll=_int(get("FEED_MAX_ITEMS_PER_POLL"), base.max_items_per_poll)
        or base.max_items_per_poll,
        first_poll_posts=_int(get("FEED_FIRST_POLL_POSTS"), base.first_poll_posts) or 0,
    )


async def open_library(
    settings: Settings, database: str | None = None, *, create: bool = True
) -> Library:
    """Open the library the settings describe (both front ends start here)."""
    limits = Limits(
        max_article_bytes=settings.max_article_bytes,
        max_articles_per_guild=settings.max_articles_per_guild,
        max_bytes_per_guild=settings.max_bytes_per_guild,
        index_cache_bytes=max(1, round(settings.index_cache_mb * 1024 * 1024)),
    )
    fetch = FetchOptions(
        total_timeout=settings.fetch_timeout,
        max_bytes=settings.max_page_bytes,
        allow_private=settings.allow_private_urls,
    )
    library = await Library.open(database or settings.database, limits, fetch, create=create)
    library.feed_settings = settings.feeds
    if settings.shards is not None:
        library.serve_only(settings.shards.owns)
    return library
