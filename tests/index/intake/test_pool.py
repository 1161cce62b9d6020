"""The import's workers are kept a store batch ahead of the process that stores."""

from __future__ import annotations

from collections.abc import Iterator

from index.intake.pool import CHUNK, prepared_chunks
from index.intake.prepare import ImportItem
from index.models import ArticleMeta


async def test_workers_prepare_the_records_asked_ahead_while_a_batch_is_stored() -> None:
    drawn = 0

    def items() -> Iterator[ImportItem]:
        nonlocal drawn
        for n in range(600):
            drawn += 1
            yield ImportItem(f"line {n}", ArticleMeta(), text=f"Story {n}.\n\nIt said {n} things.")

    chunks = prepared_chunks(items(), 100_000, workers=2, ahead_records=512)
    first = await anext(chunks)
    # Handed out to the workers while the caller holds this chunk (stores a batch, say):
    assert len(first) == CHUNK and drawn - CHUNK >= 512
    rest = [prepared async for chunk in chunks for prepared in chunk]
    assert len(first) + len(rest) == 600 == drawn
    assert all(not isinstance(p, str) for _, p in first + rest)
