"""/people and /person: who is quoted, as a chart with the same numbers as text.

Each answer carries its chart as a PNG attachment whose description (alt text, for screen
readers) holds the numbers, and the same numbers in the message. Nothing pings: names are
cleaned of mentions and no mention is allowed. Under /people's chart a menu lists the named people
shown; choosing one answers, only to the chooser, with what /person shows.
"""

from __future__ import annotations

import asyncio
import io
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.cogs.reading import MAX_CHOICES, _cooldown, _guild
from bot.people_cli import PERIOD_NAMES, people_title, person_header
from bot.views import Pager, PickPerson
from index.models import Answer, AnswerKind, PeopleReport, PersonCount, PersonRecord

if TYPE_CHECKING:
    from bot.client import ArticleBot

TOP = 15  # bars that stay readable at Discord's preview size
LATEST = 10  # statements paged under /person
ALT_LIMIT = 1024  # an attachment's description (Discord's limit)
NO_PINGS = discord.AllowedMentions.none()


def count_line(person: PersonCount) -> str:
    name = render.clean(person.name) if person.name else "Not named"
    role = f" ({render.clean(person.role)})" if person.role else ""
    articles = f"{person.articles} article{'s' * (person.articles != 1)}"
    return f"{name}{role}: {person.direct} quoted, {person.reported} reported · {articles}"


def counts(person: PersonCount) -> str:
    """A menu option's description: the row's numbers (menus render no Markdown, ping no one)."""
    articles = f"{person.articles} article{'s' * (person.articles != 1)}"
    numbers = f"{person.direct} quoted, {person.reported} reported · {articles}"
    return f"{' '.join(person.role.split())} · {numbers}" if person.role else numbers


def fitted(lines: list[str], limit: int, joiner: str = "\n") -> str:
    """As many whole lines as fit the limit, and how many were left out."""
    kept: list[str] = []
    for number, line in enumerate(lines):
        more = f"{joiner}… and {len(lines) - number} more"
        if len(joiner.join([*kept, line])) + len(more) > limit and number < len(lines) - 1:
            return joiner.join(kept) + more
        kept.append(line)
    return joiner.join(kept)


def people_message(report: PeopleReport) -> tuple[str, str]:
    """The message text and the chart's alt text: the same numbers."""
    rows = [f"{n}. {count_line(p)}" for n, p in enumerate(report.people, 1)]
    if report.unknown:
        rows.append(count_line(report.unknown))
    text = fitted([f"**{people_title(report)}**", *rows], render.MESSAGE_LIMIT)
    alt = fitted(
        [f"Bar chart of quoted and reported statements, {people_title(report)}"]
        + [count_line(p) for p in report.people], ALT_LIMIT, joiner="; ",
    )  # fmt: skip
    return text, alt


def person_message(record: PersonRecord) -> tuple[str, str]:
    header = [render.clean(line.strip()) for line in person_header(record)]
    weeks = [f"week of {w}: {q} quoted, {r} reported" for w, q, r in record.weeks]
    text = fitted([f"**{header[0]}**", *header[1:]], render.MESSAGE_LIMIT)
    alt = fitted([f"Timeline of {header[0]}'s statements per week", *weeks], ALT_LIMIT, "; ")
    return text, alt


class People(commands.Cog):
    """Who is quoted across the server's library."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="people", description="Who is quoted most in the library, as a chart")
    @app_commands.describe(since="Which period (default: the last 30 days)")
    @app_commands.choices(
        since=[app_commands.Choice(name=PERIOD_NAMES[p], value=p) for p in PERIOD_NAMES]
    )
    @app_commands.guild_only()
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def people(self, interaction: discord.Interaction, since: str = "30d") -> None:
        await interaction.response.defer(thinking=True)
        report = await self.bot.library.people(_guild(interaction), since=since, limit=TOP)
        text, alt = people_message(report)
        if not report.people:
            await interaction.edit_original_response(
                content=f"No one is quoted in {PERIOD_NAMES[since]}.", allowed_mentions=NO_PINGS
            )
            return
        from bot import charts

        png = await asyncio.to_thread(charts.people_png, report.people, people_title(report))
        chart = discord.File(io.BytesIO(png), filename="people.png", description=alt)
        # Unknown speakers (no name) are not offered; a menu holds at most 25 options.
        named = [(p.name, counts(p)) for p in report.people if p.name][:25]
        picker = PickPerson(named, self.show_person)
        message = await interaction.edit_original_response(
            content=text, attachments=[chart], allowed_mentions=NO_PINGS,
            **({"view": picker} if named else {}),
        )  # fmt: skip
        if named:
            picker.message = message

    @app_commands.command(name="person", description="One person across the library: roles, articles, timeline")
    @app_commands.describe(name="Who (autocompletes from the library)")
    @app_commands.guild_only()
    @app_commands.checks.dynamic_cooldown(_cooldown)
    async def person(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]
    ) -> None:
        await interaction.response.defer(thinking=True)
        await self.show_person(interaction, name)

    async def show_person(self, interaction: discord.Interaction, name: str) -> None:
        """Finish a deferred reply with one person's record: what /person and /people's menu show."""
        record = await self.bot.library.person(_guild(interaction), name, statements=LATEST)
        text, alt = person_message(record)
        from bot import charts

        png = await asyncio.to_thread(charts.person_png, record)
        chart = discord.File(io.BytesIO(png), filename="person.png", description=alt)
        answer = Answer(AnswerKind.SPEAKER, name, f"Latest statements of {record.name}",
                        record.items, speaker=record.name)  # fmt: skip
        pages = render.answer_pages(answer)
        view = Pager(pages, interaction.user.id) if len(pages) > 1 else None
        message = await interaction.edit_original_response(
            content=text, attachments=[chart], embed=pages[0], allowed_mentions=NO_PINGS,
            **({"view": view} if view else {}),
        )  # fmt: skip
        if view is not None:
            view.message = message

    @person.autocomplete("name")
    async def name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        names = await self.bot.library.speaker_names(interaction.guild_id, current[:100], MAX_CHOICES)
        return [app_commands.Choice(name=render.truncate(n, 100), value=n[:100]) for n in names]


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(People(bot))
