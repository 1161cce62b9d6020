"""Split an article into paragraphs and sentences without changing a character of it.

Offsets always point into the original text. The sentence splitter is written for news prose:
abbreviations and initials (Mr., U.S., Gen., John F. Kennedy), closing quote marks that belong to
the sentence they end, and quotes that run over several sentences.
"""

from __future__ import annotations

import re

from index.furniture import is_furniture
from index.lexicon import ABBREVIATIONS
from index.models import Document, Paragraph, Sentence

# A paragraph is a run of non-blank lines when the text is hard-wrapped, else one line.
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")

# End of a sentence: terminal punctuation, then any closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_OPENERS = "\"'“‘«([—–-"
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def segment(text: str) -> Document:
    """Return the article's paragraphs, each with its sentences and furniture flag."""
    paragraphs: list[Paragraph] = []
    for start, end in _paragraph_spans(text):
        sentences = tuple(split_sentences(text, start, end))
        if not sentences:
            continue
        furniture = is_furniture(text[start:end], index=len(paragraphs))
        paragraphs.append(Paragraph(len(paragraphs), start, end, sentences, furniture))
    return Document(text, tuple(paragraphs))


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    blocks = _blocks(text)
    if _is_hard_wrapped(text, blocks):
        return [span for span in (_strip(text, s, e) for s, e in blocks) if span]
    return [span for span in (_strip(text, m.start(), m.end()) for m in _LINE.finditer(text)) if span]


def _blocks(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BLANK_LINE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_hard_wrapped(text: str, blocks: list[tuple[int, int]]) -> bool:
    """Whether blank lines separate paragraphs whose lines were wrapped mid-sentence."""
    wrapped = total = 0
    for start, end in blocks:
        lines = [line for line in text[start:end].split("\n") if line.strip()]
        total += len(lines)
        wrapped += sum(1 for line in lines[:-1] if not _TERMINAL.search(line.rstrip()[-2:] or "."))
    return total > 0 and wrapped / total > 0.3


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split text[start:end] into sentences; their offsets are into `text`."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    sentence_start = start
    for match in _TERMINAL.finditer(text, start, end):
        boundary = match.end()
        if boundary >= end:
            break
        if _is_boundary(text, match.start(), boundary, end):
            span = _strip(text, sentence_start, boundary)
            if span:
                sentences.append(Sentence(*span))
            sentence_start = boundary
    span = _strip(text, sentence_start, end)
    if span:
        sentences.append(Sentence(*span))
    return sentences


def _is_boundary(text: str, mark: int, boundary: int, end: int) -> bool:
    if not text[boundary].isspace():
        return False
    following = boundary
    while following < end and text[following].isspace():
        following += 1
    if following >= end:
        return False
    nxt = text[following]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if text[mark] == "." and _ends_with_abbreviation(text, mark, nxt):
        return False
    return True


def _ends_with_abbreviation(text: str, period: int, next_char: str) -> bool:
    word = _WORD_BEFORE.search(text, max(0, period - 20), period)
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: "John F. Kennedy"
    if token.lower() in ABBREVIATIONS:
        return True
    # "U.S." or "a.m." before a capital is usually mid-sentence; before a digit it never ends one.
    return "." in token and (next_char.isupper() or next_char.isdigit())
