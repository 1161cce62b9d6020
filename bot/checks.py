"""Run-time permission checks, paired with the default permissions that hide commands."""

from __future__ import annotations

import discord
from discord import app_commands

from index.errors import NotAModerator


class ModeratorRequired(NotAModerator, app_commands.CheckFailure):
    """NotAModerator as discord.py's tree sees it, so the one error handler answers it."""


def is_moderator(interaction: discord.Interaction) -> bool:
    """Whether the member may change the library (Manage Messages in this channel, or admin)."""
    permissions = getattr(interaction, "permissions", None)
    if interaction.guild is None or permissions is None:
        return False
    return permissions.manage_messages or permissions.administrator


def require_moderator(interaction: discord.Interaction) -> None:
    """Refuse a member without the moderator permission, whatever the command's visibility."""
    if not is_moderator(interaction):
        raise ModeratorRequired
