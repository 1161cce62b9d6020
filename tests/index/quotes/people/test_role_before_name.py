"""A role noun written before a name ("Rovers boss Dan Pike", "winger Tom Ray", "Band frontman Tom
Vale") makes the name the subject, not the club; a verb between two names is no such role ("Ann
Cole slated comedian Bob Dray"); a quote that ended its sentence inside its marks ends it for the
fragment after it too: issue 18, read outside the dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_a_sports_role_before_the_name_leaves_the_name_the_subject() -> None:
    text = (
        "Rovers boss Dan Pike is chasing a new forward for next season.\n"
        "He wants Tom Ray to replace Joe Bell, who retires in May, although he hopes to keep "
        "Bell. \"Tom would lift the fans,\" he told BBC Rovers."
    )
    assert speakers(text) == [("Tom would lift the fans,", "Dan Pike")]


def test_a_verb_before_a_role_and_a_name_is_a_clause_of_the_first_name() -> None:
    text = (
        "Comedy writer Ann Cole has criticised television sitcoms.\n"
        "In a magazine interview, Ann Cole slated comedian Bob Dray for his \"lazy\" jokes.\n"
        "\"Anyone can shout a rude word,\" she said."
    )
    assert speakers(text) == [("lazy", "Ann Cole"), ("Anyone can shout a rude word,", "Ann Cole")]


def test_the_bare_role_stays_too_general_to_name_anyone() -> None:
    text = (
        "Rovers boss Dan Pike watched the match with his assistant Joe Bell. \"We were poor,\" "
        "said Bell. But the boss believes the side will recover."
    )
    assert speakers(text) == [("We were poor,", "Joe Bell")]


def test_a_fragment_after_a_quote_that_ended_its_sentence_has_its_own_subject() -> None:
    text = (
        "Rob Hale won the prize. He told the crowd: \"I am amazed.\" Band frontman Tom Vale "
        "thanked fans for enduring \"rubbish gigs\" over the years."
    )
    assert speakers(text) == [("I am amazed.", "Rob Hale"), ("rubbish gigs", "Tom Vale")]


def test_an_icon_or_legend_before_a_name_is_a_person_for_she() -> None:
    text = (
        "Actress Rose Bell said she was staying. \"I love it here,\" she said.\n\n"
        "Pop icon Marisol Quint quit the show over what she called \"bullying\" by producers."
    )
    assert speakers(text) == [("I love it here,", "Rose Bell"), ("bullying", "Marisol Quint")]


def test_a_playing_position_before_the_name() -> None:
    text = (
        "Rovers coach Dan Pike praised the visitors. \"It was a hard game,\" said Pike.\n\n"
        "Scrum-half Tom Ray was also glad of the win. \"All credit to them,\" he told reporters."
    )
    assert speakers(text) == [("It was a hard game,", "Dan Pike"), ("All credit to them,", "Tom Ray")]



def test_a_creator_before_a_name_of_no_known_first_name() -> None:
    text = (
        "Strategist Bob Dray said the show was unfair. \"It picks sides,\" he said.\n\n"
        "Show creator Zebedee Ray also turned down an interview.\n\n"
        "\"We're not partisan,\" he told reporters."
    )
    assert speakers(text)[-1] == ("We're not partisan,", "Zebedee Ray")


def test_a_passenger_before_a_name_of_no_known_first_name() -> None:
    text = (
        "The plane sat on the runway for hours.\n\n"
        "Passenger Roxanne Quill described the scene by phone.\n\n"
        "\"A baby has been crying the whole time,\" she said."
    )
    assert speakers(text) == [("A baby has been crying the whole time,", "Roxanne Quill")]


def test_a_surname_that_is_a_common_noun_stays_a_name_in_apposition() -> None:
    text = (
        "Amanda's uncle, Lewis Driver, told the BBC the killer deserved no credit, saying: "
        "\"Nothing is worth it.\""
    )
    assert speakers(text) == [("Nothing is worth it.", "Lewis Driver")]
