"""Interactions Discord has already forgotten: dropped with one counted warning, never answered.

Discord takes the first response to an interaction within 3 s of creating it; after that every
request about it is refused with 404 Unknown interaction (10062), and an address that sends
10,000 refused requests in 10 minutes is banned. So under a burst the bot neither starts work it
cannot deliver nor reports an error Discord would refuse too: an interaction older than the
window (by its snowflake), or whose first response came back 10062, is counted and dropped.

The age is read against this machine's clock, which may differ from Discord's: it is measured
from the youngest age seen lately (a floor that rises by `FLOOR_RISE` s a second), so a clock
that is a few seconds off, or that jumps, costs at most a moment of wrong drops, not a dead bot.
"""

from __future__ import annotations

import logging
import time

import discord
from discord import app_commands

log = logging.getLogger(__name__)

RESPONSE_WINDOW = 3.0  # s: Discord's deadline for an interaction's first response
UNKNOWN_INTERACTION = 10062
FLOOR_RISE = 0.1  # s per s: how fast a clock jump is forgiven


class ExpiredInteractions:
    """How many interactions were dropped as expired, and the clock floor their ages use."""

    def __init__(self) -> None:
        self.count = 0
        self._floor: float | None = None  # youngest raw age seen, risen since
        self._seen_at = 0.0

    def age(self, interaction: discord.Interaction) -> float:
        """Seconds since Discord created the interaction, corrected by the clock floor."""
        raw = (discord.utils.utcnow() - interaction.created_at).total_seconds()
        now = time.monotonic()
        risen = None if self._floor is None else self._floor + FLOOR_RISE * (now - self._seen_at)
        self._floor = raw if risen is None else min(raw, risen)
        self._seen_at = now
        return raw - self._floor

    def drop(self, interaction: discord.Interaction, why: str) -> None:
        """Count it and say so in one line (no traceback): nothing more is sent for it."""
        self.count += 1
        command = interaction.command.qualified_name if interaction.command else interaction.type.name
        log.warning(
            "Dropped an expired interaction (%s, /%s, guild %s): %s; %d dropped so far",
            interaction.id, command, interaction.guild_id, why, self.count,
        )  # fmt: skip


_fallback = ExpiredInteractions()  # for a client that keeps none (tests' minimal clients)


def expired_interactions(interaction: discord.Interaction) -> ExpiredInteractions:
    """The client's counter (ArticleBot keeps one)."""
    found = getattr(interaction.client, "expired", None)
    return found if isinstance(found, ExpiredInteractions) else _fallback


def is_unknown_interaction(error: BaseException) -> bool:
    """Whether Discord refused a response because it no longer knows the interaction."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    return isinstance(error, discord.NotFound) and error.code == UNKNOWN_INTERACTION


def drop_if_expired(interaction: discord.Interaction) -> bool:
    """At the gate: drop an interaction already past its window, before any work or request."""
    counter = expired_interactions(interaction)
    age = counter.age(interaction)
    if age <= RESPONSE_WINDOW:
        return False
    counter.drop(interaction, f"{age:.1f} s old on arrival")
    return True


def drop_if_unknown(interaction: discord.Interaction, error: BaseException) -> bool:
    """After a refused first response: drop it when Discord said Unknown interaction."""
    if not is_unknown_interaction(error):
        return False
    expired_interactions(interaction).drop(interaction, "Discord answered 10062 Unknown interaction")
    return True
