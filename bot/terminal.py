"""Plain-text rendering for the terminal front end."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TextIO

from bot.quoting import quote_words
from index.models import Answer, AnswerItem, AnswerKind, ArticleInfo, Quote, QuoteKind, Summary
from index.service import ImportReport, item_groups, joined, plural, quote_groups

WIDTH = 88
MARKS = ("»", "«")  # around the sentence of a passage that answers an open question best


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
    )


def attribution(quote: Quote) -> str:
    """'— Charlie Beck, Los Angeles Police Chief', '— a police spokesman (unnamed)' for a
    speaker the article describes without naming, or an honest unknown."""
    if quote.speaker and not quote.speaker_named:
        return f"— {quote.speaker} (unnamed)"
    who = quote.speaker or "unknown speaker"
    line = f"— {who}"
    if quote.role and quote.speaker:
        line += f", {quote.role}"
    if quote.mention and quote.speaker and quote.mention.lower() != quote.speaker.lower():
        line += f" (as “{quote.mention}”)"
    return line


def quote_text(quote: Quote, *more: Quote) -> str:
    """A statement's words: its segments (the quote and `more`) joined by an ellipsis."""
    words = joined(quote_words(q.text) for q in (quote, *more))
    if quote.kind is QuoteKind.REPORTED:
        return f"(reported) {words}"
    return f"“{words}”"


def citation(info: ArticleInfo) -> str:
    parts = [f"#{info.id} {info.title}"]
    parts += [p for p in (info.outlet, info.published) if p]
    return " · ".join(parts)


def article_line(info: ArticleInfo) -> str:
    extra = f" ({info.outlet})" if info.outlet else ""
    return f"#{info.id:<5} {info.title}{extra} — {info.chars:,} chars, {plural(info.quotes)}"


def summary(result: Summary) -> str:
    lines = []
    if result.article:
        lines.append(result.article.title)
        meta = [p for p in (result.article.outlet, result.article.published) if p]
        if meta:
            lines.append(" · ".join(meta))
        if result.article.url:
            lines.append(result.article.url)
        lines.append("")
    lines.append("In brief")
    lines += [_wrap(s.text, "    ", first="  • ") for s in result.sentences]
    if result.quotes:
        lines += ["", "Key quotes"]
        for statement in quote_groups(result.quotes):
            lines.append(_wrap(quote_text(*statement)))
            lines.append(f"    {attribution(statement[0])}")
    if result.speakers:
        lines += ["", "Who is quoted"]
        lines += [
            f"  {s.name}" + (f" ({s.role})" if s.role else "") + f": {plural(s.statements)}"
            for s in result.speakers
        ]
    return "\n".join(lines)


def local(text: str) -> str:
    """The terminal has one library and no server: it says "the library"."""
    return text.replace("this server's library", "the library").replace(
        "This server's library", "The library"
    )


def answer(result: Answer) -> str:
    lines = [local(result.headline)]
    # A hedged answer marks nothing: a marked sentence reads as the answer the article lacks.
    marked = result.confident is not False
    if marked and any(item.highlight for item in result.items):
        lines.append(f"({MARKS[0]} {MARKS[1]} mark the best-matching sentence of each passage.)")
    if result.kind is AnswerKind.AMBIGUOUS:
        lines += [f"  - {name}" for name in result.candidates]
        return "\n".join(lines)
    if result.kind is AnswerKind.NOT_FOUND and not result.items:
        if result.closest:
            lines.append("The closest articles:")
            lines += [f"  {citation(info)}" for info in result.closest]
        return "\n".join(lines)
    lines += statement_lines(result.items, marked=marked)
    return "\n".join(lines)


def _item(item: AnswerItem, *more: AnswerItem, marked: bool = True) -> str:
    if item.quote is not None:
        text = quote_text(item.quote, *(m.quote for m in more if m.quote is not None))
        return f"{_wrap(text)}\n    {attribution(item.quote)}"
    text = item.text
    if item.highlight and marked:
        start, end = item.highlight[0] - item.start, item.highlight[1] - item.start
        text = f"{text[:start]}{MARKS[0]}{text[start:end]}{MARKS[1]}{text[end:]}"
    return _wrap(text)


class ProgressBar:
    """A one-line progress bar on a terminal stream (plain lines when it is not a terminal)."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = max(total, 1), stream, width
        self.interactive = stream.isatty()
        self._last_percent = -1

    def update(self, report: ImportReport) -> None:
        percent = min(100, report.done * 100 // self.total)
        if percent == self._last_percent:
            return
        self._last_percent = percent
        filled = self.width * percent // 100
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {report.done}/{self.total} "
            f"({report.added} added, {report.duplicates} duplicate, {report.failed} failed)"
        )
        if self.interactive:
            self.stream.write("\r" + line)
        elif percent % 10 == 0:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()


def statement_lines(items: Sequence[AnswerItem], *, marked: bool = True) -> list[str]:
    """Render answer items as `ask` shows them: statements whole, under their article's citation
    (`marked`: the best sentence of each passage between » «)."""
    lines: list[str] = []
    current: int | None = None
    for statement in item_groups(items):
        item = statement[0]
        if item.article.id != current:
            current = item.article.id
            lines += ["", f"[{citation(item.article)}]"]
        lines.append(_item(*statement, marked=marked))
    return lines
