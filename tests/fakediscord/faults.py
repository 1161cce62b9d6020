"""Fault hooks for the fake Discord: REST answers forced or delayed, gateway connections cut.

    fake = FaultyDiscord()
    fake.add_fault(Fault("PATCH", r"/webhooks/.*/messages/@original", *rate_limited(0.3)))
    fake.add_fault(Fault("POST", r"/webhooks/\\d+/[^/]+", *server_error(), times=5))
    fake.add_fault(Fault("POST", r"/interactions/.*/callback", delay=1.0))   # slow, then normal
    fake.add_fault(Fault("POST", r"/interactions/.*/callback", hold=event))  # until event.set()
    await fake.cut_gateway()                                             # no close frame

A forced answer never reaches the fake's own routing, so the request changes nothing there,
as when Discord itself refuses it. Every forced answer is recorded in `fake.faulted`.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakediscord.responses import json_response
from tests.fakediscord.server import FakeDiscord

HOLD_AT_MOST = 30.0  # a held request a test forgot to release fails rather than hangs

# discord.py believes a 429 only with a Via header (without it, it assumes a Cloudflare ban).
_DISCORD_HEADERS = {"Via": "1.1 google"}


@dataclass
class Fault:
    """Answer the next `times` requests matching method and path (after /api/v10)."""

    method: str
    path: str  # a regular expression, matched in full
    status: int | None = None  # None: only delay, then answer normally
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    delay: float = 0.0
    hold: asyncio.Event | None = None  # keep the request waiting until the test sets it

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and method == self.method and re.fullmatch(self.path, path) is not None


def rate_limited(retry_after: float) -> tuple[int, dict[str, Any], dict[str, str]]:
    """A 429 as Discord sends it: body and headers both say when to retry."""
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    headers = {
        "Retry-After": str(retry_after),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": str(retry_after),
        "X-RateLimit-Bucket": "fault-bucket",
        "X-RateLimit-Scope": "user",
    }
    return 429, body, headers


def server_error() -> tuple[int, dict[str, Any], dict[str, str]]:
    return 500, {"message": "500: Internal Server Error", "code": 0}, {}


@dataclass(frozen=True)
class Faulted:
    method: str
    path: str
    status: int | None
    at: float


class FaultyDiscord(FakeDiscord):
    """FakeDiscord whose REST answers and gateway connections a test can break on purpose."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.faults: list[Fault] = []
        self.faulted: list[Faulted] = []

    def add_fault(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        fault = next((f for f in self.faults if f.matches(request.method, path)), None)
        if fault is None:
            return await super()._rest(request)
        fault.times -= 1
        self.faulted.append(Faulted(request.method, path, fault.status, self.loop_time()))
        self.notify()
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.hold is not None:
            await asyncio.wait_for(fault.hold.wait(), HOLD_AT_MOST)
        if fault.status is None:
            return await super()._rest(request)
        await request.read()  # drain the body, as a server would before answering
        response = json_response(fault.status, fault.body)
        response.headers.update(_DISCORD_HEADERS | fault.headers)
        return response

    def live_connection(self) -> Any:
        live = [c for c in self.connections if c.session is not None and not c.ws.closed]
        assert live, "no identified gateway connection"
        return live[-1]

    async def cut_gateway(self) -> None:
        """Drop the live websocket without a close frame, as a network failure does."""
        connection = self.live_connection()
        transport = connection.ws._req.transport  # aiohttp keeps the request on the response
        assert transport is not None
        transport.abort()

    async def close_gateway(self, code: int = 4000) -> None:
        """Close the live websocket with a close code (4000: 'unknown error, reconnect')."""
        await self.live_connection().ws.close(code=code, message=b"fault injected")
