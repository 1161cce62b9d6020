"""Who frames a quoted fragment or a quote paragraph when no plain speech cue names them."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze
from tests.index.quoting import direct

CASES = [
    pytest.param(
        "On Monday, Helen Dorn tweeted, “The harbor bill passed. The gulls weep.” This sort of "
        "post, the Port Gazette claimed, breaks its rules for staff.",
        [("The harbor bill passed. The gulls weep.", "Helen Dorn")],
        id="a_cue_in_the_sentence_after_a_closed_quote_is_not_its_speaker",
    ),
    pytest.param(
        "Jack Pell welcomed the news that Tom Reyes would quit, saying the harbor master was "
        "“doing the right thing,” suggesting he might hire Reyes as a deputy.",
        [("doing the right thing,", "Jack Pell")],
        id="a_participle_clause_after_a_fragment_names_no_speaker_by_its_object",
    ),
    pytest.param(
        "Lawyer Jack Pell said the video shows the driver leaving his car calmly.\n\n"
        "Pell also said the video is unclear. Reyes's family has called on police to release it "
        "“for the sake of transparency” and asked for calm.",
        [("for the sake of transparency", None)],
        id="a_fragment_in_a_sentence_about_another_s_family_does_not_continue_the_last_speaker",
    ),
    pytest.param(
        "Former harbor master Tom Reyes declined an interview.\n\n"
        "“He did write to the mayor about it,” Reyes’s office said in a statement.",
        [("He did write to the mayor about it,", "Tom Reyes")],
        id="an_office_after_a_possessive_speaks_for_its_owner",
    ),
    pytest.param(
        "Jack Pell spoke at the pier on Friday.\n\n"
        "He’s claiming that the ferry deal is “a very bad bargain for this town.”",
        [("a very bad bargain for this town.", "Jack Pell")],
        id="a_contracted_pronoun_subject_frames_a_fragment",
    ),
    pytest.param(
        "When Helen Dorn said she would debate on the day Jack Pell had proposed, he looked "
        "surprised. His campaign protested that Dorn aides were being \"coy\" because they knew "
        "Pell \"already had booked the pier for a rally\" that day.",
        [
            ("coy", "Jack Pell"),
            ("already had booked the pier for a rally", "Jack Pell"),
        ],
        id="fragments_in_a_sentence_whose_subject_is_his_campaign_are_his",
    ),
    pytest.param(
        "The harbor plan angered critics, including Mayor Helen Dorn.\n\n"
        'Another critic, Paul J. Hume, likened the plan to "tearing up the charter" - a charge '
        "that stung.\n\nMr. Hume teaches law.",
        [("tearing up the charter", "Paul J. Hume")],
        id="a_name_in_apposition_to_another_description_frames_the_fragment",
    ),
    pytest.param(
        "The recount was refused.\n\n"
        "Sam Lau, the spokesman for the state party said in a statement. “There are no ballots "
        "to count.”",
        [("There are no ballots to count.", "Sam Lau")],
        id="a_name_whose_apposition_never_closes_speaks_for_the_quote_after_its_sentence",
    ),
    pytest.param(
        "An old saying.\n\n"
        '"I would rather have a sister in jail than a brother in the bureau." That quote from '
        "Ohio Securities Commissioner Tom Krebs appeared on the front page in 1980.",
        [
            ("I would rather have a sister in jail than a brother in the bureau.", "Tom Krebs")
        ],
        id="the_sentence_after_a_quote_may_credit_it",
    ),
    pytest.param(
        "Ann Ray, the deputy mayor, backed the count.\n\n"
        '"We will accept the results," she said Sunday, only for Tom Bell to tweet Monday that '
        '"the count is rigged from top to bottom."\n\nOne tweet said: "This is very sad for all '
        'of us here today."',
        [
            ("We will accept the results,", "Ann Ray"),
            ("the count is rigged from top to bottom.", "Tom Bell"),
            ("This is very sad for all of us here today.", None),
        ],
        id="the_subject_of_an_infinitive_cue_frames_the_next_fragment",
    ),
    pytest.param(
        "Ann Ray held a rally on Saturday.\n\n"
        "Supporters punched a protester, with Ray reportedly yelling: “Get him out of here!”",
        [("Get him out of here!", "Ann Ray")],
        id="an_adverb_may_stand_between_an_actor_and_the_ing_cue",
    ),
    pytest.param(
        "As The Daily Ledger reported, the star “gave between one and five dollars” to the Rays."
        "\n\nWhen Tom Bell reported the gift, Ann Ray said “it was a mistake by my staff.”",
        [
            ("gave between one and five dollars", "Daily Ledger"),
            ("it was a mistake by my staff.", "Ann Ray"),
        ],
        id="an_as_clause_names_the_source_of_its_sentence_but_a_when_clause_does_not",
    ),
    pytest.param(
        "Tom Bell is assuring voters he is tough enough after a woman in Dayton, Ohio, told him "
        "she worries he is “far too soft and kind” to lead the city.\n\n"
        "Ann Ray spoke before a crowd in Dayton and said she was “ready to lead the city.”",
        [("far too soft and kind", None), ("ready to lead the city.", "Ann Ray")],
        id="a_fragment_in_a_clause_whose_subject_is_someone_unnamed_is_not_the_sentence_subjects",
    ),
    pytest.param(
        "Voters spoke.\n\n"
        "Dean Jones, a salesman from Sumter, South Carolina, says Cruz will “leave here with "
        "momentum.”\n\n"
        "Stacy Bell of Columbia, South Carolina says she thinks he can win if he keeps “doing what "
        "he’s doing.”\n\n"
        "In remarks at Gellar & Dowd in San Diego, Ann Ray said, “We will win this one for sure.”",
        [
            ("leave here with momentum.", "Dean Jones"),
            ("doing what he’s doing.", "Stacy Bell"),
            ("We will win this one for sure.", "Ann Ray"),
        ],
        id="a_city_and_state_after_the_subject_is_no_subject_of_its_own",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_framing_subject_or_credit_names_the_speaker(text, expected):
    assert direct(text) == expected


def test_a_group_starts_at_its_plural_title_not_at_the_committee_named_before_it():
    text = (
        "The budget failed.\n\n"
        "The chairs of the House Budget and House Rules Committees, Reps. Ann Ray of Ohio and "
        "Tom Bell of Iowa said the vote was a costly mistake for everyone.\n\n"
        "“We will try again,” Ray and Bell wrote."
    )
    speakers = {speaker.name for speaker in analyze(text).speakers}
    assert speakers == {"Ann Ray and Tom Bell"}


def test_a_quote_cut_short_by_nested_marks_takes_the_credit_closing_its_line():
    text = (
        "Readers wrote in.\n\n“The debate was a mess for him.” ― Vera Cruz\n\n"
        "“As a young woman....I’d rather live in what he calls “hell” than live in a world where "
        "he is president.” ― Ana Ruiz\n\n“He answers no one.” ― Lia Olid\n"
    )
    speakers = [speaker for _, speaker in direct(text)]
    assert speakers == ["Vera Cruz", "Ana Ruiz", "Lia Olid"]


def test_a_quote_cut_short_by_same_marks_nested_in_it_takes_the_cue_after_its_real_end():
    text = (
        "The remarks angered donors.\n\n"
        "Critics spoke up. “Ann Ray’s claim that a deal “depends on the town” makes clear that "
        "she has no plan for the harbor,” wrote Tom Bell, head of the harbor board."
    )
    assert [speaker for _, speaker in direct(text)] == ["Tom Bell"]
