"""Roles shown beside a speaker: what the article says the person is, never a form of address."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.people.mentions import without_honorific


def _roles(text: str) -> dict[str, str | None]:
    return {speaker.name: speaker.role for speaker in analyze(text).speakers}


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Mr", None),
        ("Dr.", None),
        ("Sir", None),
        ("Under Mrs.", None),  # a sentence opener before the honorific is no role either
        ("Chairman Lord", "Chairman"),
        ("Deputy Prime Minister Mr", "Deputy Prime Minister"),
        ("Los Angeles Police Chief", "Los Angeles Police Chief"),
    ],
)
def test_an_honorific_is_no_role(title: str, role: str | None) -> None:
    assert without_honorific(title) == role


def test_a_possessive_role_belongs_to_the_person_it_describes() -> None:
    text = (
        "Clara Voss, Northwind's chief executive, said the figures were \"solid\".\n\n"
        '"We will keep cutting costs," Ms Voss said.'
    )
    quotes = analyze(text).quotes
    assert {quote.speaker for quote in quotes} == {"Clara Voss"}
    assert {quote.role for quote in quotes} == {"Northwind's chief executive"}
    assert _roles(text) == {"Clara Voss": "Northwind's chief executive"}


def test_a_role_after_the_name_without_an_article() -> None:
    text = 'Dan Pryce, chief executive of Skylark, said prices were "hurting everyone".'
    assert _roles(text) == {"Dan Pryce": "chief executive of Skylark"}


@pytest.mark.parametrize(
    "aside",
    [
        "however",  # an adverb that ends like an agent noun
        "later",
        "who is running for mayor",  # a clause, not a role
        "France's capital",  # a possessive that describes no person
    ],
)
def test_an_aside_after_a_name_is_no_role(aside: str) -> None:
    text = f'Mr Tom Hale, {aside}, said the plan was "far too slow".'
    assert _roles(text) == {"Tom Hale": None}


def test_the_honorific_alone_leaves_the_role_unknown() -> None:
    assert _roles('"It was a fair deal," Mr Tom Hale said.') == {"Tom Hale": None}
