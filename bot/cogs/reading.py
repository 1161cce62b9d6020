"""Commands everyone can use: /summary, /ask and /quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.views import send_pages
from index.service import check_question

if TYPE_CHECKING:
    from bot.client import ArticleBot

MAX_CHOICES = 25


def _cooldown(interaction: discord.Interaction) -> app_commands.Cooldown | None:
    settings = interaction.client.settings  # type: ignore[attr-defined]
    if settings.cooldown_rate <= 0:
        return None
    return app_commands.Cooldown(settings.cooldown_rate, settings.cooldown_seconds)


def _guild(interaction: discord.Interaction) -> int:
    assert interaction.guild_id is not None  # every command here is guild_only
    return interaction.guild_id


async def article_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Offer the guild's articles whose titles contain what was typed, newest first."""
    if interaction.guild_id is None:
        return []
    library = interaction.client.library  # type: ignore[attr-defined]
    articles = await library.title_choices(interaction.guild_id, current[:100], MAX_CHOICES)
    return [
        app_commands.Choice(name=render.truncate(f"#{a.id} {a.title}", 100), value=str(a.id))
        for a in articles
    ]


class Reading(commands.Cog):
    """Summaries and answers from the server's library."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="summary", description="The gist of an article: key sentences and quotes"
    )
    @app_commands.describe(
        article="Which article (default: the newest)", length="short, medium or long"
    )
    @app_commands.choices(
        length=[app_commands.Choice(name=n, value=n) for n in ("short", "medium", "long")]
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @app_commands.guild_only()
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def summary(
        self, interaction: discord.Interaction, article: str | None = None, length: str = "short"
    ) -> None:
        await interaction.response.defer(thinking=True)
        result = await self.bot.library.summarize(_guild(interaction), article, length)
        await send_pages(interaction, render.summary_pages(result))

    @app_commands.command(name="ask", description="Ask about the articles: who said what, and more")
    @app_commands.describe(
        question="e.g. what did Beck say? · who said “shadow population”?",
        article="Limit to one article (default: the whole library)",
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @app_commands.guild_only()
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 1000],
        article: str | None = None,
    ) -> None:
        check_question(question)  # refused before "thinking…" shows
        await interaction.response.defer(thinking=True)
        result = await self.bot.library.ask(_guild(interaction), question, article)
        await send_pages(interaction, render.answer_pages(result))

    @app_commands.command(name="quotes", description="Everything a person is quoted as saying")
    @app_commands.describe(
        speaker="Who (autocompletes from the library)", article="Limit to one article"
    )
    @app_commands.autocomplete(article=article_autocomplete)
    @app_commands.guild_only()
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def quotes(
        self,
        interaction: discord.Interaction,
        speaker: app_commands.Range[str, 1, 200],
        article: str | None = None,
    ) -> None:
        check_question(speaker, what="speaker name")  # refused before "thinking…" shows
        await interaction.response.defer(thinking=True)
        result = await self.bot.library.quotes(_guild(interaction), speaker, article)
        await send_pages(interaction, render.answer_pages(result))

    @quotes.autocomplete("speaker")
    async def speaker_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        names = await self.bot.library.speaker_names(
            interaction.guild_id, current[:100], MAX_CHOICES
        )
        return [app_commands.Choice(name=render.truncate(n, 100), value=n[:100]) for n in names]


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(Reading(bot))
