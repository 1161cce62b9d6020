"""Typed names reach the right speaker; two people with one surname are told apart."""

from __future__ import annotations

import pytest

from index.answer.speaker_names import SpeakerDirectory, name_tokens, normalize


@pytest.fixture
def directory() -> SpeakerDirectory:
    names = SpeakerDirectory()
    names.add("Charlie Beck", role="Los Angeles Police Chief", aliases=["Beck", "Chief Beck"])
    names.add("Beck")  # another article only used the surname
    names.add("Helen Strand", role="Governor")
    names.add("Dana Whitlock", role="Republican presidential nominee")
    names.add("Omar Field", role="Secretary of State")
    names.add("Tomas Reyes")
    names.add("Ana Reyes", aliases=["Reyes"])  # a lone-surname alias must not settle "Reyes"
    names.add("Osei")  # an article that never gave a first name
    names.add("Donald Trump Jr.")
    names.add("Ivana Trump")
    return names


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Beck", ["Charlie Beck"]),
        ("beck", ["Charlie Beck"]),
        ("BECK", ["Charlie Beck"]),
        ("Charlie Beck", ["Charlie Beck"]),
        ("Chief Beck", ["Charlie Beck"]),
        ("Mr. Beck", ["Charlie Beck"]),
        ("Beck's", ["Charlie Beck"]),
        ("Beck’s", ["Charlie Beck"]),
        ("Charlie", ["Charlie Beck"]),  # a first name alone
        ("Charlie Bek", ["Charlie Beck"]),  # misspelled
        ("Chalie Beck", ["Charlie Beck"]),
        ("the police chief", ["Charlie Beck"]),
        ("police chief", ["Charlie Beck"]),
        ("Gov. Strand", ["Helen Strand"]),
        ("the governor", ["Helen Strand"]),
        ("the nominee", ["Dana Whitlock"]),
        ("the presidential nominee", ["Dana Whitlock"]),
        ("Republican", []),  # a modifier of a role names nobody
        ("the Los Angeles", []),
        ("the secretary", ["Omar Field"]),  # the head of "secretary of state"
        ("secretary of state", ["Omar Field"]),
        ("Reyes", ["Ana Reyes", "Tomas Reyes"]),  # ambiguous: ask back
        ("Tomas Reyes", ["Tomas Reyes"]),
        ("Kwame Osei", ["Osei"]),  # a full name for a person known only by surname
        ("Trump", ["Donald Trump Jr.", "Ivana Trump"]),  # "Jr." is not a surname
        ("Donald Trump Jr.", ["Donald Trump Jr."]),
        ("Nobody", []),
        ("the", []),
        ("", []),
    ],
)
def test_match(directory: SpeakerDirectory, typed: str, expected: list[str]) -> None:
    assert directory.match(typed) == expected


def test_a_role_with_a_complement_is_found_by_its_head_noun() -> None:
    names = SpeakerDirectory()
    names.add("Tom Reyes", role="spokesman for the port")
    names.add("Mo Roe", role="director at the Harbor Institute")
    assert names.match("the spokesman") == ["Tom Reyes"]
    assert names.match("the director") == ["Mo Roe"]


def test_surname_only_mentions_group_under_the_full_name(directory: SpeakerDirectory) -> None:
    assert sorted(directory.members("Charlie Beck")) == ["Beck", "Charlie Beck"]


def test_copy_is_independent(directory: SpeakerDirectory) -> None:
    copy = directory.copy()
    copy.add("Priya Nair")
    assert copy.match("Nair") == ["Priya Nair"]
    assert directory.match("Nair") == []
    assert copy.match("Beck") == ["Charlie Beck"]


def test_a_copy_shares_the_people_until_either_adds_to_one(directory: SpeakerDirectory) -> None:
    copy = directory.copy()
    before = {person.name: person for person in directory.people()}
    assert all(before[person.name] is person for person in copy.people())  # nothing copied
    copy.add("Helen Strand", role="Senator")
    directory.add("Omar Field", role="Harbor Master")
    assert copy.match("the senator") == ["Helen Strand"]
    assert directory.match("the senator") == []
    assert directory.match("the harbor master") == ["Omar Field"]
    assert copy.match("the harbor master") == []
    assert copy.match("the governor") == directory.match("the governor") == ["Helen Strand"]


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("José Núñez’s", "jose nunez"),
        ("Beck's", "beck"),
        ("O'Brien", "o'brien"),
        ("  Sen.  Ted   Cruz ", "sen ted cruz"),
    ],
)
def test_normalize_folds_case_accents_and_possessives(name: str, normalized: str) -> None:
    assert normalize(name) == normalized


def test_name_tokens_drop_titles_and_suffixes() -> None:
    assert name_tokens("Texas Sen. Ted Cruz") == ["texas", "ted", "cruz"]
    assert name_tokens("Donald Trump Jr.") == ["donald", "trump"]


def test_a_name_means_the_person_before_a_group_quoted_with_them() -> None:
    directory = SpeakerDirectory()
    directory.add("Ed Roan")
    directory.add("Ina Vale and Ed Roan")
    assert directory.match("Roan") == ["Ed Roan"]
    assert directory.canonical_groups()["Ed Roan"] == ["Ed Roan"]
