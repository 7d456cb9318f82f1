from pathlib import Path

import faust

from worker.streaming.kafka import TABLE_NAME
from worker.streaming.restore import OFFSET_KEY, Pending, partition_path, share


def test_bulk_restore_writes_where_and_as_faust_reads(tmp_path: Path) -> None:
    app = faust.App("layout", store="rocksdb://", datadir=str(tmp_path), autodiscover=False)
    table = app.Table(TABLE_NAME, default=None, partitions=4)
    store = table.data
    assert partition_path(Path(app.conf.tabledir), TABLE_NAME, 3) == store.partition_path(3)
    assert store.offset_key == OFFSET_KEY
    assert store.rocksdb_options.use_rocksdict


def test_ranges_are_shared_by_record_count() -> None:
    ranges = [Pending(0, 0, 900), Pending(1, 0, 500), Pending(2, 100, 500), Pending(3, 0, 50)]
    groups = share(ranges, 2)
    assert [[r.partition for r in g] for g in groups] == [[0, 3], [1, 2]]
    assert share(ranges[:1], 2) == [[ranges[0]]]  # no empty group
    assert share([], 2) == []
