"""The per-member cooldown holds on every reading command, not only /ask.

A module of its own: `articlebot()` installs and removes the process's SIGTERM handler, so two
bots must not overlap on one event loop (the module-scoped bots elsewhere would).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.articles import FERRY
from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import FakeDiscord


async def test_the_cooldown_holds_on_summary_and_quotes_too(tmp_path: Path):
    async with FakeDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, tmp_path / "cool.db", COOLDOWN_RATE="1", COOLDOWN_SECONDS="600") as (_, errors, _):
            guild, mod, reader = world["guild"], world["mod"], world["reader"]
            opened = await fake.command(guild, mod, "article add")
            await fake.submit_modal(opened, {"Article text": FERRY})
            for name, options in [("summary", {}), ("quotes", {"speaker": "Tom Becker"})]:
                first = await fake.command(guild, reader, name, **options)
                assert first.reply.embeds
                again = await fake.command(guild, reader, name, **options)
                assert re.fullmatch(r"Slow down a little: try again in \d+ s\.", again.reply.text)
                assert again.reply.ephemeral
            check_and_settle(fake, errors)
