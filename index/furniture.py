"""Recognize page furniture: captions, credits and site chrome that are not the story.

Such paragraphs are marked at ingest; summaries and retrieval skip them. The rules are data:
exact lines a page prints around a story, and patterns for credits and captions.
"""

from __future__ import annotations

import re

# Whole paragraphs that are site chrome (compared case-insensitively, trailing punctuation off).
FURNITURE_LINES = frozenset(
    line.strip()
    for line in """
    watch live
    live
    advertisement
    advertisements
    sponsored
    sponsored content
    read more
    read more:
    more from the times
    most recent
    most read
    most popular
    all articles
    related
    related articles
    related stories
    recommended
    share
    share this
    share this article
    share on facebook
    share on twitter
    tweet
    email
    print
    comments
    leave a comment
    subscribe
    sign up
    sign up for our newsletter
    skip to content
    skip advertisement
    continue reading
    show comments
    image
    video
    play video
    listen
    back to top
    """.split("\n")
    if line.strip()
)

# Patterns that mark a paragraph as furniture wherever they match it.
FURNITURE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\((?:photo|image|picture|video|credit)s?\s*(?:by|:|credit)[^)]*\)\s*$",
        r"(?:getty images|associated press|reuters|afp|ap photo|shutterstock|epa)\s*\)?\s*$",
        r"^(?:photo|image|picture|credit|caption|file photo)\s*(?:by|:)",
        r"^(?:by|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:,|\||$)",
        r"^(?:updated|published|posted|last updated)\s*:?\s*\w+",
        r"^follow (?:us|me|\w+) on ",
        r"^(?:click|tap) here",
        r"^(?:sign up|subscribe) (?:for|to) ",
        r"^copyright\b|^©",
    )
)

# A dateline caption: "LOS ANGELES, CA - APRIL 08: ..." (capitals, a dash, a date, a colon).
_CAPTION_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,60}\s[-–—]\s[A-Z]+\s+\d{1,2}(?:,\s*\d{4})?:")


def is_furniture(paragraph: str, *, index: int = 0) -> bool:
    """Whether a paragraph is page furniture rather than part of the story."""
    line = paragraph.strip()
    if line.lower().rstrip(" .:!|»›>") in FURNITURE_LINES:
        return True
    if _CAPTION_DATELINE.match(line):
        return True
    return any(pattern.search(line) for pattern in FURNITURE_PATTERNS)
