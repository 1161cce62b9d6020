"""A text's quotes or summary without a library: what the batch commands compute per record."""

from __future__ import annotations

from index.models import Quote, SummarySentence
from index.summary.size import summary_size

# Analysis and summaries (scikit-learn) are imported when first used: seconds of start-up.


def extract_quotes(text: str) -> tuple[Quote, ...]:
    """Return the quotes of one text, with their speakers, as an article added would keep them."""
    from index.quotes.analyze import analyze

    return analyze(text).quotes


def summarize_text(
    text: str, *, title: str | None = None, length: str | int = "short"
) -> tuple[tuple[SummarySentence, ...], tuple[Quote, ...]]:
    """Choose one text's summary sentences and key quotes without storing it."""
    from index.quotes.analyze import analyze
    from index.summary.summarize import select

    sentences, quote_count = summary_size(length)
    return select(analyze(text), title=title, sentences=sentences, quotes=quote_count)
