"""Where the last sentence ends before a point: the one scan of SENTENCE_END that quote
extraction runs most (from every quote back to its sentence's start).

SENTENCE_END (index/quotes/cue_patterns.py) opens with the ending mark, so the engine skips to
the marks in C; tests/index/quotes/test_sentence_ends.py checks the pattern's matches.
(Word alternations such as REPORTS are trees of shared letters: cue_patterns.alternation.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.quotes.cue_patterns import SENTENCE_END

if TYPE_CHECKING:  # marks.py imports this module
    from index.quotes.marks import Span


def last_sentence_end(text: str, start: int, end: int) -> int:
    """Where the last SENTENCE_END match in text[start:end] finishes (`start` if none does)."""
    found = start
    for match in SENTENCE_END.finditer(text, start, end):
        found = match.end()
    return found


def has_content(gap: str) -> bool:
    """Whether prose other than the cue stands between two quotes (a new sentence of narrative)."""
    stripped = gap.strip(" ,.;:\"“”'’")
    if not stripped:
        return False
    return (
        (len(SENTENCE_END.findall(gap)) > 0
        and not gap.rstrip().endswith((".", ",")))
        or (len(stripped.split()) > 8)
    )


def clause_start(text: str, span: Span, previous: Span | None) -> int:
    """Where the sentence holding the opening mark starts (not before the previous quote)."""
    floor = span.paragraph.start
    if previous is not None and previous.paragraph is span.paragraph:
        floor = max(floor, previous.after_at)
        # `…going." Keane frontman Tom Chaplin thanked …`: the quote ended its sentence
        if floor == previous.after_at and text[previous.start : previous.end].rstrip()[-1:] in (".", "!", "?"):
            floor += len(text[floor : span.open_at]) - len(text[floor : span.open_at].lstrip())
    return last_sentence_end(text, max(floor, span.open_at - 400), span.open_at + 1)
