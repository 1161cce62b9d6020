"""Time a worker's per-article import work stage by stage, in one process (issue 23).

Run: python benchmarks/bench_prepare.py CORPUS.jsonl [--records N] [--pickle-to PATH]

Each of the first N records goes through the stages of `prepare._analysed` (the function the
import's worker processes run) one at a time, and the script prints the CPU ms/article of each:
segmentation, quote extraction, speaker table, the story paragraphs' words (split once for the
signature and the passages), story signature, title and content hash, passage counting, and
pickling the `Prepared` result as a worker hands it back. CPU time of this process
(`time.process_time`), so other jobs on a shared machine disturb it less. Run it with
PYTHONPATH at another tree to time that one. `--pickle-to` writes every result (a `Prepared` or
the refusal's line) as its decoded values, to compare two trees' outputs field by field
(`--compare`).
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import sys
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

import numpy as np

from index.answer.passage_build import count_passages
from index.intake.bulk import read_source
from index.intake.checks import check_text, checked_meta, content_hash, derive_title
from index.intake.prepare import ImportItem, Prepared, prepare
from index.intake.story_signatures import story_signature, story_words
from index.models import Analysis
from index.quotes.extract import extract_quotes
from index.quotes.people.speaker_ranker import DEFAULT_RANKER
from index.quotes.speakers import speaker_table
from index.text.segment import segment

MAX_BYTES = 10_000_000
STAGES = ("segment", "extract_quotes", "speaker_table", "story_words", "story_signature",
          "title+hash", "count_passages", "pickle")  # fmt: skip


def staged(item: ImportItem, spent: dict[str, float]) -> bytes:
    """`prepare._analysed` of a JSONL record, each stage's CPU time added to `spent`; the result
    pickled, as a worker hands it back (and drops it: keeping thousands of analyses alive would
    make the collector's passes dearer than a worker's are)."""
    clock = time.process_time
    meta = checked_meta(item.meta)
    text = item.text or ""
    check_text(text, limit=MAX_BYTES)
    at = clock()
    document = segment(text)
    now = clock()
    spent["segment"] += now - at
    at = now
    quotes = extract_quotes(document, DEFAULT_RANKER)
    now = clock()
    spent["extract_quotes"] += now - at
    at = now
    analysis = Analysis(document=document, quotes=quotes, speakers=speaker_table(quotes))
    now = clock()
    spent["speaker_table"] += now - at
    at = now
    words = story_words(document)
    now = clock()
    spent["story_words"] += now - at
    at = now
    story = story_signature(document, words)
    now = clock()
    spent["story_signature"] += now - at
    at = now
    title = (meta.title or "").strip() or derive_title(document)
    digest = content_hash(text)
    now = clock()
    spent["title+hash"] += now - at
    at = now
    counted = count_passages(text, document, words)
    now = clock()
    spent["count_passages"] += now - at
    prepared = Prepared(meta, title[:256], text, digest, analysis, story, counted)
    at = clock()
    pickled = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    spent["pickle"] += clock() - at
    return pickled


def decoded(value: object) -> object:
    """A result as builtins to compare by `==`: each dataclass its name and fields, each numpy
    array its dtype, shape and bytes. Written by the tree that made it, so two trees that pickle
    a result differently (a worker's hand-back is theirs to choose) still compare by value."""
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if hasattr(value, "__dataclass_fields__"):
        fields = value.__dataclass_fields__
        return (type(value).__name__, tuple(decoded(getattr(value, f)) for f in fields))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [decoded(item) for item in value])
    return value


def compare(first: Path, second: Path) -> int:
    """Print how many results of two `--pickle-to` files differ, and the first few; return that
    count (the exit status is 1 when any differ, so a script can stop on it)."""
    a, b = pickle.loads(first.read_bytes()), pickle.loads(second.read_bytes())
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    print(f"{len(a)} results, {len(differ)} differ" + (f": {differ[:10]}" if differ else ""))
    return len(differ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--pickle-to", type=Path, help="write every result, for --compare")
    parser.add_argument("--compare", type=Path, nargs=2, help="two --pickle-to files")
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    _, read = read_source(args.corpus)
    items = list(islice(read, args.records))
    prepare(items[0], MAX_BYTES)  # lazy imports and models loaded outside the timing
    gc.freeze()  # as a worker does after its fork (index/intake/pool.py)
    spent: dict[str, float] = defaultdict(float)
    results: list[bytes] = []  # each result pickled: a Prepared or the refusal's line
    for item in items:
        if item.error:
            results.append(pickle.dumps(item.error))
            continue
        results.append(staged(item, spent))
    n = len(items)
    total = sum(spent.values())
    print(f"{n} articles, {1000 * total / n:.3f} ms/article in all; "
          f"load average {os.getloadavg()[0]:.2f}  ({sys.modules['index'].__file__})")  # fmt: skip
    for stage in STAGES:
        print(f"  {stage:16} {1000 * spent[stage] / n:7.3f} ms")
    if args.pickle_to:
        values = [decoded(pickle.loads(result)) for result in results]
        args.pickle_to.write_bytes(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    main()
