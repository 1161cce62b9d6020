"""The fake gateway: HELLO, heartbeats, IDENTIFY → READY → GUILD_CREATE, RESUME, dispatches.

Frames are plain JSON text, or one zlib stream per connection (Z_SYNC_FLUSH, binary frames)
when the client asks for `compress=zlib-stream` and the fake is set to compress.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

HEARTBEAT_INTERVAL_MS = 41_250
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content
SYNC_FLUSH_SUFFIX = b"\x00\x00\xff\xff"


@dataclass
class Session:
    """One gateway session; it outlives a connection so that it can be resumed."""

    id: str
    intents: int
    seq: int = 0
    shard: tuple[int, int] = (0, 1)
    history: list[dict[str, Any]] = field(default_factory=list)


class Connection:
    """One websocket: encodes frames, numbers dispatches, answers the client's opcodes."""

    def __init__(self, fake: FakeDiscord, ws: web.WebSocketResponse, zlib_stream: bool) -> None:
        self.fake = fake
        self.ws = ws
        self.compressor = zlib.compressobj() if zlib_stream else None
        self.session: Session | None = None
        self.heartbeats = 0
        self.shard = (0, 1)  # (shard id, shard count) from IDENTIFY

    def owns(self, guild_id: int) -> bool:
        """Whether Discord would send this guild's events on this connection's shard."""
        return (guild_id >> 22) % self.shard[1] == self.shard[0]

    async def send(self, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload, separators=(",", ":")).encode()
        if self.compressor is None:
            self.fake.frames["text"] += 1
            await self.ws.send_str(raw.decode())
            return
        frame = self.compressor.compress(raw) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
        # Split long frames in two, as Discord may: the client must buffer until the suffix.
        half = len(frame) // 2
        if len(frame) > 256 and not frame[:half].endswith(SYNC_FLUSH_SUFFIX):
            self.fake.frames["split"] += 1
            await self.ws.send_bytes(frame[:half])
            frame = frame[half:]
        self.fake.frames["binary"] += 1
        await self.ws.send_bytes(frame)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self.session is not None, "dispatch before IDENTIFY"
        self.session.seq += 1
        payload = {"op": 0, "t": event, "s": self.session.seq, "d": data}
        self.session.history.append(payload)
        await self.send(payload)

    async def request_heartbeat(self) -> None:
        """Ask for a heartbeat now (op 1), as Discord may: "your app should immediately send
        back another Heartbeat event" (events/gateway#sending-heartbeats)."""
        seq = self.session.seq if self.session else None
        await self.send({"op": 1, "d": seq})

    async def serve(self) -> None:
        interval = self.fake.heartbeat_interval_ms
        await self.send({"op": 10, "d": {"heartbeat_interval": interval}})
        async for message in self.ws:
            if message.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            self.fake.gateway_log.append(payload)
            await self.on_op(payload["op"], payload.get("d"))

    async def on_op(self, op: int, data: Any) -> None:
        # topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
        if self.session is None and op not in (1, 2, 6):
            await self.ws.close(code=4003, message=b"Not authenticated.")  # payload before IDENTIFY
            return
        if op == 1:
            self.heartbeats += 1
            if self.fake.ack_heartbeats:  # off: a zombied connection, as the client sees one
                await self.send({"op": 11})
            self.fake.notify()
        elif op == 2 and self.session is not None:
            await self.ws.close(code=4005, message=b"Already authenticated.")  # a second IDENTIFY
        elif op == 2:
            await self.identify(data)
        elif op == 6:
            await self.resume(data)
        elif op in (3, 4, 8):
            pass  # presence, voice and member requests are recorded in gateway_log only
        else:
            await self.ws.close(code=4001, message=b"Unknown opcode")

    async def identify(self, data: dict[str, Any]) -> None:
        fake = self.fake
        if data.get("token") != fake.token:
            await self.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents", 0))
        if intents & PRIVILEGED_INTENTS & ~fake.privileged_intents:
            await self.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard") or (0, 1)
        self.shard = (int(shard_id), int(shard_count))
        self.session = Session(f"session-{fake.ids.next()}", intents, shard=self.shard)
        fake.sessions[self.session.id] = self.session
        fake.identifies.append(data)
        guilds = [g for g in fake.guilds.values() if self.owns(g.id)]
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": fake.bot_user.to_json() | {"verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": self.session.id,
                "session_type": "normal",
                "resume_gateway_url": fake.gateway_url,
                "application": {"id": str(fake.application_id), "flags": 0},
                "shard": list(self.shard),
                "private_channels": [],
                "presences": [],
                "relationships": [],
                "user_settings": {},
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "auth_session_id_hash": "",
            },
        )
        for guild in guilds:
            await self.dispatch("GUILD_CREATE", guild.to_json(fake.bot_user))
        fake.notify()

    async def resume(self, data: dict[str, Any]) -> None:
        fake = self.fake
        fake.resumes.append(data)
        session = fake.sessions.get(data.get("session_id", ""))
        if fake.invalidate_resumes or session is None or data.get("token") != fake.token:
            await self.send({"op": 9, "d": False})
            fake.notify()
            return
        self.session = session
        self.shard = session.shard
        # Replay what the client missed, then confirm, as Discord does.
        for payload in [p for p in session.history if p["s"] > (data.get("seq") or 0)]:
            await self.send(payload)
        await self.dispatch("RESUMED", {})
        fake.notify()


async def gateway_handler(fake: FakeDiscord, request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(max_msg_size=0)
    await ws.prepare(request)
    query = request.query
    if query.get("v") != "10" or query.get("encoding") != "json":
        await ws.close(code=4012, message=b"Invalid API version or encoding.")
        return ws
    zlib_stream = fake.zlib_stream and query.get("compress") == "zlib-stream"
    connection = Connection(fake, ws, zlib_stream)
    fake.connections.append(connection)
    try:
        await connection.serve()
    except ConnectionResetError:
        pass
    finally:
        fake.connections.remove(connection)
        fake.notify()
    return ws
