"""The store on SQLite and PostgreSQL: schema by migration, articles and events, merging, splits, queries.

These tests write hand-built events (no NLP), so they are quick and exact; ``test_ingest_cli.py``
codes real reports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.model import Article, Event
from dateline.store import SplitError, Store
from dateline.store.db import default_url, iso_numeric, normalize_url
from dateline.store.schema import metadata
from store_pg import db_url_fixture, pg_server_fixture, snapshot  # noqa: F401  (fixtures)

MILITARY = "Military Forces of Somalia (2022-)"


def balad_clash(article_id: str, day: str = "2024-04-02", fatalities: int = 5, **kw: object) -> Event:
    """A clash at Balad (Somalia) as one outlet would report it."""
    fields: dict[str, object] = {
        "event_date": day,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Al Shabaab",
        "actor2": MILITARY,
        "iso": 706,
        "iso2": "SO",
        "country": "Somalia",
        "admin1": "Middle Shabele",
        "location": "Balad",
        "latitude": 2.358,
        "longitude": 45.386,
        "geo_precision": 1,
        "fatalities": fatalities,
        "source": "Reuters",
    }
    fields.update(kw)
    return Event(article_id=article_id, **fields)  # type: ignore[arg-type]


def kano_protest(article_id: str, day: str = "2024-04-02") -> Event:
    return Event(
        article_id=article_id,
        event_date=day,
        time_precision=1,
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Nigeria)",
        iso=566,
        iso2="NG",
        country="Nigeria",
        admin1="Kano",
        location="Kano",
        latitude=12.0,
        longitude=8.517,
        geo_precision=1,
    )


def article(article_id: str, day: str = "2024-04-02") -> Article:
    return Article(id=article_id, text=f"report {article_id}", published=date.fromisoformat(day))


def test_open_creates_schema_by_migration_matching_the_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Store.open(db_url) as store:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
            version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        assert diff == []
        assert version == "0003"
    with Store.open(db_url) as store:  # opening again upgrades nothing and loses nothing
        assert store.counts().articles == 0


def test_articles_events_and_merging_persist(db_url: str) -> None:
    with Store.open(db_url) as store:
        first = store.write_article(article("reuters-1"), "h1", [balad_clash("reuters-1", fatalities=5)])
        second = store.write_article(
            article("afp-1"), "h2", [balad_clash("afp-1", fatalities=7, source="AFP")]
        )
        other = store.write_article(article("kano-1"), "h3", [kano_protest("kano-1")])
        assert not first[0].merged and not other[0].merged
        assert second[0].merged and second[0].cluster_id == first[0].cluster_id
        assert second[0].matched_key == "reuters-1#0"
        assert any("same day" in r for r in second[0].reasons)
        counts = store.counts()
        assert (counts.articles, counts.events, counts.clusters) == (3, 3, 2)

        merged = store.events(country="SO")
        assert len(merged) == 1
        ev = merged[0]
        assert ev.article_ids == ["reuters-1", "afp-1"]
        assert ev.fatalities == 5 and ev.fatalities_high == 7  # the conservative toll, the other beside
        assert set(ev.source.split("; ")) == {"Reuters", "AFP"}  # type: ignore[union-attr]
        assert any(r.startswith("afp-1:") for r in ev.merge_reasons)

        members = store.members(first[0].cluster_id)
        assert [m.key for m in members] == ["reuters-1#0", "afp-1#0"]
        assert members[0].score is None and members[1].score is not None and members[1].score >= 0.6
        assert len(store.events(merged=False)) == 3


def test_store_merges_as_the_in_memory_merger_does(db_url: str) -> None:
    from dateline.store.merge import EventMerger

    reports = [
        ("a", [balad_clash("a")]),
        ("k1", [kano_protest("k1")]),
        ("b", [balad_clash("b", "2024-04-03", fatalities=6), kano_protest("b", "2024-04-02")]),
        ("far", [balad_clash("far", "2024-05-20")]),  # weeks later: another clash
        ("elsewhere", [balad_clash("elsewhere", location="Kismayo", latitude=-0.358, longitude=42.545)]),
        ("month", [balad_clash("month", "2024-04-01", time_precision=3, fatalities=4)]),
        ("retyped", [balad_clash("retyped", sub_event_type="Peaceful protest")]),  # incompatible type
    ]
    merger = EventMerger()
    with Store.open(db_url) as store:
        stored: dict[str, int] = {}
        for aid, evs in reports:
            for p in store.write_article(article(aid), "h" + aid, evs):
                stored[p.key] = p.cluster_id
            for i, ev in enumerate(evs):
                merger.add(f"{aid}#{i}", ev)

    def partition(assign: dict[str, object]) -> list[list[str]]:
        groups: dict[object, list[str]] = {}
        for key, cid in assign.items():
            groups.setdefault(cid, []).append(key)
        return sorted(sorted(g) for g in groups.values())

    in_memory = {k: cid for cid, keys in merger.clusters().items() for k in keys}
    assert partition(stored) == partition(in_memory)
    assert partition(stored) == [
        ["a#0", "b#0", "month#0"],  # a day apart, and a month-precise report of it
        ["b#1", "k1#0"],  # the protest "b" also told of
        ["elsewhere#0"],
        ["far#0"],
        ["retyped#0"],
    ]


def test_changed_article_replaces_its_events_and_leaves_its_merged_event(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.write_article(article("a"), "h1", [balad_clash("a")])
        store.write_article(article("b"), "h2", [balad_clash("b", fatalities=6)])
        assert store.counts().clusters == 1
        # "b" is corrected: it was a protest in Kano, not the clash
        store.write_article(article("b"), "h2-v2", [kano_protest("b")])
        counts = store.counts()
        assert (counts.articles, counts.events, counts.clusters) == (2, 2, 2)
        clash = store.events(country="706")[0]
        assert clash.article_ids == ["a"] and clash.fatalities == 5 and clash.fatalities_high is None
        assert [e.sub_event_type for e in store.events(country="NGA")] == ["Peaceful protest"]
        # an article whose events are all gone leaves no empty merged event
        store.write_article(article("a"), "h1-v2", [])
        assert store.counts().clusters == 1 and store.counts().events == 1


def test_analyst_split_keeps_reports_apart_for_good(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.write_article(article("a"), "ha", [balad_clash("a")])
        store.write_article(article("b"), "hb", [balad_clash("b")])
        assert store.counts().clusters == 1
        result = store.split("b")  # an article id with one event names that event
        assert result.key == "b#0" and result.remaining == 1 and result.to_cluster != result.from_cluster
        assert sorted(e.article_ids for e in store.events()) == [["a"], ["b"]]
        # re-coding "b" (a corrected text) does not put it back with "a" ...
        store.write_article(article("b"), "hb2", [balad_clash("b", fatalities=4)])
        assert sorted(e.article_ids for e in store.events()) == [["a"], ["b"]]
        # ... while a new report of the same clash still joins one of them
        placed = store.write_article(article("c"), "hc", [balad_clash("c")])
        assert placed[0].merged
        assert store.counts().clusters == 2
        alone = "b#0" if placed[0].matched_key == "a#0" else "a#0"
        with pytest.raises(SplitError, match="not merged"):
            store.split(alone)
        with pytest.raises(SplitError, match="no stored event"):
            store.split("nonesuch")


def test_split_of_an_article_with_several_events_needs_the_event_key(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.write_article(article("two"), "h", [balad_clash("two"), kano_protest("two")])
        with pytest.raises(SplitError, match="two#0, two#1"):
            store.split("two")


def test_filters_by_date_country_type_and_background(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.write_article(article("a", "2024-04-02"), "ha", [balad_clash("a", "2024-04-02")])
        store.write_article(article("k", "2024-05-10"), "hk", [kano_protest("k", "2024-05-10")])
        store.write_article(
            article("old", "2024-05-10"), "ho", [balad_clash("old", "2023-01-05", is_background=True)]
        )
        assert [e.article_id for e in store.events()] == ["a", "k"]  # oldest first, background left out
        assert [e.article_id for e in store.events(include_background=True)] == ["old", "a", "k"]
        assert [e.article_id for e in store.events(since=date(2024, 5, 1))] == ["k"]
        assert [e.article_id for e in store.events(until=date(2024, 4, 30))] == ["a"]
        for code in ("NG", "nga", "566", 566):
            assert [e.article_id for e in store.events(country=code)] == ["k"]
        assert [e.article_id for e in store.events(event_type="battles")] == ["a"]
        assert [e.article_id for e in store.events(event_type="Peaceful protest")] == ["k"]


def test_dataframe_from_the_python_api(db_url: str) -> None:
    pytest.importorskip("dateline.export.formats")
    with Store.open(db_url) as store:
        store.write_article(article("a"), "ha", [balad_clash("a")])
        store.write_article(article("b"), "hb", [balad_clash("b", fatalities=9)])
        store.write_article(article("k"), "hk", [kano_protest("k")])
        frame = store.dataframe(country="SO")
    assert len(frame) == 1
    assert int(frame["fatalities"].iloc[0]) == 5


def test_json_record_round_trips_through_the_store(db_url: str) -> None:
    ev = balad_clash("rt", fatalities=3, injuries=4, claims=[], notes="On 2 April 2024, ...")
    with Store.open(db_url) as store:
        store.write_article(article("rt"), "h", [ev])
        [back] = store.events(merged=False)
    # the record comes back as written, plus what only the store knows (its id, key, time, region)
    added = {"event_id_cnty", "timestamp", "report_keys", "region", "review_status"}
    assert {k: v for k, v in back.to_dict().items() if k not in added} == {
        k: v for k, v in ev.to_dict().items() if k not in added
    }
    assert back.event_id_cnty is not None and back.event_id_cnty.startswith("SOM")
    assert back.report_keys == ["rt#0"] and back.region == "Eastern Africa" and back.timestamp
    assert back.review_status == "unreviewed"  # the review desk's state


def test_iso_numeric_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert iso_numeric("ML") == iso_numeric("MLI") == iso_numeric("466") == 466
    with pytest.raises(ValueError, match="unknown country"):
        iso_numeric("XX")
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.db"))
    assert default_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("DATELINE_DB")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path}/.local/share/dateline/dateline.db"
    with Store.open() as store:  # created with its folder, zero set-up
        assert store.counts().articles == 0
    assert (tmp_path / ".local/share/dateline/dateline.db").exists()


def test_snapshot_sees_every_table(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.write_article(article("a"), "ha", [balad_clash("a")])
    snap = snapshot(db_url)
    assert {name: len(rows) for name, rows in snap.items()} == {
        "articles": 1,
        "clusters": 1,
        "events": 1,
        "members": 1,
        "splits": 0,
        "cannot_link": 0,
        "article_texts": 1,
        "users": 0,
        "reviews": 0,
        "audit": 0,
        "desk_settings": 0,
    }
