"""Check text offered as an article before anything is stored, and name it.

Refusals are clear one-line errors; accepted text is kept exactly as given.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import fields, replace

from index.errors import ArticleTooLarge, EmptyArticle, InvalidArticle, NotText
from index.intake.urls import citable
from index.models import ArticleMeta, Document
from index.text.headline import headline

DEFAULT_MAX_BYTES = 2_000_000
_WHITESPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Unicode's control characters (category Cc is exactly U+0000-U+001F and U+007F-U+009F) bar
# the whitespace ones, as Latin-1 bytes: counted in C instead of a unicodedata look-up each.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)])


def user_text(text: str) -> str:
    r"""Make a user's short input (a question, a reference, a name) safe to match and store.

    A lone surrogate (from a bad decode, or JSON's "\ud800") is no character at all and cannot
    be encoded as UTF-8, so SQLite would raise on it: it is dropped. An article's own text is
    refused instead (see check_text), since its quotes must stay verbatim.
    """
    return _SURROGATE.sub("", text)


def checked_meta(meta: ArticleMeta) -> ArticleMeta:
    """Check an article's metadata: its text fields made safe and its link validated."""
    cleaned: dict[str, str | None] = {
        f.name: user_text(value)
        for f in fields(meta)
        if isinstance(value := getattr(meta, f.name), str)
    }
    url = cleaned.get("url")
    cleaned["url"] = citable(url) if url and url.strip() else None
    return replace(meta, **cleaned)


def check_size(size: int, limit: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a body larger than the limit before it is decoded or read further."""
    if size > limit:
        raise ArticleTooLarge(size, limit)


def check_text(text: str, *, limit: int = DEFAULT_MAX_BYTES, name: str = "The text") -> None:
    """Refuse empty, oversized, binary-looking or unencodable text."""
    if not text.strip():
        raise EmptyArticle
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:  # lone surrogates from a bad decode
        raise InvalidArticle(
            f"{name} holds characters that are not valid Unicode: save it as UTF-8 and retry."
        ) from error
    check_size(size, limit)
    if "\x00" in text or _control_share(text) > 0.01:
        raise NotText(name)
    if not _LETTER.search(text):
        raise EmptyArticle


def _control_share(text: str) -> float:
    """Return the share of control characters in the text's first 100,000, counted on its
    Latin-1 bytes (every character past U+00FF, none a control, left out) by deleting them: two
    passes in C, a few instructions a character, where a regular expression's scan ran its
    class test on every one."""
    sample = text[:100_000]
    latin = sample.encode("latin-1", "ignore")
    return (len(latin) - len(latin.translate(None, _CONTROL_BYTES))) / len(sample)


def content_hash(text: str) -> str:
    """Hash the text with whitespace folded, so re-pasted copies count as the same article."""
    folded = " ".join(text.split())  # str.split() folds the same whitespace as \s
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def derive_title(document: Document) -> str:
    """Name an article that came without a title: its headline, else its opening words."""
    top = headline(document)
    story = document.story_paragraphs()
    if top is None and not story:
        return "Untitled article"
    first = (top or story[0]).sentences[0]
    return _shorten(_WHITESPACE.sub(" ", document.text[first.start : first.end]).strip())


def _shorten(line: str, limit: int = 100) -> str:
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit - 1)
    return line[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
