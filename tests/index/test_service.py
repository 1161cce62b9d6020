"""The service API: adding, refusing, finding and removing articles, scoped to a guild."""

from __future__ import annotations

import pytest

from index.errors import (
    ArticleNotFound,
    ArticleTooLarge,
    DuplicateArticle,
    EmptyArticle,
    EmptyLibrary,
    InvalidQuestion,
    LibraryFull,
    NotText,
    UnsupportedFile,
)
from index.models import AnswerKind, ArticleMeta
from index.service import Library, Limits, summary_size
from tests.conftest import GUILD, OTHER_GUILD


async def test_add_derives_title_and_counts_quotes(library: Library, dam_text: str) -> None:
    info = await library.add_text(GUILD, dam_text, added_by=7)
    assert info.title == "Valley towns split over plan to raise the Corran dam"
    assert info.quotes >= 3
    assert info.added_by == 7


async def test_given_title_wins(library: Library, dam_text: str) -> None:
    info = await library.add_text(GUILD, dam_text, ArticleMeta(title="Dam plan"))
    assert info.title == "Dam plan"


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", EmptyArticle),
        ("blank.txt", b"  \n\n ", EmptyArticle),
        ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), UnsupportedFile),
        ("binary.txt", bytes(range(256)) * 4, NotText),
        ("huge.txt", b"word " * 500_000, ArticleTooLarge),
    ],
)
async def test_bad_files_are_refused_and_store_nothing(
    library: Library, name: str, data: bytes, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await library.add_file(GUILD, name, data)
    assert await library.articles(GUILD) == []


async def test_duplicate_is_reported_with_the_existing_title(library: Library, dam_text: str) -> None:
    first = await library.add_text(GUILD, dam_text)
    with pytest.raises(DuplicateArticle, match="Valley towns"):
        await library.add_text(GUILD, dam_text)
    assert [a.id for a in await library.articles(GUILD)] == [first.id]


async def test_external_id_is_a_reference(library: Library, dam_text: str) -> None:
    info = await library.add_text(GUILD, dam_text, ArticleMeta(external_id="dam-1"))
    assert (await library.resolve(GUILD, "dam-1")).id == info.id
    assert (await library.resolve(GUILD, f"#{info.id}")).id == info.id
    assert (await library.resolve(GUILD, "corran")).id == info.id  # title words


async def test_other_guild_cannot_reach_an_article(library: Library, dam_text: str) -> None:
    info = await library.add_text(GUILD, dam_text)
    with pytest.raises(ArticleNotFound):
        await library.resolve(OTHER_GUILD, info.id)
    with pytest.raises(ArticleNotFound):
        await library.remove(OTHER_GUILD, info.id)
    with pytest.raises(EmptyLibrary):
        await library.ask(OTHER_GUILD, "what did Strand say?")
    assert await library.speaker_names(OTHER_GUILD) == []


async def test_remove_then_ask_no_longer_finds_it(library: Library, dam_text: str, school_text: str) -> None:
    dam = await library.add_text(GUILD, dam_text)
    await library.add_text(GUILD, school_text)
    assert (await library.ask(GUILD, "what did Strand say?")).items
    await library.remove(GUILD, dam.id)
    assert not (await library.ask(GUILD, "what did Strand say?")).items


async def test_summary_of_newest_by_default(library: Library, dam_text: str, school_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    school = await library.add_text(GUILD, school_text)
    summary = await library.summarize(GUILD)
    assert summary.article is not None and summary.article.id == school.id
    for sentence in summary.sentences:
        assert school_text[sentence.start : sentence.end] == sentence.text
    for quote in summary.quotes:
        assert school_text[quote.start : quote.end] == quote.text


async def test_speaker_autocomplete(library: Library, dam_text: str) -> None:
    await library.add_text(GUILD, dam_text)
    assert "Helen Strand" in await library.speaker_names(GUILD, "str")
    assert await library.speaker_names(GUILD, "zzz") == []


@pytest.mark.parametrize("question", ["", "?", "x", "!!", "a" * 1001])
async def test_questions_too_short_or_long_are_refused(library: Library, dam_text: str, question: str) -> None:
    await library.add_text(GUILD, dam_text)
    with pytest.raises(InvalidQuestion):
        await library.ask(GUILD, question)


async def test_guild_article_limit(tmp_path, dam_text: str, school_text: str) -> None:  # type: ignore[no-untyped-def]
    async with await Library.open(tmp_path / "l.db", Limits(max_articles_per_guild=1)) as library:
        await library.add_text(GUILD, dam_text)
        with pytest.raises(LibraryFull):
            await library.add_text(GUILD, school_text)
        await library.add_text(OTHER_GUILD, school_text)  # the limit is per guild


@pytest.mark.parametrize(
    ("length", "expected"), [("short", (3, 3)), ("medium", (5, 4)), ("long", (8, 6)), ("4", (4, 3)), (10, (10, 6))]
)
def test_summary_sizes(length: str | int, expected: tuple[int, int]) -> None:
    assert summary_size(length) == expected


@pytest.mark.parametrize("length", ["huge", "0", "21", "-3"])
def test_bad_summary_sizes(length: str) -> None:
    with pytest.raises(InvalidQuestion):
        summary_size(length)


async def test_fetch_options_default_lazily_and_can_be_replaced(library: Library) -> None:
    from index.intake.fetch import FetchOptions

    assert library.fetch_options == FetchOptions()
    stricter = FetchOptions(total_timeout=1.0)
    library.fetch_options = stricter
    assert library.fetch_options is stricter


async def test_quotes_of_someone_never_quoted_offers_mentions_not_other_words(
    library: Library, dam_text: str
) -> None:
    await library.add_text(GUILD, dam_text)
    answer = await library.quotes(GUILD, "Corran")  # the dam's name: mentioned, never a speaker
    assert answer.kind is AnswerKind.NOT_FOUND
    assert answer.headline.startswith("Corran is not quoted in the library.")
    assert "mentioned" in answer.headline
    assert answer.items and all("Corran" in item.text for item in answer.items)
    assert all(item.quote is None for item in answer.items)  # passages, nobody's quote
    nobody = await library.quotes(GUILD, "Zebulon Quartermaine")
    assert nobody.kind is AnswerKind.NOT_FOUND and not nobody.items
    # Someone quoted still gets their statements.
    assert (await library.quotes(GUILD, "Reyes")).kind is AnswerKind.SPEAKER
