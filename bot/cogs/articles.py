"""The moderators' /article group: add, remove and list the server's articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.checks import is_moderator, require_moderator
from bot.cogs.reading import article_autocomplete
from bot.views import ArticleModal, send_pages
from index.errors import ArticleTooLarge
from index.models import ArticleInfo, ArticleMeta

if TYPE_CHECKING:
    from bot.client import ArticleBot


async def moderator_article_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Title choices for moderators only: discord.py runs no interaction_check for autocomplete."""
    if not is_moderator(interaction):
        return []
    return await article_autocomplete(interaction, current)


@app_commands.guild_only()
@app_commands.default_permissions(manage_messages=True)
class ArticleCommands(
    commands.GroupCog,
    group_name="article",
    group_description="Manage this server's articles (moderators)",
):
    """Hidden from members without Manage Messages, and checked again when run."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        require_moderator(interaction)
        return True

    @app_commands.command(
        name="add", description="Add an article: paste it, attach a file, or give a link"
    )
    @app_commands.describe(
        file="A .txt, .md or .html file",
        url="A link to the article (the bot fetches it)",
        title="The article's title (optional)",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment | None = None,
        url: str | None = None,
        title: app_commands.Range[str, 1, 256] | None = None,
    ) -> None:
        require_moderator(interaction)
        if file is None and not url:
            await interaction.response.send_modal(ArticleModal(self._add_pasted))
            return
        await interaction.response.defer(thinking=True)
        guild, user = interaction.guild_id or 0, interaction.user.id
        library = self.bot.library
        meta = ArticleMeta(title=title)
        if file is not None:
            if file.size > library.limits.max_article_bytes:
                raise ArticleTooLarge(file.size, library.limits.max_article_bytes)
            data = await file.read()
            info = await library.add_file(guild, file.filename, data, meta, added_by=user)
        else:
            assert url is not None
            info = await library.add_url(guild, url.strip(), meta, added_by=user)
        await interaction.edit_original_response(content=_added(info))

    async def _add_pasted(
        self, interaction: discord.Interaction, text: str, title: str, url: str
    ) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        meta = ArticleMeta(title=title.strip() or None, url=url.strip() or None)
        info = await self.bot.library.add_text(
            interaction.guild_id or 0, text, meta, added_by=interaction.user.id
        )
        await interaction.edit_original_response(content=_added(info))

    @app_commands.command(name="remove", description="Remove an article from the library")
    @app_commands.describe(article="Which article")
    @app_commands.autocomplete(article=moderator_article_autocomplete)
    async def remove(self, interaction: discord.Interaction, article: str) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)  # acknowledged before any work
        info = await self.bot.library.remove(interaction.guild_id or 0, article)
        await interaction.edit_original_response(
            content=render.short(f"Removed #{info.id} “{render.clean(info.title)}”.")
        )

    @app_commands.command(name="list", description="List the library's articles, newest first")
    async def list(self, interaction: discord.Interaction) -> None:
        require_moderator(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        articles = await self.bot.library.articles(interaction.guild_id or 0)
        await send_pages(interaction, render.article_list_pages(articles), ephemeral=True)


def _added(info: ArticleInfo) -> str:
    return render.short(
        f"Added #{info.id} “{render.clean(info.title)}” "
        f"({render.plural(info.quotes)} found)."
    )


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(ArticleCommands(bot))
