"""What the library counts and shows: statements, not the segments they are quoted in.

- A *segment* is one span of an article: the words between one pair of quote marks, or one
  reported clause. `extract` prints one record per segment (`Quote`).
- A *statement* is what one speaker said at one place: one segment, or several quoted around
  "he said", which share a `statement` number. A statement is *quoted* when its words are in
  quote marks (direct, or a partial quote inside a paraphrase) and *reported* when the article
  paraphrases it without marks.

Every count shown to a reader (`list`, a summary's "Who is quoted", an answer's headline) counts
statements, and every answer shows a statement whole: its segments, each verbatim, joined by an
ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from index.models import AnswerItem, Quote, QuoteKind

T = TypeVar("T")

ELLIPSIS = " … "  # between the segments of one statement, as a reader quotes a split quote

# SQL for the key of a quote row's statement: the numbers of reported statements and of
# quoted ones are apart only by kind (the same expression in SQLite and PostgreSQL).
STATEMENT_KEY_SQL = "q.statement * 2 + (CASE WHEN q.kind = 'reported' THEN 1 ELSE 0 END)"


def statement_key(quote: Quote) -> tuple[int, bool]:
    """Return a quote's statement key: quoted and reported statements are numbered apart."""
    return quote.statement, quote.kind is QuoteKind.REPORTED


def count(quotes: Iterable[Quote]) -> tuple[int, int]:
    """(quoted statements, reported statements) among the segments: the distinct
    `statement_key`s of each kind, counted without a call a segment (a bulk import counts every
    article's, and each speaker's)."""
    reported = QuoteKind.REPORTED
    listed = list(quotes)  # read twice
    return (
        len({q.statement for q in listed if q.kind is not reported}),
        len({q.statement for q in listed if q.kind is reported}),
    )


def describe(quoted: int, reported: int) -> str:
    """'17 statements (8 quoted, 9 reported)': the count, and which."""
    total = quoted + reported
    words = f"{total} statement{'s' * (total != 1)}"
    if quoted and reported:
        return f"{words} ({quoted} quoted, {reported} reported)"
    return f"{words} ({'quoted' if quoted else 'reported'})" if total else words


def plural(total: int) -> str:
    """'1 statement', '17 statements'."""
    return f"{total} statement{'s' * (total != 1)}"


def grouped(items: Sequence[T], key: Callable[[T], object | None]) -> list[list[T]]:
    """Consecutive items with one statement key (None: never grouped) as one group each."""
    groups: list[list[T]] = []
    last: object | None = None
    for item in items:
        this = key(item)
        if groups and this is not None and this == last:
            groups[-1].append(item)
        else:
            groups.append([item])
        last = this
    return groups


def joined(segments: Iterable[str]) -> str:
    """Return a statement's segments as one quotation, each segment verbatim."""
    return ELLIPSIS.join(segments)


def quote_groups(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Group a summary's key quotes into statements: consecutive segments of one statement."""
    return grouped(quotes, statement_key)


def item_groups(items: Sequence[AnswerItem]) -> list[list[AnswerItem]]:
    """Return an answer's items as statements: consecutive segments of one statement in one article
    together; a passage (no quote) alone."""
    return grouped(
        items, lambda i: (i.article.id, *statement_key(i.quote)) if i.quote is not None else None
    )
