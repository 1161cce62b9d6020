"""URLs are checked before fetching and normalized so one page is one duplicate key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.errors import FetchError
from index.intake.urls import Target, check, normalize


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/a/B?id=7", "https://news.example.com/a/B?id=7"),
        ("http://news.example.com:80/x", "http://news.example.com/x"),
        ("https://news.example.com:443/x", "https://news.example.com/x"),
        ("https://news.example.com:8443/x", "https://news.example.com:8443/x"),
        ("https://news.example.com", "https://news.example.com/"),
        ("https://news.example.com./x", "https://news.example.com/x"),
        ("https://news.example.com/x#comments", "https://news.example.com/x"),
        (
            "https://news.example.com/x?utm_source=tw&id=7&UTM_Medium=social&fbclid=abc",
            "https://news.example.com/x?id=7",
        ),
        ("https://news.example.com/x?gclid=1&mc_cid=2&_ga=3", "https://news.example.com/x"),
        ("https://news.example.com/x?q=a%20b&utm_term=z", "https://news.example.com/x?q=a%20b"),
        ("https://news.example.com/x?b=2&a=1", "https://news.example.com/x?b=2&a=1"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ],
)
def test_normalize(url: str, expected: str) -> None:
    assert normalize(url) == expected


def test_normalize_makes_shared_links_equal() -> None:
    shared = "https://WWW.Ledger.example/news/story?utm_campaign=morning&utm_source=newsletter#top"
    assert normalize(shared) == normalize("https://www.ledger.example/news/story")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example.com/story.txt", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("news.example.com/story", "is not a link: it must start with https://"),
        ("https://admin:secret@news.example.com/", "user name or password"),
        ("https://token@news.example.com/", "user name or password"),
        ("https:///story", "has no host name"),
        ("https://news.example.com:99999/", "not a valid URL"),
        ("https://news.example.com/a story", "spaces or control characters"),
        ("http://127.0.0.1\\@news.example.com/", "not a valid URL"),
        ("https://news.example.com/" + "a" * 3000, "longer than 2048"),
    ],
)
def test_check_refuses(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        check(url)
    assert caught.value.message.startswith("refused: ")


def test_check_returns_host_and_default_port() -> None:
    target = check(" https://News.Example.com/story ")
    assert (target.scheme, target.host, target.port) == ("https", "news.example.com", 443)


def test_check_gives_the_host_as_aiohttp_sends_it() -> None:
    assert check("http://Bücher.Example/").host == "xn--bcher-kva.example"
    assert check("http://[::FFFF:127.0.0.1]:8080/").host == "::ffff:7f00:1"
    assert check("http://news.example.com#@127.0.0.1/").host == "news.example.com"


def _outcome(url: str) -> Target | FetchError:
    try:
        return check(url)
    except FetchError as error:
        return error


@given(st.text(max_size=200) | st.from_regex(r"\Ahttps?://[^/?#]{0,30}[/?#].{0,40}\Z"))
@settings(max_examples=150, deadline=None)
def test_any_text_is_checked_or_refused_and_normalizes_without_error(url: str) -> None:
    outcome = _outcome(url)
    if isinstance(outcome, FetchError):
        assert outcome.message.startswith("refused: ")
    else:
        assert outcome.scheme in {"http", "https"}
        assert outcome.host
        assert 0 < outcome.port < 65536
    assert isinstance(normalize(url), str)
