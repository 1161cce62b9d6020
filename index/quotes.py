"""Find direct quotes and name their speakers (first version: a name beside a speech verb)."""

from __future__ import annotations

import re

from index.models import Document, Quote, QuoteKind, Speaker

_QUOTE = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_NAME = r"((?:[A-Z][\w'’.-]+)(?:\s+[A-Z][\w'’.-]+){0,3})"
_AFTER = re.compile(r"^[\s,]*" + _NAME + r"\s+(?:said|says|told|added|explained)\b")
_AFTER_VERB_FIRST = re.compile(r"^[\s,]*(?:said|says|added)\s+" + _NAME)
_BEFORE = re.compile(_NAME + r"\s+(?:said|says|told [\w ]+?|added|explained)\s*[:,]?\s*$")


def extract_quotes(document: Document) -> tuple[Quote, ...]:
    """Return the quoted segments of a document in article order."""
    quotes: list[Quote] = []
    text = document.text
    for paragraph in document.paragraphs:
        if paragraph.furniture:
            continue
        for match in _QUOTE.finditer(text, paragraph.start, paragraph.end):
            after = text[match.end() : min(paragraph.end, match.end() + 80)]
            before = text[max(paragraph.start, match.start() - 80) : match.start()]
            found = _AFTER.match(after) or _AFTER_VERB_FIRST.match(after)
            offset = match.end()
            if not found:
                found = _BEFORE.search(before)
                offset = match.start() - len(before)
            speaker = found.group(1) if found else None
            mention_start = offset + found.start(1) if found else None
            quotes.append(
                Quote(
                    text=match.group(1),
                    start=match.start(1),
                    end=match.end(1),
                    kind=QuoteKind.DIRECT,
                    statement=len(quotes),
                    speaker=speaker,
                    mention=speaker,
                    mention_start=mention_start,
                    mention_end=None if mention_start is None else mention_start + len(speaker or ""),
                )
            )
    return tuple(quotes)


def speaker_table(quotes: tuple[Quote, ...]) -> tuple[Speaker, ...]:
    """Count statements per named speaker, most quoted first."""
    counts: dict[str, set[int]] = {}
    for quote in quotes:
        if quote.speaker:
            counts.setdefault(quote.speaker, set()).add(quote.statement)
    return tuple(
        Speaker(name=name, statements=len(statements))
        for name, statements in sorted(counts.items(), key=lambda item: -len(item[1]))
    )
