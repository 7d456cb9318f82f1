"""The deduplication engine: one :class:`Report` in, one :class:`Mention` (and maybe a new
incident version) out.

All state lives in an :class:`IncidentStore` (Faust tables in production, a dict in tests and
evaluation); the in-memory :class:`MatchIndex` is derived from it and rebuilt by
:meth:`DedupEngine.rebuild`. Time is stream time: the latest publication day seen per region,
never the wall clock, so the same input gives the same records however fast it is replayed.
Reports of one region only ever meet incidents of that region, which is what makes a decision
independent of which partitions an instance happens to serve.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from worker.codec.records import decode_mention, encode
from worker.dedup import minhash
from worker.dedup.blocking import blocking_key
from worker.dedup.config import DedupConfig
from worker.dedup.decide import Repeat, Verdict, decide
from worker.dedup.index import MatchIndex
from worker.dedup.journal import Batch, apply_ops, decode_ops
from worker.dedup.merge import absorb, merge, new_incident, outlet_key, report_time
from worker.dedup.scoring import Match, best_possible, explain, score, with_body
from worker.dedup.shortlist import shortlist
from worker.dedup.stored import (
    ABSORBED,
    INCIDENT,
    JOURNAL,
    MENTION,
    STREAM_DAY,
    SUMMARY,
    IncidentStore,
    StoredIncident,
    article_key,
    compact,
    normalise_url,
    url_key,
)
from worker.dedup.summary import IncidentSummary, actor_names, date_span, summarise
from worker.dedup.vocabulary import distinctive
from worker.domain import Decision, Incident, Mention, MentionRole, Report, SourceRef

# An event is rarely first reported more than this long before it happens (planned protests).
_MAX_LEAD_DAYS = 31


class MemoryStore:
    """A dict-backed :class:`IncidentStore` for the broker-less command, tests and evaluation."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def put(self, key: str, value: bytes) -> None:
        self.data[key] = value

    def delete(self, key: str) -> None:
        self.data.pop(key, None)

    def items(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        return ((k, v) for k, v in self.data.items() if k.startswith(prefix))

    def __len__(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class DedupResult:
    mention: Mention  # always exactly one per Report
    incident: Incident | None  # the new state to publish when it changed (version bumped)
    evicted: tuple[str, ...] = ()  # incident ids that left the match index/state this call
    # Incident ids this report showed to be ``incident`` too: folded into it and deleted. Their
    # sources are now ``incident``'s; consumers should redirect them to ``incident``.
    absorbed: tuple[str, ...] = ()


def incident_id_for(mention_id: str) -> str:
    """Deterministic: the id of an incident is a hash of the mention that created it."""
    return "inc_" + hashlib.blake2b(mention_id.encode("utf-8"), digest_size=10).hexdigest()


def _day(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.date().toordinal()


def expiry_day(incident: Incident, window_days: int, fallback_day: int | None) -> int:
    """The day after which the incident leaves the index: ``window_days`` past its event date.

    The anchor is the event's last day, but never before the incident was first reported: an
    old event reported only now (or an event date the extractor got wrong) is kept for a window
    from its first report, so later reports of it still meet it. Nor is it more than a month
    after the first report (an event date far in the future is a misreading).
    """
    reported = _day(incident.first_reported_at)
    if reported is None:
        reported = fallback_day
    span = date_span(incident.date)
    if span is None:
        anchor = reported if reported is not None else 0
    elif reported is None:
        anchor = span[1]
    else:
        anchor = min(max(span[1], reported), reported + _MAX_LEAD_DAYS)
    return anchor + window_days


class DedupEngine:
    def __init__(self, store: IncidentStore, config: DedupConfig) -> None:
        self._store = store
        self._config = config
        self._index = MatchIndex(
            place_km=config.geo_tolerance_km_place,
            area_km=config.geo_tolerance_km_area,
            date_tolerance_days=config.date_tolerance_days,
            text_bands=config.text_index_bands,
        )
        self._stream_day: dict[str, int] = {}

    @property
    def index(self) -> MatchIndex:
        return self._index

    def stream_day(self, region: str) -> date | None:
        day = self._stream_day.get(region)
        return None if day is None else date.fromordinal(day)

    def rebuild(self) -> None:
        """Derive the in-memory index from the store (after a restart or a rebalance)."""
        self._index = MatchIndex(
            place_km=self._config.geo_tolerance_km_place,
            area_km=self._config.geo_tolerance_km_area,
            date_tolerance_days=self._config.date_tolerance_days,
            text_bands=self._config.text_index_bands,
        )
        self._stream_day = {}
        for _, value in self._store.items(SUMMARY):
            self._index.add(IncidentSummary.decode(value))
        for key, value in self._store.items(STREAM_DAY):
            self._stream_day[key[len(STREAM_DAY) :]] = int(value)

    # -- the decision ---------------------------------------------------------------------

    def handle(self, report: Report) -> DedupResult:
        mention_id = report.mention_id
        replayed = self._store.get(MENTION + mention_id)
        journal = self._store.get(JOURNAL + mention_id)
        if replayed is not None:
            if journal is not None:  # stored in full; only the journal's removal was lost
                self._store.delete(JOURNAL + mention_id)
            return self._replay(decode_mention(replayed))
        if journal is not None:
            return self._finish(mention_id, journal)
        # The report's writes go to the store as one journal record first (see journal.py).
        store = self._store
        batch = Batch(store)
        self._store = batch
        try:
            result = self._decide(report)
        finally:
            self._store = store
        ops = batch.ops()
        store.put(JOURNAL + mention_id, batch.encode())
        apply_ops(store, ops)
        store.delete(JOURNAL + mention_id)
        return result

    def _finish(self, mention_id: str, journal: bytes) -> DedupResult:
        """The writes of a report a crash interrupted: store the rest, as decided then."""
        ops = decode_ops(journal)
        apply_ops(self._store, ops)
        written = dict(ops)
        for key, value in ops:
            if key.startswith(SUMMARY):
                if value is None:
                    self._index.remove(key[len(SUMMARY) :])
                else:
                    self._index.add(IncidentSummary.decode(value))
            elif key.startswith(STREAM_DAY) and value is not None:
                self._stream_day[key[len(STREAM_DAY) :]] = int(value)
        self._store.delete(JOURNAL + mention_id)
        raw_mention = written.get(MENTION + mention_id)
        assert raw_mention is not None, "a journal always ends with its mention"
        mention = decode_mention(raw_mention)
        raw = written.get(INCIDENT + mention.incident_id) if mention.incident_id else None
        folded = written.get(ABSORBED + mention_id)
        return DedupResult(
            mention,
            StoredIncident.decode(raw).incident if raw is not None else None,
            absorbed=tuple(folded.decode("utf-8").split(",")) if folded else (),
        )

    def _decide(self, report: Report) -> DedupResult:
        region = blocking_key(report)
        evicted = self._advance(region, report)
        candidate = report.candidate
        place = candidate.location.name if candidate.location is not None else None
        keywords = minhash.signature(distinctive(candidate.keywords, place))
        summary = self._candidate_summary(report, region, keywords)

        repeat: Repeat | None = None
        known = self._repeated_article(report, region)
        matches: list[Match] = []
        considered: int | None = None
        states: dict[str, StoredIncident] = {}
        if known is not None:
            repeat = Repeat(
                Decision.DUPLICATE_ARTICLE, known, f"the same article was seen before in {known}"
            )
        else:
            nearby = self._index.nearby(summary, _day(report_time(report)))
            considered = len(nearby)
            similarities = minhash.packed_similarities(
                summary.keywords, [other.keywords for other in nearby]
            )
            matches = sorted(
                (
                    score(
                        summary,
                        nearby[i],
                        self._config,
                        jaccard=similarities[i],
                        jaccard_known=True,
                    )
                    for i in shortlist(summary, nearby, similarities, self._config)
                ),
                key=lambda m: (-m.total, m.incident_id),
            )
            matches, repeat = self._second_stage(report, matches, states)
        verdict = decide(candidate, matches, self._config, repeat, nearby=considered)
        return self._apply(
            report,
            region=region,
            verdict=verdict,
            keywords=keywords,
            states=states,
            evicted=evicted,
        )

    def nearby_for(self, report: Report) -> list[IncidentSummary]:
        """The stored incidents a report would be scored against (for benchmarks, debugging)."""
        candidate = report.candidate
        place = candidate.location.name if candidate.location is not None else None
        keywords = minhash.signature(distinctive(candidate.keywords, place))
        summary = self._candidate_summary(report, blocking_key(report), keywords)
        return self._index.nearby(summary, _day(report_time(report)))

    def _candidate_summary(
        self, report: Report, region: str, keywords: tuple[int, ...]
    ) -> IncidentSummary:
        candidate = report.candidate
        return summarise(
            incident_id="",
            region=region,
            event_type=candidate.event_type,
            sub_event_type=candidate.sub_event_type,
            date_value=candidate.date,
            location=candidate.location,
            actors=actor_names(candidate.actors),
            keyword_signature=keywords,
            keyword_count=minhash.cardinality(keywords),
            fatalities=None if candidate.fatalities is None else candidate.fatalities.best,
            injured=None if candidate.injured is None else candidate.injured.best,
            reference_only=candidate.role is MentionRole.REFERENCE,
            expires=0,
            reported=_day(report_time(report)),
        )

    def _in_region(self, incident_id: str | None, region: str) -> str | None:
        """The id when that incident is indexed in ``region``: keys another partition wrote are
        ignored, so a decision never depends on which partitions this instance serves."""
        if incident_id is None:
            return None
        summary = self._index.get(incident_id)
        return incident_id if summary is not None and summary.region == region else None

    def _repeated_article(self, report: Report, region: str) -> str | None:
        index = report.candidate.index
        found = self._store.get(article_key(report.source.article_id, index))
        if found is None:
            key = url_key(report.source.url, index)
            found = None if key is None else self._store.get(key)
        return self._in_region(None if found is None else found.decode("utf-8"), region)

    def _second_stage(
        self, report: Report, matches: list[Match], states: dict[str, StoredIncident]
    ) -> tuple[list[Match], Repeat | None]:
        """Load the best few incidents, compare article bodies (re-scoring), and look for a
        repeat of one of their sources. Returns every match, best first, and the repeat."""
        limit = self._config.syndication_candidates
        floor = min(self._config.merge_threshold, self._config.reference_threshold)
        # Only plausible incidents that body evidence could still lift to a match are loaded.
        top = [
            m
            for m in matches
            if m.veto is None
            and m.total >= self._config.rescore_floor
            and best_possible(m, self._config) >= floor
        ]
        top = top[:limit]
        rescored: dict[str, Match] = {}
        closest: dict[str, tuple[str, float] | None] = {}
        for match in top:
            state = self._load(match.incident_id)
            states[match.incident_id] = state
            found = state.closest_text(report.text_signature, exclude=report.source.article_id)
            closest[match.incident_id] = found
            rescored[match.incident_id] = (
                match if found is None else with_body(match, found[1], self._config)
            )
        ordered = sorted(
            (rescored.get(m.incident_id, m) for m in matches),
            key=lambda m: (-m.total, m.incident_id),
        )
        for match in ordered[: len(top)]:
            if match.incident_id not in rescored:
                continue
            repeat = self._repeat_of(
                report, states[match.incident_id], match, closest[match.incident_id]
            )
            if repeat is not None:
                return ordered, repeat
        return ordered, None

    def _repeat_of(
        self,
        report: Report,
        state: StoredIncident,
        match: Match,
        closest: tuple[str, float] | None,
    ) -> Repeat | None:
        """Whether the article repeats a source of this incident: the same article (another
        candidate of it, or a re-crawl under another id but the same URL) reporting the same
        incident, or a wire copy of a source whose same candidate joined this incident."""
        incident_id = state.incident_id
        source = report.source
        matched = match.total >= self._threshold(report)
        url = normalise_url(source.url) if source.url else None
        sources = state.sources()
        for known_id, known_url, _ in sources:
            same_id = known_id == source.article_id
            same_url = url is not None and known_url is not None and normalise_url(known_url) == url
            if (same_id or same_url) and matched:
                detail = (
                    f"article {known_id} (same {'id' if same_id else 'URL'}) is already "
                    f"a source of {incident_id}: {explain(match.score)}"
                )
                return Repeat(Decision.DUPLICATE_ARTICLE, incident_id, detail, match)
        if closest is None or closest[1] < self._config.syndication_threshold:
            return None
        original_id, similarity = closest
        joined = self._store.get(article_key(original_id, report.candidate.index))
        if not matched and (joined is None or joined.decode("utf-8") != incident_id):
            return None  # the copy's candidate is not the one the original gave this incident
        original = next((SourceRef(a, u, o, None) for a, u, o in sources if a == original_id), None)
        if original is not None and outlet_key(original) == outlet_key(source):
            detail = (
                f"republication of article {original_id} by the same outlet (text {similarity:.2f})"
            )
            return Repeat(Decision.DUPLICATE_ARTICLE, incident_id, detail, match)
        detail = (
            f"wire copy of article {original_id} already in {incident_id} (text similarity "
            f"{similarity:.2f} >= {self._config.syndication_threshold:.2f}); "
            "not an independent source"
        )
        return Repeat(Decision.SYNDICATED, incident_id, detail, match)

    def _threshold(self, report: Report) -> float:
        if report.candidate.role is MentionRole.REFERENCE:
            return self._config.reference_threshold
        return self._config.merge_threshold

    # -- applying it ----------------------------------------------------------------------

    def _replay(self, mention: Mention) -> DedupResult:
        """A report seen before (a redelivery after a crash): its mention again, and the current
        state of its incident, in case the crash came between storing and publishing it. The
        state may be newer than the one first published; the topic keeps the latest either way.
        The incidents it folded in are named again, so their tombstones are re-sent too."""
        incident_id = mention.incident_id
        raw = self._store.get(INCIDENT + incident_id) if incident_id is not None else None
        if raw is None:
            return DedupResult(mention, None)
        folded = self._store.get(ABSORBED + mention.mention_id)
        absorbed = tuple(folded.decode("utf-8").split(",")) if folded else ()
        return DedupResult(mention, StoredIncident.decode(raw).incident, absorbed=absorbed)

    def _load(self, incident_id: str) -> StoredIncident:
        raw = self._store.get(INCIDENT + incident_id)
        if raw is None:
            raise LookupError(f"incident {incident_id} is indexed but not stored")
        return StoredIncident.decode(raw)

    def _apply(
        self,
        report: Report,
        *,
        region: str,
        verdict: Verdict,
        keywords: tuple[int, ...],
        states: dict[str, StoredIncident],
        evicted: tuple[str, ...],
    ) -> DedupResult:
        mention_id = report.mention_id
        candidate = report.candidate
        owned = [MENTION + mention_id, article_key(report.source.article_id, candidate.index)]
        link = url_key(report.source.url, candidate.index)
        if link is not None:
            owned.append(link)

        changed: Incident | None = None
        if verdict.decision in (Decision.DUPLICATE_ARTICLE, Decision.SYNDICATED):
            assert verdict.incident_id is not None
            state = states.get(verdict.incident_id) or self._load(verdict.incident_id)
            self._own(state, owned)
            self._store.put(INCIDENT + state.incident_id, state.encode())
            incident_id, version = state.incident_id, state.version
        else:
            if verdict.decision in (Decision.MERGED, Decision.BACK_REFERENCE):
                assert verdict.incident_id is not None
                state = states.get(verdict.incident_id) or self._load(verdict.incident_id)
                for other in verdict.absorb:
                    self._absorb(
                        state, states.get(other.incident_id) or self._load(other.incident_id)
                    )
                if verdict.absorb:
                    self._own(state, [ABSORBED + mention_id])
                state.incident = merge(
                    state.incident,
                    report,
                    back_reference=verdict.decision is Decision.BACK_REFERENCE,
                )
                state.keywords = minhash.union(state.keywords, keywords)
            else:
                incident_id = incident_id_for(mention_id)
                reference_only = verdict.decision is Decision.REFERENCE_NEW
                state = StoredIncident(
                    incident=new_incident(incident_id, report, reference_only=reference_only),
                    region=region,
                    keywords=keywords,
                )
            if report.text_signature:
                state.remember_text(
                    report.source.article_id,
                    report.text_signature,
                    self._config.max_text_signatures,
                )
            self._own(state, owned)
            incident = changed = state.incident
            incident_id, version = incident.incident_id, incident.version
            summary = self._summary_of(state)
            self._store.put(INCIDENT + incident.incident_id, state.encode())
            self._store.put(SUMMARY + incident.incident_id, summary.encode())
            self._index.add(summary)

        mention = Mention(
            mention_id=mention_id,
            article_id=report.source.article_id,
            decision=verdict.decision,
            reason=verdict.reason,
            incident_id=incident_id,
            incident_version=version,
            candidate_index=candidate.index,
            role=candidate.role,
            score=None if verdict.match is None else verdict.match.score,
            matched_incident_id=(
                incident_id
                if verdict.decision in (Decision.DUPLICATE_ARTICLE, Decision.SYNDICATED)
                else None
            ),
            evidence=candidate.evidence,
            url=report.source.url,
            outlet=report.source.outlet,
            published_at=report.source.published_at,
            source=report.delivery,
            created_at=(
                report.delivery.timestamp
                if report.delivery is not None and report.delivery.timestamp is not None
                else report.source.received_at
            ),
        )
        encoded_id = incident_id.encode("utf-8")
        for key in owned[1:]:
            self._store.put(key, encoded_id)
        absorbed = tuple(m.incident_id for m in verdict.absorb)
        if absorbed:
            self._store.put(ABSORBED + mention_id, ",".join(absorbed).encode("utf-8"))
        # Written last: a replay finds it only once everything else of this report is stored.
        self._store.put(MENTION + mention_id, compact(encode(mention)))
        return DedupResult(mention, changed, evicted, absorbed)

    def _absorb(self, target: StoredIncident, other: StoredIncident) -> None:
        """Fold ``other`` into ``target`` (in memory) and drop it from the store and index."""
        target.incident = absorb(target.incident, other.incident)
        target.keywords = minhash.union(target.keywords, other.keywords)
        for article_id, encoded in other.texts.items():
            target.texts.setdefault(article_id, encoded)
        while len(target.texts) > self._config.max_text_signatures:
            del target.texts[next(iter(target.texts))]
        moved = target.incident_id.encode("utf-8")
        for key in other.owned:
            if not key.startswith((MENTION, ABSORBED)):  # those hold records, not an incident id
                self._store.put(key, moved)
        self._own(target, other.owned)
        other_id = other.incident_id
        self._store.delete(INCIDENT + other_id)
        self._store.delete(SUMMARY + other_id)
        self._index.remove(other_id)

    @staticmethod
    def _own(state: StoredIncident, keys: list[str]) -> None:
        known = set(state.owned)
        state.owned.extend(k for k in keys if k not in known)

    def _summary_of(self, state: StoredIncident) -> IncidentSummary:
        incident = state.incident
        return summarise(
            incident_id=incident.incident_id,
            region=state.region,
            event_type=incident.event_type,
            sub_event_type=incident.sub_event_type,
            date_value=incident.date,
            location=incident.location,
            actors=actor_names(incident.actors),
            keyword_signature=state.keywords,
            keyword_count=minhash.cardinality(state.keywords),
            fatalities=incident.fatalities.best,
            injured=incident.injured.best,
            reference_only=incident.reference_only,
            expires=expiry_day(
                incident, self._config.window_days, self._stream_day.get(state.region)
            ),
            reported=_day(incident.first_reported_at),
        )

    # -- stream time and eviction ---------------------------------------------------------

    def _advance(self, region: str, report: Report) -> tuple[str, ...]:
        """Move the region's stream day to this report's publication day; evict what expired."""
        day = _day(report_time(report))
        current = self._stream_day.get(region)
        if day is None or (current is not None and day <= current):
            return ()
        self._stream_day[region] = day
        self._store.put(STREAM_DAY + region, str(day).encode("ascii"))
        evicted = self._index.expired(region, day)
        for incident_id in evicted:
            self._evict(incident_id)
        return tuple(evicted)

    def _evict(self, incident_id: str) -> None:
        raw = self._store.get(INCIDENT + incident_id)
        if raw is not None:
            for key in StoredIncident.decode(raw).owned:
                self._store.delete(key)
        self._store.delete(INCIDENT + incident_id)
        self._store.delete(SUMMARY + incident_id)
        self._index.remove(incident_id)
