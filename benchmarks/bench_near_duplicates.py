"""Measure the near-duplicate threshold on real pairs.

Same story (must be caught):
  - lapd-beck.txt as scraped beside the same story as an HTML page (other furniture, headline,
    byline, dateline), the HTML going through the library's own article extraction;
  - every dev article of summaries-dev (and quotes-dev) beside an HTML page built from it with
    other furniture, a headline line, a byline and a dateline glued to its first paragraph;
  - a feed excerpt: the first 40% of the paragraphs beside the full story;
  - an edited copy: one paragraph dropped and a sentence's words changed.
Distinct stories on the same event (must stay apart): pairs of dev articles whose TF-IDF
cosine is highest (same event, shared names and quotes).

Scores are the estimated containment of the shorter story in the longer one (MinHash), reported
for both halves of `devsplit`; the threshold is read from the tuning half and checked on the other.
    python benchmarks/bench_near_duplicates.py [--limit N] [--scale 100000]

--scale N also times the check against a SQLite library of N stored signatures (random stories,
plus the real ones), through the store's band index, as `Library.add_text` runs it.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devsplit import half

from index.intake.html import extract
from index.intake.near_duplicates import (
    CONTAINMENT,
    MIN_SHINGLES,
    containment,
    signature,
    story_text,
)
from index.text.segment import segment

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data"
CITIES = ["WASHINGTON", "LONDON", "NEW YORK", "Los Angeles, California", "PARIS"]
OUTLETS = ["(Reuters)", "(AP)", "(CNN)", "—", "--"]


def page(title: str, paragraphs: list[str], n: int) -> str:
    """An article page around the story: navigation, ads, related links and a footer."""
    body = [f"<p>{CITIES[n % 5]} {OUTLETS[n % 5]} {html.escape(paragraphs[0])}</p>"]
    for i, para in enumerate(paragraphs[1:], 1):
        body.append(f"<p>{html.escape(para)}</p>")
        if i == 3:
            body.append('<div class="ad">Advertisement</div>')
    return (
        f"<html><head><title>{html.escape(title)} | The Daily Example</title>"
        f'<meta property="og:title" content="{html.escape(title)}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>"
        f"<p class='byline'>By Staff Writer {n}, Correspondent</p>"
        f"<p class='date'>Updated 10:4{n % 10} GMT, March {n % 28 + 1}, 2016</p>"
        + "".join(body)
        + "</article><aside><h3>Related stories</h3><ul><li><a href='/a'>Other news today</a>"
        "</li><li><a href='/b'>More from this section</a></li></ul></aside>"
        "<footer>© 2016 The Daily Example. All rights reserved. Terms | Privacy</footer>"
        "</body></html>"
    )


def paragraphs(text: str) -> list[str]:
    return [text[p.start : p.end] for p in segment(text).paragraphs]


def sig(text: str):
    return signature(story_text(segment(text)))


def load(limit: int) -> list[dict]:
    rows = []
    for name in ("summaries-dev.jsonl", "quotes-dev.jsonl"):
        with open(DATA / name, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                rows.append(
                    {
                        "id": str(record["id"]),
                        "text": record["text"],
                        "title": record.get("title") or "",
                    }
                )
    return rows[:limit] if limit else rows


def same_story_pairs(rows: list[dict]) -> list[tuple[str, str, float]]:
    """(kind, half, score) for texts of one story."""
    out = []
    for n, row in enumerate(rows):
        paras = paragraphs(row["text"])
        if len(paras) < 3:
            continue
        base = sig(row["text"])
        if base.shingles < MIN_SHINGLES:
            continue
        title = row["title"] or paras[0][:80]
        extracted = extract(page(title, paras, n)).text
        hf = half(row["id"])
        out.append(("html page", hf, score(base, sig(extracted))))
        cut = max(1, int(len(paras) * 0.4))
        out.append(("feed excerpt", hf, score(base, sig("\n\n".join(paras[:cut])))))
        edited = paras[:1] + paras[2:]
        edited[-1] = edited[-1].replace(" the ", " this ", 2).replace(" said", " says", 1)
        out.append(("edited", hf, score(base, sig("\n\n".join(edited)))))
    return out


def same_event_pairs(rows: list[dict], top: int) -> list[tuple[str, str, float, float]]:
    """(ids, half, cosine, score) for the most similar pairs of distinct articles."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["text"] for r in rows]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(texts)
    cosine = (matrix @ matrix.T).toarray()
    np.fill_diagonal(cosine, 0)
    order = np.dstack(np.unravel_index(np.argsort(-cosine, axis=None), cosine.shape))[0]
    out, seen = [], set()
    for i, j in order:
        if i >= j or (i, j) in seen:
            continue
        seen.add((i, j))
        a, b = rows[i], rows[j]
        if a["text"].strip() == b["text"].strip():
            continue  # the dev set itself holds a few exact copies: not distinct stories
        hf = half(a["id"]) if half(a["id"]) == half(b["id"]) else "mixed"
        out.append(
            (f"{a['id']}~{b['id']}", hf, float(cosine[i, j]), score(sig(a["text"]), sig(b["text"])))
        )
        if len(out) >= top:
            break
    return out


def lapd_pair() -> float:
    text = (SHARED / "articles" / "lapd-beck.txt").read_text(encoding="utf-8")
    paras = [p for p in paragraphs(text) if len(p) > 80]  # the story's paragraphs only
    extracted = extract(page("LAPD chief says officers will not help deport", paras, 7)).text
    return containment(sig(text), sig(extracted))


def score(a, b) -> float:
    """Containment when the pair would be compared (they share an LSH band), else 0."""
    if not set(a.bands()) & set(b.bands()):
        MISSED_BY_BANDS.append(containment(a, b))
        return 0.0
    return containment(a, b)


MISSED_BY_BANDS: list[float] = []


def describe(scores: list[float]) -> str:
    if not scores:
        return "none"
    q = np.percentile(scores, [0, 5, 50, 95, 100])
    return f"n={len(scores)} min {q[0]:.2f} p5 {q[1]:.2f} median {q[2]:.2f} p95 {q[3]:.2f} max {q[4]:.2f}"


async def time_lookup(count: int, rows: list[dict]) -> None:
    """Time StorySignatures.find in a guild of `count` articles' signatures."""
    import sqlite3
    import tempfile

    from index.intake.near_duplicates import PERMUTATIONS, Signature
    from index.intake.story_signatures import StorySignatures
    from index.store.sqlite import SqliteStore

    rng = np.random.default_rng(7)
    real = [sig(r["text"]) for r in rows[:200]]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scale.db"
        store = await SqliteStore.open(path)
        await store.close()
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA foreign_keys = OFF")  # signatures of articles never stored
        with raw:
            for n in range(count):
                s = (
                    real[n]
                    if n < len(real)
                    else Signature(
                        rng.integers(0, 2**32, PERMUTATIONS, dtype=np.uint64).astype(np.uint32), 300
                    )
                )
                raw.execute(
                    "INSERT INTO story_signatures VALUES (?, ?, ?)",
                    (n + 1, s.shingles, s.to_bytes()),
                )
                raw.executemany(
                    "INSERT OR IGNORE INTO story_bands VALUES (1, ?, ?)",
                    [(k, n + 1) for k in s.bands()],
                )
        raw.close()
        store = await SqliteStore.open(path)
        stories = StorySignatures(store)
        stories._complete.add(1)  # no articles to backfill: only signatures were written
        timings, found = [], 0
        probes = [
            sig(extract(page(r["title"] or "x", paragraphs(r["text"]), i)).text)
            for i, r in enumerate(rows[:50])
        ]
        probes += [sig(r["text"]) for r in rows[1000:1050]]  # stories not stored
        for probe in probes:
            started = time.perf_counter()
            found += (await stories.find(1, probe)) is not None
            timings.append((time.perf_counter() - started) * 1000)
        await store.close()
    q = np.percentile(timings, [50, 95, 100])
    print(
        f"lookup in a guild of {count:,} signatures: p50 {q[0]:.2f} ms, p95 {q[1]:.2f} ms, "
        f"max {q[2]:.2f} ms over {len(probes)} checks; found {found} (50 stored pages expected)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="first N dev articles only")
    parser.add_argument("--top", type=int, default=300, help="same-event pairs to keep")
    parser.add_argument("--scale", type=int, default=0, help="time the lookup among N signatures")
    args = parser.parse_args()
    rows = load(args.limit)
    if args.scale:
        import asyncio

        asyncio.run(time_lookup(args.scale, rows))
        return
    started = time.perf_counter()
    same = same_story_pairs(rows)
    missed_same = len(MISSED_BY_BANDS)
    distinct = same_event_pairs(rows, args.top)
    lapd = lapd_pair()
    print(
        f"{len(rows)} dev articles; threshold in use {CONTAINMENT} (containment of the shorter story)"
    )
    print(f"lapd-beck.txt vs its HTML page: {lapd:.2f}")
    for hf in ("tune", "check"):
        print(f"\n[{hf} half]")
        for kind in ("html page", "feed excerpt", "edited"):
            scores = [s for k, h, s in same if k == kind and h == hf]
            caught = sum(s >= CONTAINMENT for s in scores)
            print(f"  same story, {kind:12s} {describe(scores)}; caught {caught}/{len(scores)}")
        scores = [s for _, h, _, s in distinct if h == hf]
        apart = sum(s < CONTAINMENT for s in scores)
        print(f"  distinct, same event    {describe(scores)}; kept apart {apart}/{len(scores)}")
    mixed = [s for _, h, _, s in distinct if h == "mixed"]
    print(
        f"\n[pairs across halves] distinct {describe(mixed)}; kept apart "
        f"{sum(s < CONTAINMENT for s in mixed)}/{len(mixed)}"
    )
    cos = [c for _, _, c, _ in distinct]
    print(f"same-event pairs: TF-IDF cosine {min(cos):.2f}–{max(cos):.2f}")
    print("highest-scoring distinct pairs:")
    for ids, hf, c, s in sorted(distinct, key=lambda d: -d[3])[:8]:
        print(f"  {s:.2f} (cosine {c:.2f}, {hf}) {ids}")
    lowest = sorted((s, k, h) for k, h, s in same)[:5]
    print("lowest-scoring same-story pairs:", ", ".join(f"{s:.2f} {k} ({h})" for s, k, h in lowest))
    print("threshold sweep (all halves): threshold, same stories caught, distinct kept apart")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        caught = sum(s >= t for _, _, s in same) / len(same)
        apart = sum(s < t for *_, s in distinct) / len(distinct)
        print(f"  {t:.1f}  {caught:.3f}  {apart:.3f}")
    print(
        f"not compared because no LSH band was shared: {missed_same} of {len(same)} same-story "
        f"pairs, {len(MISSED_BY_BANDS) - missed_same} of {len(distinct)} distinct pairs "
        "(scored 0 above)"
    )
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
