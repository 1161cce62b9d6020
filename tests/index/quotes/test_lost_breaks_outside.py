"""Daily Mail copy read outside the dev sets (issue 18): captions and sentence breaks lost in the
text, so a caption's words run into a quote, a cue or a name."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes if quote.is_direct]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Speaking after the hearing, Detective Anna Price said: 'He kept calling her. "
            "'He showed no signs of stopping. Tom Reed was serving time at the prison (pictured) "
            "when he began contacting the woman 'This is a highly unusual case.'",
            [
                ("He kept calling her.", "Anna Price"),
                ("He showed no signs of stopping.", "Anna Price"),
                ("This is a highly unusual case.", "Anna Price"),
            ],
            id="a_quote_resumed_after_a_caption_reads_no_cue_from_it",
        ),
        pytest.param(
            "In a statement Jo Banks said: 'The club will stand by him. 'The club will make no "
            "further comment.' His solicitor, Liam Doyle, told the court that the reports were "
            "encouraging.",
            [
                ("The club will stand by him.", "Jo Banks"),
                ("The club will make no further comment.", "Jo Banks"),
            ],
            id="a_cue_with_its_own_clause_after_a_full_stop_is_the_next_sentence",
        ),
        pytest.param(
            "Alec Stewart wants the job. Test matches: 133 Stats via Cricinfo But Stewart said: "
            "'I would listen to them.'",
            [("I would listen to them.", "Alec Stewart")],
            id="a_name_starts_after_a_capitalized_conjunction",
        ),
        pytest.param(
            "Eugenie Bouchard lost again on Wednesday. Bouchard fires down a serve during her "
            "match at the Family Circle Cup Bouchard shows her frustrations during her defeat "
            "The match ended on a forehand into the net. Bouchard said: 'I know something is off.'",
            [("I know something is off.", "Eugenie Bouchard")],
            id="a_caption_run_into_a_known_surname_is_that_person",
        ),
        pytest.param(
            "David Lane, prosecuting, told the court the nurse knew the doctor. Mr Lane said: "
            "'He put his hand on her shoulder.' She said: 'I was shocked.'",
            [("He put his hand on her shoulder.", "David Lane"), ("I was shocked.", None)],
            id="she_after_a_quote_sentence_is_not_a_male_named_speaker",
        ),
        pytest.param(
            "Kelvin Meadows of Arsenal's Black Scarf Movement, who organised the protest, called "
            "ticket prices unfair. 'Football has sold its soul,' he said.",
            [("Football has sold its soul,", "Kelvin Meadows")],
            id="a_person_of_a_body_with_an_owner_is_the_person",
        ),
        pytest.param(
            "Singer Daniel Buccheri toasted his brother at the wedding. Speaking to the Herald "
            "Sun Daniel said: 'I did not expect the room to react so strongly.'",
            [("I did not expect the room to react so strongly.", "Daniel Buccheri")],
            id="a_title_run_into_a_first_name_is_the_person_named_in_full",
        ),
        pytest.param(
            "Blackburn manager Gary Bowyer expects interest in his players. Their failure to do "
            "so caused the Football League to place them under an embargo which Bowyer knows has "
            "left him short. 'We have to do as much as we can with this embargo,' he added.",
            [("We have to do as much as we can with this embargo,", "Gary Bowyer")],
            id="a_league_is_no_one_he_can_be",
        ),
        pytest.param(
            "Alec Stewart has expressed his interest in the job after the sacking of Managing "
            "Director Paul Downton. Stewart, who played 133 Tests, has not yet been approached. "
            "But he said: 'When England come calling, you should not say no.'",
            [("When England come calling, you should not say no.", "Alec Stewart")],
            id="his_before_anyone_else_is_named_tells_the_subject_s_gender",
        ),
    ],
)
def test_lost_breaks(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert speakers(text) == expected
