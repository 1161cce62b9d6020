"""The order a person's statements are shown in: newest article first, quoted before reported,
the surest first, the segments of one statement together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from index.answer.info_columns import ChangedInfos, InfoColumns, recency_of
from index.models import ArticleInfo, QuoteKind, QuoteRef
from index.quotes.certainty import attribution_strength


def newest_statements(refs: list[QuoteRef], limit: int) -> list[QuoteRef]:
    """Return the statements of the newest articles, whole articles until `limit` statements, in
    display order: the start of `in_display_order(refs)`, without ordering all of them."""
    by_article: dict[int, list[QuoteRef]] = {}
    for ref in refs:
        by_article.setdefault(ref.article.id, []).append(ref)
    newest = sorted(by_article.values(), key=lambda group: recency(group[0]), reverse=True)
    shown: list[QuoteRef] = []
    count = 0
    for group in newest:
        if count >= limit:
            break
        shown += group
        count += len({statement_key(ref) for ref in group})
    return in_display_order(shown)


def in_display_order(refs: list[QuoteRef]) -> list[QuoteRef]:
    """Newest article first; in each, quoted statements before reported ones, the surest first.

    A statement is as sure as its best-attributed segment (index/quotes/certainty.py); the
    segments of one statement stay together, in their order.
    """
    strength: dict[tuple[int, int, bool], tuple[int, bool]] = {}
    first: dict[tuple[int, int, bool], int] = {}
    articles = {ref.article.id: ref for ref in refs}
    byrecency = sorted(articles.values(), key=recency, reverse=True)
    newest = {ref.article.id: rank for rank, ref in enumerate(byrecency)}
    for ref in refs:
        key = statement_key(ref)
        # A whole quoted sentence says more, and is attributed more surely, than a fragment.
        sure = (attribution_strength(ref.quote), ref.quote.kind is QuoteKind.PARTIAL)
        strength[key] = min(strength.get(key, sure), sure)
        first[key] = min(first.get(key, ref.quote.start), ref.quote.start)
    return sorted(
        refs,
        key=lambda ref: (
            newest[ref.article.id],
            ref.quote.kind is QuoteKind.REPORTED,
            strength[statement_key(ref)],
            first[statement_key(ref)],
            ref.quote.start,
        ),
    )


def statement_key(ref: QuoteRef) -> tuple[int, int, bool]:
    """Return what identifies a statement: its article, its number and whether it is reported."""
    # Reported statements are numbered apart from quotes only by kind: keep them apart.
    return (ref.article.id, ref.quote.statement, ref.quote.kind is QuoteKind.REPORTED)


def recency(ref: QuoteRef) -> tuple[bool, str, int]:
    """Sorted in reverse: dated articles before undated ones, latest date first (ISO dates sort
    as text), then the most recently added."""
    return recency_of(ref.article.info)


def newest_first(infos: Mapping[int, ArticleInfo], article_ids: Iterable[int]) -> Iterator[int]:
    """Yield articles newest first, as sorted by `recency_of` in reverse; infos kept by column
    order them without making an info each (info_columns.py)."""
    ids = list(article_ids)
    if isinstance(infos, InfoColumns | ChangedInfos):
        return infos.newest_first(ids)
    return iter(sorted(ids, key=lambda i: recency_of(infos[i]), reverse=True))
