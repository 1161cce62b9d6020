"""One count definition and statements shown whole, from the library to the terminal."""

from __future__ import annotations

from pathlib import Path

from bot import terminal
from index import statements
from index.quotes.analyze import analyze
from index.service import Library
from tests.conftest import GUILD

# One split quote around "she said", one whole quote and one reported statement by one person.
SPLIT = (
    "Library trustees cut weekend hours\n\n"
    "The county library board voted on Monday to close its three branches on Sundays.\n\n"
    '"We did not want to close a single door," said Noor Haddad, the board\'s president. '
    '"But the budget left us no room at all, not one dollar."\n\n'
    '"Sunday readers will still have the reading room downtown," Haddad said.\n\n'
    "Haddad said the hours could come back next year if the county restores the money."
)


def test_segments_of_one_statement_count_once() -> None:
    quotes = analyze(SPLIT).quotes
    quoted, reported = statements.count(quotes)
    assert len([q for q in quotes if q.speaker == "Noor Haddad"]) == 4  # four segments
    assert (quoted, reported) == (2, 1)
    assert statements.describe(quoted, reported) == "3 statements (2 quoted, 1 reported)"


async def test_list_summary_and_ask_agree_and_show_the_statement_whole(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "s.db") as library:
        info = await library.add_text(GUILD, SPLIT)
        summary = await library.summarize(GUILD, info.id)
        answer = await library.ask(GUILD, "what did Haddad say?")
    assert info.quotes == 3
    assert "3 statements" in terminal.article_line(info)
    who = terminal.summary(summary).split("Who is quoted")[1]
    assert who.strip().startswith("Noor Haddad") and who.strip().endswith(": 3 statements")
    assert answer.headline == "Noor Haddad: 3 statements (2 quoted, 1 reported)"
    shown = " ".join(terminal.answer(answer).split())
    assert (
        "“We did not want to close a single door … But the budget left us no room at all, "
        "not one dollar.”" in shown
    )
    # The key quote starts where the statement starts, never at its second segment.
    key = " ".join(terminal.summary(summary).split())
    assert "“But the budget" not in key
