"""Paragraph and sentence segmentation: news cases as tables, and properties on any text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.text.segment import _mark_positions, paragraph_spans, segment, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def paragraphs(text: str) -> list[str]:
    return [text[start:end] for start, end in paragraph_spans(text)]


ABBREVIATIONS = [
    (
        "Mr. Smith met Gen. Jones at the U.S. Capitol. They talked.",
        ["Mr. Smith met Gen. Jones at the U.S. Capitol.", "They talked."],
    ),
    (
        "Sen. Ann Lee, Rep. Tom Ruiz and Lt. Gov. Dan Park met Dr. Kay.",
        ["Sen. Ann Lee, Rep. Tom Ruiz and Lt. Gov. Dan Park met Dr. Kay."],
    ),
    (
        "The plant moved to the U.S. The move paid off.",
        ["The plant moved to the U.S.", "The move paid off."],
    ),
    (
        "U.S. officials declined. U.N. Ambassador Roe spoke.",
        ["U.S. officials declined.", "U.N. Ambassador Roe spoke."],
    ),
    ("He met then-U.S. Ambassador Roe in Oslo.", ["He met then-U.S. Ambassador Roe in Oslo."]),
    (
        "It was filmed by Warner Bros. Pictures in May.",
        ["It was filmed by Warner Bros. Pictures in May."],
    ),
    (
        "The deal was signed with Warner Bros. He called it a coup.",
        ["The deal was signed with Warner Bros.", "He called it a coup."],
    ),
    ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
    (
        "John F. Kennedy won. Harry S. Truman lost.",
        ["John F. Kennedy won.", "Harry S. Truman lost."],
    ),
    (
        "The case Plessy v. Ferguson was decided in 1896.",
        ["The case Plessy v. Ferguson was decided in 1896."],
    ),
    (
        "He was charged by the SEC. The case is open.",
        ["He was charged by the SEC.", "The case is open."],
    ),
    ("She lives at No. 10 Downing St. in London.", ["She lives at No. 10 Downing St. in London."]),
    ("I said no. However, he went.", ["I said no.", "However, he went."]),
    (
        "The vote was on Jan. 5 in St. Louis. It passed.",
        ["The vote was on Jan. 5 in St. Louis.", "It passed."],
    ),
    (
        "It opens at 9 a.m. Friday. It shuts at 5 p.m. The staff leave.",
        ["It opens at 9 a.m. Friday.", "It shuts at 5 p.m.", "The staff leave."],
    ),
    ("Tools, pens, etc. Much else was sold.", ["Tools, pens, etc.", "Much else was sold."]),
    (
        "MANCHESTER, N.H. (AP) — The vote began. It ended.",
        ["MANCHESTER, N.H. (AP) — The vote began.", "It ended."],
    ),
    ("Bob Casey Jr. (D-Pa.) voted no.", ["Bob Casey Jr. (D-Pa.) voted no."]),
    ("Sales hit 512K. The firm grew.", ["Sales hit 512K.", "The firm grew."]),
    (
        "Backed by Sens. Tom Carper and Chris Coons.",
        ["Backed by Sens. Tom Carper and Chris Coons."],
    ),
]

NUMBERS_AND_ELLIPSES = [
    (
        "Shares rose 3.5% to $20.15. Profits fell 0.6 percent.",
        ["Shares rose 3.5% to $20.15.", "Profits fell 0.6 percent."],
    ),
    ("It grew in 1970. But then it fell.", ["It grew in 1970.", "But then it fell."]),
    ("1. Bread is first on the list.", ["1. Bread is first on the list."]),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("It was good, but… it ended.", ["It was good, but… it ended."]),
    ('"The … team has done well," he said.', ['"The … team has done well," he said.']),
    ("It rose. … Others fell too.", ["It rose.", "… Others fell too."]),
    ("Visit example.com today. Or call.", ["Visit example.com today.", "Or call."]),
    ("Prices rose.The index fell.", ["Prices rose.", "The index fell."]),
    ("He fled.”Then he hid.", ["He fled.”", "Then he hid."]),
    ('He hid from them."We were deceived."', ["He hid from them.", '"We were deceived."']),
    ("It runs on ASP.NET and Node.js servers.", ["It runs on ASP.NET and Node.js servers."]),
]

QUOTES = [
    ('"Is it over?" he asked. "Yes."', ['"Is it over?" he asked.', '"Yes."']),
    ('"Why?" Smith asked. She left.', ['"Why?" Smith asked.', "She left."]),
    ("“Stop!” Mr. Lee shouted, and ran.", ["“Stop!” Mr. Lee shouted, and ran."]),
    ('"It is over." The crowd left.', ['"It is over."', "The crowd left."]),
    ("“It is over.” The crowd left.", ["“It is over.”", "The crowd left."]),
    ('“It is over." The crowd left.', ['“It is over."', "The crowd left."]),
    ("'It is over.' The crowd left.", ["'It is over.'", "The crowd left."]),
    ("''It is over,'' he said. ''We lost.''", ["''It is over,'' he said.", "''We lost.''"]),
    (
        "“We won. We will win again,” she said.",
        ["“We won.", "We will win again,” she said."],
    ),
    (
        '"We won. We will win again. Nothing stops us."',
        ['"We won.', "We will win again.", 'Nothing stops us."'],
    ),
    ("They saw Mamma Mia! which was fun.", ["They saw Mamma Mia! which was fun."]),
    (
        'He said: "We tried everything. " The talks failed.',
        ['He said: "We tried everything. "', "The talks failed."],
    ),
    (
        '"We separated," he said. " I am asking for it."',
        ['"We separated," he said.', '" I am asking for it."'],
    ),
    ('"... A woman may choose," she said.', ['"... A woman may choose," she said.']),
    ("I am glad it worked. “", ["I am glad it worked. “"]),
    ("(He left.) Then she came.", ["(He left.)", "Then she came."]),
]


@pytest.mark.parametrize(("text", "expected"), ABBREVIATIONS)
def test_abbreviations_initials_and_acronyms(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), NUMBERS_AND_ELLIPSES)
def test_numbers_ellipses_and_run_together_text(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes_straight_curly_and_mixed(text, expected):
    assert sentences(text) == expected


def test_offsets_point_into_the_original_text():
    text = "Intro.\n\n  Mr. Lee spoke.  He left.  \n"
    start = text.index("Mr.")
    found = split_sentences(text, start, text.index("  \n"))
    assert [(s.start, s.end) for s in found] == [(start, start + 14), (start + 16, start + 24)]


PARAGRAPHS = [
    ("Title\nFirst para. Two.\nSecond para.", ["Title", "First para. Two.", "Second para."]),
    ("One.\n\nTwo.\n\n\n  Three.  ", ["One.", "Two.", "Three."]),
    ("First para.\r\n\r\nSecond para.\r\nThird.\r\n", ["First para.", "Second para.", "Third."]),
    ("Old Mac.\rLine two.", ["Old Mac.", "Line two."]),
    ("One.\u2029Two.", ["One.", "Two."]),
    (
        "It all ran together. No breaks at all. Still one.",
        ["It all ran together. No breaks at all. Still one."],
    ),
    (
        "He wanted to win. I\nwas\nprime minister, he said.",
        ["He wanted to win. I\nwas\nprime minister, he said."],
    ),
    (
        "The firms:\n- lied about risks\n- hid research",
        ["The firms:", "- lied about risks", "- hid research"],
    ),
    (
        "It will be screened. '\nDay-Lewis has won twice.",
        ["It will be screened. '", "Day-Lewis has won twice."],
    ),
    ("A" * 300 + " b\n" + "C" * 300 + ".", ["A" * 300 + " b", "C" * 300 + "."]),
]

WRAPPED = (
    "The city council voted on Tuesday to approve a new\n"
    "budget for the river dam, ending a debate that had\n"
    "run for most of the year.\n"
    "\n"
    "Opponents said the plan would cost far more than the\n"
    "council admits. They promised to fight it in court.\n"
)

WRAPPED_NO_BLANKS = (
    "The city council voted on Tuesday to approve a new\n"
    "budget for the river dam, ending a debate that had\n"
    "run all year.\n"
    "Opponents said the plan would cost far more than the\n"
    "council admits.\n"
    "The mayor said little.\n"
)


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraphs(text, expected):
    assert paragraphs(text) == expected


def test_hard_wrapped_lines_join_into_paragraphs():
    found = paragraphs(WRAPPED)
    assert len(found) == 2
    assert found[0].startswith("The city council")
    assert found[0].endswith("of the year.")
    assert sentences(found[1]) == [
        "Opponents said the plan would cost far more than the\ncouncil admits.",
        "They promised to fight it in court.",
    ]


INDENTED = (
    "  The city council voted on Tuesday to approve a new budget\n"
    "for the river dam, ending a debate that had run all year and\n"
    "that split the town.\n"
    "  Opponents said the plan would cost far more than the council\n"
    "admits, and they promised to fight it in court next month, as\n"
    "their lawyer told reporters outside the chamber on Tuesday.\n"
)


def test_hard_wrapped_paragraphs_start_at_indented_lines():
    assert [p.split()[0] for p in paragraphs(INDENTED)] == ["The", "Opponents"]


def test_hard_wrapped_without_blank_lines_breaks_after_short_lines():
    assert [p.split()[0] for p in paragraphs(WRAPPED_NO_BLANKS)] == ["The", "Opponents", "The"]


def test_segment_keeps_text_and_flags_furniture():
    text = "Watch LIVE\n\nMr. Lee spoke. He left.\n"
    document = segment(text)
    assert document.text is text
    assert [p.furniture for p in document.paragraphs] == [True, False]
    assert len(document.paragraphs[1].sentences) == 2


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("word " * 200_000, id="1MB single sentence"),
        pytest.param('"' * 1_000_000, id="1MB straight quotes"),
        pytest.param("“”‘’\"'" * 170_000, id="1MB mixed quote marks"),
        pytest.param("word\n" * 100_000, id="100k one-word lines"),
        pytest.param("." * 500_000 + '"' * 500_000 + "x", id="punctuation then quotes"),
        pytest.param("\r\n" * 500_000, id="1MB line breaks"),
    ],
)
def test_segment_is_linear_on_pathological_text(text):
    """Under a second of CPU time (not wall time: the test machine is shared)."""
    began = time.process_time()
    segment(text)
    assert time.process_time() - began < 1.0


def test_splitting_is_linear_on_many_short_paragraphs():
    text = "Word\n" * 100_000
    began = time.process_time()
    spans = paragraph_spans(text)
    total = sum(len(split_sentences(text, start, end)) for start, end in spans)
    assert total == 100_000
    assert time.process_time() - began < 1.0


PIECES = [
    "Mr.",
    "U.S.",
    "He",
    "said",
    "the",
    "a",
    "1.",
    "3.5",
    "A.",
    ".",
    "...",
    "…",
    "?",
    "!",
    "etc.",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "''",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u2029",
    "\u00a0",
    "-",
    "—",
    "Smith",
    "asked",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_like, st.text(max_size=200)))
def test_any_text_segments_into_ordered_verbatim_trimmed_slices(text):
    document = segment(text)
    assert document.text is text
    previous_end = 0
    for paragraph in document.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(text)
        assert not text[previous_end : paragraph.start].strip()  # only whitespace between
        cursor = paragraph.start
        for sentence in paragraph.sentences:
            piece = text[sentence.start : sentence.end]
            assert cursor <= sentence.start < sentence.end <= paragraph.end
            assert piece == piece.strip()
            assert piece
            assert not text[cursor : sentence.start].strip()  # no text lost between sentences
            cursor = sentence.end
        assert not text[cursor : paragraph.end].strip()
        previous_end = paragraph.end
    assert not text[previous_end:].strip()


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_like, st.text(max_size=200)))
def test_a_paragraph_splits_alike_with_the_text_s_marks_found_first_or_not(text):
    """`segment` finds the terminal marks of the whole text at once and hands them to
    `split_sentences`; a paragraph split alone searches its own by the regex."""
    for start, end in paragraph_spans(text):
        alone = split_sentences(text, start, end)
        assert split_sentences(text, start, end, _mark_positions(text)) == alone
        assert [(s.start, s.end) for s in alone] == [
            (s.start, s.end) for p in segment(text).paragraphs if p.start == start
            for s in p.sentences
        ]
