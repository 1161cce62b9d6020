"""Time the import's storing process alone on a stretch of a large library (issue 23).

Run: python benchmarks/bench_store_stretch.py prepare CORPUS.jsonl OUT.pkl
     python benchmarks/bench_store_stretch.py store DB OUT.pkl [--warm N]

`prepare` prepares every record of CORPUS as the import's workers do (in worker processes) and
writes the results, pickled a chunk at a time as a worker hands them back. `store` then runs the
import's storing side (`bulk.import_items` with its index build) on them against DB, with no
workers competing for the cores: a copy of a library imported to the size of interest, so the
stretch costs what it costs at that size. It prints the CPU ms/article (`process_time`, every
thread) of the records after the first `--warm` (the near-duplicate band copy is read after
the first 1,024 of an import: keep that read on the same side of `--warm` for both trees), the
bytes read and written (the same however busy the machine), and of the two threads that do
most of it: SQLite's writes (`batch_rows.insert_batch`) and the index build (`Build.add`), and
the wall time the import waits for the index build; `--spy FILE` samples the timed records
with py-spy (every thread, C frames too; a raw file of collapsed stacks). The index is not
saved: the stretch alone is timed. Run it with PYTHONPATH at another tree to time that one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pickle
import subprocess
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import Any
from unittest import mock

from index.answer import building
from index.intake import bulk
from index.intake.pool import prepared_chunks
from index.service import Library
from index.store import batch_rows, sqlite

GUILD = 0
spent: dict[str, float] = defaultdict(float)


async def prepare(corpus: Path) -> list[bytes]:
    """Return the records' preparations, a pickled chunk each, as the workers return them."""
    _, items = bulk.read_source(corpus)
    return [pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
            async for chunk in prepared_chunks(items, 10_000_000, ahead_records=512)]  # fmt: skip


def waited(name: str, func: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """The coroutine function `func`, the wall time the import waits for it added to
    `spent[name]`."""

    @wraps(func)
    async def run(*args: Any, **kwargs: Any) -> Any:
        at = time.perf_counter()
        try:
            return await func(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - at

    return run


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func`, its CPU time on the thread it runs on added to `spent[name]`."""

    @wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        at = time.thread_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.thread_time() - at

    return run


async def store(db: Path, chunks: list[bytes], warm: int, spy: Path | None) -> None:
    """Store the prepared records into `db` as the import does; print the CPU they took."""

    async def replayed(*_: object, **__: object) -> AsyncIterator[list[Any]]:
        for chunk in chunks:
            yield pickle.loads(chunk)  # the parent unpickles each worker's chunk

    patches = (
        mock.patch.object(bulk, "prepared_chunks", replayed),
        mock.patch.object(
            sqlite, "insert_batch", timed("sqlite (insert_batch)", batch_rows.insert_batch)
        ),
        mock.patch.object(
            building.Build, "add", timed("index build (Build.add)", building.Build.add)
        ),
        mock.patch.object(
            building.ImportBuild,
            "add",
            waited("waited for the index build (wall)", building.ImportBuild.add),
        ),
    )
    for patch in patches:
        patch.start()
    marks: dict[str, float] = {}

    def on_item(report: bulk.ImportReport) -> None:
        if report.done == warm:
            marks["start"], marks["wall"] = time.process_time(), time.perf_counter()
            marks.update(written())
            marks.update({f"{k} at warm": v for k, v in spent.items()})
            if spy:  # sample the timed stretch alone, every thread, C frames too
                command = ["py-spy", "record", "--threads", "--native", "-r", "250", "-f", "raw",
                           "-o", str(spy), "--pid", str(os.getpid())]  # fmt: skip
                subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async with await Library.open(db) as library:
        library._indexes.start_import(GUILD)
        report = await bulk.import_items(library, GUILD, iter(()), on_item=on_item)
        end, wall = time.process_time(), time.perf_counter()
        io = written()
        library._indexes.abandon_import(GUILD)
    measured = report.done - warm
    print(report.describe().splitlines()[0])
    print(f"records {warm + 1}..{report.done}: {1000 * (end - marks['start']) / measured:.3f}"
          f" ms CPU/article (all threads), {1000 * (wall - marks['wall']) / measured:.3f} ms"
          " wall/article")  # fmt: skip
    print("  KiB an article read / written by the process (WAL, checkpoints, index spill):"
          f" {(io['rchar'] - marks['rchar']) / 1024 / measured:.1f} /"
          f" {(io['wchar'] - marks['wchar']) / 1024 / measured:.1f}")  # fmt: skip
    for name, total in spent.items():
        share = total - marks.get(f"{name} at warm", 0.0)
        print(f"  {name}: {1000 * share / measured:.3f} ms/article")


def written() -> dict[str, float]:
    """Return the bytes the process has read and written through system calls so far (Linux's
    /proc/self/io): the same for the same work, however busy the machine."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return {name: float(fields[name]) for name in ("rchar", "wchar")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    first = sub.add_parser("prepare")
    first.add_argument("corpus", type=Path)
    first.add_argument("out", type=Path)
    second = sub.add_parser("store")
    second.add_argument("db", type=Path)
    second.add_argument("prepared", type=Path)
    second.add_argument("--warm", type=int, default=1_536, help="records not timed, first")
    second.add_argument("--spy", type=Path, help="py-spy the timed records to this raw file")
    args = parser.parse_args()
    if args.step == "prepare":
        chunks = asyncio.run(prepare(args.corpus))
        args.out.write_bytes(pickle.dumps(chunks, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"{len(chunks)} chunks written to {args.out}")
    else:
        chunks = pickle.loads(args.prepared.read_bytes())
        asyncio.run(store(args.db, chunks, args.warm, args.spy))


if __name__ == "__main__":
    main()
