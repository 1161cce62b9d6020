"""Weigh how well a text answers a question: the passages for open questions, and the honest no.

Retrieval (index.retrieve) proposes candidate passages by TF-IDF cosine. Cosine alone favours
short paragraphs — a story's one-sentence lead — that share a word or two with the question,
over the paragraph holding the answer, and it cannot tell "nothing in the library is about this"
from "this is about something the library covers a little". So the candidates are re-ranked by
coverage: the share of the question's IDF weight whose words the passage contains (cosine breaks
ties). A question is declined when the best passage's whole article does not cover most of that
weight: its rare words are nowhere together in the library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.guild_index import GuildIndex
from index.models import Article, Passage
from index.retrieve import similarity, terms

__all__ = ["Found", "Scored", "find", "rank_texts", "terms"]

# Candidates re-ranked per question: enough to hold the answer, few enough to read quickly.
CANDIDATES = 20
MAX_PASSAGES = 3
# The not-found threshold: below this share of the question's IDF weight in the best passage's
# article, nothing answers it. A share, not a cosine: cosine falls with a passage's length, so
# no one cosine separates "about something else" from "long" (tuned on benchmarks/data/open_questions.jsonl with eval_ask.py: 0.5 lets through a third
# of the unanswerable questions, 0.7 declines a tenth of the answerable ones).
OPEN_THRESHOLD = 0.6
# A passage after the first is shown only if it covers at least this share of what the first
# covers: the answer is never padded with passages about something else.
KEEP_RATIO = 0.4


@dataclass(frozen=True, slots=True)
class Scored:
    coverage: float
    cosine: float


@dataclass(frozen=True, slots=True)
class Found:
    """A passage that answers: its article, offsets, score and best sentence."""

    article: Article
    start: int
    end: int
    score: float
    highlight: tuple[int, int] | None


class _Weights:
    """The IDF weight of each distinct question term, with its library document frequency."""

    def __init__(self, question: str, index: GuildIndex) -> None:
        self.terms = list(dict.fromkeys(terms(question)))
        total = len(index.passages)
        weights = {}
        # Which passages hold each term: a passage's coverage needs no read of its article.
        self.present: dict[str, np.ndarray] = {}
        for term in self.terms:
            # A one-word query's scores are nonzero exactly where the word occurs. (The term,
            # a stem, is stemmed again on the way: a few stems count another's passages.)
            df = int(np.count_nonzero(index.passages.scores(term)))
            self.present[term] = index.passages.holding(term)
            weights[term] = math.log((1 + total) / (1 + df)) + 1.0
        self.weights = weights
        self.total = sum(weights.values())

    def coverage(self, found: set[str]) -> float:
        if not self.total:
            return 0.0
        return sum(w for term, w in self.weights.items() if term in found) / self.total

    def coverage_of_row(self, row: int) -> float:
        """The coverage of the passage at an index row (the terms it holds, from the index)."""
        return self.coverage({term for term, present in self.present.items() if present[row]})


def find(question: str, index: GuildIndex, scope: set[int] | None) -> list[Found]:
    """The passages that answer a question, best first; empty when nothing does."""
    weights = _Weights(question, index)
    if not weights.terms:
        return []
    candidates = index.passages.top(question, k=CANDIDATES, article_ids=scope)
    ranked = [(weights.coverage_of_row(row), score, row) for row, score in candidates]
    ranked.sort(key=lambda item: (-round(item[0], 3), -item[1]))
    # Only the few passages shown are read from their articles.
    chosen: list[Found] = []
    for coverage, _, row in ranked:
        passage = index.passages.passage(row)
        try:
            article = index.articles[passage.article_id]
        except KeyError:  # removed since the index was made
            continue
        chosen.append(_found(article, passage, coverage, weights))
        if len(chosen) == MAX_PASSAGES:
            break
    if not chosen:
        return []
    top = chosen[0]
    whole = set(terms(top.article.info.title)) | set(terms(top.article.text))
    if weights.coverage(whole) < OPEN_THRESHOLD:
        return []
    return [found for found in chosen if found.score >= KEEP_RATIO * top.score]


def _found(article: Article, passage: Passage, coverage: float, weights: _Weights) -> Found:
    """A passage to show, with the sentence that covers most of the question highlighted."""
    text = article.text
    paragraph = article.analysis.document.paragraphs[passage.paragraph]
    highlight = None
    if len(paragraph.sentences) > 1:
        covers = [weights.coverage(set(terms(text[s.start : s.end]))) for s in paragraph.sentences]
        best = paragraph.sentences[max(range(len(covers)), key=lambda i: (covers[i], -i))]
        highlight = (best.start, best.end)
    return Found(article, passage.start, passage.end, coverage, highlight)


def rank_texts(query: str, texts: Sequence[str]) -> list[Scored]:
    """Coverage and cosine of each text for a query, IDF taken over the texts themselves."""
    query_terms = list(dict.fromkeys(terms(query)))
    bags = [set(terms(text)) for text in texts]
    count = len(texts)
    weights = {
        term: math.log((1 + count) / (1 + sum(term in bag for bag in bags))) + 1.0
        for term in query_terms
    }
    total = sum(weights.values()) or 1.0
    cosines = similarity([query], list(texts))[0] if texts else []
    return [
        Scored(
            sum(w for term, w in weights.items() if term in bag) / total,
            float(cosine),
        )
        for bag, cosine in zip(bags, cosines, strict=True)
    ]
