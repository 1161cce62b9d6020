"""Find quotes and reported speech in an article and name who said them.

Three steps. Marks: every quote mark is read as an opener or a closer from what stands beside it
(so straight, curly, mixed and British single marks pair the same way, apostrophes stay
apostrophes, and an unclosed quote paragraph continues into the next). Cues: the words around each
quote are matched against a table of speech cues ("Beck said", "said Beck", "he explained",
"according to the AP", `Beck said: "…"`, `called it "…"`). Speakers: the mention at the cue is
resolved by the document's `Cast` (names, pronouns, descriptions); a quote without a cue takes the
speaker of the quote it continues, else stays unknown.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from index.cues import (
    ADVERBS,
    ELISIONS,
    FRAMING_VERBS,
    PERSON_NOUNS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    TITLES,
)
from index.models import Document, Paragraph, Quote, QuoteKind, Speaker
from index.speakers import NAME, Cast, Person, parse_name

DOUBLE = '"“”„'
SINGLE = "'‘’"
_LEFT_OPEN = "([{—–-/:;"
# Doubled single marks ('' ‘‘ ’’ ``) are double quotes in older wire copy.
# Real articles have a few hundred marks; past this many the input is not prose and the rest
# of it is left unpaired rather than spending seconds on it.
_MAX_MARKS = 20_000
_MARKS = re.compile(r"''|‘‘|’’|``|[\"“”„]|['‘’]")
_RIGHT_CLOSE = ".,;:!?)]}—–-…"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


CUE = rf"\b(?:{_alternation(SPEECH_VERBS)})\b"
FRAME = rf"\b(?:{_alternation(FRAMING_VERBS)})\b"
_ADV = rf"(?:(?:{_alternation(ADVERBS)})\s+){{0,2}}"
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)\b"
_DET = r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]nother)"
_STOP = (
    r"(?:after|before|when|while|that|which|who|and|or|but|to|in|on|at|with|from|by|than|as|if"
    r"|because|since|is|was|are|were|has|have|had|said|says|told)\b"
)
DESCRIPTION = rf"{_DET}\s+(?:(?!{_STOP})[\w'’.\-]+\s+){{0,4}}?(?!{_STOP})[a-z][\w'’\-]*"
_ROLE_WORDS = (
    rf"(?:(?:{_alternation(frozenset(w for w in TITLES | PERSON_NOUNS if w.isalpha()))})\s+){{0,3}}"
)
MENTION = rf"(?P<m>{PRONOUN}|{DESCRIPTION}|{NAME})"
_APPOSITIVE = r"(?P<app>,\s+[^,\"“”]{1,150}?,)?"
# Cue right after a closing mark: `," Beck said`, `," said Beck`, `," according to the AP`.
_AFTER_SUBJECT = re.compile(rf"^[\s,;—–-]*{MENTION}{_APPOSITIVE}\s+{_ADV}(?P<cue>{CUE})")
_SOURCE = re.compile(
    rf"(?P<cue>\b[Aa]ccording to)\s+(?P<m>{_DET}\s+(?:{NAME}|[\w\-]+(?:\s+[\w\-]+)?)|{NAME})"
)
# Cue before an opening mark, matched backwards from the cue verb.
_ENDINGS = (
    re.compile(rf"(?P<m>{PRONOUN})$"),
    re.compile(rf"(?P<m>(?:\b[Tt]he\s+)?{NAME})$"),
    re.compile(rf"(?P<m>{DESCRIPTION})$"),
)
_ADV_TAIL = re.compile(rf"\s+(?:(?:{_alternation(ADVERBS)}|is|was|has|had|have)\s+)*$")
_AFTER_CUE = re.compile(rf"^[\s,;—–-]*(?P<cue>{CUE})")
# The noun phrase after a verb runs to punctuation or a preposition.
_PHRASE = re.compile(
    r"\s+(?P<np>(?:(?!(?:in|on|at|of|to|for|during|after|before|who|which|that|when|while|as"
    r"|about|from|with|and|but|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[\w'’.\-]+\s*?){1,8})(?P<stop>\s*(?:[,.;:!?()—–\"“”]|$|\s(?=[a-z])))"
)
_NAME_RUN = re.compile(NAME)
_TRAILING_CUE = re.compile(
    rf",\s+{MENTION}\s+{_ADV}(?P<cue>{CUE})[^,.;\"“”]{{0,60}},\s*$"
)
_OPENING_SUBJECT = re.compile(
    rf"\s*(?:(?:But|And|So|Yet|Still|Then|Now)\s+)?(?:{NAME}\s+(?={_ROLE_WORDS}[A-Z]))?"
    rf"(?:{_ROLE_WORDS})?{MENTION}{_APPOSITIVE}\s+{_ADV}"
    rf"(?!(?:of|and|or|to|in|on|at|for|with)\b)[a-z]"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+(?=[\"“‘'A-Z])")
_CUES = re.compile(CUE)
_REPORT_VERBS = rf"\b(?:{_alternation(REPORTING_VERBS)})\b"
_REPORTS = re.compile(_REPORT_VERBS)
# What may follow a reporting verb before the reported clause: "told the Times that", "said Tuesday".
_REPORT_OPENING = re.compile(
    r"(?:\s+(?:the|a|an|his|her|their|reporters|[A-Z][\w.'’\-]*)\b[\w\s'’.\-]{0,40}?\s+that"
    r"|(?:\s+(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|week|night|morning|yesterday|today))?\s+that"
    r"|\s+(?=(?:he|she|they|it|we|I|there)\b))\s*"
)
_CLAUSE_FIRST = re.compile(rf",\s+{MENTION}\s+{_ADV}(?P<cue>{CUE})(?:\s+[\w'’\-]+){{0,4}}\s*[.!]?$")
_FRAMES = re.compile(FRAME)


@dataclass(slots=True)
class _Span:
    """A paired quote: the text between the marks and where the marks stand."""

    start: int
    end: int
    open_at: int
    after_at: int  # just past the closing mark, or the paragraph end when the quote runs on
    paragraph: Paragraph
    runs_on: bool = False  # unclosed at the paragraph end, reopened in the next


@dataclass(slots=True)
class _Who:
    person: Person | None
    mention: str
    start: int
    end: int
    cue: str
    appositive: str | None = None  # "a spokesman for the campaign": a role hint


def extract_quotes(document: Document) -> tuple[Quote, ...]:
    """Return the quoted segments and reported statements of a document in article order."""
    text = document.text
    paragraphs = [p for p in document.paragraphs if not p.furniture]
    spans = find_spans(text, paragraphs)
    masked = "".join(  # captions and page chrome name no one in the story
        " " * (p.end - p.start) if p.furniture else text[p.start : p.end]
        for p in _with_gaps(document)
    )
    cast = Cast(
        masked,
        tuple((span.open_at, span.after_at) for span in spans),
        tuple(sentence.start for _, sentence in document.sentences()),
    )
    state = _State()
    events: list[tuple[int, _Span | tuple[Paragraph, int, int]]] = [(s.open_at, s) for s in spans]
    events += [(sentence[1], sentence) for sentence in _plain_sentences(document, spans)]
    events.sort(key=lambda event: event[0])
    quotes: list[Quote] = []
    span_index = {id(span): index for index, span in enumerate(spans)}
    for _, event in events:
        if isinstance(event, _Span):
            index = span_index[id(event)]
            quote = _attribute(text, paragraphs, spans, index, cast, state)
        else:
            quote = _reported(text, paragraphs, event, cast, state)
        if quote is not None:
            quotes.append(quote)
    return _renumber(quotes)


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
    spans: list[_Span],
    index: int,
    cast: Cast,
    state: _State,
) -> Quote | None:
    span = spans[index]
    last = state.last if state.last is not None and state.last.is_direct else None
    before_start = _clause_start(text, span, spans[index - 1] if index else None)
    after_end = spans[index + 1].open_at if index + 1 < len(spans) else len(text)
    after_end = min(after_end, span.paragraph.end)
    horizon = _previous_start(paragraphs, span.paragraph)
    recent = state.person if state.last is not None and state.last.start >= horizon else None
    who = _cue_after(text, span, after_end) or _cue_before(text, before_start, span.open_at)
    linked = state.linked
    if who is None and last is not None and last.speaker:
        gap = text[last.end + 1 : span.open_at]
        same_paragraph = last.start >= span.paragraph.start
        if same_paragraph or (span.open_at == span.paragraph.start and last.start >= horizon):
            linked = linked or (same_paragraph and not _has_content(gap))
            who = _Who(state.person, last.mention or "", -1, -1, "")
    if who is None:
        who = _colon_intro(text, paragraphs, span)
    kind = _kind(text, before_start, span)
    lead = text[before_start : span.open_at].rstrip()
    if who is None and (kind is QuoteKind.PARTIAL or lead.endswith(":")):
        # No cue: the sentence's subject frames the fragment ("Trump vowed to end the
        # "rigged system""), but only a person the article has already named.
        who = _sentence_subject(text, before_start, span.open_at, 0)
        if who is not None and not _known(cast, who.mention):
            who = None
    person, name, role = _resolve(cast, who, recent, horizon)
    if name is None and _is_scare(text, span, kind):
        state.linked = False
        return None
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
    if name:
        state.person = person
    state.linked = span.runs_on or _splits(text, span, after_end)
    return quote


def find_spans(text: str, paragraphs: list[Paragraph]) -> list[_Span]:
    """Pair quote marks paragraph by paragraph; an unclosed quote runs on if the next reopens."""
    single_style = _single_style(text, paragraphs)
    spans: list[_Span] = []
    budget = _MAX_MARKS
    for number, paragraph in enumerate(paragraphs):
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        stack: list[tuple[int, int, str]] = []  # open marks: (start, end, family)
        for mark in _MARKS.finditer(text, paragraph.start, paragraph.end):
            budget -= 1
            if budget < 0:
                break
            at, after = mark.span()
            family = SINGLE if after - at == 1 and text[at] in SINGLE else DOUBLE
            if family is SINGLE and not single_style:
                continue
            if stack and stack[-1][2] is not family:
                continue  # nested marks of the other family belong to the quote
            role = _mark_role(text, at, after, paragraph, family, bool(stack))
            if (role == "open" and not stack) or (role == "open" and _nests(text, stack[-1][0], at)):
                stack.append((at, after, family))
            elif role == "open" and at - stack[-1][1] < 4 and not text[stack[-1][1] : at].strip():
                stack[-1] = (at, after, family)
            elif role == "close" and stack:
                while len(stack) > 1 and not _closes(text, stack[-1][0], at):
                    stack.pop()  # a straight closer ends the straight quote around a curly one
                opened = stack.pop()
                if at > opened[1]:
                    spans.append(_Span(opened[1], at, opened[0], after, paragraph))
        if stack:
            opened = stack[0]
            reopens = following is not None and _MARKS.match(text, following.start)
            runs_on = bool(reopens) and reopens.group(0)[0] in opened[2]
            if runs_on or opened[0] == paragraph.start:
                end = paragraph.end
                while end > opened[1] and text[end - 1] in opened[2]:
                    end -= 1
                if end > opened[1]:
                    spans.append(_Span(opened[1], end, opened[0], end, paragraph, runs_on))
    spans.sort(key=lambda span: span.open_at)
    return spans


def _nests(text: str, outer: int, inner: int) -> bool:
    """A quote opens inside another only when their glyphs differ ("… “…” …")."""
    return (text[outer] in "\"'") != (text[inner] in "\"'")


def _closes(text: str, opener: int, closer: int) -> bool:
    return (text[opener] in "\"'") == (text[closer] in "\"'")


def _single_style(text: str, paragraphs: list[Paragraph]) -> bool:
    """Whether the article quotes with single marks (British style) rather than double.

    Only single marks that open outside a double quote count: nested ‘…’ inside “…” is the
    American style.
    """
    doubles = singles = 0
    budget = _MAX_MARKS
    for paragraph in paragraphs:
        inside_double = False
        for mark in _MARKS.finditer(text, paragraph.start, paragraph.end):
            budget -= 1
            if budget < 0:
                break
            at, after = mark.span()
            if after - at == 1 and text[at] in SINGLE:
                if not inside_double:
                    singles += _mark_role(text, at, after, paragraph, SINGLE, False) == "open"
            else:
                role = _mark_role(text, at, after, paragraph, DOUBLE, inside_double)
                doubles += role == "open"
                inside_double = role == "open"
    return singles >= doubles and singles > 0


def _mark_role(
    text: str, at: int, after: int, paragraph: Paragraph, family: str, is_open: bool
) -> str:
    """Read one mark as "open", "close" or "none" (an apostrophe) from what stands beside it."""
    char = text[at]
    left = text[at - 1] if at > paragraph.start else " "
    right = text[after] if after < paragraph.end else " "
    opens = (left.isspace() or left in _LEFT_OPEN or left in DOUBLE + SINGLE) and not (
        right.isspace()
    )
    closes = not left.isspace() and (
        right.isspace() or right in _RIGHT_CLOSE or right in DOUBLE + SINGLE
    )
    if family is SINGLE:
        if left.isalnum() and right.isalnum():
            return "none"  # don't, O'Brien
        if opens and not closes:
            word = re.match(r"\w+", text[after : after + 8])
            if word and (word.group(0).lower() in ELISIONS or word.group(0)[:2].isdigit()):
                return "none"  # 'Cos, rock 'n' roll, the '90s
            return "open"
        if closes and not opens:
            if text[at - 2 : at] in ("'n", "’n") or not is_open:
                return "none"
            if left in "sS" and right == " ":
                word = re.match(r" ([a-z]+)", text[after : after + 20])
                if word and not _CUES.fullmatch(word.group(1)) and word.group(1) not in _PRONOUNS:
                    return "none"  # the bankers' bonus
            return "close"
        if not is_open and left in ".!?" and (right.isupper() or right.isdigit()):
            return "open"  # paragraphs run together: `…he said.'Next quote…`
        return "close" if is_open and char != "‘" else ("open" if char == "‘" else "none")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if char in "“`" and not is_open:
        return "open"
    return "close" if is_open else "open"


_PRONOUNS = frozenset("he she they it we i".split())


def _clause_start(text: str, span: _Span, previous: _Span | None) -> int:
    """Where the sentence holding the opening mark starts (not before the previous quote)."""
    floor = span.paragraph.start
    if previous is not None and previous.paragraph is span.paragraph:
        floor = max(floor, previous.after_at)
    window_start = max(floor, span.open_at - 400)
    start = window_start
    for match in _SENTENCE_END.finditer(text, window_start, span.open_at + 1):
        start = match.end()
    return start


def _cue_after(text: str, span: _Span, end: int) -> _Who | None:
    after = text[span.after_at : min(end, span.after_at + 260)]
    if not after or after[0].isalnum():
        return None
    offset = span.after_at
    match = _AFTER_SUBJECT.match(after)
    if match:
        return _who(match, offset)
    cue = _CUES.search(after, 0, 160)
    if cue is not None and not _SENTENCE_END.search(after, 0, cue.start()):
        # `," Republican pollster Bill McInturff, part of the team, told NBC.`
        who = _subject_before(after, cue.start(), offset)
        prefix = after[: who.start - offset].strip(" ,;—–-") if who is not None else ""
        if who is not None and len(prefix.split()) <= 5 and not any(c in prefix for c in ",;"):
            who.cue = cue.group(0)
            return who
    verb = _AFTER_CUE.match(after)
    if verb:
        who = _phrase_after(after, verb.end(), offset)
        if who is not None:
            who.cue = verb.group("cue")
            return who
    match = _SOURCE.match(after.lstrip(" ,;—–-"))
    if match:
        return _who(match, offset + len(after) - len(after.lstrip(" ,;—–-")))
    match = _TRAILING_CUE.search(after)  # `… interaction” with police, Beck told the Times, “…`
    return _who(match, offset) if match else None


def _cue_before(text: str, start: int, end: int) -> _Who | None:
    """The speech cue nearest before the opening mark in its sentence."""
    clause = text[max(start, end - 300) : end]
    offset = end - len(clause)
    sources = list(_SOURCE.finditer(clause))
    source = sources[-1] if sources else None
    cues = list(_FRAMES.finditer(clause))
    for cue in reversed(cues):
        if source is not None and source.start() > cue.start():
            break
        if not cue.group(0).endswith("ing"):
            who = _subject_before(clause, cue.start(), offset)
            if who is not None:
                who.cue = cue.group(0)
                return who
        if cue.group(0).endswith("ing"):
            who = _sentence_subject(clause, 0, cue.start(), offset)
        else:
            who = _phrase_after(clause, cue.end(), offset, need_colon=True)
        if who is not None:
            who.cue = cue.group(0)
            return who
    if source is not None:
        return _who(source, offset)
    return None


def _subject_before(text: str, end: int, offset: int) -> _Who | None:
    """The subject ending right before a cue verb: a pronoun, a name or a description.

    An appositive between them is skipped ("Beck, who has led the force since 2009, said").
    """
    lo = max(0, end - 220)
    tail = _ADV_TAIL.search(text, lo, end)
    end = tail.start() if tail else end
    appositive = None
    for _ in range(3):
        for pattern in _ENDINGS:
            match = pattern.search(text, max(lo, end - 120), end)
            if match:
                who = _who(match, offset)
                if appositive is not None:
                    who.appositive = appositive
                return who
        stripped = text[lo:end].rstrip()
        if not stripped or stripped[-1] not in ",—–":
            return None
        separator = max(
            text.rfind(", ", lo, end - 2),
            text.rfind(" —", lo, end - 2),
            text.rfind(" –", lo, end - 2),
        )
        if separator < 0 or end - separator > 160:
            return None
        appositive = text[separator:end].strip(" ,—–")
        last = appositive.split()[-1].lower() if appositive.split() else ""
        if appositive[:1].isupper() and last not in PERSON_NOUNS and last not in TITLES:
            return None  # "…, Trump went after Bush, calling": a clause, not an appositive
        end = separator
    return None


def _phrase_after(text: str, start: int, offset: int, need_colon: bool = False) -> _Who | None:
    """The noun phrase after a verb ("said Republican pollster Daron Shaw, who…")."""
    chunk = _PHRASE.match(text, start)
    if chunk is None or (need_colon and not chunk.group("stop").startswith((":", ","))):
        return None
    phrase = chunk.group("np")
    at = offset + chunk.start("np")
    words = phrase.split()
    if words and words[0].lower() in _PRONOUNS and len(words) == 1:
        return _Who(None, phrase, at, at + len(phrase), "")
    if words and words[0].lower() in ("the", "a", "an") and (
        len(words) > 1 and not words[-1][:1].isupper()
    ):
        return _Who(None, phrase, at, at + len(phrase), "")
    names = list(_NAME_RUN.finditer(phrase))
    if not names:
        return None
    name = names[-1]
    if words and words[0] in ("the", "The") and name.start() == 4:
        return _Who(None, phrase, at, at + len(phrase), "")
    role = phrase[: name.start()].strip() or None
    return _Who(None, name.group(0), at + name.start(), at + name.end(), "", role)


def _sentence_subject(text: str, start: int, end: int, offset: int) -> _Who | None:
    """The subject that opens a sentence, after any leading adverbial ("On Sunday, Trump …")."""
    position = start
    for _ in range(3):
        match = _OPENING_SUBJECT.match(text, position, end)
        if match:
            return _who(match, offset)
        comma = text.find(", ", position, end)
        if comma < 0:
            return None
        position = comma + 2
    return None


def _who(match: re.Match[str], offset: int) -> _Who:
    mention = match.group("m")
    groups = match.groupdict()
    who = _Who(
        None, mention, offset + match.start("m"), offset + match.end("m"), groups.get("cue") or ""
    )
    if groups.get("app"):
        who.appositive = groups["app"].strip(" ,")  # kept as a role hint
    return who


def _colon_intro(text: str, paragraphs: list[Paragraph], span: _Span) -> _Who | None:
    """`Dr. Ward stated:` ending the paragraph before a quote paragraph names its speaker."""
    if span.open_at != span.paragraph.start:
        return None
    index = _index_of(paragraphs, span.paragraph)
    if index == 0:
        return None
    previous = paragraphs[index - 1]
    if text[previous.end - 1] != ":":
        return None
    return _cue_before(text, previous.start, previous.end - 1)


def _resolve(
    cast: Cast, who: _Who | None, recent: Person | None, horizon: int
) -> tuple[Person | None, str | None, str | None]:
    if who is None:
        return None, None, None
    if who.person is not None:
        return who.person, who.person.name, who.person.role
    return _resolve_mention(cast, who.mention, who.start, recent, horizon, who.appositive)


def _resolve_mention(
    cast: Cast,
    mention: str,
    position: int,
    recent: Person | None,
    horizon: int,
    appositive: str | None = None,
) -> tuple[Person | None, str | None, str | None]:
    """Turn the words at a cue into (person, canonical name, role)."""
    words = mention.split()
    first = words[0].lower()
    if len(words) == 1 and first in _PRONOUNS:
        person = cast.resolve_pronoun(first, position, recent, horizon)
        if person is not None:
            cast.set_gender(person, first)
            cast.mentioned(person, position, subject=True)
        return person, person.name if person else None, person.role if person else None
    if first in ("the", "a", "an", "his", "her", "their", "its", "another"):
        if len(words) == 1:
            return None, None, None
        if words[-1][:1].isupper():
            name = " ".join(words[1:]).rstrip(".") if first == "the" else None
            return None, name, None
        person = cast.resolve_description(mention, position, recent)
        if person is not None:
            cast.mentioned(person, position, subject=True)
        return person, person.name if person else None, person.role if person else None
    parsed = parse_name(mention, position)
    if parsed is None:
        return None, None, None
    person = cast.name_person(parsed)
    if appositive and len(appositive) < 80 and (
        re.match(r"(?:a|an|the)\s", appositive) or len(appositive.split()) <= 4
    ):
        cast.add_role(person, appositive)
    return person, person.name, parsed.role or person.role


def _known(cast: Cast, mention: str) -> bool:
    words = mention.split()
    if words[0].lower() in _PRONOUNS:
        return True
    if words[0].lower() in ("the", "a", "an", "his", "her"):
        return words[-1].lower() in PERSON_NOUNS
    parsed = parse_name(mention)
    return parsed is not None and cast.lookup(parsed.name) is not None


def _kind(text: str, clause_start: int, span: _Span) -> QuoteKind:
    """Direct when the quote stands as its own sentence or after a cue; partial when embedded."""
    lead = text[clause_start : span.open_at].rstrip()
    if not lead or lead[-1] in ":,—–-(" or (_CUES.search(lead[-40:]) and text[span.start].isupper()):
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def _is_scare(text: str, span: _Span, kind: QuoteKind) -> bool:
    """Short quoted phrases with no speaker: scare quotes, titles, slogans."""
    words = text[span.start : span.end].split()
    if kind is QuoteKind.PARTIAL:
        return len(words) <= 4
    return len(words) <= 3 and all(word[:1].isupper() for word in words)


def _has_content(gap: str) -> bool:
    """Whether prose other than the cue stands between two quotes (a new sentence of narrative)."""
    stripped = gap.strip(" ,.;:\"“”'’")
    if not stripped:
        return False
    return (
        (len(_SENTENCE_END.findall(gap)) > 0
        and not gap.rstrip().endswith((".", ",")))
        or (len(stripped.split()) > 8)
    )


def _splits(text: str, span: _Span, end: int) -> bool:
    """Whether the cue after this quote is followed by another segment of the same statement."""
    tail = text[span.after_at : end].rstrip()
    return bool(tail) and tail[-1] in ",:" and len(tail) < 200 and not _SENTENCE_END.search(tail)


def _index_of(paragraphs: list[Paragraph], paragraph: Paragraph) -> int:
    return bisect.bisect_left(paragraphs, paragraph.start, key=lambda p: p.start)


def _previous_start(paragraphs: list[Paragraph], paragraph: Paragraph) -> int:
    index = _index_of(paragraphs, paragraph)
    return paragraphs[index - 1].start if index else paragraph.start


def _with_gaps(document: Document) -> list[Paragraph]:
    """The paragraphs plus the text between them as plain pieces, covering the whole text."""
    pieces: list[Paragraph] = []
    position = 0
    for paragraph in document.paragraphs:
        if paragraph.start > position:
            pieces.append(Paragraph(-1, position, paragraph.start, ()))
        pieces.append(paragraph)
        position = paragraph.end
    if position < len(document.text):
        pieces.append(Paragraph(-1, position, len(document.text), ()))
    return pieces


def _renumber(quotes: list[Quote]) -> tuple[Quote, ...]:
    """Number statements 0, 1, 2… in article order, keeping split segments together."""
    numbers: dict[int, int] = {}
    return tuple(
        replace(quote, statement=numbers.setdefault(quote.statement, len(numbers)))
        for quote in quotes
    )


def _plain_sentences(document: Document, spans: list[_Span]) -> list[tuple[Paragraph, int, int]]:
    """Sentences with no quote in them: where reported speech can be."""
    starts = sorted(span.open_at for span in spans)
    found = []
    position = 0
    for paragraph, sentence in document.sentences():
        while position < len(starts) and starts[position] < sentence.start:
            position += 1
        if position < len(starts) and starts[position] < sentence.end:
            continue
        if any(span.start <= sentence.start < span.end for span in _near(spans, sentence.start)):
            continue
        found.append((paragraph, sentence.start, sentence.end))
    return found


def _near(spans: list[_Span], position: int) -> list[_Span]:
    return [span for span in spans if span.open_at <= position <= span.after_at]


def _reported(
    text: str,
    paragraphs: list[Paragraph],
    sentence: tuple[Paragraph, int, int],
    cast: Cast,
    state: _State,
) -> Quote | None:
    """Reported speech: `Beck said (that) he…`, `Beck told the Times that…`, `…, he said.`"""
    paragraph, start, end = sentence
    body = text[start:end]
    if len(body) > 1000:
        return None
    horizon = _previous_start(paragraphs, paragraph)
    recent = state.person if state.last is not None and state.last.start >= horizon else None
    clause = who = None
    tail = _CLAUSE_FIRST.search(body)
    if tail:
        who = _who(tail, start)
        clause = (start, start + tail.start())
    else:
        for cue in _REPORTS.finditer(body):
            opening = _REPORT_OPENING.match(body, cue.end())
            who = _subject_before(body, cue.start(), start) if opening else None
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
    person, name, role = _resolve(cast, who, recent, horizon)
    if name is None:
        return None
    pronoun = re.match(r"(he|she)\b", text[clause_start:clause_end])
    if pronoun and person is not None:
        cast.set_gender(person, pronoun.group(1))
    state.statement += 1
    state.person, state.linked = person, False
    quote = Quote(
        text=text[clause_start:clause_end],
        start=clause_start,
        end=clause_end,
        kind=QuoteKind.REPORTED,
        statement=state.statement,
        speaker=name,
        role=role,
        mention=who.mention,
        mention_start=who.start,
        mention_end=who.end,
        cue=who.cue or None,
    )
    state.last = quote
    return quote


def speaker_table(quotes: tuple[Quote, ...]) -> tuple[Speaker, ...]:
    """Count statements per named speaker, most quoted first, with roles and aliases."""
    statements: dict[str, set[tuple[bool, int]]] = {}
    roles: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    for quote in quotes:
        if not quote.speaker:
            continue
        statements.setdefault(quote.speaker, set()).add((quote.is_direct, quote.statement))
        if quote.role and quote.speaker not in roles:
            roles[quote.speaker] = quote.role
        names = aliases.setdefault(quote.speaker, set())
        if quote.mention and quote.mention[:1].isupper():
            parsed = parse_name(quote.mention)
            if parsed and parsed.name != quote.speaker and parsed.name.lower() not in _PRONOUNS:
                names.add(parsed.name)
    ranked = sorted(statements.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(
        Speaker(
            name=name,
            role=roles.get(name),
            aliases=tuple(sorted(aliases[name])),
            statements=len(counted),
        )
        for name, counted in ranked
    )
