"""The fake Discord's world: users, guilds, roles, members, and the JSON Discord sends for them."""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions); only those we use.
ADMINISTRATOR = 1 << 3
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
ALL_PERMISSIONS = (1 << 53) - 1
EVERYONE_DEFAULT = (
    ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
    | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
)  # fmt: skip

# Message flags.
EPHEMERAL = 1 << 6
LOADING = 1 << 7


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


class Snowflakes:
    """Discord-shaped ids: milliseconds since the Discord epoch, then a counter."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def next(self, age: float = 0.0) -> int:
        """A new id, made `age` seconds ago (as a backlog's interaction would be)."""
        ms = int((time.time() - age) * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


def permission_value(permissions: Any) -> int:
    """Accept an int or anything with `.value` (such as discord.Permissions)."""
    return int(getattr(permissions, "value", permissions))


@dataclass(frozen=True)
class User:
    id: int
    name: str
    bot: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": None if self.bot else self.name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(frozen=True)
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass(frozen=True)
class Channel:
    id: int
    name: str
    guild_id: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "type": 0,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
        }


@dataclass
class Member:
    user: User
    guild: Guild
    role_ids: tuple[int, ...] = ()
    joined_at: str = field(default_factory=now_iso)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def permissions(self) -> int:
        """Guild-level permissions: @everyone's, the roles', all of them for owner or admin."""
        if self.user.id == self.guild.owner_id:
            return ALL_PERMISSIONS
        value = self.guild.everyone.permissions
        for role_id in self.role_ids:
            value |= self.guild.roles[role_id].permissions
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def has(self, permissions: int) -> bool:
        return self.permissions & permissions == permissions

    def to_json(self, *, with_permissions: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "user": self.user.to_json(),
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "nick": None,
            "avatar": None,
            "banner": None,
            "premium_since": None,
            "communication_disabled_until": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
        }
        if with_permissions:
            # No channel overwrites in this world: channel permissions are the guild's.
            data["permissions"] = str(self.permissions)
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    ids: Snowflakes = field(repr=False)
    roles: dict[int, Role] = field(default_factory=dict)
    channels: list[Channel] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The @everyone role shares the guild's id, as on Discord.
        self.roles[self.id] = Role(self.id, "@everyone", EVERYONE_DEFAULT)
        self.channels.append(Channel(self.ids.next(), "general", self.id))

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    @property
    def channel(self) -> Channel:
        return self.channels[0]

    def add_role(self, name: str, permissions: Any) -> Role:
        role = Role(self.ids.next(), name, permission_value(permissions), len(self.roles))
        self.roles[role.id] = role
        return role

    def add_member(self, name: str, permissions: Any = 0, *, bot: bool = False) -> Member:
        """A member with one extra role carrying `permissions` (none when 0)."""
        return self.add_user(User(self.ids.next(), name, bot=bot), permissions)

    def add_user(self, user: User, permissions: Any = 0) -> Member:
        value = permission_value(permissions)
        roles = (self.add_role(f"{user.name}'s role", value).id,) if value else ()
        member = Member(user, self, roles)
        self.members[user.id] = member
        return member

    def to_json(self, bot_user: User) -> dict[str, Any]:
        """The GUILD_CREATE payload: no member list beyond the bot (no members intent)."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "owner_id": str(self.owner_id),
            "unavailable": False,
            "large": False,
            "member_count": len(self.members),
            "joined_at": now_iso(),
            "roles": [r.to_json() for r in self.roles.values()],
            "channels": [c.to_json() for c in self.channels],
            "members": [self.members[bot_user.id].to_json(with_permissions=False)],
            "threads": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "preferred_locale": "en-US",
            "premium_tier": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "afk_timeout": 300,
        }


_EVERYONE = re.compile(r"@(everyone|here)\b")
_USER = re.compile(r"<@!?(\d+)>")
_ROLE = re.compile(r"<@&(\d+)>")


def pings(content: str, allowed: dict[str, Any] | None) -> frozenset[str]:
    """Who a message would notify: '@everyone', '@here', 'user:ID', 'role:ID'.

    Only the content pings (embeds never do); allowed_mentions narrows it, and when it is
    absent Discord parses every kind of mention.
    """
    if allowed is None:
        parse, users, roles = {"everyone", "users", "roles"}, set(), set()
    else:
        parse = set(allowed.get("parse", []))
        users = {str(u) for u in allowed.get("users", [])}
        roles = {str(r) for r in allowed.get("roles", [])}
    found: set[str] = set()
    if "everyone" in parse:
        found.update(f"@{m}" for m in _EVERYONE.findall(content))
    found.update(f"user:{u}" for u in _USER.findall(content) if "users" in parse or u in users)
    found.update(f"role:{r}" for r in _ROLE.findall(content) if "roles" in parse or r in roles)
    return frozenset(found)
