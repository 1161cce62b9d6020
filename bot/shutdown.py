"""A graceful stop: take no new interactions, let those in flight finish, then close.

discord.py runs each interaction in its own task; the gates below (the command tree's
interaction_check, the modal's and the pager's) record that task, so a stop can wait for it.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot.expiry import drop_if_expired

RESTARTING = "articlebot is restarting: try again in a minute."


class ShuttingDown(app_commands.CheckFailure):
    """A command arrived after the stop began; the one error handler answers it."""

    def __init__(self) -> None:
        super().__init__(RESTARTING)
        self.message = RESTARTING


class InFlight:
    """The interactions being handled now, and whether new ones are still taken."""

    def __init__(self) -> None:
        self.closing = False
        self._tasks: set[asyncio.Task[object]] = set()

    def admit(self, interaction: discord.Interaction) -> bool:
        """Record the current interaction's task; refuse it once closing (autocomplete aside)."""
        if self.closing and interaction.type is not discord.InteractionType.autocomplete:
            return False
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return True

    async def drain(self, grace: float, hurry: asyncio.Event | None = None) -> int:
        """Stop taking interactions and wait up to `grace` s for those in flight to finish.

        Returns how many were still running. `hurry` (a second signal) ends the wait early.
        """
        self.closing = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        current = asyncio.current_task()
        hurried = asyncio.ensure_future(hurry.wait()) if hurry else None
        try:
            while pending := {t for t in self._tasks if t is not current and not t.done()}:
                left = deadline - loop.time()
                if left <= 0 or (hurried and hurried.done()):
                    return len(pending)
                waiting = pending | ({hurried} if hurried else set())
                await asyncio.wait(waiting, timeout=left, return_when=asyncio.FIRST_COMPLETED)
            return 0
        finally:
            if hurried:
                hurried.cancel()


class ArticleTree(app_commands.CommandTree):
    """The command tree, gated so that a stopping bot starts no new command, and that an
    interaction past Discord's response window is dropped before any work or request."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if drop_if_expired(interaction):
            return False  # discord.py then ends it quietly: no error handler, no request
        if admit(interaction):
            return True
        raise ShuttingDown


def admit(interaction: discord.Interaction) -> bool:
    """Whether to handle this interaction (always, for a client without a stop gate)."""
    gate: InFlight | None = getattr(interaction.client, "in_flight", None)
    return gate is None or gate.admit(interaction)


async def admit_or_refuse(interaction: discord.Interaction) -> bool:
    """For modals and buttons, which have no error handler: refuse out loud when stopping,
    and drop in silence what Discord has already forgotten."""
    if drop_if_expired(interaction):
        return False
    if admit(interaction):
        return True
    await interaction.response.send_message(RESTARTING, ephemeral=True)
    return False
