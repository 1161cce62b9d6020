"""Fetching against a real local server: the right article, or the right clear error.

The test server listens on 127.0.0.1, which the address guard refuses, so most tests allow
private addresses; the guard's own tests leave it on and prove what it refuses.
"""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

import index.intake.fetch
from index.errors import FetchError
from index.intake.fetch import FetchOptions, fetch, fetch_article, refusal
from tests.conftest import FIXTURES

PAGES = FIXTURES / "pages"
OPEN = FetchOptions(allow_private=True, connect_timeout=1.0, total_timeout=3.0)
GUARDED = FetchOptions(connect_timeout=1.0, total_timeout=3.0)
PLAIN_ARTICLE = (
    "The ferry timetable changes on Monday. Sailings to the island will leave every ninety "
    "minutes instead of every hour, the operator said, because one of its two boats is going "
    "into dry dock for repairs.\n\nThe old timetable returns in May."
)


async def page(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    # The legacy page declares its charset only in a meta tag, as old sites do.
    content_type = "text/html" if "cp1252" in name else "text/html; charset=utf-8"
    return web.Response(body=(PAGES / name).read_bytes(), headers={"Content-Type": content_type})


async def redirect(request: web.Request) -> web.Response:
    hops = int(request.match_info["hops"])
    target = "/page/harbor-dredging.html" if hops == 0 else f"/redirect/{hops - 1}"
    if hops % 2:  # mix absolute and relative Location headers
        target = f"http://{request.host}{target}"
    raise web.HTTPFound(target)


async def redirect_to(request: web.Request) -> web.Response:
    raise web.HTTPFound(request.query["url"])


async def slow(request: web.Request) -> web.Response:
    await asyncio.sleep(10)
    return web.Response(text="too late")


async def trickle(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    while True:
        await response.write(b"<p>.")
        await asyncio.sleep(0.05)


async def endless(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    await response.prepare(request)
    chunk = b"<p>" + b"news " * 2000 + b"</p>\n"
    while True:
        await response.write(chunk)


async def claims_big(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.content_length = 50_000_000
    await response.prepare(request)
    await response.write(b"<p>start</p>")
    return response


async def gzip_bomb(request: web.Request) -> web.Response:
    # About 10 KB on the wire, 10 MB once decompressed.
    body = gzip.compress(b"<p>" + b" " * 10_000_000, compresslevel=9)
    return web.Response(
        body=body, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )


async def image(request: web.Request) -> web.Response:
    return web.Response(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")


async def plain(request: web.Request) -> web.Response:
    return web.Response(text=PLAIN_ARTICLE, content_type="text/plain")


async def echo(request: web.Request) -> web.Response:
    lines = [f"Host: {request.host}", f"User-Agent: {request.headers['User-Agent']}"]
    return web.Response(text="\n".join(lines), content_type="text/plain")


async def missing(request: web.Request) -> web.Response:
    raise web.HTTPNotFound()


@pytest.fixture
async def server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/page/{name}", page)
    app.router.add_get("/redirect/{hops}", redirect)
    app.router.add_get("/to", redirect_to)
    app.router.add_get("/slow", slow)
    app.router.add_get("/trickle", trickle)
    app.router.add_get("/endless", endless)
    app.router.add_get("/big", claims_big)
    app.router.add_get("/bomb", gzip_bomb)
    app.router.add_get("/image.png", image)
    app.router.add_get("/plain", plain)
    app.router.add_get("/echo", echo)
    app.router.add_get("/missing", missing)
    runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.mark.parametrize(
    ("name", "title", "outlet", "date", "first"),
    [
        (
            "harbor-dredging.html",
            "Council approves $4.2 million harbor dredging plan",
            "The Lakeside Ledger",
            "2024-03-14",
            "The Port Alder city council voted 5-2",
        ),
        (
            "rail-strike.html",
            "Rail workers vote to strike over depot closures",
            "Northern Wire",
            "2023-11-02",
            "Maintenance workers at three regional rail depots",
        ),
        (
            "cafe-terrace-cp1252.html",
            "Café owner wins fight over terrace",
            "Valley Courier",
            "2019-06-21",
            "José Müller can keep the six tables outside Café Lumière",
        ),
    ],
)
async def test_fetches_the_article(server, name, title, outlet, date, first):
    url = f"{server}/page/{name}"
    article = await fetch_article(url, OPEN)
    assert (article.meta.title, article.meta.outlet, article.meta.published) == (
        title,
        outlet,
        date,
    )
    assert article.meta.url == url
    assert article.text.startswith(first)
    assert "cookie" not in article.text.lower()


async def test_legacy_charset_comes_from_the_meta_tag(server):
    page = await fetch(f"{server}/page/cafe-terrace-cp1252.html", OPEN)
    assert page.charset is None  # the header said only text/html
    assert "Coffee on the terrace will stay at €2.40 a cup, Müller added, “for now.”" in page.text


async def test_plain_text_page_is_the_article(server):
    article = await fetch_article(f"{server}/plain", OPEN)
    assert article.text == PLAIN_ARTICLE


async def test_sends_our_user_agent(server):
    page = await fetch(f"{server}/echo", OPEN)
    assert "User-Agent: articlebot/0.1 (+https://github.com/articlebot)" in page.text


async def test_follows_a_redirect_chain(server):
    page = await fetch(f"{server}/redirect/4", OPEN)
    assert page.final_url == f"{server}/page/harbor-dredging.html"
    assert len(page.redirects) == 5
    assert page.redirects[0] == f"{server}/redirect/4"


async def test_refuses_a_too_long_redirect_chain(server):
    with pytest.raises(FetchError, match=r"^too many redirects \(more than 5\)$"):
        await fetch(f"{server}/redirect/5", OPEN)


async def test_total_timeout_while_waiting_for_headers(server):
    options = FetchOptions(allow_private=True, total_timeout=0.3)
    with pytest.raises(FetchError, match=r"^timed out after 0\.3 s$"):
        await fetch(f"{server}/slow", options)


async def test_total_timeout_while_the_body_trickles_in(server):
    options = FetchOptions(allow_private=True, total_timeout=0.3)
    with pytest.raises(FetchError, match=r"^timed out after 0\.3 s$"):
        await fetch(f"{server}/trickle", options)


async def test_body_cap_is_enforced_while_streaming(server):
    options = FetchOptions(allow_private=True, max_bytes=200_000, total_timeout=3.0)
    with pytest.raises(FetchError, match=r"^the page is larger than 200 KB$"):
        await fetch(f"{server}/endless", options)


async def test_declared_length_over_the_cap_is_refused_before_reading(server):
    with pytest.raises(FetchError, match=r"^the page is larger than 5 MB$"):
        await fetch(f"{server}/big", OPEN)


async def test_body_cap_counts_decompressed_bytes(server):
    with pytest.raises(FetchError, match=r"^the page is larger than 5 MB$"):
        await fetch(f"{server}/bomb", OPEN)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/image.png", r"^not an HTML or text page \(image/png\)$"),
        ("/missing", r"^the site answered 404 Not Found$"),
        ("/page/section-front.html", r"^no article text found at http://127\.0\.0\.1:\d+/page/"),
    ],
)
async def test_clear_errors(server, path, message):
    with pytest.raises(FetchError, match=message):
        await fetch_article(f"{server}{path}", OPEN)


@pytest.fixture
def unanswered_port():
    """A port whose accept queue is full, so new connections hang as to a dead host."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = [socket.socket() for _ in range(3)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
    yield port
    for sock in [*fillers, listener]:
        sock.close()


async def test_connect_timeout(unanswered_port):
    options = FetchOptions(allow_private=True, connect_timeout=0.3, total_timeout=3.0)
    with pytest.raises(FetchError, match=r"^could not connect to 127\.0\.0\.1 within 0\.3 s$"):
        await fetch(f"http://127.0.0.1:{unanswered_port}/", options)


async def test_closed_port_is_a_connection_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"^could not connect to 127\.0\.0\.1"):
        await fetch(f"http://127.0.0.1:{port}/", OPEN)


# --- the address guard ---------------------------------------------------------------------


async def test_guard_refuses_the_local_test_server(server):
    with pytest.raises(FetchError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        await fetch(f"{server}/page/harbor-dredging.html", GUARDED)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://localhost/",
            r"refused: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\)",
        ),
        ("http://127.0.0.1:8080/admin", "refused: 127.0.0.1 is a loopback address"),
        (
            "http://2130706433/",
            r"refused: 2130706433 resolves to a loopback address \(127\.0\.0\.1\)",
        ),
        ("http://0x7f.1/", r"refused: 0x7f\.1 resolves to a loopback address \(127\.0\.0\.1\)"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:7f00:1 is a loopback address"),
        ("http://[::ffff:a00:1]/", "refused: ::ffff:a00:1 is a private address"),
        ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
        ("http://172.16.5.4/", "refused: 172.16.5.4 is a private address"),
        ("http://192.168.1.1/router", "refused: 192.168.1.1 is a private address"),
        ("http://[fd12:3456::1]/", "refused: fd12:3456::1 is a private address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused: 169.254.169.254 is a link-local address",
        ),
        ("http://[fe80::1]/", "refused: fe80::1 is a link-local address"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
        ("http://[ff02::1]/", "refused: ff02::1 is a multicast address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://[::]/", "refused: :: is an unspecified address"),
        ("http://240.0.0.1/", "refused: 240.0.0.1 is a reserved address"),
        ("http://100.64.0.1/", r"refused: 100.64.0.1 is a shared \(carrier-grade NAT\) address"),
        ("http://[2002:7f00:1::]/", "refused: 2002:7f00:1:: is a loopback address"),
        ("http://[64:ff9b::a9fe:a9fe]/", "refused: 64:ff9b::a9fe:a9fe is a link-local address"),
        ("https://user:pass@news.example.com/", "refused: links with a user name or password"),
        ("ftp://news.example.com/story", "refused: only http and https links can be fetched"),
        ("file:///etc/passwd", "refused: only http and https links can be fetched, not file:"),
    ],
)
async def test_guard_refuses(url, message):
    with pytest.raises(FetchError, match=f"^{message}"):
        await fetch(url, GUARDED)


@pytest.fixture
def loopback_is_public(monkeypatch):
    """Let the guard pass 127.0.0.1 only, so a public-looking first hop can redirect inward."""
    real = refusal

    def patched(address):
        return None if address == ipaddress.ip_address("127.0.0.1") else real(address)

    monkeypatch.setattr(index.intake.fetch, "refusal", patched)


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused: 169.254.169.254 is a link-local address",
        ),
        ("http://10.1.2.3:8080/internal", "refused: 10.1.2.3 is a private address"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("file:///etc/passwd", "refused: only http and https links can be fetched"),
        ("http://admin:admin@10.0.0.1/", "refused: links with a user name or password"),
    ],
)
async def test_guard_checks_every_redirect_hop(server, target, message):
    with pytest.raises(FetchError, match=f"^{message}"):
        await fetch(f"{server}/to?url={target}", GUARDED)


@pytest.mark.usefixtures("loopback_is_public")
async def test_connects_to_the_checked_address_with_the_host_name_kept(server, monkeypatch):
    port = int(server.rsplit(":", 1)[1])
    answers = [[ipaddress.ip_address("127.0.0.1")], [ipaddress.ip_address("10.0.0.1")]]
    asked = []

    async def rebinding_dns(host, port):
        # First answer passes the guard; any later lookup would point inward.
        asked.append(host)
        return answers[min(len(asked), 2) - 1]

    monkeypatch.setattr(index.intake.fetch, "lookup", rebinding_dns)
    page = await fetch(f"http://news.test:{port}/echo", GUARDED)
    assert asked == ["news.test"]  # aiohttp never did its own lookup
    assert f"Host: news.test:{port}" in page.text


@pytest.fixture
def certificate(tmp_path):
    """Make a self-signed certificate for a name that is not the one we will ask for."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=other.example",
            "-keyout",
            key,
            "-out",
            cert,
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.usefixtures("loopback_is_public")
async def test_tls_server_name_is_the_host_name_not_the_address(certificate, monkeypatch):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    names = []
    context.sni_callback = lambda connection, name, context: names.append(name)
    tls = await asyncio.start_server(
        lambda reader, writer: writer.close(), "127.0.0.1", 0, ssl=context
    )

    async def dns(host, port):
        return [ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(index.intake.fetch, "lookup", dns)
    port = tls.sockets[0].getsockname()[1]
    async with tls:
        # Our self-signed certificate is rightly refused, after the name was sent.
        with pytest.raises(FetchError, match=r"^could not connect to news\.test: its certificate"):
            await fetch(f"https://news.test:{port}/", GUARDED)
    assert names == ["news.test"]


async def test_a_host_with_any_private_answer_is_refused(monkeypatch):
    async def mixed_dns(host, port):
        return [ipaddress.ip_address("8.8.8.8"), ipaddress.ip_address("10.0.0.7")]

    monkeypatch.setattr(index.intake.fetch, "lookup", mixed_dns)
    with pytest.raises(FetchError, match=r"^refused: news\.test resolves to a private address"):
        await fetch("http://news.test/", GUARDED)


async def test_unknown_host_is_a_clear_error():
    with pytest.raises(FetchError, match=r"^could not find the host no-such-host\.invalid$"):
        await fetch("http://no-such-host.invalid/", GUARDED)
