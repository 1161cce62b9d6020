"""Limits on fetching a page: a light module, so settings can be built without aiohttp."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits on one fetch; allow_private lets an operator fetch from their own network."""

    connect_timeout: float = 5.0
    total_timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "articlebot/0.1 (+https://github.com/articlebot)"
