"""Turn an article's text into its analysis: paragraphs, sentences, quotes and speakers."""

from __future__ import annotations

from index.models import Analysis
from index.quotes.extract import extract_quotes, speaker_table
from index.text.segment import segment


def analyze(text: str) -> Analysis:
    """Segment the text, extract its quotes and tally its speakers."""
    document = segment(text)
    quotes = extract_quotes(document)
    return Analysis(document=document, quotes=quotes, speakers=speaker_table(quotes))
