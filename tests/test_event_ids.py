"""Analysts can refer to events: stable ACLED-style ids, timestamp, region and report keys in exports.

Every merged event in the store gets ``event_id_cnty`` = ISO3 + a number (``SOM12``), kept across
re-exports, the ingest of other articles and splits (the split-off report gets a new id, the event
it left keeps its own); ``timestamp`` is when its row was last written; ``region`` is ACLED's region
of the country, from ``data/export/acled_regions.tsv``; ``--reports`` output shows each report's key
(``ARTICLE_ID#N``, what ``dateline split`` takes). Older stores are upgraded by migration 0002.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
import pytest
import sqlalchemy as sa

from dateline.cli.main import main
from dateline.export.formats import write_events
from dateline.export.regions import ACLED_REGIONS, acled_region, region_table
from dateline.model import Article, Event
from dateline.store import Store
from store_pg import db_url_fixture, pg_server_fixture  # noqa: F401  (fixtures)
from test_store import balad_clash, kano_protest


def article(article_id: str, day: str = "2024-04-02") -> Article:
    return Article(id=article_id, text=f"report {article_id}", published=date.fromisoformat(day))


def by_article(store: Store, **filters: object) -> dict[str, Event]:
    return {e.article_ids[0]: e for e in store.events(**filters)}


# ---- the region table ---------------------------------------------------------------------------


def test_region_table_covers_every_iso_country_with_acled_names() -> None:
    table = region_table()
    assert {c.alpha_3 for c in pycountry.countries} <= set(table)
    assert set(table.values()) <= ACLED_REGIONS
    assert (acled_region(760), acled_region("NG"), acled_region("SDN"), acled_region("kz")) == (
        "Middle East",
        "Western Africa",
        "Northern Africa",
        "Caucasus and Central Asia",
    )
    assert (acled_region("MX"), acled_region("AF"), acled_region("XK"), acled_region(706)) == (
        "Central America",
        "South Asia",
        "Europe",
        "Eastern Africa",
    )
    assert acled_region(None) is None and acled_region(999) is None and acled_region("QQ") is None


def test_code_csv_fills_region_from_the_country() -> None:
    row = Event(article_id="a", iso=566, country="Nigeria").to_row()
    assert row["region"] == "Western Africa" and row["event_id_cnty"] == "" and row["timestamp"] == ""


# ---- ids in the store ---------------------------------------------------------------------------


def test_ids_are_acled_style_and_stable(db_url: str) -> None:
    before = int(time.time()) - 1
    with Store.open(db_url) as store:
        store.write_article(article("a"), "ha", [balad_clash("a")])
        store.write_article(article("k"), "hk", [kano_protest("k")])
        first = by_article(store)
        som, nga = first["a"].event_id_cnty, first["k"].event_id_cnty
        assert som is not None and som.startswith("SOM") and som[3:].isdigit()
        assert nga is not None and nga.startswith("NGA") and nga[3:].isdigit() and nga != som
        assert first["a"].region == "Eastern Africa" and first["k"].region == "Western Africa"
        assert first["a"].timestamp is not None and before <= first["a"].timestamp <= time.time() + 1
        assert first["a"].report_keys == ["a#0"]
        # exported again: the same ids
        assert {e.event_id_cnty for e in store.events()} == {som, nga}
        # another report of the clash joins it: the id stays, the timestamp moves on
        time.sleep(1.1)
        placed = store.write_article(article("b"), "hb", [balad_clash("b", fatalities=6)])
        assert placed[0].merged
        # an unrelated article: nothing changes for the others
        store.write_article(article("z"), "hz", [balad_clash("z", "2024-09-01")])
        now = by_article(store)
        assert now["a"].event_id_cnty == som and now["k"].event_id_cnty == nga
        assert now["a"].report_keys == ["a#0", "b#0"] and now["a"].article_ids == ["a", "b"]
        assert now["a"].timestamp is not None and now["a"].timestamp > first["a"].timestamp  # type: ignore[operator]
        assert now["k"].timestamp == first["k"].timestamp
        assert now["z"].event_id_cnty not in (som, nga)
        # a split: the split-off report gets a new id, the event it left keeps its own
        result = store.split("b#0")
        assert result.from_event_id == som and result.to_event_id not in (None, som, nga)
        after = {tuple(e.report_keys): e.event_id_cnty for e in store.events()}
        assert after[("a#0",)] == som and after[("b#0",)] == result.to_event_id
        # a split-off id is never given to another event, nor a removed one reused
        store.write_article(article("z"), "hz2", [])  # z's event is gone
        store.write_article(article("y"), "hy", [kano_protest("y", "2024-10-01")])
        ids = [e.event_id_cnty for e in store.events()]
        assert len(ids) == len(set(ids)) and now["z"].event_id_cnty not in ids


def test_unknown_country_gets_xxx_until_a_report_gives_it(tmp_path: Path) -> None:
    nowhere = {"iso": None, "iso2": None, "country": None, "admin1": None, "location": None}
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.write_article(article("a"), "ha", [balad_clash("a", latitude=None, longitude=None, **nowhere)])
        [ev] = store.events()
        assert ev.event_id_cnty is not None and ev.event_id_cnty.startswith("XXX") and ev.region is None
        number = ev.event_id_cnty[3:]
        assert store.write_article(article("b"), "hb", [balad_clash("b")])[0].merged
        [ev] = store.events()
        assert ev.event_id_cnty == "SOM" + number and ev.region == "Eastern Africa"


# ---- exports ------------------------------------------------------------------------------------


@pytest.fixture()
def store_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store.open(url) as store:
        store.write_article(article("a"), "ha", [balad_clash("a")])
        store.write_article(article("b"), "hb", [balad_clash("b", fatalities=6)])
        store.write_article(article("k"), "hk", [kano_protest("k")])
    return url


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_acled_csv_fills_id_timestamp_region_and_report_keys(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(store_url) as store:
        ids = {e.article_ids[0]: e.event_id_cnty for e in store.events()}
    assert main(["export", "--format", "acled-csv", "--db", store_url]) == 0
    rows = {r["article_id"]: r for r in _csv(capsys.readouterr().out)}
    assert rows["a"]["event_id_cnty"] == ids["a"] and rows["k"]["event_id_cnty"] == ids["k"]
    assert rows["a"]["region"] == "Eastern Africa" and rows["k"]["region"] == "Western Africa"
    assert abs(int(rows["a"]["timestamp"]) - time.time()) < 600
    assert rows["a"]["report_keys"] == "a#0; b#0" and rows["k"]["report_keys"] == "k#0"
    # --reports: each report-event with its own key, and the id of the merged event it is in
    assert main(["export", "--format", "acled-csv", "--db", store_url, "--reports"]) == 0
    reports = {r["report_keys"]: r for r in _csv(capsys.readouterr().out)}
    assert set(reports) == {"a#0", "b#0", "k#0"}
    assert reports["a#0"]["event_id_cnty"] == reports["b#0"]["event_id_cnty"] == ids["a"]
    assert reports["b#0"]["article_id"] == "b" and reports["b#0"]["region"] == "Eastern Africa"
    assert int(reports["b#0"]["timestamp"]) > 0


def test_json_exports_carry_the_id_and_keys(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(store_url) as store:
        ids = {e.article_ids[0]: e.event_id_cnty for e in store.events()}
    assert main(["export", "--format", "plover-jsonl", "--db", store_url]) == 0
    recs = {r["article_ids"][0]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert recs["a"]["id"] == ids["a"] and recs["a"]["report_keys"] == ["a#0", "b#0"]
    assert main(["export", "--format", "geojson", "--db", store_url, "--reports"]) == 0
    doc = json.loads(capsys.readouterr().out)
    feats = {f["properties"]["report_keys"][0]: f for f in doc["features"]}
    assert feats["b#0"]["id"] == ids["a"] and feats["b#0"]["properties"]["event_id_cnty"] == ids["a"]
    assert main(["export", "--format", "ucdp-csv", "--db", store_url]) == 0
    [row] = _csv(capsys.readouterr().out)  # the clash; the protest is not UCDP's
    assert row["id"] == ids["a"][3:] and row["relid"].startswith("SOM-2024-")  # type: ignore[index]


def test_parquet_event_date_is_a_date(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert main(["export", "--format", "parquet", "--db", store_url, "-o", str(out)]) == 0
    schema = pq.read_schema(out)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("date_end").type == pa.date32()
    assert schema.field("event_id_cnty").type == pa.string() and schema.field("timestamp").type == pa.int64()
    table = pq.read_table(out)
    assert sorted(table.column("event_date").to_pylist()) == [date(2024, 4, 2)] * 2
    # a date outside pandas' datetime range is kept, not turned into a null
    buf = tmp_path / "old.parquet"
    write_events([balad_clash("old", "0001-01-01"), balad_clash("new", "9999-12-31")], "parquet", buf)
    assert pq.read_table(buf).column("event_date").to_pylist() == [date(1, 1, 1), date(9999, 12, 31)]


def test_split_command_names_the_ids(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(store_url) as store:
        som = by_article(store)["a"].event_id_cnty
    assert main(["split", "b#0", "--db", store_url]) == 0
    out = capsys.readouterr().out
    with Store.open(store_url) as store:
        new = by_article(store)["b"].event_id_cnty
    assert f"b#0 is now event {new}" in out and f"event {som} keeps 1 report-event" in out


# ---- older stores -------------------------------------------------------------------------------


def test_a_store_of_the_first_schema_is_upgraded_with_ids(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", "dateline.store:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    coded = datetime(2024, 4, 3, 12, 0, tzinfo=UTC)
    record = balad_clash("old").to_dict()
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, text_hash, status, n_events, pipeline_version, coded_at)"
                " VALUES ('old', 'h', 'coded', 1, '0.0', :coded)"
            ),
            {"coded": coded.replace(tzinfo=None).isoformat(sep=" ")},
        )
        conn.execute(
            sa.text(
                "INSERT INTO clusters (id, record, iso, fatalities, is_background, n_reports, n_articles)"
                " VALUES (7, :record, 706, 5, 0, 1, 1)"
            ),
            {"record": json.dumps(record)},
        )
        conn.execute(
            sa.text(
                "INSERT INTO events (id, key, article_id, ordinal, record, fatalities, is_background,"
                " cluster_id) VALUES (1, 'old#0', 'old', 0, :record, 5, 0, 7)"
            ),
            {"record": json.dumps(record)},
        )
        conn.execute(sa.text("INSERT INTO members (event_id, cluster_id, reasons) VALUES (1, 7, '[]')"))
    engine.dispose()
    with Store.open(url) as store:
        [ev] = store.events()
        assert ev.event_id_cnty == "SOM7" and ev.timestamp == int(coded.timestamp())
        assert ev.report_keys == ["old#0"] and ev.region == "Eastern Africa"
        store.write_article(article("new"), "hn", [kano_protest("new")])  # new ids follow the old ones
        assert by_article(store)["new"].event_id_cnty == "NGA8"
