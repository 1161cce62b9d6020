"""Run the sentence model on its own thread, ahead of the answer that needs it.

Answers run on the one CPU thread (index/cpu.py). The first question about an article has the
sentence model read the article's passages: a few hundred milliseconds of ONNX work (and the
model's load, once, up to a few seconds). Run there, it held up every other command: with 200
questions at once, a "who said" that needs no model waited seconds behind them. ONNX lets go of
the interpreter lock while it computes, so on a thread of its own it takes the second core
without making the event loop wait.

So an answer run by `answered` does not call the model: where it would (`late_interaction`
asks `check` first), it stops with `Unread`, naming every text the model has not read. The
model thread reads them (`read`), and the answer runs again with what was read at hand
(`reader`), not only in the encoder's caches, which other questions' passages may have pushed
them out of meanwhile. The answer is the same as one computed in a single go (a text's vectors
do not depend on when they are computed); the extra cost is the stopped run's lexical part, a
few milliseconds. An answer that still finds something unread after `ROUNDS` reads is computed
in one go, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import numpy as np

from index import cpu
from index.answer import semantic

P = ParamSpec("P")
T = TypeVar("T")

ROUNDS = 3


@dataclass(frozen=True)
class Unread(Exception):
    """The texts an answer needs the model to read first: its question, passages, sentences."""

    question: str
    passages: tuple[str, ...]
    sentences: tuple[str, ...]


@dataclass
class Read:
    """What the model read for one answer: runs of questions, passages' vectors and pieces,
    sentences' vectors (as the encoder's methods of those names return them)."""

    questions: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    passages: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    sentences: dict[str, np.ndarray] = field(default_factory=dict)


_deferring: ContextVar[bool] = ContextVar("read_ahead_deferring", default=False)
_at_hand: ContextVar[Read | None] = ContextVar("read_ahead_at_hand", default=None)


def check(question: str, passages: Sequence[str], sentences: Sequence[Sequence[str]]) -> None:
    """Raise `Unread` when, inside `answered`, the model would have to read something."""
    if not _deferring.get():
        return
    texts = [s for part in sentences for s in part]
    if not semantic.loaded():
        raise Unread(question, tuple(passages), tuple(texts))
    model = semantic.encoder()
    if model is None or not passages:  # not installed (answered without it, as ever), or idle
        return
    read = _at_hand.get() or Read()
    unread_passages = model.unread_passages([t for t in passages if t not in read.passages])
    unread_sentences = model.unread_sentences([t for t in texts if t not in read.sentences])
    asked = question in read.questions or model.has_question(question)
    if unread_passages or unread_sentences or not asked:
        raise Unread(question, tuple(unread_passages), tuple(unread_sentences))


def read(unread: Unread) -> Read:
    """Have the model read the texts (on the native thread)."""
    found = Read()
    model = semantic.encoder()
    if model is None:
        return found
    found.questions[unread.question] = model.question_run(unread.question)
    for text in unread.passages:
        found.passages[text] = model.passage_vectors(text)
    for text in unread.sentences:
        found.sentences[text] = model.sentence(text)
    return found


class _Reader:
    """The encoder's three reading methods, answered first from what was read ahead."""

    def __init__(self, model: semantic.Encoder, read: Read) -> None:
        self.model, self.read = model, read

    def question_run(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        kept = self.read.questions.get(text)
        return kept if kept is not None else self.model.question_run(text)

    def passage_vectors(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        kept = self.read.passages.get(text)
        return kept if kept is not None else self.model.passage_vectors(text)

    def sentence(self, text: str) -> np.ndarray:
        kept = self.read.sentences.get(text)
        return kept if kept is not None else self.model.sentence(text)


def reader() -> semantic.Encoder | _Reader | None:
    """Return the sentence model to read with (None when it is not installed)."""
    model = semantic.encoder()
    read = _at_hand.get()
    return model if model is None or read is None else _Reader(model, read)


def _with(
    read: Read, deferring: bool, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T:
    """Run `func` with `read` at hand, the model's reading deferred (`check` raises) or not."""
    tokens = _at_hand.set(read), _deferring.set(deferring)
    try:
        return func(*args, **kwargs)
    finally:
        _deferring.reset(tokens[1])
        _at_hand.reset(tokens[0])


async def answered(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run an answering function on the CPU thread, the sentence model's reading on its own."""
    at_hand = Read()
    for _ in range(ROUNDS):
        try:
            return await cpu.run(_with, at_hand, True, func, *args, **kwargs)  # type: ignore[arg-type]
        except Unread as unread:
            found = await cpu.run_native(read, unread)
            at_hand.questions.update(found.questions)
            at_hand.passages.update(found.passages)
            at_hand.sentences.update(found.sentences)
    return await cpu.run(_with, at_hand, False, func, *args, **kwargs)  # type: ignore[arg-type]
