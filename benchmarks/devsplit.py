"""Split a dev set by article into a tuning half and a checking half, the same way everywhere.

Cases are read and fixed in the tuning half only; every evaluation reports both halves, and a
change that helps the tuning half but not the checking half is fitting, not learning. The
split hashes the article id, so it needs no list and does not move when a set grows.
"""

from __future__ import annotations

import hashlib

HALVES = ("tune", "check")


def half(article_id: str) -> str:
    """Return "tune" or "check" for an article id (SHA-256 of the id, first byte's parity)."""
    return HALVES[hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2]
