"""``dateline ingest``/``export``/``split`` on real reports: idempotent, resumable after kill -9.

The reports are written here from templates (the project's own words): incidents in Nigerian
towns, each told by two outlets in different words, so that merging has something to merge.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.cli.main import main
from dateline.store import Store
from dateline.store.ingest import ingest, text_hash
from dateline.store.schema import articles, clusters, events, members
from store_pg import db_url_fixture, pg_server_fixture, snapshot  # noqa: F401  (fixtures)

TOWNS = [
    ("Gusau", "Zamfara"),
    ("Katsina", "Katsina"),
    ("Bauchi", "Bauchi"),
    ("Damaturu", "Yobe"),
    ("Makurdi", "Benue"),
    ("Sokoto", "Sokoto"),
    ("Minna", "Niger"),
    ("Lafia", "Nasarawa"),
    ("Kaduna", "Kaduna"),
    ("Kano", "Kano"),
]


def write_reports(folder: Path, incidents: int) -> list[str]:
    """Two reports (Reuters and AFP wording) per incident, one .txt file each; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2025, 3, 3)
    ids = []
    for i in range(incidents):
        town, state = TOWNS[i % len(TOWNS)]
        published = start + timedelta(days=4 * i + 1)
        weekday = (published - timedelta(days=1)).strftime("%A")
        n = 3 + i % 7
        texts = {
            f"{i:03d}-reuters.txt": f"date {published}\n\n{town.upper()}: Gunmen killed {n} villagers in"
            f" {town}, {state} state, on {weekday}, police said. – Reuters\n",
            f"{i:03d}-afp.txt": f"date {published}\n\nAt least {n + 2} people were killed when armed men"
            f" attacked {town} in Nigeria's {state} state on {weekday}, residents told AFP. – AFP\n",
        }
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
            ids.append(name)
    return ids


def check_invariants(url: str, expected_ids: list[str]) -> None:
    """Every article once; every report-event once, in exactly one merged event."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        ids = conn.execute(sa.select(articles.c.id)).scalars().all()
        assert sorted(ids) == sorted(expected_ids)
        n_events = dict(conn.execute(sa.select(articles.c.id, articles.c.n_events)).all())
        per_article = Counter(conn.execute(sa.select(events.c.article_id)).scalars())
        assert {a: per_article.get(a, 0) for a in ids} == n_events
        member_ids = conn.execute(sa.select(members.c.event_id)).scalars().all()
        event_ids = conn.execute(sa.select(events.c.id)).scalars().all()
        assert sorted(member_ids) == sorted(event_ids)
        assert conn.execute(sa.select(sa.func.count()).where(events.c.cluster_id.is_(None))).scalar() == 0
    engine.dispose()


def content(url: str) -> dict[str, list[tuple[object, ...]]]:
    """The store's contents without row ids (which a sequence may skip): report-events by key,
    merged events by the keys of their report-events, with their records and reasons."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        evs = conn.execute(sa.select(events.c.key, events.c.record)).all()
        q = sa.select(
            events.c.cluster_id, events.c.key, members.c.score, members.c.matched_key, members.c.reasons
        )
        groups: dict[int, list[tuple[object, ...]]] = {}
        for cluster_id, key, score, matched, reasons in conn.execute(q.join(members)):
            groups.setdefault(cluster_id, []).append((key, score, matched, json.dumps(reasons)))
        records = dict(conn.execute(sa.select(clusters.c.id, clusters.c.record)).all())
    engine.dispose()
    return {
        "events": sorted((k, json.dumps(r, sort_keys=True)) for k, r in evs),
        "clusters": sorted(
            (tuple(sorted(ms)), json.dumps(records[cid], sort_keys=True)) for cid, ms in groups.items()
        ),
    }


def test_ingest_twice_leaves_the_store_unchanged(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = write_reports(tmp_path / "feed", 3)
    assert main(["ingest", str(tmp_path / "feed"), "--db", db_url, "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "6 read, 6 coded" in err
    assert "ETA" not in err and "\r" not in err  # no progress bar outside a terminal
    before = snapshot(db_url)
    check_invariants(db_url, ids)
    assert len(before["events"]) >= 6
    assert len(before["clusters"]) < len(before["events"])  # some reports were merged

    assert main(["ingest", str(tmp_path / "feed"), "--db", db_url, "--workers", "1"]) == 0
    assert "6 unchanged" in capsys.readouterr().err
    assert snapshot(db_url) == before


def test_changed_article_is_recoded_and_duplicates_are_not(db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    write_reports(feed, 2)
    with Store.open(db_url) as store:
        first = ingest(store, [str(feed)], workers=1)
        assert (first.coded, first.duplicates) == (4, 0)
        # the Reuters report is corrected: a different toll
        path = feed / "000-reuters.txt"
        path.write_text(path.read_text().replace("killed 3 villagers", "killed 11 villagers"))
        # the same AFP text again under another name (spacing and case aside): a duplicate
        copy = (feed / "001-afp.txt").read_text()
        (feed / "zz-copy.txt").write_text(copy.replace(" people", "  People"))
        second = ingest(store, [str(feed)], workers=1)
        assert (second.coded, second.recoded, second.unchanged, second.duplicates) == (0, 1, 3, 1)
        report_events = {e.article_id: e for e in store.events(merged=False)}
        assert report_events["000-reuters.txt"].fatalities == 11
        assert "zz-copy.txt" not in report_events
        assert store.counts().duplicates == 1
        third = ingest(store, [str(feed)], workers=1)
        assert (third.coded, third.recoded, third.unchanged, third.duplicates) == (0, 0, 5, 0)
    check_invariants(db_url, [p.name for p in feed.iterdir()])


def test_normalized_text_hash_ignores_case_spacing_and_the_date_header() -> None:
    from dateline.ingest.text import parse_plain_text

    a = parse_plain_text("date 2025-01-02\n\nGunmen  killed two\nfarmers.", "a")
    b = parse_plain_text("GUNMEN killed two farmers. ", "b")
    c = parse_plain_text("Gunmen killed three farmers.", "c")
    assert text_hash(a) == text_hash(b) != text_hash(c)


@pytest.fixture(scope="module")
def kill_feed(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[str], dict[str, list[tuple[object, ...]]]]:
    """40 small reports, and the store contents one uninterrupted run leaves."""
    root = tmp_path_factory.mktemp("kill")
    ids = write_reports(root / "feed", 20)
    url = f"sqlite:///{root / 'clean.db'}"
    with Store.open(url) as clean:
        ingest(clean, [str(root / "feed")], workers=1)
    return root / "feed", ids, content(url)


def test_kill_minus_nine_mid_batch_then_rerun_loses_and_duplicates_nothing(
    db_url: str, kill_feed: tuple[Path, list[str], dict[str, list[tuple[object, ...]]]]
) -> None:
    feed, ids, reference = kill_feed
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "ingest", str(feed), "--db", db_url, "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    engine = sa.create_engine(db_url)
    stored = 0
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with engine.connect() as conn:
                    stored = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() or 0
            except sa.exc.DBAPIError:
                stored = 0  # the tables are being created
            if stored >= 3:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        engine.dispose()
    assert proc.returncode == -signal.SIGKILL
    with Store.open(db_url) as store:
        partial = store.counts().articles
        assert 3 <= partial < len(ids)  # killed mid-batch
        report = ingest(store, [str(feed)], workers=1)
        assert report.unchanged == partial and report.coded == len(ids) - partial
    check_invariants(db_url, ids)
    assert content(db_url) == reference  # the same as one uninterrupted run


def test_export_round_trip_with_filters(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("dateline.export.formats")
    write_reports(tmp_path / "feed", 3)
    assert main(["ingest", str(tmp_path / "feed"), "--db", db_url, "--workers", "1"]) == 0
    with Store.open(db_url) as store:
        merged = store.events()
    capsys.readouterr()
    out = tmp_path / "events.jsonl"
    assert main(["export", "--format", "plover-jsonl", "--db", db_url, "-o", str(out)]) == 0
    assert f"{len(merged)} events written" in capsys.readouterr().err
    assert len(out.read_text().splitlines()) == len(merged)
    geo = tmp_path / "events.geojson"
    assert main(["export", "--format", "geojson", "--db", db_url, "-o", str(geo), "--country", "NGA"]) == 0
    assert len(json.loads(geo.read_text())["features"]) == len(merged)
    assert main(["export", "--format", "acled-csv", "--db", db_url, "--country", "ML"]) == 0
    assert capsys.readouterr().out.count("\n") <= 1  # the header only: nothing in Mali
    until = tmp_path / "until.csv"
    first_day = min(e.event_date for e in merged if e.event_date)
    assert (
        main(["export", "--format", "acled-csv", "--db", db_url, "--until", str(first_day), "-o", str(until)])
        == 0
    )
    assert 1 <= len(until.read_text().splitlines()) - 1 < len(merged)
    parquet = tmp_path / "events.parquet"
    assert main(["export", "--format", "parquet", "--db", db_url, "-o", str(parquet)]) == 0
    import pandas

    assert len(pandas.read_parquet(parquet)) == len(merged)
    assert main(["export", "--format", "acled-csv", "--db", db_url, "--country", "Narnia"]) == 1


def test_split_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    write_reports(tmp_path / "feed", 1)
    assert main(["ingest", str(tmp_path / "feed"), "--db", url, "--workers", "1"]) == 0
    with Store.open(url) as store:
        [merged] = store.events()
        assert merged.article_ids == ["000-afp.txt", "000-reuters.txt"]
    assert main(["split", "000-reuters.txt", "--db", url]) == 0
    assert "will not be merged again" in capsys.readouterr().out
    with Store.open(url) as store:
        assert sorted(e.article_ids for e in store.events()) == [["000-afp.txt"], ["000-reuters.txt"]]
    assert main(["split", "000-reuters.txt", "--db", url]) == 1
    assert "not merged with any other report" in capsys.readouterr().err


def test_ingest_on_a_dask_cluster_of_two_workers(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    ids = write_reports(tmp_path / "feed", 2)
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    dask_url = f"sqlite:///{tmp_path / 'dask.db'}"
    with Store.open(local_url) as store:
        ingest(store, [str(tmp_path / "feed")], workers=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Store.open(dask_url) as store,
    ):
        report = ingest(store, [str(tmp_path / "feed")], scheduler=cluster.scheduler_address)
    assert report.coded == len(ids)
    check_invariants(dask_url, ids)
    assert content(dask_url) == content(local_url)


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.cli import store as cli_store

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    assert cli_store.show_progress()
    monkeypatch.setenv("CI", "true")
    assert not cli_store.show_progress()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    monkeypatch.delenv("CI")
    assert not cli_store.show_progress()


def test_jsonl_feed_from_stdin_last_version_wins_and_titles_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    url = f"sqlite:///{tmp_path / 'store.db'}"
    first = "Gunmen killed four villagers in Gusau, Zamfara state, on Monday, police said."
    fixed = "Gunmen killed six villagers in Gusau, Zamfara state, on Monday, police said."
    lines = [
        {"id": "z1", "text": first, "published": "2025-03-04", "title": "Four killed"},
        {"id": "z1", "text": fixed, "published": "2025-03-04", "title": "Six killed"},  # a correction
    ]
    feed = "".join(json.dumps(x) + "\n" for x in lines).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed)))
    with Store.open(url) as store:
        report = ingest(store, ["-"], workers=1)
        assert (report.read, report.coded) == (2, 1)
        [ev] = store.events(merged=False)
        assert ev.fatalities == 6
        # the same text again with a new title: nothing is coded, the title is updated
        lines[1]["title"] = "Six villagers killed in Gusau"
        again = tmp_path / "again.jsonl"
        again.write_text(json.dumps(lines[1]) + "\n")
        report = ingest(store, [str(again)], workers=1)
        assert (report.coded, report.recoded, report.unchanged) == (0, 0, 1)
        assert store.stored_articles(["z1"])["z1"].title == "Six villagers killed in Gusau"


def test_unreadable_inputs_are_reported_and_the_rest_ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    write_reports(tmp_path / "feed", 1)
    (tmp_path / "feed" / "empty.txt").write_text("")
    assert main(["ingest", str(tmp_path / "feed"), "--db", url, "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "2 read, 2 coded" in err
    assert main(["ingest", str(tmp_path / "nothing-here"), "--db", url, "--workers", "1"]) == 1
