"""Typed names reach the right speaker; two people with one surname are told apart."""

from __future__ import annotations

import pytest

from index.names import SpeakerDirectory, normalize


@pytest.fixture
def directory() -> SpeakerDirectory:
    names = SpeakerDirectory()
    names.add("Charlie Beck", role="Los Angeles Police Chief", aliases=["Beck", "Chief Beck"])
    names.add("Beck")  # another article only used the surname
    names.add("Helen Strand", role="Governor")
    names.add("Tomas Reyes")
    names.add("Ana Reyes")
    return names


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Beck", ["Charlie Beck"]),
        ("beck", ["Charlie Beck"]),
        ("Charlie Beck", ["Charlie Beck"]),
        ("Chief Beck", ["Charlie Beck"]),
        ("Beck's", ["Charlie Beck"]),
        ("Charlie Bek", ["Charlie Beck"]),  # misspelled
        ("the police chief", ["Charlie Beck"]),
        ("Gov. Strand", ["Helen Strand"]),
        ("Reyes", ["Ana Reyes", "Tomas Reyes"]),  # ambiguous: ask back
        ("Tomas Reyes", ["Tomas Reyes"]),
        ("Nobody", []),
        ("the", []),
    ],
)
def test_match(directory: SpeakerDirectory, typed: str, expected: list[str]) -> None:
    assert directory.match(typed) == expected


def test_surname_only_mentions_group_under_the_full_name(directory: SpeakerDirectory) -> None:
    assert sorted(directory.members("Charlie Beck")) == ["Beck", "Charlie Beck"]


def test_normalize_folds_case_accents_and_possessives() -> None:
    assert normalize("José Núñez’s") == "jose nunez"
