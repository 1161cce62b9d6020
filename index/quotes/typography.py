"""Read other outlets' typography as the quote rules expect it, without moving a character.

Quote finding and the cue patterns are written for the marks English news mostly uses (" “ ” ' ‘ ’)
and for plain spaces. Other outlets quote with guillemets («…», or »…« in German style), low
marks (‚…‘), reversed or prime marks (‟ ″), full-width marks, and put no-break or thin spaces
where a space goes (« Oui », 12 000). `plain_marks` maps each such character to the one the rules
know, one character for one, so every offset (spans, mentions, paragraphs) stays valid in the
original text, which is where quote texts are then read from.
"""

from __future__ import annotations

import re

# Spaces that separate words like a space: no-break, narrow no-break, thin, figure, en/em, ideographic.
_SPACES = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000"
# Marks with one reading whatever the outlet.
_FIXED = {
    **{space: " " for space in _SPACES},
    "\u201f": "“",  # ‟ double high-reversed-9
    "\u201b": "‘",  # ‛ single high-reversed-9
    "\u201a": "‘",  # ‚ single low-9 (German ‚…‘ opens low)
    "\u2033": '"',  # ″ double prime, typed for a quote mark
    "\u2036": '"',  # ‶ reversed double prime
    "\uff02": '"',  # ＂ full-width
    "\uff07": "'",  # ＇ full-width
    "\u02bc": "’",  # ʼ modifier letter apostrophe ("donʼt")
    "\u00b4": "’",  # ´ acute accent typed for an apostrophe ("don´t")
}
# Guillemets open outward in French, Spanish, Italian and Russian («…», ‹…›), inward in German
# and Danish (»…«, ›…‹).
_OUTWARD = str.maketrans({**_FIXED, "«": "“", "»": "”", "‹": "‘", "›": "’"})
_INWARD = str.maketrans({**_FIXED, "»": "“", "«": "”", "›": "‘", "‹": "’"})
_UNUSUAL = re.compile(f"[«»‹›\u201f\u201b\u201a\u2033\u2036\uff02\uff07\u02bc\u00b4{_SPACES}]")
_FIRST_GUILLEMET = re.compile("[«»]")


def plain_marks(text: str) -> str:
    """Return the text with its quote marks and spaces in the forms the quote rules read, the same
    length as the text (the text itself when it has nothing to map)."""
    if text.isascii():  # known without reading it, and no mark or space mapped here is ASCII
        return text
    unusual = set(_UNUSUAL.findall(text))
    if not unusual:
        return text
    # Which way guillemets open, searched for only when the text has some (most have none).
    first = _FIRST_GUILLEMET.search(text) if "«" in unusual or "»" in unusual else None
    inward = first is not None and first.group(0) == "»" and "«" in text[first.end() :]
    table = _INWARD if inward else _OUTWARD
    # One str.replace per character present, in C: translate looks up every character of the
    # text in the table (2x slower here), and an article has a few such characters at most. No
    # character maps to another that is mapped, so the order of the replacements is
    # free (tests/index/quotes/test_typography.py).
    for char in unusual:
        text = text.replace(char, table[ord(char)])
    return text
