"""One person's statements a page at a time: counted by column, made into objects only for the
newest articles shown.

Someone quoted in thousands of articles has tens of thousands of quote rows. The count (how many
statements, how many reported) is numpy work over the rows the speaker's names index; the rows
of the newest articles, whole articles until a page is full, are the only ones turned into
quotes. The page is what display_order.newest_statements would pick from every quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from index.answer.display_order import in_display_order, newest_first
from index.answer.quote_columns import QuoteColumns
from index.models import ArticleInfo, ArticleRef, QuoteKind, QuoteRef


def newest_page(
    columns: QuoteColumns | None,
    order: np.ndarray,
    patched: Sequence[QuoteRef],
    names: Sequence[str],
    infos: Mapping[int, ArticleInfo],
    limit: int,
) -> tuple[int, int, list[QuoteRef]]:
    """(statements, reported statements, the newest statements' quotes in display order) of
    the quotes stored under any of `names`: `patched` (objects) and the columns' rows."""
    articles, rows = _rows(columns, order, names)
    numbers, kinds = columns.statement_keys(rows) if columns is not None else (rows, rows)
    reported_code = -2 if columns is None else columns.codes.get(QuoteKind.REPORTED.value, -2)
    keys = {
        (a, n, k == reported_code)
        for a, n, k in zip(articles.tolist(), numbers.tolist(), kinds.tolist(), strict=True)
    }
    keys |= {(r.article.id, r.quote.statement, r.quote.kind is QuoteKind.REPORTED) for r in patched}
    reported = sum(1 for *_, is_reported in keys if is_reported)
    per_article: dict[int, int] = {}
    for article_id, *_ in keys:
        per_article[article_id] = per_article.get(article_id, 0) + 1
    chosen: set[int] = set()
    count = 0
    for article_id in newest_first(infos, per_article):
        if count >= limit:
            break
        chosen.add(article_id)
        count += per_article[article_id]
    shown = [ref for ref in patched if ref.article.id in chosen]
    if columns is not None:
        refs: dict[int, ArticleRef] = {}
        for article_id, row in zip(articles.tolist(), rows.tolist(), strict=True):
            if article_id in chosen:
                article = refs.get(article_id) or refs.setdefault(
                    article_id, ArticleRef(infos[article_id])
                )
                shown.append(QuoteRef(article, columns.quote(row)))
    return len(keys), reported, in_display_order(shown)


def _rows(
    columns: QuoteColumns | None, order: np.ndarray, names: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    found = [] if columns is None else [columns.rows_by(name, order) for name in names if name]
    pairs = [pair for rows in found for pair in rows]
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    both = np.array(pairs, dtype=np.int64)
    return both[:, 0], both[:, 1]
