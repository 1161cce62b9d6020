"""The one error handler: domain errors become short ephemeral replies, the rest is logged."""

from __future__ import annotations

import contextlib
import logging

import discord
from discord import app_commands

from bot.expiry import drop_if_expired, drop_if_unknown
from bot.shutdown import ShuttingDown
from index.errors import ArticlebotError, NotAModerator

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong on my side; it has been logged. Please try again later."


def message_for(error: BaseException) -> str | None:
    """The user-facing message for an expected error, or None when it is unexpected."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, ArticlebotError | ShuttingDown):
        return error.message
    if isinstance(error, app_commands.MissingPermissions | app_commands.NoPrivateMessage):
        return (
            NotAModerator().message
            if isinstance(error, app_commands.MissingPermissions)
            else ("This command works only in a server.")
        )
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    return None


async def report(interaction: discord.Interaction, error: BaseException) -> None:
    """Reply to the user with what went wrong; log the unexpected with its traceback.

    An interaction Discord has forgotten gets no reply (Discord would refuse it too): it is
    dropped with one counted warning.
    """
    if drop_if_unknown(interaction, error):
        return
    if not interaction.response.is_done() and drop_if_expired(interaction):
        return
    message = message_for(error)
    if message is None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("Unexpected error in /%s", command, exc_info=error)
        message = UNEXPECTED
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(message, ephemeral=True)
            return
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # The first follow-up after "thinking…" would replace it and keep its visibility,
            # ephemeral or not: delete it first so that the error reaches only the user.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await interaction.followup.send(message, ephemeral=True)
    except discord.HTTPException as failed:
        if not drop_if_unknown(interaction, failed):
            log.warning("Could not tell the user about an error", exc_info=True)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    await report(interaction, error)
