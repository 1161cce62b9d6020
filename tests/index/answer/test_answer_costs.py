"""Answers at 100,000 articles make only what they show: the same answers, cheaper parts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from unittest import mock

import numpy as np
import pytest

from index.answer import qa, quote_columns
from index.answer.quote_columns import ColumnWriter, QuoteColumns
from index.answer.retrieve import PassageIndex
from index.answer.shelf import ArticleShelf
from index.answer.who_said import SaidIndex, Statement
from index.models import Article, ArticleInfo, ArticleRef, Passage, Quote, QuoteKind, QuoteRef
from index.text.terms import terms


def _info(article_id: int) -> ArticleInfo:
    return ArticleInfo(article_id, 1, f"Story {article_id}", None, None, None, None, None, None,
                       "2026-01-01T00:00:00+00:00", f"h{article_id}", 100)  # fmt: skip


def _said(article_id: int, text: str, *, named_at_cue: bool) -> QuoteRef:
    # "Hale said" names the speaker at the cue (the surest); "he" is a pronoun (less sure).
    mention = "Hale" if named_at_cue else "he"
    quote = Quote(text, 0, len(text), QuoteKind.DIRECT, 0, speaker="Victor Hale",
                  mention=mention, mention_start=40, mention_end=40 + len(mention), cue="said")  # fmt: skip
    return QuoteRef(ArticleRef(_info(article_id)), quote)


def _counted(statements: Iterator[Statement], made: list[Statement]) -> Iterator[Statement]:
    for statement in statements:
        made.append(statement)
        yield statement


def _sorted_hits(statements: list[Statement]) -> list[int]:
    key = [(s, 1.0) for s in statements]
    key.sort(key=lambda hit: (-hit[1], qa._speaker_of(hit[0]) is None, qa._strength(hit[0])))
    return [s.article_id for s, _ in key[: qa.MAX_WHO_SAID_ITEMS]]


@pytest.mark.parametrize("pronoun_first", [0, 4])
def test_who_said_makes_statements_only_up_to_the_surest_shown(pronoun_first: int) -> None:
    phrase = "the bridge will open in may"
    refs = [_said(100 - i, "The bridge will open in May.", named_at_cue=i >= pronoun_first)
            for i in range(40)]  # fmt: skip
    index = SaidIndex.of(refs)
    made: list[Statement] = []
    taken = qa._enough_surest(_counted(index.exact_lazily(phrase), made), qa.MAX_WHO_SAID_ITEMS)
    # Three statements named at the cue end the search: the 40 matches are not all made.
    assert len(made) == pronoun_first + qa.MAX_WHO_SAID_ITEMS
    assert _sorted_hits(taken) == _sorted_hits(index.exact(phrase))


def test_library_order_is_sorted_once_for_every_name_asked() -> None:
    writer = ColumnWriter()
    writer.add({i: [_said(i, f"Statement {i}.", named_at_cue=True).quote] for i in (1, 2, 3)}, {})
    columns = QuoteColumns(writer.arrays())
    order = np.array([3, 2, 1], dtype=np.int64)
    with mock.patch.object(quote_columns.np, "argsort", wraps=np.argsort) as argsort:
        assert columns.count_by("Victor Hale", order) == 3
        sorted_before = argsort.call_count
        for _ in range(3):
            assert [a for a, _ in columns.rows_by("Victor Hale", order)] == [3, 2, 1]
    assert argsort.call_count == sorted_before


def test_shelf_reads_a_text_alone_and_keeps_it() -> None:
    infos = {7: _info(7)}
    reads: list[int] = []

    def whole(article_id: int) -> Article | None:
        raise AssertionError("a whole article was read for its text")

    def text(article_id: int) -> str | None:
        reads.append(article_id)
        return "The bridge will open in May."

    shelf = ArticleShelf(infos, whole, read_text=text)
    assert shelf.text(7) == shelf.text(7) == "The bridge will open in May."
    assert reads == [7]
    with pytest.raises(KeyError):
        shelf.text(8)


def test_shelf_reads_ahead_in_one_go_what_it_is_then_asked_for() -> None:
    infos = {i: _info(i) for i in (1, 2, 3)}
    batches: list[list[int]] = []

    def one(article_id: int) -> str | None:
        raise AssertionError(f"text {article_id} read alone after the read-ahead")

    def many(article_ids: Sequence[int]) -> dict[int, str]:
        batches.append(list(article_ids))
        return {i: f"Text {i}." for i in article_ids if i != 3}  # 3 removed meanwhile

    shelf = ArticleShelf(infos, lambda i: None, read_text=one, read_texts=many)
    shelf.prefetch_texts([2, 1, 2, 9, 3])  # 9: not the guild's
    shelf.prefetch_texts([1, 2])  # kept: nothing read
    assert batches == [[2, 1, 3]]
    assert [shelf.text(1), shelf.text(2)] == ["Text 1.", "Text 2."]
    with pytest.raises(AssertionError):
        shelf.text(3)  # not kept: read alone, as before the read-ahead


TEXTS = [
    "Parking fees rise downtown, the council said of parking.",
    "The fire department hires twelve firefighters.",
    "Parking near the library is free on weekends.",
]


def test_document_frequency_counts_main_and_added_passages() -> None:
    index = PassageIndex([Passage(i + 1, 0, 0, len(t)) for i, t in enumerate(TEXTS)], TEXTS)
    extra = "More parking, said the officer."
    grown = index.updated([Passage(9, 0, 0, len(extra))], [extra])
    every = [*TEXTS, extra]
    for stem in ("park", "fire", "offic", "unheard"):
        assert grown.document_frequency(stem) == sum(stem in terms(t) for t in every)


def test_term_counts_of_scattered_rows_in_any_order() -> None:
    texts = [f"Report {i}: " + ("parking " * (i % 4)) + "and fees" for i in range(60)]
    index = PassageIndex([Passage(i, 0, 0, len(t)) for i, t in enumerate(texts)], texts)
    rows = [57, 3, 22, 0, 41]
    counts = index.term_counts(rows, ["park", "fee"])
    assert counts.tolist() == [
        [float(terms(texts[r]).count(s)) for s in ("park", "fee")] for r in rows
    ]


def _shown(hits: list[tuple[Statement, float]]) -> list[tuple[int, float]]:
    ordered = sorted(hits, key=lambda h: (-h[1], qa._speaker_of(h[0]) is None, qa._strength(h[0])))
    return [(s.article_id, share) for s, share in ordered[: qa.MAX_WHO_SAID_ITEMS]]


def test_close_matches_are_made_share_by_share_up_to_the_shown() -> None:
    words = "the bridge will open in may next year".split()
    closer, further = "The bridge will open in May next.", "The bridge will open in May."
    refs = [_said(200 - i, further, named_at_cue=True) for i in range(30)]
    refs += [_said(100 - i, closer, named_at_cue=i > 0) for i in range(2)]
    index = SaidIndex.of(refs)
    made: list[int] = []

    def counting(make: Callable[[], Statement]) -> Callable[[], Statement]:
        return lambda: made.append(1) or make()

    groups = index.resembling_by_share(words, 0.6)
    found = ((share, [counting(make) for make in group]) for share, group in groups)
    hits = qa._closest(found, qa.MAX_WHO_SAID_ITEMS)
    # Both closer statements, then the first further one: 3 statements made of 32.
    assert len(made) == 3
    shown = _shown(hits)
    assert shown == _shown(index.resembling(words, 0.6))
    assert {article for article, _ in shown[:2]} == {99, 100} and shown[0][1] > shown[2][1]


def test_equal_scores_go_by_row_the_earlier_first() -> None:
    # A story's paragraph copied into 40 others: every copy scores the same.
    copied = "The harbour wall will be raised before the winter storms."
    texts = [f"Other news {i} about the harbour." if i % 3 else copied for i in range(120)]
    index = PassageIndex([Passage(i + 1, 0, 0, len(t)) for i, t in enumerate(texts)], texts)
    scores = index.scores("harbour wall storms")
    expected = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda row: (-scores[row], row))
    for k in (1, 5, 20, 60):
        assert [row for row, _ in index.top("harbour wall storms", k=k)] == expected[:k]
    assert [row for row, _ in index.top("harbour wall storms", k=3)] == [0, 3, 6]
