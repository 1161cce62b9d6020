"""The terms a text is searched by: lower-cased words, stop words dropped, stemmed (Snowball).

Passages and questions go through the same `terms`, so "deportation" finds "deport". Summaries
weigh an article's sentences against each other with the lighter `word_terms` (plural endings
cut, no stemming), which keeps near-synonymous stems apart. Every TF-IDF of the project takes
its inverse document frequency from `smooth_idf`. Also the ad hoc TF-IDF over `terms`
(scikit-learn, imported only when asked for), which ranks small lists of texts and is what the
incremental index in index/answer/retrieve.py is measured against.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import _count_elements  # type: ignore[attr-defined]
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import snowballstemmer

from index.text.words import split_words

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read without importing scikit-learn (a second)."""
    found = importlib.util.find_spec("sklearn")  # finds the package without running it
    folders = found.submodule_search_locations if found else None
    if folders:
        path = Path(next(iter(folders))) / "feature_extraction" / "_stop_words.py"
        spec = importlib.util.spec_from_file_location("_articlebot_stop_words", path)
        if path.is_file() and spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return frozenset(module.ENGLISH_STOP_WORDS)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


_STOP_WORDS = _english_stop_words()
_STEMMER = snowballstemmer.stemmer("english")
# Question words carry no topic; speech verbs appear in every quote paragraph.
_STOP = _STOP_WORDS | {"said", "says", "say", "told", "did", "does", "according"}
_MAX_STEMS = 500_000


class _StemCache(dict[str, str]):
    """Word -> stem, "" for a stop word or a one-character word (a term has two or more).
    Bounded by the language's vocabulary, shared by every guild. A miss is stemmed by
    `__missing__`, so a hit is a look-up made in C, with no Python test or call a word (terms()
    is most of counting an imported article's passages)."""

    def __init__(self) -> None:
        super().__init__(_stop_entries())

    def __missing__(self, word: str) -> str:
        if len(self) > _MAX_STEMS:
            self.clear()
            self.update(_stop_entries())
        stem: str = _STEMMER.stemWord(word) if len(word) > 1 else ""
        self[word] = stem
        return stem


def _stop_entries() -> dict[str, str]:
    """Stop word -> "", as a dict of string keys only (what the cache starts from). Built by a
    comprehension, not `dict.fromkeys` of the frozenset: that one is laid out for keys of any
    type, which the cache then inherits, and every hit compares the word through the generic
    rich comparison rather than the string one (a fifth of a look-up's time)."""
    return {word: "" for word in _STOP}


_STEMS = _StemCache()


def terms(text: str) -> list[str]:
    """Lower-case, drop stop words, stem: the tokens both passages and questions go through."""
    return list(filter(None, map(_STEMS.__getitem__, split_words(text.lower()))))


def term_counts(text: str) -> dict[str, int]:
    """How often each of `terms(text)` occurs, in the order the terms first occur: what
    `Counter(terms(text))` holds, counted by Counter's own C helper into a plain dict, without
    the list between or Counter's Python-level set-up (a passage's counting, a tenth faster)."""
    return word_term_counts(split_words(text.lower()))


def word_term_counts(words: list[str]) -> dict[str, int]:
    """`term_counts` of the text whose lower-cased words these are."""
    counted: dict[str, int] = {}
    _count_elements(counted, filter(None, map(_STEMS.__getitem__, words)))
    return counted


_PLAIN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_PLURAL = re.compile(r"(?:'s|’s|ies|es|s)$")


def word_terms(text: str) -> list[str]:
    """Lower-case words, stop words out, plural endings cut so 'officer' meets 'officers'."""
    found = []
    for word in _PLAIN_WORD.findall(text.lower()):
        if word in _STOP_WORDS or len(word) < 2:
            continue
        found.append(_PLURAL.sub("", word) if len(word) > 4 else word)
    return found


Frequency = TypeVar("Frequency", float, np.ndarray)


def smooth_idf(documents: int, frequency: Frequency) -> Frequency:
    """scikit-learn's smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1: as if one
    more document held every word, so no weight is infinite or zero."""
    if isinstance(frequency, np.ndarray):
        return np.log((1.0 + documents) / (1.0 + frequency)) + 1.0
    return math.log((1.0 + documents) / (1.0 + frequency)) + 1.0


def vectorizer() -> TfidfVectorizer:
    """Return a fresh scikit-learn TF-IDF over `terms`, weighted as the passage index weighs."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # only ad hoc: slow to import

    return TfidfVectorizer(analyzer=terms, sublinear_tf=True, dtype=np.float32, min_df=1, norm="l2")


def similarity(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Cosine similarity between two small lists of texts, fitted on both (for ad hoc ranking)."""
    fitted = vectorizer()
    try:
        matrix = fitted.fit_transform([*left, *right])
    except ValueError:  # no term at all in any text
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return (matrix[: len(left)] @ matrix[len(left) :].T).toarray()
