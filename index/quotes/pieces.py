"""Where a paragraph stands among an article's pieces: its paragraphs with the text between
them as plain pieces (what quote extraction walks), and the paragraph before one."""

from __future__ import annotations

import bisect

from index.models import Document, Paragraph


def index_of(paragraphs: list[Paragraph], paragraph: Paragraph) -> int:
    """Where the first paragraph starting at or after this one's start stands: the paragraph
    itself, at its own index when no furniture was left out before it (read first: most
    articles have none, and the search calls its key in Python)."""
    at = paragraph.index
    if 0 <= at < len(paragraphs) and paragraphs[at] is paragraph and (
        at == 0 or paragraphs[at - 1].start < paragraph.start
    ):
        return at
    return bisect.bisect_left(paragraphs, paragraph.start, key=lambda p: p.start)


def previous_start(paragraphs: list[Paragraph], paragraph: Paragraph) -> int:
    """Return where the piece before this paragraph starts (its own start when it is first)."""
    index = index_of(paragraphs, paragraph)
    return paragraphs[index - 1].start if index else paragraph.start


def with_gaps(document: Document) -> list[Paragraph]:
    """Return the paragraphs plus the text between them as plain pieces, covering the whole text."""
    pieces: list[Paragraph] = []
    position = 0
    for paragraph in document.paragraphs:
        if paragraph.start > position:
            pieces.append(Paragraph(-1, position, paragraph.start, ()))
        pieces.append(paragraph)
        position = paragraph.end
    if position < len(document.text):
        pieces.append(Paragraph(-1, position, len(document.text), ()))
    return pieces
