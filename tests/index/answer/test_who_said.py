"""A phrase index extended by changes finds what one built afresh finds, in the same order."""

from __future__ import annotations

from unittest import mock

from index.answer import who_said
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


def test_close_matches_by_share_measure_only_what_the_best_groups_need() -> None:
    words = "you know well you might".split()
    # Hold the words in order (all 5 match), out of order (2 or 3 match), or too few of them.
    texts = ["You know, well, you might.", "Well, you might. You know.", "You might know it well.",
             "Might you know? Well, you know.", "You know nothing.", "Well, you know, you might."]  # fmt: skip
    index = SaidIndex.of([r for n, text in enumerate(texts * 3, 1) for r in refs(n, text)])
    every = [(s.article_id, share) for s, share in index.resembling(words, 0.6)]
    grouped = [(share, [make().article_id for make in group])
               for share, group in index.resembling_by_share(words, 0.6)]  # fmt: skip
    # The same matches, best share first, each share's statements in library order.
    assert [(a, share) for share, ids in grouped for a in ids] == sorted(every, key=lambda h: -h[1])
    assert [share for share, _ in grouped] == sorted({share for _, share in every}, reverse=True)
    # Groups left unread: their statements are measured all the same before the next group.
    groups = index.resembling_by_share(words, 0.6)
    unread = [(share, next(group)().article_id) for share, group in groups]
    assert unread == [(share, ids[0]) for share, ids in grouped]
    measured: list[int] = []
    real = who_said._matched

    def counting(phrase: list[str], tokens: list[str]) -> int:
        measured.append(1)
        return real(phrase, tokens)

    with mock.patch.object(who_said, "_matched", counting):
        share, best = next(index.resembling_by_share(words, 0.6))
        # Texts 1, 2, 4 and 6 share all five words (you twice), text 3 four: only they can
        # match all five, measured in library order as the group is read: the first statement
        # (article 1) matches, so reading it measures it alone.
        assert share == 1.0 and next(best)().article_id == 1 and len(measured) == 1
        assert [make().article_id for make in best] == [7, 13]
    # The whole group read: the 12 copies of texts 1, 2, 4 and 6, not text 3's, measured.
    assert len(measured) == 12
