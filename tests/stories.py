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


# A short article whose questions readers paraphrase (hedged and open answers).
POOL = (
    "Town opens a new public pool\n\n"
    "Riverton's new public pool will open to swimmers next month after two years of building"
    " work, the parks department said on Tuesday.\n\n"
    "The pool has eight lanes and a shallow area for children. It replaces the old pool on Mill"
    " Street, which was shut in 2022 after cracks were found in its floor.\n\n"
    "“People have waited a long time for this, and we think they will like what they see,”"
    " said parks director Ana Ruiz.\n\n"
    "The project cost $4.2 million, paid for with a bond that voters approved in 2021. Entry"
    " will cost $3 for adults.\n"
)
