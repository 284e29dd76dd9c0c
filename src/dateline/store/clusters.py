"""Merged events in the database: incremental clustering of report-events with SQL blocking.

The rule is :class:`dateline.store.merge.EventMerger`'s, applied to what SQL finds instead of
everything in memory: the candidate merged events are those with a report-event whose date
interval (widened by its precision) comes within the merge window of the new one's, in the same
country; a candidate qualifies when :func:`~dateline.store.merge.match` finds none of its
report-events incompatible with the new one and an analyst split none of them from it; the new
report-event joins the one whose best member scores highest (at least the threshold), or founds a
new merged event. Two events of one article may merge too: the article's own coding sometimes
splits one incident in two, and other reports of it join them up again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from dateline.model import Event
from dateline.store import event_ids, merge
from dateline.store.schema import cannot_link, clusters, events, members

#: Days of uncertainty a date carries by its time precision (1 day, 2 week, 3 month), at least as
#: wide as the merge rule's, so that SQL blocking never drops a pair ``match`` would accept.
PRECISION_SLACK: dict[int, int] = {1: 0, **{p: max(d, 7) for p, d in merge.PRECISION_SLACK.items() if p > 1}}
#: Days two date intervals may lie apart before the precision slack (the merge rule's window).
BLOCK_DAYS = max(merge.DAY_WINDOW, merge.DAY_WINDOW_EXACT)


@dataclass(frozen=True)
class Matcher:
    """The merge rule the store applies: ``match``'s threshold and the type table."""

    threshold: float = merge.MERGE_THRESHOLD
    types: merge.TypeTable | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a report-event went: the merged event it joined or founded, and why."""

    key: str
    cluster_id: int
    score: float | None = None  # None: it founded a new merged event
    matched_key: str | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def merged(self) -> bool:
        return self.score is not None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the ends of the calendar (``date.min``, ``date.max``).

    A report may carry any date a reader lets through (``0001-01-01``, ``9999-12-31``): widening
    its interval for blocking must not raise ``OverflowError`` and stop the ingest at that article
    on every run. Held at the edge, the interval is as wide as it can be, so SQL blocking still
    keeps every pair :func:`~dateline.store.merge.match` would accept (it compares day gaps,
    which never overflow)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def date_interval(ev: Event) -> tuple[date | None, date | None]:
    """The event's dates widened by their uncertainty: ``(lo, hi)`` for SQL blocking."""
    start = _day(ev.event_date)
    if start is None:
        return None, None
    end = max(_day(ev.date_end) or start, start)
    prec = ev.time_precision or 1
    slack = PRECISION_SLACK.get(prec, max(PRECISION_SLACK.values()))
    if ev.date_flag:
        slack = max(slack, PRECISION_SLACK.get(2, 7))  # a fallback date is never exact
    return shift(start, -slack), shift(end, slack)


def indexed_columns(ev: Event) -> dict[str, Any]:
    """The columns stored beside an event's JSON record, for filtering and blocking."""
    lo, hi = date_interval(ev)
    return {
        "event_date": _day(ev.event_date),
        "date_end": _day(ev.date_end),
        "date_lo": lo,
        "date_hi": hi,
        "time_precision": ev.time_precision,
        "iso": ev.iso,
        "country": ev.country,
        "admin1": ev.admin1,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "fatalities": ev.fatalities or 0,
        "is_background": bool(ev.is_background),
    }


def _cluster_columns(ev: Event, n_reports: int) -> dict[str, Any]:
    cols = indexed_columns(ev)
    for name in ("date_end", "date_lo", "date_hi"):
        cols.pop(name)
    cols["n_reports"] = n_reports
    cols["n_articles"] = len(set(ev.article_ids))
    cols["record"] = ev.to_dict()
    cols["updated_at"] = event_ids.now()
    return cols


def place(conn: sa.Connection, matcher: Matcher, event_id: int, key: str, ev: Event) -> Placement:
    """Put a stored report-event into the merged event it belongs to, or found a new one."""
    best: tuple[float, int, str, merge.MergeMatch] | None = None
    for cluster_id, cluster_members in _candidates(conn, key, ev, matcher.types):
        scored = [(k, merge.match(m, ev, matcher.types)) for k, m in cluster_members]
        if any(s is None for _, s in scored):
            continue  # one incompatible report keeps look-alikes from chaining through another
        top_key, top = max(((k, s) for k, s in scored if s is not None), key=lambda t: t[1].score)
        if top.score >= matcher.threshold and (best is None or top.score > best[0]):
            best = (top.score, cluster_id, top_key, top)
    if best is None:
        cluster_id = found(conn, matcher, event_id, [])
        return Placement(key, cluster_id)
    score, cluster_id, matched_key, why = best
    conn.execute(
        members.insert(),
        {
            "event_id": event_id,
            "cluster_id": cluster_id,
            "score": score,
            "matched_key": matched_key,
            "reasons": why.reasons,
        },
    )
    conn.execute(events.update().where(events.c.id == event_id), {"cluster_id": cluster_id})
    refresh(conn, matcher, cluster_id)
    return Placement(key, cluster_id, score, matched_key, list(why.reasons))


def _candidates(
    conn: sa.Connection, key: str, ev: Event, types: merge.TypeTable | None
) -> list[tuple[int, list[tuple[str, Event]]]]:
    """Merged events the new report-event may join, each with all its report-events, oldest first."""
    lo, hi = date_interval(ev)
    if lo is None or hi is None:
        return []
    q = sa.select(events.c.cluster_id, events.c.sub_event_type).where(
        events.c.cluster_id.is_not(None),
        events.c.date_lo <= shift(hi, BLOCK_DAYS),
        events.c.date_hi >= shift(lo, -BLOCK_DAYS),
    )
    if ev.iso is not None:
        q = q.where(sa.or_(events.c.iso == ev.iso, events.c.iso.is_(None)))
    # a merged event with a report of an incompatible type is out before any record is read
    table = types or merge.default_type_table()
    ids: set[int] = set()
    incompatible: set[int] = set()
    for cluster_id, sub_event_type in conn.execute(q.distinct()):
        compatible = table.weight(sub_event_type, ev.sub_event_type) is not None
        (ids if compatible else incompatible).add(cluster_id)
    ids -= incompatible
    if not ids:
        return []
    # never what an analyst split apart
    apart = [r.key_b for r in conn.execute(sa.select(cannot_link.c.key_b).where(cannot_link.c.key_a == key))]
    apart += [r.key_a for r in conn.execute(sa.select(cannot_link.c.key_a).where(cannot_link.c.key_b == key))]
    if apart:
        ids -= set(conn.execute(sa.select(events.c.cluster_id).where(events.c.key.in_(apart))).scalars())
    out: dict[int, list[tuple[str, Event]]] = {i: [] for i in sorted(ids)}
    if not out:
        return []
    rows = conn.execute(
        sa.select(events.c.cluster_id, events.c.key, events.c.record)
        .where(events.c.cluster_id.in_(list(out)))
        .order_by(events.c.id)
    )
    for cluster_id, k, record in rows:
        out[cluster_id].append((k, Event.from_dict(record)))
    return [(cid, ms) for cid, ms in out.items() if ms]


def found(conn: sa.Connection, matcher: Matcher, event_id: int, reasons: list[str]) -> int:
    """A new merged event holding one stored report-event; returns its id."""
    record = conn.execute(sa.select(events.c.record).where(events.c.id == event_id)).scalar_one()
    ev = merge.combine([Event.from_dict(record)], types=matcher.types)
    cluster_id = conn.execute(clusters.insert(), _cluster_columns(ev, 1)).inserted_primary_key[0]
    event_ids.assign(conn, int(cluster_id), ev.iso)
    conn.execute(
        members.insert(),
        {
            "event_id": event_id,
            "cluster_id": cluster_id,
            "score": None,
            "matched_key": None,
            "reasons": reasons,
        },
    )
    conn.execute(events.update().where(events.c.id == event_id), {"cluster_id": cluster_id})
    return int(cluster_id)


def refresh(conn: sa.Connection, matcher: Matcher, cluster_id: int) -> None:
    """Rebuild a merged event's record from its report-events (delete it when none is left)."""
    rows = conn.execute(
        sa.select(events.c.record, members.c.score, members.c.reasons)
        .join(members, members.c.event_id == events.c.id)
        .where(members.c.cluster_id == cluster_id)
        .order_by(events.c.id)
    ).all()
    if not rows:
        conn.execute(events.update().where(events.c.cluster_id == cluster_id).values(cluster_id=None))
        conn.execute(clusters.delete().where(clusters.c.id == cluster_id))
        return
    evs = [Event.from_dict(r.record) for r in rows]
    reasons = {
        ev.article_id: merge.MergeMatch(score=r.score, reasons=list(r.reasons))
        for ev, r in zip(evs[1:], rows[1:], strict=True)
        if r.score is not None
    }
    combined = merge.combine(evs, reasons=reasons, types=matcher.types)
    conn.execute(clusters.update().where(clusters.c.id == cluster_id), _cluster_columns(combined, len(evs)))
    event_ids.fill_country(conn, cluster_id, combined.iso)


def keys_of(conn: sa.Connection, cluster_id: int) -> Sequence[str]:
    return conn.execute(sa.select(events.c.key).where(events.c.cluster_id == cluster_id)).scalars().all()
