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


def test_a_prepared_article_comes_back_from_a_worker_as_prepared() -> None:
    import pickle

    import numpy as np

    from index.intake.prepare import Prepared, prepare

    text = (
        "Pier to close\n\nThe harbor master, Tom Reyes, said the pier would close. \"It is not "
        'safe,” he said.\n\nPhoto: Jo Pell'
    )
    item = ImportItem("line 1", ArticleMeta(title="Pier", url="https://example.com/a"), text=text)
    prepared = prepare(item, 100_000)
    assert isinstance(prepared, Prepared) and prepared.analysis.quotes
    back = pickle.loads(pickle.dumps(prepared))  # as the pool hands it back
    assert type(back) is Prepared
    for name in ("meta", "title", "text", "content_hash", "analysis"):
        assert getattr(back, name) == getattr(prepared, name), name
    assert (back.story.shingles, back.story.to_bytes()) == (prepared.story.shingles, prepared.story.to_bytes())
    assert back.counted.words == prepared.counted.words
    for name in ("spans", "terms", "counts", "ends"):
        assert np.array_equal(getattr(back.counted, name), getattr(prepared.counted, name)), name


def test_an_article_with_no_quote_comes_back_the_same() -> None:
    import pickle

    from index.intake.prepare import Prepared, prepare

    item = ImportItem("line 2", ArticleMeta(), text="A plain story.\n\nNo one speaks in it. At all.")
    prepared = prepare(item, 100_000)
    assert isinstance(prepared, Prepared) and not prepared.analysis.quotes
    back = pickle.loads(pickle.dumps(prepared))
    assert back.analysis == prepared.analysis
    assert [type(p.furniture) for p in back.analysis.document.paragraphs] == [bool, bool]
