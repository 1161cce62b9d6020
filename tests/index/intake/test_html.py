"""HTML pages and attachments give the article's own text and metadata, or a clear error."""

from __future__ import annotations

import codecs

import pytest

from index.errors import FetchError, NotText, UnsupportedFile
from index.intake.html import (
    codec_name,
    decode_html,
    decode_text,
    extract,
    extract_file,
    meta_charset,
)
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"

# Page furniture that must not reach the article text, whichever page it came from.
FURNITURE = (
    "cookie",
    "Cookie",
    "Subscribe",
    "Share on",
    "Facebook",
    "WhatsApp",
    "Related stories",
    "Most read",
    "Mooring fees could rise",
    "Flood warnings",
    "Photo:",
    "Image:",
    "Sign up",
    "Comments",
    "harbor_rat",
    "railfan77",
    "Best croissants",
    "All rights reserved",
    "Read more",
    "Topics:",
    "Bridge repairs",
    "Tweet",
    "Advertisement",
    "partners",
)

ARTICLES = [
    (
        "harbor-dredging.html",
        "Council approves $4.2 million harbor dredging plan",
        "The Lakeside Ledger",
        "Marisol Okafor",
        "2024-03-14",
        "The Port Alder city council voted 5-2 on Thursday night",
        "The council will hear bids from contractors at its meeting on April 11.",
        7,
    ),
    (
        "rail-strike.html",
        "Rail workers vote to strike over depot closures",
        "Northern Wire",
        "Tomasz Byrne",
        "2023-11-02",
        "Maintenance workers at three regional rail depots have voted to strike",
        "No dates for strike action have been announced. "
        "The union must give two weeks’ notice before any walkout.",
        7,  # six paragraphs and the "Jobs moved south" subheading; the pull quote is dropped
    ),
    (
        "cafe-terrace-cp1252.html",
        "Café owner wins fight over terrace",
        "Valley Courier",
        "Renée Castellanos",
        "2019-06-21",
        "José Müller can keep the six tables outside Café Lumière",
        "Coffee on the terrace will stay at €2.40 a cup, Müller added, “for now.”",
        5,
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "outlet", "author", "date", "first", "last", "count"), ARTICLES
)
def test_extracts_article_and_metadata(name, title, outlet, author, date, first, last, count):
    article = extract_file(name, (PAGES / name).read_bytes())
    paragraphs = article.text.split("\n\n")
    meta = article.meta
    assert (meta.title, meta.outlet, meta.author, meta.published) == (title, outlet, author, date)
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1] == last
    assert len(paragraphs) == count
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)
    for furniture in FURNITURE:
        assert furniture not in article.text, furniture


def test_headline_and_pull_quote_are_not_repeated_in_the_text():
    article = extract_file("rail.html", (PAGES / "rail-strike.html").read_bytes())
    assert not article.text.startswith("Rail workers vote to strike")
    assert article.text.count("Nobody asked the people who fix the trains") == 1


def test_url_argument_wins_and_canonical_link_is_the_fallback():
    html = (PAGES / "harbor-dredging.html").read_text(encoding="utf-8")
    given = extract(html, url="https://mirror.example/harbor")
    assert given.meta.url == "https://mirror.example/harbor"
    canonical = "https://www.lakesideledger.example/news/2024/03/14/harbor-dredging-vote"
    assert extract(html).meta.url == canonical


@pytest.mark.parametrize(
    "html",
    [
        (PAGES / "section-front.html").read_text(encoding="utf-8"),
        "",
        "<html><body><p>Too short.</p></body></html>",
        "<html><body><nav><a href=/a>Home</a> <a href=/b>News</a></nav></body></html>",
    ],
)
def test_no_article_is_a_clear_error(html):
    with pytest.raises(FetchError, match=r"no article text found at https://news\.example/x"):
        extract(html, url="https://news.example/x")


def test_no_article_in_a_file_names_the_file():
    with pytest.raises(FetchError, match=r"no article text found in front\.html"):
        extract_file("front.html", (PAGES / "section-front.html").read_bytes())


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("windows-1252", "cp1252"),
        ("UTF-8", "utf-8"),
        ("'utf8'", "utf-8"),
        ("utf-16le", "utf-8"),
        ("shift_jis", "shift_jis"),
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_codec_name(label, codec):
    assert codec_name(label) == codec


CAFE = "Café “Lumière” – €2"


@pytest.mark.parametrize(
    ("data", "header", "expected"),
    [
        # The meta tag alone declares the legacy charset.
        (b'<meta charset="windows-1252"><p>' + CAFE.encode("cp1252"), None, CAFE),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>'
            + CAFE.encode("cp1252"),
            None,
            CAFE,
        ),
        (
            b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><p>' + CAFE.encode("cp1252"),
            None,
            CAFE,
        ),
        # The header wins over the meta tag; a byte-order mark wins over both.
        (b'<meta charset="utf-8"><p>' + CAFE.encode("cp1252"), "windows-1252", CAFE),
        (codecs.BOM_UTF8 + b"<p>" + CAFE.encode("utf-8"), "windows-1252", CAFE),
        # A wrong declaration falls back to UTF-8 when the bytes are valid UTF-8.
        (b'<meta charset="utf-8"><p>' + CAFE.encode("utf-8"), "bogus", CAFE),
    ],
)
def test_decode_html(data, header, expected):
    assert decode_html(data, header).endswith(expected)


def test_decode_html_detects_an_undeclared_legacy_charset():
    text = "Le café de la gare a rouvert ses portes après des années de travaux. " * 5
    assert decode_html(text.encode("cp1252")) == text
    assert meta_charset(b"<html><head><title>x</title>") is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Plain UTF-8 — “quoted”.".encode(), "Plain UTF-8 — “quoted”."),
        (codecs.BOM_UTF8 + b"With a BOM.", "With a BOM."),
        (codecs.BOM_UTF16_LE + "UTF-16 with a BOM.".encode("utf-16-le"), "UTF-16 with a BOM."),
        (b"Windows\r\nline endings\r\n", "Windows\nline endings\n"),
    ],
)
def test_decode_text(data, expected):
    assert decode_text(data) == expected


def test_decode_text_detects_a_legacy_charset():
    text = "Der Bürgermeister äußerte sich über die Straßenbahn und die Gebühren. " * 4
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UnsupportedFile),
        ("story.pdf", b"%PDF-1.7\n", UnsupportedFile),
        ("story", b"no suffix at all", UnsupportedFile),
        ("story.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, NotText),
        ("story.md", bytes(range(1, 32)) * 20, NotText),
        ("page.html", b"<html>\x00\x00\x00\x01\x02</html>", NotText),
    ],
)
def test_extract_file_refuses(name, data, error):
    with pytest.raises(error, match=name.replace(".", r"\.")):
        extract_file(name, data)


def test_extract_file_reads_text_and_markdown():
    text = extract_file("notes.TXT", b"First line.\r\n\r\nSecond paragraph.")
    assert text.text == "First line.\n\nSecond paragraph."
    assert text.meta.title is None
    markdown = extract_file("story.md", codecs.BOM_UTF8 + b"# Dam vote delayed\n\nThe vote was...")
    assert markdown.meta.title == "Dam vote delayed"
    assert markdown.text.startswith("# Dam vote delayed")
