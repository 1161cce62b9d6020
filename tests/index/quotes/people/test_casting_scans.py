"""The anchored scans find exactly what their patterns' `finditer` finds."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

import pytest

from index.quotes.people.casting_scans import (
    DESCRIBED_ORGANIZATION,
    ROLE_BEFORE_NAME,
    described_organizations,
    roles_before_names,
)

Scan = Callable[[str], Iterator[re.Match[str]]]
SCANS = [(ROLE_BEFORE_NAME, roles_before_names), (DESCRIBED_ORGANIZATION, described_organizations)]

TEXTS = [
    "The harbor master, Tom Reyes, said the pier would close.",
    "Kazakhstan's foreign minister, Erlan Idrissov, met the Greek finance ministry on Monday.",
    "Her father, Brad, 39, and the chief, Beck, spoke; the nurse, Ann Lee, a mother, did not.",
    "A denial came from the Greek finance ministry, then from the The Athens Port Authority.",
    "an aide, Jo Pell, Mr. Smith, the spokesman, Dan Ode,",  # a name's comma opens the next role
    "Theme parks, the Board, The board of the Ridgeford Water Board said, the US department",
    "",
    ", , ,",
]
WORDS = [
    "the harbor master", "Tom Reyes", "Kazakhstan's foreign minister", "Erlan Idrissov",
    "a spokesman", "The", "the", "an aide", "Mr. Smith", "Jo", "said", "Her father", "Brad",
    "39", "Greek", "finance", "ministry", "Board", "board", "Theme", "Athe", "department", "US",
]


def pieces(seed: int) -> Iterator[str]:
    """Texts of those words joined at random by commas, spaces and line breaks."""
    rng = random.Random(seed)
    for _ in range(3000):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        text = ""
        for word in words:
            text += word + rng.choice([", ", ",  ", " ", ",\n", " ", "  "])
        yield text + rng.choice(["", ",", "."])


@pytest.mark.parametrize(("pattern", "scan"), SCANS)
def test_written_texts_give_the_same_matches(pattern: re.Pattern[str], scan: Scan) -> None:
    found = 0
    for text in TEXTS:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in scan(text)] == expected
        found += len(expected)
    assert found >= 3  # the texts hold matches, not only near misses


@pytest.mark.parametrize(("pattern", "scan"), SCANS)
def test_random_texts_give_the_same_matches(pattern: re.Pattern[str], scan: Scan) -> None:
    found = 0
    for text in pieces(11):
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in scan(text)] == expected, text
        found += len(expected)
    assert found >= 20  # matches, not only near misses
