"""Where the sentence holding a quote's opening mark starts: the words before the mark that
may frame it (a cue, a subject), never reaching back past the quote before it."""

from __future__ import annotations

from index.quotes.marks import Span
from index.quotes.sentence_ends import last_sentence_end


def clause_start(text: str, span: Span, previous: Span | None) -> int:
    """Where the sentence holding the opening mark starts (not before the previous quote)."""
    floor = span.paragraph.start
    if previous is not None and previous.paragraph is span.paragraph:
        floor = max(floor, previous.after_at)
        # `…going." Keane frontman Tom Chaplin thanked …`: the quote ended its sentence
        if floor == previous.after_at and text[previous.start : previous.end].rstrip()[-1:] in (".", "!", "?"):
            floor += len(text[floor : span.open_at]) - len(text[floor : span.open_at].lstrip())
    return last_sentence_end(text, max(floor, span.open_at - 400), span.open_at + 1)
