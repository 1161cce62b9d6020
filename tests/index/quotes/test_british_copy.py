"""British copy: "-ise" spellings of framing verbs ("criticised"), and a role with no determiner
set off before a name ("Rovers fan club secretary, Ann Dee, said"), and an apposition whose
closing comma never came ("Ann Dee, council leader said:"), and a spokesperson for a body whose
name has "for" and "and" in it, "points out" as a cue, and two roles joined by "and" before a
name; issue 18, read outside the
dev sets."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [
        (quote.text, quote.speaker)
        for quote in analyze(text, RulesOnly()).quotes
        if quote.is_direct
    ]


def test_criticised_frames_the_fragment_and_the_quote_paragraph() -> None:
    text = (
        "Comedian Bob Dray has criticised modern sitcoms for being \"too tame\".\n\n"
        "Charity director Tom Vale criticised the funding rules.\n\n"
        "\"They punish the smallest charities.\""
    )
    assert speakers(text) == [
        ("too tame", "Bob Dray"),
        ("They punish the smallest charities.", "Tom Vale"),
    ]


def test_a_bare_role_set_off_before_the_name() -> None:
    text = (
        "Several clubs opposed the plan, and Rovers fan club secretary, Ann Dee, said the plan "
        "\"must be scrapped\"."
    )
    assert speakers(text) == [("must be scrapped", "Ann Dee")]


def test_an_apposition_whose_closing_comma_never_came() -> None:
    text = (
        "The council published its report. Ann Dee, council leader and former teacher said: "
        "\"The schools are failing.\"\n\nBut Tom Vale, director of the Rovers Trust criticised "
        "the plan, saying it was rushed.\n\n\"It will not work.\""
    )
    assert speakers(text) == [
        ("The schools are failing.", "Ann Dee"),
        ("It will not work.", "Tom Vale"),
    ]


def test_a_spokeswoman_for_a_body_named_with_for_and_and() -> None:
    text = (
        "The scheme was scrapped. A Department for Roads and Rail spokeswoman said the plan had "
        "been \"too ambitious\"."
    )
    assert speakers(text) == [("too ambitious", "Department for Roads and Rail")]


def test_a_set_off_name_after_a_bare_role_frames_the_quote_after_its_sentence() -> None:
    text = (
        "Ministers unveiled the plan on Monday.\n"
        "Rovers Trust chief executive, Ann Dee, said teaching pupils about money was key. "
        "\"Young people must be informed.\""
    )
    assert speakers(text) == [("Young people must be informed.", "Ann Dee")]


def test_points_out_and_two_roles_joined_by_and() -> None:
    text = (
        "\"It is a lot easier being a champion,\" points out former Olympian and radio pundit "
        "Tom Vale. \"We have a solid base,\" said Acme president and chief executive Ann Dee. "
        "The engineers work on site, Mr Vale points out. \"These guys are trying to work.\""
    )
    assert speakers(text) == [
        ("It is a lot easier being a champion,", "Tom Vale"),
        ("We have a solid base,", "Ann Dee"),
        ("These guys are trying to work.", "Tom Vale"),
    ]
