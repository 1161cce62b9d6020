"""Sentences without a cue's first word are not read for reported speech: no cue pattern that
`reported_speech` reads can match in them (checked on generated sentences); nor are clauses
without "ccording to" searched for a source phrase."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.quotes.cue_patterns import CLAUSE_FIRST, CUE_WORDS, REPORTS, SOURCE
from index.quotes.cues import REPORTING_VERBS
from index.quotes.reported import _CUE_WORDS
from index.text.words import split_words

_CUES = sorted(CUE_WORDS | REPORTING_VERBS)
_OTHERS = ["He", "she", "Mara Quint", "the mayor", "that", "e", "mailed", "back", "on",
          "Tuesday", "Said", "SAID", "saidx", "xsaid", "said_", "ʼsaid", "said’", "the pier"]  # fmt: skip
_GLUE = st.sampled_from([" ", ", ", ". ", "-", "—", "'", "’", '"', "_", "\u00a0", "\n", ""])


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_CUES) | st.sampled_from(_OTHERS) | st.sampled_from(_OTHERS), _GLUE
        ),
        max_size=10,
    )
)
def test_no_cue_word_no_cue(pieces: list[tuple[str, str]]) -> None:
    body = "".join(word + glue for word, glue in pieces)
    if _CUE_WORDS.isdisjoint(split_words(body)):
        assert CLAUSE_FIRST.search(body) is None and REPORTS.search(body) is None


def test_every_cue_is_found_by_its_first_word() -> None:
    for cue in _CUES:
        body = f"Quint {cue} that the pier would reopen"
        assert REPORTS.search(body) or cue not in REPORTING_VERBS
        assert not _CUE_WORDS.isdisjoint(split_words(body))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["According", "according", "Accordingly", "to", "a",
                                           "spokesman", "for", "Acme", "the", "AP", "ccording"]),
                          _GLUE), max_size=8))  # fmt: skip
def test_no_according_to_no_source(pieces: list[tuple[str, str]]) -> None:
    """cue_before searches SOURCE only in clauses that hold "ccording to"."""
    clause = "".join(word + glue for word, glue in pieces)
    if "ccording to" not in clause:
        assert SOURCE.search(clause) is None
