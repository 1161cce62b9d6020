"""A speaker the article describes without naming, as readers and scripts see it: the extract
JSON says it is not named, the CLI and Discord show the description marked as unnamed, key
quotes and the speaker directory prefer or keep only named speakers."""

from __future__ import annotations

from bot import jsonout, render, terminal
from index.answer.speaker_names import SpeakerDirectory
from index.models import Quote, QuoteKind
from index.quotes.analyze import analyze
from index.service import Library
from index.summary.summarize import select
from tests.conftest import GUILD

TEXT = (
    "Mayor Ann Lee opened the bridge on Monday.\n\n"
    "“It is a great day for the town,” Lee said.\n\n"
    "“It is late and over budget,” a city engineer said."
)


def test_extract_json_says_whether_the_speaker_is_named() -> None:
    records = [jsonout.quote(q) for q in analyze(TEXT).quotes]
    assert [(r["speaker"], r["speaker_named"]) for r in records] == [
        ("Ann Lee", True),
        ("a city engineer", False),
    ]
    unknown = jsonout.quote(Quote("Hello,", 0, 6, QuoteKind.DIRECT, 0))
    assert unknown["speaker"] is None and unknown["speaker_named"] is False


def test_the_description_is_shown_as_written_and_marked_unnamed() -> None:
    described = Quote("It is late,", 0, 11, QuoteKind.DIRECT, 0, "a city engineer",
                      mention="A city engineer")  # fmt: skip
    assert terminal.attribution(described) == "— a city engineer (unnamed)"
    assert render.attribution(described) == "— *a city engineer* (unnamed)"
    named = Quote("It is late,", 0, 11, QuoteKind.DIRECT, 0, "Ann Lee", "Mayor", "Ann Lee")
    assert render.attribution(named) == "— **Ann Lee**, Mayor"


def test_the_directory_keeps_named_speakers_only() -> None:
    directory = SpeakerDirectory()
    directory.add("Ann Lee", role="Mayor")
    directory.add("a city engineer")
    assert directory.names == ["Ann Lee"]
    assert directory.match("city engineer") == []


OBITUARY = """Marta Quill, satirist of the advertising age, dies at 88

Marta Quill, whose comic records mocked the advertising trade for three decades, died Monday at her home in Santa Rosa, California.

"She made the whole country laugh at the ads it could not stop watching, and she never once ran out of targets," a longtime friend said.

"Radio was her playground and the sponsors were her favourite toys," said Tom Brandt, who produced three of her albums.

Critic Ana Ruiz said Quill "made satire sound like a jingle you could not stop humming for a week."

"She taught me that a joke can be kinder than a sermon," said Peter Quill, her son.
"""


def test_key_quotes_prefer_a_named_speaker_to_a_described_one() -> None:
    analysis = analyze(OBITUARY)
    described = [q for q in analysis.quotes if q.speaker == "a longtime friend"]
    assert described  # the early, central quote of someone the article does not name
    _, quotes = select(analysis, title=None, sentences=0, quotes=3)
    assert len(quotes) == 3 and all(q.speaker_named for q in quotes)
    _, every = select(analysis, title=None, sentences=0, quotes=4)
    assert described[0] in every  # only when no named quote is left


async def test_who_said_names_the_described_speaker_after_a_named_one(library: Library) -> None:
    await library.add_text(GUILD, "Harbor news\n\n“The pier is safe,” a city engineer said.")
    described = await library.ask(GUILD, "who said 'the pier is safe'?")
    assert described.headline == "A city engineer said:" and described.speaker == "a city engineer"
    await library.add_text(GUILD, "Pier news\n\nMayor Ann Lee spoke.\n\n“The pier is safe,” Lee said.")
    named = await library.ask(GUILD, "who said 'the pier is safe'?")
    assert named.speaker == "Ann Lee"  # a named speaker answers first
