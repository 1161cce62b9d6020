"""Quote extraction and attribution on small articles written for the purpose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.models import QuoteKind
from index.quotes.analyze import analyze
from index.quotes.extract import extract_quotes
from index.quotes.speakers import speaker_table
from index.text.segment import segment
from tests.conftest import FIXTURES
from tests.index.quoting import INTRO, direct

FIXTURES = FIXTURES / "quotes"

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            INTRO + '"We are on budget," Quint said.',
            [("We are on budget,", "Mara Quint")],
            id="straight-marks",
        ),
        pytest.param(
            INTRO + "“We are on budget,” Quint said.",
            [("We are on budget,", "Mara Quint")],
            id="curly-marks",
        ),
        pytest.param(
            INTRO + '"We are on budget,” Quint said.',
            [("We are on budget,", "Mara Quint")],
            id="mixed-marks",
        ),
        pytest.param(
            INTRO + "“They told me ‘no,’ and I said ‘yes,’” Quint said.",
            [("They told me ‘no,’ and I said ‘yes,’", "Mara Quint")],
            id="nested-single-inside-double",
        ),
        pytest.param(
            INTRO + "“We are on budget,” said Quint, who has held the post since 2019.",
            [("We are on budget,", "Mara Quint")],
            id="verb-before-subject",
        ),
        pytest.param(
            INTRO + "Quint, who has held the post since 2019, said: “We are on budget.”",
            [("We are on budget.", "Mara Quint")],
            id="colon-quote-after-appositive",
        ),
        pytest.param(
            INTRO + "“We are on budget. Every line is paid for,” Quint said.",
            [("We are on budget. Every line is paid for,", "Mara Quint")],
            id="multi-sentence",
        ),
        pytest.param(
            "The bridge, known to all as the “Old Lady,” opened in 1932.",
            [],
            id="scare-quotes-ignored",
        ),
        pytest.param(
            "The play “Night Harbor” opened on Friday to a full house.",
            [],
            id="titles-ignored",
        ),
        pytest.param(
            INTRO + "Quint told the Eastport Gazette’s “Morning Report” that she was calm. "
            "“We are on budget,” Quint said on WKRP's \"Harbor Hour With Sam.\"",
            [("We are on budget,", "Mara Quint")],
            id="programme-titles-beside-a-cue-ignored",
        ),
        pytest.param(
            INTRO + "Quint says it’s “very sad” and that Dunmore’s “plan is a fantasy.”",
            [("very sad", "Mara Quint"), ("plan is a fantasy.", "Mara Quint")],
            id="contraction-or-lower-case-after-a-possessive-is-no-title",
        ),
        pytest.param(
            "“We will rebuild the pier,” an unnamed voice shouted from the back.",
            [("We will rebuild the pier,", "an unnamed voice")],
            id="an-unnamed-voice-is-described",
        ),
        pytest.param(
            "The Harbor Authority said in a statement: “The pier is safe.”",
            [("The pier is safe.", "Harbor Authority")],
            id="organization-speaks",
        ),
        pytest.param(
            INTRO + "“The pier is safe,” according to the Harbor Authority.",
            [("The pier is safe,", "Harbor Authority")],
            id="according-to",
        ),
    ],
)
def test_direct_quotes_and_speakers(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            INTRO + "“We are on budget,” said harbor pollster Dana Whitcomb. “Mostly.”",
            [("We are on budget,", "Dana Whitcomb"), ("Mostly.", "Dana Whitcomb")],
            id="role-words-between-verb-and-name",
        ),
        pytest.param(
            INTRO + "“We are on budget,” said a spokeswoman for the port, Lena Ortiz.",
            [("We are on budget,", "Lena Ortiz")],
            id="name-in-apposition-to-a-description",
        ),
        pytest.param(
            INTRO + "“We are on budget,” said one Eastport Democrat.",
            [("We are on budget,", "one Eastport Democrat")],
            id="anonymous-source-is-described",
        ),
        pytest.param(
            INTRO + "“We are on budget,” Rep. Carl Dunmore (D-Ore.) said.",
            [("We are on budget,", "Carl Dunmore")],
            id="party-tag-between-name-and-verb",
        ),
        pytest.param(
            "Lt. Gov. Dan Pryor says Quint is “doing fine.”",
            [("doing fine.", "Dan Pryor")],
            id="titles-do-not-end-the-sentence",
        ),
        pytest.param(
            INTRO + "Nobody was moved by Quint's remarks about “a balanced budget for once and for all.”",
            [("a balanced budget for once and for all.", None)],
            id="possessive-before-a-noun-is-no-speaker",
        ),
        pytest.param(
            INTRO + "Said Quint: “We are on budget.”",
            [("We are on budget.", "Mara Quint")],
            id="inverted-said-with-colon",
        ),
        pytest.param(
            INTRO + "The vote did not surprise pollster Dana Whitcomb: “Nobody wants a deficit.”",
            [("Nobody wants a deficit.", "Dana Whitcomb")],
            id="name-then-colon",
        ),
        pytest.param(
            INTRO + "Quint sent a message to Ortiz: “Pay the invoice.”",
            [("Pay the invoice.", "Mara Quint")],
            id="object-before-colon-is-not-the-speaker-the-subject-is",
        ),
        pytest.param(
            INTRO + "“The budget is a fiction.” ― Lena Ortiz\n\n“It is fine.” ― Dana Whitcomb",
            [("The budget is a fiction.", "Lena Ortiz"), ("It is fine.", "Dana Whitcomb")],
            id="dash-credit",
        ),
        pytest.param(
            "Treasurer Mara Quint met Councillor Tom Ruiz.\n\n"
            "\"QUINT: We are on budget.\n\n\"RUIZ: Are we?\n\n\"VIDEO: The pier was on fire.\"",
            [("QUINT: We are on budget.", "Mara Quint"), ("RUIZ: Are we?", "Tom Ruiz"),
             ("VIDEO: The pier was on fire.", None)],
            id="transcript-labels",
        ),
    ],
)
def test_cue_forms(text, expected):
    assert direct(text) == expected


def test_quote_text_is_the_span_between_the_marks():
    text = INTRO + "“We are on budget,” Quint said."
    document = segment(text)
    (quote,) = extract_quotes(document)
    assert (text[quote.start - 1], text[quote.end]) == ("“", "”")
    assert quote.text == text[quote.start : quote.end]
    assert (quote.mention, text[quote.mention_start : quote.mention_end]) == ("Quint", "Quint")


def test_split_quote_shares_one_statement():
    text = INTRO + "“We are on budget,” Quint said, “and we will stay there.”"
    first, second = extract_quotes(segment(text))
    assert first.statement == second.statement
    assert second.text == "and we will stay there."
    assert second.speaker == "Mara Quint"


def test_unclosed_quote_paragraph_runs_on_into_the_next():
    text = (
        INTRO + "“The pier is old,” Quint said. “Some planks are older than I am.\n\n"
        "“We will replace them before winter.”\n\nThe council voted later."
    )
    quotes = extract_quotes(segment(text))
    assert [q.text for q in quotes] == [
        "The pier is old,",
        "Some planks are older than I am.",
        "We will replace them before winter.",
    ]
    assert {q.speaker for q in quotes} == {"Mara Quint"}
    assert quotes[1].statement == quotes[2].statement


def test_partial_quote_inside_a_paraphrase():
    text = INTRO + "Quint called the old pier “a hazard to everyone” during the meeting."
    (quote,) = extract_quotes(segment(text))
    assert (quote.text, quote.kind, quote.speaker) == (
        "a hazard to everyone", QuoteKind.PARTIAL, "Mara Quint")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Councillor Ben Arkwright opened the debate.\n\n"
            "'It is the right thing for the bankers' clients,' he said. 'Nobody likes it.'",
            [("It is the right thing for the bankers' clients,", "Ben Arkwright"),
             ("Nobody likes it.", "Ben Arkwright")],
            id="british-single-marks-with-possessive",
        ),
        pytest.param(
            "Councillor Ben Arkwright opened the debate.\n\n"
            "‘We will fund rock ’n’ roll nights,’ Arkwright said. ‘It’s ’cos they pay.’",
            [("We will fund rock ’n’ roll nights,", "Ben Arkwright"),
             ("It’s ’cos they pay.", "Ben Arkwright")],
            id="british-curly-single-marks-with-elisions",
        ),
        pytest.param(
            "Councillor Ben Arkwright opened the debate. 'We will fund it,' Arkwright said."
            "'It pays for itself.' The vote is on Friday.",
            [("We will fund it,", "Ben Arkwright"), ("It pays for itself.", "Ben Arkwright")],
            id="run-together-paragraphs",
        ),
        pytest.param(
            "Councillor Ben Arkwright opened the debate.\n\n"
            "'The \"reform\" is a sham,' Arkwright said.",
            [("The \"reform\" is a sham,", "Ben Arkwright")],
            id="double-nested-inside-single",
        ),
    ],
)
def test_british_style(text, expected):
    assert direct(text)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        pytest.param(
            "Police Chief Anna Kovac met the press. “We made arrests,” she said.",
            "she", "Anna Kovac", id="pronoun",
        ),
        pytest.param(
            "Police Chief Anna Kovac met the press.\n\n"
            "“We made arrests,” the police chief added.",
            "the police chief", "Anna Kovac", id="description-from-title",
        ),
        pytest.param(
            "Tom Reyes, a spokesman for the port, took questions.\n\n"
            "“The cranes are fine,” the spokesman said.",
            "the spokesman", "Tom Reyes", id="description-from-appositive",
        ),
        pytest.param(
            "Mayor Ruth Ellison spoke after Sen. Paul Dorsey left.\n\n"
            "“It went well,” she said.",
            "she", "Ruth Ellison", id="pronoun-skips-other-gender",
        ),
        pytest.param(
            "Tamsin Kovac, 58, met officials from Ridgefield County.\n\n"
            "“We made arrests,” she said.",
            "she", "Tamsin Kovac", id="pronoun-is-a-person-never-a-place",
        ),
        pytest.param(
            "The ruling surprised economist Orla Brennock of Ridgefield County.\n\n"
            "“Nobody expected it,” she said.",
            "she", "Orla Brennock", id="role-noun-before-a-name-marks-a-person",
        ),
        pytest.param(
            "Senator Kelly Marsh faces a hard race.\n\nShe has backed the party before.\n\n"
            "Her rivals disagree on taxes.\n\n“I was at every event,” she said.",
            "she", "Kelly Marsh", id="pronoun-chain-across-paragraphs",
        ),
        pytest.param(
            "Former Arizona governor Jan Brewer spoke.\n\n“It will resonate,” she said.",
            "she", "Jan Brewer", id="former-place-is-no-person",
        ),
    ],
)
def test_pronoun_and_description_resolution(text, mention, speaker):
    quote = extract_quotes(segment(text))[-1]
    assert (quote.mention, quote.speaker) == (mention, speaker)


def test_quote_paragraph_without_cue_continues_the_previous_speaker():
    text = (
        INTRO + "“We are on budget,” Quint said.\n\n“And we will stay there.”\n\n"
        "Somebody else spoke later."
    )
    quotes = extract_quotes(segment(text))
    assert [q.speaker for q in quotes] == ["Mara Quint", "Mara Quint"]


def test_quote_far_from_any_speaker_stays_unknown():
    text = (
        INTRO + "The council met for hours.\n\nThe vote was close.\n\n"
        "“It is a dark day for the harbor.”"
    )
    (quote,) = extract_quotes(segment(text))
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        pytest.param(INTRO + "Quint said she would not raise taxes this year.",
                     "she would not raise taxes this year", id="said-pronoun"),
        pytest.param(INTRO + "Quint told the Gazette that the pier would reopen in May.",
                     "the pier would reopen in May", id="told-that"),
        pytest.param(INTRO + "The pier will reopen in May after the repairs, she said.",
                     "The pier will reopen in May after the repairs", id="clause-first"),
    ],
)
def test_reported_speech(text, clause):
    reported = [q for q in extract_quotes(segment(text)) if q.kind is QuoteKind.REPORTED]
    assert [(q.text, q.speaker) for q in reported] == [(clause, "Mara Quint")]


def test_names_are_canonical_with_roles_and_aliases():
    analysis = analyze((FIXTURES / "harbor-chief.txt").read_text(encoding="utf-8"))
    direct_quotes = [q for q in analysis.quotes if q.is_direct]
    assert len(direct_quotes) == 6
    assert {q.speaker for q in analysis.quotes} == {"Dana Whitfield"}
    assert {q.mention for q in direct_quotes} == {"Whitfield", "she", "the fire chief"}
    (speaker,) = analysis.speakers
    assert speaker.role == "Harbor Town Fire Chief"
    assert "Whitfield" in speaker.aliases
    assert sum(q.kind is QuoteKind.REPORTED for q in analysis.quotes) == 2


def test_source_named_after_the_speaker_is_not_the_speaker():
    text = INTRO + "“We are on budget,” Quint said, according to the Gazette."
    assert direct(text) == [("We are on budget,", "Mara Quint")]


def test_speaker_table_ranks_by_statements():
    text = (
        INTRO + "“One,” Quint said.\n\n“Two,” Quint said.\n\n"
        "Harbor master Lee Okafor disagreed. “Three,” Okafor said."
    )
    table = speaker_table(extract_quotes(segment(text)))
    assert [(s.name, s.statements) for s in table] == [("Mara Quint", 2), ("Lee Okafor", 1)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab A.,:\n\"“”‘’'—", " said", " he", " Beck", "\n\n"])).map(
        "".join
    )
)
def test_any_text_gives_verbatim_quotes(text):
    document = segment(text)
    for quote in extract_quotes(document):
        assert quote.text == document.text[quote.start : quote.end]


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_unicode_text_never_raises(text):
    document = segment(text)
    for quote in extract_quotes(document):
        assert quote.text == document.text[quote.start : quote.end]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\"'“”‘’" * 170_000, id="unbalanced-marks"),
        pytest.param(("said he Beck the of “a " * 50_000) + ".", id="one-long-sentence"),
        pytest.param(("Mr. Beck, the chief, " * 50_000) + "said “x”.", id="long-appositive"),
        pytest.param(("“PENCE: a” ― Beck (R-Fla.) said: " * 30_000), id="labels-and-credits"),
        pytest.param(("Lt. Gov. A. B. Sen. " * 50_000) + "said “x y z”.", id="titles-only"),
    ],
)
def test_pathological_input_completes_with_verbatim_quotes(text):
    """Speed is measured in benchmarks/eval_quotes.py; here it only has to finish correctly."""
    analysis = analyze(text)
    assert all(q.text == text[q.start : q.end] for q in analysis.quotes)
