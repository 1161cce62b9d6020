"""Measure sentence segmenters on real news articles: accuracy, quote safety and speed.

Candidates: our own `index.text.segment.split_sentences`, syntok and pysbd. Each is run the way the
product runs it: our paragraph splitter first (`index.text.segment.paragraph_spans`), then the
candidate on every paragraph, with its sentences mapped back to offsets into the article.

Measures
- gold: the BBC stories' references in summaries-dev.jsonl are sentences a program extracted
  from the text, one or more per line. Each line is cut into the longest pieces that occur
  verbatim in the text (whitespace-normalized); a piece that starts and ends on a token edge
  and ends in terminal punctuation is a gold sentence. Accuracy is the share of gold sentences
  that the candidate returns exactly as one of its sentences.
- quote splits: gold quotes of quotes-dev.jsonl (PolNeAR) whose text has no inner terminal
  punctuation at all (so they are one sentence, or a fragment of one) but that a sentence
  boundary cuts. Every such cut is an error.
- orphans: sentences that begin with a closing quote mark or a lone punctuation mark, i.e. a
  closing quote torn from the sentence it ends, over every article of both files.
- contract: sentences that are not verbatim, untrimmed slices in order, or that lose
  non-space text of their paragraph.
- speed: CPU milliseconds per article for paragraphs + sentences, over all 1,036 articles
  and over those of 600-900 words (the product's target size).

Run:  /work/venv/bin/python benchmarks/eval_segmenters.py [--disagreements 20] [--seed 1]

What a hand check of disputed boundaries (--disagreements, CNN/DM and PolNeAR) found:
- syntok splits after titles it does not know (Gov., Rep., Sen., Sens., Lt., Rev., Nos.; most
  of its lone splits), at semicolons, after "(AP)" datelines, list numbers ("14.") and between
  '"...?"' and 'Rubio said.'; it misses ends after NYT-style '' quotes and, on BBC text, after
  "$20.15.", "£1.3bn." and "0.6%.".
- pysbd does not split inside quotation marks (about 2,000 sentences fewer), tears closing
  quotes off ('' and ’ after the period become sentences of their own), misses run-together
  ends, and is the slowest by far.
- ours keeps "in the U.S. President Obama said" as one sentence (a capital that is not a usual
  sentence opener), guesses spaced straight quotes by parity, splits after an ellipsis before
  a capital inside a quote, and cannot find paragraphs in text wrapped with no blank lines
  whose last lines are full. Most of its remaining BBC misses are the reference extractor's
  own errors: splits after "Kerrang!", "Mamma Mia!" or "Shall We Dance?", a title line merged
  into the first sentence, texts with names missing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.text.segment import paragraph_spans, split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
Span = tuple[int, int]
Splitter = Callable[[str, int, int], list[Span]]

_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_INNER_TERMINAL = re.compile(r"[.!?…]")
_CLOSERS = "”’"
_STRAIGHT = "\"'"
_QUOTES = "\"'“”‘’"


# ---------------------------------------------------------------- candidates


def ours(text: str, start: int, end: int) -> list[Span]:
    return [(s.start, s.end) for s in split_sentences(text, start, end)]


def make_syntok() -> Splitter:
    from syntok import segmenter

    def split(text: str, start: int, end: int) -> list[Span]:
        spans = []
        for paragraph in segmenter.analyze(text[start:end]):
            for tokens in paragraph:
                if tokens:
                    last = tokens[-1]
                    spans.append((start + tokens[0].offset, start + last.offset + len(last.value)))
        return spans

    return split


def make_pysbd() -> Splitter:
    import pysbd

    # char_span=True finds spans with str.find and misplaces repeated sentences: align ourselves.
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str, start: int, end: int) -> list[Span]:
        spans, cursor = [], start
        for piece in segmenter.segment(text[start:end]):
            piece = piece.strip()
            if not piece:
                continue
            found = text.find(piece, cursor, end)
            if found < 0:  # pysbd changed the text: keep its length from the cursor, flagged later
                found = cursor
            spans.append((found, found + len(piece)))
            cursor = found + len(piece)
        return spans

    return split


CANDIDATES: dict[str, Callable[[], Splitter]] = {
    "ours": lambda: ours,
    "syntok": make_syntok,
    "pysbd": make_pysbd,
}


def segment_article(split: Splitter, text: str) -> list[tuple[Span, list[Span]]]:
    return [((s, e), split(text, s, e)) for s, e in paragraph_spans(text)]


# ---------------------------------------------------------------- data and gold


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def norm(text: str) -> str:
    return " ".join(text.split())


def _longest_prefix_in(line: str, haystack: str) -> int:
    low, high = 0, len(line)  # prefixes that occur are closed downwards: binary search
    while low < high:
        mid = (low + high + 1) // 2
        if line[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return low


def gold_sentences(text: str, reference: str) -> tuple[list[str], int]:
    """Return the reference's sentences that are certainly sentences of text, and lines dropped.

    The extracting program sometimes moved an opening quote mark onto the end of the sentence
    before it ('he says."' then 'Labour is ...'): a stray mark at either end of a piece is dropped,
    and a piece that the text opens with a quote mark gets it back.
    """
    haystack = f" {norm(text)} "
    gold, dropped = [], 0
    for raw in reference.split("\n"):
        line, pieces = norm(raw), []
        while line.strip(_QUOTES):
            size = _longest_prefix_in(f" {line}", haystack) - 1
            piece = line[:size].strip()
            if len(piece) < 15 and line[0] in _QUOTES:
                line = line[1:]  # a stray mark the text does not have here
                continue
            for mark in _QUOTES:
                if f" {piece} " not in haystack and f" {mark}{piece} " in haystack:
                    piece = mark + piece
            if len(piece) < 15 or f" {piece} " not in haystack or not _TERMINAL_END.search(piece):
                pieces = None
                break
            pieces.append(piece)
            line = line[size:].strip()
        if pieces is None:
            dropped += 1
        else:
            gold.extend(pieces)
    return gold, dropped


# ---------------------------------------------------------------- measures


def contract_errors(text: str, segmented: list[tuple[Span, list[Span]]]) -> int:
    errors = 0
    for (p_start, p_end), sentences in segmented:
        cursor = p_start
        for start, end in sentences:
            piece = text[start:end]
            if not (cursor <= start < end <= p_end) or piece != piece.strip():
                errors += 1
            elif text[cursor:start].strip():
                errors += 1  # text between sentences was lost
            cursor = max(cursor, end)
        if text[cursor:p_end].strip():
            errors += 1
    return errors


def is_orphan(sentence: str) -> bool:
    """Whether a sentence starts with a mark that closes the one before, or is bare punctuation."""
    if not any(ch.isalnum() for ch in sentence):
        return True
    first, rest = sentence[0], sentence[1:2]
    closing_straight = first in _STRAIGHT and (not rest or rest.isspace() or rest in ",;:")
    return first in _CLOSERS or closing_straight


def quote_cuts(segmented: list[tuple[Span, list[Span]]], quotes: Iterable[dict]) -> tuple[int, int]:
    starts = sorted(s for _, sentences in segmented for s, _ in sentences)
    cuts = total = 0
    for quote in quotes:
        inner = quote["quote"].rstrip(".!?…,;:\"'”’ ")
        if _INNER_TERMINAL.search(inner):
            continue
        total += 1
        if any(quote["start"] < s < quote["end"] for s in starts):
            cuts += 1
    return cuts, total


def evaluate(name: str, split: Splitter, bbc: list[dict], others: list[dict], polnear: list[dict]):
    hits = gold_total = dropped = orphans = contract = cuts = single = 0
    sentences_total = 0
    for row in bbc:
        segmented = segment_article(split, row["text"])
        returned = {norm(row["text"][s:e]) for _, sents in segmented for s, e in sents}
        gold, lost = gold_sentences(row["text"], row["reference"])
        dropped += lost
        gold_total += len(gold)
        hits += sum(sentence in returned for sentence in gold)
    for row in bbc + others + polnear:
        text = row["text"]
        segmented = segment_article(split, text)
        contract += contract_errors(text, segmented)
        for _, sentences in segmented:
            sentences_total += len(sentences)
            # A paragraph's first sentence has nothing before it to be torn from.
            orphans += sum(is_orphan(text[s:e]) for s, e in sentences[1:])
        if "quotes" in row:
            c, t = quote_cuts(segmented, row["quotes"])
            cuts, single = cuts + c, single + t
    return {
        "candidate": name,
        "gold": hits / gold_total,
        "gold_n": gold_total,
        "dropped": dropped,
        "quote_cuts": cuts,
        "single_quotes": single,
        "orphans": orphans,
        "contract": contract,
        "sentences": sentences_total,
    }


def speed(split: Splitter, rows: list[dict], repeat: int) -> float:
    """Return CPU milliseconds per article (CPU, not wall time: the machine is shared)."""
    times = []
    for _ in range(repeat):
        began = time.process_time()
        for row in rows:
            segment_article(split, row["text"])
        times.append((time.process_time() - began) * 1000 / len(rows))
    return min(times)


# ---------------------------------------------------------------- disagreements


def boundaries(sentences: list[Span]) -> set[int]:
    return {end for _, end in sentences[:-1]}


def show_disagreements(splitters: dict[str, Splitter], rows: list[dict], count: int, seed: int):
    """Print sampled paragraphs where candidates put a boundary in different places."""
    found = []
    for row in rows:
        text = row["text"]
        for start, end in paragraph_spans(text):
            marks = {name: boundaries(split(text, start, end)) for name, split in splitters.items()}
            every = set().union(*marks.values())
            for offset in sorted(every):
                agree = [name for name, b in marks.items() if offset in b]
                if len(agree) < len(marks):
                    found.append((row["id"], text, offset, agree))
    random.Random(seed).shuffle(found)
    print(f"\n{len(found)} disputed boundaries; a sample of {count}:")
    for article_id, text, offset, agree in found[:count]:
        before = text[max(0, offset - 70) : offset].replace("\n", "⏎")
        after = text[offset : offset + 50].replace("\n", "⏎")
        print(f"- [{article_id}] split by {'+'.join(agree)}: …{before}‖{after}…")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--disagreements", type=int, default=0, help="sample N disputed boundaries")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="speed runs; the fastest is kept")
    args = parser.parse_args()

    summaries, polnear = load("summaries-dev.jsonl"), load("quotes-dev.jsonl")
    bbc = [row for row in summaries if row["source"] == "bbc"]
    cnndm = [row for row in summaries if row["source"] == "cnndm"]
    everything = summaries + polnear
    words = statistics.mean(len(row["text"].split()) for row in everything)
    splitters = {name: CANDIDATES[name]() for name in args.candidates.split(",")}
    # The product's target: articles of 600-900 words, 100 a second with everything else.
    sized = [row for row in everything if 600 <= len(row["text"].split()) <= 900]

    print(
        f"{len(bbc)} BBC, {len(cnndm)} CNN/DM, {len(polnear)} PolNeAR articles "
        f"({words:.0f} words on average)\n"
    )
    print(
        "| candidate | BBC gold sentences exact | single-sentence quotes cut | orphan sentences "
        f"| contract breaks | ms/article | ms/article, {len(sized)} of 600-900 words |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, split in splitters.items():
        result = evaluate(name, split, bbc, cnndm, polnear)
        repeat = 1 if name == "pysbd" else args.repeat
        ms, ms_sized = speed(split, everything, repeat), speed(split, sized, repeat)
        print(
            f"| {name} | {result['gold']:.1%} of {result['gold_n']} | "
            f"{result['quote_cuts']} of {result['single_quotes']} | {result['orphans']} of "
            f"{result['sentences']} | {result['contract']} | {ms:.2f} | {ms_sized:.2f} |"
        )
    print(f"\n(reference lines not usable as gold: {result['dropped']})")
    if args.disagreements:
        show_disagreements(splitters, cnndm + polnear, args.disagreements, args.seed)


if __name__ == "__main__":
    main()
