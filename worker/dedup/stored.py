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

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import orjson

from worker.codec.records import incident_from_dict, to_jsonable
from worker.domain import Incident

INCIDENT = "i:"
SUMMARY = "s:"
MENTION = "m:"
ARTICLE = "a:"
URL = "u:"
STREAM_DAY = "t:"

_SIG = np.dtype("<u4")


def compact(value: bytes) -> bytes:
    """An exact-size copy: orjson returns its bytes in a block of at least 4 KiB, which a store
    keeping many small values in memory would pay for every one of them."""
    return memoryview(value).tobytes()


def article_key(article_id: str, index: int) -> str:
    return f"{ARTICLE}{article_id}#{index}"


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


@dataclass(slots=True)
class StoredIncident:
    incident: Incident
    region: str
    keywords: tuple[int, ...]  # MinHash of the union of the merged reports' keywords
    texts: dict[str, str] = field(default_factory=dict)  # article_id -> wire-text signature (hex)
    owned: list[str] = field(default_factory=list)  # store keys deleted with the incident

    def encode(self) -> bytes:
        return compact(
            orjson.dumps(
                {
                    "incident": to_jsonable(self.incident),
                    "region": self.region,
                    "keywords": sig_to_hex(self.keywords),
                    "texts": self.texts,
                    "owned": self.owned,
                }
            )
        )

    @classmethod
    def decode(cls, value: bytes) -> StoredIncident:
        obj: dict[str, Any] = orjson.loads(value)
        return cls(
            incident=incident_from_dict(obj["incident"]),
            region=obj["region"],
            keywords=sig_from_hex(obj.get("keywords") or ""),
            texts=dict(obj.get("texts") or {}),
            owned=list(obj.get("owned") or ()),
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
