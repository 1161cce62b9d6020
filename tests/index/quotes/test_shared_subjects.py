"""Speakers that lost text hides: a cue verb sharing the subject of the verb before it, a full
stop lost between two names, a relative named by surname, a gender told by "his" or "herself"."""

from __future__ import annotations

import pytest

from index.quotes.extract import extract_quotes
from index.quotes.people.casting import build_cast
from index.quotes.people.speaker_ranker import RulesOnly
from index.text.segment import segment

CASES = [
    pytest.param(
        "Dana Whitlock runs the ferry line. It was not long before Whitlock came to the crew's "
        "defence and responded to the critics that they 'should check their facts first'.",
        [("should check their facts first", "Dana Whitlock")],
        id="a_coordinated_cue_verb_shares_the_subject_of_the_verb_before",
    ),
    pytest.param(
        "Julia Hale ran for mayor. With the campaign came a new look, which Julia also "
        "discussed with the Gazette, explaining that 'candidates get judged on their hair'.",
        [("candidates get judged on their hair", "Julia Hale")],
        id="a_participle_cue_shares_the_subject_of_the_clause_before_its_comma",
    ),
    pytest.param(
        "Pat Lee met Tom Baird. Lee told Baird the plan and added: 'We start Monday.'",
        [("We start Monday.", "Pat Lee")],
        id="an_object_of_the_verb_before_is_no_shared_subject",
    ),
    pytest.param(
        "Amnesty International said a woman was sentenced, and had urged the end of the "
        "\"whole system of subordination.\"",
        [("whole system of subordination.", "Amnesty International")],
        id="a_cue_with_a_subject_of_its_own_earlier_in_the_clause_comes_first",
    ),
    pytest.param(
        "Lisa Nowak was questioned. Marc Lubet noted that although Nowak was given food and was "
        "asked if she wanted to sleep, she was \"subjected to a barrage of questions\".",
        [("subjected to a barrage of questions", "Marc Lubet")],
        id="a_passive_cue_has_no_speaker_to_share",
    ),
    pytest.param(
        "The pictures show the queues the regime hides from the world Omar Haddad one of the "
        "group's founders, wrote the accompanying message: 'Lines waiting for some food.'",
        [("Lines waiting for some food.", "Omar Haddad")],
        id="a_caption_lost_the_comma_before_an_apposition_a_person_noun_heads",
    ),
    pytest.param(
        "John Marsh told Tom Smith the news, adding: 'It is over.'",
        [("It is over.", "John Marsh")],
        id="an_object_with_a_noun_after_it_is_no_lost_apposition",
    ),
    pytest.param(
        "“We don't have free speech any more,” tweeted a German user from Hanover going by the "
        "handle Pulvermann.",
        [("We don't have free speech any more,", "Pulvermann")],
        id="a_description_going_by_a_handle_is_that_name",
    ),
    pytest.param(
        "Amy Hart, for the council, read out a letter written by Ms Kerr which said that she "
        "will 'regret what happened for the rest of my life'.",
        [("regret what happened for the rest of my life", "Kerr")],
        id="a_letter_written_by_someone_which_said_is_its_author_s_words",
    ),
    pytest.param(
        "Japan is ageing fast. The International Monetary Fund predicts that the cost of the "
        "welfare state will double. But Japan appears poorly prepared. John Wood, Vice President of "
        "Deutsche Securities Japan, asks; \"Who is going to pay for the next generation?\"",
        [("Who is going to pay for the next generation?", "John Wood")],
        id="in_run_on_copy_someone_else_framing_speech_starts_their_statement",
    ),
    pytest.param(
        "Prince Edmund hosted the dinner. His daughter Lady Clara Voss waved. The prince held "
        "up a phone to his daughter Lady Clara Voss Sarah added: 'You all need choir practice.'",
        [("You all need choir practice.", "Sarah")],
        id="a_lost_full_stop_between_a_known_name_and_a_first_name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text: str, expected: list[tuple[str, str | None]]) -> None:
    """The cue rules alone (RulesOnly): the learned ranker may name some of these by itself."""
    quotes = extract_quotes(segment(text), RulesOnly())
    assert [(quote.text, quote.speaker) for quote in quotes if quote.is_direct] == expected


def test_his_or_herself_in_a_sentence_opened_by_one_person_tells_the_gender() -> None:
    text = (
        "Rickie Fowler has earned praise from his fans. Fowler smiled. Alexis Brand stood up for "
        "herself. Brand left."
    )
    starts = (0, text.index("Fowler smiled"), text.index("Alexis"), text.index("Brand left"))
    cast = build_cast(text, (), starts)
    genders = {person.name: person.gender for person in cast.people}
    assert genders == {"Rickie Fowler": "m", "Alexis Brand": "f"}


def test_not_from_a_sentence_opened_by_someone_else() -> None:
    text = "Like New Labour, he called himself a libertarian."
    cast = build_cast(text, (), (0,))
    assert all(person.gender is None for person in cast.people)
