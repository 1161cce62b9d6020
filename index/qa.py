"""Answer a question from a guild's library with the articles' own words.

A question is routed by what it asks — what someone said (perhaps about a topic), who said a
phrase, who someone is, or anything else — using patterns and the library's speaker table; no
language model is involved. Every item cites its article and offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from index.guild_index import GuildIndex, QuoteRef
from index.models import Answer, AnswerItem, AnswerKind, Article, QuoteKind
from index.names import normalize
from index.retrieve import similarity, terms

# Below this cosine similarity a passage does not answer an open question (tuned in eval_ask).
OPEN_THRESHOLD = 0.12
# Below this similarity none of a speaker's statements is about the topic.
TOPIC_THRESHOLD = 0.05
MAX_OPEN_PASSAGES = 3

_NAME = r"(?P<name>[^?\"“”]{1,80}?)"
_TOPIC = r"(?P<topic>[^?]{1,300}?)"
_END = r"\s*[?.!]*\s*$"
_SAY = r"(?:say|said|says|saying|think|thinks|thought|tell|told|comment|comments|claim|claimed)"
_ABOUT = r"(?:about|on|regarding|concerning|of)"

# Routes, most specific first; each pattern names the parts it captures.
_ROUTES: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (AnswerKind.WHO_SAID, r"^\s*who\s+(?:said|says|wrote|called|stated|tweeted)\s*(?:that\s+)?[:,]?\s*(?P<phrase>.+?)" + _END),
        (AnswerKind.ROLE, r"^\s*(?:who\s+is|who's|who\s+was|what\s+is\s+the\s+role\s+of)\s+" + _NAME + _END),
        (AnswerKind.ROLE, r"^\s*what\s+does\s+" + _NAME + r"\s+do" + _END),
        (AnswerKind.ROLE, r"^\s*what\s+is\s+" + _NAME + r"['’]s?\s+(?:role|job|title|position)" + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*what\s+(?:did|does|has|have|do|had|was|is)\s+" + _NAME + r"\s+" + _SAY + r"\s+" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:what\s+(?:are|were)\s+)?" + _NAME + r"['’]s?\s+(?:comments?|quotes?|remarks?|views?|statements?|words?)\s+" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER_TOPIC, r"^\s*(?:what\s+(?:did|does)\s+)?" + _NAME + r"\s+" + _SAY + r"\s+" + _ABOUT + r"\s+" + _TOPIC + _END),
        (AnswerKind.SPEAKER, r"^\s*what\s+(?:did|does|has|have|do|had)\s+" + _NAME + r"\s+(?:ever\s+)?" + _SAY + r"(?:\s+so\s+far)?" + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:what\s+(?:are|were)\s+|show\s+(?:me\s+)?)?" + _NAME + r"['’]s?\s+(?:comments?|quotes?|remarks?|views?|statements?|words?)" + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:show\s+(?:me\s+)?|list\s+)?(?:all\s+)?(?:the\s+)?(?:quotes?|statements?|comments?)\s+(?:from|by|of)\s+" + _NAME + _END),
        (AnswerKind.SPEAKER, r"^\s*(?:what\s+is\s+|what's\s+)?according\s+to\s+" + _NAME + _END),
        (AnswerKind.SPEAKER, r"^\s*" + _NAME + r"\s+(?:quotes?|said)" + _END),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Route:
    kind: AnswerKind
    name: str | None = None
    topic: str | None = None
    phrase: str | None = None


def route(question: str) -> Route:
    """Decide what a question asks and pull out its name, topic or phrase."""
    for kind, pattern in _ROUTES:
        match = pattern.match(question)
        if not match:
            continue
        parts = match.groupdict()
        if kind is AnswerKind.WHO_SAID:
            phrase = parts["phrase"].strip().strip("\"'“”‘’ ")
            if phrase:
                return Route(kind, phrase=phrase)
            continue
        name = parts.get("name", "").strip()
        if name.lower() in {"you", "i", "we", "they", "it", "this", "that", "the article"}:
            continue
        return Route(kind, name=name, topic=(parts.get("topic") or "").strip() or None)
    return Route(AnswerKind.OPEN)


def answer(question: str, index: GuildIndex, scope: set[int] | None = None) -> Answer:
    """Answer a question from the library (or from the articles in `scope`)."""
    plan = route(question)
    if plan.kind in (AnswerKind.SPEAKER, AnswerKind.SPEAKER_TOPIC, AnswerKind.ROLE):
        assert plan.name is not None
        names = index.speakers.match(plan.name)
        if len(names) > 1:
            return Answer(
                AnswerKind.AMBIGUOUS,
                question,
                f"“{plan.name}” could mean more than one person: which one?",
                candidates=tuple(names),
            )
        if names:
            if plan.kind is AnswerKind.ROLE:
                return _role(question, index, names[0], scope)
            return _speaker(question, index, names[0], plan.topic, scope)
        # Not a known speaker: answer it as an open question.
    if plan.kind is AnswerKind.WHO_SAID:
        assert plan.phrase is not None
        return _who_said(question, index, plan.phrase, scope)
    return _open(question, index, scope)


def _speaker(
    question: str, index: GuildIndex, name: str, topic: str | None, scope: set[int] | None
) -> Answer:
    refs = index.quotes_of(name, scope)
    if not refs:
        return _not_found(question, index, scope, f"{name} is not quoted in")
    if topic:
        scores = similarity([topic], [ref.quote.text for ref in refs])[0]
        order = np.argsort(-scores, kind="stable")
        ranked = [(refs[i], float(scores[i])) for i in order]
        if ranked[0][1] < TOPIC_THRESHOLD:
            headline = f"{name} said nothing about “{topic}”. The closest of their statements:"
            kind = AnswerKind.SPEAKER_TOPIC
            ranked = ranked[:5]
        else:
            headline = f"What {name} said about “{topic}”:"
            kind = AnswerKind.SPEAKER_TOPIC
            ranked = [pair for pair in ranked if pair[1] >= TOPIC_THRESHOLD]
        items = tuple(_quote_item(ref, score) for ref, score in ranked)
        return Answer(kind, question, headline, items, speaker=name)
    # Newest article first; within one, direct quotes in article order, then reported speech.
    ordered = sorted(
        refs,
        key=lambda ref: (-ref.article.id, ref.quote.kind is QuoteKind.REPORTED, ref.quote.start),
    )
    direct = sum(1 for ref in refs if ref.quote.is_direct)
    headline = f"{name}: {direct} quote{'s' * (direct != 1)}"
    reported = len(refs) - direct
    if reported:
        headline += f" and {reported} reported statement{'s' * (reported != 1)}"
    items = tuple(_quote_item(ref) for ref in ordered)
    return Answer(AnswerKind.SPEAKER, question, headline, items, speaker=name)


def _who_said(question: str, index: GuildIndex, phrase: str, scope: set[int] | None) -> Answer:
    refs = [ref for ref in index.all_quotes(scope) if ref.quote.is_direct]
    wanted = normalize(phrase)
    exact = [ref for ref in refs if wanted and wanted in normalize(ref.quote.text)]
    if exact:
        best = [(ref, 1.0) for ref in exact]
    elif refs and terms(phrase):
        scores = similarity([phrase], [ref.quote.text for ref in refs])[0]
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:3] if scores[i] >= 0.2]
        best = [(refs[i], float(scores[i])) for i in order]
    else:
        best = []
    if not best:
        return _not_found(question, index, scope, f"No quote like “{phrase}” in")
    top = best[0][0].quote
    who = top.speaker or "an unknown speaker"
    verb = "said" if exact else "said something close"
    return Answer(
        AnswerKind.WHO_SAID,
        question,
        f"{who} {verb}:",
        tuple(_quote_item(ref, score) for ref, score in best[:3]),
        speaker=top.speaker,
    )


def _role(question: str, index: GuildIndex, name: str, scope: set[int] | None) -> Answer:
    people = {p.name: p for p in index.speakers.people()}
    roles = sorted(
        {role for member in index.speakers.members(name) for role in people[member].roles}
    )
    refs = index.quotes_of(name, scope)
    items = tuple(_quote_item(ref) for ref in refs[:1])
    if roles:
        headline = f"{name}: " + "; ".join(roles)
    else:
        headline = f"The articles quote {name} but do not say what their role is."
    return Answer(AnswerKind.ROLE, question, headline, items, speaker=name)


def _open(question: str, index: GuildIndex, scope: set[int] | None) -> Answer:
    hits = index.passages.search(question, k=MAX_OPEN_PASSAGES, article_ids=scope)
    hits = [hit for hit in hits if hit.score >= OPEN_THRESHOLD]
    if not hits:
        return _not_found(question, index, scope, "I found nothing about that in")
    items = []
    for hit in hits:
        article = index.articles[hit.passage.article_id]
        items.append(
            AnswerItem(
                article=article.info,
                text=article.text[hit.passage.start : hit.passage.end],
                start=hit.passage.start,
                end=hit.passage.end,
                score=hit.score,
                highlight=_best_sentence(question, article, hit.passage.paragraph),
            )
        )
    return Answer(AnswerKind.OPEN, question, "From the library:", tuple(items))


def _best_sentence(question: str, article: Article, paragraph_index: int) -> tuple[int, int] | None:
    paragraph = article.analysis.document.paragraphs[paragraph_index]
    if len(paragraph.sentences) < 2:
        return None
    texts = [article.text[s.start : s.end] for s in paragraph.sentences]
    scores = similarity([question], texts)[0]
    best = paragraph.sentences[int(np.argmax(scores))]
    return (best.start, best.end)


def _not_found(question: str, index: GuildIndex, scope: set[int] | None, lead: str) -> Answer:
    where = "this article" if scope and len(scope) == 1 else "this server's library"
    closest = index.passages.search(question, k=10, article_ids=scope)
    seen: dict[int, None] = {}
    for hit in closest:
        seen.setdefault(hit.passage.article_id)
    articles = tuple(index.articles[i].info for i in list(seen)[:3])
    return Answer(AnswerKind.NOT_FOUND, question, f"{lead} {where}.", closest=articles)


def _quote_item(ref: QuoteRef, score: float = 0.0) -> AnswerItem:
    quote = ref.quote
    return AnswerItem(
        article=ref.article.info,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        score=score,
        quote=quote,
    )
