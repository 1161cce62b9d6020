"""Each quote's search terms kept by column, so one person's statements are ranked against a
topic without tokenizing their texts at the question.

"What did X say about Y?" ranks X's statements by TF-IDF over X's own texts (evidence.TextRanker).
Someone quoted in thousands of articles has tens of thousands of quote rows: tokenizing them
at their first topic question took seconds. Here each quote row has its distinct terms
(index.text.terms) as pool codes in the order they first occur, with their counts, made once
when the columns are made. `terms` cuts at word characters only, so a statement's segments
joined by a space count as their rows' counts added (topic_rank.py joins them).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from index.answer.int_arrays import int32s, int64s
from index.text.terms import term_counts

Arrays = dict[str, np.ndarray]
# Row arrays (one entry per quote row, sorted with the quotes); "t_lengths" become "t_ends".
ROWS = ("t_terms", "t_counts", "t_lengths")
SAVED = ("t_terms", "t_counts", "t_ends")


def term_rows(texts: Iterable[str], code: Callable[[str], int]) -> Arrays:
    """Return the term rows of some quote texts, in their order."""
    codes: list[int] = []
    counts: list[int] = []
    lengths: list[int] = []
    for text in texts:
        bag = term_counts(text)  # in order of first occurrence, as TextRanker counts them
        codes += map(code, bag)
        counts += bag.values()
        lengths.append(len(bag))
    return {"t_terms": int32s(codes), "t_counts": int32s(counts), "t_lengths": int64s(lengths)}


def of_texts(text: np.ndarray, text_ends: np.ndarray, code: Callable[[str], int]) -> Arrays:
    """Return the saved term arrays of quote texts kept as one UTF-8 buffer with end offsets
    (the columns of an index saved before terms were kept)."""
    ends = np.asarray(text_ends, dtype=np.int64)
    buffer = np.asarray(text)
    starts = np.concatenate([[0], ends[:-1]]).astype(np.int64) if len(ends) else ends
    parts: list[Arrays] = []
    step = 100_000  # rows decoded at a time: bounds the strings held at once
    for lo in range(0, len(ends), step):
        hi = min(lo + step, len(ends))
        raw = bytes(buffer[int(starts[lo]) : int(ends[hi - 1])])
        offsets = (np.concatenate([starts[lo:hi], [ends[hi - 1]]]) - starts[lo]).tolist()
        texts = (raw[a:b].decode("utf-8") for a, b in itertools.pairwise(offsets))
        parts.append(term_rows(texts, code))
    if not parts:
        parts.append(term_rows((), code))
    joined = {name: np.concatenate([p[name] for p in parts]) for name in ROWS}
    return ends_of(joined)


def saved_of(arrays: Mapping[str, np.ndarray]) -> Arrays | None:
    """Return the term arrays among saved columns; None when they were saved without them."""
    return {k: arrays[k] for k in SAVED} if "t_ends" in arrays else None


def ends_of(rows: Arrays) -> Arrays:
    """Turn row lengths into end offsets (as saved)."""
    return {
        "t_terms": rows["t_terms"],
        "t_counts": rows["t_counts"],
        "t_ends": np.cumsum(rows["t_lengths"], dtype=np.int64),
    }


def sorted_rows(
    rows: Arrays, order: np.ndarray | None, gather: Callable[..., np.ndarray]
) -> Arrays:
    """Put term rows in the quote rows' order (`order`: row positions; None: in that order
    already, used without a copy), lengths made ends."""
    lengths = np.asarray(rows["t_lengths"], dtype=np.int64)
    if order is None:
        found = {name: np.asarray(rows[name]).astype(np.int32, copy=False)
                 for name in ("t_terms", "t_counts")}  # fmt: skip
        return found | {"t_ends": np.cumsum(lengths, dtype=np.int64)}
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    found = {
        name: gather(np.asarray(rows[name]), starts[order], lengths[order]).astype(
            np.int32, copy=False
        )
        for name in ("t_terms", "t_counts")
    }
    return found | {"t_ends": np.cumsum(lengths[order], dtype=np.int64)}


def kept_rows(
    old: Mapping[str, np.ndarray], rows: np.ndarray, gather: Callable[..., np.ndarray]
) -> Arrays:
    """Return the term rows of some saved quote rows, with lengths (to join new rows)."""
    ends = np.asarray(old["t_ends"], dtype=np.int64)
    starts = np.concatenate([[0], ends[:-1]]).astype(np.int64) if len(ends) else ends
    lengths = (ends - starts)[rows]
    return {
        "t_terms": gather(np.asarray(old["t_terms"]), starts[rows], lengths),
        "t_counts": gather(np.asarray(old["t_counts"]), starts[rows], lengths),
        "t_lengths": lengths,
    }


def as_rows(saved: Mapping[str, np.ndarray]) -> Arrays:
    """Return saved term arrays as rows with lengths (to join with others)."""
    ends = np.asarray(saved["t_ends"], dtype=np.int64)
    return {
        "t_terms": np.asarray(saved["t_terms"]),
        "t_counts": np.asarray(saved["t_counts"]),
        "t_lengths": np.diff(np.concatenate([[0], ends])).astype(np.int64),
    }


def fits(arrays: Mapping[str, np.ndarray], rows: int, pool_size: int) -> bool:
    """Tell whether the term arrays fit the quote rows and the pool (a damaged file's do not)."""
    codes, ends = arrays["t_terms"], arrays["t_ends"]
    return (
        len(ends) == rows
        and len(codes) == len(arrays["t_counts"])
        and (rows == 0 or int(ends[-1]) == len(codes))
        and (not len(codes) or (int(codes.min()) >= 0 and int(codes.max()) < pool_size))
    )
