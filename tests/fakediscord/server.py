"""The fake Discord server: REST under /api/v10, the gateway at /gateway, files under /cdn.

    async with FakeDiscord() as fake:        # listens on 127.0.0.1, free port
        guild = fake.add_guild("Newsroom")    # before the client connects
        ... start a discord.py client with fake.token ...
        reply = await fake.command(guild, member, "ask", question="...")

While it runs, discord.py's Route.BASE and DiscordWebSocket.DEFAULT_GATEWAY point at it.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Callable
from typing import Any

import discord.gateway
import discord.http
import yarl
from aiohttp import web

from tests.fakediscord.actions import UserActions
from tests.fakediscord.channels import ChannelMessages
from tests.fakediscord.commands import Registry
from tests.fakediscord.gateway import HEARTBEAT_INTERVAL_MS, Connection, Session, gateway_handler
from tests.fakediscord.models import Guild, Snowflakes, User
from tests.fakediscord.records import Capture, Interaction, Message, Upload
from tests.fakediscord.responses import (
    BAD_JSON,
    UNKNOWN_WEBHOOK,
    Responder,
    json_response,
    read_body,
)

UNAUTHORIZED = (401, {"message": "401: Unauthorized", "code": 0})
NOT_FOUND = (404, {"message": "404: Not Found", "code": 0})


class FakeDiscordError(AssertionError):
    """The test asked for something Discord would not let a user do, or waited in vain."""


class FakeDiscord(UserActions, ChannelMessages):
    def __init__(
        self,
        *,
        zlib_stream: bool = True,
        response_deadline: float = 3.0,
        privileged_intents: int = 0,
    ) -> None:
        self.ids = Snowflakes()
        self.token = f"fake.{secrets.token_urlsafe(24)}"
        self.bot_user = User(self.ids.next(), "articlebot", bot=True)
        self.application_id = self.bot_user.id
        self.owner = User(self.ids.next(), "app-owner")
        self.zlib_stream = zlib_stream
        self.response_deadline = response_deadline
        self.privileged_intents = privileged_intents
        self.invalidate_resumes = False
        self.heartbeat_interval_ms = HEARTBEAT_INTERVAL_MS  # sent in HELLO
        self.ack_heartbeats = True  # False: heartbeats go unacknowledged (op 11 never sent)
        # interactions/receiving-and-responding#followup-messages: "Interaction tokens are valid
        # for 15 minutes"; after that the webhook answers Unknown Webhook.
        self.token_lifetime = 15 * 60.0
        self.registry = Registry(self)
        self.downloads: list[str] = []  # CDN paths the client fetched
        self.guilds: dict[int, Guild] = {}
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.syncs: list[tuple[int | None, list[dict[str, Any]]]] = []
        self.overrides: set[tuple[int, str, int]] = set()  # (guild, command, member) allowed
        self.interactions: dict[int, Interaction] = {}
        self.abandoned: list[Interaction] = []
        self.messages: dict[int, Message] = {}
        self.cdn: dict[str, Upload] = {}
        self.captures: list[Capture] = []
        self.connections: list[Connection] = []
        self.sessions: dict[str, Session] = {}
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.gateway_log: list[dict[str, Any]] = []
        self.frames = {"text": 0, "binary": 0, "split": 0}
        self.failure: BaseException | None = None
        self.url = ""
        self.responder = Responder(self)
        self._changed: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- lifecycle ----------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/cdn/attachments/{channel}/{id}/{filename}", self._cdn)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        app.router.add_route("*", "/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = f"{self.url}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        return self

    async def stop(self) -> None:
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
        for connection in list(self.connections):
            await connection.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def gateway_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/gateway"

    def loop_time(self) -> float:
        assert self._loop is not None
        return self._loop.time()

    # -- the world ----------------------------------------------------------------------

    def add_guild(self, name: str) -> Guild:
        """A guild with @everyone, a #general channel and the bot as a member."""
        guild = Guild(self.ids.next(), name, self.owner.id, self.ids)
        guild.add_user(self.owner)
        guild.add_user(self.bot_user)
        self.guilds[guild.id] = guild
        return guild

    def host_file(self, upload: Upload) -> dict[str, Any]:
        """Serve a file from the fake CDN; the attachment JSON that points at it."""
        attachment_id = self.ids.next()
        path = f"/cdn/attachments/0/{attachment_id}/{upload.filename}"
        self.cdn[path] = upload
        return {
            "id": str(attachment_id),
            "filename": upload.filename,
            "size": len(upload.data),
            "url": self.url + path,
            "proxy_url": self.url + path,
            "content_type": upload.content_type,
        }

    # -- waiting ------------------------------------------------------------------------

    def notify(self) -> None:
        """Wake every waiter: something was recorded."""
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    def fail(self, error: BaseException) -> None:
        """Make every wait raise: the client under test has crashed."""
        self.failure = self.failure or error
        self.notify()

    async def wait_for(self, predicate: Callable[[], Any], what: str, within: float = 5.0) -> None:
        """Wait until `predicate()` holds, woken by each recorded event (no polling)."""
        deadline = self.loop_time() + within
        while True:
            if self.failure is not None:
                raise FakeDiscordError(
                    f"the client failed while waiting for {what}"
                ) from self.failure
            if predicate():
                return
            remaining = deadline - self.loop_time()
            if remaining <= 0:
                raise FakeDiscordError(f"timed out after {within} s waiting for {what}")
            assert self._changed is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def wait_identified(self, count: int = 1, within: float = 10.0) -> dict[str, Any]:
        await self.wait_for(lambda: len(self.identifies) >= count, "IDENTIFY", within)
        return self.identifies[count - 1]

    # -- checks for the end of a test ---------------------------------------------------

    @property
    def rejections(self) -> list[Capture]:
        return [c for c in self.captures if not c.ok]

    def assert_clean(self) -> None:
        """No request refused, none unknown, every interaction answered (not merely deferred)."""
        assert not self.rejections, "Discord refused: " + "; ".join(
            f"{c.method} {c.path} → {c.status} {c.body}" for c in self.rejections
        )
        unanswered = [i for i in self.interactions.values() if not i.answered and i not in self.abandoned]
        assert not unanswered, "interactions left unanswered: " + ", ".join(
            f"{i.id} (type {i.type}, callback {i.callback_type})" for i in unanswered
        )

    def settle(self) -> None:
        """Forget one test's failures so the next test starts clean: the client's failure,
        refused requests, interactions never answered (kept in `abandoned`)."""
        self.failure = None
        self.forget_rejections()
        # Kept in `interactions` too: Discord does not forget them, a late answer still lands.
        self.abandoned += [i for i in self.interactions.values() if not i.answered and i not in self.abandoned]

    def forget_rejections(self) -> list[Capture]:
        """Hand the refused requests so far to a test that expected them."""
        refused = self.rejections
        self.captures = [c for c in self.captures if c.ok]
        return refused

    # -- HTTP ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        return await gateway_handler(self, request)

    async def _cdn(self, request: web.Request) -> web.Response:
        upload = self.cdn.get(request.path)
        self.downloads.append(request.path)  # what the bot fetched, refused sizes included
        if upload is None:
            return web.Response(status=404)
        return web.Response(body=upload.data, content_type=upload.content_type)

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        try:
            payload, files = await read_body(request)
        except ValueError:
            payload, files, (status, body) = None, [], BAD_JSON
            kind, interaction_id = "other", None
        else:
            kind, interaction_id, (status, body) = self._route(request, path, payload, files)
        capture = Capture(
            request.method, path, kind, interaction_id, payload, tuple(files), status, body,
            self.loop_time(),
        )  # fmt: skip
        self.captures.append(capture)
        rec = self.interactions.get(interaction_id) if interaction_id else None
        if rec is not None:
            rec.captures.append(capture)
        self.notify()
        return json_response(status, body)

    def _route(
        self, request: web.Request, path: str, payload: Any, files: list[Upload]
    ) -> tuple[str, int | None, tuple[int, Any]]:
        parts = path.strip("/").split("/")
        method = request.method
        match parts:
            case ["interactions", interaction_id, token, "callback"] if method == "POST":
                rec = (
                    self.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
                )
                return (
                    "callback",
                    rec and rec.id,
                    self.responder.callback(rec, token, payload, files),
                )
            case ["webhooks", app_id, token, *rest]:
                return self._webhook(method, app_id, token, rest, payload, files, request.query)
        if request.headers.get("Authorization") != f"Bot {self.token}":
            return "login", None, UNAUTHORIZED
        match parts:
            case ["users", "@me"] if method == "GET":
                return "login", None, (200, self.bot_user.to_json() | {"verified": True})
            case ["oauth2", "applications", "@me"] if method == "GET":
                return "login", None, (200, self._application())
            case ["gateway"] | ["gateway", "bot"] if method == "GET":
                limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
                return (
                    "login",
                    None,
                    (200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}),
                )
            case ["applications", app, "commands", *one] if app == str(self.application_id):
                command_id = one[0] if len(one) == 1 else None
                if len(one) > 1:
                    return "other", None, NOT_FOUND
                return "sync", None, self.registry.handle(method, None, command_id, payload)
            case ["applications", app, "guilds", guild_id, "commands", *one] if app == str(
                self.application_id
            ) and len(one) <= 1 and guild_id.isdigit():
                command_id = one[0] if one else None
                return "sync", None, self.registry.handle(method, int(guild_id), command_id, payload)
            case ["channels", channel_id, "messages"] if method == "POST":
                return "post", None, self.create_message(channel_id, payload, files)
        return "other", None, NOT_FOUND

    def _webhook(
        self, method: str, app_id: str, token: str, rest: list[str], payload: Any,
        files: list[Upload], query: Any,
    ) -> tuple[str, int | None, tuple[int, Any]]:  # fmt: skip
        rec = next((i for i in self.interactions.values() if i.token == token), None)
        if rec is None or app_id != str(self.application_id):
            return "other", None, UNKNOWN_WEBHOOK
        if self.loop_time() - rec.created > self.token_lifetime:
            return "expired", rec.id, UNKNOWN_WEBHOOK
        responder = self.responder
        match method, rest:
            case "POST", []:
                wait = query.get("wait") in ("1", "true", "True")
                return "followup", rec.id, responder.followup(rec, payload, files, wait)
            case "PATCH", ["messages", message_id]:
                return "edit", rec.id, responder.edit(rec, message_id, payload, files)
            case "GET", ["messages", message_id]:
                message = responder.find_message(rec, message_id)
                return "get", rec.id, (200, message.data) if message else UNKNOWN_WEBHOOK
            case "DELETE", ["messages", message_id]:
                return "delete", rec.id, responder.delete(rec, message_id)
        return "other", rec.id, NOT_FOUND

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.name,
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.owner.to_json(),
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
            "interactions_endpoint_url": None,
            "bot": self.bot_user.to_json(),
        }
