"""Turn an HTML page or an attached file into an article's text and metadata.

trafilatura finds the main text (dropping navigation, share buttons, captions, related-story
boxes, comments and cookie banners) and the metadata; this module decodes the bytes, keeps
paragraphs apart with blank lines, and refuses pages whose text is too short to be an article.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

import charset_normalizer
import trafilatura

from index.errors import FetchError, NotText, UnsupportedFile
from index.intake.urls import short
from index.models import ArticleMeta

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})

# A page is an article when its prose (paragraphs of at least PROSE_WORDS words) reaches
# MIN_PROSE_CHARS: a two-sentence news brief passes, a menu or a list of headlines does not.
PROSE_WORDS = 8
MIN_PROSE_CHARS = 200

# A paragraph this long (in words, then characters) found again inside a longer paragraph is a
# pull quote: the article already says it in full. Shorter repeats may be real subheadings.
PULL_QUOTE_WORDS = 6
PULL_QUOTE_CHARS = 300

# How much of a page to scan for <meta charset>: the HTML standard's prescan reads 1024 bytes;
# we read more because real pages put scripts and styles first.
META_SCAN_BYTES = 4096

# Labels that the web treats as windows-1252 (the WHATWG Encoding standard), since pages that
# say latin-1 nearly always use the curly quotes and dashes only windows-1252 has.
WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",  # XHTML's declaration
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")
_QUOTE_MARKS = "\"'“”‘’«»„"


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article's text (paragraphs separated by blank lines) and what is known about it."""

    text: str
    meta: ArticleMeta


def codec_name(label: str | None) -> str | None:
    """Return Python's codec for a charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in WINDOWS_1252_ALIASES:
        return "cp1252"
    # A page that reached us as ASCII-compatible bytes cannot really be UTF-16 (HTML standard).
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def meta_charset(data: bytes) -> str | None:
    """Return the charset a page declares (<meta charset>, <meta http-equiv>, <?xml?>), if any."""
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if match is None:
        return None
    return codec_name((match.group(1) or match.group(2)).decode("ascii"))


def _bom(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _detect(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data[:200_000])
    best = matches.best()
    if best is None:
        return None
    # Short Western text often scores the same in windows-1250 and windows-1252 ("è" becomes
    # "č"); on a tie prefer windows-1252, the web's own legacy default.
    tied = {
        codec_name(match.encoding)
        for match in matches
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
    }
    return "cp1252" if "cp1252" in tied else codec_name(best.encoding)


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    """Decode a page: byte-order mark, then the HTTP header, the page's meta tag, UTF-8, detection.

    A declared charset that does not decode cleanly is tried last again with replacement
    characters, as browsers do, rather than failing the whole page.
    """
    declared = [codec_name(header_charset), meta_charset(data)]
    candidates = [_bom(data), *declared, "utf-8"]
    for codec in candidates:
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    fallback = _detect(data) or next((c for c in declared if c), None) or "cp1252"
    return data.decode(fallback, errors="replace")


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS
    )
    return "\x00" in sample or controls > len(sample) // 100


def decode_text(data: bytes, name: str = "The file") -> str:
    """Decode a text file: byte-order mark, UTF-8, then detection; refuse binary bytes."""
    codec = _bom(data)
    if codec is None and b"\x00" in data[:8192]:
        raise NotText(name)
    text: str | None = None
    for candidate in (codec, "utf-8"):
        if candidate is None:
            continue
        try:
            text = data.decode(candidate)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        detected = _detect(data)
        if detected is None:
            raise NotText(name)
        text = data.decode(detected, errors="replace")
    if _looks_binary(text):
        raise NotText(name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _comparable(line: str) -> str:
    return line.strip(_QUOTE_MARKS + " .").casefold()


def _is_pull_quote(line: str, others: list[str]) -> bool:
    if len(line.split()) < PULL_QUOTE_WORDS or len(line) >= PULL_QUOTE_CHARS:
        return False
    key = _comparable(line)
    return any(len(other) > len(line) and key in other.casefold() for other in others)


def paragraphs_of(text: str, title: str | None) -> list[str]:
    """Split trafilatura's text into paragraphs, dropping a repeated headline and pull quotes."""
    lines = [cleaned for line in text.splitlines() if (cleaned := _clean_line(line))]
    if lines and title and _comparable(lines[0]) == _comparable(title):
        lines = lines[1:]
    kept = []
    for index, line in enumerate(lines):
        if _is_pull_quote(line, [other for at, other in enumerate(lines) if at != index]):
            continue
        kept.append(line)
    return kept


def _prose_chars(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs if len(p.split()) >= PROSE_WORDS)


def _date_params() -> dict[str, object]:
    # No extensive search: it guesses dates from copyright lines and URLs ("© 2024" became
    # 1 January 2024), and a wrong date is worse than none.
    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    return {"original_date": True, "extensive_search": False, "max_date": today}


def extract(html: str, *, url: str | None = None, source: str | None = None) -> ExtractedArticle:
    """Return the article in `html`, or raise FetchError when the page holds no article text.

    `url` is where the page came from (it wins over the page's canonical link); `source` names
    the page in the error message when there is no URL (e.g. an attachment's file name).
    """
    where = f"at {short(url)}" if url else f"in {source}" if source else "in the page"
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_date_params(),
    )
    if document is None or isinstance(document, dict):
        raise FetchError(f"no article text found {where}")
    title = _clean_line(document.title or "") or None
    paragraphs = paragraphs_of(document.text or "", title)
    if _prose_chars(paragraphs) < MIN_PROSE_CHARS:
        raise FetchError(f"no article text found {where}")
    page_url = (
        document.url if document.url and document.url.startswith(("http://", "https://")) else None
    )
    meta = ArticleMeta(
        title=title,
        url=url or page_url,
        outlet=_clean_line(document.sitename or "") or None,
        author=_clean_line(document.author or "") or None,
        published=document.date or None,
    )
    return ExtractedArticle(text="\n\n".join(paragraphs), meta=meta)


def _markdown_title(text: str) -> str | None:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first.startswith("# "):
        return None
    return first.lstrip("#").strip() or None


def extract_file(name: str, data: bytes) -> ExtractedArticle:
    """Return the article in an attached file: .html/.htm extracted like a page, .txt/.md as text."""
    suffix = PurePath(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        if b"\x00" in data[:8192] and _bom(data) is None:
            raise NotText(name)
        return extract(decode_html(data), source=name)
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFile(name)
    text = decode_text(data, name).strip()
    title = _markdown_title(text) if suffix != ".txt" else None
    return ExtractedArticle(text=text, meta=ArticleMeta(title=title))
