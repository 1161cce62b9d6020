"""A speaker set off by commas or a participle before the cue (issue 18, read outside the dev
sets): "Another guard, Beau James, commented"; "Judge Philip Head, sentencing said"."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly
from index.quotes.subjects import subject_before


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text, RulesOnly()).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Tom Reed was jailed. Another guard, Beau James, commented: 'It was a dreadful "
            "night.' The review is due in May.",
            [("It was a dreadful night.", "Beau James")],
            id="a_name_in_apposition_to_a_head_not_in_the_person_nouns",
        ),
        pytest.param(
            "Tom Reed was jailed. The council's envoy, Philip Gold, said the talks showed "
            "\"strong commitment\" by all sides.",
            [("strong commitment", "Philip Gold")],
            id="a_name_in_apposition_to_an_owned_head",
        ),
        pytest.param(
            "Mr Reed, 34, admitted the offence. Judge Philip Head, sentencing said: 'You are a "
            "dangerous man.' Mr Reed showed no emotion.",
            [("You are a dangerous man.", "Philip Head")],
            id="a_participle_aside_that_lost_its_closing_comma",
        ),
        pytest.param(
            "Tom Reed was jailed. Another guard, Beau James, commented on the photo: 'Welcome "
            "to the gang.' Tom Reed posted an image of a new tattoo.",
            [("Welcome to the gang.", "Beau James")],
            id="a_verb_with_a_made_object_after_a_full_stop_is_the_next_sentence",
        ),
    ],
)
def test_comma_set_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


def test_a_pair_under_an_unknown_head_is_not_read_as_one_apposition() -> None:
    text = "Henry Clay's biographers, David and Jeanne Heidler, wrote"
    who = subject_before(text, len(text) - len(" wrote"), 0)
    assert who is None or who.mention != "David and Jeanne Heidler"


def test_a_noun_in_thing_is_no_participle_aside() -> None:
    text = "Judge Philip Head, something said"
    who = subject_before(text, len(text) - len(" said"), 0)
    assert who is None or who.mention != "Judge Philip Head"


@pytest.mark.parametrize(
    ("text", "mention", "role"),
    [
        ("Mary Kent, of Springfield, a retired teacher, said", "Mary Kent", "a retired teacher"),
        ("Omar Lind, from Vexo's Oslo Laboratories, one of the founders of Zed, told", "Omar Lind",
         None),
        ("Omar Lind, at the Vexo Institute, a research body, said", "Omar Lind", None),
    ],
)
def test_an_aside_opened_by_a_preposition_is_peeled_like_an_appositive(
    text: str, mention: str, role: str | None
) -> None:
    """Two asides before the verb: the name after the preposition is the first aside's object,
    not the subject; the second aside is a role only when a person noun heads it."""
    verb = text.rsplit(" ", 1)[1]
    who = subject_before(text, len(text) - len(verb) - 1, 0)
    assert who is not None and (who.mention, who.appositive) == (mention, role)


def test_the_quote_after_two_asides_goes_to_the_name_not_the_place() -> None:
    text = (
        "Zed is backed by Vexo. Kappa said its players would ship in May.\n"
        '"We need far more storage now," Omar Lind, from Vexo\'s Oslo Laboratories, one of the '
        'founders of Zed, told the paper. "So the discs hold more."'
    )
    assert speakers(text)[1:] == [
        ("We need far more storage now,", "Omar Lind"),
        ("So the discs hold more.", "Omar Lind"),
    ]
