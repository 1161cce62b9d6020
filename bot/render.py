"""Discord rendering: answers and summaries as embeds within every Discord limit.

Discord's limits live here and nowhere else. Article text is escaped so that it can neither
ping anyone nor break the embed's Markdown; long answers become pages, split between items,
never inside a quote.
"""

from __future__ import annotations

import re

import discord

from bot.quoting import quote_words
from index.models import Answer, AnswerItem, AnswerKind, ArticleInfo, Quote, QuoteKind, Summary
from index.service import item_groups, joined, plural, quote_groups

MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
# Room left in a page for its title and footer, so title + description + footer stay < 6000.
PAGE_BUDGET = 3800
COLOR = discord.Color.from_rgb(46, 117, 182)
NOT_FOUND_COLOR = discord.Color.from_rgb(150, 150, 150)
# An answer that is only the closest passage: between an answer and nothing.
HEDGED_COLOR = discord.Color.from_rgb(214, 158, 46)

_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")
_LINK = re.compile(r"(https?://\S+)")
# A source link is shown only when it cannot end a masked link early or be refused by Discord
# (stored links are checked at intake; this also guards rows stored before that check).
_SOURCE_LINK = re.compile(r"https?://[^\s()<>\[\]\\]+")


def clean(text: str) -> str:
    """Article text made inert: one line, Markdown escaped, mentions and links defused."""
    flat = " ".join(text.split())
    escaped = discord.utils.escape_markdown(flat)
    # A zero-width space after @ (or inside <@…>) keeps the text as written but never pings.
    escaped = _MENTION.sub(
        lambda m: m.group(0).replace("@", "@\u200b").replace("<#", "<\u200b#"), escaped
    )
    # Wrapping bare links in <> keeps them plain links: never masked, never embedded.
    return _LINK.sub(r"<\1>", escaped)


def truncate(text: str, limit: int) -> str:
    """Shorten to at most `limit` characters at a word boundary, marking the cut with '…'."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip() + "…"


def attribution(quote: Quote) -> str:
    if quote.speaker and not quote.speaker_named:  # described, not named: no bold, marked so
        return f"— *{clean(quote.speaker)}* (unnamed)"
    who = clean(quote.speaker) if quote.speaker else "*unknown speaker*"
    line = f"— **{who}**"
    if quote.speaker and quote.role:
        line += f", {clean(quote.role)}"
    if quote.speaker and quote.mention and quote.mention.lower() != quote.speaker.lower():
        line += f" (as “{clean(quote.mention)}”)"
    return line


def quote_block(quote: Quote, limit: int = 1000, *more: Quote) -> str:
    """A statement: the quote and the `more` segments of it, joined by an ellipsis."""
    body = clean(joined(quote_words(q.text) for q in (quote, *more)))
    body = f"*{body}*" if quote.kind is QuoteKind.REPORTED else f"“{body}”"
    tail = "\n" + attribution(quote)
    if quote.kind is QuoteKind.REPORTED:
        tail += " *(reported)*"
    return truncate(body, max(50, limit - len(tail))) + tail


def source_link(info: ArticleInfo) -> str | None:
    """The article's link when it is a plain http(s) URL safe to put in a link or embed."""
    return info.url if info.url and _SOURCE_LINK.fullmatch(info.url) else None


def citation(info: ArticleInfo) -> str:
    title = clean(info.title)
    if source_link(info):
        title = f"[{discord.utils.escape_markdown(info.title)}]({info.url})"
    extra = " · ".join(clean(p) for p in (info.outlet, info.published) if p)
    return f"#{info.id} {title}" + (f" · {extra}" if extra else "")


def paginate(
    title: str, blocks: list[str], *, color: discord.Color = COLOR, intro: str = ""
) -> list[discord.Embed]:
    """Pack text blocks into as few embeds as fit, splitting only between blocks."""
    pages: list[list[str]] = [[]]
    size = len(intro)
    for block in blocks:
        block = truncate(block, PAGE_BUDGET)
        if pages[-1] and size + len(block) + 2 > PAGE_BUDGET:
            pages.append([])
            size = 0
        pages[-1].append(block)
        size += len(block) + 2
    embeds = []
    for number, page in enumerate(pages, 1):
        text = "\n\n".join(page)
        if number == 1 and intro:
            text = f"{intro}\n\n{text}" if text else intro
        embed = discord.Embed(
            title=truncate(title, TITLE_LIMIT), description=text or None, color=color
        )
        if len(pages) > 1:
            embed.set_footer(text=f"Page {number}/{len(pages)}")
        embeds.append(embed)
    return embeds


def answer_pages(answer: Answer) -> list[discord.Embed]:
    """Render an answer: its headline, then its cited items grouped by article."""
    headline = clean(answer.headline)
    if answer.kind is AnswerKind.AMBIGUOUS:
        names = "\n".join(f"• {clean(name)}" for name in answer.candidates)
        return paginate("Which one?", [f"{headline}\n{names}\nAsk again with the full name."])
    if answer.kind is AnswerKind.NOT_FOUND and not answer.items:
        closest = [f"• {citation(info)}" for info in answer.closest]
        intro = "The closest articles:\n" + "\n".join(closest) if closest else ""
        return paginate(
            "Nothing found", [headline] + ([intro] if intro else []), color=NOT_FOUND_COLOR
        )
    blocks: list[str] = []
    current: int | None = None
    # A hedged answer bolds nothing: a bold sentence reads as the answer the article lacks.
    hedged = answer.confident is False
    for statement in item_groups(answer.items):
        item = statement[0]
        block = _item_block(*statement, marked=not hedged)
        if item.article.id != current:
            current = item.article.id
            block = f"__{citation(item.article)}__\n{block}"
        blocks.append(block)
    if hedged:
        return paginate(headline, blocks, color=HEDGED_COLOR)
    return paginate(headline, blocks)


def _item_block(item: AnswerItem, *more: AnswerItem, marked: bool = True) -> str:
    if item.quote is not None:
        return quote_block(item.quote, 1000, *(m.quote for m in more if m.quote is not None))
    text = item.text
    if item.highlight and marked:
        start, end = item.highlight[0] - item.start, item.highlight[1] - item.start
        return truncate(
            f"{clean(text[:start])} **{clean(text[start:end])}** {clean(text[end:])}".strip(), 1500
        )
    return truncate(clean(text), 1500)


def summary_pages(summary: Summary) -> list[discord.Embed]:
    """Render a summary: title and source, In brief, Key quotes, Who is quoted."""
    info = summary.article
    title = clean(info.title) if info else "Summary"
    meta = (
        " · ".join(clean(p) for p in (info.outlet, info.author, info.published) if p)
        if info
        else ""
    )
    brief = "\n".join(f"• {clean(s.text)}" for s in summary.sentences)
    blocks = [f"**In brief**\n{brief}"] if brief else []
    if summary.quotes:
        blocks.append(
            "**Key quotes**\n"
            + "\n\n".join(quote_block(s[0], 900, *s[1:]) for s in quote_groups(summary.quotes))
        )
    if summary.speakers:
        people = [
            f"• {clean(s.name)}"
            + (f" ({clean(s.role)})" if s.role else "")
            + f": {plural(s.statements)}"
            for s in summary.speakers[:15]
        ]
        more = len(summary.speakers) - 15
        if more > 0:
            people.append(f"…and {more} more")
        blocks.append("**Who is quoted**\n" + "\n".join(people))
    pages = paginate(title, blocks, intro=meta)
    if info and source_link(info):
        for page in pages:
            page.url = info.url
    if info:
        for page in pages:
            footer = page.footer.text or ""
            page.set_footer(
                text=truncate(
                    f"Article #{info.id}" + (f" · {footer}" if footer else ""), FOOTER_LIMIT
                )
            )
    return pages


def article_list_pages(articles: list[ArticleInfo]) -> list[discord.Embed]:
    if not articles:
        return paginate(
            "Library", ["The library is empty. Moderators can add articles with /article add."]
        )
    lines = [f"{citation(info)} — {plural(info.quotes)}" for info in articles]
    blocks = ["\n".join(lines[i : i + 15]) for i in range(0, len(lines), 15)]
    return paginate(f"Library: {len(articles)} article{'s' * (len(articles) != 1)}", blocks)


def short(text: str) -> str:
    """A plain message within the message limit."""
    return truncate(text, MESSAGE_LIMIT)
