"""Pair quote marks into quoted spans, paragraph by paragraph.

Every mark is read as an opener or a closer from what stands beside it, so straight, curly, mixed
and British single marks pair the same way, apostrophes stay apostrophes ("the bankers' bonus",
'Cos), and a quote paragraph left unclosed continues into the next when that one reopens. A
single mark its neighbours leave ambiguous (…us' culture, 'Cos) is read by the next single mark
they do settle: a closer must be followed by an opener, an opener answered by a closer.
Odd or unbalanced marks never raise: what can be paired is paired, the rest is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from index.models import Paragraph
from index.quotes.cues import ELISIONS, SPEECH_VERBS, SUBJECT_PRONOUNS
from index.quotes.sentence_ends import last_sentence_end

DOUBLE = '"“”„'
SINGLE = "'‘’"
_LEFT_OPEN = "([{—–-/:;"
# Doubled single marks ('' ‘‘ ’’ ``) are double quotes in older wire copy.
# Real articles have a few hundred marks; past this many the input is not prose and the rest
# of it is left unpaired rather than spending seconds on it.
_MAX_MARKS = 20_000
# How many marks ahead an ambiguous single mark looks for one that settles it (keeps the
# pairing linear on text full of apostrophes).
_LOOKAHEAD = 40
# Every alternative opens with a literal character, so the engine skips to the next of those
# characters in C instead of trying the pattern at every character (3x faster than a look-ahead).
_MARKS = re.compile(r"''|‘‘|’’|``|\"|“|”|„|'|‘|’")
_RIGHT_CLOSE = ".,;:!?)]}—–-…"
# What a mark may follow to open, or precede to close, quote marks included: joined once here,
# not at every mark (`_mark_role` tests one character against them).
_OPENS_AFTER = _LEFT_OPEN + DOUBLE + SINGLE
_CLOSES_BEFORE = _RIGHT_CLOSE + DOUBLE + SINGLE
_CAPTION_NOT_ENDING = ".,;:!?—–-…"
_SPOKEN = SPEECH_VERBS | SUBJECT_PRONOUNS  # joined once, not at every test
# Compiled once: `re.match` with a pattern string looks it up in re's cache at every mark.
_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r" ([a-z]+)")


@dataclass(slots=True)
class Span:
    """A paired quote: the text between the marks and where the marks stand."""

    start: int
    end: int
    open_at: int
    after_at: int  # just past the closing mark, or the paragraph end when the quote runs on
    paragraph: Paragraph
    runs_on: bool = False  # unclosed at the paragraph end, reopened in the next



def find_spans(text: str, paragraphs: list[Paragraph]) -> list[Span]:
    """Pair quote marks paragraph by paragraph; an unclosed quote runs on if the next reopens."""
    marks_of = _marks_of(text, paragraphs)
    single_style = _single_style(text, paragraphs, marks_of)
    spans: list[Span] = []
    for number, paragraph in enumerate(paragraphs):
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        stack: list[tuple[int, int, str]] = []  # open marks: (start, end, family)
        marks = marks_of[number]
        settled: dict[int, str] = {}  # the context-only role of each single mark, once read
        for number_of_mark, (at, after) in enumerate(marks):
            family = SINGLE if after - at == 1 and text[at] in SINGLE else DOUBLE
            if family is SINGLE and not single_style:
                continue
            if stack and stack[-1][2] is not family:
                continue  # nested marks of the other family belong to the quote
            role = _mark_role(text, at, after, paragraph, family, bool(stack))
            if role in ("open?", "close?"):
                role = _resolve(text, marks, number_of_mark, paragraph, role, settled)
            if (role == "open" and not stack) or (role == "open" and _nests(text, stack[-1][0], at)):
                stack.append((at, after, family))
            elif role == "open" and at - stack[-1][1] < 4 and not text[stack[-1][1] : at].strip():
                stack[-1] = (at, after, family)
            elif role == "open" and len(stack) == 1 and _reopens(text, stack[0][1], at):
                # A paragraph break lost between two quote paragraphs: the first never closes
                # (`… now. 'We did …`). It ends at its sentence and runs on into the next.
                end = stack[0][1] + len(text[stack[0][1] : at].rstrip())
                spans.append(Span(stack[0][1], end, stack[0][0], end, paragraph, True))
                stack[0] = (at, after, family)
            elif role == "open" and len(stack) == 1 and (cut := _caption_cut(text, stack[0][1], at)):
                # A quote paragraph, then a photo caption run into the text (no full stop), then
                # the next quote paragraph: the first part ends at its last sentence.
                spans.append(Span(stack[0][1], cut, stack[0][0], cut, paragraph, True))
                stack[0] = (at, after, family)
            elif role == "close" and stack:
                while len(stack) > 1 and not _closes(text, stack[-1][0], at):
                    stack.pop()  # a straight closer ends the straight quote around a curly one
                opened = stack.pop()
                if at > opened[1]:
                    spans.append(Span(opened[1], at, opened[0], after, paragraph))
        if stack:
            opened = stack[0]
            reopens = following is not None and _MARKS.match(text, following.start)
            runs_on = bool(reopens and reopens.group(0)[0] in opened[2])
            if runs_on or opened[0] == paragraph.start:
                end = paragraph.end
                while end > opened[1] and text[end - 1] in opened[2]:
                    end -= 1
                if end > opened[1]:
                    spans.append(Span(opened[1], end, opened[0], end, paragraph, runs_on))
    spans.sort(key=lambda span: span.open_at)
    return spans


def _marks_of(text: str, paragraphs: list[Paragraph]) -> list[list[tuple[int, int]]]:
    """(start, end) of each paragraph's marks, the article's first _MAX_MARKS in all: read once
    for both passes over them (the style's and the pairing's)."""
    marks_of = []
    budget = _MAX_MARKS
    for paragraph in paragraphs:
        found = _MARKS.finditer(text, paragraph.start, paragraph.end)
        marks = [mark.span() for mark in islice(found, max(budget, 0))]
        budget -= len(marks)
        marks_of.append(marks)
    return marks_of


def _resolve(
    text: str,
    marks: list[tuple[int, int]],
    number: int,
    paragraph: Paragraph,
    role: str,
    settled: dict[int, str],
) -> str:
    """Read an ambiguous single mark by the next single mark whose role its neighbours settle.

    A quote that opens ('Cos…, 'Im…) or closes (…them and us' culture) here must be answered
    by a closer or followed by an opener; an apostrophe leaves the pairing as it was. So
    `'them and us' culture … 'at all costs'` closes, `'the owners' call, not mine.'` does not.
    Marks that settle nothing (more apostrophes) are skipped, up to _LOOKAHEAD of them.
    """
    for following in range(number + 1, min(len(marks), number + 1 + _LOOKAHEAD)):
        at, after = marks[following]
        if after - at != 1 or text[at] not in SINGLE:
            continue
        if following not in settled:
            read = _mark_role(text, at, after, paragraph, SINGLE, True)
            settled[following] = "none" if read == "open" and text[at] == "’" else read
        if settled[following] in ("open", "close"):  # (’ rarely opens: no evidence either way)
            wanted = "close" if role == "open?" else "open"
            return role[:-1] if settled[following] == wanted else "none"
    return "none"


def _caption_cut(text: str, opened: int, at: int) -> int:
    """Where a quote opened at `opened` ends when a quote opening at `at` follows a caption.

    The caption is the words after the quote's last finished sentence: at least four, with no
    full stop, not introducing the new quote (`…, he said '…`, `He told me: '…`). 0 if none.
    """
    if not text[at + 1 : at + 2].isupper():
        return 0
    end = last_sentence_end(text, opened, at)
    caption = text[end:at].strip()
    words = caption.split()
    if end == opened or len(words) < 4 or caption[-1] in _CAPTION_NOT_ENDING:
        return 0
    if words[-1].lower() in SPEECH_VERBS or words[-2].lower() in SPEECH_VERBS:
        return 0
    return opened + len(text[opened:end].rstrip())


def _reopens(text: str, opened: int, at: int) -> bool:
    """Whether a mark opening at `at` inside the quote opened at `opened` starts a new quote
    paragraph: it follows a finished sentence of at least a few words."""
    before = text[opened:at].rstrip()
    return (
        at > opened + len(before)
        and before.endswith((".", "!", "?", "…", ".)", "?)", "!)"))
        and len(before.split()) >= 3
    )


def _nests(text: str, outer: int, inner: int) -> bool:
    """Tell whether a quote opens inside another: only when their glyphs differ ("… “…” …")."""
    return (text[outer] in "\"'") != (text[inner] in "\"'")


def _closes(text: str, opener: int, closer: int) -> bool:
    return (text[opener] in "\"'") == (text[closer] in "\"'")


def _single_style(
    text: str, paragraphs: list[Paragraph], marks_of: list[list[tuple[int, int]]]
) -> bool:
    """Whether the article quotes with single marks (British style) rather than double.

    Only marks that open outside a quote of the other family count: nested ‘…’ inside “…” is
    the American style, “…” inside ‘…’ the British. A tie goes to the family whose longest
    quote is longer, else to the American: one stray ' opening a line (`'BEN, you lied," …`)
    does not make an article British.
    """
    doubles = singles = 0
    longest = {SINGLE: 0, DOUBLE: 0}  # words of each family's longest quote, for a tie
    for paragraph, marks in zip(paragraphs, marks_of, strict=True):
        inside_double = inside_single = False
        nested = 0  # double quotes inside the open single one: doubles if it never closes
        opened = 0  # where the open quote's words begin
        for at, after in marks:
            if after - at == 1 and text[at] in SINGLE:
                if inside_double:
                    continue
                role = _mark_role(text, at, after, paragraph, SINGLE, inside_single)
                if role in ("open", "open?", "close") and inside_single:
                    singles += 1  # closed, or reopened after a lost paragraph break
                    nested = 0
                    longest[SINGLE] = max(longest[SINGLE], len(text[opened:at].split()))
                inside_single = role in ("open", "open?") or (inside_single and role != "close")
            else:
                role = _mark_role(text, at, after, paragraph, DOUBLE, inside_double)
                if inside_single:
                    nested += role == "open"
                else:
                    doubles += role == "open"
                    if inside_double and role == "close":
                        longest[DOUBLE] = max(longest[DOUBLE], len(text[opened:at].split()))
                inside_double = role == "open"
            if role in ("open", "open?"):
                opened = after
        doubles += nested if inside_single else 0
    # A tie goes to the family that quotes statements: one double-quoted title beside one
    # single-quoted sentence is British copy, not American.
    return singles > doubles or (singles == doubles and longest[SINGLE] > longest[DOUBLE])


def _mark_role(
    text: str, at: int, after: int, paragraph: Paragraph, family: str, is_open: bool
) -> str:
    """Read one mark as "open", "close" or "none" (an apostrophe) from what stands beside it."""
    char = text[at]
    left = text[at - 1] if at > paragraph.start else " "
    right = text[after] if after < paragraph.end else " "
    if family is SINGLE and left.isalnum() and right.isalnum():
        return "none"  # don't, O'Brien: most single marks, read before the tests below
    opens = (left.isspace() or left in _OPENS_AFTER) and not right.isspace()
    closes = not left.isspace() and (right.isspace() or right in _CLOSES_BEFORE)
    if family is SINGLE:
        if opens and not closes:
            word = _WORD.match(text[after : after + 8])
            if word and (word.group(0).lower() == "n" or word.group(0)[:2].isdigit()):
                return "none"  # rock 'n' roll, the '90s
            if word and word.group(0).lower() in ELISIONS:
                # 'Cos or a quote opening on 'Im…: the marks that follow decide (_resolve).
                return "open?" if char == "'" and not is_open else "none"
            return "open"
        if closes and not opens:
            if text[at - 2 : at] in ("'n", "’n") or not is_open:
                return "none"
            if left in "sS" and right == " ":
                word = _NEXT_WORD.match(text[after : after + 20])
                spoken = word and word.group(1) in _SPOKEN
                if word and not spoken:
                    return "close?"  # the bankers' bonus, or 'them and us' culture
            return "close"
        if not is_open and left in ".!?" and (right.isupper() or right.isdigit()):
            return "open"  # paragraphs run together: `…he said.'Next quote…`
        return "close" if is_open and char != "‘" else ("open" if char == "‘" else "none")
    if char == "”" and is_open and left.isspace():
        return "close"  # French spacing, `« Oui ».` read as `“ Oui ”.`: the closer, spaced
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if char in "“`" and not is_open:
        return "open"
    return "close" if is_open else "open"

