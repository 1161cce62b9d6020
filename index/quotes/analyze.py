"""Turn an article's text into its analysis: paragraphs, sentences, quotes and speakers."""

from __future__ import annotations

from index.models import Analysis
from index.quotes.extract import extract_quotes
from index.quotes.people.speaker_ranker import DEFAULT_RANKER, Ranker
from index.quotes.speakers import speaker_table
from index.text.segment import segment


def analyze(text: str, ranker: Ranker = DEFAULT_RANKER) -> Analysis:
    """Segment the text, extract its quotes and tally its speakers (`ranker`: who names the
    speakers the cue rules leave unknown; `RulesOnly()` for the rules alone)."""
    document = segment(text)
    quotes = extract_quotes(document, ranker)
    return Analysis(document=document, quotes=quotes, speakers=speaker_table(quotes))
