"""A question that names a role reaches the person the article gives that role, however it is
written: "Clara Voss, Northwind's chief executive," is "the chief executive"."""

from __future__ import annotations

from index.models import AnswerKind
from index.service import Library
from tests.conftest import GUILD, fixture_text


async def test_a_possessive_role_answers_a_role_question(library: Library) -> None:
    await library.add_text(GUILD, fixture_text("ask/airline-fuel.txt"))
    answer = await library.ask(GUILD, "what did Northwind's chief executive say about fuel prices?")
    assert answer.kind is AnswerKind.SPEAKER_TOPIC
    assert answer.speaker == "Clara Voss"
    assert all(item.quote and item.quote.role == "Northwind's chief executive" for item in answer.items)
    # Two chief executives are quoted: the plain role offers both, the possessive one among them.
    plain = await library.ask(GUILD, "what did the chief executive say about fuel prices?")
    assert plain.kind is AnswerKind.AMBIGUOUS
    assert set(plain.candidates) == {"Clara Voss", "Dan Pryce"}


async def test_an_honorific_is_never_shown_as_the_role(library: Library) -> None:
    await library.add_text(GUILD, fixture_text("ask/airline-fuel.txt"))
    answer = await library.ask(GUILD, "what did Ms Voss say?")
    assert answer.items and answer.speaker == "Clara Voss"
    assert {item.quote.role for item in answer.items if item.quote} == {
        "Northwind's chief executive"
    }
