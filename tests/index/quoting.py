"""What the quote tests share: an opening paragraph that names a speaker, and the quotes found."""

from __future__ import annotations

from index.quotes.extract import extract_quotes
from index.text.segment import segment

INTRO = "City Treasurer Mara Quint presented the budget on Monday.\n\n"


def direct(text: str) -> list[tuple[str, str | None]]:
    """(quote text, speaker) of every direct or partial quote in the text."""
    return [(q.text, q.speaker) for q in extract_quotes(segment(text)) if q.is_direct]
