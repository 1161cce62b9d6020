"""The fake refuses exactly what Discord refuses: each limit, just over and just at it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakediscord import limits


def field(name: str = "n", value: str = "v") -> dict[str, str]:
    return {"name": name, "value": value}


OVER = [
    ({"content": "x" * 2001}, ("content",)),
    ({"embeds": [{"title": "t"}] * 11}, ("embeds",)),
    ({"embeds": [{"title": "x" * 257}]}, ("embeds", "0", "title")),
    ({"embeds": [{"description": "x" * 4097}]}, ("embeds", "0", "description")),
    ({"embeds": [{"fields": [field()] * 26}]}, ("embeds", "0", "fields")),
    ({"embeds": [{"fields": [field(name="x" * 257)]}]}, ("embeds", "0", "fields", "0", "name")),
    ({"embeds": [{"fields": [field(value="x" * 1025)]}]}, ("embeds", "0", "fields", "0", "value")),
    ({"embeds": [{"fields": [field(value="")]}]}, ("embeds", "0", "fields", "0", "value")),
    ({"embeds": [{"footer": {"text": "x" * 2049}}]}, ("embeds", "0", "footer", "text")),
    ({"embeds": [{"author": {"name": "x" * 257}}]}, ("embeds", "0", "author", "name")),
    ({"embeds": [{"description": "x" * 4000}, {"description": "x" * 2001}]}, ("embeds",)),
    ({"embeds": [{"url": "ftp://example.org"}]}, ("embeds", "0", "url")),
    ({"components": [{"type": 1, "components": []}] * 6}, ("components",)),
    ({"allowed_mentions": {"parse": ["users"], "users": ["1"]}}, ("allowed_mentions", "users")),
    ({"flags": 1 << 1}, ("flags",)),
]

AT = [
    {"content": "x" * 2000},
    {"embeds": [{"title": "t"}] * 10},
    {"embeds": [{"title": "x" * 256, "description": "x" * 4096, "fields": [field()] * 25}]},
    {"embeds": [{"fields": [field("x" * 256, "x" * 1024)], "footer": {"text": "x" * 2048}}]},
    {"embeds": [{"description": "x" * 4000}, {"description": "x" * 2000}]},  # 6000 in all
    {"allowed_mentions": {"parse": []}, "flags": 64},
]


@pytest.mark.parametrize(("payload", "path"), OVER)
def test_over_a_limit_is_refused_at_its_path(payload: dict[str, Any], path: tuple[str, ...]):
    problems = limits.check_message(payload)
    assert path in [p for p, _, _ in problems]
    node = limits.form_error(problems)["errors"]
    for key in path:
        node = node[key]
    assert node["_errors"]


@pytest.mark.parametrize("payload", AT)
def test_at_a_limit_is_accepted(payload: dict[str, Any]):
    assert limits.check_message(payload) == []


def test_an_empty_message_is_empty():
    assert limits.is_empty({"content": "", "embeds": []}, files=0)
    assert not limits.is_empty({"content": ""}, files=1)
