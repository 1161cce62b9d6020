"""Quotes in other outlets' typography: guillemets, low and prime marks, no-break spaces."""

from __future__ import annotations

import pytest

from index.quotes.typography import plain_marks
from tests.index.quoting import INTRO, direct

NBSP = "\u00a0"
NARROW = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            INTRO + "«We are on budget,» Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="guillemets",
        ),
        pytest.param(
            INTRO + f"«{NBSP}We are on budget{NBSP}», Quint said.",
            [(f"{NBSP}We are on budget{NBSP}", "Mara Quint")],
            id="french-spaced-guillemets",
        ),
        pytest.param(
            INTRO + f"Quint said:{NBSP}«{NARROW}We are on budget.{NARROW}»",
            [(f"{NARROW}We are on budget.{NARROW}", "Mara Quint")],
            id="colon-then-narrow-spaced-guillemets",
        ),
        pytest.param(
            INTRO + "»We are on budget,« Quint said. »Every line is paid for.«",
            [("We are on budget,", "Mara Quint"), ("Every line is paid for.", "Mara Quint")],
            id="german-inward-guillemets",
        ),
        pytest.param(
            INTRO + "„We are on budget,“ Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="german-low-high-marks",
        ),
        pytest.param(
            INTRO + "‟We are on budget,” Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="reversed-nine-opening",
        ),
        pytest.param(
            INTRO + "″We are on budget,″ Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="double-primes",
        ),
        pytest.param(
            INTRO + "＂We are on budget,＂ Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="full-width-marks",
        ),
        pytest.param(
            INTRO + f"“We are on budget,”{NBSP}Quint{NBSP}said.",
            [("We are on budget,", "Mara Quint")],
            id="no-break-spaces-at-the-cue",
        ),
        pytest.param(
            INTRO + f"City{NBSP}Treasurer{NBSP}Mara{NBSP}Quint said: “We are on budget.”",
            [("We are on budget.", "Mara Quint")],
            id="no-break-spaces-in-the-name",
        ),
        pytest.param(
            INTRO + "«We donʼt overspend,» Quint said. «Iʼm sure of it.»",
            [("We donʼt overspend,", "Mara Quint"), ("Iʼm sure of it.", "Mara Quint")],
            id="modifier-apostrophes-inside-guillemets",
        ),
    ],
)
def test_outlet_typography(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert direct(text) == expected


def test_marks_keep_their_offsets() -> None:
    text = f"«{NBSP}Oui{NBSP}», dit-il. »Ja«, sagte er."
    plain = plain_marks(text)
    assert len(plain) == len(text)
    assert plain == "“ Oui ”, dit-il. ”Ja“, sagte er."


def test_inward_guillemets_when_the_first_opens_inward() -> None:
    assert plain_marks("»Ja«, sagte er.") == "“Ja”, sagte er."


def test_plain_text_is_returned_as_is() -> None:
    text = "“We are on budget,” Quint said."
    assert plain_marks(text) is text


def test_no_mapped_character_maps_to_a_mapped_one() -> None:
    """plain_marks replaces the characters one by one: the same as translating them all."""
    from index.quotes.typography import _INWARD, _OUTWARD

    for table in (_OUTWARD, _INWARD):
        assert not set(table.values()) & {chr(code) for code in table}
    text = "‟a‟ ‛b‛ ‚c‘ ″d″ ‶e＂ ＇f＇ donʼt don´t «g» ‹h› »i« ›j‹ 12\u202f000\u00a0km"
    for table in (_OUTWARD, _INWARD):
        replaced = text
        for char in set(text) & {chr(code) for code in table}:
            replaced = replaced.replace(char, str(table[ord(char)]))
        assert replaced == text.translate(table)
