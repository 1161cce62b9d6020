"""Discord rendering stays within every limit and never pings or breaks Markdown."""

from __future__ import annotations

import re

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import render, terminal
from index.models import Answer, AnswerItem, AnswerKind, ArticleInfo, Quote, QuoteKind

INFO = ArticleInfo(1, 1, "A title", None, "Outlet", None, "2024-01-01", None, None, "now", "h", 10, 1)


def _within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= render.TITLE_LIMIT
    assert len(embed.description or "") <= render.DESCRIPTION_LIMIT
    assert len(embed.fields) <= render.FIELD_LIMIT
    assert all(len(f.value or "") <= render.FIELD_VALUE_LIMIT for f in embed.fields)
    assert len(embed) <= render.EMBED_TOTAL_LIMIT


def _answer(texts: list[str]) -> Answer:
    items = tuple(
        AnswerItem(INFO, t, 0, len(t), quote=Quote(t, 0, len(t), QuoteKind.DIRECT, i, "Ann Lee"))
        for i, t in enumerate(texts)
    )
    return Answer(AnswerKind.SPEAKER, "q", "Ann Lee: quotes", items, speaker="Ann Lee")


def test_mentions_are_defused() -> None:
    cleaned = render.clean("hi @everyone and @here and <@123> and <@&456> and <#789>")
    assert "@everyone" not in cleaned and "@here" not in cleaned
    assert "<@123>" not in cleaned and "<@&456>" not in cleaned and "<#789>" not in cleaned


def test_markdown_and_links_are_inert() -> None:
    cleaned = render.clean("**bold** `code` ||spoiler|| [masked](https://evil.example) https://x.example/a_b")
    assert "**bold**" not in cleaned and "||spoiler||" not in cleaned and "`code`" not in cleaned
    # A masked link needs an unescaped "[text](": the bracket must be escaped, the words kept.
    assert "\\[masked]" in cleaned
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(", cleaned)
    assert "<https://x.example/a_b>" in cleaned


def test_long_answer_is_paginated_between_quotes() -> None:
    texts = [f"Quote number {i} " + "word " * 150 for i in range(40)]
    pages = render.answer_pages(_answer(texts))
    assert len(pages) > 1
    for page in pages:
        _within_limits(page)
    shown = "".join(page.description or "" for page in pages)
    for i in range(40):
        assert f"Quote number {i} " in shown  # every quote appears, none lost at a page break


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=3000), min_size=1, max_size=12))
def test_any_answer_fits_discord(texts: list[str]) -> None:
    for page in render.answer_pages(_answer(texts)):
        _within_limits(page)


def _open(confident: bool) -> Answer:
    text = "The ferry runs twice a day. It stops in winter."
    item = AnswerItem(INFO, text, 0, len(text), 0.5, highlight=(0, 27))
    return Answer(AnswerKind.OPEN, "q", "The headline", (item,), confident=confident)


def test_a_hedged_answer_is_amber_and_bolds_no_sentence_as_the_answer() -> None:
    hedged, sure = render.answer_pages(_open(False))[0], render.answer_pages(_open(True))[0]
    assert hedged.color == render.HEDGED_COLOR and sure.color == render.COLOR
    assert "**" not in (hedged.description or "")
    assert "The ferry runs twice a day. It stops in winter." in (hedged.description or "")
    assert "**The ferry runs twice a day.**" in (sure.description or "")


def test_the_terminal_marks_no_sentence_of_a_hedged_answer() -> None:
    hedged, sure = terminal.answer(_open(False)), terminal.answer(_open(True))
    assert terminal.MARKS[0] not in hedged and "mark the best-matching" not in hedged
    assert "The ferry runs twice a day. It stops in winter." in hedged
    assert f"{terminal.MARKS[0]}The ferry runs twice a day.{terminal.MARKS[1]}" in sure
