"""Who frames a quoted fragment or a quote paragraph when no plain speech cue names them."""

from __future__ import annotations

from index.analyze import analyze
from index.quotes import extract_quotes
from index.text import segment
from tests.index.quoting import direct


def test_a_name_in_apposition_to_another_description_frames_the_fragment():
    text = (
        "The harbor plan angered critics, including Mayor Helen Dorn.\n\n"
        'Another critic, Paul J. Hume, likened the plan to "tearing up the charter" - a charge '
        "that stung.\n\nMr. Hume teaches law."
    )
    assert direct(text) == [("tearing up the charter", "Paul J. Hume")]


def test_a_name_whose_apposition_never_closes_speaks_for_the_quote_after_its_sentence():
    text = (
        "The recount was refused.\n\n"
        "Sam Lau, the spokesman for the state party said in a statement. “There are no ballots "
        "to count.”"
    )
    assert direct(text) == [("There are no ballots to count.", "Sam Lau")]



def test_a_group_starts_at_its_plural_title_not_at_the_committee_named_before_it():
    text = (
        "The budget failed.\n\n"
        "The chairs of the House Budget and House Rules Committees, Reps. Ann Ray of Ohio and "
        "Tom Bell of Iowa said the vote was a costly mistake for everyone.\n\n"
        "“We will try again,” Ray and Bell wrote."
    )
    speakers = {speaker.name for speaker in analyze(text).speakers}
    assert speakers == {"Ann Ray and Tom Bell"}


def test_the_sentence_after_a_quote_may_credit_it():
    text = (
        "An old saying.\n\n"
        '"I would rather have a sister in jail than a brother in the bureau." That quote from '
        "Ohio Securities Commissioner Tom Krebs appeared on the front page in 1980."
    )
    assert direct(text) == [
        ("I would rather have a sister in jail than a brother in the bureau.", "Tom Krebs")
    ]


def test_a_quote_cut_short_by_nested_marks_takes_the_credit_closing_its_line():
    text = (
        "Readers wrote in.\n\n“The debate was a mess for him.” ― Vera Cruz\n\n"
        "“As a young woman....I’d rather live in what he calls “hell” than live in a world where "
        "he is president.” ― Ana Ruiz\n\n“He answers no one.” ― Lia Olid\n"
    )
    speakers = [speaker for _, speaker in direct(text)]
    assert speakers == ["Vera Cruz", "Ana Ruiz", "Lia Olid"]


def test_a_city_and_state_after_the_subject_is_no_subject_of_its_own():
    text = (
        "Voters spoke.\n\n"
        "Dean Jones, a salesman from Sumter, South Carolina, says Cruz will “leave here with "
        "momentum.”\n\n"
        "Stacy Bell of Columbia, South Carolina says she thinks he can win if he keeps “doing what "
        "he’s doing.”\n\n"
        "In remarks at Gellar & Dowd in San Diego, Ann Ray said, “We will win this one for sure.”"
    )
    assert [speaker for _, speaker in direct(text)] == ["Dean Jones", "Stacy Bell", "Ann Ray"]


def test_the_subject_of_an_infinitive_cue_frames_the_next_fragment():
    text = (
        "Ann Ray, the deputy mayor, backed the count.\n\n"
        '"We will accept the results," she said Sunday, only for Tom Bell to tweet Monday that '
        '"the count is rigged from top to bottom."\n\nOne tweet said: "This is very sad for all '
        'of us here today."'
    )
    assert direct(text) == [
        ("We will accept the results,", "Ann Ray"),
        ("the count is rigged from top to bottom.", "Tom Bell"),
        ("This is very sad for all of us here today.", None),
    ]


def test_the_current_party_nominee_is_the_one_nominee_whose_roles_name_no_other_party():
    text = (
        "The memo quotes presumptive nominee Tom Bell and also Jack Pell, a former governor.\n\n"
        "“We pray for the victims,” Pell tweeted.\n\n"
        "Meanwhile, the current GOP nominee’s stance is new. He has spoken out on the law.\n\n"
        "“We want everyone to be safe,” he said."
    )
    assert direct(text)[-1] == ("We want everyone to be safe,", "Tom Bell")


def test_the_gop_nominee_is_not_a_democratic_nominee():
    text = (
        "The memo quotes Democratic nominee Ann Ray and also Jack Pell, a former governor.\n\n"
        "“We pray for the victims,” Pell tweeted.\n\n"
        "Meanwhile, the current GOP nominee’s stance is new. She has spoken out on the law.\n\n"
        "“We want everyone to be safe,” the GOP nominee said."
    )
    assert direct(text)[-1] == ("We want everyone to be safe,", None)


def test_an_adverb_may_stand_between_an_actor_and_the_ing_cue():
    text = (
        "Ann Ray held a rally on Saturday.\n\n"
        "Supporters punched a protester, with Ray reportedly yelling: “Get him out of here!”"
    )
    assert direct(text) == [("Get him out of here!", "Ann Ray")]


def test_an_as_clause_names_the_source_of_its_sentence_but_a_when_clause_does_not():
    text = (
        "As The Daily Ledger reported, the star “gave between one and five dollars” to the Rays."
        "\n\nWhen Tom Bell reported the gift, Ann Ray said “it was a mistake by my staff.”"
    )
    assert direct(text) == [
        ("gave between one and five dollars", "Daily Ledger"),
        ("it was a mistake by my staff.", "Ann Ray"),
    ]


def test_a_quote_cut_short_by_same_marks_nested_in_it_takes_the_cue_after_its_real_end():
    text = (
        "The remarks angered donors.\n\n"
        "Critics spoke up. “Ann Ray’s claim that a deal “depends on the town” makes clear that "
        "she has no plan for the harbor,” wrote Tom Bell, head of the harbor board."
    )
    assert direct(text)[0][1] == "Tom Bell"


def test_a_generic_description_is_not_the_last_speaker_after_a_sentence_about_someone_else():
    text = (
        "Tom Bell, a developer, spoke to donors.\n\n"
        "“It was offensive,” said Jack Pell, a donor.\n\n"
        "More troubling was Bell’s refusal to back the harbor plan. Instead, the businessman "
        "has insisted that his position will be strongest if he keeps his plans secret."
    )
    speakers = {quote.speaker for quote in extract_quotes(segment(text))}
    assert "Jack Pell" in speakers and speakers <= {"Jack Pell", "Tom Bell"}


def test_a_generic_description_right_after_its_quote_is_the_one_just_quoted():
    text = (
        "In an interview, Tom Bell questioned Ann Ray’s temper, saying she could not \"make deals\""
        " as mayor.\n\n"
        '"We cannot have a mayor every council member dislikes," said the businessman.'
    )
    assert direct(text)[-1] == ("We cannot have a mayor every council member dislikes,", "Tom Bell")


def test_a_fragment_in_a_clause_whose_subject_is_someone_unnamed_is_not_the_sentence_subjects():
    text = (
        "Tom Bell is assuring voters he is tough enough after a woman in Dayton, Ohio, told him "
        "she worries he is “far too soft and kind” to lead the city.\n\n"
        "Ann Ray spoke before a crowd in Dayton and said she was “ready to lead the city.”"
    )
    speakers = dict(direct(text))
    assert speakers.get("far too soft and kind") is None
    assert speakers["ready to lead the city."] == "Ann Ray"
