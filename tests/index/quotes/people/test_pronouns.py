"""Which person a "he" or "she" at a speech cue stands for: the most salient one, never a guess."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.quotes.people import pronouns
from tests.index.quoting import direct

CASES = [
    pytest.param(
        "Terry Ashdown chairs the harbor board. Jack Pell leads the fishermen's union.\n\n"
        "Ashdown sees the plan more calmly. She said she would rather see the money spent to "
        "re-elect Mayor Helen Dorn than on a fight over the docks.\n\n"
        "“They are trying to stop the ferry for good,” she said.",
        [("They are trying to stop the ferry for good,", "Terry Ashdown")],
        id="a_narrative_she_after_a_surname_subject_tells_that_person_s_gender",
    ),
    pytest.param(
        "Helen Dorn opened the hearing. In an interview, she joked about leaving town if Jack "
        "Pell won. He laughed.\n\n“We will see,” she said.",
        [("We will see,", "Helen Dorn")],
        id="a_narrative_he_after_a_sentence_about_someone_else_tells_nothing",
    ),
    pytest.param(
        "Jack Pell asked Tom Ashdown about the ferry. Ashdown spoke about the budget instead.\n\n"
        "Was Pell satisfied with Ashdown's answer?\n\n“Only in part,” he said.",
        [("Only in part,", "Jack Pell")],
        id="the_subject_of_a_question_outranks_a_possessive",
    ),
    pytest.param(
        "Tom Reyes, who ran the port for a decade, says the board needs a plan.\n\n"
        "Though the last vote was easy, he said, the next one could bring lobbying by allies of "
        "Mark Stone and Peter Vance.\n\n"
        "“This is a different time,” he said.",
        [("This is a different time,", "Tom Reyes")],
        id="a_chain_of_narrative_pronouns_outranks_objects_of_a_preposition",
    ),
    pytest.param(
        "Jack Pell spoke on Monday.\n\nLater deductions are no mystery given Tom Reyes's "
        "books: “I love depreciation,” he said on Tuesday.",
        [("I love depreciation,", "Tom Reyes")],
        id="a_possessive_beside_the_pronoun_still_counts_when_no_one_else_is_near",
    ),
    pytest.param(
        "Maren Tolliver, who lost her daughter Lucy Hale in the flood, said the city ignored "
        "her letters.\n\n“Nobody ever called us back,” she said.",
        [("Nobody ever called us back,", "Maren Tolliver")],
        id="a_name_followed_by_who_is_a_person_a_pronoun_can_find",
    ),
    pytest.param(
        "Mara Quint and Helen Dorn run the phone bank.\n\n"
        "For Quint, a retired nurse, calling voters is a duty.\n\n"
        "“People listen to a neighbor,” she said.",
        [("People listen to a neighbor,", "Mara Quint")],
        id="a_topic_opening_with_for_is_no_preposition_object",
    ),
    pytest.param(
        "Helen Dorn answered questions on Monday. She defended the budget.\n\n"
        "“The mayor never met the donors,” her campaign said.",
        [("The mayor never met the donors,", "Helen Dorn")],
        id="her_campaign_speaks_for_her",
    ),
    pytest.param(
        "Jack Pell welcomed the new families.\n\n"
        "Oren Tal, 33, the center's coordinator, came to the harbor in 2011. Tal recalled the "
        "dark road from the airport.\n\n"
        "Soon, he found the town welcoming. Recently, he said, he has seen less of that.\n\n"
        "“The old fears are still strong here,” he said.",
        [("The old fears are still strong here,", "Oren Tal")],
        id="a_chain_of_pronouns_reaches_back_to_a_person_of_unknown_gender",
    ),
    pytest.param(
        "The rhetoric alarms Chancellor Greta Vahl. In her speech, Vahl, who leads the coalition, "
        "warned against hate.\n\n"
        "Her countrymen, she said, should not listen to “those with coldness in their hearts.”",
        [("those with coldness in their hearts.", "Greta Vahl")],
        id="chancellor_is_a_title_so_the_first_name_tells_the_gender",
    ),
    pytest.param(
        "“We will not give in to hate,” Chancellor Helen Dorn said on Monday.\n\n"
        "A 29-year-old local woman, meanwhile, was fined after she had posted threats online. "
        "“Out with them!” she wrote.",
        [
            ("We will not give in to hate,", "Helen Dorn"),
            ("Out with them!", None),
        ],
        id="someone_new_and_unnamed_takes_the_pronoun_from_the_last_speaker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_pronoun_names_the_most_salient_compatible_person(text, expected):
    assert direct(text) == expected


def test_paragraphs_run_together_bind_he_to_the_sentence_before() -> None:
    # Tabloid copy with its paragraph breaks lost: another man named earlier in the run-on
    # paragraph does not stop "He said" from continuing the subject of the sentence before.
    text = (
        "Tarrin Voss was once the best fighter around, but he now sells tweets for $20 He was "
        "once a champion with a fortune. Now Tarrin Voss, of Leeds, has found himself tweeting "
        "adverts for anyone who pays him. The 46-year-old offered to 'tweet anything' for cash. "
        "His offer seems a far cry from the days he was the only man who could beat Dario Kell. "
        "Voss explained his plan to his followers in a post. "
        "He said: 'I will fight anyone for a fair purse.' One post read: 'Kell is twice the "
        "fighter I ever was.' In others he posted adverts for hotels. "
        "He wrote: 'I help the little guy.'"
    )
    quotes = direct(text)
    assert quotes[0] == ("I will fight anyone for a fair purse.", "Tarrin Voss")
    assert quotes[-1] == ("I help the little guy.", "Tarrin Voss")


_NEWCOMER_PIECES = ["A", "a", "An", "One", "one", "woman", "police officer", "officers", "mother",
                    "29-year-old", "Berlin", "said", ".", "!", "?", "”", "'", " ", "  ", "\n", ", ",
                    "she", "Ann Lee"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NEWCOMER_PIECES), max_size=14).map(" ".join))
def test_new_people_are_the_new_person_pattern_s_matches_in_every_window(text: str) -> None:
    """pronouns.new_people reads from the marks (and the text's start) what the pattern's
    finditer finds at every character: the same matches in every window."""
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            found = [(m.span(), m.span("noun")) for m in pronouns._NEW_PERSON.finditer(text, start, end)]
            mine = [(m.span(), m.span("noun")) for m in pronouns.new_people(text, start, end)]
            assert mine == found, (text, start, end)
