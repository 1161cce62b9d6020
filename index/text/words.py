r"""The words of a text as `re.findall(r"\w+", text)` finds them, in half its time.

Near-duplicate shingles and passage terms split every article's whole text into words; the
regex engine's time a character was most of that (`split_words`). Who-said folds every quote
to its words with their inner apostrophes (`apostrophe_words`), the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
_APOSTROPHE_WORD = re.compile(r"\w+(?:'\w+)*")

# Bytes as they are, but for ASCII ones that are not word characters: those become spaces.
_ASCII_WORDS = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or chr(byte) == "_" else ord(" ")
    for byte in range(256)
)
# The same, but for the apostrophe, kept.
_ASCII_WORDS_APOSTROPHES = _ASCII_WORDS[: ord("'")] + b"'" + _ASCII_WORDS[ord("'") + 1 :]


def split_words(text: str) -> list[str]:
    """`_WORD.findall(text)`: ASCII characters that are not word characters become spaces in
    one pass over the UTF-8 bytes, and `split` cuts there and at any other space (no space is
    a word character). A piece is then one word if it is ASCII; only one holding other
    characters, which may or may not be word characters, goes through the regex."""
    spaced = text.encode("utf-8", "surrogatepass").translate(_ASCII_WORDS)
    pieces = spaced.decode("utf-8", "surrogatepass").split()
    if spaced.isascii():
        return pieces
    words: list[str] = []
    for piece in pieces:
        if piece.isascii():
            words.append(piece)
        else:
            words += _WORD.findall(piece)
    return words


def apostrophe_words(text: str) -> list[str]:
    """`_APOSTROPHE_WORD.findall(text)`: words with the apostrophes between their letters
    ("don't"), cut as `split_words` cuts (a match never holds a space or an ASCII character
    other than a word character or an apostrophe, so it lies within one piece); a piece with an
    apostrophe or a character not ASCII goes through the regex. A third of folding a quote."""
    spaced = text.encode("utf-8", "surrogatepass").translate(_ASCII_WORDS_APOSTROPHES)
    pieces = spaced.decode("utf-8", "surrogatepass").split()
    if spaced.isascii() and b"'" not in spaced:
        return pieces
    words: list[str] = []
    for piece in pieces:
        if piece.isascii() and "'" not in piece:
            words.append(piece)
        else:
            words += _APOSTROPHE_WORD.findall(piece)
    return words


def span_words(text: str, spans: Iterable[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """Return the lower-cased words of each (start, end) span of the text, by span: split once
    for all who need them (an article's story signature and its passages' terms). A span
    lower-cased alone is lower-cased as in a longer text where a line break bounds it (no case
    mapping looks past one), as a paragraph is in the story the signature reads."""
    return {(start, end): split_words(text[start:end].lower()) for start, end in spans}
