"""INDEX_CACHE_MB reaches the guild index cache: past the budget the least recent guild goes."""

from __future__ import annotations

import random
from pathlib import Path

from bot.settings import Settings, open_library

WORDS = (
    "harbour council ferry fares parking budget school bridge river mayor station library tram"
    " museum clinic farm market bakery tunnel orchard quarry garden stadium pier canal"
).split()


def story(rng: random.Random) -> str:
    paragraphs = (" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(10))
    return "\n\n".join(p.capitalize() + "." for p in paragraphs)


def test_the_budget_defaults_to_400_mb_and_reads_the_setting() -> None:
    assert Settings.from_env({}, env_file=None).index_cache_mb == 400
    assert Settings.from_env({"INDEX_CACHE_MB": "64"}, env_file=None).index_cache_mb == 64


async def _cached_after_asking_two_guilds(tmp_path: Path, budget_mb: str) -> tuple[int, int]:
    settings = Settings.from_env({"INDEX_CACHE_MB": budget_mb}, env_file=None)
    rng = random.Random(3)
    library = await open_library(settings, str(tmp_path / f"library-{budget_mb}.db"))
    async with library:
        for guild in (1, 2):
            for _ in range(20):
                await library.add_text(guild, story(rng))
            await library.ask(guild, "what about ferry fares?")
        return len(library._indexes), library._indexes.nbytes


async def test_a_small_budget_evicts_the_least_recent_guild(tmp_path: Path) -> None:
    kept, held = await _cached_after_asking_two_guilds(tmp_path, "400")
    assert kept == 2  # both fit the default budget: what the small one drops is the budget's doing
    budget = 0.75 * held / 2**20  # below both indexes together, above either alone
    kept, held_small = await _cached_after_asking_two_guilds(tmp_path, f"{budget:.6f}")
    assert kept == 1
    assert held_small <= budget * 2**20
