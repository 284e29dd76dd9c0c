"""The data model: one module holding every record that flows through the pipeline.

Text becomes an :class:`Article`; stages find :class:`Mention` objects in it; the
assembler merges mentions into :class:`Event` records, which carry ACLED's own
field names plus dateline's extras (evidence spans, claims, corroboration).
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

#: ACLED's public column order (the fields dateline fills), followed by dateline's extras.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

EXTRA_COLUMNS: tuple[str, ...] = (
    "article_id",
    "is_background",
    "confidence",
    "injuries",
    "arrests",
    "fatalities_low",
    "fatalities_high",
    "geonameid",
    "where_prec",
    "location_confidence",
    "corroboration",
    "perpetrator_stance",
    "date_flag",
    "date_end",
    "date_prec",
    "abductions",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the article text."""

    start: int
    end: int
    text: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def to_list(self) -> list[Any]:
        return [self.start, self.end, self.text]


@dataclass(slots=True)
class Article:
    """One news report as read from input, before any coding."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None
    dateline: str | None = None  # place named in the dateline ("ATME:"), as written
    dateline_span: Span | None = None
    agency: str | None = None  # credited agency ("– AFP")
    agency_span: Span | None = None
    body_start: int = 0  # offset of the body after any header line

    @property
    def body_end(self) -> int:
        """Where the body ends: the start of a trailing agency credit ("... – AFP"), else the end
        of the text. An agency named in the dateline ("BAMAKO (Reuters) - ...") ends nothing."""
        span = self.agency_span
        if span is None or self.text[span.end :].strip(" \t\r\n)0123456789"):
            return len(self.text)
        return span.start


@dataclass(slots=True)
class Count:
    """A casualty or arrest figure with ACLED's conservative reading and its range."""

    best: int | None = None
    low: int | None = None
    high: int | None = None
    span: Span | None = None
    by_side: dict[str, int] = field(default_factory=dict)  # per-side parts of a total ("soldiers": 5)

    @property
    def known(self) -> bool:
        return self.best is not None or self.low is not None


@dataclass(slots=True)
class Claim:
    """An attributed statement: who said what, with which stance, supporting which fields."""

    speaker: str
    speaker_type: str  # state_media, official, perpetrator, witness, anonymous, ngo_un, media, other
    stance: str  # asserts, denies, no_comment
    span: Span
    speaker_span: Span | None = None
    fields: list[str] = field(default_factory=list)
    actor: str | None = None  # the dictionary actor the speaker belongs to, when known
    scope: str | None = None  # what a denial denies: "event" (it, or the speaker's part in it) or "detail"
    denied: str | None = None  # the words denied, as written


#: ``Mention.excluded`` of a weak mention the status model reads as no event
NOT_AN_EVENT = "not_an_event"


@dataclass(slots=True)
class Mention:
    """One clause-level mention of an event inside an article."""

    trigger: Span
    sentence: int
    sentence_span: Span
    trigger_class: str = "violence"  # lexicon class of the trigger (kill, protest, airstrike, ...)
    token: int | None = None  # index of the trigger's head token in the spaCy Doc
    weak: bool = False  # a weak trigger ("operation") only joins an event found by a strong one
    separate: bool = False  # the text marks it as another event ("in a separate attack")
    model_says_none: bool = False  # the trained model reads it as no event (unless it is background)
    model_probs: dict[str, float] | None = None  # the trained typer's calibrated reading of the sentence
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    score: float = 0.0
    is_background: bool = False
    background_reason: str | None = None
    excluded: str | None = None  # why this mention is not an event (hypothetical, denial, ...)
    # arguments filled by later stages; each value keeps its evidence span
    actor1: str | None = None
    actor1_span: Span | None = None
    actor2: str | None = None
    actor2_span: Span | None = None
    agent_span: Span | None = None  # the doer's phrase as written, normalized or not
    patient_span: Span | None = None  # the phrase of what was acted on, as written
    agent_args: list[Span] = field(default_factory=list)  # every doer phrase, pronouns included
    patient_args: list[Span] = field(default_factory=list)  # every target/victim phrase, as written
    agent_claimed: bool = False  # actor1 is who claimed the act ("IS claimed the bombing")
    inter1: int | None = None
    inter2: int | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    assoc_actor_2: list[str] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)  # named persons with roles
    place: dict[str, Any] | None = None
    place_span: Span | None = None
    #: the other places a list names with ``place`` ("marches in Chicago, Boston and Los
    #: Angeles"): one event each (conventions §1.2: split by location), with their spans
    more_places: list[tuple[dict[str, Any], Span]] = field(default_factory=list)
    event_date: date | None = None
    date_end: date | None = None
    time_precision: int | None = None
    date_span: Span | None = None
    date_flag: str | None = None
    date_prec: int | None = None  # UCDP GED date_prec of the resolved expression
    fatalities: Count | None = None
    injuries: Count | None = None
    arrests: Count | None = None
    abductions: Count | None = None
    claims: list[Claim] = field(default_factory=list)
    count_mentions: list[Any] = field(default_factory=list)  # raw figures found near the trigger

    def take_as_news(self, published: date | None) -> None:
        """Read as the report's news after a reading of the past: a date more than a week before
        ``published`` belongs to another event of its sentence ("the demonstration came weeks
        after a similar protest last month"), so the mention takes the report's own date."""
        self.is_background = False
        self.background_reason = None
        end = self.date_end or self.event_date
        if end is not None and published is not None and (published - end).days > 7:
            self.event_date = self.date_end = self.time_precision = self.date_prec = None
            self.date_span = None


@dataclass(slots=True)
class Event:
    """One real-world event in ACLED's field layout, with evidence for every filled field."""

    article_id: str
    event_date: str | None = None  # ISO date
    time_precision: int | None = None  # 1 day, 2 week, 3 month
    date_end: str | None = None
    date_flag: str | None = None  # e.g. "no_date_in_text: publication date used"
    date_prec: int | None = None  # UCDP GED: 1 day, 2 in 2-6 days, 3 week, 4 in 8-30 days/month, 5 longer
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None  # ISO 3166 numeric, as ACLED's iso column
    iso2: str | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    #: the calibrated chance the place is right, within 161 km (dateline.geo.calibration)
    location_confidence: float | None = None
    geonameid: int | None = None
    #: UCDP's location precision: 1 exact place, 2 near it (~25 km), 3 admin2, 4 admin1, 5 part of a
    #: country, 6 country
    where_prec: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    arrests: int | None = None
    arrests_low: int | None = None
    abductions: int | None = None
    abductions_low: int | None = None
    # low/best/high and per-side parts of every count kind: {"fatalities": {"low": 5, "best": 5, ...}}
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    corroboration: str | None = None
    perpetrator_stance: str | None = None  # confirmed, denied, no_comment, not_reported
    corroboration_reasons: list[str] = field(default_factory=list)
    confidence: float = 0.0
    is_background: bool = False
    mentions: list[Span] = field(default_factory=list)
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    # reports merged into this event (dateline.store.merge): every report's article_id, why they
    # were merged, and for a merged record which report each field (and its evidence) came from
    article_ids: list[str] = field(default_factory=list)
    merge_reasons: list[str] = field(default_factory=list)
    field_sources: dict[str, str] = field(default_factory=dict)
    # filled by the store on export (dateline.store), empty in ``dateline code``'s output: the merged
    # event's stable ACLED-style id ("SYR1234"), when its row was last written (Unix time, ACLED's
    # ``timestamp``), and the keys (ARTICLE_ID#N, what ``dateline split`` takes) of its report-events
    event_id_cnty: str | None = None
    timestamp: int | None = None
    report_keys: list[str] = field(default_factory=list)
    # the review desk's state of the merged event (dateline.store.review): unreviewed, edited,
    # approved, rejected (not an event) or background; None outside the store
    review_status: str | None = None

    def __post_init__(self) -> None:
        if not self.article_ids:
            self.article_ids = [self.article_id]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The inverse of :meth:`to_dict` (unknown keys such as ``year`` are ignored)."""
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["evidence"] = {k: [Span(*s) for s in v] for k, v in (d.get("evidence") or {}).items()}
        kw["mentions"] = [Span(*s) for s in d.get("mentions") or []]
        kw["claims"] = [_claim_from_dict(c) for c in d.get("claims") or []]
        for key in ("people", "corroboration_reasons", "article_ids", "merge_reasons", "report_keys"):
            kw[key] = list(d.get(key) or [])
        kw["field_sources"] = dict(d.get("field_sources") or {})
        return cls(**kw)

    @property
    def year(self) -> int | None:
        return int(self.event_date[:4]) if self.event_date else None

    def add_evidence(self, field_name: str, span: Span | None) -> None:
        """Record that ``field_name`` was read from ``span`` (ignored when there is no span)."""
        if span is None:
            return
        spans = self.evidence.setdefault(field_name, [])
        if span not in spans:
            spans.append(span)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: spans become ``[start, end, text]`` lists."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "evidence":
                out[f.name] = {k: [s.to_list() for s in v] for k, v in value.items()}
            elif f.name == "mentions":
                out[f.name] = [s.to_list() for s in value]
            elif f.name == "claims":
                out[f.name] = [_claim_dict(c) for c in value]
            else:
                out[f.name] = value
        out["year"] = self.year
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_row(self) -> dict[str, Any]:
        """A flat row in ACLED's column order followed by dateline's extras."""
        d = self.to_dict()
        row: dict[str, Any] = {}
        for col in ACLED_COLUMNS + EXTRA_COLUMNS:
            if col == "tags":
                row[col] = "; ".join(self.corroboration_reasons)
            elif col == "region" and not self.region:
                from dateline.export.regions import acled_region

                row[col] = acled_region(self.iso) or ""
            else:
                value = d.get(col)
                row[col] = "" if value is None else value
        return row


def _claim_dict(claim: Claim) -> dict[str, Any]:
    d = asdict(claim)
    d["span"] = claim.span.to_list()
    d["speaker_span"] = claim.speaker_span.to_list() if claim.speaker_span else None
    return d


def _claim_from_dict(d: dict[str, Any]) -> Claim:
    kw = dict(d)
    kw["span"] = Span(*d["span"])
    kw["speaker_span"] = Span(*d["speaker_span"]) if d.get("speaker_span") else None
    kw["fields"] = list(d.get("fields") or [])
    return Claim(**kw)


def events_to_jsonl(events: list[Event]) -> str:
    return "".join(e.to_json() + "\n" for e in events)


def events_to_csv(events: list[Event], *, raw: bool = False) -> str:
    """The events as ACLED-ordered CSV; text cells that a spreadsheet would run as a formula get a
    ``'`` in front (:mod:`dateline.export.safety`) unless ``raw``."""
    from dateline.export.safety import SafeDictWriter

    buf = io.StringIO()
    writer = SafeDictWriter(buf, ACLED_COLUMNS + EXTRA_COLUMNS, raw=raw)
    writer.writeheader()
    for e in events:
        writer.writerow(e.to_row())
    return buf.getvalue()
