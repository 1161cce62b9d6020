"""A saved guild index loads back with the same passages, quotes and speakers."""

from __future__ import annotations

import io

import numpy as np
import pytest

from index.answer import snapshot
from index.answer.retrieve import PassageIndex
from index.models import Passage, Quote, QuoteKind, Speaker

TEXTS = ["Café owners fight the new rent rules", "The council meets again in March"]
PASSAGES = PassageIndex([Passage(7, 0, 0, 36), Passage(9, 1, 40, 72)], TEXTS)


def _quote(text: str, start: int, speaker: str | None, **rest: object) -> Quote:
    return Quote(text, start, start + len(text), QuoteKind.DIRECT, 0, speaker, **rest)  # type: ignore[arg-type]


QUOTES = {
    9: (
        _quote("We will close by winter — no doubt", 3, "Zoë Ångström", role="owner",
               mention="she", mention_start=50, mention_end=53, cue="said"),
        Quote("rents rose", 60, 70, QuoteKind.REPORTED, 1, None),
    ),
    7: (),
    8: (_quote("a\x00b\x1fc", 0, "Al"),),  # separator characters inside a value
}
SPEAKERS = {9: (Speaker("Zoë Ångström", "owner", ("Ångström", "Zoë"), 1),), 7: (), 8: (Speaker("Al"),)}


def test_round_trip_keeps_quotes_speakers_and_search() -> None:
    saved = snapshot.from_bytes(snapshot.to_bytes(PASSAGES, QUOTES, SPEAKERS))
    assert saved.quotes == {i: q for i, q in QUOTES.items() if q}
    assert saved.speakers == {i: s for i, s in SPEAKERS.items() if s}
    assert saved.passages.search("rent café") == PASSAGES.search("rent café")


def test_values_holding_every_separator_still_round_trip() -> None:
    odd = "".join(snapshot._SEPARATORS)
    quotes = {1: (_quote(odd, 0, odd), _quote("plain", 9, None))}
    saved = snapshot.from_bytes(snapshot.to_bytes(PASSAGES, quotes, {1: (Speaker(odd, odd),)}))
    assert saved.quotes == quotes
    assert saved.speakers == {1: (Speaker(odd, odd),)}


def test_an_empty_library_round_trips() -> None:
    saved = snapshot.from_bytes(snapshot.to_bytes(PassageIndex(), {}, {}))
    assert (saved.quotes, saved.speakers, len(saved.passages)) == ({}, {}, 0)


def test_a_passage_index_alone_is_another_format() -> None:
    alone = io.BytesIO()  # what format 1 saved: the passage index's arrays, nothing else
    np.savez(alone, **PASSAGES.to_arrays())
    with pytest.raises(ValueError, match="another format"):
        snapshot.from_bytes(alone.getvalue())
