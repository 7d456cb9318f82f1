"""The dedup engine's store, backed by a Faust table (RocksDB on disk, changelog in Kafka).

Faust writes each change to the changelog partition of the event being processed, which is
why the dedup agent handles one report at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from faust.stores.rocksdb import Store as RocksDBStore


def prefixed_items(db: Any, prefix: bytes) -> Iterator[tuple[str, bytes]]:
    """A RocksDB database's entries whose key starts with ``prefix``, read from a seek to the
    prefix: rebuilding the match index reads the summaries, not the whole state."""
    for key, value in db.items(from_key=prefix):
        if not key.startswith(prefix):
            break
        if value is not None:
            yield bytes(key).decode("utf-8"), bytes(value)


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

    def items(self, prefix: str = "") -> Iterable[tuple[str, bytes]]:
        return self._iterate(prefix.encode("utf-8"))

    def _iterate(self, prefix: bytes) -> Iterator[tuple[str, bytes]]:
        store = self._table.data
        if isinstance(store, RocksDBStore):
            # The partitions this worker is active for, as the table's own items() reads them.
            for db in store._dbs_for_actives():
                yield from prefixed_items(db, prefix)
            return
        for key, value in self._table.items():
            if value is not None and bytes(key).startswith(prefix):
                yield bytes(key).decode("utf-8"), bytes(value)
