from __future__ import annotations

from worker.dedup import minhash


def test_pack_keeps_agreement_and_union_is_the_elementwise_minimum() -> None:
    a = minhash.signature({"x", "y", "z", "w"})
    b = minhash.signature({"x", "y", "z", "v"})
    assert minhash.packed_similarity(minhash.pack(a), minhash.pack(b)) == minhash.similarity(a, b)
    both = minhash.union(a, b)
    assert both == minhash.signature({"x", "y", "z", "w", "v"})
    assert minhash.union((), a) == a
    assert minhash.pack(()) == b""


def test_cardinality_estimate_is_in_the_right_range() -> None:
    sig = minhash.signature({f"word{i}" for i in range(200)})
    assert 120 < minhash.cardinality(sig) < 320
    assert minhash.cardinality(()) == 0
