"""Near-duplicates: the same story with other furniture is refused by every way of adding;
another story on the same event is not."""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np
import pytest

from index.errors import DuplicateArticle
from index.intake.bulk import import_items, read_source
from index.intake.near_duplicates import (
    PERMUTATIONS,
    Signature,
    containment,
    first_near_duplicate,
    first_stored_duplicate,
    is_near_duplicate,
    signature,
    story_text,
)
from index.service import Library
from index.store.base import StoredStories
from tests.conftest import GUILD, OTHER_GUILD

STORY = [
    "The Ridgeford water board voted five to two on Monday night to close the Elm Street "
    "pumping station by the end of the year, ending a fight that has divided the town since "
    "the spring floods.",
    '"We kept that station running on borrowed parts for a decade," said Hal Brenner, the '
    'board\'s chairman. "Nobody should pretend it was safe."',
    "Residents of the east side packed the meeting hall and many asked how their taps would "
    "stay full once the station goes dark in December.",
    "The board said a new main from the reservoir would carry the east side's water from "
    "November, and that bills would not rise before the next budget.",
    "Lena Ortiz, who has lived on Elm Street for thirty years, said she would believe the "
    "promise when the new pipe was in the ground and working.",
]
OTHER_STORY = [
    "Ridgeford's east side residents say they are still waiting for answers a week after the "
    "water board chose to close the Elm Street pumping station.",
    "At a meeting in the church basement on Saturday, neighbours traded stories of low "
    "pressure and brown water and planned a petition to the county.",
    '"We kept that station running on borrowed parts for a decade," the board\'s chairman, '
    "Hal Brenner, had said at the vote, a line several residents read out with some anger.",
    "The county clerk said a petition with enough signatures could force a public hearing "
    "before the station is switched off, though not a new vote.",
]


def as_text(paragraphs: list[str]) -> str:
    return "Water board closes Elm Street pumping station\n\n" + "\n\n".join(paragraphs)


def as_page(paragraphs: list[str]) -> bytes:
    """The same story as a news page: navigation, byline, dateline, an ad, related links."""
    body = [f"<p>RIDGEFORD (Valley Wire) — {html.escape(paragraphs[0])}</p>"]
    body += [f"<p>{html.escape(p)}</p>" for p in paragraphs[1:3]]
    body.append('<div class="ad">Advertisement</div>')
    body += [f"<p>{html.escape(p)}</p>" for p in paragraphs[3:]]
    return (
        "<html><head><title>Pumping station to close | Valley Wire</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav><article>"
        "<h1>Board votes to shut Elm Street pumping station</h1>"
        "<p class='byline'>By Jo Pell, Staff Writer</p>"
        + "".join(body)
        + "</article><aside><h3>Related stories</h3><a href='/x'>Other news</a></aside>"
        "<footer>© Valley Wire. All rights reserved.</footer></body></html>"
    ).encode()


def test_signatures_are_the_same_in_every_process() -> None:
    first, again = (
        signature("one two three four five six seven"),
        signature("one two three four five six seven"),
    )
    assert first.to_bytes() == again.to_bytes()
    assert first.bands() == again.bands()


@pytest.mark.parametrize(
    ("story", "shingles", "digest"),
    [
        ("one two three four five six seven", 3, "5a1ab6514102e909"),
        ("Ünïcode wörds, straße ΣΊΣΥΦΟΣ and more words here then", 5, "a7a5b3be6374c715"),
        ("a b", 1, "9a5fc1d8aedb4960"),
        ("", 0, "e3c0dca537dae614"),
    ],
)
def test_signatures_are_the_ones_stored_by_earlier_versions(
    story: str, shingles: int, digest: str
) -> None:
    """Stored signatures are compared with new ones: the values must never drift."""
    import hashlib

    sig = signature(story)
    assert sig.shingles == shingles
    assert hashlib.blake2b(sig.to_bytes(), digest_size=8).hexdigest() == digest


def test_shingles_are_the_distinct_runs_even_when_two_share_a_hash() -> None:
    """Runs are hashed with their repeats and counted from the hashes: two distinct runs whose
    4-byte BLAKE2b digests collide still count as two, a run repeated once."""
    import hashlib

    first, second = b"w7577 a b c d", b"w111098 a b c d"  # found by a birthday search
    assert (
        hashlib.blake2b(first, digest_size=4).digest()
        == hashlib.blake2b(second, digest_size=4).digest()
    )
    both = signature("w7577 a b c d w111098 a b c d")  # 6 runs, all distinct
    assert both.shingles == 6
    repeated = signature("w7577 a b c d x w111098 a b c d w7577 a b c d")  # 12 runs, one twice
    assert repeated.shingles == 11


def test_band_keys_are_the_ones_stored_by_earlier_versions() -> None:
    """A band's key: the 8-byte BLAKE2b of its number byte and its two packed values, read as
    a signed little-endian integer (stored keys are looked up by new ones)."""
    import hashlib

    rng = np.random.default_rng(11)
    for values in (rng.integers(0, 2**32, PERMUTATIONS, dtype=np.uint32), signature("").values):
        data = Signature(values, 30).to_bytes()
        expected = [
            int.from_bytes(
                hashlib.blake2b(bytes((band,)) + data[8 * band : 8 * band + 8], digest_size=8)
                .digest(), "little", signed=True,
            )
            for band in range(32)
        ]  # fmt: skip
        assert Signature(values, 30).bands() == expected
        assert Signature.from_bytes(data, 30).bands() == expected


def test_min_hashes_are_the_modular_arithmetic_in_every_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 32-bit shortcut against (a·x + b) mod p in Python's integers: ordinary hashes and
    permutations, a permutation where the hash of least low 32 bits is not the least value
    (its y's top bits, h, add more), and ones that meet each case it must take the long way
    (a·x + b equal to p, just past a multiple of 2**61, landing at 2**32 - 1 once masked)."""
    from index.intake import near_duplicates

    rng = np.random.default_rng(7)
    ordinary = rng.integers(0, 2**32, size=300).tolist()
    long_ways = []
    exact = near_duplicates._exact_min_hashes
    monkeypatch.setattr(
        near_duplicates, "_exact_min_hashes", lambda x: long_ways.append(len(x)) or exact(x)
    )

    def check(a: np.ndarray, b: np.ndarray, xs: list[int], long_way: bool) -> None:
        monkeypatch.setattr(near_duplicates, "_A", a)
        monkeypatch.setattr(near_duplicates, "_B", b)
        monkeypatch.setattr(near_duplicates, "_A_LOW", a.astype(np.uint32)[:, None])
        low_b = (b + np.uint64(8)).astype(np.uint32)[:, None]
        monkeypatch.setattr(near_duplicates, "_B_LOW_PLUS_8", low_b)
        monkeypatch.setattr(near_duplicates, "_tiled", {})  # a's and b's rows made again
        long_ways.clear()
        found = near_duplicates._min_hashes(np.array(xs, dtype=np.uint32))
        expected = [
            min(((ai * x + bi) % (2**61 - 1)) & (2**32 - 1) for x in xs)
            for ai, bi in zip(a.tolist(), b.tolist(), strict=True)
        ]
        assert found.dtype == np.uint32 and found.tolist() == expected
        assert bool(long_ways) == long_way

    a = rng.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    check(a, b, ordinary, long_way=False)
    a[0], b[0] = 2**32 - 5, 12_345
    a0, b0, inverse = int(a[0]), int(b[0]), pow(int(a[0]), -1, 2**32)
    for low in range(1000, 2000):  # hashes whose y have low bits `low` and `low + 1`
        first, second = (((target - b0) * inverse) % 2**32 for target in (low, low + 1))
        if (a0 * first + b0) >> 61 >= ((a0 * second + b0) >> 61) + 2:
            break  # the first's the least low bits, the second's the least value
    check(a, b, [*ordinary, first, second], long_way=False)
    a[:4] = [2**29, 2**29, 2**31, 2**29]
    b[:4] = [2**29 - 1, 2**29 + 3, 2**31 - 2, 2**29 - 2]
    for x in (2**32 - 1, 3 * 2**30 - 1):
        check(a, b, [*ordinary[:5], x], long_way=True)


def test_min_hashes_are_the_long_way_s_at_every_width() -> None:
    """A block is padded to a multiple of 128 hashes with copies of its last one, and more than
    1,024 hashes take two blocks: the least values are those of the hashes alone."""
    from index.intake import near_duplicates

    rng = np.random.default_rng(5)
    for size in (1, 2, 127, 128, 129, 700, 1024, 1025, 2100):
        hashes = rng.integers(0, 2**32, size=size, dtype=np.uint32)
        expected = near_duplicates._exact_min_hashes(hashes)
        assert near_duplicates._min_hashes(hashes).tolist() == expected.tolist()


def test_a_signature_comes_back_from_pickling_the_same() -> None:
    import pickle

    sig = signature(" ".join(STORY))
    back = pickle.loads(pickle.dumps(sig))
    assert (back.shingles, back.values.dtype) == (sig.shingles, sig.values.dtype)
    assert np.array_equal(back.values, sig.values) and back.bands() == sig.bands()


def test_the_story_without_its_furniture_matches_and_another_story_does_not() -> None:
    from index.text.segment import segment

    text = signature(story_text(segment(as_text(STORY))))
    excerpt = signature(story_text(segment("\n\n".join(STORY[:3]))))
    other = signature(story_text(segment(as_text(OTHER_STORY))))
    assert is_near_duplicate(text, excerpt)
    assert containment(text, other) < 0.3
    assert not is_near_duplicate(text, other)


def test_all_candidates_at_once_decide_as_one_at_a_time() -> None:
    rng = np.random.default_rng(7)
    new = Signature(rng.integers(0, 50, PERMUTATIONS).astype(np.uint32), 300)
    for trial in range(200):
        # Candidates near the threshold: some values shared, short and long stories, a few
        # too short to count; the first same story decides, wherever it is.
        candidates = []
        for _ in range(int(rng.integers(0, 12))):
            values = np.where(rng.random(PERMUTATIONS) < rng.random(), new.values, 99)
            shingles = int(rng.choice([0, 5, 19, 20, 40, 150, 300, 900, 5000]))
            candidates.append((shingles, values.astype("<u4").tobytes()))
        one_by_one = next(
            (at for at, (n, data) in enumerate(candidates)
             if is_near_duplicate(new, Signature.from_bytes(data, n))),
            None,
        )  # fmt: skip
        assert first_near_duplicate(new, candidates) == one_by_one, trial
        stored = StoredStories.of([(at, n, data) for at, (n, data) in enumerate(candidates)])
        assert first_stored_duplicate(new, stored) == one_by_one, trial
    assert first_near_duplicate(Signature(new.values, 19), [(300, new.to_bytes())]) is None
    one = StoredStories.of([(1, 300, new.to_bytes())])
    assert first_stored_duplicate(Signature(new.values, 19), one) is None


async def test_the_page_of_a_stored_story_is_refused_as_the_first(database: str) -> None:
    async with await Library.open(database) as library:
        first = await library.add_text(GUILD, as_text(STORY))
        with pytest.raises(DuplicateArticle, match=f"already in the library as #{first.id}"):
            await library.add_file(GUILD, "story.html", as_page(STORY))
        with pytest.raises(DuplicateArticle):  # a feed's excerpt of it
            await library.add_text(GUILD, "\n\n".join(STORY[:3]))
        other = await library.add_text(GUILD, as_text(OTHER_STORY))  # same event, other story
        assert other.id != first.id
        # One guild never sees another's articles, so the page is new there.
        assert (await library.add_file(OTHER_GUILD, "story.html", as_page(STORY))).id
        assert len(await library.articles(GUILD)) == 2


async def test_import_counts_the_page_as_a_duplicate(tmp_path: Path) -> None:
    records = tmp_path / "batch.jsonl"
    records.write_text(
        json.dumps({"id": "a", "text": as_text(STORY)})
        + "\n"
        + json.dumps({"id": "b", "text": "\n\n".join(["VALLEY WIRE", *STORY, "Share this story"])})
        + "\n"
    )
    async with await Library.open(tmp_path / "i.db") as library:
        _, items = read_source(records)
        report = await import_items(library, GUILD, items)
        assert (report.added, report.duplicates) == (1, 1)


async def test_articles_stored_before_signatures_get_them_when_next_added_to(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    async with await Library.open(path) as library:
        first = await library.add_text(GUILD, as_text(STORY))
        # As a library upgraded from schema 0003 would be: the article has no signature.
        await library.store._db.execute("DELETE FROM story_signatures")
        await library.store._db.execute("DELETE FROM story_bands")
        await library.store._db.commit()
    async with await Library.open(path) as library:
        with pytest.raises(DuplicateArticle, match=f"#{first.id}"):
            await library.add_file(GUILD, "story.html", as_page(STORY))
        assert await library.store.unsigned_articles(GUILD) == []


async def test_the_page_fetched_by_url_is_refused(tmp_path: Path) -> None:
    from aiohttp import web

    from index.intake.fetch import FetchOptions

    async def page(_: web.Request) -> web.Response:
        return web.Response(body=as_page(STORY), content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/local/pumping-station", page)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        options = FetchOptions(allow_private=True, total_timeout=5)
        async with await Library.open(tmp_path / "u.db", fetch_options=options) as library:
            first = await library.add_text(GUILD, as_text(STORY))
            with pytest.raises(DuplicateArticle, match=f"#{first.id}"):
                await library.add_url(GUILD, f"http://127.0.0.1:{port}/local/pumping-station")
            assert len(await library.articles(GUILD)) == 1
    finally:
        await runner.cleanup()



@pytest.mark.parametrize(
    ("sentence", "by_windows"),
    [
        ("The board met on Monday and voted to close the Elm Street station by June.", True),
        ("It rose.The index fell.Then it rose again, said ΟΔΥΣΣΕΑΣ.Νέα μέρα ΣΑΣ.", False),
    ],
)
def test_story_words_of_a_long_paragraph_are_its_windows_words(
    sentence: str, by_windows: bool
) -> None:
    from index.answer.passages import windows
    from index.intake.story_signatures import story_words
    from index.text.segment import segment
    from index.text.words import span_words

    document = segment("Headline\n\n" + " ".join([sentence] * 30) + "\n\nA short one.")
    long = max(document.paragraphs, key=lambda p: p.end - p.start)
    assert len(list(windows(long))) > 1
    words = story_words(document)
    # Every story paragraph's words, and a long one's windows' (but where a final sigma could
    # fall at a window's end), as each span's own split.
    spans = [(p.start, p.end) for p in document.story_paragraphs()]
    expected = span_words(document.text, spans + list(windows(long)) * by_windows)
    assert words == expected
