"""Hostile and odd input through the whole pipeline: stored and answered, or refused clearly.

Any text goes in through Library.add_text; whatever is stored must summarize, answer and render
without raising anything but a domain error, and every sentence, passage and quote it hands back
must be a verbatim slice of the article.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Iterator
from types import SimpleNamespace

import discord
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from bot import render
from bot.cogs.articles import ArticleCommands
from bot.cogs.reading import Reading, article_autocomplete
from bot.errors import message_for
from bot.settings import Settings
from index.errors import ArticlebotError, ArticleNotFound, InvalidArticle, InvalidQuestion
from index.intake.bulk import import_items, read_source
from index.models import Answer, ArticleInfo, ArticleMeta, Summary
from index.quotes.analyze import analyze
from index.service import Library
from tests.bot.fakes import FakeInteraction
from tests.conftest import GUILD, OTHER_GUILD

STORY = (
    "Ferry route reopens after repairs\n\n"
    "The ferry carried its first passengers in a month on Tuesday. "
    '"We rebuilt the pier board by board," said Mara Lind, the harbor engineer.\n\n'
    'Owen Tal said the delay cost the island forty trips. "People waited long enough," Tal said.\n'
)

# Pieces that break naive text handling, mixed with random text by the strategies below.
PIECES = (
    '"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "「", "」",
    "\r\n", "\n", "\n\n", "\r", "\t", "\x0c", "\x85", "\u2028", "\u2029", " ", "\u00a0",
    ".", "?", "!", "…", ",", ":", ";", "—", "-", "(", ")",
    "\x00", "\x07", "\x1b", "\x7f", "\ud800", "\udfff",
    "\u200f", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u0301", "\u0308\u0323",
    "😀", "👩‍👩‍👧", "🇺🇳", "e\u0301", "Ελλάδα", "مرحبا", "שלום", "日本語", "İ", "ß", "ﬁ",
    "said", "says", "told reporters", "according to", "He", "she", "they", "Mr.", "Dr.", "U.S.",
    "Mara Lind", "Owen Tal", "the mayor", "the police chief",
    "@everyone", "@here", "<@123>", "<@&456>", "<#789>", "**", "`", "```", "||", "# ", "> ",
    "[click](https://evil.example)", "https://example.org/a_b?x=1", "~~", "__", "\\",
)
ALL_CHARACTERS = st.characters(codec=None, exclude_categories=())  # lone surrogates included


def _splice(cuts: list[tuple[int, str]]) -> str:
    text = STORY
    for at, piece in sorted(cuts, reverse=True):
        text = text[:at] + piece + text[at:]
    return text


hostile_text = st.one_of(
    # a real story with hostile pieces dropped in: most of these get past intake
    st.lists(st.tuples(st.integers(0, len(STORY)), st.sampled_from(PIECES)), max_size=15).map(
        _splice
    ),
    st.lists(st.sampled_from(PIECES) | st.text(ALL_CHARACTERS, max_size=6), max_size=60).map(
        "".join
    ),
    st.text(ALL_CHARACTERS, max_size=300),
    st.text(st.sampled_from('"“”‘’\'«»„ \n'), min_size=1, max_size=200),  # only quote marks
    st.lists(st.sampled_from(("the", "mayor", "Lind", "said", "ferry", "pier")), min_size=1,
             max_size=80).map(" ".join),  # no punctuation at all
)  # fmt: skip

_GUILDS = itertools.count(50_000)
_PING = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[asyncio.Runner, Library]]:
    """One library and one event loop for every example (hypothesis runs the test many times)."""
    runner = asyncio.Runner()
    library = runner.run(Library.open(tmp_path_factory.mktemp("hostile") / "library.db"))
    yield runner, library
    runner.run(library.close())
    runner.close()


def _verbatim_answer(answer: Answer, text: str, article_id: int) -> None:
    for item in answer.items:
        assert item.article.id == article_id
        assert text[item.start : item.end] == item.text
        if item.quote is not None:
            assert text[item.quote.start : item.quote.end] == item.quote.text
        if item.highlight is not None:
            assert item.start <= item.highlight[0] <= item.highlight[1] <= item.end


def _verbatim_summary(summary: Summary, text: str) -> None:
    for sentence in summary.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for quote in summary.quotes:
        assert text[quote.start : quote.end] == quote.text


def _rendered_safely(pages: list[discord.Embed]) -> None:
    assert pages
    for page in pages:
        assert len(page) <= render.EMBED_TOTAL_LIMIT
        assert len(page.description or "") <= render.DESCRIPTION_LIMIT
        assert len(page.title or "") <= render.TITLE_LIMIT
        for part in (page.title or "", page.description or "", page.footer.text or ""):
            assert not _PING.search(part), part


def _questions(text: str, info: ArticleInfo, names: list[str]) -> list[str]:
    words = [w for w in re.findall(r"\w+", text) if len(w) > 1][:3] or ["it"]
    fragment = " ".join(text.split()[:4])[:80]
    return [
        f"what did {words[0]} say?",
        f"what did {words[-1]} say about {words[0]}?",
        f"who said “{fragment}”?",
        f"why {' '.join(words)}?",
        *(f"what did {name} say?" for name in names[:2]),
    ]


def _count(outcome: str) -> None:
    """Tally outcomes in hypothesis statistics (the named cases run outside hypothesis)."""
    if currently_in_test_context():
        event(outcome)


async def _exercise(library: Library, guild: int, text: str) -> None:
    try:
        info = await library.add_text(guild, text)
    except ArticlebotError as refused:
        message = refused.message
        _count(f"refused: {type(refused).__name__}")
        assert message.strip()
        return
    _count("stored")
    article = await library.store.load_article(guild, info.id)
    assert article.text == text  # stored exactly as given
    for paragraph in article.analysis.document.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(text)
        for sentence in paragraph.sentences:
            assert paragraph.start <= sentence.start <= sentence.end <= paragraph.end
    for quote in article.analysis.quotes:
        assert text[quote.start : quote.end] == quote.text
    summary = await library.summarize(guild, info.id, "long")
    _verbatim_summary(summary, text)
    _rendered_safely(render.summary_pages(summary))
    names = [speaker.name for speaker in article.analysis.speakers]
    for question in _questions(text, info, names):
        try:
            answer = await library.ask(guild, question, info.id)
        except InvalidQuestion:
            continue
        _verbatim_answer(answer, text, info.id)
        _rendered_safely(render.answer_pages(answer))
    for name in names[:3]:
        try:  # a one-letter "name" is refused: see test_every_offered_speaker_can_be_asked_for
            answer = await library.quotes(guild, name)
        except InvalidQuestion:
            continue
        _verbatim_answer(answer, text, info.id)
    assert set(await library.speaker_names(guild, "")) <= set(names)


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(hostile_text)
def test_any_text_is_stored_and_answered_verbatim_or_refused(
    world: tuple[asyncio.Runner, Library], text: str
) -> None:
    runner, library = world
    runner.run(_exercise(library, next(_GUILDS), text))


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_analysis_never_raises_and_quotes_are_slices(text: str) -> None:
    """analyze() also serves `articlebot extract`, which takes text no check has seen."""
    analysis = analyze(text)
    for quote in analysis.quotes:
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 50 + "A ferry story.",
        "\ud800 broken decoding said Lind.",
        "\u200f\u202e" * 500,
        '"' * 5_000,
        "“" * 3_000 + "”" * 10,
        "😀" * 2_000,
        "e\u0301" * 3_000,
        "word " * 20_000,
        "A line\r\n" * 2_000,
    ],
    ids=["nul", "surrogate", "rtl-only", "straight-marks", "curly-marks", "emoji", "combining",
         "no-punctuation", "crlf"],
)  # fmt: skip
def test_named_hostile_articles(world: tuple[asyncio.Runner, Library], text: str) -> None:
    runner, library = world
    runner.run(_exercise(library, next(_GUILDS), text))


# --- questions, names, autocomplete and article ids at the edges ---------------------------


@pytest.fixture
async def stocked(library: Library) -> Library:
    await library.add_text(GUILD, STORY)
    await library.add_text(OTHER_GUILD, STORY.replace("forty", "fifty"))
    return library


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda lib: lib.ask(GUILD, "a"), "too short"),
        (lambda lib: lib.ask(GUILD, "q" * 10_000), "too long (10,000 characters)"),
        (lambda lib: lib.ask(GUILD, "   "), "too short"),
        (lambda lib: lib.ask(GUILD, "?!…"), "too short"),
        (lambda lib: lib.quotes(GUILD, "L"), "speaker name is too short"),
        (lambda lib: lib.quotes(GUILD, "Lind" * 2_500), "speaker name is too long"),
        (lambda lib: lib.summarize(GUILD, None, "0"), "between 1 and"),
        (lambda lib: lib.summarize(GUILD, None, "x" * 10_000), "Length must be"),
        (lambda lib: lib.summarize(GUILD, "#999"), "No article “#999”"),
        (lambda lib: lib.summarize(GUILD, "2"), "No article"),  # #2 is the other guild's
        (lambda lib: lib.ask(GUILD, "what did Tal say?", "2"), "No article"),
        (lambda lib: lib.quotes(GUILD, "Owen Tal", "#2"), "No article"),
        (lambda lib: lib.remove(GUILD, "2"), "No article"),
        (lambda lib: lib.remove(GUILD, "x" * 10_000), "No article"),
        (lambda lib: lib.summarize(OTHER_GUILD, "1"), "No article"),
        (lambda lib: lib.ask(3_003, "what did Tal say?"), "library is empty"),
    ],
    ids=["ask-1-char", "ask-10k", "ask-blank", "ask-punctuation", "name-1-char", "name-10k",
         "length-0", "length-10k", "missing-id", "other-guild-summary", "other-guild-ask",
         "other-guild-quotes", "other-guild-remove", "remove-10k-title", "other-way-round",
         "empty-guild"],
)  # fmt: skip
async def test_edge_requests_get_a_clear_domain_error(stocked: Library, call, message: str) -> None:
    with pytest.raises(ArticlebotError, match=re.escape(message)) as caught:
        await call(stocked)
    assert message_for(caught.value) == caught.value.message
    assert len(await stocked.articles(GUILD)) == 1  # nothing changed, nothing leaked


@pytest.mark.parametrize("ref", ["²", "9" * 30, "#" + "9" * 5_000, "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠"])
async def test_odd_digit_ids_are_not_found(stocked: Library, ref: str) -> None:
    with pytest.raises(ArticleNotFound):
        await stocked.summarize(GUILD, ref)


async def test_lone_surrogates_in_a_reference_are_ignored_not_a_crash(stocked: Library) -> None:
    assert (await stocked.resolve(GUILD, "Ferry \ud800")).id == 1
    assert [a.id for a in await stocked.title_choices(GUILD, "\udfffFerry \ud800")] == [1]
    with pytest.raises(ArticleNotFound):
        await stocked.resolve(GUILD, "Bridge\ud800")


async def test_lone_surrogates_in_questions_and_names_are_answered(stocked: Library) -> None:
    answer = await stocked.ask(GUILD, "what did Mara Lind say?\ud800")
    assert answer.items and all(i.quote and i.quote.speaker == "Mara Lind" for i in answer.items)
    assert (await stocked.quotes(GUILD, "Owen Tal\udfff")).items
    assert await stocked.speaker_names(GUILD, "Lind\ud800") == ["Mara Lind"]


async def test_lone_surrogates_in_metadata_are_dropped_not_a_crash(library: Library) -> None:
    meta = ArticleMeta(title="Ferry \ud800 news", outlet="\udfffHarbor", external_id="x\ud800")
    info = await library.add_text(GUILD, STORY, meta)
    assert (info.title, info.outlet, info.external_id) == ("Ferry  news", "Harbor", "x")
    assert (await library.resolve(GUILD, "x\ud800")).id == info.id


async def test_every_offered_speaker_can_be_asked_for(library: Library) -> None:
    text = STORY.replace("said Mara", 'said M"ara')
    await library.add_text(GUILD, text)
    for name in await library.speaker_names(GUILD, ""):
        answer = await library.quotes(GUILD, name)
        assert answer.items


@pytest.fixture
def client(stocked: Library) -> SimpleNamespace:
    return SimpleNamespace(library=stocked, settings=Settings())


@pytest.mark.parametrize("typed", ["", " ", "x" * 10_000, "%", "_", "\\", "'; DROP TABLE articles;--"])
async def test_autocomplete_with_odd_input_offers_choices_within_limits(client: SimpleNamespace, typed: str) -> None:
    interaction = FakeInteraction(client, GUILD, moderator=False)
    articles = await article_autocomplete(interaction, typed)  # type: ignore[arg-type]
    speakers = await Reading.speaker_autocomplete(Reading(client), interaction, typed)  # type: ignore[arg-type]
    for choice in [*articles, *speakers]:
        assert 1 <= len(choice.name) <= 100 and len(str(choice.value)) <= 100
    if typed.strip() == "":
        assert [c.value for c in articles] == ["1"]  # empty input: everything, newest first
        assert {c.value for c in speakers} >= {"Mara Lind", "Owen Tal"}
    else:
        assert [c.value for c in articles] == []  # only this guild's titles, matched literally


async def test_autocomplete_never_offers_another_guilds_articles(client: SimpleNamespace) -> None:
    interaction = FakeInteraction(client, OTHER_GUILD, moderator=True)
    assert [c.value for c in await article_autocomplete(interaction, "")] == ["2"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        (Reading.ask, {"question": "a"}, "too short"),
        (Reading.ask, {"question": "q" * 10_000}, "too long"),
        (Reading.ask, {"question": "what did Tal say?", "article": "2"}, "No article"),
        (Reading.quotes, {"speaker": "x" * 10_000}, "too long"),
        (Reading.summary, {"article": "#424242"}, "No article “#424242”"),
    ],
)
async def test_reading_commands_reply_with_the_domain_message(client: SimpleNamespace, command, options, message: str) -> None:
    interaction = FakeInteraction(client, GUILD, moderator=False)
    with pytest.raises(ArticlebotError) as caught:
        await command.callback(Reading(client), interaction, **options)
    assert message in (message_for(caught.value) or "")


async def test_moderator_remove_of_another_guilds_article_is_not_found(client: SimpleNamespace) -> None:
    interaction = FakeInteraction(client, GUILD, moderator=True)
    with pytest.raises(ArticleNotFound):
        await ArticleCommands.remove.callback(ArticleCommands(client), interaction, article="2")  # type: ignore[arg-type]
    assert len(await client.library.articles(OTHER_GUILD)) == 1


def _info(url: str | None, title: str = "A title") -> ArticleInfo:
    return ArticleInfo(1, GUILD, title, url, None, None, None, None, None, "now", "h", 10, 0)


@pytest.mark.parametrize("title", ["a](https://evil.example) [b", "[x](https://evil.example)", "**t** ||s|| `c`"])
def test_titles_never_become_links_or_markup(title: str) -> None:
    for text in (render.citation(_info(None, title)), render.clean(title)):
        assert re.search(r"(?<!\\)\[[^\]]*\]\(", text) is None  # no unescaped [text](link)
        assert "**t**" not in text and "||s||" not in text


@pytest.mark.parametrize("url", ["not a url", "https://ok.example) [Free Nitro](https://evil.example"])
def test_an_odd_stored_url_never_forges_a_link_or_breaks_the_embed(url: str) -> None:
    info = _info(url)
    citation = render.citation(info)
    assert "[Free Nitro]" not in citation
    summary = Summary(info, (), (), ())
    for page in render.summary_pages(summary):
        assert page.url is None or re.fullmatch(r"https?://[^\s()<>]+", page.url)
    assert re.fullmatch(r"#1 (\[A title\]\(https?://[^\s()<>]+\)|A title)", citation)


@pytest.mark.parametrize(
    "url",
    ["not a url", "javascript:alert(1)", "//evil.example/x", "https://", "ftp://files.example/a",
     "https://ok.example) [Free Nitro](https://evil.example", "https://user:pw@bank.example/"],
)  # fmt: skip
async def test_a_source_link_that_is_not_http_is_refused_at_intake(library: Library, url: str) -> None:
    with pytest.raises(InvalidArticle, match="The source link was refused"):
        await library.add_text(GUILD, STORY, ArticleMeta(url=url))
    assert await library.articles(GUILD) == []


async def test_a_source_link_is_normalized_so_it_stays_one_link(library: Library) -> None:
    info = await library.add_text(GUILD, STORY, ArticleMeta(url=" HTTPS://News.Example/a_(b)?q=[1] "))
    assert info.url == "https://news.example/a_%28b%29?q=%5B1%5D"
    assert render.citation(info) == f"#1 [Ferry route reopens after repairs]({info.url})"


async def test_an_import_record_with_a_bad_link_fails_alone_with_its_reason(library: Library, tmp_path) -> None:
    source = tmp_path / "records.jsonl"
    records = [{"id": "a", "text": STORY, "url": "data:text/html,hi"},
               {"id": "b", "text": STORY.replace("forty", "sixty"), "url": "https://news.example/b"}]  # fmt: skip
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    _, items = read_source(source)
    report = await import_items(library, GUILD, items)
    assert (report.added, report.duplicates) == (1, 0)
    assert report.failures == [("line 1 (a)", "The source link was refused: only absolute http:// or https:// addresses can be kept.")]
    assert [a.url for a in await library.articles(GUILD)] == ["https://news.example/b"]
