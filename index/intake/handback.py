"""An article's analysis as a bulk import's worker hands it back: columns, not objects.

Pickled object by object, each of an article's fifty-odd sentences and paragraphs and dozen
quotes cost the worker a `__reduce__` call and the import's process a dataclass `__init__` (a
Python frame and a `object.__setattr__` a field). As columns (the numbers in one list,
the quotes' fields as tuples) they are read out by `attrgetter` maps, and the objects are made
again by `object.__new__` and filled field by field by the slots' own setters, all in maps that
run in C: the same frozen objects, equal field for field, for some 0.2M fewer instructions an
article. `__init__` does nothing but set the fields, so skipping it loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from itertools import accumulate, chain, repeat
from operator import attrgetter
from typing import TypeVar

from index.models import Analysis, Document, Paragraph, Quote, Sentence, Speaker

Packed = tuple[list[int], tuple[tuple[object, ...], ...], tuple[Speaker, ...]]
_T = TypeVar("_T")

_SENTENCES = attrgetter("sentences")
_PARAGRAPH_NUMBERS = tuple(map(attrgetter, ("index", "start", "end", "furniture")))
_SENTENCE_FIELDS = tuple(map(attrgetter, ("start", "end")))
_QUOTE_FIELDS = tuple(attrgetter(field.name) for field in fields(Quote))


def packed_analysis(analysis: Analysis) -> Packed:
    """Pack the analysis less its text: the paragraphs' index, start, end, furniture flag and
    sentence count, then every sentence's start and end, in one list of numbers (column by
    column, the paragraph count first; pickled as a list, each a few bytes, where an array's
    items were each parsed on the way in); the quotes' fields as one tuple a field; the
    speakers as they are."""
    paragraphs = analysis.document.paragraphs
    sentences = list(chain.from_iterable(map(_SENTENCES, paragraphs)))
    numbers = [len(paragraphs)]
    for column in _PARAGRAPH_NUMBERS:
        numbers += map(column, paragraphs)
    numbers += map(len, map(_SENTENCES, paragraphs))
    for column in _SENTENCE_FIELDS:
        numbers += map(column, sentences)
    quotes = tuple(tuple(map(field, analysis.quotes)) for field in _QUOTE_FIELDS)
    return numbers, quotes, analysis.speakers


def analysis_from(text: str, packed: Packed) -> Analysis:
    """Rebuild the analysis `packed_analysis` packed, of the article whose text this is."""
    columns, quote_fields, speakers = packed
    count = columns[0]
    index, starts, ends, furniture, sizes = (
        columns[1 + i * count : 1 + (i + 1) * count] for i in range(5)
    )
    bounds = columns[1 + 5 * count :]
    half = len(bounds) // 2
    sentences = _made(Sentence, half, (bounds[:half], bounds[half:]))
    cuts = list(accumulate(sizes, initial=0))
    grouped = list(map(tuple, map(sentences.__getitem__, map(slice, cuts, cuts[1:]))))
    paragraphs = _made(
        Paragraph, count, (index, starts, ends, grouped, list(map(bool, furniture)))
    )
    quotes = _made(Quote, len(quote_fields[0]), quote_fields)
    return Analysis(Document(text, tuple(paragraphs)), tuple(quotes), speakers)


def _made(kind: type[_T], count: int, columns: Sequence[Sequence[object]]) -> list[_T]:
    """`count` new instances of a slotted dataclass, its fields set from the columns in field
    order by each slot's setter (a frozen dataclass refuses `setattr`, not its slots)."""
    made: list[_T] = list(map(object.__new__, repeat(kind, count)))
    for field, column in zip(fields(kind), columns, strict=True):  # type: ignore[arg-type]
        any(map(getattr(kind, field.name).__set__, made, column))  # each returns None
    return made
