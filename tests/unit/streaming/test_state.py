from pathlib import Path

from rocksdict import Options, Rdict

from worker.dedup.engine import MemoryStore
from worker.dedup.journal import Batch
from worker.streaming.state import prefixed_items

ENTRIES = {"a:x#0": b"1", "i:one": b"2", "s:one": b"3", "s:two": b"4", "t:US": b"5", "u:y": b"6"}


def test_rocksdb_items_of_a_prefix_seek_and_stop_at_its_end(tmp_path: Path) -> None:
    db = Rdict(str(tmp_path / "db"), Options(raw_mode=True))
    for key, value in ENTRIES.items():
        db[key.encode()] = value
    db[b"__faust\x00offset__"] = b"7"
    try:
        assert list(prefixed_items(db, b"s:")) == [("s:one", b"3"), ("s:two", b"4")]
        assert list(prefixed_items(db, b"t:")) == [("t:US", b"5")]
        assert list(prefixed_items(db, b"x:")) == []
    finally:
        db.close()


def test_memory_store_and_a_pending_batch_filter_by_prefix() -> None:
    store = MemoryStore()
    for key, value in ENTRIES.items():
        store.put(key, value)
    batch = Batch(store)
    batch.put("s:three", b"8")
    batch.delete("s:one")
    batch.put("i:three", b"9")
    assert sorted(store.items("s:")) == [("s:one", b"3"), ("s:two", b"4")]
    assert sorted(batch.items("s:")) == [("s:three", b"8"), ("s:two", b"4")]
    assert len(list(batch.items())) == len(ENTRIES) + 1
