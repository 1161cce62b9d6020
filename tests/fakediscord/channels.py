"""Channel messages in the fake: users post (MESSAGE_CREATE), the bot posts and replies
(Create Message), and users run message context-menu commands.

Discord references:
- Create Message, POST /channels/{channel.id}/messages, with `message_reference` for a reply:
  https://discord.com/developers/docs/resources/message#create-message
- MESSAGE_CREATE reaches a bot only with the GUILD_MESSAGES intent (1 << 9); its content,
  embeds and attachments are empty without the privileged MESSAGE_CONTENT intent (1 << 15):
  https://discord.com/developers/docs/events/gateway-events#message-create and
  https://discord.com/developers/docs/events/gateway#message-content-intent
- Message commands (type 3) are invoked as APPLICATION_COMMAND interactions whose data holds
  `target_id` and the message in `resolved.messages`:
  https://discord.com/developers/docs/interactions/application-commands#message-commands
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.fakediscord.models import Channel, Guild, Member, now_iso
from tests.fakediscord.records import Interaction, Message, Upload

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

GUILD_MESSAGES = 1 << 9
MESSAGE_CONTENT = 1 << 15
MESSAGE_COMMAND = 3
UNKNOWN_CHANNEL = (404, {"message": "Unknown Channel", "code": 10003})


def _error(message: str) -> AssertionError:
    from tests.fakediscord.server import FakeDiscordError

    return FakeDiscordError(message)


class ChannelMessages:
    """Mixed into FakeDiscord: channel posts by users and by the bot."""

    def _channel(self: FakeDiscord, channel_id: int) -> Channel | None:
        return next(
            (c for g in self.guilds.values() for c in g.channels if c.id == channel_id), None
        )

    def channel_posts(self: FakeDiscord, channel: Channel) -> list[Message]:
        """Every message the bot created in `channel` (not interaction replies), in order."""
        return [
            m
            for m in self.messages.values()
            if m.data["channel_id"] == str(channel.id) and m.data.get("posted_by_bot")
        ]

    def create_message(
        self: FakeDiscord, channel_id: str, payload: Any, files: list[Upload]
    ) -> tuple[int, Any]:
        """The bot's Create Message: checked against Discord's limits like every message."""
        channel = self._channel(int(channel_id)) if channel_id.isdigit() else None
        if channel is None:
            return UNKNOWN_CHANNEL
        refused = self.responder.check(payload or {}, files, creating=True)
        if refused:
            return refused
        data: dict[str, Any] = {
            "id": str(self.ids.next()),
            "type": 0,
            "channel_id": channel_id,
            "guild_id": str(channel.guild_id),
            "author": self.bot_user.to_json(),
            "content": "",
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "components": [],
        }
        reference = payload.get("message_reference")
        if reference:
            target = self.messages.get(int(reference["message_id"]))
            if target is None:
                return 400, {"message": "Invalid Form Body", "code": 50035}
            data["type"] = 19  # REPLY
            data["message_reference"] = reference
            data["referenced_message"] = target.data
        message = Message(data, owner_id=self.bot_user.id)
        self.responder.apply_edit(message, payload, files, first=True)
        data["posted_by_bot"] = True  # the fake's own mark, stripped from what it answers
        self.messages[message.id] = message
        return 200, {k: v for k, v in data.items() if k != "posted_by_bot"}

    async def post_message(
        self: FakeDiscord, guild: Guild, member: Member, content: str, *,
        channel: Channel | None = None,
    ) -> Message:  # fmt: skip
        """A member posts `content`; the bot hears it as its intents allow."""
        channel = channel or guild.channel
        data: dict[str, Any] = {
            "id": str(self.ids.next()),
            "type": 0,
            "channel_id": str(channel.id),
            "guild_id": str(guild.id),
            "author": member.user.to_json(),
            "member": {k: v for k, v in member.to_json().items() if k != "user"},
            "content": content,
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "components": [],
        }
        message = Message(data, owner_id=member.id)
        self.messages[message.id] = message
        for connection in self.connections:
            session = connection.session
            if session is None or connection.ws.closed or not connection.owns(guild.id):
                continue
            if not session.intents & GUILD_MESSAGES:
                continue
            seen = dict(data)
            if not session.intents & MESSAGE_CONTENT:
                seen |= {"content": "", "embeds": [], "attachments": []}
            await connection.dispatch("MESSAGE_CREATE", seen)
        return message

    async def context_menu(
        self: FakeDiscord, guild: Guild, member: Member, name: str, message: Message, *,
        within: float = 5.0,
    ) -> Interaction:  # fmt: skip
        """Right-click `message` → Apps → `name`; return once the bot has answered."""
        scopes = ((self.guild_commands.get(guild.id, []), True), (self.global_commands, False))
        found = [
            (c, in_guild)
            for commands, in_guild in scopes
            for c in commands
            if c["type"] == MESSAGE_COMMAND and c["name"] == name
        ]
        if not found:
            raise _error(f"no message command {name!r} is registered for {guild.name}")
        command, in_guild = found[0]
        self._check_permission(command, member, name)
        data: dict[str, Any] = {
            "id": command["id"],
            "name": name,
            "type": MESSAGE_COMMAND,
            "target_id": str(message.id),
            "resolved": {"messages": {str(message.id): message.data}},
        }
        if in_guild:
            data["guild_id"] = str(guild.id)
        channel = self._channel(int(message.data["channel_id"]))
        return await self.interact(2, guild, member, data, channel=channel, within=within)
