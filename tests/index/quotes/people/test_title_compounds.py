"""A hyphenated title ("Vice-President", "President-elect", "Editor-in-Chief") and a role noun
before a known first name inside a run ("Harbour Board Inspector Mark Hale") are the role, not
part of the speaker's name (issue 18, CNN and BBC outside)."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.people.mentions import parse_name


@pytest.mark.parametrize(
    ("run", "name", "role"),
    [
        ("Vice-President Ann Morrow", "Ann Morrow", "Vice-President"),
        ("President-elect Tom Keller", "Tom Keller", "President-elect"),
        ("Editor-in-Chief Rosa Lind", "Rosa Lind", "Editor-in-Chief"),
        ("Deputy Director-General Paul Ives", "Paul Ives", "Deputy Director-General"),
        ("Harbour Board Inspector Mark Hale", "Mark Hale", "Harbour Board Inspector"),
        ("Jean-Paul Brun", "Jean-Paul Brun", None),  # a hyphenated first name stays
    ],
)
def test_title_compounds_are_roles(run, name, role):
    parsed = parse_name(run)
    assert parsed is not None and (parsed.name, parsed.role) == (name, role)


def test_speaker_named_without_the_compound_title():
    text = "“Budgets are tight this year,” Vice-President Ann Morrow said."
    assert [q.speaker for q in analyze(text).quotes if q.is_direct] == ["Ann Morrow"]
