"""Interaction callbacks and the interaction webhook, with Discord's rules about them.

One initial response per interaction, within the deadline (3 s); follow-ups and edits only
after it; every message checked against Discord's limits. Rejected requests are answered the
way Discord answers them (so discord.py raises), and recorded for the tests to fail on.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.fakediscord import limits, uploads
from tests.fakediscord.models import EPHEMERAL, LOADING, now_iso
from tests.fakediscord.records import (
    AUTOCOMPLETE_RESULT,
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    MESSAGE,
    MODAL,
    UPDATE,
    Interaction,
    Message,
    Upload,
)

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

UNKNOWN_INTERACTION = (404, {"message": "Unknown interaction", "code": 10062})
ALREADY_ACKNOWLEDGED = (
    400,
    {"message": "Interaction has already been acknowledged.", "code": 40060},
)
UNKNOWN_WEBHOOK = (404, {"message": "Unknown Webhook", "code": 10015})
UNKNOWN_MESSAGE = (404, {"message": "Unknown Message", "code": 10008})
EMPTY_MESSAGE = (400, {"message": "Cannot send an empty message", "code": 50006})
BAD_JSON = (400, {"message": "The request body contains invalid JSON.", "code": 50109})
EDITABLE = ("content", "embeds", "components", "allowed_mentions", "attachments", "flags")

# Which callback types each interaction type accepts (2 command, 3 component, 4 autocomplete,
# 5 modal submit).
ALLOWED_CALLBACKS = {
    2: {MESSAGE, DEFERRED_MESSAGE, MODAL},
    3: {MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE, MODAL},
    4: {AUTOCOMPLETE_RESULT},
    5: {MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE},
}

Answer = tuple[int, Any]


def json_response(status: int, body: Any) -> web.Response:
    """Exactly `application/json`: with a charset, discord.py would read the body as text."""
    if body is None:
        return web.Response(status=204)
    return web.Response(
        status=status, body=json.dumps(body).encode(), content_type="application/json"
    )


async def read_body(request: web.Request) -> tuple[dict[str, Any] | None, list[Upload]]:
    """A JSON body, or multipart with `payload_json` and `files[n]` parts."""
    if request.content_type.startswith("multipart/"):
        payload, files = None, []
        async for part in await request.multipart():
            if part.name == "payload_json":  # type: ignore[union-attr]
                payload = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                kind = part.headers.get("Content-Type", "application/octet-stream")
                data = bytes(await part.read())  # type: ignore[union-attr]
                files.append(Upload(part.filename or "", kind, data, part.name or ""))  # type: ignore[union-attr]
        return payload, files
    raw = await request.read()
    if not raw:
        return None, []
    if request.content_type != "application/json":
        raise ValueError(f"body sent as {request.content_type!r}")
    return json.loads(raw), []


class Responder:
    """Applies callbacks and webhook requests to the fake's interactions and messages."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    # -- messages -----------------------------------------------------------------------

    def _attachments(self, payload: dict[str, Any], files: list[Upload]) -> list[dict[str, Any]]:
        kept = [a for a in payload.get("attachments") or [] if "url" in a]
        for upload in files:
            hosted = self.fake.host_file(upload) | uploads.described(payload, upload)
            kept.append(hosted | {"ephemeral": False})
        return kept

    def new_message(
        self, rec: Interaction, payload: dict[str, Any], files: list[Upload], flags: int
    ) -> Message:
        fake = self.fake
        data = {
            "id": str(fake.ids.next()),
            "type": 20 if rec.type == 2 else 0,
            "channel_id": str(rec.channel.id),
            "author": fake.bot_user.to_json(),
            "content": payload.get("content") or "",
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "flags": flags,
            "components": [],
            "webhook_id": str(fake.application_id),
            "application_id": str(fake.application_id),
            "interaction_metadata": {
                "id": str(rec.id),
                "type": rec.type,
                "user": rec.member.user.to_json(),
                "authorizing_integration_owners": {"0": str(rec.guild.id)},
            },
        }
        message = Message(data, owner_id=rec.member.id)
        self.apply_edit(message, payload, files, first=True)
        fake.messages[message.id] = message
        return message

    def apply_edit(
        self, message: Message, payload: dict[str, Any], files: list[Upload], *, first: bool = False
    ) -> None:
        data = message.data
        for key in EDITABLE:
            if key not in payload or (key == "flags" and first):
                continue
            value = payload[key]
            if key == "flags":  # only SUPPRESS_EMBEDS and IS_COMPONENTS_V2 change on an edit
                editable = limits.EDITABLE_FLAGS
                data["flags"] = (data["flags"] & ~editable) | ((value or 0) & editable)
                continue
            if key == "allowed_mentions":
                message.allowed_mentions = value
            elif key == "attachments":
                data["attachments"] = self._attachments(payload, files)
            elif key == "embeds":
                data["embeds"] = [{"type": "rich", **e} for e in value or []]
            elif key == "components":
                data["components"] = value or []
            else:
                data[key] = value or ""
        if files and "attachments" not in payload:
            data["attachments"] = data["attachments"] + self._attachments({}, files)
        message.uploads += files
        if not first:
            data["flags"] = data["flags"] & ~LOADING
            data["edited_timestamp"] = now_iso()
        data["mention_everyone"] = bool({"@everyone", "@here"} & message.pings)

    # -- checks -------------------------------------------------------------------------

    @staticmethod
    def check(payload: dict[str, Any], files: list[Upload], *, creating: bool) -> Answer | None:
        refused = uploads.check(payload, files)
        if refused:
            return refused
        problems = limits.check_message(payload)
        if problems:
            return 400, limits.form_error(problems)
        if creating and limits.is_empty(payload, len(files)):
            return EMPTY_MESSAGE
        return None

    # -- the callback -------------------------------------------------------------------

    def callback(
        self,
        rec: Interaction | None,
        token: str,
        payload: dict[str, Any] | None,
        files: list[Upload],
    ) -> Answer:
        fake = self.fake
        if rec is None or rec.token != token or payload is None:
            return UNKNOWN_INTERACTION
        if rec.acknowledged:
            return ALREADY_ACKNOWLEDGED
        if fake.loop_time() - rec.created > fake.response_deadline:
            return UNKNOWN_INTERACTION  # Discord forgets an interaction not answered in 3 s
        kind = payload.get("type")
        if kind not in ALLOWED_CALLBACKS[rec.type]:
            problem = (("type",), "INTERACTION_CALLBACK_TYPE_INVALID", f"Type {kind} not allowed.")
            return 400, limits.form_error([problem])
        if kind in (DEFERRED_UPDATE, UPDATE) and rec.source is None:
            # A modal opened by a slash command has no message to update.
            problem = (("type",), "INTERACTION_CALLBACK_TYPE_INVALID", "No message to update.")
            return 400, limits.form_error([problem])
        data = payload.get("data") or {}
        refusal = self._check_callback(kind, data, files)
        if refusal:
            return refusal
        message = None
        if kind == MESSAGE:
            rec.original = message = self.new_message(rec, data, files, data.get("flags") or 0)
        elif kind == DEFERRED_MESSAGE:
            flags = LOADING | (data.get("flags", 0) & EPHEMERAL)
            rec.original = message = self.new_message(rec, {}, [], flags)
        elif kind in (DEFERRED_UPDATE, UPDATE):
            rec.original = message = rec.source
            if kind == UPDATE and message is not None:
                self.apply_edit(message, data, files)
        elif kind == AUTOCOMPLETE_RESULT:
            rec.choices = data.get("choices") or []
        elif kind == MODAL:
            rec.modal = data
        rec.callback_type = kind
        rec.mark_answered(fake.loop_time())
        resource: dict[str, Any] = {"type": kind}
        if message is not None:
            resource["message"] = message.data
        interaction = {
            "id": str(rec.id),
            "type": rec.type,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": kind == DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        return 200, {"interaction": interaction, "resource": resource}

    def _check_callback(
        self, kind: int, data: dict[str, Any], files: list[Upload]
    ) -> Answer | None:
        if kind == MESSAGE:
            return self.check(data, files, creating=True)
        if kind == UPDATE:
            return self.check(data, files, creating=False)
        if kind == AUTOCOMPLETE_RESULT:
            problems = limits.check_choices(data)
        elif kind == MODAL:
            problems = limits.check_modal(data)
        else:
            problems = limits.check_allowed_mentions(data.get("allowed_mentions"))
        return (400, limits.form_error(problems)) if problems else None

    # -- the webhook --------------------------------------------------------------------

    def find_message(self, rec: Interaction, message_id: str) -> Message | None:
        if message_id == "@original":
            return rec.original
        message = self.fake.messages.get(int(message_id)) if message_id.isdigit() else None
        return message if message in rec.messages else None

    def edit(
        self, rec: Interaction, message_id: str, payload: dict[str, Any] | None, files: list[Upload]
    ) -> Answer:
        message = self.find_message(rec, message_id)
        if message is None or payload is None:
            return UNKNOWN_MESSAGE
        current = message.data["flags"]
        flags = payload.get("flags")
        if flags is not None and current & limits.COMPONENTS_V2 and not flags & limits.COMPONENTS_V2:
            # resources/message#edit-message: "the IS_COMPONENTS_V2 flag can only be set".
            problem = (("flags",), "MESSAGE_FLAGS_INVALID", "IS_COMPONENTS_V2 cannot be removed.")
            return 400, limits.form_error([problem])
        # An edit of a V2 message is checked as V2 whatever flags it repeats.
        checked = payload | {"flags": (flags or 0) | (current & limits.COMPONENTS_V2)}
        refusal = self.check(checked, files, creating=False)
        if refusal:
            return refusal
        merged = message.data | {k: v for k, v in payload.items() if k in EDITABLE}
        if limits.is_empty(merged, len(files) + len(merged.get("attachments") or [])):
            return EMPTY_MESSAGE
        was_loading = message.loading
        self.apply_edit(message, payload, files)
        if message is rec.original:
            rec.edited = True
            if was_loading:
                rec.mark_answered(self.fake.loop_time())
        return 200, message.data

    def followup(
        self, rec: Interaction, payload: dict[str, Any] | None, files: list[Upload], wait: bool
    ) -> Answer:
        if not rec.acknowledged or rec.callback_type in (AUTOCOMPLETE_RESULT, MODAL):
            return UNKNOWN_WEBHOOK
        payload = payload or {}
        refusal = self.check(payload, files, creating=True)
        if refusal:
            return refusal
        original = rec.original
        if (
            rec.callback_type == DEFERRED_MESSAGE
            and original is not None
            and original.loading
            and not original.data.get("deleted")  # deleted: follow-ups are new messages
        ):
            # The first follow-up after "thinking…" replaces it, keeping the deferral's
            # visibility whatever the follow-up's own ephemeral flag says.
            self.apply_edit(original, payload, files)
            rec.edited = True
            message = original
        else:
            message = self.new_message(rec, payload, files, payload.get("flags") or 0)
            rec.followups.append(message)
        rec.mark_answered(self.fake.loop_time())
        return (200, message.data) if wait else (204, None)

    def delete(self, rec: Interaction, message_id: str) -> Answer:
        message = self.find_message(rec, message_id)
        if message is None:
            return UNKNOWN_MESSAGE
        self.fake.messages.pop(message.id, None)
        message.data["deleted"] = True
        return 204, None
