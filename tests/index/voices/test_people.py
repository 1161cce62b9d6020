"""Who is quoted, on both stores: linking by full name only, counts by statements, periods."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from index import statements
from index.intake.prepare import ImportItem
from index.models import DESCRIBED_OPENINGS, AnswerKind, ArticleMeta, is_described
from index.quotes.analyze import analyze
from index.service import Library, PersonError
from index.store.schema import migrations
from tests.conftest import GUILD, OTHER_GUILD
from tests.index.voices.articles import BAKERY, FAIR, HARBOUR, MAYOR


def _day(days_ago: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=days_ago)).isoformat()


async def _library(database: str) -> Library:
    library = await Library.open(database)
    await library.add_text(GUILD, MAYOR, meta=ArticleMeta(published=_day(2), outlet="Lenn Post"))
    await library.add_text(GUILD, BAKERY, meta=ArticleMeta(published=_day(20)))
    await library.add_text(GUILD, FAIR, meta=ArticleMeta(published=_day(100)))
    await library.add_text(GUILD, HARBOUR)  # no date given: the day it was added
    await library.add_text(OTHER_GUILD, BAKERY)
    return library


def _expected(*texts: str) -> dict[str | None, tuple[int, int, int]]:
    """Per speaker name: (quoted, reported, articles), counted from the analysis itself; the
    speakers an article only describes count with the unknown ones (None)."""
    counts: dict[str | None, list[int]] = {}
    for text in texts:
        by_name: dict[str | None, list] = {}  # type: ignore[type-arg]
        for quote in analyze(text).quotes:
            by_name.setdefault(quote.speaker if quote.speaker_named else None, []).append(quote)
        for name, quotes in by_name.items():
            quoted, reported = statements.count(quotes)
            row = counts.setdefault(name, [0, 0, 0])
            row[0] += quoted
            row[1] += reported
            row[2] += 1
    return {name: (q, r, n) for name, (q, r, n) in counts.items()}


async def test_full_names_link_across_articles_and_bare_surnames_never_do(database: str) -> None:
    library = await _library(database)
    try:
        report = await library.people(GUILD, since="all", limit=None)
    finally:
        await library.close()
    rows = [(p.name, p.direct, p.reported, p.articles) for p in report.people]
    expected = _expected(MAYOR, BAKERY, FAIR, HARBOUR)
    # Charlie Beck is one person across two stories (named with a title in one).
    assert ("Charlie Beck", *expected["Charlie Beck"]) in rows
    assert expected["Charlie Beck"][2] == 2
    # Two different Smiths with full names stay two people.
    assert ("Anna Smith", *expected["Anna Smith"]) in rows
    assert ("Bob Smith", *expected["Bob Smith"]) in rows
    # A bare "Smith" in two stories is two entries of one article each, never merged.
    bare = [row for row in rows if row[0] == "Smith"]
    assert bare == [("Smith", 1, 0, 1), ("Smith", 1, 0, 1)]
    assert report.unknown is not None and report.unknown.name is None
    assert (report.unknown.direct, report.unknown.reported) == expected[None][:2]
    roles = {p.name: p.role for p in report.people}
    assert roles["Anna Smith"] == "Mayor"


async def test_a_described_speaker_is_no_person(database: str) -> None:
    harbour = [q.speaker for q in analyze(HARBOUR).quotes if is_described(q.speaker)]
    assert harbour == ["one visitor", "a council spokesman"]  # what the article says of them
    library = await _library(database)
    try:
        report = await library.people(GUILD, since="all", limit=None)
        with pytest.raises(PersonError, match="No one"):
            await library.person(GUILD, "a council spokesman")
        offered = await library.speaker_names(GUILD, "spokesman")
        asked = await library.quotes(GUILD, "council spokesman")
    finally:
        await library.close()
    assert not any(is_described(p.name) for p in report.people)
    assert report.unknown is not None
    assert (report.unknown.direct, report.unknown.reported) == _expected(
        MAYOR, BAKERY, FAIR, HARBOUR
    )[None][:2]
    assert offered == []
    assert asked.kind is AnswerKind.NOT_FOUND


async def test_periods_sites_and_guilds(database: str) -> None:
    library = await _library(database)
    try:
        week = await library.people(GUILD, since="7d")
        month = await library.people(GUILD, since="30d")
        site = await library.people(GUILD, since="all", site="LENN POST")
        other = await library.people(OTHER_GUILD, since="all")
        with pytest.raises(PersonError):
            await library.people(GUILD, since="2w")
    finally:
        await library.close()
    assert {p.name for p in week.people} == {"Anna Smith", "Charlie Beck", "Smith"}
    assert {p.key for p in week.people if p.name == "Smith"} == {
        p.key for p in month.people if p.name == "Smith"
    }
    beck = {p.name: p for p in month.people}["Charlie Beck"]
    assert beck.articles == 2 and {p.name: p for p in week.people}["Charlie Beck"].articles == 1
    assert {p.name for p in site.people} == {"Anna Smith", "Charlie Beck"}
    assert {p.name for p in other.people} == {"Bob Smith", "Charlie Beck"}


async def test_person_record_roles_dates_and_latest_quotes(database: str) -> None:
    library = await _library(database)
    try:
        beck = await library.person(GUILD, "charlie beck")
        by_surname = await library.person(GUILD, "Beck")
        with pytest.raises(PersonError, match="several"):
            await library.person(GUILD, "Smith")
        with pytest.raises(PersonError, match="No one"):
            await library.person(GUILD, "Nobody Here")
    finally:
        await library.close()
    assert beck == by_surname
    assert beck.name == "Charlie Beck" and beck.articles == 2
    assert {role for role, _ in beck.roles} == {"Police Chief", "city's police chief"}
    assert (beck.first_day, beck.last_day) == (_day(20), _day(2))
    assert sum(q for _, q, _ in beck.weeks) == beck.direct == 2
    texts = [item.text for item in beck.items]
    assert texts == ["Officers will watch the site at night,", "It is a great day for the street,"]
    assert all(
        MAYOR[i.start : i.end] == i.text or BAKERY[i.start : i.end] == i.text for i in beck.items
    )


async def test_removing_an_article_removes_its_voices(database: str) -> None:
    library = await _library(database)
    try:
        mayor = (await library.articles(GUILD))[-1]
        await library.remove(GUILD, mayor.id)
        report = await library.people(GUILD, since="all")
    finally:
        await library.close()
    assert "Anna Smith" not in {p.name for p in report.people}
    assert {p.name: p for p in report.people}["Charlie Beck"].articles == 1


async def test_people_totals_are_the_sums_of_the_voices(database: str) -> None:
    """Totals follow single adds, a bulk import's one transaction (a person in several of its
    articles) and removals: on SQLite the writer adds them once a transaction (migration 0007),
    on PostgreSQL a trigger a row."""
    records = [
        ImportItem(f"r{n}", ArticleMeta(), text=f"Ferry service {place}\n\n"
                   f'"The {place} crossing runs again from {day}," Dana Ortiz said on the quay.')
        for n, (place, day) in enumerate([("north", "Monday"), ("south", "Friday"),
                                          ("harbour", "June")])
    ]  # fmt: skip
    sums = (
        "SELECT guild_id, person, sum(quoted) + sum(reported), sum(quoted), sum(reported),"
        " count(*) FROM voices GROUP BY guild_id, person ORDER BY guild_id, person"
    )
    totals = "SELECT * FROM people_totals ORDER BY guild_id, person"
    library = await _library(database)
    try:
        store = library.store
        report = await library.import_items(GUILD, iter(records))
        assert report.added == 3
        ortiz = "SELECT articles FROM people_totals WHERE person = 'Dana Ortiz'"
        assert [tuple(r) for r in await store._voice_query(ortiz, [])] == [(3,)]  # type: ignore[attr-defined]
        summed = [tuple(r) for r in await store._voice_query(sums, [])]  # type: ignore[attr-defined]
        assert [tuple(r) for r in await store._voice_query(totals, [])] == summed  # type: ignore[attr-defined]
        for article in (await library.articles(GUILD))[:2]:
            await library.remove(GUILD, article.id)
        summed = [tuple(r) for r in await store._voice_query(sums, [])]  # type: ignore[attr-defined]
        assert [tuple(r) for r in await store._voice_query(totals, [])] == summed  # type: ignore[attr-defined]
    finally:
        await library.close()


async def test_the_migration_derives_the_rows_the_writer_writes(database: str) -> None:
    library = await _library(database)
    try:
        store = library.store
        select = "SELECT * FROM voices ORDER BY article_id, person"
        written = await store._voice_query(select, [])  # type: ignore[attr-defined]
        script = dict(migrations())[6]
        if database.startswith("postgres"):
            from index.store.postgres import migrations as pg_migrations

            script = dict(pg_migrations())[6]
        backfill = "INSERT INTO voices" + script.split("INSERT INTO voices", 1)[1].split(";", 1)[0]
        totals = "SELECT * FROM people_totals ORDER BY guild_id, person"
        kept = await store._voice_query(totals, [])  # type: ignore[attr-defined]
        await store._voice_query("DELETE FROM voices", [])  # type: ignore[attr-defined]
        assert await store._voice_query(totals, []) == []  # type: ignore[attr-defined]
        await store._voice_query(backfill, [])  # type: ignore[attr-defined]
        if not database.startswith("postgres"):  # totals by the writer, not a trigger (0007)
            summed = (
                "INSERT INTO people_totals"
                + script.split("INSERT INTO people_totals", 1)[1].split(";", 1)[0]
            )
            await store._voice_query(summed, [])  # type: ignore[attr-defined]
        assert [tuple(r) for r in await store._voice_query(totals, [])] == [tuple(r) for r in kept]  # type: ignore[attr-defined]
        derived = await store._voice_query(select, [])  # type: ignore[attr-defined]
    finally:
        await library.close()
    assert len(written) == 9  # a row per speaker of each article, the unknown one included
    assert [tuple(r) for r in derived] == [tuple(r) for r in written]


def test_the_migration_reads_a_described_speaker_as_the_models_do() -> None:
    from index.store.postgres import migrations as pg_migrations

    for script in (dict(migrations())[6], dict(pg_migrations())[6]):
        listed = re.search(r"\) IN \(([^)]*)\)", script)
        assert listed is not None
        assert {word.strip(" '\n") for word in listed.group(1).split(",")} == DESCRIBED_OPENINGS
