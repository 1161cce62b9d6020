"""Extractive summaries: an article's key sentences and key quotes."""
