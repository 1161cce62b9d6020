"""What the fake records: messages as Discord holds them, requests as the bot sent them, and
each injected interaction with everything the bot answered to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.fakediscord.models import EPHEMERAL, LOADING, Channel, Guild, Member, pings

# Interaction callback types (https://discord.com/developers/docs/interactions/receiving-and-responding).
MESSAGE = 4
DEFERRED_MESSAGE = 5
DEFERRED_UPDATE = 6
UPDATE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart request (or offered as an attachment by a user)."""

    filename: str
    content_type: str
    data: bytes
    field: str = ""  # the multipart part's name, `files[n]` (tests/fakediscord/uploads.py)


@dataclass(frozen=True)
class Capture:
    """One request the bot made, with what the fake answered."""

    method: str
    path: str
    kind: str  # callback, edit, followup, get, delete, sync, login, other
    interaction_id: int | None
    payload: dict[str, Any] | None
    files: tuple[Upload, ...]
    status: int
    body: Any
    at: float

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Message:
    """A message as Discord stores it; edits update `data` in place."""

    data: dict[str, Any]
    owner_id: int  # who may see it when ephemeral, and whose interaction made it
    allowed_mentions: dict[str, Any] | None = None
    uploads: list[Upload] = field(default_factory=list)

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def embed(self) -> dict[str, Any]:
        assert len(self.embeds) == 1, f"expected one embed, got {len(self.embeds)}"
        return self.embeds[0]

    @property
    def flags(self) -> int:
        return self.data.get("flags") or 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & LOADING)

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.data.get("components") or []

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [c for row in self.components for c in row.get("components", []) if c["type"] == 2]

    def button(self, label_or_id: str) -> dict[str, Any]:
        for button in self.buttons:
            if label_or_id in (button.get("label"), button.get("custom_id")):
                return button
        raise LookupError(f"no button {label_or_id!r} in {[b.get('label') for b in self.buttons]}")

    @property
    def pings(self) -> frozenset[str]:
        """Who this message notified: Discord pings on content only, as allowed_mentions says."""
        return pings(self.content, self.allowed_mentions)

    @property
    def text(self) -> str:
        """Everything a reader sees: content, then each embed's title, description, fields."""
        parts = [self.content]
        for e in self.embeds:
            parts += [
                (e.get("author") or {}).get("name", ""),
                e.get("title", ""),
                e.get("description", ""),
            ]
            for f in e.get("fields") or []:
                parts += [f["name"], f["value"]]
            parts.append((e.get("footer") or {}).get("text", ""))
        return "\n".join(p for p in parts if p)


@dataclass
class Interaction:
    """An interaction the fake injected, and everything the bot did with it."""

    id: int
    token: str
    type: int
    guild: Guild
    member: Member
    channel: Channel
    payload: dict[str, Any]
    created: float
    source: Message | None = None  # the message whose component was used
    callback_type: int | None = None
    original: Message | None = None
    followups: list[Message] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)
    modal: dict[str, Any] | None = None
    choices: list[dict[str, Any]] | None = None
    edited: bool = False
    answered_at: float | None = None

    @property
    def acknowledged(self) -> bool:
        return self.callback_type is not None

    @property
    def answered(self) -> bool:
        """Acknowledged with something the user can see: "thinking…" alone is not an answer.
        A deferred update (type 6) is: the user sees no loading state and the message stays as
        it was (interactions/receiving-and-responding#interaction-response-object-interaction-
        callback-type), so a bot need not edit it at all."""
        if self.callback_type == DEFERRED_MESSAGE:
            return self.edited or bool(self.followups)
        return self.callback_type is not None

    @property
    def elapsed(self) -> float:
        assert self.answered_at is not None, "not answered"
        return self.answered_at - self.created

    @property
    def messages(self) -> list[Message]:
        return ([self.original] if self.original else []) + self.followups

    @property
    def reply(self) -> Message:
        """The message the user reads last: the newest follow-up, or the (edited) original."""
        assert self.messages, (
            f"interaction {self.id} has no message (callback {self.callback_type})"
        )
        return self.messages[-1]

    def mark_answered(self, at: float) -> None:
        if self.answered and self.answered_at is None:
            self.answered_at = at
