"""Time the per-article work of a bulk import, single process, and dump all of its output (issue 23).

Run: python benchmarks/bench_analysis.py [--corpus PATH] [--records N] [--dump PATH] [--repeat R]

The workload is the first N records of a JSONL corpus (default: the first 2,000 of
/tmp/lib100k/corpus-100000.jsonl, when it exists) followed by every real article of ../shared
(the quote, question and summary dev sets' texts and lapd-beck.txt). Each goes through
`prepare`, the very function the import's worker processes run, and the script prints
ms/article (best of R passes, so a busy machine disturbs it less) and one hash of every output:
the segmentation, quotes, speakers, title, content hash, near-duplicate signature and counted
passages. `--dump` writes that output as one JSON line an article, to compare two versions of
the analysis exactly (`diff` or `cmp`): a speed-up must leave it unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.intake.bulk import read_source
from index.intake.prepare import ImportItem, Prepared, prepare
from index.models import ArticleMeta

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared, as every benchmark finds it
CORPUS = Path("/tmp/lib100k/corpus-100000.jsonl")
DEV_TEXTS = ("quotes-dev.jsonl", "quotes-dev-cnndm.jsonl", "ask-dev-newsqa.jsonl",
             "summaries-dev.jsonl")  # fmt: skip
MAX_BYTES = 10_000_000  # above every workload article: none is refused for its size


def workload(corpus: Path | None, records: int) -> list[ImportItem]:
    """The corpus's first records as the import reads them, then the shared real articles."""
    items: list[ImportItem] = []
    if corpus is not None and corpus.is_file():
        _, read = read_source(corpus)
        items.extend(item for _, item in zip(range(records), read, strict=False))
    for name in DEV_TEXTS:
        for line in (SHARED / "data" / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if isinstance(record.get("text"), str):
                title = record.get("title")
                items.append(ImportItem(f"{name} {record.get('id')}", ArticleMeta(title=title),
                                        text=record["text"]))  # fmt: skip
    for path in sorted((SHARED / "articles").glob("*.txt")):
        items.append(ImportItem(path.name, ArticleMeta(), text=path.read_text(encoding="utf-8")))
    return items


def described(item: ImportItem, result: Prepared | str) -> dict[str, object]:
    """Every output of one prepared record, in JSON's terms."""
    if isinstance(result, str):
        return {"name": item.name, "failed": result}
    counted = result.counted
    return {
        "name": item.name,
        "meta": asdict(result.meta),
        "title": result.title,
        "content_hash": result.content_hash,
        "paragraphs": [
            [p.index, p.start, p.end, p.furniture, [[s.start, s.end] for s in p.sentences]]
            for p in result.analysis.document.paragraphs
        ],
        "quotes": [list(asdict(q).values()) for q in result.analysis.quotes],
        "speakers": [list(asdict(s).values()) for s in result.analysis.speakers],
        "signature": [result.story.shingles, result.story.to_bytes().hex()],
        "counted": {
            "spans": counted.spans.tolist(),
            "words": counted.words,
            "terms": counted.terms.tolist(),
            "counts": counted.counts.tolist(),
            "ends": counted.ends.tolist(),
        },
    }


def timed_pass(items: list[ImportItem]) -> tuple[float, list[str], int]:
    """CPU seconds `prepare` took over the items, each one's output as a JSON line, and how
    many it refused.

    CPU time of this process: on a machine shared with other jobs, wall time measures them too.
    Each output is turned into its line and dropped at once, as a worker hands its chunk back,
    so the collector does not walk thousands of kept analyses (which no worker holds).
    """
    spent, out, refused = 0.0, [], 0
    for item in items:
        started = time.process_time()
        result = prepare(item, MAX_BYTES)
        spent += time.process_time() - started
        out.append(json.dumps(described(item, result), ensure_ascii=False, sort_keys=True))
        refused += isinstance(result, str)
    return spent, out, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--dump", type=Path, help="write every output here, one JSON line each")
    parser.add_argument("--repeat", type=int, default=1, help="passes; the fastest is reported")
    args = parser.parse_args()

    items = workload(args.corpus, args.records)
    prepare(items[0], MAX_BYTES)  # the lazy imports and models loaded outside the timing
    best, results, failed = timed_pass(items)
    for _ in range(args.repeat - 1):
        best = min(best, timed_pass(items)[0])
    digest = hashlib.sha256("\n".join(results).encode())
    if args.dump:
        args.dump.write_text("".join(line + "\n" for line in results), encoding="utf-8")
    print(f"{len(items)} articles ({failed} refused): {1000 * best / len(items):.2f} ms/article "
          f"(best of {args.repeat}); load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"output sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
