"""CNN copy read outside the dev sets (issue 18): speakers a careful reader finds in the text."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from index.quotes.people.casting import build_cast
from index.quotes.people.lone_surnames import surname_shaped
from index.quotes.people.mentions import is_org
from index.quotes.people.speaking_names import person_named


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes if quote.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Dale Harding, 64, a retired ferry pilot, was questioned on Monday. Officers in "
            "Westmorland said they had spoken to him.\n\nHarding described the crossing in a radio "
            "interview.\n\nHe told listeners: \"The fog came down in minutes.\"",
            [("The fog came down in minutes.", "Dale Harding")],
            id="an_ing_surname_alone_is_the_person_named_in_full",
        ),
        pytest.param(
            "Mia Fleming runs the shelter.\n\n\"We never turn anyone away,\" Fleming said.",
            [("We never turn anyone away,", "Mia Fleming")],
            id="an_ing_surname_at_a_cue",
        ),
        pytest.param(
            "Rising water closed the road.\n\n\"We never saw it so high,\" Rising said.",
            [("We never saw it so high,", None)],
            id="a_participle_with_no_full_name_before_is_no_one",
        ),
        pytest.param(
            "The captain, though tired, thanked Warren International officials.\n\n\"You were "
            "a great help,\" he said.",
            [("You were a great help,", None)],
            id="an_organization_word_ends_a_name_that_is_never_he",
        ),
        pytest.param(
            "Tom Reyes was flown to Vincent General Hospital.\n\n\"It happened fast,\" he said.",
            [("It happened fast,", "Tom Reyes")],
            id="a_hospital_is_no_person",
        ),
        pytest.param(
            "Tashi Norbu, a surgeon in Lhasa, felt the tremor at work.\n\n\"The walls moved,\" "
            "he said.\n\nNorbu said the clinic stayed open.",
            [("The walls moved,", "Tashi Norbu")],
            id="a_name_that_speaks_later_is_he_already",
        ),
        pytest.param(
            "On Monday the ferry docked in Puerto Lindo.\n\n\"We waited all night,\" she said."
            "\n\nPuerto Lindo said the port was open.",
            [("We waited all night,", None)],
            id="a_place_that_speaks_later_is_no_she",
        ),
        pytest.param(
            "Mark Olsen said the ferry was stuck for hours.\n\nPassenger Ilse Varga described the cabin by phone."
            "\n\n\"Nobody can reach the toilets,\" she said.",
            [("Nobody can reach the toilets,", "Ilse Varga")],
            id="a_pronoun_finds_the_unfamiliar_name_that_opens_the_sentence_before",
        ),
        pytest.param(
            "Lena Moser teaches the boys.\n\nSixteen-year-old Amir lost two brothers. Quietly, he "
            "repeats it: \"Two brothers, in one night.\"",
            [("Two brothers, in one night.", "Amir")],
            id="an_age_before_a_single_name_makes_a_person",
        ),
        pytest.param(
            "Anna Lutz won on Sunday.\n\nBlue Arrow team boss Kurt Tanner played down the "
            "title race.\n\n\"We are not thinking of a party,\" he said.",
            # never "Blue Arrow"; since "team boss" reads as a role, the boss himself
            [("We are not thinking of a party,", "Kurt Tanner")],
            id="a_name_that_modifies_another_is_not_the_pronoun",
        ),
        pytest.param(
            "Anna Lutz flew to Puerto Lindo.\n\nPuerto Lindo declared a day of mourning."
            "\n\n\"We lost everything,\" he said.",
            [("We lost everything,", None)],
            id="a_place_opening_the_sentence_is_not_the_pronoun",
        ),
        pytest.param(
            "Before the race, Nora Quist tried pottery.\n\n\"I broke every pot,\" she chortled. "
            "\"So I took up running.\"",
            [("I broke every pot,", "Nora Quist"), ("So I took up running.", "Nora Quist")],
            id="a_verb_of_laughing_speech_is_a_cue",
        ),
        pytest.param(
            "A neighbor writing online called the baker \"warm-hearted\" and \"a bit of a clown.\"",
            [("warm-hearted", "a neighbor writing online"), ("a bit of a clown.", "a neighbor writing online")],
            id="a_fragment_joined_by_and_shares_a_described_speaker",
        ),
        pytest.param(
            "Ann Lee said the store was closed.\n\n\"It is a sad day for the town,\" mall "
            "officials said in a statement.",
            [("It is a sad day for the town,", None)],
            id="a_plural_subject_after_the_quote_is_its_own_speaker",
        ),
        pytest.param(
            "\"It is bold,\" said Ann Lee, political director at the Policy Centre, a think-tank. "
            "\"Nobody has tried it. It will need new ideas.\" But some analysts believe that the "
            "plan does not come up with the ideas needed.",
            [("It is bold,", "Ann Lee"), ("Nobody has tried it. It will need new ideas.", "Ann Lee")],
            id="a_plural_subject_opening_the_next_sentence_is_not_the_quotes_speaker",
        ),
        pytest.param(
            "Lena Moser runs the school.\n\nOne of the parents is a woman named Wu Lan. It took "
            "her years to find help.\n\n\"I felt so alone,\" she said.",
            [("I felt so alone,", "Wu Lan")],
            id="a_name_given_after_a_person_noun_is_a_person_of_its_gender",
        ),
    ],
)
def test_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected


def test_surname_shaped() -> None:
    assert surname_shaped("Gosling") == "Gosling"
    assert surname_shaped("Manning's") == "Manning"
    assert surname_shaped("Holding signs") is None
    assert surname_shaped("Gomez") is None


@pytest.mark.parametrize(
    "name",
    ["Amnesty International", "Israel Defense Forces", "General Motors", "Heathrow Airport",
     "Mercy General Hospital", "Harbor Police", "Marine Corps"],
)
def test_organization_words(name: str) -> None:
    assert is_org(name)


def test_a_full_name_that_speaks_is_a_person() -> None:
    cast = build_cast("Tashi Norbu, a surgeon, felt the tremor. Norbu said the clinic stayed open.")
    assert [(person.name, person.personal) for person in cast.people] == [("Tashi Norbu", True)]



def test_person_named() -> None:
    text = "a teary woman named Wu Lan, a man called Bo Li, a ship named Sea Star"
    assert person_named(text, text.index("Wu")) == "f"
    assert person_named(text, text.index("Bo")) == "m"
    assert person_named(text, text.index("Sea")) is None
