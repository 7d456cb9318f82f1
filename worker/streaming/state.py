"""The dedup engine's store, backed by a Faust table (RocksDB on disk, changelog in Kafka).

Faust writes each change to the changelog partition of the event being processed, which is
why the dedup agent handles one report at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


class TableStore:
    def __init__(self, table: Any) -> None:
        self._table = table

    def get(self, key: str) -> bytes | None:
        value = self._table.get(key.encode("utf-8"))
        return bytes(value) if value is not None else None

    def put(self, key: str, value: bytes) -> None:
        self._table[key.encode("utf-8")] = value

    def delete(self, key: str) -> None:
        encoded = key.encode("utf-8")
        if encoded in self._table:
            del self._table[encoded]

    def items(self) -> Iterable[tuple[str, bytes]]:
        return self._iterate()

    def _iterate(self) -> Iterator[tuple[str, bytes]]:
        for key, value in self._table.items():
            if value is not None:
                yield bytes(key).decode("utf-8"), bytes(value)
