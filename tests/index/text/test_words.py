"""split_words is `\\w+` found by the regex, apostrophe_words `\\w+(?:'\\w+)*`, and terms are
the words of two or more word characters, lower-cased, stop words out, stemmed: each against
the regex form it replaces."""

from __future__ import annotations

import random
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from index.text import terms as terms_module
from index.text.terms import term_counts, terms
from index.text.words import apostrophe_words, split_words

_WORD = re.compile(r"\w+")
_APOSTROPHE_WORD = re.compile(r"\w+(?:'\w+)*")
_TERM_WORD = re.compile(r"\w\w+")  # what terms() split by before split_words
_ALPHABET = "ab Z_9 .,;'\"-\n\t\x00\x1f\x85\xa0é’“—ΣßİŉⅫ٣\u0301\u2009\u3000中\ud800"
_SAMPLES = ["", " ", "a I x", "plain ascii words, only", "’quoted’ — and “more”",
            "The U.S. said on 3 May it would ‘review’ Åsa's İstanbul plans: a 2-to-1 vote."]  # fmt: skip


def _regex_terms(text: str) -> list[str]:
    stems = terms_module._STEMS
    return [stem for stem in map(stems.__getitem__, _TERM_WORD.findall(text.lower())) if stem]


def test_words_are_the_regex_words() -> None:
    """The split on spaces finds the words `\\w+` finds, in any script, with no space a word
    character (every code point checked) and lone surrogates passed through."""
    assert not [c for c in map(chr, range(0x110000)) if c.isspace() and _WORD.match(c)]
    rng = random.Random(11)
    texts = [
        *_SAMPLES,
        *("".join(rng.choices(_ALPHABET, k=rng.randrange(60))) for _ in range(3000)),
    ]
    for text in texts:
        assert split_words(text) == _WORD.findall(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_ALPHABET)) | st.characters(), max_size=80))
def test_words_of_any_text(text: str) -> None:
    assert split_words(text) == _WORD.findall(text)


def test_apostrophe_words_are_the_regex_words() -> None:
    """Words with inner apostrophes: runs of them, apostrophes at either end and beside
    characters not ASCII, as the regex finds them; and every code point between two words."""
    rng = random.Random(12)
    texts = [
        *_SAMPLES, "don't", "'tis", "rock 'n' roll", "a''b", "o'", "x'é'y", "l'été's", "'''",
        *("".join(rng.choices(_ALPHABET + "''", k=rng.randrange(60))) for _ in range(3000)),
    ]
    for text in texts:
        assert apostrophe_words(text) == _APOSTROPHE_WORD.findall(text), text
    for c in map(chr, range(0x110000)):
        for text in (f"a{c}b", f"a'{c}'b"):
            assert apostrophe_words(text) == _APOSTROPHE_WORD.findall(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_ALPHABET, "'"]) | st.characters(), max_size=80))
def test_apostrophe_words_of_any_text(text: str) -> None:
    assert apostrophe_words(text) == _APOSTROPHE_WORD.findall(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_SAMPLES, "I", "a", "é", "Said", "running", "x1"])
        | st.text(alphabet=st.sampled_from(list(_ALPHABET)), max_size=30),
        max_size=8,
    ).map(" ".join)
)
def test_terms_are_the_regex_terms(text: str) -> None:
    """One-character words are no terms: the stem cache maps them to "" (dropped) instead of the
    regex needing two word characters."""
    assert terms(text) == _regex_terms(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_SAMPLES, "said", "running runs", "x1"])
        | st.text(alphabet=st.sampled_from(list(_ALPHABET)), max_size=30),
        max_size=8,
    ).map(" ".join)
)
def test_term_counts_are_the_counter_of_terms(text: str) -> None:
    """Counted into a plain dict: the same terms, counts and first-occurrence order."""
    assert list(term_counts(text).items()) == list(Counter(terms(text)).items())
