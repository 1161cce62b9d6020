"""Help for tests that add many articles from one template."""

from __future__ import annotations

import random

WORDS = (
    "amber basalt cedar delta ember fjord garnet harbor indigo juniper kelp lagoon marble"
    " nectar onyx pebble quartz russet saffron tundra umber violet willow yarrow zinc"
).split()


def own_words(seed: int | str) -> str:
    """A sentence of words drawn by `seed`: articles from one template that differ only in a
    number are one story to the library's near-duplicate check; this makes each a story."""
    rng = random.Random(seed)
    return "The crew's log listed " + ", ".join(rng.choice(WORDS) for _ in range(40)) + "."
