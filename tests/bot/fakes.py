"""Light fakes of a Discord interaction: just what the command callbacks touch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord


@dataclass
class FakeResponse:
    sent: list[dict[str, Any]] = field(default_factory=list)
    deferred: bool = False
    modal: discord.ui.Modal | None = None

    def is_done(self) -> bool:
        return self.deferred or bool(self.sent) or self.modal is not None

    async def defer(self, *, thinking: bool = False, ephemeral: bool = False) -> None:
        assert not self.is_done(), "responded twice"
        self.deferred = True

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        assert not self.is_done(), "responded twice"
        self.sent.append({"content": content, **kwargs})

    async def send_modal(self, modal: discord.ui.Modal) -> None:
        assert not self.is_done(), "responded twice"
        self.modal = modal


@dataclass
class FakeFollowup:
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, content: str | None = None, **kwargs: Any) -> None:
        self.sent.append({"content": content, **kwargs})


@dataclass
class FakeUser:
    id: int


@dataclass
class FakeGuild:
    id: int


class FakeInteraction:
    """An interaction from one member of one guild, with or without Manage Messages."""

    def __init__(self, client: Any, guild_id: int, *, moderator: bool, user_id: int = 5) -> None:
        self.client = client
        self.guild_id = guild_id
        self.guild = FakeGuild(guild_id)
        self.user = FakeUser(user_id)
        self.permissions = discord.Permissions(manage_messages=moderator)
        self.response = FakeResponse()
        self.followup = FakeFollowup()
        self.edits: list[dict[str, Any]] = []
        self.command = None

    async def edit_original_response(self, **kwargs: Any) -> None:
        self.edits.append(kwargs)

    async def original_response(self) -> None:
        return None

    def replies(self) -> list[dict[str, Any]]:
        return self.response.sent + self.edits + self.followup.sent
