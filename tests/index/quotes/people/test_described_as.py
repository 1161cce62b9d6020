"""A description at a cue ("the mother-of-two", "the Labour MP", "the fighter ace") stands for
the one person the article introduced with those words, whatever the noun; with two such people,
or none, for no one: the speaker is then the description as the article words it."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Nadia Firth, a mother-of-two from Hull, lost her appeal on Monday. Her landlord, "
            "Colin Marsh, was in court.\n\n'I will keep fighting,' the mother-of-two said.",
            [("I will keep fighting,", "Nadia Firth")],
            id="a-compound-noun-in-apposition",
        ),
        pytest.param(
            "Green MP Ruth Akers opened the debate. Owen Pryce, the council leader, replied.\n\n"
            "'This plan is a scandal,' the Green MP said.",
            [("This plan is a scandal,", "Ruth Akers")],
            id="a-capitalized-role-before-the-name-is-no-name",
        ),
        pytest.param(
            "Green MP Ruth Akers opened the debate. Green MP Owen Pryce replied.\n\n"
            "'This plan is a scandal,' the Green MP said.",
            [("This plan is a scandal,", None)],
            id="two-people-fit-the-description",
        ),
        pytest.param(
            "Arthur Penn, a fighter ace, planned the escape with Lisa Crane.\n\n"
            "The fighter ace later called it 'the finest plan of the war'.",
            [("the finest plan of the war", "Arthur Penn")],
            id="a-description-framing-a-fragment",
        ),
        pytest.param(
            "Arthur Penn, a fighter ace, planned the escape with Lisa Crane.\n\n"
            "'We went at dawn,' the pilot said.",
            [("We went at dawn,", "the pilot")],
            id="other-words-than-the-article-used-name-no-one",
        ),
        pytest.param(
            "Nadia Firth, a mother-of-two from Hull, lost her appeal. Colin Marsh, a "
            "mother-of-two from York, won his.\n\n'I will keep fighting,' the mother-of-two said.",
            [("I will keep fighting,", "the mother-of-two")],
            id="two-mothers-of-two",
        ),
        pytest.param(
            "Nadia Firth, a mother-of-two and reality TV star, lost her appeal. Colin Marsh "
            "was in court.\n\nThe mother-of-two, from Hull, said: 'I will keep fighting.'",
            [("I will keep fighting.", "Nadia Firth")],
            id="one-of-two-roles-joined-by-and",
        ),
    ],
)
def test_description_names_the_one_introduced_so(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert speakers(text) == expected


def test_a_word_of_a_role_s_complement_is_no_head() -> None:
    text = (
        "Lena Korba, the transport ministry chief of staff, spoke first.\n\n"
        "'We will pay on time,' Korba said.\n\n"
        "'No decision has been taken,' the ministry said in a statement."
    )
    assert speakers(text) == [
        ("We will pay on time,", "Lena Korba"),
        ("No decision has been taken,", "the ministry"),
    ]


def test_an_indefinite_description_is_someone_new() -> None:
    text = (
        "Finance official Piet Oran spoke on Monday.\n\n"
        "'We will pay,' Oran said. 'We may need more time,' a senior official told reporters."
    )
    assert speakers(text) == [
        ("We will pay,", "Piet Oran"),
        ("We may need more time,", "a senior official"),
    ]


def test_a_body_named_by_a_description_speaks_as_the_head_noun() -> None:
    text = (
        "Minister Lena Korba denied the report, as did the Danish transport ministry.\n\n"
        "'No decision has been taken,' the ministry said."
    )
    assert speakers(text) == [("No decision has been taken,", "Danish transport ministry")]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("the Northern Irishman", "Rory Hale"),  # by origin: the one just quoted
        ("the Spaniard", "Rory Hale"),
        # no name: the one the story is about, whom it re-describes (topic.py); it was left
        # as "the Oscar-winner" before the story's subject was read
        ("the Oscar-winner", "Rory Hale"),
        ("the Golf Channel", "Golf Channel"),  # a name after all
    ],
)
def test_a_capitalized_description_is_no_name(description: str, expected: str | None) -> None:
    text = (
        "Rory Hale won the Open on Sunday.\n\n'It is a dream,' Hale said.\n\n"
        f"'I will be back next year,' {description} added."
    )
    assert speakers(text)[-1] == ("I will be back next year,", expected)


def test_a_capitalized_role_resolves_as_its_lower_case_form_does() -> None:
    text = (
        "Prime Minister Tom Vale spoke in Leeds. 'We will win,' Mr Vale said.\n\n"
        "'We will not stop,' the Prime Minister added."
    )
    assert speakers(text) == [("We will win,", "Tom Vale"), ("We will not stop,", "Tom Vale")]


def test_a_role_before_the_name_with_what_it_is_of() -> None:
    text = (
        "Rovers boss Dean Pyle praised striker Ian Cobb after the win.\n\n"
        "'He was brilliant,' the Rovers boss said."
    )
    assert speakers(text) == [("He was brilliant,", "Dean Pyle")]


def test_a_bare_common_noun_is_not_matched_to_a_role() -> None:
    # "the boss" here is the story's subject, whom the article never called a boss
    text = (
        "Sam Ward says his side must win on Tuesday. Rovers boss Dean Pyle agreed.\n\n"
        "'It is the biggest game,' Ward said. But the boss believes he must change their "
        "mindset. 'We have good players,' he said."
    )
    assert speakers(text)[-1] == ("We have good players,", "Sam Ward")


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("the mother-of-two", "Ann Hale"),  # no role says so: "the mother", the one just quoted
        ("the father-of-three", "the father-of-three"),  # not of her gender: someone unnamed
        ("the Brazilian", "Ann Hale"),  # a person by origin
    ],
)
def test_generic_descriptions_fall_back_on_the_one_just_quoted(
    description: str, expected: str | None
) -> None:
    text = (
        "Ann Hale won the race on Sunday.\n\n'It is a dream,' Hale said.\n\n"
        f"'I will be back next year,' {description} added."
    )
    assert speakers(text)[-1] == ("I will be back next year,", expected)


@pytest.mark.parametrize(
    "clause", ["who works as a nurse in Leeds", "who is a nurse at the hospital"]
)
def test_a_role_given_by_a_relative_clause(clause: str) -> None:
    text = (
        f"Tom Hale, {clause}, was hurt. Ann Lee, 51, saw it.\n\n"
        "'It was chaos,' the nurse said."
    )
    assert speakers(text) == [("It was chaos,", "Tom Hale")]


def test_a_relative_clause_that_gives_no_role() -> None:
    text = (
        "Tom Hale, who was the first to arrive, was hurt. Ann Lee, 51, saw it.\n\n"
        "'It was chaos,' the nurse said."
    )
    assert speakers(text) == [("It was chaos,", "the nurse")]


def test_a_role_the_article_gives_only_later_is_not_yet_theirs() -> None:
    text = (
        "The film opened on Friday. It was called 'slow' by Ann Lee and 'dull' by Meg Rose. "
        "'It drags for two hours,' continued the 61-year-old critic. 'Nobody will sit "
        "through it.'\n\nMs Rose is not alone. Film critic Ann Lee has also written that the "
        "ending is 'a let-down'."
    )
    said = {quote.text: quote.speaker for quote in analyze(text).quotes}
    assert said["It drags for two hours,"] == "Meg Rose"
