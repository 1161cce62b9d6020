"""Reported speech: statements in sentences with no quote mark ("Beck said he …").

`plain_sentences` finds the sentences no quote touches; `reported_speech` reads one for a
speaker and a reporting verb (`Beck said (that) he…`, `Beck told the Times that…`, `…, he
said.`) and returns the clause as a quote of kind REPORTED.
"""

from __future__ import annotations

import re

from index.models import Document, Paragraph, Quote, QuoteKind
from index.quotes.cue_patterns import CLAUSE_FIRST, CUE_WORDS, REPORT_OPENING, REPORTS
from index.quotes.cues import REPORTING_VERBS
from index.quotes.marks import Span
from index.quotes.people.cast import Cast, Person
from index.quotes.people.pronouns import pronoun_gender
from index.quotes.people.resolution import resolve
from index.quotes.subjects import subject_before, who_from
from index.text.words import split_words

_LEADING_PRONOUN = re.compile(r"(he|she)\b")
_WORD = re.compile(r"\w+")


def _first_word(cue: str) -> str:
    match = _WORD.match(cue)
    if match is None:
        raise ValueError(f"a cue that opens with no word: {cue!r}")
    return match.group()


# The first word of every cue `reported_speech` reads (CLAUSE_FIRST's speech cues, REPORTS's
# reporting verbs). Each opens with a word character after `\b` and ends at `\b`, so where
# one matches, its first word stands whole among the sentence's words: a sentence holding none
# of these words reports nothing, and is not read (two of every three plain sentences).
_CUE_WORDS = frozenset(map(_first_word, CUE_WORDS | REPORTING_VERBS))


def plain_sentences(
    document: Document, spans: list[Span], text: str
) -> list[tuple[Paragraph, int, int]]:
    """Sentences with no quote in them and a speech cue's word in `text` (the document's text as
    the quote rules read it): where reported speech can be."""
    starts = sorted(span.open_at for span in spans)
    found = []
    position = 0
    for paragraph, sentence in document.sentences():
        while position < len(starts) and starts[position] < sentence.start:
            position += 1
        if position < len(starts) and starts[position] < sentence.end:
            continue
        if _CUE_WORDS.isdisjoint(split_words(text[sentence.start : sentence.end])):
            continue  # the cheaper test first: it leaves a third of the sentences
        if any(span.start <= sentence.start < span.end for span in _near(spans, sentence.start)):
            continue
        found.append((paragraph, sentence.start, sentence.end))
    return found


def _near(spans: list[Span], position: int) -> list[Span]:
    return [span for span in spans if span.open_at <= position <= span.after_at]


def reported_speech(
    text: str,
    sentence: tuple[Paragraph, int, int],
    cast: Cast,
    recent: Person | None,
    horizon: int,
    statement: int,
) -> tuple[Quote, Person | None] | None:
    """Find a sentence's reported statement, numbered `statement`, and the person who made it.

    `recent` is the last speaker, for a pronoun or description; `horizon` is how far back a
    pronoun's referent may be named.
    """
    _, start, end = sentence
    body = text[start:end]
    if len(body) > 1000:
        return None
    clause = who = None
    tail = CLAUSE_FIRST.search(body)
    if tail:
        who = who_from(tail, start)
        clause = (start, start + tail.start())
    else:
        for cue in REPORTS.finditer(body):
            opening = REPORT_OPENING.match(body, cue.end())
            who = subject_before(body, cue.start(), start) if opening else None
            if who is not None and opening:
                who.cue = cue.group(0)
                clause = (start + opening.end(), end)
                break
    if who is None or clause is None:
        return None
    clause_start, clause_end = clause
    while clause_end > clause_start and text[clause_end - 1] in " .,;":
        clause_end -= 1
    if len(text[clause_start:clause_end].split()) < 4:
        return None
    cast.reported.append((clause_start, clause_end))  # before `resolve`: "X left, he said"
    person, name, role = resolve(cast, who, recent, horizon)
    if name is None:
        cast.reported.pop()
        return None
    pronoun = _LEADING_PRONOUN.match(text, clause_start, clause_end)
    if pronoun and person is not None:
        cast.set_gender(person, pronoun_gender(pronoun.group(1)))
    quote = Quote(
        text=text[clause_start:clause_end],
        start=clause_start,
        end=clause_end,
        kind=QuoteKind.REPORTED,
        statement=statement,
        speaker=name,
        role=role,
        mention=who.mention,
        mention_start=who.start,
        mention_end=who.end,
        cue=who.cue or None,
    )
    return quote, person
