import asyncio
from pathlib import Path
from typing import Any

from faust.stores.rocksdb import RocksDBOptions

from tests.integration.harness import Names, _produce, worker_env
from worker.settings import Settings
from worker.streaming.kafka import changelog_topic_name, ensure_topics
from worker.streaming.restore import OFFSET_KEY, Restored, restore_table


def _settings(names: Names, tmp_path: Path) -> Settings:
    return Settings.from_env(worker_env(names, tmp_path / "data"))


def _restore(settings: Settings, tmp_path: Path) -> tuple[Restored, dict[int, dict[bytes, bytes]]]:
    """Restore into tmp_path in this process; return what each partition's RocksDB holds
    afterwards (the offset key included), opened with Faust's own options."""
    restored = asyncio.run(restore_table(settings, tmp_path, "table", processes=1))
    options = RocksDBOptions(use_rocksdict=True)
    contents = {}
    for path in sorted(tmp_path.glob("table-*.db")):
        db = options.open(path)
        contents[int(path.stem.split("-")[1])] = {bytes(k): bytes(v) for k, v in db.items()}
        db.close()
    return restored, contents


def _send(topic: str, records: list[tuple[int, bytes, bytes | None]]) -> None:
    messages: list[tuple[str, bytes | None, Any, dict[str, Any]]] = [
        (topic, key, value, {"partition": partition}) for partition, key, value in records
    ]
    asyncio.run(_produce(messages))


def test_bulk_restore_applies_the_changelog_in_order_and_then_only_what_is_new(
    names: Names, tmp_path: Path
) -> None:
    settings = _settings(names, tmp_path)
    asyncio.run(ensure_topics(settings))
    topic = changelog_topic_name(settings)
    _send(
        topic,
        [
            (0, b"a", b"1"),
            (0, b"b", b"2"),
            (0, b"a", b"3"),
            (2, b"c", b"4"),
            (2, b"d", b"5"),
            (2, b"c", None),  # a deletion
        ],
    )

    restored, contents = _restore(settings, tmp_path)

    assert restored.records == 6
    assert restored.partitions == {0: (0, 3), 2: (0, 3)}
    assert contents[0] == {b"a": b"3", b"b": b"2", OFFSET_KEY: b"2"}
    assert contents[2] == {b"d": b"5", OFFSET_KEY: b"2"}
    assert 1 not in contents and 3 not in contents  # nothing logged there: nothing opened

    again, unchanged = _restore(settings, tmp_path)
    assert again.records == 0
    assert unchanged == contents

    _send(topic, [(0, b"b", None), (2, b"c", b"6"), (3, b"e", b"7")])
    more, contents = _restore(settings, tmp_path)
    assert more.records == 3
    assert more.partitions == {0: (3, 4), 2: (3, 4), 3: (0, 1)}
    assert contents[0] == {b"a": b"3", OFFSET_KEY: b"3"}
    assert contents[2] == {b"c": b"6", b"d": b"5", OFFSET_KEY: b"3"}
    assert contents[3] == {b"e": b"7", OFFSET_KEY: b"0"}


def test_bulk_restore_of_a_missing_changelog_is_nothing(names: Names, tmp_path: Path) -> None:
    restored, contents = _restore(_settings(names, tmp_path), tmp_path)
    assert restored.records == 0 and contents == {}


def test_restore_in_two_processes_gives_what_one_gives(names: Names, tmp_path: Path) -> None:
    settings = _settings(names, tmp_path)
    asyncio.run(ensure_topics(settings))
    topic = changelog_topic_name(settings)
    records = [(p, b"k%d-%d" % (p, i % 7), b"v%d" % i) for p in range(4) for i in range(40 + p)]
    records += [(1, b"k1-3", None), (3, b"k3-0", None)]
    _send(topic, records)

    one_dir, two_dir = tmp_path / "one", tmp_path / "two"
    one = asyncio.run(restore_table(settings, one_dir, "t", processes=1))
    two = asyncio.run(restore_table(settings, two_dir, "t", processes=2, min_records=0))

    assert one.records == two.records == len(records)
    assert one.partitions == two.partitions == {p: (0, 40 + p + (p in (1, 3))) for p in range(4)}
    options = RocksDBOptions(use_rocksdict=True)
    for p in range(4):
        a, b = options.open(one_dir / f"t-{p}.db"), options.open(two_dir / f"t-{p}.db")
        try:
            assert dict(a.items()) == dict(b.items())
            assert b"k1-3" not in a and b"k3-0" not in a
        finally:
            a.close()
            b.close()
