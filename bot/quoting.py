"""How a quote's words are shown, the same in the terminal and on Discord."""

from __future__ import annotations


def quote_words(text: str) -> str:
    """A quote's words on one line, without the comma (or colon) that led back into the sentence.

    Trimming only the end keeps the words a verbatim slice of the article.
    """
    return " ".join(text.split()).rstrip(",;: ")
