"""Export formats of the standards analysts load: ACLED CSV, UCDP GED CSV, PLOVER JSON Lines,
GeoJSON and Parquet, plus a typed pandas DataFrame.

``write_events(events, fmt, out)`` writes one format to a binary stream or a path and returns the
number of records written. Filtering (dates, country, type) is the caller's job (the store's
``dateline export`` does it in SQL).

- ``acled-csv``: the ACLED-ordered CSV of :mod:`dateline.model` (ACLED's columns, then dateline's
  extras), with ``article_ids``, ``report_keys`` (``ARTICLE_ID#N``, what ``dateline split``
  takes), ``merge_reasons`` of merged events appended, ``; ``-joined, and the review desk's
  ``review_status`` (its reviewed values are the record's; rejected events are not exported by
  the store). ``event_id_cnty`` and
  ``timestamp`` come from the store (empty for events that were never stored); ``region`` is
  ACLED's region of the country (:mod:`dateline.export.regions`).
- ``ucdp-csv``: UCDP GED's field names and codes (see :func:`ucdp_row`). UCDP codes only fatal
  organized violence, so by default only events of the types it covers (battles, explosions and
  remote violence, violence against civilians, lethal force against protesters) *with at least
  one death* are written; ``ucdp_all=True`` writes every event (non-fatal ones with best 0).
- ``plover-jsonl``: one PLOVER record a line (see :func:`plover_record`); ACLED types without a
  PLOVER event (``Other``, ``Change to group/activity``) are left out.
- ``geojson``: a FeatureCollection of Point features with the full record as properties; events
  without coordinates are left out and counted in the collection's ``dateline`` member.
- ``parquet``: the columns of :func:`events_dataframe`, typed (dates as date32, counts as int64).

The two CSV formats neutralize text cells a spreadsheet would run as a formula (a ``'`` in front of
a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR; see :mod:`dateline.export.safety`)
unless ``raw=True``; numbers stay numbers.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from dateline.events.lexicon import load_data_yaml
from dateline.export.safety import SafeDictWriter
from dateline.model import ACLED_COLUMNS, EXTRA_COLUMNS, Event

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMATS",
    "UCDP_COLUMNS",
    "events_dataframe",
    "geojson_feature",
    "plover_record",
    "ucdp_row",
    "where_prec",
    "write_events",
]

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet")

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_name",
    "dyad_name",
    "side_a",
    "side_b",
    "source_article",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
)

#: ACLED event types UCDP GED covers (organized violence); plus this protest sub-event type.
UCDP_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
UCDP_SUB_EVENT_TYPES = frozenset({"Excessive force against protesters"})

_ACLED_CSV_COLUMNS = (
    ACLED_COLUMNS + EXTRA_COLUMNS + ("article_ids", "report_keys", "merge_reasons", "review_status")
)


# ----------------------------------------------------------------------------------------------
# shared helpers


@lru_cache(maxsize=1)
def _gw_codes() -> dict[str, int]:
    return {str(k): int(v) for k, v in (load_data_yaml("export", "gw_codes.yaml") or {}).items()}


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, Any]:
    return load_data_yaml("export", "plover.yaml")


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Country name (casefolded) -> ISO alpha-2: pycountry's names and dateline's own short names."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                out[name.casefold()] = c.alpha_2
    for iso2, name in (load_data_yaml("actors", "country_names.yaml") or {}).items():
        out[str(name).casefold()] = str(iso2)
    return out


def _alpha3(iso2: str | None) -> str | None:
    if not iso2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return c.alpha_3 if c else None


def _actor_country(name: str | None) -> str | None:
    """ISO alpha-2 of a generic or state actor's country ("Military Forces of Russia",
    "Civilians (Nigeria)"); None for named groups, whose country the name does not give."""
    if not name:
        return None
    country = None
    for prefix in ("Military Forces of ", "Police Forces of ", "Government of "):
        if name.startswith(prefix):
            country = name[len(prefix) :].split(" (")[0]
    if country is None and name.endswith(")") and "(" in name:
        country = name[name.rindex("(") + 1 : -1]
    return _country_codes().get(country.casefold()) if country else None


def _is_civilians(name: str | None, inter: int | None) -> bool:
    return inter == 7 or bool(name and name.startswith("Civilians"))


def _is_state(name: str | None, inter: int | None) -> bool:
    return inter in (1, 8) or bool(
        name and name.startswith(("Military Forces of ", "Police Forces of ", "Government of "))
    )


def _event_id(e: Event) -> int:
    """A stable integer id: the number of the store's ``event_id_cnty`` ("SYR1234" -> 1234) when the
    event has one; else 53 bits (safe in JSON and spreadsheets) hashed from the event's reports and
    key fields, so that the same event exported twice gets the same id."""
    number = _id_number(e.event_id_cnty)
    if number is not None:
        return number
    key = "|".join([*sorted(e.article_ids or [e.article_id]), e.event_date or "", e.sub_event_type or ""])
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 11


def _id_number(event_id_cnty: str | None) -> int | None:
    digits = (event_id_cnty or "").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) if digits.isdigit() else None


def _public_id(e: Event) -> str:
    """The id JSON formats carry: the store's ``event_id_cnty``, else the hashed :func:`_event_id`."""
    return e.event_id_cnty or str(_event_id(e))


def where_prec(e: Event) -> int:
    """UCDP's where_prec: the event's own ``where_prec`` when the geocoder set it; otherwise derived
    from ACLED's geo_precision: 1 (a town) -> 1; 2 -> 3 when the place is an admin2 unit itself,
    else 2 (near a town, within ~25 km); 3 (a larger region) -> 4 when admin1 is known; a place
    known only at country level -> 6."""
    own = getattr(e, "where_prec", None)
    if own:
        return int(own)
    if not e.location and not e.admin1:
        return 6
    gp = e.geo_precision or 3
    if gp == 1:
        return 1
    if gp == 2:
        return 3 if e.admin2 and e.location == e.admin2 else 2
    return 4 if e.admin1 else 6


def date_prec(e: Event) -> int:
    """UCDP's date_prec: the event's own ``date_prec`` when the time stage set it; otherwise from
    the date range (1 day; 2 within 2-6 days; 3 a week; 4 within 8-30 days or a month; 5 longer)
    or ACLED's time_precision (1 -> 1, 2 -> 3, 3 -> 4)."""
    own = getattr(e, "date_prec", None)
    if own:
        return int(own)
    if e.event_date and e.date_end and e.date_end != e.event_date:
        days = (date.fromisoformat(e.date_end[:10]) - date.fromisoformat(e.event_date[:10])).days + 1
        return 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5
    return {1: 1, 2: 3, 3: 4}.get(e.time_precision or 1, 5)


# ----------------------------------------------------------------------------------------------
# UCDP GED


def _ucdp_region(gw: int | None) -> str:
    if gw is None:
        return ""
    if gw < 200:
        return "Americas"
    if gw < 400:
        return "Europe"
    if 630 <= gw < 700 or gw == 651:
        return "Middle East"
    if gw < 700:
        return "Africa"
    return "Asia"


def type_of_violence(e: Event) -> int:
    """UCDP's type_of_violence: 3 one-sided (an organized actor against civilians, or lethal force
    against protesters); 1 state-based (a state on either side); 2 non-state (organized groups
    only, including an unidentified armed group against another)."""
    if e.event_type == "Violence against civilians" or e.sub_event_type in UCDP_SUB_EVENT_TYPES:
        return 3
    if _is_civilians(e.actor2, e.inter2) or _is_civilians(e.actor1, e.inter1):
        return 3
    if _is_state(e.actor1, e.inter1) or _is_state(e.actor2, e.inter2):
        return 1
    return 2


def _government(name: str | None) -> str | None:
    """UCDP names a state's forces after its government: "Military Forces of Mali" -> "Government of Mali"."""
    if name and name.startswith(("Military Forces of ", "Police Forces of ")):
        return "Government of " + name.split(" of ", 1)[1].split(" (")[0]
    return name


def _sides(e: Event, tov: int) -> tuple[str, str]:
    a, b = e.actor1, e.actor2
    if tov == 1 and not _is_state(a, e.inter1) and _is_state(b, e.inter2):
        a, b = b, a  # UCDP puts the government on side A
    if tov == 3:
        if _is_civilians(a, e.inter1) and b:
            a, b = b, a
        return _government(a) or "Unknown", "Civilians"
    return _government(a) or "Unknown", _government(b) or "Unknown"


def ucdp_row(e: Event) -> dict[str, Any]:
    """One event in UCDP GED's fields and codes. How each field is derived:

    - ``id``: a stable integer from the event's reports; ``relid``: ``ISO3-year-type-id``;
      ``year`` from ``date_start``; ``active_year``: left empty (whether the conflict-year passes
      25 deaths is not known from one event);
    - ``type_of_violence``: see :func:`type_of_violence`; ``side_a``/``side_b``: actor1/actor2,
      state forces written "Government of X" and put on side A, one-sided violence's victims
      "Civilians"; ``dyad_name`` "side_a - side_b"; ``conflict_name`` "Country: Government" for
      state-based violence (dateline cannot tell UCDP's territorial conflicts), else the dyad;
    - ``source_article``: the report ids, ``; ``-joined; ``source_headline``: the sources
      (outlets), as dateline does not keep headlines;
    - ``where_prec``: see :func:`where_prec`; ``where_coordinates``: the location name;
      ``adm_1``/``adm_2``: admin1/admin2; ``latitude``/``longitude``; ``geom_wkt`` ``POINT (lon lat)``;
    - ``country``; ``country_id``: the Gleditsch-Ward code (``data/export/gw_codes.yaml``, empty
      for countries not listed); ``region``: UCDP's region from that code;
    - ``event_clarity``: 1, or 2 when the record spans more than one day (a summary of several
      incidents); ``date_prec``: see :func:`date_prec`; ``date_start``/``date_end``;
    - deaths: dateline does not split tolls by side, so the best figure goes to
      ``deaths_civilians`` in one-sided violence and to ``deaths_unknown`` otherwise (``deaths_a``
      and ``deaths_b`` 0); ``best`` fatalities, ``low`` fatalities_low (else best), ``high``
      fatalities_high (else best).
    """
    tov = type_of_violence(e)
    side_a, side_b = _sides(e, tov)
    gw = _gw_codes().get(e.iso2 or "")
    ident = _event_id(e)
    best = e.fatalities or 0
    low = min(e.fatalities_low or best, best)
    high = max(e.fatalities_high or best, best)
    start = e.event_date or ""
    end = e.date_end or start
    dyad = f"{side_a} - {side_b}"
    has_xy = e.latitude is not None and e.longitude is not None
    return {
        "id": ident,
        "relid": f"{_alpha3(e.iso2) or 'XXX'}-{e.year or ''}-{tov}-{ident}",
        "year": e.year,
        "active_year": "",
        "type_of_violence": tov,
        "conflict_name": f"{e.country}: Government" if tov == 1 and e.country else dyad,
        "dyad_name": dyad,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": "; ".join(e.article_ids or [e.article_id]),
        "source_headline": e.source or "",
        "where_prec": where_prec(e),
        "where_coordinates": e.location or e.admin2 or e.admin1 or e.country or "",
        "adm_1": e.admin1 or "",
        "adm_2": e.admin2 or "",
        "latitude": e.latitude if has_xy else "",
        "longitude": e.longitude if has_xy else "",
        "geom_wkt": f"POINT ({e.longitude} {e.latitude})" if has_xy else "",
        "country": e.country or "",
        "country_id": gw if gw is not None else "",
        "region": _ucdp_region(gw),
        "event_clarity": 2 if e.date_end and e.date_end != e.event_date else 1,
        "date_prec": date_prec(e),
        "date_start": start,
        "date_end": end,
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if tov == 3 else 0,
        "deaths_unknown": 0 if tov == 3 else best,
        "best": best,
        "high": high,
        "low": low,
    }


def in_ucdp_scope(e: Event) -> bool:
    """Organized violence with at least one death: what UCDP GED records."""
    kind = e.event_type in UCDP_EVENT_TYPES or e.sub_event_type in UCDP_SUB_EVENT_TYPES
    return kind and (e.fatalities or 0) > 0


# ----------------------------------------------------------------------------------------------
# PLOVER


def plover_record(e: Event) -> dict[str, Any]:
    """One event as a PLOVER record: ``event``, ``mode``, ``context`` from the ACLED sub-event type
    (``data/export/plover.yaml``; ``event`` is None for types PLOVER has no event for), ``actor``
    and ``recipient`` (actor1, actor2), their countries as ISO alpha-3 where the actor's name gives
    it, ``event_loc``, ``date``, ``id``, plus ``dead``, ``injured`` and the sources."""
    table = _plover_table()
    entry = (table.get("types") or {}).get(e.sub_event_type or "", {}) or {}
    event = entry.get("event")
    to_assault = table.get("to_assault_on_civilians") or []
    if event and e.sub_event_type in to_assault and _is_civilians(e.actor2, e.inter2):
        event = table.get("civilian_target_event", event)
    return {
        "id": _public_id(e),
        "date": e.event_date,
        "event": event,
        "mode": entry.get("mode"),
        "context": list(entry.get("context") or []),
        "actor": e.actor1,
        "actor_country": _alpha3(_actor_country(e.actor1)),
        "recipient": e.actor2,
        "recipient_country": _alpha3(_actor_country(e.actor2)),
        "event_loc": {
            "name": e.location,
            "lat": e.latitude,
            "lon": e.longitude,
            "geonameid": e.geonameid,
            "admin1": e.admin1,
            "country": _alpha3(e.iso2),
        },
        "dead": e.fatalities or 0,
        "injured": e.injuries or 0,
        "acled_sub_event_type": e.sub_event_type,
        "source": e.source,
        "article_ids": list(e.article_ids or [e.article_id]),
        "report_keys": list(e.report_keys),
        "review_status": e.review_status,
    }


# ----------------------------------------------------------------------------------------------
# GeoJSON


def geojson_feature(e: Event) -> dict[str, Any] | None:
    """A GeoJSON Point Feature with the full record as properties; None without coordinates."""
    if e.latitude is None or e.longitude is None:
        return None
    return {
        "type": "Feature",
        "id": _public_id(e),
        "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
        "properties": e.to_dict(),
    }


# ----------------------------------------------------------------------------------------------
# pandas and Parquet

_DATE_COLUMNS = ("event_date", "date_end")


def _kind(annotation: str) -> str:
    a = annotation.replace(" ", "")
    if a in ("str", "str|None"):
        return "str"
    if a in ("int", "int|None"):
        return "int"
    if a in ("float", "float|None"):
        return "float"
    if a == "bool":
        return "bool"
    if a in ("list[str]", "list[str]|None"):
        return "list"
    return "json"


def _column_kinds() -> dict[str, str]:
    kinds = {f.name: _kind(str(f.type)) for f in fields(Event)}
    for name in _DATE_COLUMNS:
        kinds[name] = "date"
    kinds["year"] = "int"
    return kinds


def events_dataframe(events: Iterable[Event]) -> pd.DataFrame:
    """The events as a pandas DataFrame with proper dtypes: ``event_date``/``date_end`` datetime64,
    counts and codes nullable ``Int64``, coordinates ``float64``, text ``string``, flags ``bool``,
    lists of strings (``article_ids``, ``merge_reasons``, ...) as Python lists, and nested records
    (claims, evidence, people, ...) as JSON text."""
    import pandas as pd

    kinds = _column_kinds()
    rows = []
    for e in events:
        d = e.to_dict()
        rows.append({name: d.get(name) for name in kinds})
    df = pd.DataFrame(rows, columns=list(kinds))
    for name, kind in kinds.items():
        col = df[name]
        if kind == "date":
            df[name] = pd.to_datetime(col, format="ISO8601", errors="coerce")
        elif kind == "int":
            df[name] = pd.array([None if v is None or v != v else int(v) for v in col], dtype="Int64")
        elif kind == "float":
            df[name] = pd.to_numeric(col, errors="coerce").astype("float64")
        elif kind == "bool":
            df[name] = col.fillna(False).astype(bool)
        elif kind == "str":
            df[name] = col.astype("string")
        elif kind == "list":
            df[name] = pd.Series([list(v or []) for v in col], dtype=object, index=df.index)
        else:
            df[name] = pd.Series(
                [json.dumps(v, ensure_ascii=False) for v in col], dtype="string", index=df.index
            )
    return df


def _parquet_table(events: Iterable[Event]) -> Any:
    import pyarrow as pa

    kinds = _column_kinds()
    evs = list(events)
    df = events_dataframe(evs)
    types = {"date": pa.date32(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "str": pa.string(), "list": pa.list_(pa.string()), "json": pa.string()}  # fmt: skip
    schema = pa.schema([pa.field(name, types[kind]) for name, kind in kinds.items()])
    arrays = []
    for name, kind in kinds.items():
        col = df[name]
        if kind == "date":  # from the records: pandas' datetime64 holds only the years 1677-2262
            values = [_iso_day(getattr(e, name)) for e in evs]
        elif kind in ("int", "float", "str", "json"):
            values = [None if pd_isna(v) else v for v in col]
        else:
            values = list(col)
        arrays.append(pa.array(values, type=types[kind]))
    return pa.Table.from_arrays(arrays, schema=schema), len(df)


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def pd_isna(v: Any) -> bool:
    import pandas as pd

    return v is None or bool(pd.isna(v))


# ----------------------------------------------------------------------------------------------
# writing


def _text(out: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _write_acled(events: Iterator[Event], out: IO[bytes], raw: bool) -> int:
    text = _text(out)
    writer = SafeDictWriter(text, _ACLED_CSV_COLUMNS, raw=raw)
    writer.writeheader()
    n = 0
    for e in events:
        row = e.to_row()
        row["article_ids"] = "; ".join(e.article_ids or [e.article_id])
        row["report_keys"] = "; ".join(e.report_keys)
        row["merge_reasons"] = " | ".join(e.merge_reasons)
        row["review_status"] = e.review_status or ""
        writer.writerow({k: row.get(k, "") for k in _ACLED_CSV_COLUMNS})
        n += 1
    text.detach()
    return n


def _write_ucdp(events: Iterator[Event], out: IO[bytes], ucdp_all: bool, raw: bool) -> int:
    text = _text(out)
    writer = SafeDictWriter(text, UCDP_COLUMNS, raw=raw)
    writer.writeheader()
    n = skipped = 0
    for e in events:
        if not ucdp_all and not in_ucdp_scope(e):
            skipped += 1
            continue
        writer.writerow(ucdp_row(e))
        n += 1
    text.detach()
    if skipped:
        log.info("ucdp-csv: %d event(s) left out (not fatal organized violence)", skipped)
    return n


def _write_plover(events: Iterator[Event], out: IO[bytes]) -> int:
    n = skipped = 0
    for e in events:
        rec = plover_record(e)
        if rec["event"] is None:
            skipped += 1
            continue
        out.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
        n += 1
    if skipped:
        log.info("plover-jsonl: %d event(s) left out (no PLOVER event for their type)", skipped)
    return n


def _write_geojson(events: Iterator[Event], out: IO[bytes]) -> int:
    features = []
    skipped = 0
    for e in events:
        feat = geojson_feature(e)
        if feat is None:
            skipped += 1
        else:
            features.append(feat)
    doc = {
        "type": "FeatureCollection",
        "features": features,
        "dateline": {"skipped_without_coordinates": skipped},
    }
    out.write(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    if skipped:
        log.info("geojson: %d event(s) without coordinates left out", skipped)
    return len(features)


def _write_parquet(events: Iterator[Event], out: IO[bytes]) -> int:
    import pyarrow.parquet as pq

    table, n = _parquet_table(events)
    pq.write_table(table, out)
    return n


def write_events(
    events: Iterable[Event], fmt: str, out: BinaryIO | Path, *, ucdp_all: bool = False, raw: bool = False
) -> int:
    """Write ``events`` in format ``fmt`` (one of :data:`FORMATS`) to a binary stream or a path;
    returns the number of records written. ``ucdp_all``: also write non-fatal events and types
    UCDP does not cover to ``ucdp-csv``. ``raw``: write CSV cells as they are, without
    neutralizing the ones a spreadsheet would run as formulas (see :mod:`dateline.export.safety`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if isinstance(out, Path):
        with out.open("wb") as f:
            return write_events(events, fmt, f, ucdp_all=ucdp_all, raw=raw)
    it = iter(events)
    if fmt == "acled-csv":
        return _write_acled(it, out, raw)
    if fmt == "ucdp-csv":
        return _write_ucdp(it, out, ucdp_all, raw)
    if fmt == "plover-jsonl":
        return _write_plover(it, out)
    if fmt == "geojson":
        return _write_geojson(it, out)
    return _write_parquet(it, out)
