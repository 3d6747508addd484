"""MinHash signatures of shingle sets, and a banded LSH index that finds similar signatures.

The signatures are datasketch's (2.x, permutation scheme "affine32", seed 1, SHA-1 of each
shingle), value for value, so the signatures kept in a store stay valid; a test compares the
two. They are computed here because importing datasketch loads scipy's integration and
optimisation modules (for choosing its LSH bands): about 0.6 s of CPU and 100 MB of memory
in every process that deduplicates, for two small functions.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 64
SEED = 1
# Bands of rows of a 64-value signature: datasketch's choice for a Jaccard threshold of 0.7
# with false positives and false negatives weighed equally (MinHashLSH(threshold=0.7)).
BANDS = 8
ROWS = 8
_EMPTY = (1 << 32) - 1


def _sha1_32(data: bytes) -> int:
    value: int = struct.unpack("<I", hashlib.sha1(data).digest()[:4])[0]
    return value


@functools.cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a*h + b (mod 2^32), a odd, drawn as datasketch draws them."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: spreads the input hashes before the permutations."""
    import numpy as np

    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(shingles: Iterable[bytes], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint32 values) of a set of shingles."""
    import numpy as np

    hashes = np.array([_sha1_32(s) for s in shingles], dtype=np.uint32)
    if not hashes.size:
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):  # the wrap-around is the modulo 2^32
        permuted = _fmix32(hashes).reshape(-1, 1) * a + b
    return np.asarray(permuted.min(axis=0), dtype=np.uint32)


class Index:
    """Keys of signatures, found again by any signature that agrees with one in a whole band."""

    def __init__(self, bands: int = BANDS, rows: int = ROWS) -> None:
        self.bands = bands
        self.rows = rows
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self.keys: set[str] = set()

    def _bands(self, values: np.ndarray) -> list[bytes]:
        if len(values) != self.bands * self.rows:
            raise ValueError(f"expected {self.bands * self.rows} values, got {len(values)}")
        return [values[i * self.rows : (i + 1) * self.rows].tobytes() for i in range(self.bands)]

    def insert(self, key: str, values: np.ndarray) -> None:
        if key in self.keys:
            raise ValueError(f"key {key!r} is already in the index")
        self.keys.add(key)
        for table, band in zip(self.tables, self._bands(values), strict=True):
            table.setdefault(band, []).append(key)

    def query(self, values: np.ndarray) -> set[str]:
        found: set[str] = set()
        for table, band in zip(self.tables, self._bands(values), strict=True):
            found.update(table.get(band, ()))
        return found
