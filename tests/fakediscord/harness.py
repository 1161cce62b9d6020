"""Run a discord.py client against the fake and make its failures the test's failures.

The client's task ending with an exception, or any ERROR logged while it runs (discord.py
logs exceptions in event handlers, views, command trees and autocomplete that way), aborts
whatever the test is waiting for and fails the test when the run closes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from tests.fakediscord.server import FakeDiscord, FakeDiscordError


class ErrorLog(logging.Handler):
    """Collects ERROR records and tells the fake at once, so that no wait drags on."""

    def __init__(self, fake: FakeDiscord) -> None:
        super().__init__(logging.ERROR)
        self.fake = fake
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.fake.fail(FakeDiscordError(f"logged: {self.format(record)}"))

    def take(self) -> list[logging.LogRecord]:
        """Hand over the errors a test provoked on purpose, and forgive the fake."""
        taken, self.records = self.records, []
        self.fake.failure = None
        return taken


class Wake(logging.Handler):
    """Wakes the fake's waiters on each WARNING or worse, so that a test can wait for a line
    to be logged (`fake.wait_for(lambda: ... caplog.records ...)`) without sitting out its
    timeout."""

    def __init__(self, fake: FakeDiscord) -> None:
        super().__init__(logging.WARNING)
        self.fake = fake

    def emit(self, record: logging.LogRecord) -> None:
        self.fake.notify()


@asynccontextmanager
async def run_client(
    fake: FakeDiscord,
    main: Coroutine[Any, Any, Any],
    *,
    ready: Callable[[], Awaitable[Any]],
    close: Callable[[], Awaitable[Any]],
    within: float = 10.0,
) -> AsyncIterator[ErrorLog]:
    """Start `main` (the client's start-up coroutine) and wait for IDENTIFY and `ready()`."""
    errors = ErrorLog(fake)
    errors.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root = logging.getLogger()
    wake = Wake(fake)
    root.addHandler(errors)
    root.addHandler(wake)
    task = asyncio.create_task(main, name="client under test")

    def finished(t: asyncio.Task[Any]) -> None:
        if not t.cancelled():
            fake.fail(t.exception() or FakeDiscordError("the client stopped by itself"))

    task.add_done_callback(finished)
    try:
        await fake.wait_identified(within=within)
        readiness = asyncio.ensure_future(ready())
        await asyncio.wait({readiness, task}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
        if not readiness.done():
            readiness.cancel()
            await fake.wait_for(lambda: False, "on_ready", 0)  # raises the client's failure
        yield errors
    finally:
        task.remove_done_callback(finished)
        try:
            await asyncio.wait_for(close(), within)
            if not task.done():
                await asyncio.wait_for(task, within)
        finally:
            root.removeHandler(errors)
            root.removeHandler(wake)
    if task.exception() is not None:
        raise FakeDiscordError("the client crashed") from task.exception()
    if errors.records:
        raise FakeDiscordError(
            "the client logged errors:\n" + "\n".join(map(errors.format, errors.records))
        )
