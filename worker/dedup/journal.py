"""One report's writes as a single record, so that a crash never leaves half of them.

The dedup state is a key-value store whose changes Faust sends to a changelog, one record per
key. A worker killed while those records are in flight leaves a changelog that ends inside a
report: an incident already merged, say, but no mention yet, or an absorbed incident deleted
but its sources not yet moved. :class:`Batch` collects a report's puts and deletes (reads see
them); the engine writes them first as one journal record, then key by key, then deletes the
journal. A restart that finds a journal without its mention finishes the writes instead of
deciding again.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from worker.dedup.stored import IncidentStore

_LENGTH = struct.Struct(">I")
_PUT, _DELETE = b"\x01", b"\x00"


class Batch:
    """Buffered writes over ``store``, which they leave as it was; the last write of a key
    counts, in the order made."""

    def __init__(self, store: IncidentStore) -> None:
        self._store = store
        self._ops: dict[str, bytes | None] = {}

    def get(self, key: str) -> bytes | None:
        if key in self._ops:
            return self._ops[key]
        return self._store.get(key)

    def put(self, key: str, value: bytes) -> None:
        self._ops.pop(key, None)
        self._ops[key] = value

    def delete(self, key: str) -> None:
        self._ops.pop(key, None)
        self._ops[key] = None

    def items(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        for key, value in self._store.items(prefix):
            if key not in self._ops:
                yield key, value
        for key, maybe in self._ops.items():
            if maybe is not None and key.startswith(prefix):
                yield key, maybe

    def ops(self) -> list[tuple[str, bytes | None]]:
        return list(self._ops.items())

    def encode(self) -> bytes:
        return encode_ops(self.ops())


def encode_ops(ops: list[tuple[str, bytes | None]]) -> bytes:
    out = bytearray()
    for key, value in ops:
        raw = key.encode("utf-8")
        out += _LENGTH.pack(len(raw)) + raw
        if value is None:
            out += _DELETE
        else:
            out += _PUT + _LENGTH.pack(len(value)) + value
    return bytes(out)


def decode_ops(data: bytes) -> list[tuple[str, bytes | None]]:
    ops: list[tuple[str, bytes | None]] = []
    at = 0
    while at < len(data):
        (size,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        key = data[at : at + size].decode("utf-8")
        at += size
        kind = data[at : at + 1]
        at += 1
        if kind == _DELETE:
            ops.append((key, None))
            continue
        (size,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        ops.append((key, data[at : at + size]))
        at += size
    return ops


def apply_ops(store: IncidentStore, ops: list[tuple[str, bytes | None]]) -> None:
    for key, value in ops:
        if value is None:
            store.delete(key)
        else:
            store.put(key, value)
