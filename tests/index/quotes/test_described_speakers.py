"""A speaker the article describes without naming ("…," said a Nevada Democrat) is the speaker
as the article words it, trimmed to its noun phrase; a description the article ties to someone
it named still resolves to that name; a lone pronoun nobody fits stays unknown."""

from __future__ import annotations

import pytest

from index.models import Quote, is_described
from index.quotes.analyze import analyze
from index.quotes.speakers import speaker_table


def quotes(text: str) -> list[Quote]:
    return [q for q in analyze(text).quotes if q.is_direct]


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Harry Reid spoke in Reno on Monday.\n\n"
            "“We will win this state,” said a Nevada Democrat. “It is not close.”",
            [("We will win this state,", "a Nevada Democrat"), ("It is not close.", "a Nevada Democrat")],
            id="a-description-carries-to-the-statement-it-opens",
        ),
        pytest.param(
            "“The suspect was arrested at noon,” a police spokesman said.",
            [("The suspect was arrested at noon,", "a police spokesman")],
            id="a-spokesman-for-no-body",
        ),
        pytest.param(
            "“We are not going to negotiate,” said a senior White House official.",
            [("We are not going to negotiate,", "a senior White House official")],
            id="capitalized-words-inside-a-description",
        ),
        pytest.param(
            "“This bill is dead,” one Republican lawmaker said.",
            [("This bill is dead,", "one Republican lawmaker")],
            id="one-before-the-verb",
        ),
        pytest.param(
            "“It is over,” said a New Hampshire Republican, who, like all respondents, "
            "responded anonymously.",
            [("It is over,", "a New Hampshire Republican")],
            id="trimmed-to-its-noun-phrase",
        ),
        pytest.param(
            "A Nevada Democrat said: “She needs to exceed expectations.”",
            [("She needs to exceed expectations.", "a Nevada Democrat")],
            id="sentence-opening-determiner-in-lower-case",
        ),
        pytest.param(
            "Mayor Ann Lee spoke first.\n\n“We will rebuild,” the official said.",
            [("We will rebuild,", "the official")],
            id="an-unresolved-definite-description",
        ),
    ],
)
def test_a_described_speaker_is_the_article_s_words(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Sen. Jane Holt spoke in Reno.\n\n“We will win,” the senator said.",
            "Jane Holt",
            id="a-role-the-article-gave-resolves",
        ),
        pytest.param(
            "“We are investigating,” a Scotland Yard spokesman said.",
            "Scotland Yard",
            id="a-spokesman-speaks-for-the-body-named",
        ),
        pytest.param("“We will win,” he said.", None, id="a-lone-pronoun-stays-unknown"),
        pytest.param(
            "Mayor Ann Lee spoke. “We will rebuild,” the latter said.",
            None,
            id="a-pointing-word-describes-no-one",
        ),
        pytest.param(
            "“Costs doubled,” the report said.",
            None,
            id="a-document-is-no-speaker",
        ),
    ],
)
def test_what_resolves_or_stays_unknown(text, expected):
    assert [speaker for _, speaker in speakers(text)] == [expected]


def test_a_fragment_in_a_later_sentence_is_not_carried():
    text = (
        "“We will win,” said a Nevada Democrat. Turnout, analysts say, will be “decisive.”"
    )
    assert speakers(text)[0][1] == "a Nevada Democrat"
    assert all(speaker != "a Nevada Democrat" for _, speaker in speakers(text)[1:])


def test_a_described_speaker_is_unnamed_and_no_person():
    found = quotes(
        "Mayor Ann Lee opened the bridge.\n\n“It is a great day,” Lee said.\n\n"
        "“It is late and over budget,” a city engineer said."
    )
    assert [(q.speaker, q.speaker_named) for q in found] == [
        ("Ann Lee", True), ("a city engineer", False),
    ]
    assert [s.name for s in speaker_table(tuple(found))] == ["Ann Lee"]


@pytest.mark.parametrize(
    ("speaker", "described"),
    [
        ("a Nevada Democrat", True),
        ("the official", True),
        ("one Republican lawmaker", True),
        ("Ann Lee", False),
        ("The Hague", False),  # a name: the extractor stores a description in lower case
        ("Anna Smith", False),
        (None, False),
    ],
)
def test_is_described_reads_the_stored_speaker(speaker, described):
    assert is_described(speaker) is described


def test_a_continued_described_statement_keeps_its_description():
    # The described speaker's next paragraph is theirs, not the last named speaker's: found
    # again with no place of its own, "the Azzurri coach" fell to whoever was quoted before.
    text = (
        "“I am glad to be here,” Oskar Vidal said.\n\n"
        "Talk of a rift with Jose Ruiz was laughed off. “We spoke twice this year,” said the Azzurri coach.\n\n"
        "“He is like me: he hates losing. I wanted him at my old club.”"
    )
    assert [q.speaker for q in quotes(text)] == [
        "Oskar Vidal", "the Azzurri coach", "the Azzurri coach",
    ]


def test_a_plural_use_of_the_noun_introduces_no_one() -> None:
    # "Republicans" before names a group, not someone unnamed the later "the Ohio Republican" could be
    text = (
        "Senate Republicans blocked the bill on Tuesday.\n\nSenator Ruth Baylor said, \"This bill "
        "is a gift to the banks.\"\n\nThe Ohio Republican added, \"It will not pass.\""
    )
    assert speakers(text)[-1] == ("It will not pass.", "Ruth Baylor")
