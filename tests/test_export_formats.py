"""Export formats: ACLED CSV, UCDP GED CSV, PLOVER JSON Lines, GeoJSON, Parquet, DataFrame."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.export.formats import (
    FORMATS,
    UCDP_COLUMNS,
    date_prec,
    events_dataframe,
    geojson_feature,
    plover_record,
    ucdp_row,
    where_prec,
    write_events,
)
from dateline.model import ACLED_COLUMNS, Claim, Event, Span


def _battle(**kw: Any) -> Event:
    base: dict[str, Any] = {
        "article_id": "r1",
        "event_date": "2025-11-02",
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM: Group for Support of Islam and Muslims",
        "inter1": 2,
        "actor2": "Military Forces of Mali",
        "inter2": 1,
        "interaction": 12,
        "iso": 466,
        "iso2": "ML",
        "country": "Mali",
        "admin1": "Mopti",
        "admin2": "Douentza",
        "location": "Boulkessi",
        "latitude": 15.13,
        "longitude": -1.52,
        "geo_precision": 1,
        "geonameid": 2460000,
        "source": "AFP; Reuters",
        "fatalities": 31,
        "fatalities_high": 40,
        "article_ids": ["r1", "r2"],
        "merge_reasons": ["r2: score 0.91: same day (2025-11-02)"],
    }
    base.update(kw)
    ev = Event(**base)
    ev.add_evidence("location", Span(10, 19, "Boulkessi"))
    ev.claims.append(Claim("JNIM", "perpetrator", "asserts", Span(0, 4, "JNIM")))
    return ev


def _strike_on_civilians() -> Event:
    return _battle(
        article_id="r3",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Myanmar",
        inter1=1,
        actor2="Civilians (Myanmar)",
        inter2=7,
        iso=104,
        iso2="MM",
        country="Myanmar",
        admin1="Sagaing",
        admin2=None,
        location="Kani",
        geo_precision=2,
        geonameid=None,
        fatalities=15,
        fatalities_high=None,
        article_ids=[],
        merge_reasons=[],
    )


def _protest() -> Event:
    return _battle(
        article_id="r4",
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Kenya)",
        inter1=6,
        actor2=None,
        inter2=None,
        iso=404,
        iso2="KE",
        country="Kenya",
        admin1="Nairobi",
        admin2=None,
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=3,
        fatalities=0,
        fatalities_high=None,
        article_ids=[],
        merge_reasons=[],
    )


def _write(events: list[Event], fmt: str, **kw: Any) -> tuple[int, bytes]:
    buf = io.BytesIO()
    n = write_events(events, fmt, buf, **kw)
    return n, buf.getvalue()


def test_formats_are_the_five_standards() -> None:
    assert FORMATS == ("acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet")
    with pytest.raises(ValueError):
        write_events([], "xml", io.BytesIO())


def test_acled_csv_keeps_acled_order_and_lists_merged_reports() -> None:
    n, data = _write([_battle(), _protest()], "acled-csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert n == 2 and len(rows) == 3
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["sub_event_type"] == "Armed clash" and row["fatalities"] == "31"
    assert row["article_ids"] == "r1; r2" and row["merge_reasons"].startswith("r2: score")


def test_ucdp_row_uses_ged_names_and_codes() -> None:
    row = ucdp_row(_battle())
    assert tuple(row) == UCDP_COLUMNS
    assert row["type_of_violence"] == 1  # a state on one side
    assert row["side_a"] == "Government of Mali"  # the government goes on side A
    assert row["side_b"] == "JNIM: Group for Support of Islam and Muslims"
    assert row["dyad_name"] == "Government of Mali - JNIM: Group for Support of Islam and Muslims"
    assert row["conflict_name"] == "Mali: Government"
    assert row["country_id"] == 432 and row["region"] == "Africa"
    assert row["relid"].startswith("MLI-2025-1-")
    assert (row["best"], row["low"], row["high"]) == (31, 31, 40)
    assert row["deaths_unknown"] == 31 and row["deaths_civilians"] == 0
    assert row["where_prec"] == 1 and row["date_prec"] == 1
    assert row["geom_wkt"] == "POINT (-1.52 15.13)"
    assert (row["date_start"], row["date_end"]) == ("2025-11-02", "2025-11-02")
    assert row["source_article"] == "r1; r2"
    assert ucdp_row(_battle())["id"] == row["id"]  # stable across exports

    one_sided = ucdp_row(_strike_on_civilians())
    assert one_sided["type_of_violence"] == 3
    assert (one_sided["side_a"], one_sided["side_b"]) == ("Government of Myanmar", "Civilians")
    assert one_sided["deaths_civilians"] == 15 and one_sided["country_id"] == 775
    assert one_sided["where_prec"] == 2 and one_sided["region"] == "Asia"

    non_state = ucdp_row(_battle(actor2="Islamic State Sahel Province", inter2=2))
    assert non_state["type_of_violence"] == 2


def test_where_prec_and_date_prec_are_derived_when_absent() -> None:
    assert where_prec(_battle()) == 1
    assert where_prec(_battle(geo_precision=2, location="Douentza", admin2="Douentza")) == 3
    assert where_prec(_battle(geo_precision=3, location="Mopti")) == 4
    assert where_prec(_battle(location=None, admin1=None, geo_precision=None)) == 6
    assert date_prec(_battle(time_precision=2)) == 3
    assert date_prec(_battle(time_precision=3)) == 4
    assert date_prec(_battle(date_end="2025-11-05")) == 2


def test_ucdp_csv_writes_fatal_organized_violence_only_unless_asked() -> None:
    events = [_battle(), _protest(), _battle(fatalities=0, fatalities_high=None)]
    n, data = _write(events, "ucdp-csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert n == 1 and len(rows) == 1 and rows[0]["type_of_violence"] == "1"
    assert list(rows[0]) == list(UCDP_COLUMNS)
    n_all, data_all = _write(events, "ucdp-csv", ucdp_all=True)
    rows_all = list(csv.DictReader(io.StringIO(data_all.decode("utf-8"))))
    assert n_all == 3 and [r["best"] for r in rows_all] == ["31", "0", "0"]


def test_plover_records_map_acled_types_to_plover_events() -> None:
    fight = plover_record(_battle())
    assert (fight["event"], fight["mode"]) == ("FIGHT", "firearms")
    assert fight["actor"] == "JNIM: Group for Support of Islam and Muslims"
    assert fight["recipient"] == "Military Forces of Mali" and fight["recipient_country"] == "MLI"
    assert fight["actor_country"] is None  # a named group's country is not in its name
    assert fight["event_loc"] == {
        "name": "Boulkessi",
        "lat": 15.13,
        "lon": -1.52,
        "geonameid": 2460000,
        "admin1": "Mopti",
        "country": "MLI",
    }
    assert fight["date"] == "2025-11-02" and fight["context"] == ["military"]
    strike = plover_record(_strike_on_civilians())
    assert strike["event"] == "ASSAULT"  # an air strike on civilians is an assault
    assert strike["mode"] == "heavy-weapons" and strike["actor_country"] == "MMR"
    assert plover_record(_battle(sub_event_type="Arrests"))["event"] == "COERCE"
    assert plover_record(_protest())["event"] == "PROTEST"
    other = _battle(event_type="Strategic developments", sub_event_type="Other")
    n, data = _write([_battle(), other], "plover-jsonl")
    lines = data.decode("utf-8").splitlines()
    assert n == 1 and len(lines) == 1 and json.loads(lines[0])["event"] == "FIGHT"


def test_geojson_is_a_feature_collection_of_points() -> None:
    n, data = _write([_battle(), _protest(), _strike_on_civilians()], "geojson")
    doc = json.loads(data)
    assert n == 2 and doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    assert doc["dateline"]["skipped_without_coordinates"] == 1
    feat = doc["features"][0]
    assert feat["type"] == "Feature" and feat["geometry"] == {"type": "Point", "coordinates": [-1.52, 15.13]}
    assert feat["properties"]["sub_event_type"] == "Armed clash"
    assert feat["properties"]["article_ids"] == ["r1", "r2"]
    assert geojson_feature(_protest()) is None


def test_dataframe_has_proper_dtypes() -> None:
    df = events_dataframe([_battle(), _protest(), _strike_on_civilians()])
    assert len(df) == 3
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    assert str(df["fatalities"].dtype) == "Int64" and str(df["inter2"].dtype) == "Int64"
    assert df["inter2"].isna().tolist() == [False, True, False]
    assert df["latitude"].dtype == "float64" and pd.isna(df["latitude"][1])
    assert str(df["country"].dtype).startswith("string")
    assert df["is_background"].dtype == bool
    assert df["article_ids"][0] == ["r1", "r2"] and df["article_ids"][1] == ["r4"]
    assert json.loads(df["claims"][0])[0]["speaker"] == "JNIM"
    assert df["event_date"][0] == pd.Timestamp("2025-11-02")
    assert df["year"].tolist() == [2025, 2025, 2025]


def test_parquet_round_trips_with_typed_columns(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    n = write_events([_battle(), _protest()], "parquet", path)
    assert n == 2
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities").type == pa.int64()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("is_background").type == pa.bool_()
    assert schema.field("article_ids").type == pa.list_(pa.string())
    rows = table.to_pylist()
    assert rows[0]["fatalities"] == 31 and rows[0]["location"] == "Boulkessi"
    assert str(rows[0]["event_date"]) == "2025-11-02"
    assert rows[1]["latitude"] is None and rows[1]["inter2"] is None
    assert rows[0]["article_ids"] == ["r1", "r2"]
    back = pd.read_parquet(path)
    assert back["sub_event_type"].tolist() == ["Armed clash", "Peaceful protest"]


def test_the_cli_lists_the_formats_the_exporter_writes() -> None:
    from dateline.cli.store import EXPORT_FORMATS
    from dateline.export.formats import FORMATS

    assert EXPORT_FORMATS == FORMATS  # a copy kept so `--help` needs no pandas import
