"""Titles of works are nobody's words, even inside a sentence that names someone."""

from __future__ import annotations

import pytest

from tests.index.quoting import direct

CASES = [
    (
        "Ann Ray was joined by Tom Bell, star of the TV show “Cake Night.”\n\n"
        "Bell praised her plan.",
        [],
    ),
    (
        "“We are seeing a backlash,” said Tom Bell, author of the book “Failure to Adjust: How "
        "Towns Got Left Behind.”",
        [("We are seeing a backlash,", "Tom Bell")],
    ),
    ("Ann Ray spoke on this week’s broadcast of “Town Hall Sunday,” and said little.", []),
    ("Ann Ray said nothing. “Daily Show” host Tom Bell laughed at her.", []),
    (
        "Ann Ray called the plan “a disaster for the Town Hall” on Monday.",
        [("a disaster for the Town Hall", "Ann Ray")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titles_named_by_their_kind_of_work_are_not_quotes(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ivo Marsh said his favourite book is 'The Quiet Orchard', and he rereads it yearly.",
            [], id="favourite-book-single-marks",
        ),
        pytest.param(
            "Ivo Marsh says that his favorite album is \"Songs for a Late Train\".",
            [], id="favorite-album-double-marks",
        ),
        pytest.param(
            "Ivo Marsh said his favourite film is 'Brief encounters at dusk', and he watched "
            "it twice.",
            [], id="favourite-film-in-sentence-case",
        ),
        pytest.param(
            "Ivo Marsh released a song called \"Rain on the roof\" in May.",
            [], id="song-called-in-sentence-case",
        ),
        pytest.param(
            "Ivo Marsh said the show was 'A total disaster for us', and left.",
            [("A total disaster for us", "Ivo Marsh")], id="a-verdict-on-a-show-is-speech",
        ),
        pytest.param(
            "Ivo Marsh thinks that his hens are \"darlings\".", [], id="one-word-scare-quote",
        ),
        pytest.param(
            "The rescue is to be told in a film dubbed 'The Long Swim Home'. Ivo Marsh said: "
            "'It was cold.'",
            [("It was cold.", "Ivo Marsh")], id="film-dubbed",
        ),
        pytest.param(
            "Ivo Marsh was mocked by a commenter known as 'sleepyheron' and by a troll called "
            "'quietwolf', who now goes by '@quiet_wolf_2'.",
            [], id="user-names-and-handles",
        ),
        pytest.param(
            "Ivo Marsh called the plan \"a waste of good money\" on Monday.",
            [("a waste of good money", "Ivo Marsh")], id="called-it-is-still-speech",
        ),
    ],
)
def test_names_titles_and_scare_quotes_are_not_statements(text, expected):
    assert direct(text) == expected


def test_a_stray_single_mark_does_not_make_the_article_british():
    text = ("'BEN, you lied to me,\" an angry Ivo Marsh told his brother on Sunday. Judge Ann "
            "Pike said the court had seen \"clear and strong evidence\" that Marsh was right.")
    assert direct(text) == [("clear and strong evidence", "Ann Pike")]
