"""The JSON-lines batch commands: `extract`, `summarize` and `ask --jsonl`.

Each reads one JSON object per line and writes one JSON object per line, in the shapes of
bot/jsonout.py. A line that cannot be handled gives `{"line", "error"}` and the run goes on;
the exit status is 1 when any line failed.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, TextIO

from bot import jsonout
from index.errors import ArticlebotError
from index.service import Library, extract_quotes, summarize_text, summary_size

Record = dict[str, Any]


def emit(out: TextIO, data: Any) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


async def each_record(
    lines: TextIO, out: TextIO, field: str, handle: Callable[[Record], Awaitable[Record]]
) -> int:
    """Answer every JSON line that is an object with a string `field`; report the others."""
    failures = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get(field), str):
                raise ValueError(f'each line must be an object with a "{field}" string')
            emit(out, await handle(record))
        except (ValueError, ArticlebotError) as error:
            failures += 1
            emit(out, {"line": number, "error": getattr(error, "message", None) or str(error)})
        out.flush()  # a script reading our output sees each answer as soon as it is made
    return 1 if failures else 0


async def extract(lines: TextIO, out: TextIO) -> int:

    async def one(record: Record) -> Record:
        quotes = extract_quotes(record["text"])
        return {"id": record.get("id"), "quotes": [jsonout.quote(q) for q in quotes]}

    return await each_record(lines, out, "text", one)


async def summarize(lines: TextIO, out: TextIO, size: str) -> int:
    summary_size(size)  # a bad size fails the command before any line is read

    async def one(record: Record) -> Record:
        chosen, quotes = summarize_text(record["text"], title=record.get("title"), length=size)
        return {
            "id": record.get("id"),
            "summary": " ".join(s.text for s in chosen),
            "sentences": [jsonout.sentence(s) for s in chosen],
            "quotes": [jsonout.quote(q) for q in quotes],
        }

    return await each_record(lines, out, "text", one)


async def ask(library: Library, guild: int, lines: TextIO, out: TextIO) -> int:
    async def one(record: Record) -> Record:
        article = record.get("article")
        if article is not None and not isinstance(article, (str, int)):
            raise ValueError('"article" must be an article id or external id')
        return jsonout.answer(await library.ask(guild, record["question"], article))

    return await each_record(lines, out, "question", one)
