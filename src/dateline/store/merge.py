"""Merging reports into events: one record per real-world event, with all its sources.

Different outlets (and the same outlet on different days) report one incident with different
words, dates, places and tolls. :func:`match` decides whether two coded report-events describe
the same incident, :func:`combine` builds the one record, and :class:`EventMerger` clusters
report-events incrementally as they arrive, remembering the splits an analyst makes.

How :func:`match` decides, in two steps:

1. **Blocking** (any failure returns ``None``): different countries; dates further apart than
   the window (1 day when both dates are to the day, otherwise 3 days, widened by each
   date's precision: a week-precise date by 7 days, a month-precise date by 31 days); places
   too far apart for their precision (20 km when both are towns, 50 km when one is near a
   town or an admin2 unit, and for region-level places the same admin1); sub-event types
   that the compatibility table (``data/merge/compatible.yaml``) does not allow together.
2. **Scoring**: five pieces of evidence, each in 0..1, combined as a weighted geometric mean
   (so one strong disagreement, e.g. a day apart, pulls the score down however well the rest
   agrees): date (0.25), place (0.30), type (0.15), actors (0.20), counts (0.10). A generic
   actor ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)") is weak evidence,
   state forces are medium, a named group is strong; two different named groups count
   against the merge. Every piece leaves a plain-language reason.

Reports whose score reaches :data:`MERGE_THRESHOLD` are merged. The threshold and weights were
set from these principles before the merge test corpus (``data/merge/reports.jsonl``) was
scored, and are not tuned to its reports.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from dateline.events.lexicon import load_data_yaml
from dateline.events.notes import write_notes
from dateline.geo.distance import haversine_km
from dateline.geo.names import normalize
from dateline.model import Claim, Event
from dateline.sources.corroboration import assess

__all__ = [
    "MERGE_THRESHOLD",
    "EventMerger",
    "MergeMatch",
    "TypeTable",
    "combine",
    "haversine_km",
    "match",
]

log = logging.getLogger(__name__)

#: Reports scoring at least this much are one event.
MERGE_THRESHOLD = 0.6

#: Weights of the evidence in the geometric mean.
WEIGHTS: dict[str, float] = {"date": 0.25, "place": 0.30, "type": 0.15, "actors": 0.20, "counts": 0.10}

#: Days two report dates may lie apart: both dated to the day, otherwise.
DAY_WINDOW_EXACT = 1
DAY_WINDOW = 3
#: Extra days of uncertainty of a date by its time_precision (1 day, 2 week, 3 month).
PRECISION_SLACK = {1: 0, 2: 7, 3: 31}
#: Largest distance (km) between two places of these geo precisions (the coarser one decides).
RADIUS_KM = {1: 20.0, 2: 50.0}

_FLOOR = 0.02  # no piece of evidence scores exactly 0 (log of the geometric mean)

_GENERIC_RE = re.compile(r"^(Unidentified|Civilians|Protesters|Rioters|Prisoners|Refugees/IDPs)\b")
_STATE_RE = re.compile(r"^(Military Forces of|Police Forces of|Government of)\b")


@dataclass(frozen=True, slots=True)
class MergeMatch:
    """Why two report-events are (or may be) one event: a score in 0..1 and plain reasons."""

    score: float
    reasons: list[str] = field(default_factory=list)
    parts: dict[str, float] = field(default_factory=dict)  # the evidence scores behind ``score``

    def summary(self) -> str:
        return f"score {self.score:.2f}: " + "; ".join(self.reasons)


# ----------------------------------------------------------------------------------------------
# compatibility of sub-event types (data/merge/compatible.yaml)


@dataclass(frozen=True)
class TypeTable:
    """Sub-event type pairs two reports of one incident may carry, with their weight."""

    weights: Mapping[frozenset[str], float]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TypeTable:
        weights: dict[frozenset[str], float] = {}
        for fam in data.get("families") or []:
            w = float(fam["weight"])
            types = list(fam["types"])
            for i, a in enumerate(types):
                for b in types[i + 1 :]:
                    key = frozenset((a, b))
                    weights[key] = max(w, weights.get(key, 0.0))
        for a, b, w in data.get("pairs") or []:
            key = frozenset((a, b))
            weights[key] = max(float(w), weights.get(key, 0.0))
        return cls(weights)

    def weight(self, a: str | None, b: str | None) -> float | None:
        """1.0 for the same type, the table's weight for a compatible pair, None otherwise."""
        if not a or not b:
            return None
        if a == b:
            return 1.0
        return self.weights.get(frozenset((a, b)))


@lru_cache(maxsize=1)
def default_type_table() -> TypeTable:
    return TypeTable.from_data(load_data_yaml("merge", "compatible.yaml"))


# ----------------------------------------------------------------------------------------------
# evidence


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _interval(e: Event) -> tuple[date, date, int] | None:
    start = _day(e.event_date)
    if start is None:
        return None
    end = _day(e.date_end) or start
    prec = e.time_precision or 1
    if e.date_flag and prec == 1:
        prec = 2  # a fallback date is never as good as a date read from the text
    if end == start:
        slack = PRECISION_SLACK.get(prec, 31)
        return start, start, slack
    return start, end, 0


def _date_evidence(a: Event, b: Event) -> tuple[float, str] | None:
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return 0.5, "date unknown in one report"
    (sa, ea, ka), (sb, eb, kb) = ia, ib
    gap = max(0, (max(sa, sb) - min(ea, eb)).days)
    exact = ka == 0 and kb == 0 and sa == ea and sb == eb
    window = DAY_WINDOW_EXACT if exact else DAY_WINDOW + max(ka, kb)
    if gap > window:
        return None
    if exact:
        if gap == 0:
            return 1.0, f"same day ({sa.isoformat()})"
        return 0.15, f"{gap} day apart ({min(sa, sb).isoformat()} and {max(sa, sb).isoformat()})"
    if gap == 0 or gap <= max(ka, kb):
        return 0.75, "dates agree within their precision"
    return 0.4, f"{gap} days apart, within the window of a less precise date"


def _name(s: str | None) -> str:
    return normalize(s) if s else ""


def _country(e: Event) -> str:
    return (e.iso2 or (str(e.iso) if e.iso else "") or e.country or "").casefold()


def _prec(e: Event) -> int:
    if e.latitude is None and not e.location and not e.admin1:
        return 4  # country only
    return e.geo_precision or 3


def _place_evidence(a: Event, b: Event) -> tuple[float, str] | None:
    ca, cb = _country(a), _country(b)
    if ca and cb and ca != cb:
        return None
    if not ca or not cb:
        return 0.3, "country unknown in one report"
    pa, pb = _prec(a), _prec(b)
    coarse = max(pa, pb)
    same_geoname = a.geonameid is not None and a.geonameid == b.geonameid
    same_name = bool(a.location) and _name(a.location) == _name(b.location)
    adm1a, adm1b = _name(a.admin1), _name(b.admin1)
    adm2a, adm2b = _name(a.admin2), _name(b.admin2)
    same_adm1 = bool(adm1a) and adm1a == adm1b
    diff_adm1 = bool(adm1a and adm1b) and adm1a != adm1b
    same_adm2 = bool(adm2a) and adm2a == adm2b
    dist = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        dist = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    where = f"same admin2 {b.admin2}" if same_adm2 else (f"same admin1 {b.admin1}" if same_adm1 else "")
    km = f"{dist:.0f} km apart" if dist is not None else ""
    detail = ", ".join(x for x in (km, where) if x)
    far = coarse <= 2 and dist is not None and dist > RADIUS_KM[coarse]  # two towns of one name
    if same_geoname or (same_name and not diff_adm1 and not far):
        return 1.0, f"same place: {b.location}" + (f" ({detail})" if detail else "")
    if coarse >= 3:
        # a region (or country) and anything inside it: compatible, weak evidence
        if diff_adm1 and (dist is None or dist > RADIUS_KM[1]):
            return None
        if coarse >= 4 or not (adm1a and adm1b):
            return 0.4, f"same country {b.country or a.country}, one place known only at country level"
        return 0.6, f"same admin1 {b.admin1}, one place known only at region level"
    radius = RADIUS_KM[coarse]
    if dist is None:
        if diff_adm1:
            return None
        if same_adm2:
            return 0.6, f"same admin2 {b.admin2}"
        return (0.4, f"same admin1 {b.admin1}") if same_adm1 else (0.3, "places not comparable")
    if dist > radius or (diff_adm1 and dist > 10.0):
        return None
    if coarse == 1:
        # two different towns: only a neighbourhood and its city, or neighbours, come this close
        return 0.3 * (1.0 - dist / radius) + 0.05, f"different places {a.location} and {b.location}, {detail}"
    score = (0.8 if same_adm2 else 0.7) * (1.0 - dist / radius) + 0.15
    return score, detail


def _split(s: str | None) -> list[str]:
    return [p.strip() for p in (s or "").split(";") if p.strip()]


def _actor_kind(name: str) -> str:
    if _GENERIC_RE.match(name):
        return "generic"
    if _STATE_RE.match(name):
        return "state"
    return "named"


def _actors(e: Event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"named": set(), "state": set(), "generic": set()}
    for name in [e.actor1 or "", *_split(e.assoc_actor_1), e.actor2 or "", *_split(e.assoc_actor_2)]:
        if name:
            out[_actor_kind(name)].add(name)
    return out


_COUNTRY_OF_RE = re.compile(
    r"^(?P<kind>(?:Military|Police) Forces of|Government of) (?P<country>[^()]+)$"
    r"|^(?P<kind2>.+?) \((?P<country2>[^()]+)\)$"
)


def _generic_key(name: str) -> tuple[str, str] | None:
    """("Civilians", "Nigeria") for "Civilians (Nigeria)", ("Military Forces of", "Mali") for
    "Military Forces of Mali": a generic or state actor's kind and country."""
    m = _COUNTRY_OF_RE.match(name)
    if not m:
        return None
    return (m["kind"] or m["kind2"], m["country"] or m["country2"])


def _shared(xs: set[str], ys: set[str]) -> set[str]:
    """Actors of ``xs`` also in ``ys``; a generic or state actor whose country the pipeline could
    not tell ("Civilians (Unknown)") is the same as one of that kind with a known country."""
    out = xs & ys
    for x in xs - out:
        kx = _generic_key(x)
        if kx is None:
            continue
        for y in ys:
            ky = _generic_key(y)
            if ky is not None and kx[0] == ky[0] and "Unknown" in (kx[1], ky[1]):
                out.add(y if kx[1] == "Unknown" else x)
    return out


def _actor_evidence(a: Event, b: Event) -> tuple[float, str]:
    xa, xb = _actors(a), _actors(b)
    named = xa["named"] & xb["named"]
    if named:
        return 1.0, "actors overlap: " + ", ".join(sorted(named))
    state = _shared(xa["state"], xb["state"])
    if xa["named"] and xb["named"]:
        # reports often disagree on who did it; different named groups still count against
        score = 0.35 if state else 0.15
        names_a, names_b = ", ".join(sorted(xa["named"])), ", ".join(sorted(xb["named"]))
        return score, f"different named actors: {names_a} / {names_b}"
    if state:
        return 0.75, "actors overlap: " + ", ".join(sorted(state))
    generic = _shared(xa["generic"], xb["generic"])
    if generic:
        return 0.6, "only generic actors shared (weak evidence): " + ", ".join(sorted(generic))
    if not any(xa.values()) or not any(xb.values()):
        return 0.5, "actors unknown in one report"
    return 0.45, "no actor in common"


def _counts_evidence(a: Event, b: Event) -> tuple[float, str]:
    fa, fb = a.fatalities or 0, b.fatalities or 0
    if fa == 0 and fb == 0:
        return 0.8, "no deaths reported in either"
    if fa == 0 or fb == 0:
        return 0.7, f"deaths reported in one only ({max(fa, fb)})"
    lo_a, hi_a = a.fatalities_low or fa, max(a.fatalities_high or fa, fa)
    lo_b, hi_b = b.fatalities_low or fb, max(b.fatalities_high or fb, fb)
    if fa == fb:
        return 1.0, f"same death toll ({fa})"
    if lo_a <= hi_b and lo_b <= hi_a:
        return 0.9, f"death tolls {fa} and {fb}, ranges overlap"
    ratio = min(fa, fb) / max(fa, fb)
    return max(0.2, math.sqrt(ratio)), f"death tolls {fa} and {fb}"


def match(a: Event, b: Event, types: TypeTable | None = None) -> MergeMatch | None:
    """Whether report-events ``a`` and ``b`` may be one event: None when they are incompatible
    (blocked on country, date window, place or type), else a score in 0..1 with the reasons."""
    table = types or default_type_table()
    tw = table.weight(a.sub_event_type, b.sub_event_type)
    if tw is None:
        return None
    date_ev = _date_evidence(a, b)
    if date_ev is None:
        return None
    place_ev = _place_evidence(a, b)
    if place_ev is None:
        return None
    if tw == 1.0:
        type_reason = f"both {a.sub_event_type}"
    else:
        type_reason = f"{a.sub_event_type} and {b.sub_event_type} are compatible types"
    parts = {
        "date": date_ev[0],
        "place": place_ev[0],
        "type": tw,
        "actors": _actor_evidence(a, b)[0],
        "counts": _counts_evidence(a, b)[0],
    }
    reasons = [date_ev[1], place_ev[1], type_reason, _actor_evidence(a, b)[1], _counts_evidence(a, b)[1]]
    log_score = sum(WEIGHTS[k] * math.log(max(_FLOOR, min(1.0, v))) for k, v in parts.items())
    score = round(math.exp(log_score), 4)
    return MergeMatch(score=score, reasons=[r for r in reasons if r], parts=parts)


# ----------------------------------------------------------------------------------------------
# combining reports into one record

_DATE_FIELDS = ("event_date", "time_precision", "date_end", "date_flag")
_PLACE_FIELDS = (
    "iso",
    "iso2",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "where_prec",
    "location_confidence",
)
_TYPE_FIELDS = ("disorder_type", "event_type", "sub_event_type", "civilian_targeting")
_SIDE1 = ("actor1", "assoc_actor_1", "inter1")
_SIDE2 = ("actor2", "assoc_actor_2", "inter2")


def _date_rank(e: Event) -> tuple[int, int, int]:
    span = 0
    start, end = _day(e.event_date), _day(e.date_end)
    if start and end:
        span = (end - start).days
    return (e.time_precision or 9 if e.event_date else 99, 1 if e.date_flag else 0, span)


def _place_rank(e: Event) -> tuple[int, int, int]:
    return (_prec(e), 0 if e.geonameid is not None else 1, 0 if e.latitude is not None else 1)


def _copy(dst: Event, src: Event, names: Iterable[str], sources: dict[str, str]) -> None:
    for name in names:
        if hasattr(dst, name) and hasattr(src, name):
            setattr(dst, name, getattr(src, name))
            sources[name] = src.article_id
            spans = src.evidence.get(name)
            if spans:
                dst.evidence[name] = list(spans)
            else:
                dst.evidence.pop(name, None)


def _min_known(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v]
    return min(known) if known else None


def _merge_scale(scales: Iterable[str | None]) -> str | None:
    out: list[str] = []
    for s in scales:
        for part in (s or "").split("-"):
            if part and part not in out:
                out.append(part)
    return "-".join(out) or None


def combine(
    events: Sequence[Event],
    reasons: Mapping[str, MergeMatch | None] | None = None,
    types: TypeTable | None = None,
) -> Event:
    """One record for reports of one event.

    - date: from the report with the best time precision (a date read from the text beats a
      publication-date fallback); place: from the report with the best geo precision;
    - type: the sub-event type most reports give (ties: the most confident report); actors from
      that report, a generic actor replaced by a named one another report gives for that side;
    - counts: the most conservative credible figures, as ACLED codes them: ``fatalities`` is the
      lowest non-zero toll any report gives, ``fatalities_low`` the lowest low, and
      ``fatalities_high`` the highest figure any report gives (the others kept beside);
      injuries and arrests the lowest reported;
    - claims, people, mentions and sources: the union; corroboration re-assessed on all claims;
      notes rewritten; ``article_ids`` every report; ``field_sources`` which report each field
      (and the evidence spans kept for it) came from; ``merge_reasons`` why each report joined
      (from ``reasons``, keyed by article_id, or else from :func:`match` against the earlier ones).

    The first event gives ``article_id``. One event is returned as it is (a copy).
    """
    if not events:
        raise ValueError("nothing to combine")
    members = list(events)
    first = members[0]
    out = Event.from_dict(first.to_dict())
    if len(members) == 1:
        return out
    table = types or default_type_table()
    sources: dict[str, str] = dict(first.field_sources)

    _copy(out, min(members, key=_date_rank), _DATE_FIELDS, sources)
    _copy(out, min(members, key=_place_rank), _PLACE_FIELDS, sources)

    votes = Counter(e.sub_event_type for e in members if e.sub_event_type)
    top = max(votes.values()) if votes else 0
    lead = max(
        (e for e in members if votes.get(e.sub_event_type, 0) == top),
        key=lambda e: e.confidence,
        default=first,
    )
    _copy(out, lead, _TYPE_FIELDS, sources)
    for side, actor_field in ((_SIDE1, "actor1"), (_SIDE2, "actor2")):
        src = lead
        if not lead_named(lead, actor_field):
            src = next(
                (
                    e
                    for e in members
                    if lead_named(e, actor_field) and table.weight(e.sub_event_type, lead.sub_event_type)
                ),
                lead,
            )
        _copy(out, src, side, sources)
    if out.inter1 is not None:
        pair = sorted(x for x in (out.inter1, out.inter2 or 0))
        out.interaction = int(f"{pair[0]}{pair[1]}") if out.inter2 else int(f"{out.inter1}0")

    fats = [e.fatalities for e in members if e.fatalities]
    out.fatalities = min(fats) if fats else 0
    out.fatalities_low = _min_known([e.fatalities_low or e.fatalities for e in members])
    highs = [max(e.fatalities_high or 0, e.fatalities or 0) for e in members]
    out.fatalities_high = max(highs) if any(highs) and max(highs) != out.fatalities else None
    out.injuries = _min_known(e.injuries for e in members)
    out.arrests = _min_known(e.arrests for e in members)
    out.arrests_low = _min_known(e.arrests_low for e in members)
    for name, value in (("fatalities", out.fatalities), ("injuries", out.injuries), ("arrests", out.arrests)):
        src = next((e for e in members if value and getattr(e, name) == value), None)
        if src is not None:
            sources[name] = src.article_id
            out.evidence[name] = list(src.evidence.get(name, []))

    out.claims = _union_claims(members)
    out.people = _union(members, lambda e: e.people, lambda p: (p.get("name"), p.get("role")))
    out.mentions = _union(members, lambda e: e.mentions, lambda s: (s.start, s.end, s.text))
    out.source = "; ".join(_ordered(p for e in members for p in _split(e.source))) or None
    out.source_scale = _merge_scale(e.source_scale for e in members)
    out.is_background = all(e.is_background for e in members)
    out.confidence = max(e.confidence for e in members)
    out.article_ids = _ordered(a for e in members for a in e.article_ids)
    out.field_sources = sources
    out.merge_reasons = _reasons(members, reasons or {}, table)
    assess(out)
    if len({*out.article_ids}) > 1:
        out.corroboration_reasons.append(f"reported in {len(out.article_ids)} reports")
    out.notes = write_notes(out)
    return out


def lead_named(e: Event, actor_field: str) -> bool:
    name = getattr(e, actor_field)
    return bool(name) and _actor_kind(name) != "generic"


def _ordered(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def _union(members: Sequence[Event], get: Any, key: Any) -> list[Any]:
    seen: set[Any] = set()
    out: list[Any] = []
    for e in members:
        for x in get(e):
            k = key(x)
            if k not in seen:
                seen.add(k)
                out.append(x)
    return out


def _union_claims(members: Sequence[Event]) -> list[Claim]:
    claims: list[Claim] = _union(members, lambda e: e.claims, lambda c: (c.speaker, c.stance, c.span.text))
    return [replace(c, fields=list(c.fields)) for c in claims]  # assess() may retype the copies


def _reasons(members: Sequence[Event], given: Mapping[str, MergeMatch | None], table: TypeTable) -> list[str]:
    out: list[str] = []
    for e in members:
        out.extend(r for r in e.merge_reasons if r not in out)
    for i, e in enumerate(members[1:], start=1):
        m = given.get(e.article_id)
        if m is None:
            scored = [(x, match(x, e, table)) for x in members[:i]]
            scored = [(x, y) for x, y in scored if y is not None]
            if scored:
                _, m = max(scored, key=lambda t: t[1].score)  # type: ignore[union-attr]
        line = f"{e.article_id}: " + (m.summary() if m is not None else "merged by hand")
        if line not in out:
            out.append(line)
    return out


# ----------------------------------------------------------------------------------------------
# incremental clustering


@dataclass
class _Member:
    key: str
    event: Event
    joined: MergeMatch | None = None  # why it joined its cluster (None: it started it)


class EventMerger:
    """Report-events clustered into events as they arrive (in memory).

    ``add`` compares a new report-event with every cluster: a cluster is a candidate when none
    of its members is incompatible with the new one (no chaining of look-alikes through a
    middle report) and none was split apart from it; the new one joins the candidate whose best
    member scores highest, at or above the threshold, else it starts a new cluster.
    ``split`` takes a report out of its cluster and remembers never to put it back with those
    reports. Re-adding a key replaces its event (a re-run of the feed is safe).
    """

    def __init__(self, threshold: float = MERGE_THRESHOLD, types: TypeTable | None = None) -> None:
        self.threshold = threshold
        self.types = types or default_type_table()
        self._clusters: dict[str, list[_Member]] = {}
        self._where: dict[str, str] = {}
        self._apart: set[frozenset[str]] = set()
        self._next = 0

    def _new_id(self) -> str:
        self._next += 1
        return f"ev{self._next}"

    def add(self, key: str, event: Event) -> tuple[str, MergeMatch | None]:
        """Put a report-event in a cluster; returns the cluster id and why it joined (None: new)."""
        if key in self._where:
            self.remove(key)
        best: tuple[float, str, MergeMatch] | None = None
        for cid, members in self._clusters.items():
            if any(frozenset((key, m.key)) in self._apart for m in members):
                continue
            scored = [match(m.event, event, self.types) for m in members]
            if any(s is None for s in scored):
                continue
            top = max((s for s in scored if s is not None), key=lambda s: s.score)
            if top.score >= self.threshold and (best is None or top.score > best[0]):
                best = (top.score, cid, top)
        if best is None:
            cid = self._new_id()
            self._clusters[cid] = [_Member(key, event)]
            self._where[key] = cid
            return cid, None
        _, cid, why = best
        self._clusters[cid].append(_Member(key, event, why))
        self._where[key] = cid
        return cid, why

    def remove(self, key: str) -> None:
        cid = self._where.pop(key)
        members = [m for m in self._clusters[cid] if m.key != key]
        if members:
            self._clusters[cid] = members
        else:
            del self._clusters[cid]

    def split(self, key: str) -> str:
        """Make ``key`` its own cluster and never merge it back with its former cluster-mates."""
        cid = self._where[key]
        members = self._clusters[cid]
        if len(members) == 1:
            return cid
        member = next(m for m in members if m.key == key)
        for m in members:
            if m.key != key:
                self._apart.add(frozenset((key, m.key)))
        self.remove(key)
        new = self._new_id()
        self._clusters[new] = [_Member(key, member.event)]
        self._where[key] = new
        return new

    def apart(self, a: str, b: str) -> bool:
        """Whether an analyst split ``a`` and ``b`` apart."""
        return frozenset((a, b)) in self._apart

    def cluster_of(self, key: str) -> str:
        return self._where[key]

    def clusters(self) -> dict[str, list[str]]:
        """Cluster id → keys of its report-events, in the order they joined."""
        return {cid: [m.key for m in members] for cid, members in self._clusters.items()}

    def members(self, cid: str) -> list[Event]:
        return [m.event for m in self._clusters[cid]]

    def event(self, cid: str) -> Event:
        """The combined record of a cluster, with the reasons each report joined."""
        members = self._clusters[cid]
        reasons = {m.event.article_id: m.joined for m in members[1:] if m.joined is not None}
        return combine([m.event for m in members], reasons=reasons, types=self.types)

    def events(self) -> list[Event]:
        return [self.event(cid) for cid in self._clusters]
