"""Prepare import records in worker processes, a bounded number ahead, handed back in order.

Analysis is pure CPU in Python: threads would take turns on one interpreter lock, processes run
on every core. Records go to the workers in chunks (one pickled round trip per chunk, not per
record) and at most `ahead` chunks are out at once, so memory stays bounded however long the
import. A short import is prepared on the library's CPU thread instead: starting the workers
(each imports the analysis modules) costs more than it saves.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from index import cpu
from index.intake.prepare import ImportItem, Prepared, prepare_many

CHUNK = 16  # records a task: pickling overhead amortised, order kept at a fine grain
MIN_FOR_WORKERS = 4 * CHUNK  # fewer records than this are prepared in this process
ENV_WORKERS = "ARTICLEBOT_IMPORT_WORKERS"  # 0 or 1: prepare in this process (tests, small hosts)


def worker_count() -> int:
    """Worker processes for a long import: one a core, unless the environment says otherwise."""
    configured = os.environ.get(ENV_WORKERS, "").strip()
    if configured.isdigit():
        return int(configured)
    return min(os.cpu_count() or 1, 8)


async def prepared_chunks(
    items: Iterator[ImportItem],
    max_bytes: int,
    *,
    workers: int | None = None,
    ahead_records: int = 0,
) -> AsyncIterator[list[tuple[ImportItem, Prepared | str]]]:
    """Yield the records in their order, in chunks, each paired with its preparation (at
    least `ahead_records` prepared or being prepared beyond the chunk yielded)."""
    workers = worker_count() if workers is None else workers
    first = list(islice(items, MIN_FOR_WORKERS))
    if workers < 2 or len(first) < MIN_FOR_WORKERS:
        rest = iter(first) if len(first) < MIN_FOR_WORKERS else _chain(first, items)
        while chunk := list(islice(rest, CHUNK)):
            done = await cpu.run(prepare_many, chunk, max_bytes)
            yield list(zip(chunk, done, strict=True))
        return
    # Forked, so a worker starts at once with the analysis modules loaded, and the calling
    # program's main module is not run again (spawn and forkserver would run a script's
    # unguarded top level in every worker).
    for module in ("index.quotes.analyze", "index.intake.near_duplicates",
                   "index.answer.passage_build"):  # fmt: skip
        importlib.import_module(module)  # once here, not once a worker
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )
    try:
        source = _chain(first, items)
        pending: deque[tuple[list[ImportItem], Future[list[Prepared | str]]]] = deque()
        # Enough ahead to keep the workers busy while this process stores and indexes a batch
        # of `ahead_records` (3 chunks a worker left them idle for most of each batch).
        ahead = max(3 * workers, -(-ahead_records // CHUNK))

        def submit() -> bool:
            chunk = list(islice(source, CHUNK))
            if chunk:
                pending.append((chunk, pool.submit(prepare_many, chunk, max_bytes)))
            return bool(chunk)

        while len(pending) < ahead and submit():
            pass
        while pending:
            chunk, future = pending.popleft()
            done = await asyncio.wrap_future(future)
            submit()
            yield list(zip(chunk, done, strict=True))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """In a worker: leave Ctrl-C to the import, spare the collector the inherited objects, and
    exit when the import's process is gone.

    A forked worker holds both ends of its task pipe, so a killed import would leave it waiting
    for a task forever; it is re-parented when the import dies, which this thread notices.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The import pauses automatic collection in its own process (`cpu.collected_by_batch`), and
    # a fork inherits that: a worker, which keeps nothing between chunks, collects as usual.
    gc.enable()
    # What the fork inherited lives as long as the worker: set it aside from the cyclic garbage
    # collector, whose passes over it were time taken from analysis (analysis makes few cycles).
    gc.freeze()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="articlebot-import-parent", daemon=True).start()


def _chain(first: list[ImportItem], rest: Iterator[ImportItem]) -> Iterator[ImportItem]:
    yield from first
    yield from rest
