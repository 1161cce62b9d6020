"""Weigh how well a text answers a question: the passages for open questions, and the honest no.

Retrieval (index.answer.retrieve) proposes candidate passages by TF-IDF cosine; a question scoped
to one article competes all of its passages, even those sharing no word with it (readers
reword). Each candidate gets lexical features — BM25-saturated coverage of the question's IDF
weight, plain coverage, cosine — and a few more (index/answer/open_rank.py), and a small learned
model orders them and says whether the first is sure. Across the library a question is declined
when no shown passage's whole article covers most of its IDF weight: its rare words are nowhere
together in the library. Scoped to an article, the closest passages are given, marked unsure.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.answer import late_interaction, open_rank
from index.answer.guild_index import GuildIndex
from index.answer.info_columns import title_of
from index.answer.shelf import ArticleShelf
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
# Across the library, a passage after the first is shown only if it covers at least this share
# of what the first covers: the answer is never padded with passages about something else. A
# question scoped to one article keeps its closest few: they are all about what the reader
# asked of, and the answer is often the second or third (NewsQA top three, tune / check halves:
# 0.789 / 0.806 → 0.819 / 0.825; reader questions unchanged, ≈ 2.8 passages shown already).
KEEP_RATIO = 0.4
# BM25's usual term-frequency saturation and length normalization (the learned ranker weighs
# its score; with sentence windows the passages are short and even, so the usual values hold).
BM25_K1 = 1.2
BM25_B = 0.75
# A question asked of this few articles is answered from their closest passages, hedged when
# unsure, rather than declined.
SCOPED_ARTICLES = 1
BM25_IDF_FLOOR = 0.01


@dataclass(frozen=True, slots=True)
class Scored:
    """How well a text answers a question: the share of the question's IDF weight it covers, and
    its TF-IDF cosine."""

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
        weights, sharp = {}, {}
        for term in self.terms:
            # Counted from the stem itself: a stem run through `terms` again may be a stop word
            # ("named" -> "name") or stem further ("raised" -> "rais" -> "rai"), and would then
            # count no passage at all and weigh as the rarest word of the library.
            df = index.passages.document_frequency(term)
            weights[term] = smooth_idf(total, df)
            # BM25's own IDF, which lets a word found in most passages weigh next to nothing.
            sharp[term] = max(math.log((total - df + 0.5) / (df + 0.5)), BM25_IDF_FLOOR)
        self.weights = weights
        self.sharp = sharp
        self.total = sum(weights.values())

    def coverage(self, found: AbstractSet[str]) -> float:
        if not self.total:
            return 0.0
        return sum(w for term, w in self.weights.items() if term in found) / self.total


def find(
    question: str, index: GuildIndex, scope: set[int] | None, *, about_someone: bool = False
) -> tuple[list[Found], bool]:
    """Return the passages that best answer a question, best first, and whether the first is sure.

    Empty when nothing does: across the library, when no article shown covers most of the
    question's IDF weight. A question scoped to a few articles always gets their closest
    passages (unsure when the model doubts them): the reader asked about those articles.
    """
    weights, candidates, table = candidates_of(question, index, scope)
    if not candidates:
        return [], False
    # A question about someone the articles do not quote: nothing is even close when no
    # passage holds a single word of it.
    if about_someone and not table[:, open_rank.FEATURES.index("coverage")].any():
        return [], False
    passages = index.passages
    scoped = scope is not None and len(scope) <= SCOPED_ARTICLES
    probability = open_rank.probabilities(table)
    order = sorted(range(len(candidates)), key=lambda i: (-probability[i], -candidates[i][1]))
    # Only the few passages shown are read from their articles, asked for together.
    shown = [passages.passage(candidates[i][0]).article_id for i in order[:MAX_PASSAGES]]
    _read_ahead(index.articles, shown)
    chosen: list[Found] = []
    for i in order:
        passage = passages.passage(candidates[i][0])
        try:
            article = index.articles[passage.article_id]
        except KeyError:  # removed since the index was made
            continue
        chosen.append(_found(article, passage, float(probability[i]), weights))
        if len(chosen) == MAX_PASSAGES:
            break
    if not chosen:
        return [], False
    top = chosen[0]
    # Across the library, declined when no article shown covers the question: a passage
    # outranked by a shorter one elsewhere still vouches for its own article.
    articles = {found.article.id: found.article for found in chosen}.values()
    covered = bool(weights.terms) and any(
        weights.coverage(_article_terms(a)) >= OPEN_THRESHOLD for a in articles
    )
    if not covered and not scoped:
        return [], False
    sure = open_rank.sure(table, probability)
    if scoped:
        return chosen, sure
    return [found for found in chosen if found.score >= KEEP_RATIO * top.score], sure


def candidates_of(
    question: str, index: GuildIndex, scope: set[int] | None
) -> tuple[_Weights, list[tuple[int, float]], np.ndarray]:
    """Return the candidate passages (row, cosine) of a question with their open_rank features."""
    weights = _Weights(question, index)
    passages = index.passages
    candidates = passages.top(question, k=CANDIDATES, article_ids=scope) if weights.terms else []
    scoped = scope is not None and len(scope) <= SCOPED_ARTICLES
    if scope is not None and scoped:
        # Every passage of the article competes, even one that shares no word with the question.
        seen = {row for row, _ in candidates}
        candidates += [(int(row), 0.0) for row in passages.rows_of(scope) if row not in seen]
    rows = [row for row, _ in candidates]
    where = [index.passages.passage(row) for row in rows]
    bm25, coverage, paragraph = _lexical(weights, index, rows, where)
    wanted = open_rank.asked_for(question)
    texts: list[str] = []
    sentences: list[list[str]] = []
    # The passages' words are read only when the question's kind or the sentence model needs
    # them; the model reads only a scoped question's few passages (its first question about an
    # article embeds them all, which is too slow across a library).
    if scoped:
        _read_ahead(index.articles, [passage.article_id for passage in where])
        for passage in where:
            try:
                article = index.articles[passage.article_id]
            except KeyError:
                texts.append("")
                sentences.append([])
                continue
            texts.append(article.text[passage.start : passage.end])
            sentences.append(_sentences(article, passage))
    elif wanted is not None:
        # The kind of answer is looked for in the passages' words alone: texts, not articles.
        _read_ahead(index.articles, [passage.article_id for passage in where], texts=True)
        for passage in where:
            try:
                text = _text_of(index.articles, passage.article_id)
            except KeyError:
                text = ""
            texts.append(text[passage.start : passage.end])
    else:
        texts = [""] * len(rows)
    # Readers ask with the headline's words, which the lead repeats: the words beyond the
    # title are the ones that find the answer further down.
    beyond = _beyond_title(weights, index, rows, where)
    # The sentence model reads a scoped question's passages once for both of its features.
    meaning = late_interaction.meaning_of(question, texts, sentences) if scoped and rows else None
    table = open_rank.features(
        bm25,
        paragraph,
        beyond,
        coverage,
        np.array([cosine for _, cosine in candidates]),
        np.array([passage.start for passage in where], dtype=np.float64),
        texts,
        wanted,
        *(meaning if meaning is not None else (None, None, None)),
    )
    return weights, candidates, table


def _read_ahead(articles: Mapping[int, Article], ids: list[int], *, texts: bool = False) -> None:
    """Read in one go the articles (or texts alone) about to be read one by one from a shelf."""
    if isinstance(articles, ArticleShelf):
        (articles.prefetch_texts if texts else articles.prefetch)(ids)


def _text_of(articles: Mapping[int, Article], article_id: int) -> str:
    """Return an article's text, read alone when the articles are a shelf read from the store."""
    return (
        articles.text(article_id)
        if isinstance(articles, ArticleShelf)
        else articles[article_id].text
    )


def _sentences(article: Article, passage: Passage) -> list[str]:
    """Return the texts of the sentences a passage (a window of its paragraph) holds."""
    paragraph = article.analysis.document.paragraphs[passage.paragraph]
    return [
        article.text[s.start : s.end]
        for s in paragraph.sentences
        if passage.start <= s.start and s.end <= passage.end
    ]


def _beyond_title(
    weights: _Weights, index: GuildIndex, rows: list[int], where: list[Passage]
) -> np.ndarray:
    """Per passage, the share of the IDF weight of the question's words that are not in its
    article's title which the passage holds (0 when the title holds them all)."""
    found = np.zeros(len(rows))
    if not weights.terms or not rows:
        return found
    tf = index.passages.term_counts(rows, weights.terms) > 0
    idf = np.array([weights.weights[term] for term in weights.terms])
    for i, passage in enumerate(where):
        try:  # the title alone, from its column: no info made for each of a score of passages
            titled = _text_terms(title_of(index.parts.infos, passage.article_id) or "")
        except KeyError:
            titled = frozenset()
        rest = np.array([term not in titled for term in weights.terms])
        total = float(idf[rest].sum())
        if total > 0:
            found[i] = float(idf[rest & tf[i]].sum()) / total
    return found


def _article_terms(article: Article) -> frozenset[str]:
    return _text_terms(article.info.title or "") | _text_terms(article.text)


@lru_cache(maxsize=256)
def _text_terms(text: str) -> frozenset[str]:
    """Return the terms of a text, kept for the articles asked about lately: every open question
    reads up to three whole articles, and the same few come back question after question."""
    return frozenset(terms(text))


def _lexical(
    weights: _Weights, index: GuildIndex, rows: list[int], where: list[Passage]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BM25-saturated coverage and plain coverage of the question's IDF weight, per passage,
    and the BM25 coverage of the paragraph each passage is a window of (over the candidates).

    Each term's IDF weight counts by tf(k1 + 1) / (tf + k1(1 - b + b·len/avg)), over its most,
    so a long passage that mentions each word once in passing no longer ties with a short one
    built around them.
    """
    if not weights.terms or not rows:
        zeros = np.zeros(len(rows))
        return zeros, zeros, zeros
    passages = index.passages
    tf = passages.term_counts(rows, weights.terms).astype(np.float64)
    lengths = passages.lengths(rows).astype(np.float64)
    sharp = np.array([weights.sharp[term] for term in weights.terms], dtype=np.float64)
    bm25 = _saturated(tf, lengths, passages.mean_length) @ sharp
    bm25 /= (BM25_K1 + 1.0) * max(sharp.sum(), 1e-9)
    idf = np.array([weights.weights[term] for term in weights.terms], dtype=np.float64)
    coverage = (tf > 0) @ idf / weights.total
    # A short window inherits its paragraph's evidence: the words of the question that the
    # sentences around it hold (summed over the candidate windows of the same paragraph).
    groups: dict[tuple[int, int], list[int]] = {}
    for i, passage in enumerate(where):
        groups.setdefault((passage.article_id, passage.paragraph), []).append(i)
    whole_tf, whole_len = tf.copy(), lengths.copy()
    for members in groups.values():
        if len(members) > 1:
            whole_tf[members] = tf[members].sum(axis=0)
            whole_len[members] = lengths[members].sum()
    paragraph = _saturated(whole_tf, whole_len, passages.mean_length) @ sharp
    paragraph /= (BM25_K1 + 1.0) * max(sharp.sum(), 1e-9)
    return bm25, coverage, paragraph


def _saturated(tf: np.ndarray, lengths: np.ndarray, mean_length: float) -> np.ndarray:
    norm = 1.0 - BM25_B + BM25_B * lengths / max(mean_length, 1.0)
    return np.where(tf > 0, tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm[:, None] + 1e-9), 0.0)


def _found(article: Article, passage: Passage, score: float, weights: _Weights) -> Found:
    """Return a passage to show, with the sentence that covers most of the question highlighted."""
    text = article.text
    paragraph = article.analysis.document.paragraphs[passage.paragraph]
    sentences = [
        s for s in paragraph.sentences if passage.start <= s.start and s.end <= passage.end
    ]
    highlight = None
    if len(sentences) > 1:
        covers = [weights.coverage(set(terms(text[s.start : s.end]))) for s in sentences]
        best = sentences[max(range(len(covers)), key=lambda i: (covers[i], -i))]
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

    def __len__(self) -> int:
        return len(self.counts)

    def rank(self, query: str) -> list[Scored]:
        """Score every text against a query, in the texts' order."""
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
