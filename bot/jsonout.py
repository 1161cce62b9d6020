"""JSON shapes of the CLI's --json output and batch commands: public contracts, keep them stable.

The README documents every shape here; change one only with a note there.
"""

from __future__ import annotations

from typing import Any

from index.models import Answer, AnswerItem, ArticleInfo, Quote, Speaker, Summary, SummarySentence


def quote(q: Quote) -> dict[str, Any]:
    """One quoted segment, as `articlebot extract` writes it."""
    return {
        "quote": q.text,
        "start": q.start,
        "end": q.end,
        "speaker": q.speaker,
        "speaker_named": q.speaker_named,
        "speaker_mention": q.mention,
        "role": q.role,
        "kind": q.kind.value,
        "statement": q.statement,
    }


def article(info: ArticleInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "external_id": info.external_id,
        "title": info.title,
        "url": info.url,
        "outlet": info.outlet,
        "author": info.author,
        "published": info.published,
        "added_by": info.added_by,
        "added_at": info.added_at,
        "chars": info.chars,
        "quotes": info.quotes,
    }


def sentence(s: SummarySentence) -> dict[str, Any]:
    return {"text": s.text, "start": s.start, "end": s.end}


def speaker(s: Speaker) -> dict[str, Any]:
    return {"name": s.name, "role": s.role, "aliases": list(s.aliases), "statements": s.statements}


def summary(result: Summary, record_id: object = None) -> dict[str, Any]:
    """A summary; `id` is the caller's record id in batch mode, else the article's id."""
    return {
        "id": record_id if record_id is not None else (result.article and result.article.id),
        "article": article(result.article) if result.article else None,
        "summary": result.text,
        "sentences": [sentence(s) for s in result.sentences],
        "quotes": [quote(q) for q in result.quotes],
        "speakers": [speaker(s) for s in result.speakers],
    }


def answer_item(item: AnswerItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "article": item.article.id,
        "external_id": item.article.external_id,
        "title": item.article.title,
        "text": item.text,
        "start": item.start,
        "end": item.end,
        "score": round(item.score, 4),
    }
    if item.quote is not None:
        data |= {
            "speaker": item.quote.speaker,
            "speaker_named": item.quote.speaker_named,
            "speaker_mention": item.quote.mention,
            "role": item.quote.role,
            "kind": item.quote.kind.value,
            "statement": item.quote.statement,
        }
    if item.highlight is not None:
        data["highlight"] = {"start": item.highlight[0], "end": item.highlight[1]}
    return data


def answer(result: Answer) -> dict[str, Any]:
    """One answer, as `articlebot ask --json/--jsonl` writes it."""
    data = {
        "question": result.question,
        "kind": result.kind.value,
        "headline": result.headline,
        "speaker": result.speaker,
        "items": [answer_item(item) for item in result.items],
        "candidates": list(result.candidates),
        "closest": [{"article": a.id, "title": a.title} for a in result.closest],
    }
    if result.total is not None:  # speaker answers: statements in all (items: the newest)
        data["total"] = result.total
    if result.confident is not None:  # open answers only
        data["confident"] = result.confident
    return data
