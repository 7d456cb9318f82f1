"""What the engine keeps in its :class:`IncidentStore`: keys and compact JSON values.

Keys, one prefix per kind (so a rebuild picks out the summaries without decoding the rest):

- ``i:<incident_id>``  the incident's record: the published :class:`Incident` plus what
  matching needs beyond it (keyword and wire-text signatures, the keys it owns);
- ``s:<incident_id>``  its match summary, a few hundred bytes, read by ``rebuild``;
- ``m:<mention_id>``   the :class:`Mention` a report got, so a replay returns it unchanged;
- ``a:<article_id>#<candidate index>`` and ``u:<url>#<candidate index>``  the incident a
  candidate of an article joined, to recognise a redelivered or re-crawled article;
- ``t:<region>``       the region's stream day (the latest publication day seen).

Every key but ``t:`` belongs to one incident and is deleted with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import urlsplit

import numpy as np
import orjson

from worker.codec.records import incident_from_dict, to_jsonable
from worker.domain import Incident

INCIDENT = "i:"
SUMMARY = "s:"
MENTION = "m:"
JOURNAL = "j:"  # by mention id: a report's writes until they are all stored
ABSORBED = "x:"  # by mention id: the incidents that report folded into its own
ARTICLE = "a:"
URL = "u:"
STREAM_DAY = "t:"


class IncidentStore(Protocol):
    """Durable key-value state; in Faust it is backed by Tables (rocksdb + changelog topics)."""

    def get(self, key: str) -> bytes | None: ...
    def put(self, key: str, value: bytes) -> None: ...
    def delete(self, key: str) -> None: ...
    def items(self, prefix: str = "") -> Iterable[tuple[str, bytes]]:
        """The entries whose key starts with ``prefix``."""
        ...


_SIG = np.dtype("<u4")


def compact(value: bytes) -> bytes:
    """An exact-size copy: orjson returns its bytes in a block of at least 4 KiB, which a store
    keeping many small values in memory would pay for every one of them."""
    return memoryview(value).tobytes()


def article_key(article_id: str, index: int) -> str:
    return f"{ARTICLE}{article_id}#{index}"


@lru_cache(maxsize=65_536)
def normalise_url(url: str) -> str:
    """The same page however it was linked: no scheme, no ``www.``, no fragment or final slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def url_key(url: str | None, index: int) -> str | None:
    if not url:
        return None
    return f"{URL}{normalise_url(url)}#{index}"


def sig_to_hex(sig: tuple[int, ...]) -> str:
    return np.asarray(sig, dtype=np.uint64).astype(_SIG).tobytes().hex() if sig else ""


def sig_from_hex(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in np.frombuffer(bytes.fromhex(value), dtype=_SIG)) if value else ()


class StoredIncident:
    """An incident's stored record. Decoding is lazy: most reads only need the sources' ids
    and body signatures, not the whole :class:`Incident` rebuilt field by field."""

    __slots__ = ("_incident", "_keywords", "_raw", "owned", "region", "texts")

    def __init__(
        self,
        incident: Incident | None,
        region: str,
        keywords: tuple[int, ...] | str,
        *,
        texts: dict[str, str] | None = None,
        owned: list[str] | None = None,
        raw: dict[str, Any] | None = None,
    ) -> None:
        if incident is None and raw is None:
            raise ValueError("a stored incident needs its incident or its raw record")
        self._incident = incident
        self._raw = raw
        self._keywords = keywords  # the signature, or its hex form until first needed
        self.region = region
        self.texts: dict[str, str] = texts if texts is not None else {}  # article_id -> hex
        self.owned: list[str] = owned if owned is not None else []  # keys deleted with it

    @property
    def incident(self) -> Incident:
        if self._incident is None:
            assert self._raw is not None
            self._incident = incident_from_dict(self._raw)
        return self._incident

    @incident.setter
    def incident(self, value: Incident) -> None:
        self._incident = value
        self._raw = None

    @property
    def keywords(self) -> tuple[int, ...]:
        """MinHash of the union of the merged reports' keywords."""
        if isinstance(self._keywords, str):
            self._keywords = sig_from_hex(self._keywords)
        return self._keywords

    @keywords.setter
    def keywords(self, value: tuple[int, ...]) -> None:
        self._keywords = value

    @property
    def incident_id(self) -> str:
        if self._incident is not None:
            return self._incident.incident_id
        assert self._raw is not None
        return str(self._raw["incident_id"])

    @property
    def version(self) -> int:
        if self._incident is not None:
            return self._incident.version
        assert self._raw is not None
        return int(self._raw["version"])

    def sources(self) -> list[tuple[str, str | None, str | None]]:
        """(article_id, url, outlet) of every source, without decoding the whole incident."""
        if self._incident is not None:
            return [(s.article_id, s.url, s.outlet) for s in self._incident.sources]
        assert self._raw is not None
        return [(s["article_id"], s.get("url"), s.get("outlet")) for s in self._raw["sources"]]

    def encode(self) -> bytes:
        incident = self._raw if self._incident is None else to_jsonable(self._incident)
        keywords = self._keywords if isinstance(self._keywords, str) else sig_to_hex(self._keywords)
        return compact(
            orjson.dumps(
                {
                    "incident": incident,
                    "region": self.region,
                    "keywords": keywords,
                    "texts": self.texts,
                    "owned": self.owned,
                }
            )
        )

    @classmethod
    def decode(cls, value: bytes) -> StoredIncident:
        obj: dict[str, Any] = orjson.loads(value)
        return cls(
            incident=None,
            region=obj["region"],
            keywords=obj.get("keywords") or "",
            texts=dict(obj.get("texts") or {}),
            owned=list(obj.get("owned") or ()),
            raw=obj["incident"],
        )

    def closest_text(
        self, text_signature: tuple[int, ...], exclude: str | None = None
    ) -> tuple[str, float] | None:
        """The merged source whose body is most like this one (another article than
        ``exclude``), with the estimated Jaccard."""
        if not text_signature or not self.texts:
            return None
        mine = np.asarray(text_signature, dtype=np.uint64).astype(_SIG)
        best: tuple[str, float] | None = None
        for article_id, encoded in sorted(self.texts.items()):
            theirs = np.frombuffer(bytes.fromhex(encoded), dtype=_SIG)
            if theirs.size != mine.size or article_id == exclude:
                continue
            similarity = int(np.count_nonzero(theirs == mine)) / mine.size
            if best is None or similarity > best[1]:
                best = (article_id, similarity)
        return best

    def remember_text(self, article_id: str, text_signature: tuple[int, ...], limit: int) -> None:
        """Keep a source's body signature; past ``limit`` the oldest go (bounded record size)."""
        if not text_signature:
            return
        self.texts[article_id] = sig_to_hex(text_signature)
        while len(self.texts) > limit:
            del self.texts[next(iter(self.texts))]
