"""The summarizer picks verbatim story sentences and salient quotes, never page furniture."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.models import QuoteKind
from index.quotes.analyze import analyze
from index.summary.summarize import WEIGHTS, headline_span, rank, select, sentence_features
from tests.conftest import FIXTURES

ARTICLE = """Watch LIVE

Harbour town votes to close its ferry pier

WESTPORT, ME - MAY 02: Commuters wait for the morning ferry at the old pier on May 2, 2018 in Westport, Maine. (Photo by Jane Roe/Getty Images)

The Westport town council voted on Tuesday to close the ferry pier for two years of repairs, leaving 3,000 daily commuters without their fastest route to the mainland.

The vote came after engineers found cracks in the pier's concrete pilings during a winter inspection.

"We cannot ask people to stand on a pier that might not hold them," said Mayor Ellen Park after the vote.

Ferry operator Tom Reyes said the closure would cost his company most of its summer trade. "Two years is a lifetime for a small business like mine," Reyes said.

The council will run a shuttle bus to the bridge crossing while the pier is repaired, Park said.

"The shuttle is not a ferry, and everyone in this town knows it," said commuter Ana Silva.

Repairs are expected to cost $12 million, paid partly by a state grant.

Most recent
All Articles
"""


def _spans(text):
    analysis = analyze(text)
    return analysis, [(p.start, p.end) for p in analysis.document.paragraphs if p.furniture]


def test_lead_comes_first_and_headline_is_skipped():
    analysis = analyze(ARTICLE)
    sentences, _ = select(analysis, title=None)
    assert sentences[0].text.startswith("The Westport town council voted on Tuesday")
    assert all("Harbour town votes" not in s.text for s in sentences)


def test_headline_line_is_found():
    document = analyze(ARTICLE).document
    span = headline_span(document)
    assert span is not None
    assert document.text[span[0] : span[1]] == "Harbour town votes to close its ferry pier"


def test_story_that_opens_with_a_sentence_has_no_headline():
    document = analyze("The pier closed on Tuesday.\n\nCommuters took the bus instead.").document
    assert headline_span(document) is None


def test_furniture_never_enters_a_summary():
    analysis, furniture = _spans(ARTICLE)
    assert furniture  # the caption, "Watch LIVE" and the footer are marked
    sentences, quotes = select(analysis, title=None, sentences=8, quotes=6)
    for item in (*sentences, *quotes):
        assert not any(start <= item.start < end for start, end in furniture)
    joined = " ".join(s.text for s in sentences)
    for chrome in ("Watch LIVE", "Getty Images", "Most recent", "All Articles"):
        assert chrome not in joined


def test_sentences_are_verbatim_in_article_order_and_counted():
    analysis = analyze(ARTICLE)
    for count in (1, 3, 5):
        sentences, _ = select(analysis, title="Westport closes ferry pier", sentences=count)
        assert len(sentences) == count
        assert [s.start for s in sentences] == sorted(s.start for s in sentences)
        assert all(ARTICLE[s.start : s.end] == s.text for s in sentences)


def test_key_quotes_are_direct_named_spread_and_not_repeating_the_summary():
    analysis = analyze(ARTICLE)
    sentences, quotes = select(analysis, title=None, sentences=3, quotes=3)
    assert quotes
    assert all(q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL) for q in quotes)
    assert all(ARTICLE[q.start : q.end] == q.text for q in quotes)
    assert not any(s.start <= q.start and q.end <= s.end for q in quotes for s in sentences)
    named = [q.speaker for q in quotes if q.speaker]
    assert len(set(named)) == len(named)  # three speakers here, so no one is quoted twice


def test_asking_for_no_quotes_gives_none():
    assert select(analyze(ARTICLE), title=None, quotes=0)[1] == ()


def test_empty_and_furniture_only_texts_give_empty_summaries():
    assert select(analyze(""), title=None) == ((), ())
    assert select(analyze("Advertisement\n\nMost recent\n"), title="x") == ((), ())


def test_text_of_numbers_and_stop_words_does_not_fail():
    sentences, _ = select(analyze("It is. 42 is 42. And so it is."), title="it", sentences=2)
    assert len(sentences) == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcXYZ .,!?\"'“”‘’\n—-:()0123")) | st.characters(),
        max_size=400,
    ),
    title=st.none() | st.text(max_size=40),
    sentences=st.integers(min_value=0, max_value=6),
    quotes=st.integers(min_value=0, max_value=6),
)
def test_any_text_gives_verbatim_slices(text, title, sentences, quotes):
    chosen, key_quotes = select(analyze(text), title=title, sentences=sentences, quotes=quotes)
    assert len(chosen) <= sentences and len(key_quotes) <= quotes
    for item in (*chosen, *key_quotes):
        assert text[item.start : item.end] == item.text


def test_fixture_articles_give_verbatim_slices():
    for path in sorted(FIXTURES.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        chosen, key_quotes = select(analyze(text), title=None, sentences=5, quotes=6)
        assert all(text[i.start : i.end] == i.text for i in (*chosen, *key_quotes)), path


# A story whose lead is short and whose long middle sentence repeats the story's words most.
FEATURE_STORY = (
    "The river flooded on Monday.\n\n"
    "Rain fell for two days.\n\n"
    "The flooded river closed the town bridge, the river road and the river school for a week "
    "while the town council counted the cost of the river flood.\n\n"
    "Bakers sold bread."
)


def test_rank_returns_article_order_and_the_count_asked_for():
    spans, _, features = sentence_features(analyze(FEATURE_STORY), title=None)
    chosen = rank(features, WEIGHTS, 2)
    assert len(chosen) == 2 and chosen == sorted(chosen)
    assert all(0 <= i < len(spans) for i in chosen)


def test_coverage_weight_prefers_the_long_central_sentence_over_the_lead():
    spans, _, features = sentence_features(analyze(FEATURE_STORY), title=None)
    long_central = next(i for i, (s, e) in enumerate(spans) if "town bridge" in FEATURE_STORY[s:e])
    assert rank(features, WEIGHTS, 1) == [0]  # the default trusts the lead
    # Coverage made to outweigh the lead bonus (which is at most 1): long central text wins.
    covering = replace(WEIGHTS, lead_decay=1e-6, centrality=0.0, length=0.0, coverage=5.0)
    assert rank(features, covering, 1) == [long_central]


def test_no_candidate_sentence_gives_no_features():
    assert sentence_features(analyze("Advertisement\n\nMost recent\n"), title="x") is None


def test_a_caption_glued_to_the_lead_is_left_out_of_the_summary():
    text = (
        "Closed: The old ferry pier seen from the harbour wall at low tide The Westport council "
        "voted on Tuesday to close the ferry pier for two years of repairs.\n\n"
        "Engineers found cracks in the pier's concrete pilings during a winter inspection.\n\n"
        "Repairs are expected to cost $12 million, paid partly by a state grant."
    )
    sentences, _ = select(analyze(text), title=None, sentences=1, quotes=0)
    assert sentences[0].text.startswith("The Westport council voted on Tuesday")
    assert text[sentences[0].start : sentences[0].end] == sentences[0].text


OBITUARY = """Marta Quill, satirist of the advertising age, dies at 88

Marta Quill, whose comic records mocked the advertising trade for three decades, died Monday at her home in Santa Rosa, California.

"She made the whole country laugh at the ads it could not stop watching, and she never once ran out of targets," a note on her record label's website read.

Quill's best-known record, "Buy Now, Pay Forever, a Carol for the Checkout Line," which lampooned holiday shopping, was banned by several radio stations in 1959.

"Radio was her playground and the sponsors were her favourite toys," said Tom Brandt, who produced three of her albums.

Critic Ana Ruiz said Quill "made satire sound like a jingle you could not stop humming for a week."

"She taught me that a joke can be kinder than a sermon," said Peter Quill, her son.
"""


def test_the_title_of_a_work_is_no_quote():
    assert not any(q.text.startswith("Buy Now") for q in analyze(OBITUARY).quotes)


def test_key_quotes_prefer_a_named_speaker():
    analysis = analyze(OBITUARY)
    unnamed = [q for q in analysis.quotes if q.speaker is None]
    assert unnamed  # the early, central quote whose speaker the article does not name
    _, quotes = select(analysis, title=None, sentences=0, quotes=3)
    assert len(quotes) == 3 and all(q.speaker for q in quotes)
    # It is shown only when no named quote is left.
    _, every = select(analysis, title=None, sentences=0, quotes=4)
    assert unnamed[0] in every
