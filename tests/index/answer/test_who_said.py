"""A phrase index extended by changes finds what one built afresh finds, in the same order."""

from __future__ import annotations

from index.answer.who_said import MAX_BLOCKS, SaidIndex
from index.models import ArticleInfo, ArticleRef, Quote, QuoteKind, QuoteRef


def refs(article_id: int, *texts: str) -> list[QuoteRef]:
    info = ArticleInfo(article_id, 1, f"Story {article_id}", None, None, None, None, None, None,
                       "2026-01-01T00:00:00+00:00", f"h{article_id}", 100)  # fmt: skip
    return [
        QuoteRef(ArticleRef(info), Quote(text, 10 * i, 10 * i + len(text), QuoteKind.DIRECT, i,
                                         speaker=f"Person {article_id}"))
        for i, text in enumerate(texts)
    ]  # fmt: skip


ONE = refs(1, "The bridge will open in May.", "We are ready.")
TWO = refs(2, "Nobody expected the bridge to open so soon.")
THREE = refs(3, "The bridge will open in June, not May.")


def found(index: SaidIndex) -> list[tuple[int, str]]:
    return [(s.article_id, s.words) for s in index]


def test_updated_index_equals_a_fresh_one() -> None:
    grown = SaidIndex.of([*TWO, *ONE]).updated(THREE, removed={1})
    assert found(grown) == found(SaidIndex.of([*THREE, *TWO]))
    assert [s.article_id for s in grown.exact("the bridge will open")] == [3]


def test_exact_phrase_and_resembling_phrase() -> None:
    index = SaidIndex.of([*THREE, *TWO, *ONE])
    assert [s.article_id for s in index.exact("the bridge will open in may")] == [1]
    close = index.resembling("bridge will open in july".split(), 0.6)
    assert [s.article_id for s, _ in close] == [3, 1]


def test_many_changes_merge_into_few_blocks_and_keep_order() -> None:
    index = SaidIndex.of(ONE)
    expected = list(ONE)
    for article_id in range(10, 10 + 2 * MAX_BLOCKS):
        added = refs(article_id, f"Statement number {article_id} about the bridge.")
        index = index.updated(added)
        expected = [*added, *expected]
    assert found(index) == found(SaidIndex.of(expected))
    assert len(index.merged()._blocks) == 1
    assert found(index.merged()) == found(index)
