"""Find quotes and reported speech in an article and name who said them.

Three steps. Marks (index/quotes/marks.py): quote marks are paired into spans. Cues
(index/quotes/attribution.py, patterns in index/quotes/cue_patterns.py): the words around each span are matched
against a table of speech cues, and the mention found there is turned into a person
(index/quotes/people/resolution.py) by the document's `Cast` (index/quotes/people/cast.py; names and titles in
index/quotes/people/mentions.py). Assembly (here): the spans are walked in article order, so that a quote
without a cue takes the speaker of the statement it continues or of the narrative that introduces
it (else stays unknown), split segments share one statement, and sentences with no quote are read
for reported speech (index/quotes/reported.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from index.models import Document, Paragraph, Quote, QuoteKind, is_described
from index.quotes.attribution import cue_after, cue_before
from index.quotes.clause_start import clause_start
from index.quotes.credits import (
    credit_line,
    cue_past_nested,
    document_source,
    headline_cue,
    line_credit,
    passive_agent,
    quoted_as_saying,
    starts_with_label,
    transcript_label,
)
from index.quotes.cue_patterns import (
    AFTER_CUE,
    CUES,
    PRONOUNS,
    SENTENCE_END,
)
from index.quotes.intros import colon_intro, narrative_intro
from index.quotes.marks import Span, find_spans
from index.quotes.people.cast import Cast, Person
from index.quotes.people.casting import build_cast
from index.quotes.people.described_pronouns import carried_description
from index.quotes.people.mentions import parse_name
from index.quotes.people.resolution import described_speaker, known, resolve
from index.quotes.people.speaker_ranker import DEFAULT_RANKER, Ranker, site_of
from index.quotes.pieces import index_of, previous_start, with_gaps
from index.quotes.plural_subjects import plural_subject
from index.quotes.reported import plain_sentences, reported_speech
from index.quotes.sentence_ends import has_content, last_sentence_end
from index.quotes.subjects import (
    Who,
    fragment_subject,
    framing_subject,
    owned_subject,
    sentence_subject,
)
from index.quotes.titles import is_name, is_scare, is_title
from index.quotes.typography import plain_marks


def extract_quotes(document: Document, ranker: Ranker = DEFAULT_RANKER) -> tuple[Quote, ...]:
    """Return the quoted segments and reported statements of a document in article order;
    `ranker` names the speakers the cue rules leave unknown, when it is sure. Guillemets and
    no-break spaces are read as the marks the rules know (typography.py), quotes as written."""
    text = plain_marks(document.text)
    paragraphs = document.story_paragraphs()
    spans = find_spans(text, paragraphs)
    masked = text if len(paragraphs) == len(document.paragraphs) else "".join(
        " " * (p.end - p.start) if p.furniture else text[p.start : p.end]  # captions and page
        for p in with_gaps(document)  # chrome name no one in the story; else it is all story
    )
    cast = build_cast(
        masked,
        tuple((span.open_at, span.after_at) for span in spans),
        tuple(sentence.start for _, sentence in document.sentences()),
    )
    state = _State()
    events: list[tuple[int, Span | tuple[Paragraph, int, int]]] = [(s.open_at, s) for s in spans]
    events += [(sentence[1], sentence) for sentence in plain_sentences(document, spans, text)]
    events.sort(key=lambda event: event[0])
    quotes: list[Quote] = []
    span_index = {id(span): index for index, span in enumerate(spans)}
    for _, event in events:
        if isinstance(event, Span):
            index = span_index[id(event)]
            quote = _attribute(text, paragraphs, spans, index, cast, state, ranker)
        else:
            quote = _report(text, paragraphs, event, cast, state)
        if quote is not None:
            quotes.append(quote)
    return _renumber(quotes, document.text)


@dataclass(slots=True)
class _State:
    """What attribution remembers while it walks the article: the last quote and its speaker."""

    last: Quote | None = None
    person: Person | None = None
    linked: bool = False  # the next span continues the current statement (split or run-on quote)
    statement: int = -1


def _attribute(
    text: str,
    paragraphs: list[Paragraph],
    spans: list[Span],
    index: int,
    cast: Cast,
    state: _State,
    ranker: Ranker,
) -> Quote | None:
    span = spans[index]
    last = state.last if state.last is not None and state.last.is_direct else None
    # A quote resumed after a photo caption run into the text (marks.py cut the part before at
    # the caption): the caption's words introduce nothing, so nothing is read from them.
    resumed = bool(index) and spans[index - 1].runs_on and bool(
        text[spans[index - 1].after_at : span.open_at].strip()
    )
    before_start = span.open_at if resumed else clause_start(
        text, span, spans[index - 1] if index else None
    )
    after_end = spans[index + 1].open_at if index + 1 < len(spans) else len(text)
    after_end = min(after_end, span.paragraph.end)
    horizon = previous_start(paragraphs, span.paragraph)
    recent = state.person if state.last is not None and state.last.start >= horizon else None
    labelled = starts_with_label(text, span)  # a transcript turn names its own speaker
    kind = _kind(text, before_start, span)
    # A fragment that ends its sentence inside the marks ("… called it “arbitrary.” Hendler
    # warned …"), or a quote so ended that a colon introduced ("Adams said: “….” But Straw
    # insisted …"): what follows is the next sentence, whose subject says something else.
    closed = text[span.start : span.end].rstrip().endswith((".", "!", "?")) and (
        kind is QuoteKind.PARTIAL or text[before_start : span.open_at].rstrip().endswith(":")
    )
    if labelled:
        who = transcript_label(text, span, cast)
    else:
        who = (
            quoted_as_saying(text, span)
            or cue_after(text, span, after_end, closed=closed)
            or passive_agent(text, span)
            or cue_before(text, before_start, span.open_at)
            or headline_cue(text, before_start, span.open_at)
        )
        if who is not None and who.shared and not known(cast, who.mention):
            who = None  # a subject read past the cue's own verb: only someone the article named
        if who is not None and document_source(who):
            # `Roe said … and called them “useless,” according to an extract of the article`:
            # the document carries the words; the sentence names the one who said them
            before = cue_before(text, clause_start(text, span, None), span.open_at)
            who = before if before is not None and known(cast, before.mention) else who
    linked = state.linked and not labelled
    if who is None and not labelled:  # a credit closing it: "… daughter.\nMo Roe, economist.”"
        at = index_of(paragraphs, span.paragraph)
        who = (
            credit_line(text, span, paragraphs[at + 1 : at + 3])
            or line_credit(text, span)
            or cue_past_nested(text, span)
        )
    lead = text[before_start : span.open_at].rstrip()
    if who is None and lead.endswith(":") and not labelled:
        # "Kasich resisted: “…”": the sentence that introduces the quote names its speaker,
        # before any previous speaker's continuation, if it is someone the article named.
        who = sentence_subject(text, before_start, span.open_at, 0)
        if who is not None and not known(cast, who.mention):
            who = None
    previous = state.last
    # `“…,” said one of the organizers.`, `“…,” mall officials said`: the quote names its own
    # speaker, if vaguely. Read only where no cue was found: every test of `own_cue` asks that first.
    own_cue = who is None and (AFTER_CUE.match(text[span.after_at : after_end]) is not None or (
        text[span.start : span.end].rstrip().endswith(",")  # not "…." Once the courts decided
        and plural_subject(text, span.after_at, after_end)))
    sentence_opens = not index or before_start != spans[index - 1].after_at  # not mid-sentence
    # After a fragment of this sentence dropped as a scare quote (`aides were "disingenuous"
    # because they knew Sanders "already had …"`), the sentence frames from its start.
    dropped = not sentence_opens and (state.last is None or state.last.start != spans[index - 1].start)
    frame_start = clause_start(text, span, None) if dropped else before_start
    plural = False
    if who is None and kind is QuoteKind.PARTIAL and (sentence_opens or dropped):
        # A fragment inside a sentence with a subject of its own ("His campaign protested that
        # aides were “disingenuous”") is that subject's, never the previous speaker's.
        subject = fragment_subject(text, frame_start, span.open_at)
        if subject is not None and subject.mention.lower() not in PRONOUNS:
            own_cue = True
        elif subject is None:
            # "Scott's family has called for “transparency”": not the last speaker's, unless
            # the owner is that speaker ("Ryan's language makes clear … “respect”"); "judges
            # decided …": theirs, no one person's (plural_subjects.py).
            owner = owned_subject(text, frame_start, span.open_at)
            parsed = parse_name(owner) if owner else None
            plural = plural_subject(text, frame_start, span.open_at)
            own_cue = own_cue or plural or (
                parsed is not None and cast.lookup(parsed.name) is not state.person
            )
    # A quote with no cue continues the last statement's speaker, quoted or reported ("Greene
    # added that the Fed … “They don't like to talk about it.”"), in its paragraph or the next.
    if who is None and previous is not None and previous.speaker and not (labelled or own_cue):
        gap = text[previous.end + 1 : span.open_at]
        same_paragraph = previous.start >= span.paragraph.start
        opens_paragraph = span.open_at == span.paragraph.start
        # run-on copy: a sentence between in which someone else frames speech starts theirs
        other = framing_subject(text, last_sentence_end(text, previous.end, span.open_at),
                                span.open_at) if same_paragraph and has_content(gap) and (
                                    not resumed) else None
        if other is not None and known(cast, other.mention) and (
            cast.lookup(other.mention) not in (None, state.person)
        ):
            who = other
        elif same_paragraph or (opens_paragraph and previous.start >= horizon) or (
            opens_paragraph and _carried_over(paragraphs, span, previous, cast, state.person)
        ):
            linked = linked or (same_paragraph and last is not None and not has_content(gap))
            carried = None if is_described(previous.speaker) else state.person
            who = Who(carried, previous.mention or "", -1, -1, "")
    if who is None:
        who = colon_intro(text, paragraphs, span)
    if who is None and not (labelled or resumed):
        who = narrative_intro(text, paragraphs, span, before_start, cast, state.last)
    if who is None and (kind is QuoteKind.PARTIAL or lead.endswith(":")):
        # No cue: the sentence's subject frames the fragment ("Trump vowed to end the
        # "rigged system""), but only a person the article has already named.
        who = fragment_subject(text, frame_start, span.open_at)
        if who is not None and not known(cast, who.mention):
            who = None
    carried_on = carried_description(cast, who, (state.last, state.person), horizon)  # "A … said … She said"
    person, name, role = (None, carried_on, None) if carried_on else resolve(cast, who, recent, horizon)
    # "…," said a Nevada Democrat: someone the article describes and never names; a fragment
    # carries it on only joined to its fragment ("described her as “fun-loving” and “a bit wild”")
    whole = kind is QuoteKind.DIRECT or (previous is not None and text[previous.end : span.open_at].strip(
        " ,\"“”'‘’") in ("", "and", "or", "but", "that"))
    said_by = None if name else described_speaker(text, who, whole)
    if is_title(text, span) or is_name(text, span) or (
        name is None and not said_by and is_scare(text, span, kind) and not (who and who.cue)
    ):
        state.linked = False
        return None
    # No speaker and no unnamed one of its own ("a spokesman said"): the learned ranker may
    # name one of the people mentioned around the quote (index/quotes/people/speaker_ranker.py).
    pronoun = who.mention.lower() if who and who.mention.lower() in PRONOUNS else None
    described = description_at_cue(who)
    paragraph = index_of(paragraphs, span.paragraph)
    site = site_of(
        text, (paragraphs[max(0, paragraph - 2)].start, horizon, span.paragraph.start),
        (span.open_at, span.after_at, span.paragraph.end), kind is QuoteKind.PARTIAL, pronoun,
        (state.person, state.last.start if state.last is not None else -1), described,
    )
    ranked = ranker.speaker(site, cast, name is None and not (resumed or plural) and (
        who is None or pronoun is not None or described is not None
    ))
    if ranked is not None:
        who, person, name, role = None, ranked, ranked.name, ranked.role
    elif said_by:  # the ranker, when sure, names whom "the official" is; else the article's words
        name = said_by
    if not linked:
        state.statement += 1
    quote = Quote(
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        kind=kind,
        statement=state.statement,
        speaker=name,
        role=role,
        mention=who.mention if who and name else None,
        mention_start=who.start if who and name and who.start >= 0 else None,
        mention_end=who.end if who and name and who.start >= 0 else None,
        cue=(who.cue or None) if who else None,
    )
    state.last = quote
    if name and not is_described(name):  # a described speaker is no person for "he" to mean
        state.person = person
    state.linked = span.runs_on or _splits(text, span, after_end)
    return quote


def _carried_over(
    paragraphs: list[Paragraph], span: Span, previous: Quote, cast: Cast, person: Person | None
) -> bool:
    """Whether a quote paragraph with no cue goes on with the direct quote two paragraphs back:
    the paragraph between is narrative ("She pauses.") that names no one else."""
    index = index_of(paragraphs, span.paragraph)
    return (
        person is not None
        and previous.is_direct
        and index >= 2
        and previous.start >= paragraphs[index - 2].start
        and not cast.mentions_other(person, previous.end, span.open_at, bodies=False)
    )


def _kind(text: str, clause_start: int, span: Span) -> QuoteKind:
    """Direct when the quote stands as its own sentence or after a cue; partial when embedded."""
    lead = text[clause_start : span.open_at].rstrip()
    # The capital first: the search is dearer, and most fragments open in lower case.
    if not lead or lead[-1] in ":,—–-(" or (text[span.start].isupper() and CUES.search(lead[-40:])):
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def _splits(text: str, span: Span, end: int) -> bool:
    """Whether the cue after this quote is followed by another segment of the same statement."""
    tail = text[span.after_at : end].rstrip()
    return bool(tail) and tail[-1] in ",:" and len(tail) < 200 and not SENTENCE_END.search(tail)


def description_at_cue(who: Who | None) -> str | None:
    """Return the definite description the cue names ("the fighter ace said"), unresolved
    until the ranker weighs it; None for a name, a pronoun, or no words at all (a quote that
    continues a speaker the article named without a mention carries an empty one)."""
    first = who.mention.split()[:1] if who is not None else []
    return who.mention if who is not None and first in (["the"], ["The"]) else None


def _renumber(quotes: list[Quote], original: str) -> tuple[Quote, ...]:
    """Renumber statements 0, 1, 2… in article order, keeping split segments together; each
    quote's text is read from the original (not the plain_marks) text."""
    numbers: dict[int, int] = {}
    renumbered = []
    for quote in quotes:
        statement = numbers.setdefault(quote.statement, len(numbers))
        text = original[quote.start : quote.end]
        if statement == quote.statement and text == quote.text:
            renumbered.append(quote)  # most quotes, kept: a frozen Quote costs to build
            continue
        # Built anew in Quote's field order: `dataclasses.replace` reads the fields again.
        renumbered.append(Quote(text, quote.start, quote.end, quote.kind, statement, quote.speaker,
                                quote.role, quote.mention, quote.mention_start, quote.mention_end,
                                quote.cue))  # fmt: skip
    return tuple(renumbered)


def _report(
    text: str,
    paragraphs: list[Paragraph],
    sentence: tuple[Paragraph, int, int],
    cast: Cast,
    state: _State,
) -> Quote | None:
    """Find reported speech in a sentence with no quote; it opens a statement of its own."""
    horizon = previous_start(paragraphs, sentence[0])
    recent = state.person if state.last is not None and state.last.start >= horizon else None
    found = reported_speech(text, sentence, cast, recent, horizon, state.statement + 1)
    if found is None:
        return None
    quote, person = found
    state.statement = quote.statement
    state.person, state.linked, state.last = person, False, quote
    return quote
