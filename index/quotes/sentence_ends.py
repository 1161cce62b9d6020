"""Where the last sentence ends before a point: the one scan of SENTENCE_END that quote
extraction runs most (from every quote back to its sentence's start).

SENTENCE_END (index/quotes/cue_patterns.py) opens with the ending mark, so the engine skips to
the marks in C; tests/index/quotes/test_sentence_ends.py checks the pattern's matches.
(Word alternations such as REPORTS are trees of shared letters: cue_patterns.alternation.)
"""

from __future__ import annotations

from index.quotes.cue_patterns import SENTENCE_END


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
