"""Feeds written for the tests, in the three formats, read by parse_feed from their bytes."""

from __future__ import annotations

import pytest

from index.feeds.parse import NotAFeed, item_keys, parse_feed
from tests.feedsite import render, story

BASE = "https://news.example.org"


@pytest.mark.parametrize("kind", ["rss2", "atom", "rss1"])
def test_each_format_gives_links_titles_and_keys(kind: str) -> None:
    stories = [story("bridge", "Ana Ortiz", "bridge repair", 1),
               story("roof", "Ben Okoro", "library roof", 2)]  # fmt: skip
    parsed = parse_feed(render(kind, stories, BASE).encode(), f"{BASE}/feed.xml")
    assert parsed.title == "Town News"
    assert [item.link for item in parsed.items] == [f"{BASE}/news/bridge", f"{BASE}/news/roof"]
    # The ampersand of the titles arrives as one character, not as an entity.
    assert parsed.items[0].title == "Council weighs bridge repair & the budget"
    assert all(f"url:{item.link}" in item.keys for item in parsed.items)
    assert parsed.items[1].order > parsed.items[0].order  # dated: newest can be told


def test_relative_links_resolve_against_the_feed_address() -> None:
    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        b"<item><title>One</title><link>/news/one?utm_source=rss</link></item>"
        b"<item><title>Two</title><link>two.html</link></item></channel></rss>"
    )
    items = parse_feed(body, f"{BASE}/sections/feed.xml").items
    assert [item.link for item in items] == [
        f"{BASE}/news/one?utm_source=rss",
        f"{BASE}/sections/two.html",
    ]
    assert items[0].keys == (f"url:{BASE}/news/one",)  # tracking dropped from the key


def test_entities_in_titles_are_decoded() -> None:
    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Caf&#233; &amp; Co</title>"
        b"<item><title>Mayor says &#8220;no&#8221; &amp;amp; more</title><link>/a</link></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(body, f"{BASE}/feed.xml")
    assert parsed.title == "Café & Co"
    assert parsed.items[0].title == "Mayor says “no” & more"


def test_a_changed_guid_keeps_the_link_key() -> None:
    before, after = item_keys("story-1", f"{BASE}/a"), item_keys("story-1-v2", f"{BASE}/a#top")
    assert set(before) & set(after) == {f"url:{BASE}/a"}


def test_an_html_page_is_not_a_feed_and_says_so() -> None:
    with pytest.raises(NotAFeed) as raised:
        parse_feed(b"<!DOCTYPE html><html><body>news</body></html>", BASE)
    assert raised.value.is_html


@pytest.mark.parametrize("body", [b"not xml at all {", b"<?xml version='1.0'?><note>hi</note>", b""])
def test_what_is_not_rss_or_atom_is_refused(body: bytes) -> None:
    with pytest.raises(NotAFeed, match="not an RSS or Atom feed"):
        parse_feed(body, BASE)


def test_an_item_without_a_link_has_only_its_guid() -> None:
    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        b"<item><title>No link</title><guid isPermaLink='false'>g-9</guid></item></channel></rss>"
    )
    [item] = parse_feed(body, BASE).items
    assert item.link is None and item.keys == ("guid:g-9",)
