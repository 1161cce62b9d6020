"""A subject parted from its cue by a long aside with commas of its own (issue 18, read outside
the dev sets): "Dr. Pratt, a surgeon in Denver, Colorado, who …, says"; a participle cue inside
a relative clause: "Dunn, who stormed off stage declaring"."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.long_asides import opening_subject
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text, RulesOnly()).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The trial ended in May.\n\nDr. Alan Pratt, a heart surgeon at the Mercy Clinic in "
            "Denver, Colorado, who did not take part in the trial, says, \"The results look "
            "very encouraging to me.\"",
            [("The results look very encouraging to me.", "Alan Pratt")],
            id="an_appositive_holding_a_city_and_state_then_a_who_clause",
        ),
        pytest.param(
            "Mara Quist, who had just finished competing in the Lakeside Open in Norway, where "
            "she reached the final, said she is \"feeling stronger than ever.\"",
            [("feeling stronger than ever.", "Mara Quist")],
            id="a_who_clause_holding_a_where_clause",
        ),
        pytest.param(
            "Trains were late.\n\nWKRP's Jane Boyd, who reached the station late Sunday on a "
            "train from Albany, New York, described the busy scene: \"People were everywhere, "
            "pushing and shouting.\"",
            [("People were everywhere, pushing and shouting.", "Jane Boyd")],
            id="a_who_clause_before_a_framing_verb_with_an_object",
        ),
        pytest.param(
            "The group split in 1981 after a row between Parker and Dunn, who stormed off stage "
            "at the close of the group's final concert declaring, \"We are finished for good.\"",
            [("We are finished for good.", "Dunn")],
            id="a_participle_cue_inside_a_relative_clause",
        ),
    ],
)
def test_the_name_before_a_long_aside_speaks(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


def test_a_name_in_mid_sentence_is_no_opening_subject() -> None:
    # "praised Lee, who …, saying": Lee is the object; the opening subject is not a name here
    text = "The mayor praised Tom Lee, who ran the shelter in Dayton, Ohio, for years, said"
    assert opening_subject(text, 0, len(text) - len("said")) is None


def test_an_aside_with_a_quote_mark_is_no_single_aside() -> None:
    text = 'Tom Lee, who called it "a mess", then left, and Ann Ray, a lawyer in Ohio, said'
    assert opening_subject(text, 0, len(text) - len("said")) is None
