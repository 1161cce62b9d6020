"""Questions are routed by what they ask, and answered from the library's own words."""

from __future__ import annotations

import pytest

from index.models import AnswerKind
from index.qa import route
from index.service import Library
from tests.conftest import GUILD


@pytest.mark.parametrize(
    ("question", "kind", "name", "topic"),
    [
        ("what did Beck say?", AnswerKind.SPEAKER, "Beck", None),
        ("What has Charlie Beck said", AnswerKind.SPEAKER, "Charlie Beck", None),
        ("what does the police chief think?", AnswerKind.SPEAKER, "the police chief", None),
        ("Beck's comments", AnswerKind.SPEAKER, "Beck", None),
        ("quotes from Strand", AnswerKind.SPEAKER, "Strand", None),
        ("according to Reyes?", AnswerKind.SPEAKER, "Reyes", None),
        ("what did Beck say about deportation?", AnswerKind.SPEAKER_TOPIC, "Beck", "deportation"),
        ("what does Strand think about the dam", AnswerKind.SPEAKER_TOPIC, "Strand", "the dam"),
        ("Reyes's comments on the farms", AnswerKind.SPEAKER_TOPIC, "Reyes", "the farms"),
        ("who is Priya Nair?", AnswerKind.ROLE, "Priya Nair", None),
        ("what is Nair's role?", AnswerKind.ROLE, "Nair", None),
        ("why was the vote delayed?", AnswerKind.OPEN, None, None),
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
    ],
)
def test_route_who_said(question: str, phrase: str) -> None:
    plan = route(question)
    assert (plan.kind, plan.phrase) == (AnswerKind.WHO_SAID, phrase)


@pytest.fixture
async def filled(library: Library, dam_text: str, school_text: str) -> Library:
    await library.add_text(GUILD, dam_text)
    await library.add_text(GUILD, school_text)
    return library


async def test_speaker_question_lists_their_quotes(filled: Library, dam_text: str) -> None:
    answer = await filled.ask(GUILD, "what did Reyes say?")
    assert answer.kind is AnswerKind.SPEAKER
    assert answer.speaker == "Tomas Reyes"
    direct = [item.text for item in answer.items if item.quote and item.quote.is_direct]
    assert any("Nobody from the state has walked these fields" in text for text in direct)
    for item in answer.items:
        assert dam_text[item.start : item.end] == item.text
        assert item.quote is not None and item.quote.speaker == "Tomas Reyes"


async def test_speaker_topic_puts_the_relevant_quote_first(filled: Library) -> None:
    answer = await filled.ask(GUILD, "what did Strand say about the valley?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert "valley" in answer.items[0].text


async def test_who_said_names_the_speaker(filled: Library) -> None:
    answer = await filled.ask(GUILD, "who said 'rainy-day fund'?")
    assert answer.kind is AnswerKind.WHO_SAID
    assert answer.speaker == "Grace Whitfield"


async def test_open_question_returns_the_answering_passage(filled: Library) -> None:
    answer = await filled.ask(GUILD, "how many reading tutors will the schools get?")
    assert answer.kind is AnswerKind.OPEN
    assert "forty reading tutors" in answer.items[0].text


async def test_unrelated_question_is_declined(filled: Library) -> None:
    answer = await filled.ask(GUILD, "who won the chess olympiad in budapest?")
    assert answer.kind is AnswerKind.NOT_FOUND
    assert answer.items == ()


async def test_unknown_person_is_not_invented(filled: Library) -> None:
    answer = await filled.ask(GUILD, "what did Napoleon say?")
    assert answer.kind is AnswerKind.NOT_FOUND


async def test_scope_to_one_article(filled: Library) -> None:
    school = (await filled.articles(GUILD))[0]
    answer = await filled.ask(GUILD, "what did Reyes say?", school.id)
    assert answer.kind is AnswerKind.NOT_FOUND
