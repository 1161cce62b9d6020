"""British and tabloid style, and short plain texts: small articles written for the purpose."""

from __future__ import annotations

import pytest

from index.quotes.extract import extract_quotes
from index.text.segment import segment
from tests.index.quoting import direct


def statements(text: str) -> list[int]:
    return [q.statement for q in extract_quotes(segment(text)) if q.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The trainer Wyn Pellow spoke on Friday. Pellow said: 'The colt is fit. He ate well "
            "today. 'We will run him at Ripon if the ground is soft. 'The owners agree.'",
            [("The colt is fit. He ate well today.", "Wyn Pellow"),
             ("We will run him at Ripon if the ground is soft.", "Wyn Pellow"),
             ("The owners agree.", "Wyn Pellow")],
            id="straight-single-reopened",
        ),
        pytest.param(
            "The trainer Wyn Pellow spoke on Friday. Pellow said: ‘The colt is fit and well. "
            "‘It’s the owners’ call, not mine.’ The race is on Saturday.",
            [("The colt is fit and well.", "Wyn Pellow"),
             ("It’s the owners’ call, not mine.", "Wyn Pellow")],
            id="curly-single-reopened-with-apostrophes",
        ),
    ],
)
def test_quote_reopened_across_a_lost_paragraph_break(text, expected):
    assert direct(text) == expected
    assert len(set(statements(text))) == 1  # one statement, in parts



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Councillor Ben Arkwright opened the debate. 'We will fund it,' Mr Arkwright said.",
            [("We will fund it,", "Ben Arkwright")],
            id="mr-without-a-full-stop",
        ),
        pytest.param(
            "Nurse Ada Moss left the ward in May. 'I was exhausted,' she told MailOnline.",
            [("I was exhausted,", "Ada Moss")],
            id="she-told-mailonline",
        ),
        pytest.param(
            "Ada Moss, a nurse from Hull, left the ward in May. The nurse - who worked nights "
            "for a decade - added: 'I was exhausted.'",
            [("I was exhausted.", "Ada Moss")],
            id="an-aside-set-off-by-spaced-hyphens",
        ),
        pytest.param(
            "Ada Moss left the ward in May. One colleague told the Mirror: 'She was exhausted.'",
            [("She was exhausted.", "one colleague")],
            id="whom-the-words-were-told-never-says-them",
        ),
        pytest.param(
            "Ada Moss was cleared on Friday. Her solicitor, Colin Marsh, said: 'Justice is done.'",
            [("Justice is done.", "Colin Marsh")],
            id="a-british-role-noun-before-the-name",
        ),
        pytest.param(
            "Ada Moss was cleared on Friday. 'Justice is done,' her mother, Edna Moss, said.",
            [("Justice is done,", "Edna Moss")],
            id="the-name-set-off-after-a-description-after-the-quote",
        ),
        pytest.param(
            "Ada Moss was cleared on Friday. Colin Marsh - Moss's boyfriend - said: 'She is free.'",
            [("She is free.", "Colin Marsh")],
            id="a-boyfriend-in-an-aside",
        ),
        pytest.param(
            "Colin Marsh was cleared on Friday. 'I am free,' he said. His lawyer added: 'He "
            "was never guilty.'",
            [("I am free,", "Colin Marsh"), ("He was never guilty.", None)],
            id="his-lawyer-is-not-he",
        ),
        pytest.param(
            "Ada Moss, 34, was cleared on Friday with Colin Marsh, 41. 'I am free,' the "
            "34-year-old mother-of-two said.",
            [("I am free,", "Ada Moss")],
            id="an-age-before-the-role-noun",
        ),
    ],
)
def test_tabloid_cues(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Pellow won the race at Ripon. \"It was a good day,\" he said.",
            [("It was a good day,", "Pellow")],
            id="lone-he-after-the-only-bare-surname",
        ),
        pytest.param(
            "Quint led the vote. \"We are done here,\" she said.",
            [("We are done here,", "Quint")],
            id="lone-she-after-the-only-bare-surname",
        ),
    ],
)
def test_short_plain_texts(text, expected):
    assert direct(text) == expected

