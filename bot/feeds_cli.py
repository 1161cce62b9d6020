"""The terminal's `feed` commands: add, list, remove and poll a library's feed subscriptions."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from bot import batch

if TYPE_CHECKING:
    from index.service import Library


def add_parser(commands: Any) -> None:
    feed = commands.add_parser("feed", help="follow RSS/Atom feeds: add, list, remove, poll")
    actions = feed.add_subparsers(dest="feed_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="subscribe to a feed")
    add.add_argument("url")
    add.add_argument("--channel", type=int, help="Discord channel id to post new stories in")
    add.add_argument("--every", type=float, help="minutes between polls (default 15, floor 5)")
    listing = actions.add_parser("list", help="the library's feeds with their state")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="unsubscribe from a feed")
    remove.add_argument("id", type=int)
    actions.add_parser("poll", help="one pass over every feed: add the new stories")


async def cmd_feed(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    action = args.feed_command
    if action == "add":
        feed = await library.add_feed(
            args.guild, args.url, channel_id=args.channel, interval_minutes=args.every
        )
        out.write(
            f"Following feed #{feed.id} {feed.url} (polled every {feed.interval_s // 60} min).\n"
        )
    elif action == "list":
        feeds = await library.feeds(args.guild)
        if args.json:
            batch.emit(out, [feed_json(feed) for feed in feeds])
        elif not feeds:
            out.write("No feeds. Follow one with: articlebot feed add URL\n")
        else:
            out.write("\n".join(feed_line(feed) for feed in feeds) + "\n")
    elif action == "remove":
        feed = await library.remove_feed(args.guild, args.id)
        out.write(f"Removed feed #{feed.id} {feed.url}.\n")
    else:
        for result in await library.poll_feeds(args.guild):
            out.write(f"#{result.feed.id} {result.feed.url}: {result.line()}\n")
    return 0


def _when(stamp: int | None) -> str | None:
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds") if stamp else None


def feed_state(feed: Any, now: float | None = None) -> str:
    """ok, failing (a day without success), erroring (retrying with backoff) or new."""
    now = datetime.now(UTC).timestamp() if now is None else now
    if feed.failing(now):
        return "failing"
    if feed.last_error:
        return "erroring"
    return "ok" if feed.polled else "new"


def feed_line(feed: Any, *, with_channel: bool = True) -> str:
    title = f" “{feed.title}”" if feed.title else ""
    channel = f" → channel {feed.channel_id}" if feed.channel_id and with_channel else ""
    line = f"#{feed.id} {feed.url}{title}{channel} · every {feed.interval_s // 60} min · {feed_state(feed)}"
    if feed.last_error:
        line += f" since {_when(feed.failing_since)}: {feed.last_error}"
    return line


def feed_json(feed: Any) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "channel_id": feed.channel_id,
        "interval_minutes": feed.interval_s // 60,
        "state": feed_state(feed),
        "last_error": feed.last_error,
        "failing_since": _when(feed.failing_since),
        "last_success": _when(feed.last_success),
        "next_poll": _when(feed.next_poll_at),
    }
