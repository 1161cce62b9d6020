"""An import record made ready to store: checked, decoded, analysed, signed and named.

Everything here is a pure function of the record (no database, no clock), so a bulk import runs
it in worker processes, ahead of the writes and in any order, and gets what `Library.add_text`
would compute for the same record. The decisions that depend on what is stored (duplicate,
near-duplicate, quota) are left to the store, in import order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.errors import ArticlebotError
from index.intake.checks import check_size, check_text, checked_meta, content_hash, derive_title
from index.intake.handback import Packed, analysis_from, packed_analysis
from index.intake.urls import citable_or_none
from index.models import Analysis, ArticleMeta

if TYPE_CHECKING:
    from index.answer.passage_build import CountedPassages
    from index.intake.near_duplicates import Signature


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article to import: text (or raw file bytes) with what is known about it."""

    name: str  # where it came from, for the report: a file name or "line 12"
    meta: ArticleMeta
    text: str | None = None
    data: bytes | None = None  # a file's bytes, decoded by the library by its suffix
    error: str | None = None  # the record could not even be read


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article as `Library.add_text` would store it, before anything is looked up."""

    meta: ArticleMeta  # checked, with a file's own metadata merged under the given one
    title: str  # at most 256 characters: the given title, else one derived from the text
    text: str
    content_hash: str
    analysis: Analysis
    story: Signature  # MinHash of the story text, for near-duplicates
    counted: CountedPassages  # its passages' terms, for the import's index build

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # By value, as models.Sentence is: the default walks the fields of every slotted
        # dataclass it pickles, a worker's result and the parent's reading of it both slower.
        # The analysis as columns (handback.py); its text is the article's, pickled once.
        analysis = self.analysis
        return _prepared_from, (self.meta, self.title, self.text, self.content_hash,
                                analysis.document.text, packed_analysis(analysis), self.story,
                                self.counted)  # fmt: skip


def _prepared_from(
    meta: ArticleMeta, title: str, text: str, content_hash: str, analysed: str, packed: Packed,
    story: Signature, counted: CountedPassages,
) -> Prepared:
    """Rebuild a pickled Prepared (`analysed`: its document's text)."""
    return Prepared(meta, title, text, content_hash, analysis_from(analysed, packed), story,
                    counted)  # fmt: skip


def prepare(item: ImportItem, max_bytes: int) -> Prepared | str:
    """Make one record ready to store, or return why it cannot be (the failure's one line).

    The checks and their order are `Library.add_file`'s and `add_text`'s, so the same record
    fails with the same reason. Analysis raising on text it should have handled (a bug) fails
    that record alone rather than the whole import.
    """
    try:
        if item.error:
            raise ArticlebotError(item.error)
        text, meta = item.text or "", item.meta
        if item.data is not None:
            from index.intake.html import extract_file

            check_size(len(item.data), max_bytes)
            extracted = extract_file(item.name, item.data)
            text, meta = extracted.text, merge_meta(extracted.meta, item.meta)
        meta = checked_meta(meta)
        check_text(text, limit=max_bytes)
    except ArticlebotError as error:
        return error.message
    return _analysed(text, meta)


def _analysed(text: str, meta: ArticleMeta) -> Prepared | str:
    from index.answer.passage_build import count_passages
    from index.intake.story_signatures import story_signature, story_words
    from index.quotes.analyze import analyze

    try:
        analysis = analyze(text)
        words = story_words(analysis.document)  # split once, for the signature and the terms
        story = story_signature(analysis.document, words)
    except Exception as error:
        return f"it could not be analysed ({type(error).__name__}: {str(error)[:200]})"
    title = (meta.title or "").strip() or derive_title(analysis.document)
    counted = count_passages(text, analysis.document, words)
    return Prepared(meta, title[:256], text, content_hash(text), analysis, story, counted)


def prepare_many(items: list[ImportItem], max_bytes: int) -> list[Prepared | str]:
    """Prepare a chunk of records in order (one task for a worker process)."""
    return [prepare(item, max_bytes) for item in items]


def merge_meta(found: ArticleMeta, given: ArticleMeta | None) -> ArticleMeta:
    """Prefer what the caller gave over what extraction found, field by field."""
    found = replace(found, url=citable_or_none(found.url))  # a page's own link may be junk
    if given is None:
        return found
    return ArticleMeta(
        **{
            name: getattr(given, name) or getattr(found, name)
            for name in ArticleMeta.__dataclass_fields__
        }
    )
