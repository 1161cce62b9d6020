"""Near-duplicate stories: the same story offered again with other furniture, headline, byline
or dateline, or cut short (a feed's excerpt of a stored story).

Each article gets a MinHash signature of its story text (furniture paragraphs left out) over
shingles of five words, and the signature cut into bands; two articles sharing a band are
compared in full. The estimate of Jaccard similarity and the two shingle counts give how much
of the shorter story the longer one contains, and that decides (`benchmarks/bench_near_duplicates.py`
measured the threshold on pairs of the same story and of distinct stories on the same event).

Plain numpy rather than `datasketch`: its MinHash is these few lines, and its LSH index lives in
memory or Redis, while ours must live in the library's own database, per guild. Everything is
seeded, so a signature is the same in every process and after every upgrade.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from index.models import Document
from index.text.words import split_words

if TYPE_CHECKING:
    from index.store.base import StoredStories

SHINGLE_WORDS = 5
PERMUTATIONS = 128
# Candidates: 32 bands of 2 values over the first 64 permutations. A pair with Jaccard 0.3
# (a feed excerpt of 40% of its story) shares a band 95% of the time, 0.1 28%, unrelated stories
# (Jaccard near 0.01) 0.3%.
BANDS = 32
BAND_ROWS = 2
MIN_SHINGLES = 20  # shorter stories are too short to call near-duplicates
CONTAINMENT = 0.6  # this share of the shorter story's shingles in the longer one: the same story

_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1
_rng = np.random.RandomState(20_260_105)  # fixed: signatures must agree across processes
_A = _rng.randint(1, _MAX_HASH, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.randint(0, _MAX_HASH, size=PERMUTATIONS, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Signature:
    """A story's MinHash values and how many distinct shingles it has."""

    values: np.ndarray  # uint32, PERMUTATIONS long
    shingles: int

    def to_bytes(self) -> bytes:
        """Pack the values as little-endian uint32, the form the store keeps."""
        return np.asarray(self.values, dtype="<u4").tobytes()  # no copy on little-endian

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        """Rebuild a signature from the bytes `to_bytes` gave: a read-only view of them, not a
        copy (every stored candidate of every imported article passes through here)."""
        return cls(np.frombuffer(data, dtype="<u4"), shingles)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle as the stored form (a worker hands one back for every article): 40% less time
        than numpy's pickling of the array, read back as `from_bytes` reads a stored one."""
        return Signature.from_bytes, (self.to_bytes(), self.shingles)

    def bands(self) -> list[int]:
        """One signed 64-bit key per band (band number included), to look candidates up by:
        the 8-byte BLAKE2b of the band's number byte and its packed values, read little-endian."""
        # Every band's message cut from one buffer and hashed by copies of one empty hasher, as
        # the shingles are (`words_signature`): a third of a new hasher a band's time, for the
        # parent of a bulk import, which asks for every article's.
        width = 1 + 4 * BAND_ROWS  # a band's number byte, then its values' bytes
        messages = np.empty((BANDS, width), dtype=np.uint8)
        messages[:, 0] = _BAND_NUMBERS
        values = np.frombuffer(self.to_bytes(), dtype=np.uint8)[: BANDS * (width - 1)]
        messages[:, 1:] = values.reshape(BANDS, width - 1)
        joined = messages.tobytes()
        cuts = map(slice, range(0, len(joined), width), range(width, len(joined) + 1, width))
        hashers = list(map(_BLAKE2B.copy, repeat(_EMPTY_HASH8, BANDS)))
        any(map(_BLAKE2B.update, hashers, map(joined.__getitem__, cuts)))
        return np.frombuffer(b"".join(map(_BLAKE2B.digest, hashers)), dtype="<i8").tolist()


def story_text(document: Document) -> str:
    """Strip the article's furniture paragraphs (captions, credits, site chrome) from its text."""
    text = document.text
    return "\n".join(text[p.start : p.end] for p in document.story_paragraphs())


def signature(story: str) -> Signature:
    """MinHash of the story's five-word shingles (words lower-cased, punctuation ignored)."""
    return words_signature(split_words(story.lower()))


def words_signature(words: list[str]) -> Signature:
    """`signature` of the story whose lower-cased words these are, in order."""
    if not words:
        return Signature(np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint32), 0)
    # One encode of all the words, cut at the spaces (no word holds one, nor does any other
    # character's UTF-8): the runs are then joined as bytes, with no encode a shingle.
    encoded = " ".join(words).encode().split(b" ")
    # Each run is hashed by a copy of one empty 4-byte BLAKE2b: the same digest as a new
    # hasher's, for half the time (setting a new one up, its keyword parsed and its parameters
    # laid out, cost more than hashing the few bytes of a shingle). Copied, fed and read by
    # `map`, with no Python statement a shingle. A run repeated is hashed again rather than
    # put in a set first: few runs repeat, and a repeated hash leaves every least one as it is.
    hashers = list(map(_BLAKE2B.copy, repeat(_EMPTY_HASH4, _run_count(encoded))))
    any(map(_BLAKE2B.update, hashers, _runs(encoded)))  # update returns None: `any` runs all
    hashes = np.frombuffer(b"".join(map(_BLAKE2B.digest, hashers)), dtype="<u4")
    return Signature(_min_hashes(hashes), _distinct(encoded, hashes))


def _run_count(encoded: list[bytes]) -> int:
    """How many runs of five words `_runs` makes of these words."""
    return max(len(encoded) - SHINGLE_WORDS + 1, 1)


def _runs(encoded: list[bytes]) -> Iterator[bytes]:
    """Return the runs of five of these UTF-8 words, repeats included (all of them if fewer),
    each made as it is hashed rather than kept in a list (1% of the signature's instructions)."""
    if len(encoded) < SHINGLE_WORDS:
        return iter([b" ".join(encoded)])
    # The shorter tails end the runs: the last run is the last five words.
    return map(b" ".join, zip(*(encoded[i:] for i in range(SHINGLE_WORDS)), strict=False))


def _distinct(encoded: list[bytes], hashes: np.ndarray) -> int:
    """How many distinct runs of these words there are (the shingles), given each run's hash:
    runs of different hashes differ, so only the runs whose hash another run has too are made
    again and compared. Sorting the hashes cost a sixth of putting every run in a set (which
    hashes it again)."""
    ordered = np.sort(hashes)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(shared):
        return len(hashes)
    alike = np.flatnonzero(np.isin(hashes, shared)).tolist()
    repeated = {b" ".join(encoded[at : at + SHINGLE_WORDS]) for at in alike}
    return len(hashes) - len(alike) + len(repeated)


_BLAKE2B = hashlib.blake2b
_EMPTY_HASH4 = hashlib.blake2b(digest_size=4)  # only ever copied, never updated itself
_EMPTY_HASH8 = hashlib.blake2b(digest_size=8)  # the same, for the band keys
_BAND_NUMBERS = np.arange(BANDS, dtype=np.uint8)
# The low 32 bits of a and of b + 8, per permutation, as columns (`_min_hashes`).
_A_LOW = _A.astype(np.uint32)[:, None]
_B_LOW_PLUS_8 = (_B + np.uint64(8)).astype(np.uint32)[:, None]  # wraps: only the low bits count
_COLUMNS = 1024  # hashes permuted at once: a (PERMUTATIONS, 1024) uint32 block, 512 KB
_WIDTHS = 128  # a block's width is rounded up to a multiple of this (`_tiles`)
_blocks = threading.local()  # each thread's block, kept: a new one a call cost page faults
_tiled: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # width -> its `_tiles`


def _min_hashes(hashes: np.ndarray) -> np.ndarray:
    """Each permutation's least (a·x + b) mod p, masked to 32 bits, over the uint32 hashes x.

    With y = a·x + b = h·2**61 + l (h = y >> 61, below 8), y mod p is h + l, or h + l - p when
    that is p or more, which needs l's low 32 bits (y's) to be 2**32 - 8 or more. Below that,
    the masked value is (low 32 bits of y) + h: between w - 8 and w - 1, w being the low 32
    bits of y + 8, computed for every hash in wrapping 32-bit arithmetic (a quarter of the
    64-bit work). If every w of a block is 8 or more, a permutation's least value is below its
    least w, and no hash whose w is 8 or more above that can have it: only the hashes within 7
    of the least w (about one a permutation) are taken exactly. A block where some w is below
    8 (one in some 5,000 articles) is taken exactly throughout, `_exact_min_hashes`.

    The w are computed on whole contiguous arrays: the hashes copied into every row, then
    multiplied and added by a's and b's own rows (`_tiles`). numpy broadcasting a column
    against the block instead ran a buffered loop that copied the column out element by
    element, three times the instructions of the multiply and add themselves. The block is
    padded to its width with copies of the last hash: a repeated hash leaves every least value
    as it is.
    """
    least = np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint32)
    for start in range(0, len(hashes), _COLUMNS):
        part = hashes[start : start + _COLUMNS]
        width = -(-len(part) // _WIDTHS) * _WIDTHS
        low, row = _block(width)
        row[: len(part)] = part
        row[len(part) :] = part[-1]
        a_rows, b_rows = _tiles(width)
        np.copyto(low, row)
        low *= a_rows  # wraps: the low 32 bits of a·x
        low += b_rows
        nearest = low.argmin(axis=1)
        bound = low[_PERMUTATION, nearest]
        if int(bound.min()) < 8:
            found = _exact_min_hashes(part)
        else:
            np.minimum(bound, np.uint32(_MAX_HASH - 7), out=bound)
            bound += np.uint32(7)
            rows, columns = _candidates(low, nearest, bound)
            values = row[columns].astype(np.uint64) * _A[rows] + _B[rows]
            _mod_prime(values, np.empty_like(values))
            values &= np.uint64(_MAX_HASH)
            found = np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint32)
            np.minimum.at(found, rows, values.astype(np.uint32))
        np.minimum(least, found, out=least)
    return least


def _tiles(width: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the low 32 bits of a and of b + 8 each repeated along its permutation's row, as
    (PERMUTATIONS, width) blocks: made once a width (at most eight, 512 KB each at 1,024)."""
    found = _tiled.get(width)
    if found is None:
        found = _tiled[width] = (
            np.repeat(_A_LOW, width, axis=1),
            np.repeat(_B_LOW_PLUS_8, width, axis=1),
        )
    return found


_PERMUTATION = np.arange(PERMUTATIONS)


def _candidates(
    low: np.ndarray, nearest: np.ndarray, bound: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(permutation, column) of every w within `bound` in its row of `low` (overwritten): the
    least, `nearest`, and in the few rows where the next least is within it too, all of them.
    A second least per row, rather than comparing every w with its bound, reads the block once
    instead of writing a mask of it and reading that."""
    low[_PERMUTATION, nearest] = _MAX_HASH
    crowded = np.flatnonzero(low.min(axis=1) <= bound)
    if not len(crowded):
        return _PERMUTATION, nearest
    within = low[crowded] <= bound[crowded, None]
    rows, columns = np.divmod(np.flatnonzero(within), low.shape[1])
    return (
        np.concatenate([_PERMUTATION, crowded[rows]]),
        np.concatenate([nearest, columns]),
    )


def _block(columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Return this thread's (PERMUTATIONS, columns) uint32 scratch block and a row of as many
    columns for the hashes, kept between calls."""
    block: np.ndarray | None = getattr(_blocks, "block", None)
    if block is None:
        block = _blocks.block = np.empty(PERMUTATIONS * _COLUMNS, dtype=np.uint32)
        _blocks.row = np.empty(_COLUMNS, dtype=np.uint32)
    return block[: PERMUTATIONS * columns].reshape(PERMUTATIONS, columns), _blocks.row[:columns]


def _exact_min_hashes(hashes: np.ndarray) -> np.ndarray:
    """`_min_hashes` the long way: (a·x + b) mod p in 64 bits, then masked."""
    values = hashes.astype(np.uint64)[:, None] * _A
    values += _B
    _mod_prime(values, np.empty_like(values))
    values &= np.uint64(_MAX_HASH)
    return values.min(axis=0).astype(np.uint32)


def _mod_prime(values: np.ndarray, spare: np.ndarray) -> None:
    """Reduce uint64 values modulo the Mersenne prime 2**61 - 1 in place, exactly as `%` does
    (`spare`: a buffer of the same shape, overwritten).

    x = h·2**61 + l is congruent to h + l, which is below 2**61 + 8: at most one subtraction
    of p is left. Shifts and masks instead of a 64-bit division: a third of the signature's
    time, for the same values. The subtraction is kept where it does not wrap: below p, v - p
    wraps past 2**64 - 2**61, above every v, so the smaller of v and v - p is v mod p.
    """
    prime = np.uint64(_PRIME)
    np.right_shift(values, np.uint64(61), out=spare)
    values &= prime
    values += spare
    np.subtract(values, prime, out=spare)
    np.minimum(values, spare, out=values)


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.values == b.values)) / PERMUTATIONS


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the shorter story's shingles that the longer one also has."""
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    j = jaccard(a, b)
    # |A ∩ B| = J·(|A| + |B|) / (1 + J)
    return min(1.0, j * (a.shingles + b.shingles) / (1 + j) / smaller)


def is_near_duplicate(a: Signature, b: Signature, threshold: float = CONTAINMENT) -> bool:
    """Tell whether two stories are one: too-short ones never are, lest a brief pass as a copy."""
    if min(a.shingles, b.shingles) < MIN_SHINGLES:
        return False
    return containment(a, b) >= threshold


def first_near_duplicate(
    a: Signature, candidates: Sequence[tuple[int, bytes]], threshold: float = CONTAINMENT
) -> int | None:
    """Return the position of the first candidate (shingle count, signature bytes) that
    `is_near_duplicate` calls the same story as `a`, or None (`first_stored_duplicate`)."""
    if not candidates or a.shingles < MIN_SHINGLES:
        return None
    values = np.frombuffer(b"".join(data for _, data in candidates), dtype="<u4")
    shingles = np.array([n for n, _ in candidates], dtype=np.int64)
    return _first_same(a, shingles, values.reshape(len(candidates), PERMUTATIONS), threshold)


def first_stored_duplicate(
    a: Signature, candidates: StoredStories, threshold: float = CONTAINMENT
) -> int | None:
    """Return the position of the first stored story (oldest first) that `is_near_duplicate`
    calls the same story as `a`, or None: the same test for all at once, on the arrays the
    store gathered (no object per candidate)."""
    if not len(candidates) or a.shingles < MIN_SHINGLES:
        return None
    return _first_same(a, candidates.shingles, candidates.values, threshold)


def _first_same(
    a: Signature, shingles: np.ndarray, values: np.ndarray, threshold: float
) -> int | None:
    """Candidates share a band with `a`, and unrelated stories share one 0.3% of the time: at
    100,000 articles each new one has hundreds of candidates, and testing them one by one was
    most of the import's own time. The arithmetic is `containment`'s, on float64 as Python's
    floats are, in the same order, so every decision is the same."""
    # Matches counted as bytes summed: count_nonzero along an axis widens every bool to int64.
    matches = (values == a.values).view(np.uint8).sum(axis=1, dtype=np.int64)
    j = matches / PERMUTATIONS
    smaller = np.minimum(shingles, a.shingles)
    with np.errstate(divide="ignore", invalid="ignore"):  # smaller 0: ruled out below anyway
        share = np.minimum(1.0, j * (shingles + a.shingles) / (1 + j) / smaller)
    same = np.flatnonzero((smaller >= MIN_SHINGLES) & (share >= threshold))
    return int(same[0]) if len(same) else None
