"""Command callbacks with light fakes: replies, embeds within limits, moderators only."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.cogs.articles import ArticleCommands
from bot.cogs.reading import Reading
from bot.errors import message_for
from bot.settings import Settings
from index.errors import EmptyLibrary, NotAModerator
from index.service import Library
from tests.bot.fakes import FakeInteraction
from tests.conftest import FIXTURES, GUILD, OTHER_GUILD


class FakeAttachment:
    def __init__(self, path: Path) -> None:
        self.filename = path.name
        self._data = path.read_bytes()
        self.size = len(self._data)

    async def read(self) -> bytes:
        return self._data


@pytest.fixture
def client(library: Library) -> SimpleNamespace:
    return SimpleNamespace(library=library, settings=Settings())


async def _add(client: SimpleNamespace, name: str, *, moderator: bool = True, guild: int = GUILD) -> FakeInteraction:
    interaction = FakeInteraction(client, guild, moderator=moderator)
    cog = ArticleCommands(client)  # type: ignore[arg-type]
    await cog.interaction_check(interaction)  # type: ignore[arg-type]
    await ArticleCommands.add.callback(cog, interaction, file=FakeAttachment(FIXTURES / name))  # type: ignore[arg-type]
    return interaction


async def test_moderator_adds_a_file(client: SimpleNamespace) -> None:
    interaction = await _add(client, "river-dam.txt")
    assert "Added #1" in interaction.edits[-1]["content"]
    assert len(await client.library.articles(GUILD)) == 1


async def test_non_moderator_is_refused_at_run_time(client: SimpleNamespace) -> None:
    with pytest.raises(NotAModerator):
        await _add(client, "river-dam.txt", moderator=False)
    interaction = FakeInteraction(client, GUILD, moderator=False)
    with pytest.raises(NotAModerator):  # even calling the command past the group check
        await ArticleCommands.add.callback(ArticleCommands(client), interaction, file=FakeAttachment(FIXTURES / "river-dam.txt"))  # type: ignore[arg-type]
    assert await client.library.articles(GUILD) == []
    assert message_for(NotAModerator()) == NotAModerator().message


async def test_add_without_file_opens_the_modal(client: SimpleNamespace) -> None:
    interaction = FakeInteraction(client, GUILD, moderator=True)
    await ArticleCommands.add.callback(ArticleCommands(client), interaction)  # type: ignore[arg-type]
    assert interaction.response.modal is not None


async def test_ask_defers_then_edits_with_an_embed(client: SimpleNamespace) -> None:
    await _add(client, "river-dam.txt")
    interaction = FakeInteraction(client, GUILD, moderator=False)
    await Reading.ask.callback(Reading(client), interaction, question="what did Nair say?")  # type: ignore[arg-type]
    assert interaction.response.deferred
    embed = interaction.edits[-1]["embed"]
    assert "Priya Nair" in embed.description
    assert len(embed) <= 6000


async def test_summary_of_another_guild_is_empty(client: SimpleNamespace) -> None:
    await _add(client, "river-dam.txt")
    interaction = FakeInteraction(client, OTHER_GUILD, moderator=False)
    with pytest.raises(EmptyLibrary) as caught:
        await Reading.summary.callback(Reading(client), interaction)  # type: ignore[arg-type]
    assert "empty" in (message_for(caught.value) or "")


async def test_speaker_autocomplete_offers_known_names(client: SimpleNamespace) -> None:
    await _add(client, "river-dam.txt")
    interaction = FakeInteraction(client, GUILD, moderator=False)
    choices = await Reading.speaker_autocomplete(Reading(client), interaction, "rey")  # type: ignore[arg-type]
    assert [c.value for c in choices] == ["Tomas Reyes"]
