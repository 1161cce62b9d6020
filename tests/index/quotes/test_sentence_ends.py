"""The faster scans (SENTENCE_END and quote marks read from the mark, grouped alternations, casting._NAME_RUN) find what plain patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.quotes import sentence_ends as scans
from index.quotes.cue_patterns import REPORTS, SENTENCE_END, alternation
from index.quotes.cues import NAME_JOINERS, REPORTING_VERBS
from index.quotes.people.casting import _NAME_ENDING, _NAME_RUN
from index.quotes.people.casting_scans import ROLE_BEFORE_NAME
from index.quotes.people.mentions import NAME
from index.text.lexicon import ABBREVIATIONS
from index.text.lexicon import TITLES as ABBREVIATED_TITLES

TEXTS = [
    "The ferry stopped. Riders waited! Who pays? Nobody knows… The board meets Monday.",
    "Lt. Gov. Dan Ruiz spoke first. Then Mr. Hale said the U.S. plan was late. It was.",
    'She said "no." Then "Yes?" he asked. ‘Fine.’ Done (mostly.) Later the crew left...  Next',
    "Dr. A. B. Cole of St. Paul arrived at 3 p.m. Tuesday. George H.W. Bush did not.",
    "Ruiz told reporters that she thinks the vote was added late; Hale believed, argued, said.",
    "No ending mark at all in this one",
]
ALL = " ".join(TEXTS) + (
    " Sen. Maria de la Cruz, Bank of America and J.R. Ortiz-Lee’s aide. The harbor master, Tom"
    " Reyes, spoke; Kazakhstan's foreign minister, Erlan Idrissov, and a pilot, Jo Park, agreed."
)


def _finditer_last(text: str, start: int, end: int) -> int:
    found = start
    for match in SENTENCE_END.finditer(text, start, end):
        found = match.end()
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_last_sentence_end_matches_finditer_in_every_window(text: str) -> None:
    ends = [
        (start, end, _finditer_last(text, start, end), scans.last_sentence_end(text, start, end))
        for start in range(len(text) + 1)
        for end in range(start, len(text) + 1)
    ]
    assert [row for row in ends if row[2] != row[3]] == []
    assert any(row[2] != row[0] for row in ends) == bool(SENTENCE_END.search(text))


def test_sentence_end_matches_its_look_behinds_before_the_period() -> None:
    """SENTENCE_END reads the period first and looks back past it; the same as looking back
    from before it, in every window."""
    not_ending = "".join(
        rf"(?<!\b{word.capitalize()})" for word in sorted(ABBREVIATED_TITLES) if word.isalpha()
    )
    before = re.compile(rf"(?:[!?…]|(?<!\b[A-Z]){not_ending}\.)[\"'”’)]*\s+(?=[\"“‘'A-Z])")
    assert before.pattern != SENTENCE_END.pattern
    for text in [*TEXTS, ALL]:
        for start in range(0, len(text) + 1, 3):
            for end in range(start, len(text) + 1, 2):
                found = [match.span() for match in before.finditer(text, start, end)]
                assert [match.span() for match in SENTENCE_END.finditer(text, start, end)] == found


def _plain_alternation(words: frozenset[str]) -> str:
    """The ungrouped alternation, longest first, that cue_patterns.alternation stands for."""
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


def test_reports_finds_what_the_plain_alternation_finds() -> None:
    plain = re.compile(rf"\b(?:{_plain_alternation(REPORTING_VERBS)})\b")
    assert plain.pattern != REPORTS.pattern
    found = [match.span() for match in plain.finditer(ALL)]
    assert [match.span() for match in REPORTS.finditer(ALL)] == found
    assert len(found) >= 5


@pytest.mark.parametrize(
    "words",
    [
        {"said", "says", "s", "sa"},
        {"a.b", "a", "ab", "b-c"},
        {"told", "to", "t"},
        {"went on", "went", "we", "wen", "goes on", "go"},
    ],
)
def test_alternation_as_a_tree_matches_as_plain(words: set[str]) -> None:
    text = "said sa s says a.b ab a b-c b told to t tolder went on wen we went goes on go " * 2
    plain = re.compile(rf"\b(?:{_plain_alternation(frozenset(words))})\b")
    grouped = re.compile(rf"\b(?:{alternation(frozenset(words))})\b")
    spans = [match.span() for match in plain.finditer(text)]
    assert [match.span() for match in grouped.finditer(text)] == spans
    assert spans


def _plain_name() -> str:
    """NAME as plainly written: each form with its own capital, the abbreviations one list."""
    words = (w.capitalize() for w in ABBREVIATIONS | ABBREVIATED_TITLES if w.isalpha())
    abbreviations = "|".join(sorted(words, key=len, reverse=True))
    cap = rf"(?:[A-Z](?:\.[A-Z])*\.|(?:{abbreviations})\.|[A-Z][\w'’\-]*(?:\.[A-Z][\w'’\-]*)*)"
    joiners = "|".join(sorted((re.escape(word) for word in NAME_JOINERS), key=len, reverse=True))
    return rf"{cap}(?:[ \t\u00a0]+(?:(?:{joiners})[ \t\u00a0]+)?{cap}){{0,6}}"


def test_name_finds_what_the_plain_name_finds() -> None:
    """mentions.NAME reads a name's capital once, in front of its three forms."""
    plain = _plain_name()
    assert plain != NAME
    text = ALL + " Messrs. Lee and Gens. Ruiz met Dr. J. Ortiz, Govs. Hale, M. Roe and U.S. Sen. Bo."
    found = [match.span() for match in re.finditer(plain, text)]
    assert [match.span() for match in _NAME_RUN.finditer(text)] == found
    assert len(found) > 10
    plain_ending = re.compile(rf"(?P<name>{plain})$")
    hits = 0
    for end in range(len(text) + 1):  # _NAME_ENDING is searched up to an end position
        ending = plain_ending.search(text, max(0, end - 60), end)
        mine = _NAME_ENDING.search(text, max(0, end - 60), end)
        assert (mine and mine.span()) == (ending and ending.span())
        hits += ending is not None
    assert hits >= 30


def test_role_before_name_finds_what_it_finds_without_its_first_letter_check() -> None:
    check = "(?=[A-Zat])"
    plain = re.compile(ROLE_BEFORE_NAME.pattern.removeprefix(check))
    assert plain.pattern != ROLE_BEFORE_NAME.pattern
    hits = 0
    for end in range(len(ALL) + 1):
        found = [match.span() for match in plain.finditer(ALL, 0, end)]
        assert [match.span() for match in ROLE_BEFORE_NAME.finditer(ALL, 0, end)] == found
        hits += bool(found)
    assert hits >= 3


def test_quote_marks_found_as_with_character_classes() -> None:
    """marks._MARKS spells each mark as a literal alternative, so the engine can skip to one."""
    from index.quotes.marks import _MARKS

    text = ALL + " ``Old wire,'' he said. ‘‘Doubled’’ ‘single’ “curly” „low” `lone 'n' don't \"x\""
    plain = re.compile(r"''|‘‘|’’|``|[\"“”„]|['‘’]")
    assert plain.pattern != _MARKS.pattern
    found = [match.span() for match in plain.finditer(text)]
    assert [match.span() for match in _MARKS.finditer(text)] == found
    assert len(found) >= 15


def test_ending_patterns_hold_the_words_they_are_skipped_without() -> None:
    """subject_before skips an ending pattern when none of its words is in the window."""
    from index.quotes.cue_patterns import ENDINGS

    text = ALL + " said a spokesman for Acme Corp, an Acme spokeswoman, a representative for Bo Lee"
    checked = 0
    for pattern, words, _, _ in ENDINGS:
        for end in range(len(text) + 1):
            match = pattern.search(text, max(0, end - 120), end)
            if words and match is not None:
                assert any(word in match.group(0) for word in words)
                checked += 1
    assert checked >= 3


_SUBJECT_WORDS = ["He", "he", "They", "she", "I", "It", "Mara Quint", "the mayor", "The",
                  "Sen. Bo Lee", "McDonald", "xSmith", "U.S.", "de", "of", "a spokesman for",
                  "Acme", "123", "é", "Élise", "O'Neill", "an", "for", "to", "from", "in",
                  "Fla.", "Texas", "a former aide"]  # fmt: skip
_SUBJECT_GLUE = ["", " ", "  ", "\n", "\t", ", ", ". ", "\u00a0", "-", "(", "’"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_SUBJECT_WORDS), st.sampled_from(_SUBJECT_GLUE)), max_size=8),
    st.integers(0, 20),
)
def test_ending_searches_spared_find_what_the_whole_window_finds(
    pieces: list[tuple[str, str]], back: int
) -> None:
    """subject_before searches an ending from `reach` before the end, and skips a NAME ending
    whose window ends in a word with no capital: the same match as the whole window's."""
    from index.quotes.cue_patterns import ENDINGS, INFINITIVE_SUBJECT, PLACED_SUBJECT
    from index.quotes.subjects import _capital_in_last_word

    text = "".join(word + glue for word, glue in pieces) + " said"
    for end in range(max(0, len(text) - 5 - back), len(text) + 1):
        window = max(0, end - 120)
        for ending in ENDINGS:
            whole = ending.pattern.search(text, window, end)
            if ending.capital and not _capital_in_last_word(text, window, end):
                assert whole is None, (text, end)
            reach = window if ending.reach is None else max(window, end - ending.reach)
            spared = ending.pattern.search(text, reach, end)
            assert (spared and spared.span()) == (whole and whole.span()), (text, end)
        if not _capital_in_last_word(text, 0, end):
            assert PLACED_SUBJECT.search(text, 0, end) is None, (text, end)
        if not text[max(0, end - 60) : end].rstrip().endswith("to"):
            assert INFINITIVE_SUBJECT.search(text, max(0, end - 60), end) is None, (text, end)


def test_modified_role_matches_as_with_its_look_behind_first() -> None:
    """casting._MODIFIED_ROLE reads its first capital before looking behind it."""
    from index.quotes.people.casting import _MODIFIED_ROLE

    plain = re.compile(
        r"(?<![\w'’])(?P<of>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2})[ \t]+"
        r"(?P<role>[a-z][a-z\-]+)[ \t]+$"
    )
    text = ALL + " Chelsea boss Jose Mourinho met O'Neill aide Bo Lee and Labour leader Ed Miliband."
    hits = 0
    for end in range(len(text) + 1):
        for start in (max(0, end - 60), max(0, end - 13)):
            found, mine = plain.search(text, start, end), _MODIFIED_ROLE.search(text, start, end)
            assert (mine and mine.groupdict()) == (found and found.groupdict())
            assert (mine and mine.span()) == (found and found.span())
            hits += found is not None
    assert hits >= 3
