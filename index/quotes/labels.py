"""Labels in capitals before a colon ("EXPERT VERDICT: '…'", "CLAIMS: …"): a product review's or
a fact box's heading, not a person (issue 18, read outside the dev sets).

A transcript's "PENCE: '…'" names someone the article also writes in ordinary case ("Mike
Pence"); a heading's words ("VERDICT") never appear so. An all-capital run before a colon is a
name only when its last word appears in the text with only its first letter capital.
"""

from __future__ import annotations

import re

from index.quotes.people.mentions import parse_name


def shouted_label(text: str, run: str) -> bool:
    """Tell a run in capitals ("EXPERT VERDICT") that the article never writes as a name."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", run)
    if not words or not all(word.isupper() and len(word) > 1 for word in words):
        return False  # not a run in capitals ("Daron Shaw"), or initials ("J. R.")
    last = words[-1].rstrip("'’")
    name = last[0] + last[1:].lower()  # "PENCE" -> "Pence", "O'NEILL" -> "O'neill"
    return re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE if "'" in name else 0) is None


def names_someone(text: str, run: str, heading: bool = True) -> bool:
    """Tell a run that names a speaker: a name and, where it may be a heading (before a colon),
    not a heading in capitals."""
    return parse_name(run) is not None and not (heading and shouted_label(text, run))
