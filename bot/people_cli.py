"""The terminal's `people` and `person` commands: who is quoted, as a table, JSON or a chart."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import batch, jsonout, terminal
from index.service import PERIODS

if TYPE_CHECKING:
    from index.models import PeopleReport, PersonCount, PersonRecord
    from index.service import Library

PERIOD_NAMES = {"7d": "the last 7 days", "30d": "the last 30 days", "all": "all time"}


def add_parser(commands: Any) -> None:
    people = commands.add_parser("people", help="who is quoted most, over a period")
    people.add_argument("--since", choices=list(PERIODS), default="30d")
    people.add_argument("--site", help="only articles from this site (outlet or host)")
    people.add_argument("--channel", type=int, help="only articles a feed brought to this channel")
    people.add_argument("--top", type=int, default=15, help="rows in the table and chart")
    people.add_argument("--json", action="store_true", help="everyone, as a JSON array")
    people.add_argument("--chart", metavar="FILE.png", help="write a bar chart (PNG)")
    person = commands.add_parser("person", help="one person: roles, articles, latest quotes")
    person.add_argument("name")
    person.add_argument("--quotes", type=int, help="latest statements shown (default: all)")
    person.add_argument("--json", action="store_true")
    person.add_argument("--chart", metavar="FILE.png", help="write a weekly timeline (PNG)")


def people_title(report: PeopleReport) -> str:
    return f"Who is quoted · {PERIOD_NAMES[report.period]}"


def person_json(count: PersonCount) -> dict[str, Any]:
    return {
        "name": count.name,
        "role": count.role,
        "direct": count.direct,
        "reported": count.reported,
        "articles": count.articles,
    }


def people_table(report: PeopleReport) -> str:
    rows = list(report.people) + ([report.unknown] if report.unknown else [])
    if not rows:
        return f"No one is quoted in {PERIOD_NAMES[report.period]}."
    cells = [("Name", "Role", "Quoted", "Reported", "Articles")] + [
        (p.name or "(not named)", p.role or "", str(p.direct), str(p.reported), str(p.articles))
        for p in rows
    ]
    widths = [min(32, max(len(row[i]) for row in cells)) for i in range(5)]
    lines = [people_title(report)]
    for row in cells:
        left = [cell[:32].ljust(width) for cell, width in zip(row[:2], widths, strict=False)]
        right = [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        lines.append("  ".join(left + right).rstrip())
    return "\n".join(lines)


def person_header(record: PersonRecord) -> list[str]:
    roles = "; ".join(f"{role} ({n})" for role, n in record.roles) or "no role given"
    span = record.first_day if record.first_day == record.last_day else (
        f"{record.first_day} – {record.last_day}"
    )
    articles = f"{record.articles} article{'s' * (record.articles != 1)}"
    total = record.direct + record.reported
    return [
        record.name,
        f"  Roles and titles: {roles}",
        f"  {articles}, {span}: {total} statements ({record.direct} quoted, "
        f"{record.reported} reported)",
    ]


def person_text(record: PersonRecord) -> str:
    lines = person_header(record)
    if record.items:
        lines += ["", "Latest statements"]
    lines += terminal.statement_lines(record.items)  # the lines `ask` shows
    return "\n".join(lines)


def record_json(record: PersonRecord) -> dict[str, Any]:
    return {
        "name": record.name,
        "roles": [{"role": role, "articles": n} for role, n in record.roles],
        "articles": record.articles,
        "first": record.first_day,
        "last": record.last_day,
        "direct": record.direct,
        "reported": record.reported,
        "weeks": [{"week": w, "direct": q, "reported": r} for w, q, r in record.weeks],
        "items": [jsonout.answer_item(item) for item in record.items],
    }


async def _write_chart(path: str, draw: Any, *args: Any) -> None:
    from bot import charts

    data = await asyncio.to_thread(getattr(charts, draw), *args)
    await asyncio.to_thread(Path(path).write_bytes, data)


async def cmd_people(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    report = await library.people(
        args.guild, since=args.since, site=args.site, channel_id=args.channel,
        limit=None if args.json else max(1, args.top),
    )  # fmt: skip
    if args.chart:
        await _write_chart(args.chart, "people_png", report.people[: max(1, args.top)],
                           people_title(report))  # fmt: skip
    if args.json:
        rows = list(report.people) + ([report.unknown] if report.unknown else [])
        batch.emit(out, [person_json(p) for p in rows])
    else:
        out.write(people_table(report) + "\n")
    return 0


async def cmd_person(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    quotes = None if args.quotes is None else max(1, args.quotes)
    record = await library.person(args.guild, args.name, statements=quotes)
    if args.chart:
        await _write_chart(args.chart, "person_png", record)
    if args.json:
        batch.emit(out, record_json(record))
    else:
        out.write(person_text(record) + "\n")
    return 0
