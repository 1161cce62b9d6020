"""Counting who is quoted: reads of the `voices` table (migration 0006), written once for both
stores with `?` marks; each store runs them through `_voice_query` in its own dialect.

Every count is a sum over per-article rows that already count statements by
index/statements.py, so a period's people are one pass over the `voices_by_day` index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.voices.rows import UNKNOWN

# (person, quoted, reported, articles)
VoiceTotal = tuple[str, int, int, int]
# (person, article id, day, role, quoted, reported)
VoiceRow = tuple[str, int, str, str | None, int, int]


def _scope(
    guild_id: int, since: str | None, site: str | None, channel_id: int | None
) -> tuple[str, list[object]]:
    clause, params = "v.guild_id = ?", list[object]([guild_id])
    if since is not None:
        clause += " AND v.day >= ?"
        params.append(since)
    if site is not None:
        clause += " AND v.site = ?"
        params.append(site.lower())
    if channel_id is not None:  # the articles a feed posting to that channel brought in
        clause += (
            " AND v.article_id IN (SELECT i.article_id FROM feed_items i JOIN feeds f"
            " ON f.id = i.feed_id WHERE i.guild_id = ? AND f.channel_id = ?)"
        )
        params += [guild_id, channel_id]
    return clause, params


class VoiceReads:
    """The `voices` reads of both stores."""

    _LIKE = "LIKE"

    async def _voice_query(self, sql: str, params: Sequence[object]) -> list[Any]:
        raise NotImplementedError

    async def voice_totals(
        self,
        guild_id: int,
        *,
        since: str | None = None,
        site: str | None = None,
        channel_id: int | None = None,
        limit: int | None = None,
    ) -> tuple[list[VoiceTotal], VoiceTotal | None]:
        """The people of a period, most statements first, and the unknown speakers' total."""
        clause, params = _scope(guild_id, since, site, channel_id)
        select = (
            "SELECT v.person, sum(v.quoted), sum(v.reported), count(*) FROM voices v"
            f" WHERE {clause}"
        )
        top = await self._voice_query(
            f"{select} AND v.person <> ? GROUP BY v.person"
            " ORDER BY sum(v.quoted) + sum(v.reported) DESC, count(*) DESC, v.person"
            + (f" LIMIT {int(limit)}" if limit is not None else ""),
            [*params, UNKNOWN],
        )
        unknown = await self._voice_query(
            f"{select} AND v.person = ? GROUP BY v.person", [*params, UNKNOWN]
        )
        totals = [(str(p), int(q), int(r), int(n)) for p, q, r, n in [*top, *unknown]]
        return totals[: len(top)], (totals[-1] if unknown else None)

    async def voice_roles(
        self, guild_id: int, persons: Sequence[str], *, since: str | None = None
    ) -> list[tuple[str, str, int]]:
        """(person, role, articles giving it) for some people: their most frequent roles."""
        if not persons:
            return []
        clause, params = _scope(guild_id, since, None, None)
        marks = ", ".join("?" * len(persons))
        rows = await self._voice_query(
            f"SELECT v.person, v.role, count(*) FROM voices v WHERE {clause}"
            f" AND v.person IN ({marks}) AND v.role IS NOT NULL GROUP BY v.person, v.role",
            [*params, *persons],
        )
        return [(str(p), str(r), int(n)) for p, r, n in rows]

    async def person_voices(self, guild_id: int, person: str) -> list[VoiceRow]:
        """One person's rows across the guild's articles, oldest day first."""
        rows = await self._voice_query(
            "SELECT v.person, v.article_id, v.day, v.role, v.quoted, v.reported FROM voices v"
            " WHERE v.guild_id = ? AND v.person = ? ORDER BY v.day, v.article_id",
            [guild_id, person],
        )
        return [(str(p), int(a), str(d), r, int(q), int(n)) for p, a, d, r, q, n in rows]

    async def find_persons(self, guild_id: int, name: str, limit: int = 25) -> list[str]:
        """The people a typed name may mean: the full name itself, or names ending in it."""
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = await self._voice_query(
            "SELECT DISTINCT v.person FROM voices v WHERE v.guild_id = ? AND v.person <> ?"
            f" AND (v.person {self._LIKE} ? ESCAPE '\\' OR v.person {self._LIKE} ? ESCAPE '\\'"
            f" OR v.person {self._LIKE} ? ESCAPE '\\') ORDER BY v.person LIMIT {int(limit)}",
            [guild_id, UNKNOWN, escaped, f"% {escaped}", f"{escaped} #%"],
        )
        return [str(row[0]) for row in rows]
