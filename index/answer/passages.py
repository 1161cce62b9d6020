"""The retrievable passages of articles: paragraphs, or sentence windows of long paragraphs.

A passage is what an open answer quotes, so it must be short enough to read in a chat: a
paragraph up to PARAGRAPH_CHARS is one passage; a longer one (a text pasted without blank
lines is one paragraph) is cut into windows of consecutive sentences, up to WINDOW_SENTENCES
sentences and about WINDOW_CHARS characters each. Windows do not overlap and keep the article's
offsets, so every passage is still a verbatim slice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from index.models import Article, Document, Paragraph, Passage
from index.text.headline import headline

PARAGRAPH_CHARS = 600
WINDOW_CHARS = 600
WINDOW_SENTENCES = 4


def passages_of(articles: Sequence[Article]) -> tuple[list[Passage], list[str]]:
    """Return the retrievable passages of articles, with their texts."""
    passages: list[Passage] = []
    texts: list[str] = []
    for article in articles:
        for paragraph, start, end in spans_of(article.analysis.document):
            passages.append(Passage(article.id, paragraph, start, end))
            texts.append(article.text[start:end])
    return passages, texts


def spans_of(document: Document) -> Iterator[tuple[int, int, int]]:
    """(paragraph index, start, end) of each retrievable passage of an analysed text."""
    top = headline(document)
    for paragraph in document.paragraphs:
        # The headline is shown as the title; as a passage it would outrank the story.
        if paragraph.furniture or paragraph is top:
            continue
        for start, end in windows(paragraph):
            yield paragraph.index, start, end


def windows(paragraph: Paragraph) -> Iterator[tuple[int, int]]:
    """(start, end) of each passage of a paragraph: itself, or its sentence windows."""
    sentences = paragraph.sentences
    if paragraph.end - paragraph.start <= PARAGRAPH_CHARS or len(sentences) < 2:
        yield paragraph.start, paragraph.end
        return
    first = last = sentences[0]
    count = 1
    for sentence in sentences[1:]:
        if count == WINDOW_SENTENCES or sentence.end - first.start > WINDOW_CHARS:
            yield first.start, last.end
            first, count = sentence, 0
        last = sentence
        count += 1
    yield first.start, last.end
