"""Score index.summarize against LEAD-3 and TextRank on the dev summaries, per source.

Prints ROUGE-1/2/Lsum F1 (Google's rouge-score, stemming on) and average words for our
selector, LEAD-3 and sumy's TextRank, all fed the same sentences from index.analyze, and the
seconds per 100 articles each takes (analysis timed on its own).

    /work/venv/bin/python benchmarks/eval_summaries.py [--sentences 3] [--half tune|check|even|odd]

`--half tune|check` scores one half of the articles as benchmarks/devsplit.py splits them (read
and fix cases from the tuning half only); `even|odd` splits by line number. Then the key quotes
(3 per article) are counted per devsplit half: how many, how many have a named speaker, how many
are titles of works in Title Case (`“Buy Now, Pay Forever,” which …`: nobody's words). The data
are read at run time from ../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devsplit import HALVES, half  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402
from sumy.utils import get_stop_words  # noqa: E402

from index.models import Analysis  # noqa: E402
from index.quotes.analyze import analyze  # noqa: E402
from index.summary.summarize import select  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "summaries-dev.jsonl"
ARTICLE = ROOT.parent / "shared" / "articles" / "lapd-beck.txt"
# What the issue asks of the lapd-beck summary (checked, not copied: the text is read at run time).
CHROME = ("Watch LIVE", "Getty Images", "Most recent", "All Articles", "More from the Times")
FIRST_SENTENCE = "won't order his officers"
KEY_QUOTES = ("This is not our job, nor will I make it our job", "We couldn’t deport 500,000 people")
METRICS = ("rouge1", "rouge2", "rougeLsum")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    title: str | None
    reference: str
    analysis: Analysis


class _Words:
    """A sumy tokenizer that needs no NLTK data: sentences are already ours."""

    language = "english"

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def load(path: Path, part: str | None) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if part in ("even", "odd") and (number % 2 == 0) != (part == "even"):
                continue
            row = json.loads(line)
            if part in HALVES and half(row["id"]) != part:
                continue
            cases.append(
                Case(row["id"], row["source"], row.get("title") or None, row["reference"],
                     analyze(row["text"]))
            )
    return cases


def lead(case: Case, count: int) -> list[str]:
    text = case.analysis.document.text
    sentences = [text[s.start : s.end] for _, s in case.analysis.document.sentences()]
    return sentences[:count]


def ours(case: Case, count: int) -> list[str]:
    chosen, _ = select(case.analysis, title=case.title, sentences=count, quotes=0)
    return [sentence.text for sentence in chosen]


def textrank_system() -> Callable[[Case, int], list[str]]:
    summarizer = TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    words = _Words()

    def run(case: Case, count: int) -> list[str]:
        text = case.analysis.document.text
        sentences = [text[s.start : s.end] for _, s in case.analysis.document.sentences()]
        if not sentences:
            return []
        document = ObjectDocumentModel(
            [Paragraph([Sentence(sentence, words) for sentence in sentences])]
        )
        return [str(sentence) for sentence in summarizer(document, count)]

    return run


def score(cases: Iterable[Case], outputs: list[list[str]]) -> dict:
    """Mean ROUGE F1 (x100) per metric, average words, and the per-article ROUGE-1 ("per_r1")."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True, split_summaries=False)
    totals: dict[str, list[float]] = {metric: [] for metric in METRICS}
    words = []
    for case, sentences in zip(cases, outputs, strict=True):
        # ROUGE-Lsum reads one sentence per line on both sides.
        result = scorer.score(case.reference, "\n".join(sentences))
        for metric in METRICS:
            totals[metric].append(result[metric].fmeasure)
        words.append(sum(len(sentence.split()) for sentence in sentences))
    summary = {metric: 100 * statistics.fmean(values) for metric, values in totals.items()}
    summary["words"] = statistics.fmean(words)
    summary["per_r1"] = totals["rouge1"]
    return summary


def paired(ours: list[float], baseline: list[float]) -> str:
    """Mean per-article R1 difference with two standard errors: is a gap bigger than noise?"""
    differences = [100 * (a - b) for a, b in zip(ours, baseline, strict=True)]
    spread = statistics.stdev(differences) / len(differences) ** 0.5 if len(differences) > 1 else 0
    return f"{statistics.fmean(differences):+.2f} ± {2 * spread:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--half", choices=(*HALVES, "even", "odd"))
    args = parser.parse_args()

    started = time.perf_counter()
    cases = load(args.data, args.half)
    analysis_seconds = time.perf_counter() - started
    systems = {"ours": ours, "LEAD-3": lead, "TextRank": textrank_system()}
    outputs: dict[str, list[list[str]]] = {}
    speed: dict[str, float] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        outputs[name] = [system(case, args.sentences) for case in cases]
        speed[name] = 100 * (time.perf_counter() - started) / len(cases)

    print(f"{len(cases)} articles, {args.sentences} sentences; analysis (index.quotes.analyze) "
          f"{100 * analysis_seconds / len(cases):.2f} s per 100 articles\n")
    print(f"{'source':8} {'system':9} {'n':>4} {'R1':>6} {'R2':>6} {'RLsum':>6} {'words':>6}"
          f" {'s/100':>6}")
    for source in sorted({case.source for case in cases}):
        picked = [i for i, case in enumerate(cases) if case.source == source]
        subset = [cases[i] for i in picked]
        results = {}
        for name in systems:
            result = results[name] = score(subset, [outputs[name][i] for i in picked])
            print(f"{source:8} {name:9} {len(subset):4} {result['rouge1']:6.2f} "
                  f"{result['rouge2']:6.2f} {result['rougeLsum']:6.2f} {result['words']:6.1f} "
                  f"{speed[name]:6.3f}")
        print(f"{'':8} ours - LEAD-3 R1 {paired(results['ours']['per_r1'], results['LEAD-3']['per_r1'])}"
              f", ours - TextRank R1 "
              f"{paired(results['ours']['per_r1'], results['TextRank']['per_r1'])} (paired, 2 SE)")
    key_quotes(cases)
    if ARTICLE.exists():
        show_article(ARTICLE)


# A quoted run in Title Case followed by a relative "which": a work being described.
_TITLE_LIKE = re.compile(r"[A-Z]\S*(?:\s+(?:[A-Z0-9]\S*|a|an|the|of|for|to|in|on|and))*")


def key_quotes(cases: list[Case]) -> None:
    """Count the key quotes per devsplit half: with a named speaker, and titles of works."""
    print(f"\nkey quotes (3 per article)\n{'half':6} {'arts':>5} {'stmts':>6} {'named':>6} "
          f"{'titles':>6}")
    for part in HALVES:
        chosen = []
        subset = [case for case in cases if half(case.id) == part]
        for case in subset:
            _, quotes = select(case.analysis, title=case.title, sentences=3, quotes=3)
            text = case.analysis.document.text
            whole = {q.statement: q for q in reversed(quotes)}  # a statement once, its start
            chosen += [(q, text[q.end : q.end + 12]) for q in whole.values()]
        if not subset:
            continue
        named = sum(q.speaker is not None for q, _ in chosen)
        titles = sum(
            bool(_TITLE_LIKE.fullmatch(q.text.strip(" ,.")))
            and bool(re.match(r"[,.’'\"”\s]*which\b", after))
            for q, after in chosen
        )
        share = named / len(chosen) if chosen else 0.0
        print(f"{part:6} {len(subset):5} {len(chosen):6} {share:6.1%} {titles:6}")


def show_article(path: Path) -> None:
    """Print the article's summary and quotes, and whether each of the issue's checks holds."""
    analysis = analyze(path.read_text(encoding="utf-8"))
    sentences, quotes = select(analysis, title=None, sentences=3, quotes=3)
    print(f"\n{path.name}\nIn brief:")
    for sentence in sentences:
        print(f"  - {sentence.text}")
    print("Key quotes:")
    for quote in quotes:
        print(f"  - \u201c{quote.text}\u201d \u2014 {quote.speaker or 'unattributed'}")
    joined = " ".join(s.text for s in sentences)
    checks = {
        "no furniture": not any(chrome in joined for chrome in CHROME),
        "first sentence is the lead": bool(sentences) and FIRST_SENTENCE in sentences[0].text,
        **{f"quote {key[:25]}...": any(key in q.text for q in quotes) for key in KEY_QUOTES},
    }
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")


if __name__ == "__main__":
    main()
