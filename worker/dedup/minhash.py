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
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in set(shingles)), dtype=np.uint64)
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


# Compact, b-bit form of a signature for in-memory indexes: the low 16 bits of every value.
# Two different values agree on them with probability 2**-16, a bias far below the noise of a
# 64-permutation estimate, at an eighth of the memory of Python ints.
_PACKED = np.dtype("<u2")


def pack(sig: tuple[int, ...]) -> bytes:
    if not sig:
        return b""
    return np.asarray(sig, dtype=np.uint64).astype(_PACKED).tobytes()


def packed_similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two :func:`pack` -ed signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    left = np.frombuffer(a, dtype=_PACKED)
    right = np.frombuffer(b, dtype=_PACKED)
    return int(np.count_nonzero(left == right)) / left.size


def packed_similarities(one: bytes, many: list[bytes]) -> list[float | None]:
    """:func:`packed_similarity` of ``one`` against each of ``many`` in one array operation;
    ``None`` where either side has no signature."""
    if not one or not many:
        return [None] * len(many)
    width = len(one)
    rows = [b if len(b) == width else bytes(width) for b in many]
    table = np.frombuffer(b"".join(rows), dtype=_PACKED).reshape(len(rows), -1)
    agree = np.count_nonzero(table == np.frombuffer(one, dtype=_PACKED), axis=1) / table.shape[1]
    return [None if len(b) != width else float(a) for b, a in zip(many, agree, strict=True)]


def union(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The signature of the union of two sets: the element-wise minimum."""
    if not a:
        return b
    if not b or len(a) != len(b):
        return a
    return tuple(min(x, y) for x, y in zip(a, b, strict=True))


def cardinality(sig: tuple[int, ...]) -> int:
    """Estimated size of the set behind a signature (minima of uniform 32-bit hashes)."""
    if not sig:
        return 0
    scale = float(_MAX_HASH) + 1.0
    total = sum((value + 1) / scale for value in sig)
    return max(1, round(len(sig) / total - 1))
