"""One worker thread for the library's CPU-bound work: analysis, answers, index patches.

Python threads take turns holding one interpreter lock. With two CPU-bound threads running,
the event loop waits for the lock behind both of them, and Discord's heartbeat with it: on this
2-core machine a 10 ms ticker stalled 150-270 ms beside two busy threads, about 20 ms beside
one. Queued on one thread, the jobs leave the loop a single competitor; they are short
(milliseconds to tens of milliseconds), so a job rarely waits long for the one before it.
"""

from __future__ import annotations

import asyncio
import contextvars
import gc
import importlib
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Shared by every library in the process: the interpreter lock is per process.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="articlebot-cpu")
# Native work that lets go of the interpreter lock while it computes (the sentence model's ONNX
# runs): beside the CPU thread, on the second core, without making the event loop wait.
_NATIVE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="articlebot-native")


async def run(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `func` on the CPU worker thread (as `asyncio.to_thread` does on a pool of them)."""
    return await asyncio.wrap_future(_submitted(_WORKER, func, *args, **kwargs))


async def run_native(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `func` on the native thread: for work that mostly runs without the interpreter lock."""
    return await asyncio.wrap_future(_submitted(_NATIVE, func, *args, **kwargs))


def start(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
    """Start `func` on the CPU worker thread and return at once (`run` without the wait)."""
    return _submitted(_WORKER, func, *args, **kwargs)


def _submitted(
    executor: Executor, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> Future[T]:
    """Submit `func` to one of the threads, in the caller's context (its context variables)."""
    context = contextvars.copy_context()
    return executor.submit(partial(context.run, func, *args, **kwargs))


async def imported(*names: str) -> None:
    """Import modules on a thread the first time they are needed, not on the event loop.

    The answering modules bring numpy, scipy and scikit-learn: a second or more of importing
    (on a busy machine) that, done where a command first needs them, stalls the loop and
    Discord's heartbeat. On a thread, the import lets the loop run between its steps.
    """
    missing = [name for name in names if name not in sys.modules]
    for name in missing:
        await asyncio.to_thread(importlib.import_module, name)


def import_soon(*names: str) -> threading.Thread | None:
    """Start importing modules on a thread of their own and return at once (None: all loaded).

    For modules a later command will probably need: `add` after the first answer waited
    80-200 ms for the analysis modules (their patterns compiled), the worst add → answer of a
    warm library. The thread is a daemon: a process that ends first (one `ask` from the
    terminal) does not wait for it, and an import the command then asks for waits for this one
    (the import lock) instead of starting again.
    """
    missing = [name for name in names if name not in sys.modules]
    if not missing:
        return None
    thread = threading.Thread(
        target=_import_all, args=(missing,), name="articlebot-import", daemon=True
    )
    thread.start()
    return thread


def _import_all(names: list[str]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # a failure shows again, with its traceback, where it is needed
            return


def keep_long_lived() -> None:
    """Leave every object alive now out of later full collections (`gc.freeze`).

    An index is 10^5 long-lived objects, and each patch adds thousands; a full collection
    scanning them holds the interpreter lock, so the loop and every thread wait (100-300 ms when
    the holder is preempted on a busy machine). Index objects hold no cycles, so one dropped
    later is still freed by reference counting. The young generations are collected first, so
    short-lived cyclic garbage (tasks, tracebacks) of the moment is freed rather than frozen;
    that pass reads only young objects (well under a millisecond, tens of ms after a big load).
    """
    gc.collect(1)
    gc.freeze()


_pauses = 0  # bulk imports running with automatic collection paused (`collected_by_batch`)
_pauses_lock = threading.Lock()
_was_enabled = True


@contextmanager
def collected_by_batch() -> Iterator[None]:
    """Pause automatic garbage collection while a bulk import runs: it calls `keep_long_lived`
    after each batch, which collects the young objects once and freezes what is left.

    An import makes ~150,000 objects a batch that live until the batch is stored; the automatic
    collector kept walking them (and, every tenth pass of the middle generation, every object
    since the last freeze): 0.16 ms an article of the storing process's CPU, against 0.07 ms
    for one collection a batch. Other work of the process meanwhile has its cyclic garbage
    collected at the next batch, a few seconds later. Nested imports re-enable it at the last.
    """
    global _pauses, _was_enabled
    with _pauses_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
