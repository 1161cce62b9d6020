"""A quote paragraph with no cue of its own, a narrative paragraph after its speaker's last quote."""

from __future__ import annotations

from tests.index.quoting import direct

SPOKEN = "“The ferry will run all winter,” said harbor master Lena Ostrova.\n\n"


def test_quote_after_a_narrative_paragraph_naming_no_one_goes_on_with_the_speaker():
    text = SPOKEN + "She checks the tide table.\n\n“We have never missed a crossing.”"
    assert direct(text) == [
        ("The ferry will run all winter,", "Lena Ostrova"),
        ("We have never missed a crossing.", "Lena Ostrova"),
    ]


def test_quote_after_a_paragraph_naming_someone_else_stays_unknown():
    text = SPOKEN + "Dock worker Mark Brill checks the tide table.\n\n“We have never missed a crossing.”"
    assert direct(text) == [
        ("The ferry will run all winter,", "Lena Ostrova"),
        ("We have never missed a crossing.", None),
    ]


def test_quote_two_narrative_paragraphs_on_stays_unknown():
    text = SPOKEN + "The tide turned.\n\nThe boats came in.\n\n“We have never missed a crossing.”"
    assert direct(text)[-1] == ("We have never missed a crossing.", None)
