"""Name the speaker of a quote paragraph with no cue from the narrative just before it.

A writer often lets the paragraph before a quote introduce its speaker instead of a cue:
`Dr. Ward stated:` (a colon), `Valastro praised Christie's leadership …` (a verb that frames
speech), or a sentence about one person followed by words that person says in the first person
(`Villas-Boas was left to wonder what might have been.` / `"I think 3-2 could have …"`). The
last is read only when the sentence before is about that person alone and the quote speaks as
"I" or "we" without naming them: a quote about the person ("He was a kind man") is someone else's.
"""

from __future__ import annotations

import re

from index.models import Paragraph, Quote
from index.quotes.attribution import cue_before
from index.quotes.cue_patterns import PRONOUNS
from index.quotes.cues import FEMALE_PRONOUNS, MALE_PRONOUNS
from index.quotes.marks import Span
from index.quotes.people.cast import Cast
from index.quotes.people.resolution import known
from index.quotes.people.topic import narrative_subject
from index.quotes.pieces import index_of
from index.quotes.sentence_ends import last_sentence_end
from index.quotes.subjects import Who, framing_subject

# The speaker's own voice: "I", "we" and their forms, outside any quote nested in the quote.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Ww]e|[Ww]e're|[Ww]e've|[Uu]s|[Oo]ur)\b")
_THIRD_PERSON = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_NESTED = re.compile(r"(?:^|(?<=[\s(\[:,]))['‘][^'‘’]*['’](?=[\s.,;:!?)\]]|$)")


def colon_intro(text: str, paragraphs: list[Paragraph], span: Span) -> Who | None:
    """`Dr. Ward stated:` ending the paragraph before a quote paragraph names its speaker."""
    if span.open_at != span.paragraph.start:
        return None
    index = index_of(paragraphs, span.paragraph)
    if index == 0:
        return None
    previous = paragraphs[index - 1]
    if text[previous.end - 1] != ":":
        return None
    return cue_before(text, previous.start, previous.end - 1) or framing_subject(
        text, _last_sentence(text, previous), previous.end
    )


def narrative_intro(
    text: str,
    paragraphs: list[Paragraph],
    span: Span,
    start: int,
    cast: Cast,
    last: Quote | None,
) -> Who | None:
    """Return a quote paragraph with no cue after a paragraph of narrative whose last sentence has a
    named person frame speech ("Valastro praised Christie's leadership …") is that person's."""
    if span.open_at != span.paragraph.start:
        # Mid-paragraph, a quote opening its own sentence after "Sami recalled how …".
        if start != span.open_at or start == span.paragraph.start:
            return None
        if last is not None and last.end > span.paragraph.start:
            return None
        sentence = _last_sentence(text, Paragraph(-1, span.paragraph.start, start - 1, ()))
        who = framing_subject(text, sentence, start)
    else:
        index = index_of(paragraphs, span.paragraph)
        if index == 0:
            return None
        previous = paragraphs[index - 1]
        if last is not None and last.end > previous.start:
            return None  # the paragraph before has quotes of its own: continuation rules decide
        who = framing_subject(text, _last_sentence(text, previous), previous.end)
        if not _names_someone(who, cast):
            recent = last is not None and index >= 2 and last.end > paragraphs[index - 2].start
            return _speaks_as_subject(text, span, cast, last.speaker if last and recent else None)
    return who if _names_someone(who, cast) else None


def _names_someone(who: Who | None, cast: Cast) -> bool:
    """Whether a framing sentence's subject is someone the article named (no pronoun)."""
    return who is not None and who.mention.split()[0].lower() not in PRONOUNS and known(cast, who.mention)


def _speaks_as_subject(text: str, span: Span, cast: Cast, recent: str | None) -> Who | None:
    """Return the person the narrative sentence before a quote paragraph is about, when the quote
    speaks as "I" or "we" and never names them ("Ahmad can't wait." / "I'm counting …"); not
    right after someone else's quote (`recent` speaker): "Dock worker Ann Ray checks …" may be either's."""
    words = _NESTED.sub(" ", text[span.start : span.end])
    if _FIRST_PERSON.search(words) is None:
        return None
    person = narrative_subject(cast, span.open_at)
    if person is None or recent not in (None, person.name) or any(
        re.search(rf"\b{re.escape(form)}\b", words) for form in (person.name, *person.forms)
    ):
        return None
    third = {word.lower() for word in _THIRD_PERSON.findall(words)}
    if third & (FEMALE_PRONOUNS if person.gender == "f" else MALE_PRONOUNS if person.gender == "m" else (
        FEMALE_PRONOUNS | MALE_PRONOUNS
    )):
        return None  # "He was the kindest man on our street.": words about them
    return Who(person, person.name, -1, -1, "")


def _last_sentence(text: str, paragraph: Paragraph) -> int:
    """Where the paragraph's last sentence starts (looking back 400 characters at most)."""
    return last_sentence_end(text, max(paragraph.start, paragraph.end - 400), paragraph.end)


