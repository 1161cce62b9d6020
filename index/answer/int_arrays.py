"""Python ints made numpy columns through `array.array`, which packs them as machine ints.

`np.array(list_of_ints, dtype=...)` finds the type and shape of every item first (a third of
the cost of making an imported batch's quote columns went to that). An `array.array` of the
same ints, viewed by `np.frombuffer`, is the same column: the same values and dtype, raising
OverflowError as numpy does when a value does not fit.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np


def int32s(values: Iterable[int]) -> np.ndarray:
    """Return the values as a new int32 array."""
    return np.frombuffer(array("i", values), dtype=np.int32)


def int64s(values: Iterable[int]) -> np.ndarray:
    """Return the values as a new int64 array."""
    return np.frombuffer(array("q", values), dtype=np.int64)
