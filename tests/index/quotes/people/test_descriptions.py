"""Which person a description at a speech cue stands for ("the senator", "the businessman"); one
that stands for no one is the speaker as the article words it, never a wrong person."""

from __future__ import annotations

import pytest

from index.quotes.extract import extract_quotes
from index.text.segment import segment
from tests.index.quoting import direct

CASES = [
    pytest.param(
        "Ben Okafor spoke to host Dana Whit on Sunday.\n\n“We must act now,” Okafor said. "
        "“We can win this,” the independent Maine senator added.\n\n"
        "“You think so?” Whit asked.\n\n"
        "“I do,” the senator said.",
        [
            ("We must act now,", "Ben Okafor"),
            ("We can win this,", "Ben Okafor"),
            ("You think so?", "Dana Whit"),
            ("I do,", "Ben Okafor"),
        ],
        id="a_description_that_resolved_once_is_a_role_for_the_next",
    ),
    pytest.param(
        "Helen Dorn urged voters to back the levy, saying, “We need the seawall.”\n\n"
        "At the pier that night, the Pell supporter retorted: “We need the ferry more.”\n\n"
        "Jack Pell did not comment.",
        [
            ("We need the seawall.", "Helen Dorn"),
            ("We need the ferry more.", "the Pell supporter"),
        ],
        id="a_description_built_on_another_person_s_name_is_not_the_last_speaker",
    ),
    pytest.param(
        "Sen. Helen Dorn, the chief negotiator on the harbor bill, spoke first.\n\n"
        "“We need it,” Dorn said.\n\n"
        "Backers of the new bill, however, say it makes the port authority an “umpire.”",
        [("We need it,", "Helen Dorn"), ("umpire.", None)],
        id="a_thing_named_in_someone_s_role_is_not_that_person",
    ),
    pytest.param(
        "“We will not give in to hate,” Chancellor Helen Dorn said on Monday.\n\n"
        "A judge fined a local man after the man had posted that migrants should “go home.”",
        [("We will not give in to hate,", "Helen Dorn"), ("go home.", "the man")],
        id="the_man_is_never_the_last_speaker_when_she_is_a_woman",
    ),
    pytest.param(
        "Mayor Helen Dorn met Sen. Jack Pell on Monday.\n\n"
        "The Vermont senator emailed supporters saying: “The struggle continues.”",
        [("The struggle continues.", "Jack Pell")],
        id="a_state_senator_description_finds_the_only_senator_named",
    ),
    pytest.param(
        "Sen. Tom Reyes met Sen. Jack Pell on Monday.\n\n"
        "The Vermont senator emailed supporters saying: “The struggle continues.”",
        [("The struggle continues.", "the Vermont senator")],
        id="a_state_senator_description_between_two_senators_names_neither",
    ),
    pytest.param(
        "The memo quotes presumptive nominee Tom Bell and also Jack Pell, a former governor.\n\n"
        "“We pray for the victims,” Pell tweeted.\n\n"
        "Meanwhile, the current GOP nominee’s stance is new. He has spoken out on the law.\n\n"
        "“We want everyone to be safe,” he said.",
        [("We pray for the victims,", "Jack Pell"), ("We want everyone to be safe,", "Tom Bell")],
        id="the_current_party_nominee_is_the_one_nominee_whose_roles_name_no_other_party",
    ),
    pytest.param(
        "The memo quotes Democratic nominee Ann Ray and also Jack Pell, a former governor.\n\n"
        "“We pray for the victims,” Pell tweeted.\n\n"
        "Meanwhile, the current GOP nominee’s stance is new. She has spoken out on the law.\n\n"
        "“We want everyone to be safe,” the GOP nominee said.",
        [
            ("We pray for the victims,", "Jack Pell"),
            ("We want everyone to be safe,", "the GOP nominee"),
        ],
        id="the_gop_nominee_is_not_a_democratic_nominee",
    ),
    pytest.param(
        "In an interview, Tom Bell questioned Ann Ray’s temper, saying she could not \"make deals\""
        " as mayor.\n\n"
        '"We cannot have a mayor every council member dislikes," said the businessman.',
        [
            ("make deals", "Tom Bell"),
            ("We cannot have a mayor every council member dislikes,", "Tom Bell"),
        ],
        id="a_generic_description_right_after_its_quote_is_the_one_just_quoted",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_description_names_the_person_the_article_gave_that_role(text, expected):
    assert direct(text) == expected


def test_a_generic_description_is_not_the_last_speaker_after_a_sentence_about_someone_else():
    text = (
        "Tom Bell, a developer, spoke to donors.\n\n"
        "“It was offensive,” said Jack Pell, a donor.\n\n"
        "More troubling was Bell’s refusal to back the harbor plan. Instead, the businessman "
        "has insisted that his position will be strongest if he keeps his plans secret."
    )
    # "the businessman" is not Pell; unresolved, the reported statement is left out.
    quotes = [(quote.text, quote.speaker) for quote in extract_quotes(segment(text))]
    assert quotes == [("It was offensive,", "Jack Pell")]


SPOKESPEOPLE = [
    pytest.param(
        "Four guests at the Harbour Inn fell ill after a fumigation. "
        "‘We are working with the police,’ a spokesman for Pestguard said.",
        "Pestguard",
        id="a_spokesman_for_a_company_after_the_quote",
    ),
    pytest.param(
        "Four guests at the Harbour Inn fell ill after a fumigation. "
        "“We are working with the police,” a Pestguard spokeswoman told reporters.",
        "Pestguard",
        id="the_company_named_before_the_role",
    ),
    pytest.param(
        "Four guests at the Harbour Inn fell ill after a fumigation. "
        "“We are working with the police,” a spokesman said.",
        "a spokesman",
        id="a_spokesman_for_no_named_body_is_described",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), SPOKESPEOPLE)
def test_an_unnamed_spokesperson_speaks_for_the_body_named_with_them(text, speaker):
    assert direct(text) == [("We are working with the police,", speaker)]
