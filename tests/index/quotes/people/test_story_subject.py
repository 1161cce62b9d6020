"""A description no role introduced ("the double world champion", "the Leeds fly-half") is the
one person the narrative is about there (topic.py); whenever the text leaves room for someone
else, it stays the description, never a guessed name. Office words keep roles apart ("the
chancellor" is not the "shadow chancellor")."""

from __future__ import annotations

import pytest

from tests.index.quoting import direct

CASES = [
    pytest.param(
        "Nadia Volkova has withdrawn from next week's indoor meeting with a calf strain.\n\n"
        "The double world champion said: “It is a blow, but I will be back.”",
        [("It is a blow, but I will be back.", "Nadia Volkova")],
        id="the_one_the_sentence_before_is_about",
    ),
    pytest.param(
        "Coach Ivo Brandt praised the juniors.\n\n"
        "Tomas Reyna, who will captain the side next month, was thrilled by the call.\n\n"
        "“It is a real honour to lead these lads,” said the Harrow scrum-half.",
        [("It is a real honour to lead these lads,", "Tomas Reyna")],
        id="a_cue_after_the_quote_reads_the_narrative_before_the_quote",
    ),
    pytest.param(
        "Despite the defeat, Peter Ansel backed his young striker.\n\n"
        "“He will score plenty,” the former Ajax coach told reporters.",
        [("He will score plenty,", "Peter Ansel")],
        id="an_opening_phrase_before_the_subject",
    ),
    pytest.param(
        "Carla Menz was stopped at the border. She stared at the officer in silence.\n\n"
        "The officer said: “You need to come with me.”",
        [("You need to come with me.", "the officer")],
        id="a_noun_the_text_used_for_someone_unnamed_is_that_one",
    ),
    pytest.param(
        "Olga Brisk has left the band after ten years.\n\n"
        "The lead guitarist's manager said: “She wants a rest.”",
        [("She wants a rest.", "the lead guitarist's manager")],
        id="someone_s_description_is_not_the_one_it_is_about",
    ),
    pytest.param(
        "Martin Hale was injured in training on Friday.\n\n"
        "The actress said: “We all wish him well.”",
        [("We all wish him well.", "the actress")],
        id="a_noun_of_the_other_gender",
    ),
    pytest.param(
        "Mr. Dace criticised Rita Vance on Monday after the party leader had called him "
        "“a relic.”",
        [("a relic.", "the party leader")],
        id="a_description_in_a_clause_after_someone_else_is_named",
    ),
    pytest.param(
        "A stirring Hugo Marsh advert ran all week.\n\n"
        "As music played, the narrator said: “Tomorrow is ours.”",
        [("Tomorrow is ours.", "the narrator")],
        id="a_name_inside_a_noun_phrase_is_no_subject",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_story_subject(text, expected):
    found = direct(text)
    for quote, speaker in expected:
        assert (quote, speaker) in found or (speaker is None and quote not in dict(found)), found


def test_the_chancellor_is_not_the_shadow_chancellor():
    text = (
        "Ben Stroud, the shadow chancellor, attacked the plan on Monday.\n\n"
        "“It is reckless,” Stroud said.\n\n"
        "Later, the chancellor said the plan would “pay for itself.”"
    )
    assert ("pay for itself.", "Ben Stroud") not in direct(text)
