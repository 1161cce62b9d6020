"""The sentence model reads on its own thread, ahead of the answer: other commands don't wait."""

from __future__ import annotations

import asyncio
import threading

import pytest

from index import cpu
from index.answer import qa, read_ahead, semantic
from index.models import ArticleMeta
from index.service import Library
from tests.conftest import GUILD
from tests.stories import POOL

QUESTION = "how much will a swim cost grown-ups?"


@pytest.fixture
async def pool(library: Library) -> int:
    """The id of the pool article, added, with nothing the model read kept."""
    info = await library.add_text(GUILD, POOL, ArticleMeta(title="Town opens a new public pool"))
    _forget_everything_read()
    return info.id


def _forget_everything_read() -> None:
    model = semantic.encoder()
    assert model is not None, "the sentence model ships with the package"
    model.cache.clear()
    model.pieces.clear()
    model.pieces_held = 0
    model.questions.clear()


async def test_an_answer_read_ahead_equals_the_answer_computed_in_one_go(
    library: Library, pool: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[str, read_ahead.Unread]] = []
    reading = read_ahead.read

    def recorded_read(unread: read_ahead.Unread) -> read_ahead.Read:
        reads.append((threading.current_thread().name, unread))
        return reading(unread)

    monkeypatch.setattr(read_ahead, "read", recorded_read)
    ahead = await library.ask(GUILD, QUESTION, pool)
    assert reads and all(name.startswith("articlebot-native") for name, _ in reads)
    assert reads[0][1].question == QUESTION and reads[0][1].passages

    _forget_everything_read()
    index = await library.guild_index(GUILD)
    in_one_go = await cpu.run(qa.answer, QUESTION, index, {pool})
    assert ahead == in_one_go
    assert "$3 for adults" in ahead.items[0].text


async def test_a_question_needing_no_model_is_answered_while_the_model_reads(
    library: Library, pool: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered, release = threading.Event(), threading.Event()
    reading = read_ahead.read

    def slow_read(unread: read_ahead.Unread) -> read_ahead.Read:
        entered.set()
        release.wait(60)  # held until the other question is answered
        return reading(unread)

    monkeypatch.setattr(read_ahead, "read", slow_read)
    scoped = asyncio.create_task(library.ask(GUILD, QUESTION, pool))
    assert await asyncio.to_thread(entered.wait, 30), "the model's reading never started"
    try:
        # Answered while the model's reading holds its thread: it would wait for ever on the
        # CPU thread, where the reading used to run.
        who = await asyncio.wait_for(library.ask(GUILD, "what did Ana Ruiz say?"), timeout=30)
    finally:
        release.set()
    assert who.items and "waited a long time" in who.items[0].text
    assert not scoped.done()
    answer = await scoped
    assert "$3 for adults" in answer.items[0].text


async def test_what_was_read_ahead_serves_the_answer_though_the_caches_let_it_go(
    library: Library, pool: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = read_ahead.read

    def read_then_forgotten(unread: read_ahead.Unread) -> read_ahead.Read:
        found = reading(unread)
        _forget_everything_read()  # other questions' passages pushed these out meanwhile
        return found

    model = semantic.encoder()
    assert model is not None
    ran_on: list[str] = []
    run = model.run
    monkeypatch.setattr(
        model, "run", lambda text: (ran_on.append(threading.current_thread().name), run(text))[1]
    )
    monkeypatch.setattr(read_ahead, "read", read_then_forgotten)
    answer = await library.ask(GUILD, QUESTION, pool)
    assert "$3 for adults" in answer.items[0].text
    assert ran_on and all(name.startswith("articlebot-native") for name in ran_on)
