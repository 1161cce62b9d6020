"""The CPU worker: one thread for all CPU-bound work, and long-lived objects kept out of collections."""

from __future__ import annotations

import contextvars
import gc
import subprocess
import sys
import threading
import weakref
from pathlib import Path

from index import cpu

REQUEST = contextvars.ContextVar("request", default="none")


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


async def test_jobs_share_one_thread_and_see_the_callers_context() -> None:
    REQUEST.set("guild 7")
    seen = [
        await cpu.run(lambda: (threading.current_thread().name, REQUEST.get())) for _ in range(3)
    ]
    assert len({name for name, _ in seen}) == 1
    assert seen[0][0].startswith("articlebot-cpu") and threading.current_thread().name != seen[0][0]
    assert {value for _, value in seen} == {"guild 7"}


def test_keep_long_lived_frees_young_cycles_and_freezes_the_living() -> None:
    kept, garbage = Node(), Node()
    kept.other = kept
    garbage.other = garbage  # a cycle nobody holds: only the collector can free it
    gone = weakref.ref(garbage)
    del garbage
    frozen_before = gc.get_freeze_count()
    try:
        cpu.keep_long_lived()
        assert gone() is None
        assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()


def test_a_library_that_answers_loads_the_analysis_an_add_needs_in_the_background(
    tmp_path: Path,
) -> None:
    # A fresh interpreter: this test process has imported everything already.
    probe = f"""
import asyncio, sys, threading
from index.errors import EmptyLibrary
from index.service import Library

async def main():
    async with await Library.open({str(tmp_path / "lib.db")!r}) as library:
        before = "index.quotes.analyze" in sys.modules
        try:
            await library.ask(1, "what did the mayor say?")
        except EmptyLibrary:
            pass
        for thread in threading.enumerate():
            if thread.name == "articlebot-import":
                thread.join(60)
        print(before, "index.quotes.analyze" in sys.modules)

asyncio.run(main())
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_a_bulk_import_pauses_automatic_collection_until_the_last_one_ends() -> None:
    assert gc.isenabled()
    with cpu.collected_by_batch():
        assert not gc.isenabled()
        with cpu.collected_by_batch():  # a second guild's import meanwhile
            assert not gc.isenabled()
        assert not gc.isenabled()
        cycle = Node()
        cycle.other = cycle
        held = weakref.ref(cycle)
        del cycle
        assert held() is not None  # no automatic pass frees it
        cpu.keep_long_lived()  # the collection a batch
        assert held() is None
    assert gc.isenabled()
    gc.disable()  # collection left off by its owner stays off
    try:
        with cpu.collected_by_batch():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
