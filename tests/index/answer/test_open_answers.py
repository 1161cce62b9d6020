"""Open questions scoped to one article: short verbatim passages, and a hedge when unsure."""

from __future__ import annotations

from bot import jsonout, terminal
from index.answer.passages import PARAGRAPH_CHARS, passages_of
from index.models import AnswerKind, ArticleMeta
from index.service import Library
from tests.conftest import GUILD
from tests.stories import POOL

# One paragraph, no blank lines: as pasted text often comes.
UNBROKEN = (
    "The harbor board met on Monday to weigh a plan for a second ferry pier. "
    "Members heard from fishermen who worried about crowded moorings in summer. "
    "The pier would cost about $9 million and take two years to build. "
    "A state grant could cover half of that, officials said. "
    "The board chair said a vote was planned for the spring meeting. "
    "Neighbors asked for a study of traffic on Dock Road before any vote. "
    "The ferry company said it would add three daily crossings if the pier is built. "
    "Tickets would stay at their current price for at least a year. "
    "Local shops near the pier said more visitors would help them through the winter. "
    "The board will post the plan on its website for comments until the end of the month."
)


async def test_long_unbroken_text_is_cut_into_short_verbatim_windows(library: Library) -> None:
    await library.add_text(GUILD, UNBROKEN, ArticleMeta(title="Harbor weighs second pier"))
    (article,) = await library.store.load_articles(GUILD)
    passages, texts = passages_of([article])
    assert len(UNBROKEN) > PARAGRAPH_CHARS and len(passages) > 1
    for passage, text in zip(passages, texts, strict=True):
        assert article.text[passage.start : passage.end] == text
        assert len(text) <= PARAGRAPH_CHARS
    answer = await library.ask(GUILD, "how much would the pier cost?", article.info.id)
    assert answer.kind is AnswerKind.OPEN
    assert "$9 million" in answer.items[0].text
    assert len(answer.items[0].text) < len(UNBROKEN) // 2


async def test_unsure_answer_is_the_closest_passage_marked_as_such(library: Library) -> None:
    info = await library.add_text(GUILD, POOL, ArticleMeta(title="Town opens a new public pool"))
    # No word of the question is in the article: the model is least sure of such a question.
    hedged = await library.ask(GUILD, "will lifeguards and coaches be happy with it?", info.id)
    assert hedged.kind is AnswerKind.OPEN
    assert hedged.confident is False
    assert hedged.headline.startswith("The article doesn't say this directly; the closest")
    assert hedged.items and all(item.text in POOL for item in hedged.items)
    assert jsonout.answer(hedged)["confident"] is False
    assert terminal.answer(hedged).startswith("The article doesn't say this directly")

    sure = await library.ask(GUILD, "how many lanes does the pool have?", info.id)
    assert sure.confident is True
    assert "eight lanes" in sure.items[0].text
    assert jsonout.answer(sure)["confident"] is True


async def test_a_person_the_article_never_mentions_is_not_found(library: Library) -> None:
    info = await library.add_text(GUILD, POOL, ArticleMeta(title="Town opens a new public pool"))
    answer = await library.ask(GUILD, "what did Napoleon say?", info.id)
    assert answer.kind is AnswerKind.NOT_FOUND
    assert "confident" not in jsonout.answer(answer)
