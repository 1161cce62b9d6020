"""Which person a pronoun at a speech cue stands for: the most salient one, never a guess."""

from __future__ import annotations

from index.mentions import parse_name
from index.salience import obliques
from tests.index.quoting import direct


def test_a_narrative_she_after_a_surname_subject_tells_that_person_s_gender():
    # "Terry" is listed as a man's name; the text says otherwise, and the mayor named inside the
    # "She said" sentence is its object, not the one who speaks next.
    text = (
        "Terry Ashdown chairs the harbor board. Jack Pell leads the fishermen's union.\n\n"
        "Ashdown sees the plan more calmly. She said she would rather see the money spent to "
        "re-elect Mayor Helen Dorn than on a fight over the docks.\n\n"
        "“They are trying to stop the ferry for good,” she said."
    )
    assert direct(text) == [("They are trying to stop the ferry for good,", "Terry Ashdown")]


def test_a_narrative_he_after_a_sentence_about_someone_else_tells_nothing():
    text = (
        "Helen Dorn opened the hearing. In an interview, she joked about leaving town if Jack "
        "Pell won. He laughed.\n\n“We will see,” she said."
    )
    assert direct(text) == [("We will see,", "Helen Dorn")]


def test_the_subject_of_a_question_outranks_a_possessive():
    text = (
        "Jack Pell asked Tom Ashdown about the ferry. Ashdown spoke about the budget instead.\n\n"
        "Was Pell satisfied with Ashdown's answer?\n\n“Only in part,” he said."
    )
    assert direct(text) == [("Only in part,", "Jack Pell")]


def test_a_chain_of_narrative_pronouns_outranks_objects_of_a_preposition():
    text = (
        "Tom Reyes, who ran the port for a decade, says the board needs a plan.\n\n"
        "Though the last vote was easy, he said, the next one could bring lobbying by allies of "
        "Mark Stone and Peter Vance.\n\n"
        "“This is a different time,” he said."
    )
    assert direct(text) == [("This is a different time,", "Tom Reyes")]


def test_a_possessive_beside_the_pronoun_still_counts_when_no_one_else_is_near():
    text = (
        "Jack Pell spoke on Monday.\n\nLater deductions are no mystery given Tom Reyes's "
        "books: “I love depreciation,” he said on Tuesday."
    )
    assert direct(text) == [("I love depreciation,", "Tom Reyes")]


def test_a_name_followed_by_who_is_a_person_a_pronoun_can_find():
    text = (
        "Maren Tolliver, who lost her daughter Lucy Hale in the flood, said the city ignored "
        "her letters.\n\n“Nobody ever called us back,” she said."
    )
    assert direct(text) == [("Nobody ever called us back,", "Maren Tolliver")]


def test_a_topic_opening_with_for_is_no_preposition_object():
    text = (
        "Mara Quint and Helen Dorn run the phone bank.\n\n"
        "For Quint, a retired nurse, calling voters is a duty.\n\n"
        "“People listen to a neighbor,” she said."
    )
    assert direct(text) == [("People listen to a neighbor,", "Mara Quint")]


def test_possessive_contraction_preposition_and_modifier_are_told_apart():
    text = "Pell's been saying that Ashdown's plan fails, with Vance and Stone, said a Dorn aide."
    mentions = [
        parse_name(word, text.index(word))
        for word in ("Pell's", "Ashdown's", "Vance", "Stone", "Dorn")
    ]
    found = obliques(text, [m for m in mentions if m is not None])
    assert found.possessive == {text.index("Ashdown")}
    assert found.oblique == {text.index("Vance"), text.index("Stone"), text.index("Dorn")}


def test_a_description_that_resolved_once_is_a_role_for_the_next():
    text = (
        "Ben Okafor spoke to host Dana Whit on Sunday.\n\n“We must act now,” Okafor said. "
        "“We can win this,” the independent Maine senator added.\n\n"
        "“You think so?” Whit asked.\n\n"
        "“I do,” the senator said."
    )
    assert direct(text)[-1] == ("I do,", "Ben Okafor")


def test_a_description_built_on_another_person_s_name_is_not_the_last_speaker():
    text = (
        "Helen Dorn urged voters to back the levy, saying, “We need the seawall.”\n\n"
        "At the pier that night, the Pell supporter retorted: “We need the ferry more.”\n\n"
        "Jack Pell did not comment."
    )
    assert direct(text) == [("We need the seawall.", "Helen Dorn"), ("We need the ferry more.", None)]


def test_a_cue_in_the_sentence_after_a_closed_quote_is_not_its_speaker():
    text = (
        "On Monday, Helen Dorn tweeted, “The harbor bill passed. The gulls weep.” This sort of "
        "post, the Port Gazette claimed, breaks its rules for staff."
    )
    assert direct(text) == [("The harbor bill passed. The gulls weep.", "Helen Dorn")]


def test_a_participle_clause_after_a_fragment_names_no_speaker_by_its_object():
    text = (
        "Jack Pell welcomed the news that Tom Reyes would quit, saying the harbor master was "
        "“doing the right thing,” suggesting he might hire Reyes as a deputy."
    )
    assert direct(text) == [("doing the right thing,", "Jack Pell")]


def test_her_campaign_speaks_for_her():
    text = (
        "Helen Dorn answered questions on Monday. She defended the budget.\n\n"
        "“The mayor never met the donors,” her campaign said."
    )
    assert direct(text) == [("The mayor never met the donors,", "Helen Dorn")]


def test_a_fragment_in_a_sentence_about_another_s_family_does_not_continue_the_last_speaker():
    text = (
        "Lawyer Jack Pell said the video shows the driver leaving his car calmly.\n\n"
        "Pell also said the video is unclear. Reyes's family has called on police to release it "
        "“for the sake of transparency” and asked for calm."
    )
    assert direct(text) == [("for the sake of transparency", None)]


def test_an_office_after_a_possessive_speaks_for_its_owner():
    text = (
        "Former harbor master Tom Reyes declined an interview.\n\n"
        "“He did write to the mayor about it,” Reyes’s office said in a statement."
    )
    assert direct(text) == [("He did write to the mayor about it,", "Tom Reyes")]


def test_a_contracted_pronoun_subject_frames_a_fragment():
    text = (
        "Jack Pell spoke at the pier on Friday.\n\n"
        "He’s claiming that the ferry deal is “a very bad bargain for this town.”"
    )
    assert direct(text) == [("a very bad bargain for this town.", "Jack Pell")]


def test_a_chain_of_pronouns_reaches_back_to_a_person_of_unknown_gender():
    text = (
        "Jack Pell welcomed the new families.\n\n"
        "Oren Tal, 33, the center's coordinator, came to the harbor in 2011. Tal recalled the "
        "dark road from the airport.\n\n"
        "Soon, he found the town welcoming. Recently, he said, he has seen less of that.\n\n"
        "“The old fears are still strong here,” he said."
    )
    assert direct(text) == [("The old fears are still strong here,", "Oren Tal")]


def test_a_thing_named_in_someone_s_role_is_not_that_person():
    text = (
        "Sen. Helen Dorn, the chief negotiator on the harbor bill, spoke first.\n\n"
        "“We need it,” Dorn said.\n\n"
        "Backers of the new bill, however, say it makes the port authority an “umpire.”"
    )
    assert direct(text) == [("We need it,", "Helen Dorn"), ("umpire.", None)]


def test_fragments_in_a_sentence_whose_subject_is_his_campaign_are_his():
    text = (
        "When Helen Dorn said she would debate on the day Jack Pell had proposed, he looked "
        "surprised. His campaign protested that Dorn aides were being \"coy\" because they knew "
        "Pell \"already had booked the pier for a rally\" that day."
    )
    assert direct(text) == [
        ("coy", "Jack Pell"),
        ("already had booked the pier for a rally", "Jack Pell"),
    ]


def test_chancellor_is_a_title_so_the_first_name_tells_the_gender():
    text = (
        "The rhetoric alarms Chancellor Greta Vahl. In her speech, Vahl, who leads the coalition, "
        "warned against hate.\n\n"
        "Her countrymen, she said, should not listen to “those with coldness in their hearts.”"
    )
    assert direct(text) == [("those with coldness in their hearts.", "Greta Vahl")]


def test_someone_new_and_unnamed_takes_the_pronoun_from_the_last_speaker():
    text = (
        "“We will not give in to hate,” Chancellor Helen Dorn said on Monday.\n\n"
        "A 29-year-old local woman, meanwhile, was fined after she had posted threats online. "
        "“Out with them!” she wrote."
    )
    assert direct(text) == [
        ("We will not give in to hate,", "Helen Dorn"),
        ("Out with them!", None),
    ]


def test_the_man_is_never_the_last_speaker_when_she_is_a_woman():
    text = (
        "“We will not give in to hate,” Chancellor Helen Dorn said on Monday.\n\n"
        "A judge fined a local man after the man had posted that migrants should “go home.”"
    )
    assert direct(text) == [("We will not give in to hate,", "Helen Dorn"), ("go home.", None)]


def test_a_state_senator_description_finds_the_only_senator_named():
    text = (
        "Mayor Helen Dorn met Sen. Jack Pell on Monday.\n\n"
        "The Vermont senator emailed supporters saying: “The struggle continues.”"
    )
    assert direct(text) == [("The struggle continues.", "Jack Pell")]


def test_a_state_senator_description_between_two_senators_stays_unknown():
    text = (
        "Sen. Tom Reyes met Sen. Jack Pell on Monday.\n\n"
        "The Vermont senator emailed supporters saying: “The struggle continues.”"
    )
    assert direct(text) == [("The struggle continues.", None)]
