"""A small news site for feed tests: a feed (RSS 2.0, Atom or RSS 1.0) and its story pages.

It runs an aiohttp server in its own thread, so a CLI subprocess or a bot process can reach it
while the test changes it between polls (add a story, re-date one, fail with a status).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from html import escape

from aiohttp import web


@dataclass
class Story:
    slug: str
    title: str
    body: list[str]  # paragraphs
    guid: str | None = None
    date: str = "Mon, 01 Dec 2025 10:00:00 GMT"
    link: str | None = None  # default /news/<slug>; "" for an item without a link


# What each story is about, in words of its own: stories on one template would be near-duplicates
# of each other (index/intake/near_duplicates.py), and the library would keep only the first.
DETAILS = {
    "bridge repair": ["Engineers found rust on two of the five steel beams under the east span.",
                      "Lorries over ten tonnes have been sent round by the quarry road since May.",
                      "A temporary footbridge for cyclists would take six weeks to put up."],
    "library roof": ["Rain has come through the reading room ceiling three times this autumn.",
                     "Volunteers moved the local history shelves into the basement in October.",
                     "Slates from the old chapel next door could be reused on the north side."],
    "ferry timetable": ["The morning crossing would leave at half past six instead of seven.",
                        "Commuters to the mainland hospital asked for a later boat on Fridays.",
                        "The crew union wants a second deckhand on every winter sailing."],
    "market hall": ["Stallholders pay eleven pounds a day and want the heating fixed first.",
                    "The glass canopy over the fish counter dates from the reign of Victoria.",
                    "Saturday trade has doubled since the car park opened behind the hall."],
    "school buses": ["Two routes over the moor carry forty pupils each morning in old coaches.",
                     "Parents in Highfield say children wait in the dark at an unlit stop.",
                     "A new operator bid for the contract with electric minibuses."],
    "park lights": ["Lamps along the river path have been dark since a storm flooded the cables.",
                    "Joggers and dog walkers signed a petition with six hundred names.",
                    "Solar lamps were tried in the orchard last spring and failed by June."],
}


def story(slug: str, speaker: str, topic: str, day: int) -> Story:
    """A story written for the tests: a few plain paragraphs with one attributed quote."""
    details = DETAILS.get(topic, [])
    return Story(
        slug=slug,
        title=f"Council weighs {topic} & the budget",
        body=[
            f"The town council met on Tuesday to discuss the {topic}.",
            f'"We have waited long enough for the {topic}, and people are tired of excuses," '
            f"said {speaker}, who chairs the works committee.",
            *details,
            f"{speaker} said a vote on the {topic} would come before the end of the month.",
            '"Nobody has shown us a plan we can afford," said Ida Brandt, the town treasurer.',
        ],
        guid=f"story-{slug}",
        date=f"Mon, {day:02d} Dec 2025 10:00:00 GMT",
    )


@dataclass
class NewsSite:
    kind: str = "rss2"
    stories: list[Story] = field(default_factory=list)
    status: int = 200  # the feed's status; 200 serves it
    feed_fetches: int = 0
    conditional: bool = True  # answer 304 to a matching If-None-Match
    url: str = ""

    def feed_url(self) -> str:
        return f"{self.url}/feed.xml"

    def start(self) -> NewsSite:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_get("/feed.xml", self._feed)
            app.router.add_get("/news/{slug}", self._page)
            app.router.add_get("/page.html", self._plain_page)
            self._runner = web.AppRunner(app)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.url = f"http://127.0.0.1:{port}"
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def body(self) -> bytes:
        return render(self.kind, self.stories, self.url).encode()

    async def _feed(self, request: web.Request) -> web.Response:
        self.feed_fetches += 1
        if self.status != 200:
            return web.Response(status=self.status, text="down")
        body = self.body()
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if self.conditional and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        types = {"rss2": "application/rss+xml", "atom": "application/atom+xml", "rss1": "application/rdf+xml"}
        return web.Response(body=body, content_type=types[self.kind], headers={"ETag": etag})

    async def _page(self, request: web.Request) -> web.Response:
        found = next((s for s in self.stories if s.slug == request.match_info["slug"]), None)
        if found is None:
            raise web.HTTPNotFound
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in found.body)
        page = (
            f"<html><head><title>{escape(found.title)}</title></head><body><article>"
            f"<h1>{escape(found.title)}</h1>{paragraphs}</article></body></html>"
        )
        return web.Response(text=page, content_type="text/html")

    async def _plain_page(self, _: web.Request) -> web.Response:
        return web.Response(text="<!doctype html><html><body><p>Hello</p></body></html>", content_type="text/html")


def _link(story: Story, base: str) -> str:
    return f"{base}/news/{story.slug}" if story.link is None else story.link


def render(kind: str, stories: list[Story], base: str) -> str:
    if kind == "atom":
        entries = "".join(
            f"<entry><title type='html'>{escape(s.title)}</title>"
            + (f"<link href='{escape(_link(s, base))}'/>" if _link(s, base) else "")
            + f"<id>{escape(s.guid or s.slug)}</id><updated>2025-12-{_day(s)}T10:00:00Z</updated></entry>"
            for s in stories
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Town News</title><id>urn:town</id><updated>2025-12-01T00:00:00Z</updated>{entries}</feed>"
        )
    if kind == "rss1":
        items = "".join(
            f"<item rdf:about='{escape(_link(s, base))}'><title>{escape(s.title)}</title>"
            f"<link>{escape(_link(s, base))}</link><dc:date>2025-12-{_day(s)}T10:00:00Z</dc:date></item>"
            for s in stories
        )
        return (
            "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
            " xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            f"<channel rdf:about='{base}'><title>Town News</title><link>{base}</link>"
            f"<description>news</description></channel>{items}</rdf:RDF>"
        )
    items = "".join(
        f"<item><title>{escape(s.title)}</title>"
        + (f"<link>{escape(_link(s, base))}</link>" if _link(s, base) else "")
        + (f"<guid isPermaLink='false'>{escape(s.guid)}</guid>" if s.guid else "")
        + f"<pubDate>{s.date}</pubDate></item>"
        for s in stories
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Town News</title>"
        f"<link>{base}</link><description>news</description>{items}</channel></rss>"
    )


def _day(story: Story) -> str:
    return story.date.split()[1]
