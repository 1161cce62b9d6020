"""How long a summary is: a named length or a number of sentences, and how many key quotes."""

from __future__ import annotations

from index.errors import InvalidQuestion

SUMMARY_LENGTHS = {"short": (3, 3), "medium": (5, 4), "long": (8, 6)}
MAX_SUMMARY_SENTENCES = 20


def summary_size(length: str | int) -> tuple[int, int]:
    """Map a length ('short', 'medium', 'long' or a number) to (sentences, quotes)."""
    if isinstance(length, str) and length.strip().lower() in SUMMARY_LENGTHS:
        return SUMMARY_LENGTHS[length.strip().lower()]
    try:
        count = int(length)
    except (TypeError, ValueError):
        raise InvalidQuestion(
            f"Length must be short, medium, long or a number, not “{str(length)[:40]}”."
        ) from None
    if not 1 <= count <= MAX_SUMMARY_SENTENCES:
        raise InvalidQuestion(f"Length must be between 1 and {MAX_SUMMARY_SENTENCES} sentences.")
    return count, min(6, max(3, count * 3 // 4))
