"""An article's `voices` rows: one per speaker, with the statements each is quoted for.

The same values as migration 0006 derives in SQL for articles stored before it; the two are
kept in step (tests/index/voices/test_rows.py checks them against each other).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from index import statements
from index.models import Analysis, ArticleMeta, Quote, is_described

VOICE_COLUMNS = "article_id, guild_id, person, name, role, day, site, quoted, reported"
VOICES_INSERT = f"INSERT INTO voices ({VOICE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
UNKNOWN = ""  # the `person` of the statements no one is named for

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_full_name(name: str) -> bool:
    """Tell whether a name has more than one word: the only kind linked across articles."""
    return " " in name


def person_key(name: str | None, article_id: int) -> str:
    """How a speaker is linked across articles: by full name; a one-word name ("Smith") only
    within its own article, since two articles' Smiths may be two people."""
    if name is None:
        return UNKNOWN
    return name if is_full_name(name) else f"{name} #{article_id}"


def article_day(published: str | None, added_at: str) -> str:
    """Return the article's date (YYYY-MM-DD): published where the source gives an ISO date, else added."""
    if published and _ISO_DAY.match(published):
        return published[:10]
    return added_at[:10]


def article_site(outlet: str | None, url: str | None) -> str | None:
    """Return the source site: the outlet as given, else the URL's host without "www."."""
    if outlet:
        return outlet.lower()
    if url and "://" in url:
        return url.split("://", 1)[1].split("/", 1)[0].lower().replace("www.", "")
    return None


def voice_rows(
    article_id: int, guild_id: int, meta: ArticleMeta, added_at: str, analysis: Analysis
) -> list[tuple[object, ...]]:
    """Return the article's rows in `VOICE_COLUMNS` order, statements counted by index/statements.py."""
    quoted: dict[str | None, list[Quote]] = {}  # by the speaker as stored
    for quote in analysis.quotes:
        quoted.setdefault(quote.speaker, []).append(quote)
    by_speaker: dict[str | None, list[Quote]] = {}
    for speaker, quotes in quoted.items():  # each speaker's test once, not a quote's property
        # a speaker the article describes without naming ("a police spokesman") is no person:
        # their statements count with those no one is named for (`Quote.speaker_named`)
        name = None if is_described(speaker) else speaker
        by_speaker.setdefault(name, []).extend(quotes)
    roles = {speaker.name: speaker.role for speaker in analysis.speakers}
    day, site = article_day(meta.published, added_at), article_site(meta.outlet, meta.url)
    return [
        (article_id, guild_id, person_key(name, article_id), name, roles.get(name) if name else None,
         day, site, *statements.count(quotes))
        for name, quotes in by_speaker.items()
    ]  # fmt: skip


# People's all-time totals: SQLite's writer adds a transaction's voices rows at once, a sum per
# person (migration 0007); PostgreSQL's trigger adds them a row at a time.
PEOPLE_TOTALS_ADD = (
    "INSERT INTO people_totals VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, person) DO UPDATE"
    " SET statements = statements + excluded.statements, quoted = quoted + excluded.quoted,"
    " reported = reported + excluded.reported, articles = articles + excluded.articles"
)


def people_totals_rows(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Sum voices rows (`VOICE_COLUMNS` order) per (guild, person), in the order of each's first
    row: the parameters of PEOPLE_TOTALS_ADD."""
    sums: dict[tuple[Any, Any], list[int]] = {}
    for row in rows:
        total = sums.setdefault((row[1], row[2]), [0, 0, 0])
        total[0] += row[7]
        total[1] += row[8]
        total[2] += 1
    return [(g, p, q + r, q, r, n) for (g, p), (q, r, n) in sums.items()]
