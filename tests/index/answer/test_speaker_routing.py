"""Readers ask for someone's view in many words ("the sheriff's take on", "how did X respond
to", "X on Y"): each reaches that person's statements about the topic, and a question that only
looks like one about a person is answered as an open question."""

from __future__ import annotations

import pytest

from index.answer.routing import route
from index.models import AnswerKind
from index.service import Library
from tests.conftest import GUILD

JAIL = (
    "County weighs new jail as sheriff warns of crowding\n\n"
    "Harlow County commissioners will vote next week on whether to build a new jail, after"
    " Sheriff Dana Okafor told them the old one holds twice the inmates it was built for.\n\n"
    "\"We are sleeping people on the floor of the gym, and that is not safe for anyone,\""
    " Okafor said at Monday's meeting. \"A new jail is the only fix I can see.\"\n\n"
    "Okafor said the county had spent $1.1 million last year sending inmates to jails in"
    " other counties.\n\n"
    "Mayor Lewis Pratt, whose city would host the building, was cautious. \"I understand the"
    " sheriff's problem, but our residents deserve a say on where this goes,\" Pratt said.\n\n"
    "Pratt said he would ask the council to hold a public hearing on the site in March.\n\n"
    "The proposed jail would have 400 beds and cost about $38 million, paid for by a bond.\n\n"
    "On the question of bail reform, Okafor said fewer people waiting for trial would ease the"
    " crowding but would not end it.\n"
)


@pytest.mark.parametrize(
    ("question", "name", "topic"),
    [
        ("what's the sheriff's take on the jail?", "the sheriff", "the jail"),
        ("Beck's view on deportation", "Beck", "deportation"),
        ("what is Beck's stance on deportation?", "Beck", "deportation"),
        ("what was Beck’s reaction to the ruling?", "Beck", "the ruling"),
        ("what's Beck's opinion of the policy?", "Beck", "the policy"),
        ("where does Beck stand on deportation?", "Beck", "deportation"),
        ("what does the mayor make of the plan?", "the mayor", "the plan"),
        ("how is the mayor responding to the flood?", "the mayor", "the flood"),
        ("how did Beck respond to the criticism?", "Beck", "the criticism"),
        ("Charlie Beck on deportation?", "Charlie Beck", "deportation"),
    ],
)
def test_views_route_to_the_person_and_topic(question: str, name: str, topic: str) -> None:
    plan = route(question)
    assert (plan.kind, plan.name, plan.topic) == (AnswerKind.SPEAKER_TOPIC, name, topic)


@pytest.mark.parametrize(
    ("question", "name"), [("Beck's take", "Beck"), ("what's the mayor's response?", "the mayor")]
)
def test_a_view_without_a_topic_is_everything_they_said(question: str, name: str) -> None:
    assert (route(question).kind, route(question).name) == (AnswerKind.SPEAKER, name)


@pytest.mark.parametrize(
    "question",
    ["what is the reaction to the ruling?", "what's the cost of the pool?",
     "what is the effect of tariffs on China?"],
)  # fmt: skip
def test_questions_about_things_stay_open(question: str) -> None:
    assert route(question).kind is AnswerKind.OPEN


@pytest.fixture
async def jail(library: Library) -> Library:
    await library.add_text(GUILD, JAIL)
    return library


async def test_the_sheriffs_take_is_the_sheriffs_statements_about_it(jail: Library) -> None:
    answer = await jail.ask(GUILD, "what's the sheriff's take on the jail?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert answer.speaker == "Dana Okafor"
    assert answer.items and all(i.quote and i.quote.speaker == "Dana Okafor" for i in answer.items)
    assert answer.items[0].quote is not None and answer.items[0].quote.is_direct
    assert "A new jail is the only fix" in " ".join(i.text for i in answer.items)


async def test_name_on_topic_reaches_their_reported_words(jail: Library) -> None:
    answer = await jail.ask(GUILD, "Pratt on the hearing")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert answer.speaker == "Lewis Pratt"
    assert "public hearing on the site" in answer.items[0].text


async def test_someone_not_quoted_falls_back_to_the_articles_passages(jail: Library) -> None:
    article = (await jail.articles(GUILD))[0]
    answer = await jail.ask(GUILD, "what's the warden's take on the beds?", article.id)
    assert answer.kind is AnswerKind.OPEN
    assert any("400 beds" in item.text for item in answer.items)


async def test_a_capitalized_thing_before_on_is_an_open_question(jail: Library) -> None:
    answer = await jail.ask(GUILD, "Harlow County on the bond")
    assert answer.kind is AnswerKind.OPEN
    assert any("paid for by a bond" in item.text for item in answer.items)


async def test_a_view_not_in_their_quotes_is_found_where_the_article_tells_it(
    jail: Library,
) -> None:
    answer = await jail.ask(GUILD, "Okafor's view on bail reform")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC and answer.speaker == "Dana Okafor"
    # Her words on it, as a statement or in the passage that tells them: first either way.
    assert "fewer people waiting for trial" in answer.items[0].text
    if answer.items[0].quote is None:
        assert "said nothing about “bail reform” that is quoted" in answer.headline
