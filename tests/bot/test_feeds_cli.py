"""`articlebot feed …` through the entry point, against a news site on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.test_cli import run
from tests.feedsite import NewsSite, story

LOCAL = {"ALLOW_PRIVATE_URLS": "1"}


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite(stories=[story("bridge", "Ana Ortiz", "bridge repair", 1),
                             story("library", "Ben Okoro", "library roof", 2)]).start()  # fmt: skip
    yield news
    news.stop()


def test_feed_add_poll_repoll_and_a_new_item(tmp_path: Path, site: NewsSite) -> None:
    db = tmp_path / "x.db"
    added = run(db, "feed", "add", site.feed_url(), env=LOCAL)
    assert added.returncode == 0, added.stderr
    assert "Following feed #1" in added.stdout
    first = run(db, "feed", "poll", env=LOCAL)
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 duplicate, 0 failed" in first.stdout
    again = run(db, "feed", "poll", env=LOCAL)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 duplicate, 0 failed (not modified)" in again.stdout  # a 304
    site.stories.append(story("ferry", "Cora Lindqvist", "ferry timetable", 3))
    site.stories[0].date = "Fri, 05 Dec 2025 09:00:00 GMT"  # re-dated: not new
    changed = run(db, "feed", "poll", env=LOCAL)
    assert "1 new, 2 duplicate, 0 failed" in changed.stdout, changed.stdout
    asked = run(db, "ask", "what did Cora Lindqvist say?")
    assert "ferry timetable" in asked.stdout, asked.stdout
    listed = run(db, "feed", "list", "--json")
    [feed] = json.loads(listed.stdout)
    assert feed["state"] == "ok"
    assert feed["title"] == "Town News"
    print(first.stdout, again.stdout, changed.stdout, listed.stdout, sep="\n")


def test_a_web_page_is_not_a_feed_and_the_user_is_told(tmp_path: Path, site: NewsSite) -> None:
    result = run(tmp_path / "x.db", "feed", "add", f"{site.url}/page.html", env=LOCAL)
    assert result.returncode == 1
    assert "is a web page, not an RSS or Atom feed" in result.stderr
    assert "add it as an article" in result.stderr


def test_a_failing_feed_is_recorded_with_its_error(tmp_path: Path, site: NewsSite) -> None:
    db = tmp_path / "x.db"
    assert run(db, "feed", "add", site.feed_url(), env=LOCAL).returncode == 0
    site.status = 500
    polled = run(db, "feed", "poll", env=LOCAL)
    assert polled.returncode == 0
    assert "0 new, 0 duplicate, 0 failed (the site answered 500" in polled.stdout
    listed = run(db, "feed", "list")
    assert "erroring since" in listed.stdout and "500" in listed.stdout
    site.status = 200
    assert "2 new" in run(db, "feed", "poll", env=LOCAL).stdout
    assert "· ok" in run(db, "feed", "list").stdout
