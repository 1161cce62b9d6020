"""Reader questions for eval_ask.py: ask-dev (by style and half) and NewsQA (by half).

Each question is asked scoped to its article through the real service. An item is right when it
overlaps an answer span. Per group: answering passage first, in the top three, MRR, answerable
questions declined (kind not-found), answerable ones hedged (an open answer with
`confident` false), unanswerable ones declined or hedged, and the median length of the first
passage shown. Beside it, rank_bm25's BM25Okapi over the library's paragraphs (fitted on the
whole library, ranked within the article) on the same questions, the same tokens.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from devsplit import half
from rank_bm25 import BM25Okapi

from index.intake.checks import headline
from index.models import Answer, AnswerKind, Article, ArticleMeta, Passage
from index.service import Library
from index.text.terms import terms

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ASK_DEV = SHARED / "ask-dev.jsonl"
SUMMARIES = SHARED / "summaries-dev.jsonl"
NEWSQA = SHARED / "ask-dev-newsqa.jsonl"
GUILD = 1


@dataclass(frozen=True)
class ReaderCase:
    qid: str
    article: str
    group: str  # e.g. "natural", "newsqa"
    question: str
    spans: tuple[tuple[int, int], ...]  # empty: unanswerable
    # The story a made article was cut from (benchmarks/without_answers.py): it keeps its half.
    story: str = ""

    @property
    def half(self) -> str:
        return half(self.story or self.article)


@dataclass
class Tally:
    answerable: int = 0
    first: int = 0
    top3: int = 0
    rr: float = 0.0
    declined: int = 0
    hedged: int = 0
    unanswerable: int = 0
    unanswerable_caught: int = 0
    first_lengths: list[int] = field(default_factory=list)

    def add(
        self, case: ReaderCase, ranked: list[tuple[int, int]], declined: bool, hedged: bool
    ) -> None:
        if ranked:
            self.first_lengths.append(ranked[0][1] - ranked[0][0])
        if not case.spans:
            self.unanswerable += 1
            self.unanswerable_caught += declined or hedged
            return
        self.answerable += 1
        self.declined += declined
        self.hedged += hedged
        rank = rank_of(case, ranked)
        self.first += rank == 1
        self.top3 += rank is not None and rank <= 3
        self.rr += 1 / rank if rank else 0.0

    def row(self) -> list[float]:
        a = self.answerable or 1
        return [
            self.first / a,
            self.top3 / a,
            self.rr / a,
            self.declined / a,
            self.hedged / a,
            self.unanswerable_caught / (self.unanswerable or 1),
            statistics.median(self.first_lengths) if self.first_lengths else 0.0,
        ]


T = TypeVar("T")


def in_libraries(keep: Path | None, collect: Callable[[Path], Coroutine[Any, Any, T]]) -> T:
    """Run `collect` on the reader libraries' folder: `keep` (reused between runs, as eval_ask
    --keep leaves it), else a temporary one removed afterwards."""
    if keep:
        return asyncio.run(collect(keep))
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(collect(Path(folder)))


def rank_of(case: ReaderCase, ranked: list[tuple[int, int]]) -> int | None:
    for rank, (start, end) in enumerate(ranked, 1):
        if any(s < end and start < e for s, e in case.spans):
            return rank
    return None


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def ask_dev() -> tuple[list[dict], list[ReaderCase]]:
    records = read_jsonl(ASK_DEV)
    wanted = {r["article_id"] for r in records}
    rows = [row for row in read_jsonl(SUMMARIES) if row["id"] in wanted]
    cases = [
        ReaderCase(
            r["qid"],
            r["article_id"],
            r["style"],
            r["question"],
            tuple(map(tuple, r["answer_spans"])) if r["answerable"] else (),
        )
        for r in records
    ]
    return rows, cases


def newsqa() -> tuple[list[dict], list[ReaderCase]]:
    rows = read_jsonl(NEWSQA)
    cases = [
        ReaderCase(
            q["qid"], row["id"], "newsqa", q["question"], tuple(map(tuple, q["answer_spans"]))
        )
        for row in rows
        for q in row["questions"]
    ]
    return rows, cases


def made() -> tuple[list[dict], list[ReaderCase]]:
    """NewsQA's questions asked of their stories with the answering sentences taken out."""
    import without_answers

    return without_answers.made(without_answers.PER_ARTICLE)


Loader = Callable[[], tuple[list[dict], list[ReaderCase]]]
# Each set's library name and its rows and questions.
SETS: tuple[tuple[str, Loader], ...] = (
    ("ask-dev", ask_dev), ("newsqa", newsqa), ("newsqa-without-answers", made)
)  # fmt: skip


async def library_of(path: Path, rows: list[dict]) -> Library:
    """A library of the rows, kept at `path` between runs (articles are re-added only once)."""
    fresh = not path.exists()  # noqa: ASYNC240 (a benchmark, before any work)
    library = await Library.open(path)
    if fresh:
        await add_all(library, rows)
    return library


async def scoped_candidates(
    folder: Path, sets: tuple[tuple[str, Loader], ...] = SETS[:2]
) -> AsyncIterator[tuple[ReaderCase, np.ndarray, np.ndarray, list[Passage], list[str]]]:
    """For every question of the sets (ask-dev and NewsQA unless told, SETS), scoped to its
    article as /ask scopes it: the case, the open ranker's rows (open_rank.COLUMNS), which
    candidates overlap the answer, the candidate passages and their texts."""
    from index.answer import evidence

    for name, load in sets:
        rows, cases = load()
        library = await library_of(folder / f"{name}.db", rows)
        try:
            index = await library.guild_index(GUILD)
            for case in cases:
                scope = {(await library.resolve(GUILD, case.article)).id}
                _, candidates, table = evidence.candidates_of(case.question, index, scope)
                where = [index.passages.passage(row) for row, _ in candidates]
                texts = [index.articles[p.article_id].text[p.start : p.end] for p in where]
                labels = np.array(
                    [any(s < p.end and p.start < e for s, e in case.spans) for p in where],
                    dtype=bool,
                )
                yield case, table, labels, where, texts
        finally:
            await library.close()


async def add_all(library: Library, rows: list[dict]) -> None:
    """Add every row under its record id, near-duplicate stories included.

    The dev sets hold a few versions of one story (other outlets, other updates), each with its
    own gold; the library would refuse all but the first as a near-duplicate, so the benchmark
    turns that check off for its own libraries.
    """
    stories = library._stories

    async def no_near_duplicate(guild_id: int, signature: object) -> None:
        return None

    stories.find = no_near_duplicate  # type: ignore[method-assign]
    for row in rows:
        meta = ArticleMeta(title=row.get("title") or None, external_id=row["id"])
        await library.add_text(GUILD, row["text"], meta)


def paragraphs(articles: list[Article]) -> tuple[list[tuple[str, int, int]], list[list[str]]]:
    """Every non-furniture paragraph but the headline: (external id, start, end) and terms."""
    where, tokens = [], []
    for article in articles:
        top = headline(article.analysis.document)
        for paragraph in article.analysis.document.paragraphs:
            if paragraph.furniture or paragraph is top:
                continue
            where.append((article.info.external_id or "", paragraph.start, paragraph.end))
            tokens.append(terms(article.text[paragraph.start : paragraph.end]) or ["_"])
    return where, tokens


def is_hedged(answer: Answer) -> bool:
    return answer.kind is AnswerKind.OPEN and getattr(answer, "confident", True) is False


async def evaluate(library: Library, cases: list[ReaderCase]) -> dict[tuple[str, str, str], Tally]:
    """Tallies keyed by (system, group, half); group "all" and half "both" are the totals."""
    articles = await library.store.load_articles(GUILD)
    where, tokens = paragraphs(articles)
    bm25 = BM25Okapi(tokens)
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, (external, _, _) in enumerate(where):
        rows_of[external].append(i)
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    groups = {case.group for case in cases}
    for case in cases:
        answer = await library.ask(GUILD, case.question, case.article)
        ranked = [
            (item.start, item.end)
            for item in answer.items
            if item.article.external_id == case.article
        ]
        declined = answer.kind is AnswerKind.NOT_FOUND
        hedged = is_hedged(answer)
        rows = rows_of[case.article]
        scores = bm25.get_batch_scores(terms(case.question) or ["_"], rows)
        order = sorted(range(len(rows)), key=lambda i: -scores[i])[:3]
        baseline = [where[rows[i]][1:] for i in order]
        for group in dict.fromkeys((case.group, "all" if len(groups) > 1 else case.group)):
            for part in (case.half, "both"):
                tallies["articlebot", group, part].add(case, ranked, declined, hedged)
                tallies["BM25", group, part].add(case, baseline, False, False)
    return tallies


HEAD = ("first", "top3", "MRR", "decl", "hedged", "unans caught", "median len")


def report(title: str, tallies: dict[tuple[str, str, str], Tally]) -> None:
    print(f"\n{title}")
    print(f"  {'group':<18}{'half':<7}{'system':<12}{'n':>5}" + "".join(f"{h:>13}" for h in HEAD))
    for key in sorted(tallies, key=lambda k: (k[1] == "all", k[1], k[2] != "tune", k[2], k[0])):
        system, group, part = key
        t = tallies[key]
        values = t.row()
        cells = "".join(f"{v:>13.3f}" for v in values[:-1]) + f"{values[-1]:>13.0f}"
        print(f"  {group:<18}{part:<7}{system:<12}{t.answerable:>5}{cells}")
    print(
        "  bars (held-out, natural): first ≥ 0.75, top3 ≥ 0.95, declined ≤ 0.05, hedged ≤ 0.20,"
        " unanswerable caught ≥ 0.50, median first passage ≤ 600"
    )


async def run(folder: Path, which: set[str]) -> None:
    """Report the sets named in `which`: "ask-dev", "newsqa", and "newsqa-without-answers"
    (NewsQA questions asked of their articles with the answering sentences taken out)."""
    for name, load in SETS:
        if name not in which:
            continue
        rows, cases = load()
        library = await library_of(folder / f"{name}.db", rows)
        try:
            tallies = await evaluate(library, cases)
        finally:
            await library.close()
        report(
            f"{name}: {len(cases)} questions over {len(rows)} articles, scoped to the article",
            tallies,
        )
