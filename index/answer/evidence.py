"""Weigh how well a text answers a question: the passages for open questions, and the honest no.

Retrieval (index.answer.retrieve) proposes candidate passages by TF-IDF cosine. Cosine alone favours
short paragraphs — a story's one-sentence lead — that share a word or two with the question,
over the paragraph holding the answer, and it cannot tell "nothing in the library is about this"
from "this is about something the library covers a little". So the candidates are re-ranked by
coverage: the share of the question's IDF weight whose words the passage contains, each word
counted with BM25's saturation and length normalization (cosine breaks ties). A question is
declined when no shown passage's whole article covers most of that weight: its rare words are
nowhere together in the library.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.answer.guild_index import GuildIndex
from index.models import Article, Passage
from index.text.terms import smooth_idf, terms

__all__ = ["Found", "Scored", "TextRanker", "find", "terms"]

# Candidates re-ranked per question: enough to hold the answer, few enough to read quickly.
CANDIDATES = 20
MAX_PASSAGES = 3
# The not-found threshold: when no shown passage's article holds this share of the question's
# IDF weight, nothing answers it. A share, not a cosine: cosine falls with a passage's length, so
# no one cosine separates "about something else" from "long" (tuned on benchmarks/data/open_questions.jsonl with eval_ask.py: 0.5 lets through a fifth
# of the unanswerable questions, 0.7 declines one answerable question in thirteen).
OPEN_THRESHOLD = 0.6
# A passage after the first is shown only if it covers at least this share of what the first
# covers: the answer is never padded with passages about something else.
KEEP_RATIO = 0.4
# BM25's term-frequency saturation and length normalization, milder than its usual 1.2 and
# 0.75 (eval_ask.py on the dev questions: those put long answering paragraphs too low).
BM25_K1 = 0.6
BM25_B = 0.5


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
        for term in self.terms:
            # Counted from the stem itself: a stem run through `terms` again may be a stop word
            # ("named" -> "name") or stem further ("raised" -> "rais" -> "rai"), and would then
            # count no passage at all and weigh as the rarest word of the library.
            df = int(np.count_nonzero(index.passages.holding(term)))
            weights[term] = smooth_idf(total, df)
        self.weights = weights
        self.total = sum(weights.values())

    def coverage(self, found: set[str]) -> float:
        if not self.total:
            return 0.0
        return sum(w for term, w in self.weights.items() if term in found) / self.total


def find(question: str, index: GuildIndex, scope: set[int] | None) -> list[Found]:
    """The passages that answer a question, best first; empty when nothing does."""
    weights = _Weights(question, index)
    if not weights.terms:
        return []
    candidates = index.passages.top(question, k=CANDIDATES, article_ids=scope)
    ranked = _ranked(weights, index, candidates)
    ranked.sort(key=lambda item: (-round(item[0], 3), -item[1]))
    # Only the few passages shown are read from their articles.
    chosen: list[Found] = []
    for score, _, row in ranked:
        passage = index.passages.passage(row)
        try:
            article = index.articles[passage.article_id]
        except KeyError:  # removed since the index was made
            continue
        chosen.append(_found(article, passage, score, weights))
        if len(chosen) == MAX_PASSAGES:
            break
    if not chosen:
        return []
    top = chosen[0]
    # Declined when no article shown covers the question: a passage outranked by a shorter one
    # elsewhere still vouches for its own article.
    articles = {found.article.id: found.article for found in chosen}.values()
    if not any(weights.coverage(_article_terms(a)) >= OPEN_THRESHOLD for a in articles):
        return []
    return [found for found in chosen if found.score >= KEEP_RATIO * top.score]


def _article_terms(article: Article) -> frozenset[str]:
    return _text_terms(article.info.title or "") | _text_terms(article.text)


@lru_cache(maxsize=256)
def _text_terms(text: str) -> frozenset[str]:
    """The terms of a text, kept for the articles asked about lately: every open question
    reads up to three whole articles, and the same few come back question after question."""
    return frozenset(terms(text))


def _ranked(
    weights: _Weights, index: GuildIndex, candidates: list[tuple[int, float]]
) -> list[tuple[float, float, int]]:
    """(answer score, cosine, row) of each candidate passage.

    The score is coverage with BM25's term saturation and length normalization: each term's
    IDF weight counts by tf(k1 + 1) / (tf + k1(1 - b + b·len/avg)), over its most, so a long
    passage that mentions each word once in passing no longer ties with a short one built
    around them. With k1 = 0 it is plain coverage.
    """
    if not candidates:
        return []
    rows = [row for row, _ in candidates]
    passages = index.passages
    tf = passages.term_counts(rows, weights.terms)
    norm = 1.0 - BM25_B + BM25_B * passages.lengths(rows) / max(passages.mean_length, 1.0)
    saturated = np.where(tf > 0, tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm[:, None] + 1e-9), 0.0)
    idf = np.array([weights.weights[term] for term in weights.terms], dtype=np.float32)
    scores = saturated @ idf / ((BM25_K1 + 1.0) * weights.total)
    return [(float(s), cosine, row) for s, (row, cosine) in zip(scores, candidates, strict=True)]


def _found(article: Article, passage: Passage, score: float, weights: _Weights) -> Found:
    """A passage to show, with the sentence that covers most of the question highlighted."""
    text = article.text
    paragraph = article.analysis.document.paragraphs[passage.paragraph]
    highlight = None
    if len(paragraph.sentences) > 1:
        covers = [weights.coverage(set(terms(text[s.start : s.end]))) for s in paragraph.sentences]
        best = paragraph.sentences[max(range(len(covers)), key=lambda i: (covers[i], -i))]
        highlight = (best.start, best.end)
    return Found(article, passage.start, passage.end, score, highlight)


class TextRanker:
    """Some texts tokenized once, to score against many queries (one speaker's statements).

    Scores match fitting `TfidfVectorizer(sublinear_tf=True)` on the query and the texts
    together, worked out from the texts' term counts: only the query's own terms change
    their document frequency, so each text's norm is corrected for those alone.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.counts = [Counter(terms(text)) for text in texts]
        self.df: Counter[str] = Counter(term for counts in self.counts for term in counts)
        self.holders: dict[str, list[int]] = {}
        for i, counts in enumerate(self.counts):
            for term in counts:
                self.holders.setdefault(term, []).append(i)
        docs = len(texts) + 1  # the query is one of the documents fitted
        self._docs = docs
        self._squares = [
            sum(((1.0 + math.log(n)) * smooth_idf(docs, self.df[t])) ** 2 for t, n in c.items())
            for c in self.counts
        ]

    def rank(self, query: str) -> list[Scored]:
        ordered = list(dict.fromkeys(terms(query)))
        count = len(self.counts)
        weights = {term: smooth_idf(count, self.df.get(term, 0)) for term in ordered}
        total = sum(weights.values()) or 1.0
        coverages = [0.0] * count
        for i in range(count):
            bag = self.counts[i]
            coverages[i] = sum(w for term, w in weights.items() if term in bag) / total
        return [
            Scored(coverage, cosine)
            for coverage, cosine in zip(coverages, self._cosines(query), strict=True)
        ]

    def _cosines(self, query: str) -> list[float]:
        cosines = [0.0] * len(self.counts)
        asked = Counter(terms(query))
        if not asked:
            return cosines
        docs, df = self._docs, self.df
        idf = {term: smooth_idf(docs, df.get(term, 0) + 1) for term in asked}
        vector = {term: (1.0 + math.log(n)) * idf[term] for term, n in asked.items()}
        length = math.sqrt(sum(w * w for w in vector.values()))
        shared: dict[int, list[str]] = {}
        for term in asked:
            for i in self.holders.get(term, ()):
                shared.setdefault(i, []).append(term)
        for i, common in shared.items():
            counts, square, dot = self.counts[i], self._squares[i], 0.0
            for term in common:
                tf = 1.0 + math.log(counts[term])
                square += (tf * idf[term]) ** 2 - (tf * smooth_idf(docs, df[term])) ** 2
                dot += vector[term] * tf * idf[term]
            cosines[i] = float(np.float32(dot / (length * math.sqrt(square))))
        return cosines

