"""Choose an article's key sentences and key quotes, all verbatim.

Sentences are scored by a weighted sum of what is known to carry a news story: position (the
lead), TF-IDF centrality within the article, similarity to the title, and length; sentences that
are mostly a direct quote are left to the key quotes. Selection is maximal marginal relevance,
so a sentence that says again what a chosen one says loses. How much the lead counts is decided
per article from how central its lead is: a wire story's lead sums it up, a feature's may not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.models import Analysis, Document, Quote, QuoteKind, SummarySentence
from index.text.furniture import story_start
from index.text.headline import headline
from index.text.terms import smooth_idf, word_terms


@dataclass(frozen=True, slots=True)
class Weights:
    """The sentence score's weights, tuned on the dev summaries (benchmarks/eval_summaries.py).

    The lead's bonus is multiplied by the sentence's centrality: a lead that sums the story up
    keeps its whole bonus, a teaser or anecdote that opens a feature loses it. That is the
    per-article "how lead-like is this story" decision, made sentence by sentence.
    """

    lead_decay: float = 1.0  # sentences over which the lead bonus falls by a factor e
    centrality: float = 0.25  # TF-IDF cosine to the article's centroid, as a share of the best
    # Centrality times the square root of the sentence's words: favours long central sentences,
    # what extracts chosen by a program (the BBC dev references) reward; off for human highlights.
    coverage: float = 0.0
    title: float = 0.1  # TF-IDF cosine to the title, as a share of the best
    length: float = 0.25  # closeness to `length_words`: a readable sentence, not a fragment
    length_words: float = 25.0
    quoted: float = 0.5  # share of the sentence inside quote marks: quotes go to key quotes
    redundancy: float = 0.2  # MMR: highest TF-IDF cosine to a sentence already chosen


WEIGHTS = Weights()



@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    words: int


def select(
    analysis: Analysis,
    *,
    title: str | None,
    sentences: int = 3,
    quotes: int = 3,
    weights: Weights = WEIGHTS,
) -> tuple[tuple[SummarySentence, ...], tuple[Quote, ...]]:
    """Return the key sentences in article order and the key direct quotes."""
    text = analysis.document.text
    scored = sentence_features(analysis, title)
    if scored is None:
        empty = _Tfidf([])
        nothing = np.zeros(1)
        return (), _pick_quotes(analysis, (), empty, np.zeros((0, 1)), quotes, nothing, nothing)
    spans, tfidf, features = scored
    chosen = rank(features, weights, sentences)
    summary = tuple(SummarySentence(text[spans[i][0] : spans[i][1]], *spans[i]) for i in chosen)
    rows = tfidf.matrix[chosen]
    return summary, _pick_quotes(
        analysis, summary, tfidf, rows, quotes, features.centroid, features.title_vector
    )


def sentence_features(
    analysis: Analysis, title: str | None
) -> tuple[list[tuple[int, int]], _Tfidf, _Features] | None:
    """Return the candidate sentences' spans and their unweighted signals (None: no sentence).

    Kept apart from `rank` so benchmarks/fit_summary_weights.py can try many weights cheaply.
    """
    document = analysis.document
    text = document.text
    headline = headline_span(document)
    if title is None and headline is not None:
        title = text[headline[0] : headline[1]]
    candidates = _candidates(document, headline)
    if not candidates:
        return None
    tfidf = _Tfidf([text[c.start : c.end] for c in candidates])
    spans = [(c.start, c.end) for c in candidates]
    return spans, tfidf, _features(candidates, tfidf, title, analysis.quotes)


def rank(features: _Features, weights: Weights, count: int) -> list[int]:
    """Return the indexes of the `count` chosen candidates, in article order."""
    return sorted(_mmr(_scores(features, weights), features.similarity, count, weights.redundancy))


def headline_span(document: Document) -> tuple[int, int] | None:
    """Return the span of a headline standing as the first line of the story, if there is one."""
    top = headline(document)
    return (top.start, top.end) if top else None


def _candidates(document: Document, headline: tuple[int, int] | None) -> list[_Candidate]:
    text = document.text
    found = []
    for _, sentence in document.sentences():
        if headline and sentence.start >= headline[0] and sentence.end <= headline[1]:
            continue
        # A dateline or a caption glued to the sentence is page furniture: the summary skips it.
        start = sentence.start + story_start(text[sentence.start : sentence.end])
        words = len(text[start : sentence.end].split())
        found.append(_Candidate(start, sentence.end, words))
    return found


class _Tfidf:
    """TF-IDF over one article's sentences: sublinear tf, smoothed idf, rows L2-normalized.

    The weighting of scikit-learn's TfidfVectorizer(sublinear_tf=True), written out in numpy:
    sklearn's input validation costs milliseconds per call, most of a 10 ms budget per article.
    """

    def __init__(self, texts: list[str]) -> None:
        documents = [word_terms(text) for text in texts]
        self.vocabulary: dict[str, int] = {}
        for tokens in documents:
            for token in tokens:
                self.vocabulary.setdefault(token, len(self.vocabulary))
        counts = self._counts(documents)
        frequency = (counts > 0).sum(axis=0)
        self.idf = smooth_idf(len(texts), frequency)
        self.matrix = self._weigh(counts)

    def transform(self, texts: list[str]) -> np.ndarray:
        return self._weigh(self._counts([word_terms(text) for text in texts]))

    def _counts(self, documents: list[list[str]]) -> np.ndarray:
        counts = np.zeros((len(documents), max(1, len(self.vocabulary))))
        for row, tokens in enumerate(documents):
            for token in tokens:
                column = self.vocabulary.get(token)
                if column is not None:
                    counts[row, column] += 1
        return counts

    def _weigh(self, counts: np.ndarray) -> np.ndarray:
        weights = np.where(counts > 0, 1 + np.log(np.maximum(counts, 1)), 0.0) * self.idf
        norms = np.linalg.norm(weights, axis=1, keepdims=True)
        return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)


def _share_of_best(values: np.ndarray) -> np.ndarray:
    best = values.max() if values.size else 0.0
    return values / best if best > 0 else np.zeros_like(values)


@dataclass(frozen=True, slots=True)
class _Features:
    """Per-candidate signals, before weighting (kept apart so weights can be tuned cheaply)."""

    centrality: np.ndarray
    coverage: np.ndarray
    on_title: np.ndarray
    words: np.ndarray
    quoted: np.ndarray
    similarity: np.ndarray
    centroid: np.ndarray
    title_vector: np.ndarray


def _features(
    candidates: list[_Candidate], tfidf: _Tfidf, title: str | None, quotes: tuple[Quote, ...]
) -> _Features:
    matrix = tfidf.matrix
    centroid = matrix.sum(axis=0)
    norm = np.linalg.norm(centroid)
    centroid = centroid / norm if norm > 0 else centroid
    title_vector = tfidf.transform([title])[0] if title else np.zeros(matrix.shape[1])
    words = np.array([c.words for c in candidates], dtype=float)
    quoted = np.array([_quoted_share(c, quotes) for c in candidates])
    centrality = matrix @ centroid
    return _Features(
        centrality=_share_of_best(centrality),
        coverage=_share_of_best(centrality * np.sqrt(words)),
        on_title=_share_of_best(matrix @ title_vector),
        words=words,
        quoted=quoted,
        similarity=matrix @ matrix.T,
        centroid=centroid,
        title_vector=title_vector,
    )


def _scores(features: _Features, weights: Weights) -> np.ndarray:
    count = len(features.words)
    lead = np.exp(-np.arange(count) / max(weights.lead_decay, 1e-6))
    target = max(weights.length_words, 1.0)
    length = np.minimum(features.words / target, target / np.maximum(features.words, 1.0))
    return (
        (lead + weights.centrality) * features.centrality
        + weights.coverage * features.coverage
        + weights.title * features.on_title
        + weights.length * length
        - weights.quoted * features.quoted
    )


def _quoted_share(candidate: _Candidate, quotes: tuple[Quote, ...]) -> float:
    inside = sum(
        max(0, min(candidate.end, q.end) - max(candidate.start, q.start))
        for q in quotes
        if q.kind is not QuoteKind.REPORTED
    )
    return min(1.0, inside / max(1, candidate.end - candidate.start))


def _mmr(scores: np.ndarray, similarity: np.ndarray, count: int, redundancy: float) -> list[int]:
    chosen: list[int] = []
    left = list(range(len(scores)))
    while left and len(chosen) < count:
        def gain(i: int) -> float:
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            return float(scores[i] - redundancy * overlap)

        best = max(left, key=gain)
        chosen.append(best)
        left.remove(best)
    return chosen


def _pick_quotes(
    analysis: Analysis,
    summary: tuple[SummarySentence, ...],
    tfidf: _Tfidf,
    summary_vectors: np.ndarray,
    count: int,
    centroid: np.ndarray,
    title_vector: np.ndarray,
) -> tuple[Quote, ...]:
    """Choose salient direct quotes that the summary does not already show, across speakers,
    those whose speaker the article names first."""
    pool = [
        quote
        for quote in analysis.quotes
        if quote.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)
        and len(quote.text.split()) >= QUOTE_MIN_WORDS
        and not any(s.start <= quote.start and quote.end <= s.end for s in summary)
    ]
    if count <= 0 or not pool:
        return ()
    vectors = tfidf.transform([quote.text for quote in pool])
    # The inverted pyramid holds for quotes too: the story's first statements are its key ones.
    order = {statement: rank for rank, statement in enumerate(sorted({q.statement for q in pool}))}
    base = (
        np.array([_quote_prior(quote) for quote in pool])
        + QUOTE_WEIGHTS["early"]
        * np.exp(-np.array([order[q.statement] for q in pool]) / QUOTE_EARLY_DECAY)
        + QUOTE_WEIGHTS["centrality"] * _share_of_best(vectors @ centroid)
        + QUOTE_WEIGHTS["title"] * _share_of_best(vectors @ title_vector)
    )
    if len(summary_vectors):
        # Saying again what "In brief" already says is no use to the reader.
        base -= QUOTE_WEIGHTS["repeats_summary"] * (vectors @ summary_vectors.T).max(axis=1)
    chosen: list[int] = []
    statements: set[int] = set()
    speakers: dict[str | None, int] = {}
    while len(chosen) < count:
        best, best_gain = -1, (False, -np.inf)
        for i, quote in enumerate(pool):
            if i in chosen or quote.statement in statements:
                continue
            overlap = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            # A quote whose speaker the article does not name (unknown, or only described: "a
            # spokesman") is little use to a reader: it is shown only when no quote with a
            # named speaker is left.
            gain = (
                quote.speaker_named,
                base[i]
                - QUOTE_WEIGHTS["same_speaker"] * speakers.get(quote.speaker, 0)
                - QUOTE_WEIGHTS["repeats_quote"] * overlap,
            )
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            break
        chosen.append(best)
        statements.add(pool[best].statement)
        speakers[pool[best].speaker] = speakers.get(pool[best].speaker, 0) + 1
    # A statement is shown whole: every segment of a chosen one, so none starts mid-statement.
    whole = {pool[i].statement for i in chosen}
    return tuple(
        q for q in analysis.quotes if q.kind is not QuoteKind.REPORTED and q.statement in whole
    )


# Fewer words than this is a scare quote or a phrase ("respectable"), not a statement.
QUOTE_MIN_WORDS = 5
QUOTE_WEIGHTS = {
    "direct": 0.2,  # a whole statement rather than a fragment inside a paraphrase
    "length": 0.4,  # up to QUOTE_FULL_WORDS words count in full
    "centrality": 1.0,  # TF-IDF cosine to the whole article, as a share of the best
    "title": 0.2,
    "early": 1.5,  # the first statement quoted; later ones decay over QUOTE_EARLY_DECAY
    "repeats_summary": 1.0,  # highest cosine to a chosen summary sentence
    "repeats_quote": 1.0,  # highest cosine to a quote already chosen
    "same_speaker": 0.35,  # per quote of this speaker already chosen: spread across speakers
}
QUOTE_FULL_WORDS = 15
QUOTE_EARLY_DECAY = 2.0


def _quote_prior(quote: Quote) -> float:
    words = len(quote.text.split())
    return (
        QUOTE_WEIGHTS["direct"] * (quote.kind is QuoteKind.DIRECT)
        + QUOTE_WEIGHTS["length"] * min(words / QUOTE_FULL_WORDS, 1.0)
    )
