"""Peak memory and time of the passage index's end-of-import build, at any size.

An import counts passages as it stores articles and builds the index once at its end
(index/answer/building.py): the rows put in the library's order, the terms renumbered, the
counts stacked column-major and weighted. That end is the import's memory peak. This replays it
from the term counts of an index an import saved (`articlebot import` leaves one beside the
database), its articles repeated `--times` times under new ids, fed in import batches, oldest
first, and reports the build's peak resident memory above what the counts themselves take:

    python benchmarks/bench_build_memory.py /tmp/lib.db.index/guild-0/v10000-*/ --times 10

Measured in a fresh process per run (`ru_maxrss`), so the figure is the build's alone.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from index.answer.building import IMPORT_BATCH
from index.answer.passage_build import PassageBuilder


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a saved index version folder (v…-…)")
    parser.add_argument("--times", type=int, default=10, help="copies of its articles")
    args = parser.parse_args()
    load = lambda name: np.load(args.folder / f"p_{name}.npy")  # noqa: E731
    rows, width = (int(n) for n in load("shape"))
    counts = sparse.csc_matrix((load("counts"), load("indices"), load("indptr")), (rows, width))
    counts = counts.tocsr()
    positions = load("positions")
    words = bytes(load("vocabulary")).decode("utf-8").split("\n")
    articles = np.unique(positions[:, 0])  # oldest (smallest id) first
    span = int(articles.max()) + 1
    builder = PassageBuilder()
    builder._vocabulary = {word: i for i, word in enumerate(words)}
    order = positions[:, 0]
    by_article = np.argsort(order, kind="stable")
    batches = []  # the rows of each import batch of articles, oldest batch first
    for at in range(0, len(articles), IMPORT_BATCH):
        ids = articles[at : at + IMPORT_BATCH]
        batches.append(by_article[np.isin(order[by_article], ids)])
    for copy in range(args.times):
        for picked in batches:
            moved = positions[picked].copy()
            moved[:, 0] += copy * span
            builder._batches.append((counts[picked], moved))
    del counts
    newest_first = articles[::-1]
    library_order = np.concatenate([newest_first + c * span for c in reversed(range(args.times))])
    before = _peak_mb()
    held = sum(c.data.nbytes + c.indices.nbytes + c.indptr.nbytes for c, _ in builder._batches)
    started = time.perf_counter()
    index = builder.build(library_order.tolist())
    seconds = time.perf_counter() - started
    print(
        f"{len(library_order)} articles, {len(index)} passages, {held / 2**20:.0f} MB of counts"
        f" held; build {seconds:.1f} s; peak {_peak_mb():.0f} MB"
        f" ({_peak_mb() - before:.0f} MB above the peak before it)"
    )


if __name__ == "__main__":
    main()
