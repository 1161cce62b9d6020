"""Questions are routed by what they ask, and answered from the library's own words."""

from __future__ import annotations

import pytest

from index.answer import evidence
from index.answer.routing import route
from index.answer.who_said import fold
from index.models import Answer, AnswerKind, ArticleInfo, ArticleMeta
from index.service import Library
from tests.conftest import GUILD, fixture_text


@pytest.mark.parametrize(
    ("question", "kind", "name", "topic"),
    [
        ("what did Beck say?", AnswerKind.SPEAKER, "Beck", None),
        ("What has Charlie Beck said", AnswerKind.SPEAKER, "Charlie Beck", None),
        ("what does the police chief think?", AnswerKind.SPEAKER, "the police chief", None),
        ("What did Mr. Beck say?", AnswerKind.SPEAKER, "Mr. Beck", None),
        ("Beck's comments", AnswerKind.SPEAKER, "Beck", None),
        ("Beck’s remarks?", AnswerKind.SPEAKER, "Beck", None),
        ("show me all of Beck's quotes", AnswerKind.SPEAKER, "Beck", None),
        ("quotes from Strand", AnswerKind.SPEAKER, "Strand", None),
        ("according to Reyes?", AnswerKind.SPEAKER, "Reyes", None),
        ("how did Reyes react?", AnswerKind.SPEAKER, "Reyes", None),
        ("did Strand say anything?", AnswerKind.SPEAKER, "Strand", None),
        ("what Beck said", AnswerKind.SPEAKER, "Beck", None),
        ("what did Beck say about deportation?", AnswerKind.SPEAKER_TOPIC, "Beck", "deportation"),
        ("What did Beck have to say about crime", AnswerKind.SPEAKER_TOPIC, "Beck", "crime"),
        ("what did beck tell the Times about crime?", AnswerKind.SPEAKER_TOPIC, "beck", "crime"),
        ("did Beck say anything about Trump?", AnswerKind.SPEAKER_TOPIC, "Beck", "Trump"),
        ("how did Beck react to the order?", AnswerKind.SPEAKER_TOPIC, "Beck", "the order"),
        ("what does Strand think about the dam", AnswerKind.SPEAKER_TOPIC, "Strand", "the dam"),
        ("Reyes's comments on the farms", AnswerKind.SPEAKER_TOPIC, "Reyes", "the farms"),
        ("what were Beck's views on immigration", AnswerKind.SPEAKER_TOPIC, "Beck", "immigration"),
        ("who is Priya Nair?", AnswerKind.ROLE, "Priya Nair", None),
        ("what is Nair's role?", AnswerKind.ROLE, "Nair", None),
        ("what does Nair do?", AnswerKind.ROLE, "Nair", None),
        ("why was the vote delayed?", AnswerKind.OPEN, None, None),
        ("what did the article say?", AnswerKind.OPEN, None, None),
        ("what did they say about taxes?", AnswerKind.OPEN, None, None),
        ("dam", AnswerKind.OPEN, None, None),
    ],
)
def test_route(question: str, kind: AnswerKind, name: str | None, topic: str | None) -> None:
    plan = route(question)
    assert (plan.kind, plan.name, plan.topic) == (kind, name, topic)


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("who said 'shadow population'?", "shadow population"),
        ("Who said “a line on a map”", "a line on a map"),
        ("who said that nobody walked these fields?", "nobody walked these fields"),
        ("who is quoted as saying the pier is old", "the pier is old"),
        ("whose words are “a line on a map”?", "a line on a map"),
        ("“shadow population”?", "shadow population"),
    ],
)
def test_route_who_said(question: str, phrase: str) -> None:
    plan = route(question)
    assert (plan.kind, plan.phrase) == (AnswerKind.WHO_SAID, phrase)


def test_fold_ignores_case_punctuation_and_curly_apostrophes() -> None:
    assert fold("We couldn’t deport 500,000 people…") == fold("we couldn't DEPORT 500 000 people")


# --- answers over small articles -----------------------------------------------------------------


@pytest.fixture
async def filled(library: Library, dam_text: str, school_text: str) -> Library:
    await library.add_text(GUILD, dam_text)
    await library.add_text(GUILD, school_text)
    return library


@pytest.fixture
async def harbor(library: Library) -> tuple[Library, ArticleInfo, ArticleInfo]:
    """Two stories about one harbor: the older one dated March, the newer one June."""
    ferry = await library.add_text(
        GUILD,
        fixture_text("ask/harbor-ferry.txt"),
        ArticleMeta(published="2025-03-04", external_id="ferry"),
    )
    vote = await library.add_text(
        GUILD,
        fixture_text("ask/gull-island-vote.txt"),
        ArticleMeta(published="2025-06-12", external_id="vote"),
    )
    return library, ferry, vote


def _texts(answer: Answer) -> list[str]:
    return [item.text for item in answer.items]


async def test_speaker_question_lists_their_quotes(filled: Library, dam_text: str) -> None:
    answer = await filled.ask(GUILD, "what did Reyes say?")
    assert answer.kind is AnswerKind.SPEAKER
    assert answer.speaker == "Tomas Reyes"
    direct = [item.text for item in answer.items if item.quote and item.quote.is_direct]
    assert any("Nobody from the state has walked these fields" in text for text in direct)
    for item in answer.items:
        assert dam_text[item.start : item.end] == item.text
        assert item.quote is not None and item.quote.speaker == "Tomas Reyes"


async def test_speaker_answer_is_newest_article_first_quotes_before_reported(harbor) -> None:
    library, ferry, vote = harbor
    answer = await library.ask(GUILD, "what did Calder say?")
    assert answer.kind is AnswerKind.SPEAKER
    assert "Calder" in (answer.speaker or "")
    articles = [item.article.id for item in answer.items]
    assert articles[0] == vote.id and set(articles) == {ferry.id, vote.id}
    assert articles == sorted(articles, key=lambda i: i != vote.id)  # grouped by article
    for article_id in (ferry.id, vote.id):
        kinds = [item.quote.is_direct for item in answer.items if item.article.id == article_id]
        assert kinds == sorted(kinds, reverse=True)  # quotes, then reported speech
    assert any("older than anyone who works on it" in text for text in _texts(answer))


async def test_speaker_by_role_description(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "what did the harbor master say?")
    assert answer.kind is AnswerKind.SPEAKER
    assert "Calder" in (answer.speaker or "")


async def test_shared_surname_asks_back_with_both_full_names(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "what did Lind say?")
    assert answer.kind is AnswerKind.AMBIGUOUS
    assert set(answer.candidates) == {"Johan Lind", "Mara Lind"}


async def test_scope_decides_who_a_surname_means(harbor) -> None:
    library, _, vote = harbor
    answer = await library.ask(GUILD, "what did Lind say?", "vote")  # by external id
    assert answer.kind is AnswerKind.SPEAKER
    assert answer.speaker == "Mara Lind"
    assert {item.article.id for item in answer.items} == {vote.id}


async def test_full_name_and_misspelling_reach_the_speaker(harbor) -> None:
    library, *_ = harbor
    for typed in ("Johan Lind", "johan lind", "Johan Lindd"):
        answer = await library.ask(GUILD, f"what did {typed} say?")
        assert answer.speaker == "Johan Lind", typed
        assert any("four hundred kilos of cod" in text for text in _texts(answer))


async def test_speaker_topic_puts_the_relevant_quote_first(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "what did Calder say about the council funding?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert "If the council funds it" in answer.items[0].text


async def test_speaker_topic_says_when_they_said_nothing_about_it(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "what did Calder say about elections?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert "said nothing about" in answer.headline
    assert answer.items  # and shows the closest statements


async def test_speaker_topic_in_the_older_fixture(filled: Library) -> None:
    answer = await filled.ask(GUILD, "what did Strand say about the valley?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert "valley" in answer.items[0].text


@pytest.mark.parametrize(
    ("question", "speaker", "words"),
    [
        ("who said 'four hundred kilos of cod'?", "Johan Lind", "four hundred kilos"),
        ("Who said “EVERY loaf of bread on this island”", "Mara Lind", "Every loaf"),
        # across the two segments of a split quote
        ("who said 'fine for tourists but it will not carry'?", "Johan Lind", "tourists"),
        # half remembered
        ("who said the pier is older than anybody working on it?", "Calder", "pier is older"),
    ],
)
async def test_who_said_names_the_speaker(harbor, question: str, speaker: str, words: str) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, question)
    assert answer.kind is AnswerKind.WHO_SAID
    assert speaker in (answer.speaker or "")
    assert words.lower() in answer.items[0].text.lower()


async def test_who_said_a_phrase_nobody_said(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "who said 'the moon is made of cheese'?")
    assert answer.kind is AnswerKind.NOT_FOUND


async def test_who_said_in_the_school_story(filled: Library) -> None:
    answer = await filled.ask(GUILD, "who said 'rainy-day fund'?")
    assert answer.kind is AnswerKind.WHO_SAID
    assert answer.speaker == "Grace Whitfield"


async def test_role_question_gives_the_articles_description(harbor) -> None:
    library, *_ = harbor
    answer = await library.ask(GUILD, "who is Johan Lind?")
    assert answer.kind is AnswerKind.ROLE
    assert "fisherman" in answer.headline


async def test_open_question_returns_the_answering_passage(filled: Library) -> None:
    answer = await filled.ask(GUILD, "how many reading tutors will the schools get?")
    assert answer.kind is AnswerKind.OPEN
    assert "forty reading tutors" in answer.items[0].text


async def test_open_question_highlights_the_answering_sentence(harbor) -> None:
    library, ferry, _ = harbor
    answer = await library.ask(GUILD, "why will the Gull Island ferry stop running?")
    assert answer.kind is AnswerKind.OPEN
    first = answer.items[0]
    assert first.article.id == ferry.id
    assert "carry the boat's weight" in first.text
    if first.highlight:
        start, end = first.highlight
        assert first.start <= start < end <= first.end


@pytest.mark.parametrize(
    "question",
    [
        "who won the chess olympiad in budapest?",
        "what is the boiling point of mercury?",
    ],
)
async def test_unrelated_question_is_declined(filled: Library, question: str) -> None:
    answer = await filled.ask(GUILD, question)
    assert answer.kind is AnswerKind.NOT_FOUND
    assert answer.items == ()


async def test_unknown_person_is_not_invented(filled: Library) -> None:
    answer = await filled.ask(GUILD, "what did Napoleon say?")
    assert answer.kind is AnswerKind.NOT_FOUND


async def test_scope_to_one_article(filled: Library) -> None:
    school = (await filled.articles(GUILD))[0]
    answer = await filled.ask(GUILD, "what did Reyes say?", school.id)
    assert answer.kind is AnswerKind.NOT_FOUND


async def test_speaker_answer_puts_the_quote_named_at_its_cue_first(library: Library) -> None:
    text = (
        "Ferry captain Mara Quill said on Monday that the boat was late. “The boat is late again"
        " and the engine is older than I am,” she said.\n\n"
        "The council met on Tuesday to discuss the budget for the harbor.\n\n"
        "“We will fix the engine by May, whatever the council decides,” Quill said.\n"
    )
    await library.add_text(GUILD, text)
    answer = await library.ask(GUILD, "what did Quill say?")
    assert answer.speaker == "Mara Quill"
    direct = [item.text for item in answer.items if item.quote and item.quote.is_direct]
    assert direct[0].startswith("We will fix the engine by May")
    assert any(text.startswith("The boat is late again") for text in direct[1:])


async def test_open_question_weighs_a_common_word_as_common(library: Library) -> None:
    """'named' stems to 'name', a stop word if stemmed again: it must still count its passages."""
    paragraphs = [f"Player {n} was named to the squad on day {n} of the camp." for n in range(6)]
    paragraphs.append("Rosa Vint was named captain of the rowing club by the committee.")
    await library.add_text(GUILD, "\n\n".join(paragraphs))
    index = await library.guild_index(GUILD)
    weights = evidence._Weights("who was named captain of the rowing club?", index)
    assert weights.weights["name"] < weights.weights["captain"]
    answer = await library.ask(GUILD, "who was named captain of the rowing club?")
    assert answer.items[0].text.startswith("Rosa Vint was named captain")


async def test_who_said_prefers_the_surer_attribution_of_a_repeated_phrase(library: Library) -> None:
    text = (
        "Harbor master Ada Finch said on Monday that the pier was unsafe. “The pier is older"
        " than the town,” she said.\n\n"
        "The council met on Tuesday to discuss the budget for the harbor.\n\n"
        "“The pier is older than the town,” Mayor Tom Reed said on Wednesday.\n"
    )
    await library.add_text(GUILD, text)
    answer = await library.ask(GUILD, "who said “older than the town”?")
    assert answer.speaker == "Tom Reed"
    assert {item.quote.speaker for item in answer.items if item.quote} == {"Tom Reed", "Ada Finch"}


async def test_who_said_in_other_words_scoped_gives_the_closest_passages(harbor) -> None:
    library, ferry, _ = harbor
    # No quote holds these words: Mara Lind's point is reported, and in other words.
    answer = await library.ask(GUILD, "who said deliveries to the island will be slower?", ferry.id)
    assert answer.kind is AnswerKind.OPEN
    assert any("deliveries would take twice as long" in text for text in _texts(answer))
