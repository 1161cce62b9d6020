"""Adding by URL through the service: a real page over loopback, metadata, duplicates, refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from index.errors import DuplicateArticle, FetchError
from index.intake.fetch import FetchOptions
from index.service import Library
from tests.conftest import FIXTURES, GUILD

PAGE = (FIXTURES / "pages" / "harbor-dredging.html").read_bytes()


@pytest.fixture
async def site() -> AsyncIterator[str]:
    async def article(_: web.Request) -> web.Response:
        return web.Response(body=PAGE, content_type="text/html", charset="utf-8")

    async def short_link(_: web.Request) -> web.Response:
        raise web.HTTPFound("/news/harbor?utm_source=share")

    app = web.Application()
    app.router.add_get("/news/harbor", article)
    app.router.add_get("/s/1", short_link)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
async def open_library(tmp_path: Path) -> AsyncIterator[Library]:
    async with await Library.open(tmp_path / "u.db", fetch_options=FetchOptions(allow_private=True, total_timeout=5)) as library:
        yield library


async def test_adds_the_article_with_its_metadata(open_library: Library, site: str) -> None:
    info = await open_library.add_url(GUILD, f"{site}/news/harbor", added_by=3)
    assert info.title == "Council approves $4.2 million harbor dredging plan"
    assert info.outlet == "The Lakeside Ledger"
    assert info.published == "2024-03-14"
    assert info.url and info.url.startswith(site)
    article = await open_library.store.load_article(GUILD, info.id)
    assert "cookie" not in article.text.lower()


async def test_same_url_with_tracking_or_a_short_link_is_a_duplicate(open_library: Library, site: str) -> None:
    await open_library.add_url(GUILD, f"{site}/news/harbor")
    with pytest.raises(DuplicateArticle):
        await open_library.add_url(GUILD, f"{site}/news/harbor?utm_campaign=x#comments")
    with pytest.raises(DuplicateArticle):
        await open_library.add_url(GUILD, f"{site}/s/1")
    assert len(await open_library.articles(GUILD)) == 1


async def test_private_addresses_are_refused_by_default(library: Library, site: str) -> None:
    with pytest.raises(FetchError, match="loopback"):
        await library.add_url(GUILD, f"{site}/news/harbor")
    assert await library.articles(GUILD) == []
