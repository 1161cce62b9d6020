"""A quote named at its own cue is surer than one carried on, by a pronoun or by a description."""

from __future__ import annotations

import pytest

from index.models import Quote, QuoteKind
from index.quotes.certainty import attribution_strength


@pytest.mark.parametrize(
    ("mention", "mention_start", "cue", "strength"),
    [
        ("Mara Quill", 40, "said", 0),
        ("Quill", 40, "told", 0),
        ("Quill", 40, None, 1),  # a name framing a fragment, with no speech verb
        (None, None, None, 1),  # carried on from the quote before
        ("she", 40, "said", 2),
        ("the ferry captain", 40, "said", 3),
        ("The ferry captain", 40, "said", 3),
        ("This Ferry Captain", 40, "said", 3),  # capitalized, yet a description
        ("One Deckhand", 40, "said", 3),
    ],
)
def test_attribution_strength_ranks_a_name_before_a_pronoun_or_description(
    mention: str | None, mention_start: int | None, cue: str | None, strength: int
) -> None:
    quote = Quote(
        "The boat is late.", 1, 18, QuoteKind.DIRECT, 0, speaker="Mara Quill",
        mention=mention, mention_start=mention_start,
        mention_end=None if mention_start is None else mention_start + len(mention or ""),
        cue=cue,
    )  # fmt: skip
    assert attribution_strength(quote) == strength
