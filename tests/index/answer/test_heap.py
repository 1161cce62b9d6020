"""Freed batch arrays go back to the system once an import's build holds glibc's threshold."""

from __future__ import annotations

import subprocess
import sys

import pytest

from index.answer.heap import return_freed_arrays

# In a fresh process: free one large array (glibc then raises its threshold for mapping a
# block by itself to that size), make 200 batch-sized arrays of 300 KB between small ones kept,
# free the batches, and print how many MB the resident set fell by.
FREED = """
import sys
import numpy as np
from index.answer.heap import return_freed_arrays

def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

if sys.argv[1] == "held":
    return_freed_arrays()
large = np.ones(20_000_000 // 8)
del large
batches, kept = [], []
for _ in range(200):  # each batch followed by a small array that outlives it, as in a build
    batches.append(np.ones(300_000 // 8))
    kept.append(np.ones(512))
before = resident()
del batches
print(before - resident())
"""


def _fall(mode: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", FREED, mode], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_batches_are_given_back_with_the_threshold_held() -> None:
    if not return_freed_arrays():
        pytest.skip("not glibc")
    assert _fall("default") < 20  # kept by the heap: what the import's end came on top of
    assert _fall("held") > 50  # 60 MB of batches given back
