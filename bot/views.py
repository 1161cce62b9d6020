"""Interactive pieces: the pager that turns embed pages, the menu that opens a person from
/people, and the modal for pasted articles."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

import discord

from bot.shutdown import admit_or_refuse


class Pager(discord.ui.View):
    """Previous/Next buttons over embed pages; only the member who asked can turn them."""

    def __init__(self, pages: list[discord.Embed], owner_id: int, *, timeout: float = 300) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return await admit_or_refuse(interaction)
        await interaction.response.send_message(
            "Only the person who asked can turn these pages.", ephemeral=True
        )
        return False

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, _: discord.ui.Item[Pager]
    ) -> None:
        from bot.errors import report  # an expired click is dropped there, not logged as an error

        await report(interaction, error)

    async def _show(self, interaction: discord.Interaction) -> None:
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        self.index = max(0, self.index - 1)
        await self._show(interaction)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        await self._show(interaction)

    async def on_timeout(self) -> None:
        # Leave the last page on screen, with the buttons gone.
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)


async def send_pages(
    interaction: discord.Interaction, pages: list[discord.Embed], *, ephemeral: bool = False
) -> None:
    """Send (or finish a deferred reply with) the first page, with a pager when there are more."""
    view = Pager(pages, interaction.user.id) if len(pages) > 1 else None
    kwargs = {"embed": pages[0]}
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        message = await interaction.edit_original_response(**kwargs)
    else:
        await interaction.response.send_message(**kwargs, ephemeral=ephemeral)
        message = await interaction.original_response()
    if view is not None:
        view.message = message


class PickPerson(discord.ui.View):
    """A menu of the people a chart shows; choosing one opens that person's record, privately."""

    def __init__(
        self,
        people: list[tuple[str, str]],
        open_person: Callable[[discord.Interaction, str], Awaitable[None]],
        *,
        timeout: float = 300,
    ) -> None:
        super().__init__(timeout=timeout)
        self.names = [name for name, _ in people[:25]]
        self.open_person = open_person
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self.choose.options = [
            discord.SelectOption(
                label=_cut(" ".join(name.split()), 100), value=str(n), description=_cut(counts, 100)
            )
            for n, (name, counts) in enumerate(people[:25])
        ]

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await admit_or_refuse(interaction)

    @discord.ui.select(placeholder="Open a person…", min_values=1, max_values=1)
    async def choose(
        self, interaction: discord.Interaction, select: discord.ui.Select[PickPerson]
    ) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        await self.open_person(interaction, self.names[int(select.values[0])])

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[PickPerson]
    ) -> None:
        from bot.errors import report

        await report(interaction, error)

    async def on_timeout(self) -> None:
        # Leave the chart on screen, with the menu gone.
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ArticleModal(discord.ui.Modal, title="Add an article"):
    """A form for pasting an article's text (and, optionally, its title and link)."""

    article_title = discord.ui.TextInput(label="Title (optional)", required=False, max_length=256)
    source = discord.ui.TextInput(
        label="Link to the source (optional)", required=False, max_length=500
    )
    body = discord.ui.TextInput(
        label="Article text", style=discord.TextStyle.paragraph, min_length=1, max_length=4000
    )

    def __init__(
        self, on_submit: Callable[[discord.Interaction, str, str, str], Awaitable[None]]
    ) -> None:
        super().__init__()
        self._on_submit = on_submit

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await admit_or_refuse(interaction)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._on_submit(
            interaction, self.body.value, self.article_title.value, self.source.value
        )

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        from bot.errors import report

        await report(interaction, error)
