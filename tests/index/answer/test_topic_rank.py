"""A person's statements ranked against a topic from the terms saved by column pick the same
quotes, in the same order, with the same scores, as tokenizing the quote objects does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.answer import term_columns, topic_rank
from index.answer.qa import statements_of
from index.answer.quote_columns import ColumnWriter, QuoteColumns
from index.answer.topic_rank import ColumnTexts, ObjectTexts
from index.intake.checks import content_hash
from index.models import ArticleMeta, Quote, QuoteKind
from index.quotes.analyze import analyze
from index.service import Library
from tests.conftest import GUILD

BRIDGE = (
    "Mayor wants the bridge rebuilt\n\n"
    '"The bridge must be rebuilt before winter," said Dana Ortiz, the mayor. "We owe it to '
    'the town and to every driver on the bridge," she said.\n\n'
    "Ortiz said the budget for roads would rise next year.\n\n"
    '"Taxes will not go up," Ortiz said.'
)
TAXES = (
    "Council argues over taxes\n\n"
    '"Property taxes are already too high," said Dana Ortiz, the mayor.\n\n'
    '"The bridge can wait," said Victor Hale, the police chief.\n\n'
    "Ortiz said she would veto any tax rise on the bridge."
)
# The same statement again in a later article: its quotes tie, broken by display order.
AGAIN = (
    "Bridge vote delayed\n\n"
    '"The bridge must be rebuilt before winter," said Dana Ortiz, the mayor.\n\n'
    '"We will find the money," Ortiz said, "without raising taxes on families."'
)
NEWS = ["the harbor reopened", "a school got new roofs", "the library lost its lease",
        "buses will run all night", "the park is getting lights", "a fire closed the mill"]  # fmt: skip
TOPICS = ["the bridge", "taxes", "bridge taxes winter", "roads budget", "bananas", "town driver"]


def _story(k: int, said: str) -> str:
    """An article of its own (never a near duplicate) around what is said."""
    others = " ".join(
        f"Also this week, {news} ({k * 7 + j} residents came)."
        for j, news in enumerate(NEWS[k:] + NEWS[:k])
    )
    return f"Week {k} in town\n\n{others}\n\n{said}"


async def _add(library: Library, text: str) -> None:
    """Store an article as it is (repeated news is the point here: no near-duplicate check)."""
    title = text.split("\n", 1)[0]
    await library.store.add_article(
        GUILD, title=title, meta=ArticleMeta(title=title), url_key=None, text=text,
        content_hash=content_hash(text), analysis=analyze(text), added_by=None,
    )  # fmt: skip


async def _picks(library: Library, name: str, topic: str) -> tuple[object, object]:
    index = await library.guild_index(GUILD)
    [person] = index.speakers.match(name)
    found = index.termed_rows(index.speakers.members(person))
    assert found is not None  # the columns keep each quote's terms
    by_columns = ColumnTexts(*found, index.parts.infos)
    by_objects = ObjectTexts(statements_of(index, index.speakers, person, None))
    assert len(by_columns) == len(by_objects)
    assert by_columns.names() == by_objects.names()
    assert by_columns.article_ids() == by_objects.article_ids()
    return by_columns.pick(topic, 100, 5), by_objects.pick(topic, 100, 5)


async def test_ranking_by_column_picks_what_tokenizing_the_quotes_picks(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "lib.db") as library:
        for text in (BRIDGE, TAXES, AGAIN):
            await library.add_text(GUILD, text)
        await library.keep_index(GUILD)  # saved: the quotes are column rows
    async with await Library.open(tmp_path / "lib.db") as library:
        picked = []
        for topic in TOPICS:
            by_columns, by_objects = await _picks(library, "Ortiz", topic)
            assert by_columns == by_objects
            picked.append(by_columns)
        assert any(p.on_topic and len(p.shown) > 1 for p in picked)  # type: ignore[attr-defined]
        assert any(not p.on_topic for p in picked)  # type: ignore[attr-defined]
        # An article added since the save: its quotes are objects, ranked with the rows.
        await library.add_text(GUILD, _story(0, "Ortiz spoke after the vote on the bridge."))
        for topic in TOPICS:
            by_columns, by_objects = await _picks(library, "Dana Ortiz", topic)
            assert by_columns == by_objects
        answer = await library.ask(GUILD, "what did Ortiz say about the bridge?")
        assert answer.items and all("bridge" in item.text.lower() for item in answer.items[:2])


async def test_few_statements_are_kept_of_many_on_the_topic(tmp_path: Path) -> None:
    async with await Library.open(tmp_path / "lib.db") as library:
        for k in range(6):
            await _add(library, _story(k, AGAIN.split("\n\n", 1)[1]))
        await library.keep_index(GUILD)
        by_columns, by_objects = await _picks(library, "Ortiz", "bridge winter")
        assert by_columns == by_objects
        index = await library.guild_index(GUILD)
        [person] = index.speakers.match("Ortiz")
        found = index.termed_rows(index.speakers.members(person))
        assert found is not None
        capped = ColumnTexts(*found, index.parts.infos).pick("bridge winter", 2, 5)
        assert capped.total == 6 and capped.on_topic
        # The two newest articles' statements, whole.
        assert len({ref.article.id for ref, _ in capped.shown}) == 2
        assert capped == ObjectTexts(statements_of(index, index.speakers, person, None)).pick(
            "bridge winter", 2, 5
        )


def test_terms_are_kept_per_quote_row_and_survive_a_merge() -> None:
    quotes = {
        3: (Quote("Bridges, bridges and roads", 0, 26, QuoteKind.DIRECT, 0, "Al"),),
        1: (Quote("The road is closed", 0, 18, QuoteKind.REPORTED, 0, "Al"),),
    }
    writer = ColumnWriter()
    writer.add(quotes, {})
    columns = QuoteColumns(writer.arrays())
    arrays = columns.term_arrays
    assert arrays is not None
    pool = columns.pool
    bags = np.split(np.asarray(arrays["t_terms"]), np.asarray(arrays["t_ends"])[:-1])
    counts = np.split(np.asarray(arrays["t_counts"]), np.asarray(arrays["t_ends"])[:-1])
    # Rows sorted by article: article 1's quote first; terms in order of first occurrence.
    assert [pool[c] for c in bags[0]] == ["road", "close"]
    assert [pool[c] for c in bags[1]] == ["bridg", "road"] and counts[1].tolist() == [2, 1]
    text = columns.arrays()
    again = term_columns.of_texts(text["q_text"], text["q_text_ends"], ColumnWriter(pool).code)
    assert all(np.array_equal(again[k], arrays[k]) for k in term_columns.SAVED)


async def test_statements_past_the_cap_are_not_put_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Six articles repeat one statement: its six quotes tie. Keeping two, the ranker orders
    # (making its quote to weigh how sure the attribution is) the third it meets, not all six.
    async with await Library.open(tmp_path / "lib.db") as library:
        for k in range(6):
            await _add(library, _story(k, AGAIN.split("\n\n", 1)[1]))
        await library.keep_index(GUILD)
        index = await library.guild_index(GUILD)
        [person] = index.speakers.match("Ortiz")
        found = index.termed_rows(index.speakers.members(person))
        assert found is not None
        weighed: list[object] = []
        strength = topic_rank.attribution_strength
        monkeypatch.setattr(topic_rank, "attribution_strength", lambda q: weighed.append(q) or strength(q))
        capped = ColumnTexts(*found, index.parts.infos).pick("bridge winter", 2, 5)
        assert len({ref.article.id for ref, _ in capped.shown}) == 2 and capped.total == 6
        assert len(weighed) == 3
