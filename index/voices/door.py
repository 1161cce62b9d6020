"""Who is quoted, for `Library`: the people of a period and one person's record.

Counts come from the store's `voices` rows (one per speaker of each article); only the few
articles whose latest quotes a record shows are loaded.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from index.errors import ArticlebotError
from index.models import AnswerItem, PeopleReport, PersonCount, PersonRecord
from index.statements import statement_key
from index.store.base import Store
from index.store.voice_store import VoiceTotal

PERIODS = {"7d": 7, "30d": 30, "all": None}
_UNLINKED = re.compile(r"(\S+) #\d+")  # a one-word name kept to its article (voices/rows.py)


class PersonError(ArticlebotError):
    """A person cannot be found, or the name means several people, or a period is unknown."""


def since_day(period: str, today: date | None = None) -> str | None:
    """Return the first day a period counts ("7d": the last seven days, today included)."""
    if period not in PERIODS:
        raise PersonError(f"Unknown period {period!r}: use one of {', '.join(PERIODS)}.")
    days = PERIODS[period]
    if days is None:
        return None
    today = today or datetime.now(UTC).date()
    return (today - timedelta(days=days - 1)).isoformat()


def display_name(person: str) -> str | None:
    """Return the name as the articles give it, from a linking key ('' is the unknown speakers)."""
    if not person:
        return None
    unlinked = _UNLINKED.fullmatch(person)
    return unlinked.group(1) if unlinked else person


def week_of(day: str) -> str:
    """Return the Monday of a day's week."""
    when = date.fromisoformat(day)
    return (when - timedelta(days=when.weekday())).isoformat()


class PeopleLibrary:
    """`Library.people` and `Library.person`."""

    store: Store

    async def people(
        self,
        guild_id: int,
        *,
        since: str = "30d",
        site: str | None = None,
        channel_id: int | None = None,
        limit: int | None = 15,
    ) -> PeopleReport:
        """Return the people quoted most over a period (and optionally one site or feed channel)."""
        first = since_day(since)
        totals, unknown = await self.store.voice_totals(
            guild_id, since=first, site=site, channel_id=channel_id, limit=limit
        )
        roles = await self.store.voice_roles(guild_id, [t[0] for t in totals], since=first)
        best: dict[str, tuple[int, str]] = {}
        for person, role, articles in roles:
            # Most articles first; ties to the alphabetically first, so the choice is stable.
            if person not in best or (-articles, role) < (-best[person][0], best[person][1]):
                best[person] = (articles, role)

        def counted(total: VoiceTotal) -> PersonCount:
            person, quoted, reported, articles = total
            role = best[person][1] if person in best else None
            return PersonCount(display_name(person), role, quoted, reported, articles, person)

        return PeopleReport(
            tuple(counted(t) for t in totals), counted(unknown) if unknown else None, first, since
        )

    async def person(
        self, guild_id: int, name: str, *, statements: int | None = 10
    ) -> PersonRecord:
        """One person's roles, articles, weekly timeline and latest statements (None: all)."""
        person = await self._one_person(guild_id, name.strip())
        rows = await self.store.person_voices(guild_id, person)
        roles = Counter(role for *_, role, _q, _r in rows if role)
        weeks: dict[str, list[int]] = {}
        for *_, day, _role, quoted, reported in rows:
            week = weeks.setdefault(week_of(day), [0, 0])
            week[0] += quoted
            week[1] += reported
        shown = display_name(person) or person
        return PersonRecord(
            name=shown,
            key=person,
            roles=tuple(sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
            articles=len(rows),
            first_day=rows[0][2],
            last_day=rows[-1][2],
            direct=sum(row[4] for row in rows),
            reported=sum(row[5] for row in rows),
            weeks=tuple((week, q, r) for week, (q, r) in sorted(weeks.items())),
            items=await self._latest(guild_id, shown, [row[1] for row in rows], statements),
        )

    async def _one_person(self, guild_id: int, name: str) -> str:
        """Return the linking key a typed name means; a clear error when none or several."""
        if not name:
            raise PersonError("Give a person's name.")
        found = await self.store.find_persons(guild_id, name)
        exact = [p for p in found if p.lower() == name.lower()]
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0]
        if not found:
            raise PersonError(f"No one called {name!r} is quoted in this library.")
        names = ", ".join(sorted({display_name(p) or p for p in found})[:8])
        raise PersonError(f"{name!r} may mean several people ({names}): give the full name.")

    async def _latest(
        self, guild_id: int, name: str, article_ids: list[int], wanted: int | None
    ) -> tuple[AnswerItem, ...]:
        """Return the segments of the person's latest `wanted` statements, newest article first."""
        items: list[AnswerItem] = []
        seen = 0
        for article_id in reversed(article_ids):
            if wanted is not None and seen >= wanted:
                break
            article = await self.store.load_article(guild_id, article_id)
            keys: set[tuple[int, bool]] = set()
            for quote in article.analysis.quotes:
                if quote.speaker != name:
                    continue
                key = statement_key(quote)
                if key not in keys:
                    if wanted is not None and seen >= wanted:
                        break
                    keys.add(key)
                    seen += 1
                items.append(AnswerItem(article.info, quote.text, quote.start, quote.end, quote=quote))
        return tuple(items)
