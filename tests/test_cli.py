"""The command line: formats, stdin, errors that name the input, and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.model import ACLED_COLUMNS

REPORT = (
    "date 2024-04-02\n\nMOGADISHU: Al-Shabaab fighters attacked an army base in the town of Balcad "
    "on Tuesday, killing five soldiers, a military officer said. – Reuters\n"
)


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    p = tmp_path / "balcad.txt"
    p.write_text(REPORT)
    return p


def test_jsonl_one_event_per_line_with_article_id(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(report)]) == 0
    lines = capsys.readouterr().out.splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == 1
    ev = events[0]
    assert ev["article_id"] == "balcad.txt"
    assert ev["sub_event_type"] == "Armed clash"
    assert ev["actor1"] == "Al Shabaab" and ev["fatalities"] == 5
    assert ev["location"] in ("Balcad", "Balad") and ev["country"] == "Somalia"  # GeoNames spells it Balad


def test_csv_has_acled_header(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(report), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) == 2


def test_table_and_save(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "out" / "events.jsonl"
    assert main(["code", str(report), "--format", "table", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Armed clash" in out and "Somalia" in out
    assert json.loads(saved.read_text().splitlines()[0])["article_id"] == "balcad.txt"


def test_published_flag_dates_reports_without_a_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "x.txt"
    p.write_text("Police arrested 40 protesters in Harare on Monday, a police spokesman said.")
    assert main(["code", str(p), "--published", "2024-05-08"]) == 0  # a Wednesday
    ev = json.loads(capsys.readouterr().out.splitlines()[0])
    assert ev["event_date"] == "2024-05-06" and ev["arrests"] == 40


def test_bad_inputs_are_reported_and_the_rest_is_coded(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Gunmen killed two farmers in Zamfara on Monday."}\n{"id": oops}\n')
    assert main(["code", str(empty), str(report), str(bad), "--published", "2024-04-03"]) == 0
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert f"dateline: error: {empty}: empty file" in err
    assert any(line.startswith(f"dateline: error: {bad}:2: malformed JSON") for line in err)
    assert "Traceback" not in captured.err
    ids = {json.loads(line)["article_id"] for line in captured.out.splitlines()}
    assert ids == {"balcad.txt", "ok"}


def test_exit_code_is_non_zero_only_when_nothing_is_coded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    assert main(["code", str(empty)]) == 1
    assert capsys.readouterr().err.startswith(f"dateline: error: {empty}: empty file")


def test_bad_published_date_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["code", "-", "--published", "next week"])
    assert exc.value.code == 2
    assert "unparseable date 'next week'" in capsys.readouterr().err


def test_stdin_through_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dateline", "code", "-", "--format", "jsonl"],
        input=REPORT.encode(),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    ev = json.loads(proc.stdout.decode().splitlines()[0])
    assert ev["article_id"] == "stdin" and ev["event_date"] == "2024-04-02"
