"""Names split from titles, canonical forms, pronoun and description resolution."""

from __future__ import annotations

import pytest

from index.quotes.people.casting import build_cast
from index.quotes.people.descriptions import resolve_description
from index.quotes.people.mentions import parse_name, split_title
from index.quotes.people.pronouns import resolve_pronoun


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Los Angeles Police Chief Charlie Beck", "Charlie Beck", "Los Angeles Police Chief"),
        ("Sen. Ted Cruz", "Ted Cruz", "Sen."),
        ("Secretary of State John Kerry", "John Kerry", "Secretary of State"),
        ("Mr. Obama", "Obama", "Mr."),
        ("But Beck", "Beck", None),
        ("Beck's", "Beck", None),
        ("President Barack Obama.", "Barack Obama", "President"),
    ],
)
def test_parse_name_splits_title_from_name(text, name, role):
    mention = parse_name(text)
    assert mention is not None
    assert (mention.name, mention.role) == (name, role)


@pytest.mark.parametrize("text", ["Tuesday", "Holding", "But", "Critics"])
def test_words_that_are_not_names(text):
    assert parse_name(text) is None


def test_split_title_keeps_short_names_whole():
    assert split_title(["Charlie", "Beck"]) == ([], ["Charlie", "Beck"])


ARTICLE = (
    "Police Chief Anna Kovac met reporters on Monday with Mayor Tom Reyes. "
    "Kovac said little. Later, Chief Kovac spoke again and Reyes left."
)


def test_short_forms_resolve_to_the_fullest_name():
    cast = build_cast(ARTICLE)
    for form in ("Kovac", "Anna Kovac"):
        person = cast.lookup(form)
        assert person is not None
        assert person.name == "Anna Kovac"
    assert "Police Chief" in cast.lookup("Kovac").roles


def test_pronoun_takes_the_most_recent_compatible_person():
    text = "Mayor Ruth Ellison met Sen. Paul Dorsey. Dorsey left early. She stayed."
    cast = build_cast(text, sentences=(0, 39, 58))
    she = resolve_pronoun(cast, "she", text.index("She"), None, 0)
    he = resolve_pronoun(cast, "he", text.index("She"), None, 0)
    assert (she.name, he.name) == ("Ruth Ellison", "Paul Dorsey")


def test_description_finds_the_person_introduced_with_that_role():
    cast = build_cast(ARTICLE)
    person = resolve_description(cast, "the police chief", len(ARTICLE), None)
    assert person is not None
    assert person.name == "Anna Kovac"
    mayor = resolve_description(cast, "the mayor", len(ARTICLE), None)
    assert mayor is not None
    assert mayor.name == "Tom Reyes"


def test_appositive_gives_a_role():
    text = "Tom Reyes, a spokesman for the port, took questions. Reyes was brief."
    cast = build_cast(text)
    person = resolve_description(cast, "the spokesman", len(text), None)
    assert person is not None
    assert person.name == "Tom Reyes"


def test_unknown_description_stays_unknown():
    cast = build_cast(ARTICLE)
    assert resolve_description(cast, "the plumber", len(ARTICLE), None) is None


def test_places_are_not_people():
    cast = build_cast("Voters in New Hampshire went to the polls. New Hampshire was cold.")
    assert cast.lookup("New Hampshire") is None


@pytest.mark.parametrize("text", ["M", "J.", "J.R."])
def test_initials_alone_are_no_name(text):
    assert parse_name(text) is None


def test_role_after_a_name_is_found_from_the_comma():
    text = "Officials met. Mayor Tom Reyes, the harbor master, spoke. Ina Vale, 58, left."
    cast = build_cast(text)
    assert "the harbor master" not in cast.lookup("Reyes").roles  # role group omits the article
    assert "harbor master" in cast.lookup("Reyes").roles
    assert cast.lookup("Vale").personal


def test_a_description_opening_a_sentence_is_a_mention_for_later_pronouns():
    text = (
        "Sen. Ada Moss and Mayor Ruth Ellison toured the pier. Ellison left at noon. "
        "The senator stayed until dark. She spoke last."
    )
    starts = (0, text.index("Ellison left"), text.index("The senator"), text.index("She"))
    cast = build_cast(text, sentences=starts)
    assert resolve_pronoun(cast, "she", text.index("She"), None, 0).name == "Ada Moss"


@pytest.mark.parametrize(("one", "other"), [("Sandy Vale", "Sandra Vale"), ("Bill Roan", "William Roan")])
def test_short_and_long_first_names_are_one_person(one, other):
    cast = build_cast(f"{other} spoke first. Later {one} left. Vale and Roan met.")
    assert cast.lookup(one) is cast.lookup(other)


def test_a_one_off_epithet_is_not_a_second_person():
    text = "Donald Reyes spoke. Critics called him Thunderbolt Reyes, who won. Reyes left."
    cast = build_cast(text)
    assert [p.name for p in cast.people if p.surname == "reyes"] == ["Donald Reyes"]


def test_a_place_described_in_apposition_is_no_person():
    text = "Voters in Westmark, the largest state on the calendar, went first. She said little."
    cast = build_cast(text)
    assert resolve_pronoun(cast, "she", text.index("She"), None, 0) is None


def test_university_of_a_place_is_an_organization():
    from index.quotes.people.mentions import is_org

    assert is_org("University of Westmark") and not is_org("Ada Moss")


def test_a_name_after_a_pronoun_subject_is_not_the_sentence_subject():
    text = "Sarah Quint spoke first. She said she would vote for Nancy Vale. She said no more."
    starts = (0, text.index("She said she"), text.index("She said no"))
    cast = build_cast(text, sentences=starts)
    assert cast.lookup("Vale").subjects == []
    # The narrative "She" right after Quint's sentence is a subject mention of Quint.
    assert cast.lookup("Quint").subjects == [0, text.index("She said she")]


@pytest.mark.parametrize("text", ["Colorado", "Washington", "Several", "Minutes"])
def test_places_and_sentence_openers_alone_are_no_names(text):
    assert parse_name(text) is None


def test_a_person_surnamed_like_a_place_keeps_the_name():
    assert parse_name("Denzel Washington").name == "Denzel Washington"


def test_bare_surname_shared_by_a_family_stays_with_the_first_named():
    """ "Lind" beside Ed and Zoe Lind is Ed, named first, unless Zoe was just named in full."""
    text = (
        "Mayor Ed Lind opened the fair.\n\n"
        "His daughter Zoe Lind ran the stalls.\n\n"
        "Lind said the fair would return.\n\n"
        "Zoe Lind thanked the crowd. Lind said she was tired."
    )
    cast = build_cast(text)
    assert cast.lookup("Lind", text.index("Lind said the")).name == "Ed Lind"
    assert cast.lookup("Lind", text.index("Lind said she")).name == "Zoe Lind"
