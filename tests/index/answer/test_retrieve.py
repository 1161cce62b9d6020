"""TF-IDF retrieval ranks the passage that answers a question first."""

from __future__ import annotations

import pytest

from index.answer.retrieve import PassageIndex
from index.models import Passage
from index.text.terms import similarity, terms

PASSAGES = [
    "The council voted to raise parking fees downtown by a dollar an hour.",
    "The fire department will hire twelve new firefighters next spring.",
    "Deportations rose sharply last year, immigration officials reported.",
    "The library extended its weekend hours after a petition from students.",
]


@pytest.fixture
def index() -> PassageIndex:
    passages = [Passage(article_id=i // 2 + 1, paragraph=i, start=0, end=len(t)) for i, t in enumerate(PASSAGES)]
    return PassageIndex(passages, PASSAGES)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how much will parking cost?", 0),
        ("are they hiring firefighters?", 1),
        ("what about deportation numbers?", 2),  # stemming: deportation ~ deportations
        ("when is the library open on weekends?", 3),
    ],
)
def test_best_passage_first(index: PassageIndex, question: str, expected: int) -> None:
    hits = index.search(question, k=2)
    assert hits[0].passage.paragraph == expected
    assert hits[0].score > (hits[1].score if len(hits) > 1 else 0)


def test_scope_limits_results_to_given_articles(index: PassageIndex) -> None:
    hits = index.search("parking fees firefighters deportations library", k=4, article_ids={2})
    assert {hit.passage.article_id for hit in hits} == {2}


def test_question_of_stop_words_only_finds_nothing(index: PassageIndex) -> None:
    assert index.search("what is it?") == []


def test_empty_index_answers_nothing() -> None:
    assert PassageIndex([], []).search("anything") == []


def test_terms_are_stemmed_and_stop_words_dropped() -> None:
    assert terms("What did the deportations say?") == ["deport"]


def test_similarity_of_texts_without_terms_is_zero() -> None:
    assert similarity(["the"], ["of", "and"]).tolist() == [[0.0, 0.0]]


def test_added_passages_are_found_without_a_refit(index: PassageIndex) -> None:
    text = "The harbor will dredge its channel so that larger ferries can dock."
    grown = index.updated([Passage(9, 0, 0, len(text))], [text])
    assert grown.search("dredging the harbor channel")[0].passage.article_id == 9
    assert index.search("dredging the harbor channel") == []  # the original is unchanged


def test_removed_articles_are_masked_then_dropped(index: PassageIndex) -> None:
    shrunk = index.updated([], [], removed={1})
    assert all(hit.passage.article_id != 1 for hit in shrunk.search("parking firefighters", k=4))
    assert len(shrunk.compacted()) == len(PASSAGES) - 2


def test_compacted_scores_equal_a_fresh_build() -> None:
    passages = [Passage(i, 0, 0, len(t)) for i, t in enumerate(PASSAGES)]
    grown = PassageIndex(passages[:2], PASSAGES[:2]).updated(passages[2:], PASSAGES[2:]).compacted()
    fresh = PassageIndex(passages, PASSAGES)
    for question in ("parking fees", "deportation numbers", "weekend library hours"):
        assert grown.scores(question) == pytest.approx(fresh.scores(question), abs=1e-6)


def test_snapshot_round_trip(index: PassageIndex) -> None:
    loaded = PassageIndex.from_arrays(index.to_arrays())
    assert loaded.search("firefighters") == index.search("firefighters")
    assert PassageIndex.from_arrays(PassageIndex([], []).to_arrays()).search("x") == []


def test_text_ranker_cosines_match_a_fitted_tfidf() -> None:
    from index.answer.evidence import TextRanker

    texts = [
        "The council voted to close the bridge.",
        "Repairs to the bridge will take a year, the council said.",
        "Nobody mentioned taxes.",
        "",
    ]
    query = "bridge repairs council"
    expected = similarity([query], texts)[0]
    cosines = [scored.cosine for scored in TextRanker(texts).rank(query)]
    assert cosines == pytest.approx(expected.tolist(), abs=1e-6)
    assert cosines[2] == 0.0 and cosines[1] > cosines[0] > 0


def test_term_counts_and_lengths_read_main_and_added_passages(index: PassageIndex) -> None:
    extra = "Parking parking everywhere, said the parking officer."
    grown = index.updated([Passage(9, 0, 0, len(extra))], [extra])
    rows = [0, len(PASSAGES)]  # a fully weighted passage and the added one
    counts = grown.term_counts(rows, ["park", "fee", "unheard"])
    assert counts.tolist() == [[1, 1, 0], [3, 0, 0]]
    assert grown.lengths(rows).tolist() == [len(terms(PASSAGES[0])), len(terms(extra))]
    every = [*PASSAGES, extra]
    assert grown.mean_length == pytest.approx(sum(len(terms(t)) for t in every) / len(every))


def test_rows_of_articles_are_found_by_runs_in_every_later_version() -> None:
    # Article 7's passages lie in two runs; 9's were added after the index was weighted.
    texts = ["parking fees", "new firefighters", "parking meters", "weekend hours", "fees rise"]
    owners = [7, 5, 5, 7, 3]
    passages = [Passage(article_id=a, paragraph=i, start=0, end=9) for i, a in enumerate(owners)]
    index = PassageIndex(passages, texts)
    assert index.rows_of({7, 4}).tolist() == [0, 3]
    added = [Passage(article_id=9, paragraph=0, start=0, end=9)]
    grown = index.updated(added, ["parking fees again"], removed={5})

    def whole_column() -> None:
        raise AssertionError("a version patched from a searched one reads no passage column")

    grown._article_of = whole_column  # type: ignore[method-assign]
    grown._main_articles = whole_column  # type: ignore[method-assign]
    # The added article's positions are its own: the library's are shared, not copied.
    assert grown._positions is index._positions and len(grown) == 6
    assert grown.passage(5) == added[0] and grown.passage(4) == passages[4]
    assert grown.rows_of({7, 9, 5}).tolist() == [0, 3, 5]  # 5 was removed: its rows are dead
    hits = grown.search("parking fees", k=5, article_ids={9, 7})
    assert {hit.passage.article_id for hit in hits} == {7, 9}
