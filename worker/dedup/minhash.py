"""MinHash signatures: a fixed-size sketch of a set whose agreement estimates Jaccard similarity.

Hashing is deterministic across processes (crc32 + fixed permutation seeds), so signatures
computed by one worker compare with those computed by another, or after a restart.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np

NUM_PERMUTATIONS = 64
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(20181001)
_A = _rng.randint(1, 1 << 31, size=NUM_PERMUTATIONS, dtype=np.uint64)
_B = _rng.randint(0, 1 << 31, size=NUM_PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def signature(shingles: Iterable[str]) -> tuple[int, ...]:
    """MinHash of a set of strings; the empty set gives the empty signature."""
    hashes = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in set(shingles)), dtype=np.uint64
    )
    if hashes.size == 0:
        return ()
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME & _MAX_HASH
    return tuple(int(v) for v in permuted.min(axis=0))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity; 0.0 when either signature is empty."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def word_shingles(text: str, size: int = 5) -> set[str]:
    """Overlapping word n-grams of lower-cased text: what a wire copy shares with its original."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def text_signature(text: str) -> tuple[int, ...]:
    return signature(word_shingles(text))
