"""Speech cues and speakers for the attribution mechanisms, on small articles written for them."""

from __future__ import annotations

import pytest

from index.quotes.extract import extract_quotes
from index.text.segment import segment
from tests.index.quoting import INTRO, direct


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            INTRO + "“It is sound,” said county inspector Ruth Alvarez. “It will reopen.”",
            [("It is sound,", "Ruth Alvarez"), ("It will reopen.", "Ruth Alvarez")],
            id="role-words-before-the-name-after-the-verb",
        ),
        pytest.param(
            INTRO + "Quint “spent well” in the first year, said harbor economist Ina Vale.",
            [("spent well", "Ina Vale")],
            id="verb-after-a-partial-quote-later-in-the-sentence",
        ),
        pytest.param(
            INTRO + "“It is sound,” said former Eastport Gov. and Harbor Board Chairman Ed Roan.",
            [("It is sound,", "Ed Roan")],
            id="two-titles-joined-by-and",
        ),
        pytest.param(
            INTRO + "Quint spoke first. She went on to say, “We will not borrow.”",
            [("We will not borrow.", "Mara Quint")],
            id="went-on-to-say",
        ),
        pytest.param(
            INTRO + "“The books are clean,” Quint surmised.",
            [("The books are clean,", "Mara Quint")],
            id="less-common-cue-verb-from-the-table",
        ),
    ],
)
def test_cue_forms(text, expected):
    assert direct(text) == expected


def test_cue_less_quote_continues_a_reported_statement():
    text = INTRO + "Quint added that the council would vote in May. “They want it settled.”"
    quotes = extract_quotes(segment(text))
    assert [(q.kind.value, q.speaker) for q in quotes] == [
        ("reported", "Mara Quint"),
        ("direct", "Mara Quint"),
    ]


def test_cue_less_quote_paragraph_after_a_reported_paragraph():
    text = INTRO + "Quint said the council would vote in May.\n\n“They want it settled.”"
    assert direct(text) == [("They want it settled.", "Mara Quint")]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        pytest.param("Calder said a temporary water taxi would run from the north pier.",
                     "a temporary water taxi would run from the north pier", id="bare-clause"),
        pytest.param("Calder said Tuesday the ferry will be late again.",
                     "the ferry will be late again", id="bare-clause-after-a-weekday"),
    ],
)
def test_reported_speech_without_that(text, clause):
    quotes = extract_quotes(segment("Harbor master Ian Calder spoke.\n\n" + text))
    assert [(q.kind.value, q.text, q.speaker) for q in quotes] == [
        ("reported", clause, "Ian Calder")
    ]


def test_said_before_a_noun_phrase_with_no_verb_is_no_report():
    quotes = extract_quotes(segment("Harbor master Ian Calder said the word twice at noon."))
    assert quotes == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The Eastport Board of Elections met on Monday.\n\n“Quint may run,” the board said.",
                     "Eastport Board of Elections", id="board"),
        pytest.param("The Harbor Workers Union voted.\n\n“We will strike,” the union said.",
                     "Harbor Workers Union", id="union"),
        pytest.param("The pier closed on Monday.\n\n“We will strike,” the union said.",
                     "the union", id="no-organization-named-is-described"),
    ],
)
def test_organization_description_takes_the_organization_named_before(text, speaker):
    assert direct(text) == [(direct(text)[0][0], speaker)]


def test_subject_of_a_subordinate_clause_is_not_the_speaker_after_a_colon():
    text = INTRO + "When Lena Ortiz asked for a loan, Quint fired back: “We will not borrow.”"
    assert direct(text) == [("We will not borrow.", "Mara Quint")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INTRO + "The ad shows Lena Ortiz asking, “Where did it go?”",
                     [("Where did it go?", "Lena Ortiz")], id="actor-named-right-before-asking"),
        pytest.param(INTRO + "Members balked, with Quint calling the plan “a fiction from start to end.”",
                     [("a fiction from start to end.", "Mara Quint")], id="with-name-calling"),
        pytest.param(INTRO + "At Monday's hearing, Quint turned to the board, saying, “We will not borrow.”",
                     [("We will not borrow.", "Mara Quint")], id="subject-after-a-leading-phrase"),
        pytest.param(INTRO + "But a few days later, Quint reversed course, telling the board “we must borrow.”",
                     [("we must borrow.", "Mara Quint")], id="a-time-phrase-is-no-subject"),
    ],
)
def test_participle_cues_find_the_actor(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The Council on Harbor Relations Director Ina Vale says that Quint’s plan is “a fiction.”",
                     [("a fiction.", "Ina Vale")], id="preposition-inside-an-organization-name"),
        pytest.param(INTRO + "A top strategist, Lena Ortiz, tells reporters that it will “drive rivals out.”",
                     [("drive rivals out.", "Lena Ortiz")], id="name-in-apposition-to-a-description"),
        pytest.param(INTRO + "Sen. Jack Reed (D-R.I.), said that the plan was “a starting point.”",
                     [("a starting point.", "Jack Reed")], id="party-tag-then-comma"),
        pytest.param(INTRO + "Gov. Pat Mora (R) said the plan was “a starting point.”",
                     [("a starting point.", "Pat Mora")], id="party-letter-only"),
    ],
)
def test_subject_forms_before_the_cue(text, expected):
    assert direct(text) == expected


def test_a_speaker_named_after_another_name_in_its_sentence_is_the_subject_for_he():
    text = (
        "Mayor Tom Reyes hired staff.\n\n"
        "Reyes adviser Carl Dunmore said in a statement that the plan is “working well.”\n\n"
        "“We see it in the numbers,” he added."
    )
    assert direct(text)[-1] == ("We see it in the numbers,", "Carl Dunmore")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INTRO + "The office declined to comment, with spokesman Carl Dunmore saying, “We wait.”",
                     [("We wait.", "Carl Dunmore")], id="with-role-name-saying"),
        pytest.param(INTRO + "Rep. Ina Vale (D), a Quint ally, spoke Friday, saying the plan “breaks barriers.”",
                     [("breaks barriers.", "Ina Vale")], id="party-tag-after-an-opening-subject"),
    ],
)
def test_participle_cue_forms(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(INTRO + "Quint praised the harbor board for its patience.\n\n“They waited a year for this.”",
                     "Mara Quint", id="narrative-paragraph-with-a-framing-verb"),
        pytest.param(INTRO + "On Monday, Quint made the following comment:\n\n“They waited a year for this.”",
                     "Mara Quint", id="colon-after-an-introducing-verb"),
        pytest.param(INTRO + "Quint walked to the pier at noon.\n\n“They waited a year for this.”",
                     None, id="narrative-without-a-framing-verb-names-no-one"),
    ],
)
def test_quote_paragraph_introduced_by_the_paragraph_before(text, speaker):
    assert direct(text) == [("They waited a year for this.", speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The Harbor Court ruled on Monday.\n\n“Voters were burdened,” the lawsuit says.",
                     None, id="a-document-is-not-the-organization-named-before"),
        pytest.param("The Harbor Court ruled on Monday.\n\n“Growth will slow,” the HPA report stated.",
                     "HPA", id="a-document-speaks-for-the-acronym-before-it"),
        pytest.param("Westmark Sen. Ada Moss and Sen. Ina Vale met.\n\n“We agree,” the Westmark senator said.",
                     "Ada Moss", id="description-words-shared-with-a-role-beat-recency"),
    ],
)
def test_descriptions_of_documents_and_roles(text, speaker):
    assert [s for _, s in direct(text)] == [speaker]


def test_a_cue_phrase_with_its_particle():
    text = INTRO + "“We are on budget,” Quint shot back. “Mostly.”\n\nPolice shot a man who was armed."
    quotes = extract_quotes(segment(text))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We are on budget,", "Mara Quint"),
        ("Mostly.", "Mara Quint"),
    ]


def test_a_recurring_transcript_label_names_its_speaker():
    text = (
        "Treasurer Mara Quint was interviewed.\n\n\"ELLIS: Are we on budget?\n\n"
        "\"QUINT: We are.\n\n\"ELLIS: For how long?\n\n\"VIDEO: The pier was on fire.\n\n"
        "\"VIDEO: Boats left.\""
    )
    assert [s for _, s in direct(text)] == ["Ellis", "Mara Quint", "Ellis", None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INTRO + "Quint recalled how the pier looked then. “It was a ruin.”",
                     [("It was a ruin.", "Mara Quint")], id="quote-after-a-framing-sentence"),
        pytest.param("Rep. Ina Vale (D-Ore.):“I have not seen that figure.”",
                     [("I have not seen that figure.", "Ina Vale")], id="name-party-tag-colon"),
        pytest.param("Former secretary of state Ina Vale:“We learned it from the board.”",
                     [("We learned it from the board.", "Ina Vale")], id="role-of-place-then-name-colon"),
        pytest.param("Eastport’s harbor master, Ilse Varga, spoke.\n\n“It is sound,” she said.",
                     [("It is sound,", "Ilse Varga")], id="possessive-role-before-an-unknown-name"),
    ],
)
def test_more_cue_forms(text, expected):
    assert direct(text) == expected


def test_a_cue_in_the_next_sentence_does_not_name_the_object_after_it():
    text = (
        "Harbor master Ian Calder spoke.\n\n"
        "Calder vowed to end “the wasteful dredging.” He repeated it Monday, saying he would "
        "direct Harbor Works Authority “to stop at once.”"
    )
    assert [s for _, s in direct(text)] == ["Ian Calder", "Ian Calder"]


def test_a_demonym_is_the_person_just_quoted_never_a_name():
    text = INTRO + "“We are on budget,” Quint said. “For now,” the Ohioan said.\n\n“Yes,” the Ohioan said."
    assert [s for _, s in direct(text)] == ["Mara Quint", "Mara Quint", "Mara Quint"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Rep. Ina Vale and Rep. Ed Roan wrote to the board.\n\n"
            "“The figures are vague,” Vale and Roan wrote. “We want answers.”",
            [("The figures are vague,", "Ina Vale and Ed Roan"),
             ("We want answers.", "Ina Vale and Ed Roan")],
            id="two-names-joined-by-and",
        ),
        pytest.param(
            "Sens. Ina Vale, Ed Roan and Ian Calder said, “This is troubling.”",
            [("This is troubling.", "Ina Vale, Ed Roan and Ian Calder")],
            id="a-list-of-names-after-a-plural-title",
        ),
    ],
)
def test_names_joined_by_and_speak_together_never_the_last_alone(text, expected):
    assert direct(text) == expected


def test_they_after_a_joint_statement_is_the_group():
    text = (
        "Rep. Ina Vale and Rep. Ed Roan wrote to the board.\n\n"
        "“The figures are vague,” Vale and Roan wrote. They added that the board had “a duty to "
        "explain itself.”"
    )
    assert direct(text)[-1] == ("a duty to explain itself.", "Ina Vale and Ed Roan")


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        pytest.param("Quint Said Reform “Has To Come From The Banks Themselves.”",
                     "Has To Come From The Banks Themselves.", id="name-then-said"),
        pytest.param("Quint Said That The Blame Placed On The United States Banks “Was Avoidable.”",
                     "Was Avoidable.", id="first-verb-not-a-later-capitalized-verb"),
        pytest.param("When A Banker Said She Gave To Quint, Mara Quint Joked “You Are Too Kind.”",
                     "You Are Too Kind.", id="the-phrase-after-the-last-comma"),
    ],
)
def test_a_title_case_heading_names_the_speaker_of_its_quotes(heading, expected):
    text = INTRO + heading + " “I said it then and I say it now.”"
    assert direct(text) == [(expected, "Mara Quint"), ("I said it then and I say it now.", "Mara Quint")]


def test_a_title_case_heading_with_a_role_and_no_name_names_no_one():
    text = INTRO + "Harbor Bank Representative Thanked Quint For Coming. “Thank you for this.”"
    assert direct(text) == [("Thank you for this.", None)]


def test_a_fragment_that_ends_its_sentence_takes_no_cue_from_the_next_sentence():
    text = (
        "Harbor master Ian Calder and Judge Ina Vale spoke.\n\n"
        "Calder called the delay “absurd.” Judge Ina Vale wrote a letter to the board on Monday."
    )
    assert direct(text) == [("absurd.", "Ian Calder")]


def test_the_object_of_a_framing_verb_is_not_the_speaker_of_a_later_quote():
    text = (
        "Harbor master Ian Calder and Judge Ina Vale spoke.\n\n"
        "For months, Calder had warmly praised Vale, stating there was a benefit to her "
        "“steady hand on the board.”"
    )
    assert direct(text) == [("steady hand on the board.", "Ian Calder")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INTRO + "Quint flatly said, “We will not borrow.”",
                     [("We will not borrow.", "Mara Quint")], id="an-ly-adverb-before-the-verb"),
        pytest.param(INTRO + "“We will not borrow,” the family said.",
                     [("We will not borrow,", "the family")], id="family-is-no-adverb"),
    ],
)
def test_adverbs_between_subject_and_verb(text, expected):
    assert direct(text) == expected


def test_a_cue_in_a_subordinate_clause_after_a_fragment_is_not_its_speaker():
    text = (
        "Harbor master Ian Calder and Judge Ina Vale spoke.\n\n"
        "Calder says he was “on the fence” until Vale said she backed the plan."
    )
    assert direct(text) == [("on the fence", "Ian Calder")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("“We welcome them,” said master of ceremonies Ina Vale, an engineer.",
                     [("We welcome them,", "Ina Vale")], id="master-of-ceremonies"),
        pytest.param("“It is a duty,” said former secretary of state Ed Roan, who praised it.",
                     [("It is a duty,", "Ed Roan")], id="secretary-of-state"),
    ],
)
def test_a_role_with_of_before_the_name_after_the_verb(text, expected):
    assert direct(text) == expected


def test_a_quote_whose_own_cue_names_no_one_does_not_take_the_previous_speaker():
    text = INTRO + "“It is on budget,” said Quint.\n\n“It is late,” said one of the organizers."
    assert direct(text) == [("It is on budget,", "Mara Quint"), ("It is late,", None)]


def test_an_honorific_never_names_a_person_of_the_other_gender():
    text = (
        "Former President Ed Roan spoke first.\n\n"
        "“We will win,” Mrs. Roan said.\n\n“She will win,” Mr. Roan said."
    )
    speakers = [speaker for _, speaker in direct(text)]
    assert speakers[1] == "Ed Roan"
    assert speakers[0] != "Ed Roan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Harbor master Ian Calder spoke. Eastport’s harbor attorney, Ed Roan, vowed to fight "
            "“anyone who attacks our harbor.”",
            [("anyone who attacks our harbor.", "Ed Roan")],
            id="possessive-role-then-the-name-in-apposition",
        ),
        pytest.param(
            "Rep. Ina Vale (D-Ore.), noting the size of the crowd, said, “Let me tell you, it is big.”",
            [("Let me tell you, it is big.", "Ina Vale")],
            id="party-tag-before-an-appositive-clause",
        ),
    ],
)
def test_subjects_behind_appositives(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        pytest.param("Calder’s office called the suit “meritless and improper.”", "Ian Calder",
                     id="an-office-speaks-for-its-owner"),
        pytest.param("Calder’s doctor said he was “extremely fit and strong for his age.”", None,
                     id="a-person-of-their-own-does-not"),
        pytest.param("Calder’s wins on Tuesday refute the “regional candidate with no reach” label.", None,
                     id="nor-does-a-thing"),
    ],
)
def test_an_owner_opening_the_sentence_speaks_only_through_an_office(sentence, speaker):
    text = "Harbor master Ian Calder spoke.\n\n" + sentence
    assert [s for _, s in direct(text)] == [speaker]


def test_a_colon_lead_in_names_its_speaker_before_the_previous_speaker_continues():
    text = (
        "Harbor master Ian Calder and Judge Ina Vale spoke.\n\n"
        "Vale could “do some kind of order,” said Calder. Vale resisted:  “Judges do not have "
        "that power.”"
    )
    assert direct(text)[-1] == ("Judges do not have that power.", "Ina Vale")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Harbor master Ian Calder spoke.\n\n“We have never seen this. You assume they know.\n"
            "Mo Roe, Harbor Institute scholar, on the plan.”",
            ("We have never seen this. You assume they know.", "Mo Roe"),
            id="the-quote-s-last-line",
        ),
        pytest.param(
            "Harbor master Ian Calder spoke.\n\n“Great speech. She is ready.”\n\n"
            "-Mayor Ina Vale, writing after the speech.",
            ("Great speech. She is ready.", "Ina Vale"),
            id="a-dash-line-below",
        ),
    ],
)
def test_a_credit_line_names_the_speaker(text, expected):
    assert direct(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Mayor Ina Vale listed her plans.\n\n“We have three priorities this year.”\n\n"
            "- Affordable Housing.\n\n- Public Transit.\n\n- Green Parks.",
            id="a-dashed-list-below",
        ),
        pytest.param(
            "Mayor Ina Vale spoke.\n\n“We have three priorities this year:\n\n"
            "– Harbor Repairs, first of all.”",
            id="a-dash-line-inside-the-open-quote",
        ),
    ],
)
def test_a_dash_line_that_is_no_credit_names_no_one(text):
    assert [speaker for _, speaker in direct(text)] in ([None], ["Ina Vale"])


def test_a_short_fragment_at_a_speech_cue_is_kept_with_its_unnamed_speaker():
    text = (
        "Harbor master Ian Calder spoke.\n\n"
        "A harbor engineer called it “a bad idea.” A rally drew a “huge crowd.”"
    )
    assert direct(text) == [("a bad idea.", "a harbor engineer")]


def test_a_name_modifying_a_role_is_not_the_sentence_subject_for_he():
    text = (
        "Sen. Ina Vale spoke on Monday. “I have nothing to fear,” Vale said.\n\n"
        "Vale spokesman Ed Roan said the campaign will show that Vale has “guiding principles "
        "for every decision,” he said."
    )
    assert direct(text)[-1] == ("guiding principles for every decision,", "Ed Roan")


def test_a_clause_set_off_by_commas_before_the_speaker_after_the_quote():
    text = (
        "Former Gov. Ed Rendell and Sen. Ina Vale spoke.\n\n"
        "Vale “has a right to contest every primary,” just as Vale did in 2008, Rendell added."
    )
    assert direct(text) == [("has a right to contest every primary,", "Ed Rendell")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(INTRO + "Quint on Tuesday called on the board to “look inside” itself.",
                     [("look inside", "Mara Quint")], id="a-day-between-subject-and-verb"),
        pytest.param(INTRO + "Quint in the past has said, “We will not borrow.”",
                     [("We will not borrow.", "Mara Quint")], id="in-the-past"),
    ],
)
def test_time_phrases_between_subject_and_verb(text, expected):
    assert direct(text) == expected


def test_a_cue_that_introduces_the_next_quote_is_not_the_last_one_s():
    text = (
        "Harbor master Ian Calder and Judge Ina Vale spoke.\n\n"
        "Calder called it “a long delay” on Monday. In May, Vale firmly said at the pier, "
        "“It is sound. It will hold.” The judge reiterated: “I know the rules.”"
    )
    assert [s for _, s in direct(text)] == ["Ian Calder", "Ina Vale", "Ina Vale"]


def test_a_fragment_in_a_sentence_with_its_own_subject_does_not_continue_the_last_speaker():
    text = (
        "Harbor master Ian Calder spoke.\n\n"
        "Calder said the pier would reopen in May. His office protested that critics were being "
        "“wholly disingenuous about the harbor plan.”"
    )
    assert direct(text) == [("wholly disingenuous about the harbor plan.", None)]


def test_a_relative_who_before_the_cue_is_the_name_it_follows():
    text = (
        "Sen. Ina Vale won.\n\n"
        "On Thursday, Vale got an endorsement from Sen. Ed Roan, who declared in the spin room, "
        "“I am sending the signal.”"
    )
    assert direct(text) == [("I am sending the signal.", "Ed Roan")]


def test_a_name_modifying_a_role_gives_the_subject_to_the_name_after_the_role():
    text = (
        "Mayor Ina Vale spoke.\n\n"
        "Vale press secretary Ed Roan issued a statement slamming the story as “faulty and "
        "reliant on flawed data.”"
    )
    assert direct(text) == [("faulty and reliant on flawed data.", "Ed Roan")]


@pytest.mark.parametrize(
    ("first", "pronoun"),
    [("Michaela", "she"), ("Woodrow", "he"), ("Dorothy", "she"), ("Mitt", "he")],
)
def test_pronoun_finds_a_person_known_only_by_a_common_first_name(first, pronoun):
    """A first name outside the old short list still gives the pronoun its gender."""
    other = "Hank Ferro" if pronoun == "she" else "Lena Ferro"
    text = (
        f"{first} Adeyemi praised {other} in a video on Tuesday, where {pronoun} said, "
        "“The harbor plan is the best we have seen.”"
    )
    assert direct(text) == [("The harbor plan is the best we have seen.", f"{first} Adeyemi")]


TWO_RIVALS = "Mayor Ada Lind and Councilman Otto Brenner met on Monday.\n\n"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        pytest.param(
            "Lind proposed a vote in May, but Brenner rejected the idea as “reckless and bad "
            "for the harbor” at once.",
            "Otto Brenner",
            id="but-clause-with-a-subject-of-its-own",
        ),
        pytest.param(
            "Lind proposed a vote in May - but the Brenner campaign rejected the idea as "
            "“reckless and bad for the harbor” at once.",
            "Otto Brenner",
            id="but-clause-whose-subject-is-a-campaign",
        ),
        pytest.param(
            "Lind proposed a vote in May, but called the delay “reckless and bad for the "
            "harbor” at once.",
            "Ada Lind",
            id="but-clause-without-a-subject-keeps-the-sentence-subject",
        ),
    ],
)
def test_fragment_in_a_clause_goes_to_that_clause_subject(sentence, speaker):
    assert direct(TWO_RIVALS + sentence) == [("reckless and bad for the harbor", speaker)]


def test_plural_noun_tweets_before_a_colon_is_no_cue():
    """ "in a series of tweets:" is not the verb "tweets": the sentence's subject speaks."""
    text = INTRO + "Quint swiped at Ortiz in a series of tweets: “The board never reads the budget.”"
    assert direct(text) == [("The board never reads the budget.", "Mara Quint")]


def test_first_name_given_beside_a_family_word_is_a_person_of_that_gender():
    """ "Lind's wife, Zelda," introduces Zelda: a later "she" is hers, not an earlier woman's."""
    text = (
        "Mayor Ed Lind and Councilwoman Ann Varga spoke on Monday.\n\n"
        "On Monday night, Lind's wife, Zelda, is scheduled to speak. She is often by her "
        "husband's side. At a rally this spring, she described Lind as “kind and caring with a "
        "great heart for the people.”"
    )
    assert direct(text) == [("kind and caring with a great heart for the people.", "Zelda")]


@pytest.mark.parametrize(
    ("between", "speaker"),
    [
        pytest.param("Harbor Chief Jo Lind says the pier is safe.", "Jo Lind", id="subject"),
        pytest.param("Critics shared a photo of Jo Lind at the pier.", "Ed Lind", id="object"),
    ],
)
def test_bare_surname_after_another_family_member_named_in_the_paragraph_before(
    between, speaker
):
    """A bare "Lind" after a paragraph that named Jo Lind is Jo only if Jo was its subject."""
    text = (
        "Mayor Ed Lind opened the fair on Monday.\n\n"
        f"{between}\n\n"
        "“The pier will stay open all summer,” Lind said."
    )
    assert direct(text) == [("The pier will stay open all summer,", speaker)]


def test_description_with_a_proper_word_the_role_lacks_names_no_one():
    """ "The Florida senator" is not the Iowa senator the article introduced: described instead."""
    text = (
        "Iowa Sen. Joan Ernst spoke at the rally on Monday.\n\n"
        "The Florida senator told reporters, “We will see what it translates to next week.”"
    )
    assert direct(text) == [("We will see what it translates to next week.", "the Florida senator")]
