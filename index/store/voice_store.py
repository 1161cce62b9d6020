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
        """Return the people of a period, most statements first, and the unknown speakers' total."""
        if since is None and site is None and channel_id is None:
            return await self._all_time(guild_id, limit)
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

    async def _all_time(
        self, guild_id: int, limit: int | None
    ) -> tuple[list[VoiceTotal], VoiceTotal | None]:
        """All-time totals from `people_totals` (kept by triggers): the top of one index."""
        select = "SELECT person, quoted, reported, articles FROM people_totals WHERE guild_id = ?"
        top = await self._voice_query(
            f"{select} AND person <> ? ORDER BY statements DESC, articles DESC, person"
            + (f" LIMIT {int(limit)}" if limit is not None else ""),
            [guild_id, UNKNOWN],
        )
        unknown = await self._voice_query(f"{select} AND person = ?", [guild_id, UNKNOWN])
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
        """Return the people a typed name may mean: the full name itself, or names ending in it."""
        exact = await self._voice_query(
            "SELECT person FROM people_totals WHERE guild_id = ? AND person = ?", [guild_id, name]
        )
        if exact and name != UNKNOWN:
            return [str(exact[0][0])]
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = await self._voice_query(
            "SELECT t.person FROM people_totals t WHERE t.guild_id = ? AND t.person <> ?"
            f" AND (t.person {self._LIKE} ? ESCAPE '\\' OR t.person {self._LIKE} ? ESCAPE '\\'"
            f" OR t.person {self._LIKE} ? ESCAPE '\\') ORDER BY t.person LIMIT {int(limit)}",
            [guild_id, UNKNOWN, escaped, f"% {escaped}", f"{escaped} #%"],
        )
        return [str(row[0]) for row in rows]
