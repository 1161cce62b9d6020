"""Text offered as an article is refused clearly when it cannot be one."""

from __future__ import annotations

import pytest

from index.errors import ArticleTooLarge, EmptyArticle, InvalidArticle, NotText
from index.intake.checks import check_text, content_hash, derive_title
from index.text.segment import segment


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyArticle),
        ("   \n\t  ", EmptyArticle),
        ("12345 !!! ...", EmptyArticle),
        ("binary\x00data here", NotText),
        ("\x01\x02\x03\x04 garbage " * 20, NotText),
        ("bad \ud800 surrogate", InvalidArticle),
        ("x" * 2_000_001, ArticleTooLarge),
    ],
)
def test_refuses_what_cannot_be_an_article(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_text(text)


def test_accepts_ordinary_unicode() -> None:
    check_text("Ærøskøbing’s mayor said «oui» 🎉\r\nשלום and done.")


def test_hash_ignores_whitespace_changes() -> None:
    assert content_hash("a  b\n\nc") == content_hash(" a b c ")
    assert content_hash("a b c") != content_hash("a b d")


def test_title_is_the_headline_or_the_opening_words() -> None:
    assert derive_title(segment("Share this\n\nDam vote delayed\n\nThe vote was delayed.")) == "Dam vote delayed"
    long_opening = "word " * 60 + "end."
    title = derive_title(segment(long_opening))
    assert title.endswith("…") and len(title) <= 100
