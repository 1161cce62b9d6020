"""The common kinds of direct quotation a quotation extractor is expected to get right.

Written for the kinds of case other libraries' quotation tests check (cue before, cue after,
an inverted cue carried to the next quote, a title or a scare word that is no quote, an
apostrophe inside the quote, a nested quote, a stray mark), in sentences of our own.
"""

from __future__ import annotations

import pytest

from tests.index.quoting import direct


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('Odile said, "I adore ferrets!"', [("I adore ferrets!", "Odile")],
                     id="cue-before"),
        pytest.param('Odile spoke from a stage. "I adore ferrets," she said.',
                     [("I adore ferrets,", "Odile")], id="pronoun-cue-after"),
        pytest.param('"I adore ferrets!" insists Odile. "I truly do."',
                     [("I adore ferrets!", "Odile"), ("I truly do.", "Odile")],
                     id="inverted-cue-carried-to-the-next-quote"),
        pytest.param('"Some people disagree," he conceded.', [("Some people disagree,", None)],
                     id="pronoun-with-no-one-named-stays-unknown"),
        pytest.param('Odile claims that her favourite book is "The Tin Drum Of Summer".', [],
                     id="title-after-favourite-book"),
        pytest.param('Odile thinks that ferrets are "darlings".', [], id="scare-word"),
        pytest.param('Odile Marsh walked to the barn. "Where are the ferrets\' biscuits?" she '
                     "asked.", [("Where are the ferrets' biscuits?", "Odile Marsh")],
                     id="apostrophe-inside-double-quotes"),
        pytest.param('Odile Marsh was drinking tea. She told everyone, "This \'cake with extra '
                     'icing\' is good."', [("This 'cake with extra icing' is good.", "Odile Marsh")],
                     id="nested-single-inside-double"),
        pytest.param("'ODILE, you tricked me,\" an angry Marc Lenoir told his sister on Sunday. "
                     "Judge Ann Amos said the police had found \"strong and credible evidence\" "
                     "against him.", [("strong and credible evidence", "Ann Amos")],
                     id="stray-mismatched-marks"),
    ],
)
def test_common_quotations(text, expected):
    assert direct(text) == expected
