"""Show what adding by URL gives and what it refuses, for the record (the tests assert the same).

Part 1 serves the test pages in tests/fixtures/pages over loopback, adds each through
Library.add_url and prints, side by side, the page's own article paragraphs (the ones written
inside its article element) and what the bot stored: title, outlet, author, date, first and
last paragraph, and whether any page furniture came along.

Part 2 tries each kind of URL the fetcher refuses and prints the message a moderator sees
(the same text `/article add url:` and `articlebot add URL` show). Private and reserved
addresses are refused before any connection is made; the only traffic is to 127.0.0.1.

    python benchmarks/show_url_intake.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import index.intake.fetch  # noqa: E402
from index.errors import ArticlebotError  # noqa: E402
from index.intake.fetch import FetchOptions  # noqa: E402
from index.service import Library  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
SHOWN = ("harbor-dredging.html", "rail-strike.html", "cafe-terrace-cp1252.html")
GUILD = 1
# Where each test page keeps its story, and which paragraphs inside it are not story.
BODY = "//*[@itemprop='articleBody'] | //*[@class='story'] | //article"
NOT_STORY = ("caption", "promo", "newsletter", "meta", "byline", "credit")
LOOPBACK_ONLY = object()  # marks the case run with the guard on and 127.0.0.1 let through
FURNITURE = ("cookie", "Read more", "Sign up", "Share", "comments", "©", "Image:")


def authored_paragraphs(page: bytes) -> list[str]:
    """The page's article paragraphs and subheadings as its author wrote them."""
    tree = lxml_html.fromstring(page)
    bodies = tree.xpath(BODY) or [tree]
    paragraphs = []
    for paragraph in bodies[0].iter("p", "h2"):  # subheadings are story too
        classes = " ".join(
            (element.get("class") or "") for element in (paragraph, *paragraph.iterancestors())
        )
        if any(word in classes for word in NOT_STORY):
            continue
        text = " ".join(paragraph.text_content().split())
        if text:
            paragraphs.append(text)
    return paragraphs


def clip(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


async def serve(
    routes: dict[str, Callable[[web.Request], Awaitable[web.StreamResponse]]],
) -> tuple[web.AppRunner, str]:
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


def page_handler(name: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    body = (PAGES / name).read_bytes()
    charset = "windows-1252" if "cp1252" in name else "utf-8"

    async def handler(_: web.Request) -> web.Response:
        return web.Response(body=body, content_type="text/html", charset=charset)

    return handler


async def show_pages(database: Path) -> None:
    runner, base = await serve({f"/{name}": page_handler(name) for name in SHOWN})
    options = FetchOptions(allow_private=True, total_timeout=10)
    try:
        async with await Library.open(database, fetch_options=options) as library:
            for name in SHOWN:
                info = await library.add_url(GUILD, f"{base}/{name}")
                stored = (await library.store.load_article(GUILD, info.id)).text.split("\n\n")
                authored = authored_paragraphs((PAGES / name).read_bytes())
                leaked = [word for word in FURNITURE if word.lower() in "\n".join(stored).lower()]
                print(f"\n## {name}")
                print(f"title:    {info.title}")
                print(f"outlet:   {info.outlet}    author: {info.author}    date: {info.published}")
                print(
                    f"paragraphs: page {len(authored)}, stored {len(stored)}; furniture stored: {leaked or 'none'}"
                )
                print(f"first, page:   {clip(authored[0])}")
                print(f"first, stored: {clip(stored[0])}")
                print(f"last, page:    {clip(authored[-1])}")
                print(f"last, stored:  {clip(stored[-1])}")
    finally:
        await runner.cleanup()


async def show_refusals(database: Path) -> None:
    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="late")

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"more " * 2000 + b"</p>"
        try:
            for _ in range(10_000):  # bounded: stops by itself after ~100 MB
                await response.write(chunk)
        except ConnectionResetError:  # the fetcher hung up at its cap, as it should
            pass
        return response

    async def loop_redirect(request: web.Request) -> web.Response:
        step = int(request.query.get("n", "0"))
        raise web.HTTPFound(f"/hop?n={step + 1}")

    async def to_metadata(_: web.Request) -> web.Response:
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")

    async def image(_: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")

    async def missing(_: web.Request) -> web.Response:
        raise web.HTTPNotFound()

    runner, base = await serve({
        "/slow": slow, "/endless": endless, "/hop": loop_redirect, "/to-metadata": to_metadata,
        "/image": image, "/missing": missing, "/section": page_handler("section-front.html"),
    })  # fmt: skip
    guarded = FetchOptions(total_timeout=2)
    real_refusal = index.intake.fetch.refusal
    lenient = FetchOptions(allow_private=True, total_timeout=2, max_bytes=1_000_000)
    cases = [
        ("not http(s): ftp", "ftp://files.example/report.txt", guarded),
        ("not http(s): file", "file:///etc/passwd", guarded),
        ("not http(s): javascript", "javascript:alert(1)", guarded),
        ("not a URL", "see the council page", guarded),
        ("credentials in the URL", "http://user:secret@news.example/story", guarded),
        ("loopback IPv4", "http://127.0.0.1/", guarded),
        ("loopback by name", "http://localhost:8080/admin", guarded),
        ("loopback IPv6", "http://[::1]/", guarded),
        ("IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]/", guarded),
        ("private 10/8", "http://10.1.2.3/", guarded),
        ("private 192.168/16", "http://192.168.0.1/router", guarded),
        ("link-local (cloud metadata)", "http://169.254.169.254/latest/meta-data/", guarded),
        ("link-local IPv6", "http://[fe80::1]/", guarded),
        ("unique-local IPv6", "http://[fd00::1]/", guarded),
        ("unspecified", "http://0.0.0.0/", guarded),
        ("multicast", "http://224.0.0.1/", guarded),
        ("reserved", "http://240.0.0.1/", guarded),
        ("carrier-grade NAT", "http://100.64.0.1/", guarded),
        ("unknown host", "http://no-such-host.invalid/", guarded),
        ("redirect to a link-local address", f"{base}/to-metadata", LOOPBACK_ONLY),
        ("slow server", f"{base}/slow", lenient),
        ("endless body", f"{base}/endless", lenient),
        ("redirect loop", f"{base}/hop", lenient),
        ("not HTML", f"{base}/image", lenient),
        ("HTTP error", f"{base}/missing", lenient),
        ("page with no article", f"{base}/section", lenient),
    ]
    print("\n| URL kind | example | what the moderator sees |\n|---|---|---|")
    try:
        async with await Library.open(database, fetch_options=guarded) as library:
            for kind, url, options in cases:
                library.fetch_options = guarded if options is LOOPBACK_ONLY else options
                # The redirect case needs the guard on but our loopback server reachable: treat
                # 127.0.0.1 alone as public (as tests/index/intake/test_fetch.py does), so the hop is
                # what gets refused.
                index.intake.fetch.refusal = (
                    (lambda address: None if str(address) == "127.0.0.1" else real_refusal(address))
                    if options is LOOPBACK_ONLY
                    else real_refusal
                )
                try:
                    info = await library.add_url(GUILD + 1, url)
                    outcome = f"ADDED #{info.id} (unexpected)"
                except ArticlebotError as error:
                    outcome = error.message
                print(f"| {kind} | `{clip(url, 50)}` | {outcome} |")
            stored = len(await library.articles(GUILD + 1))
            print(f"\narticles stored by the refused URLs: {stored}")
    finally:
        index.intake.fetch.refusal = real_refusal
        await runner.cleanup()


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        await show_pages(Path(folder) / "pages.db")
        await show_refusals(Path(folder) / "refusals.db")


if __name__ == "__main__":
    asyncio.run(main())
