"""Defaults and messages of the command line (issue 15, item 7): workers, --version, -v/-q after
the subcommand, store and output checks, the table's width, streaming, the progress bar, the
Python API's argument types and a reader that goes away (``| head``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import dateline
import dateline.parallel
import dateline.store.ingest
from dateline.cli import store as cli_store
from dateline.cli.main import build_parser, main
from dateline.parallel import CodingResult, available_cores
from dateline.pipeline import Pipeline

REPORTS = [
    {
        "id": "balcad",
        "published": "2024-04-02",
        "text": "MOGADISHU: Al-Shabaab fighters attacked an army base in the town of Balcad on Tuesday,"
        " killing five soldiers, a military officer said.",
    },
    {
        "id": "kano",
        "published": "2024-04-03",
        "text": "KANO: Gunmen killed three villagers in Kano state on Wednesday, police said.",
    },
]
TWO_EVENTS = Path(__file__).resolve().parent.parent / "examples" / "two-events.txt"


def _run(*args: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        **kw,
    )


@pytest.fixture()
def feed(tmp_path: Path) -> Path:
    p = tmp_path / "feed.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in REPORTS))
    return p


@pytest.fixture()
def empty_store(tmp_path: Path) -> Path:
    from dateline.store import Store

    path = tmp_path / "store.db"
    Store.open(str(path)).close()
    return path


class _Recorder:
    """Stands in for ``code_results``: records how it was called, codes nothing."""

    def __init__(self) -> None:
        self.workers: list[int | None] = []

    def __call__(self, articles: Iterable[Any], **kw: Any) -> Iterator[CodingResult]:
        self.workers.append(kw.get("workers"))
        list(articles)
        yield from ()


# ---------------------------------------------------------------------- workers


ALL = available_cores()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [([], ALL), (["--workers", "0"], ALL), (["--workers", "1"], 1), (["--workers", "3"], 3)],
)
def test_code_uses_all_cores_by_default(
    argv: list[str], expected: int, feed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = _Recorder()
    monkeypatch.setattr(dateline.parallel, "code_results", rec)
    main(["code", *argv, str(feed)])
    assert rec.workers == [expected]


class _Stop(Exception):
    pass


def test_ingest_workers_0_means_all_cores(
    feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []

    def fake_ingest(*args: Any, **kw: Any) -> None:
        seen.append(kw["workers"])
        raise _Stop

    monkeypatch.setattr(dateline.store.ingest, "ingest", fake_ingest)
    for argv in (["--workers", "0"], [], ["--workers", "2"]):
        with pytest.raises(_Stop):
            main(["ingest", *argv, "--db", str(tmp_path / "s.db"), str(feed)])
    assert seen == [None, None, 2]  # None: the machine's cores


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_negative_workers_is_an_error(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args([command, "--workers", "-1", "x"])
    assert info.value.code == 2
    assert "argument --workers: must be 0 (all cores) or more" in capsys.readouterr().err


# ---------------------------------------------------------------------- version, -v, -q


def test_version() -> None:
    proc = _run("--version")
    assert (proc.returncode, proc.stdout) == (0, f"dateline {dateline.__version__}\n")


def test_verbosity_after_the_subcommand() -> None:
    p = build_parser()
    args = p.parse_args(["code", "-q", "f.txt"])
    assert (args.sub_quiet, args.paths) == (True, ["f.txt"])
    args = p.parse_args(["export", "--format", "geojson", "-vv"])
    assert args.sub_verbose == 2
    args = p.parse_args(["-q", "eval", "geo", "x.xml"])
    assert args.quiet is True
    args = p.parse_args(["eval", "records", "-v", "d", "g"])  # its own -v: list every event
    assert args.verbose is True


def test_quiet_export_prints_no_summary(empty_store: Path) -> None:
    loud = _run("export", "--format", "geojson", "--db", str(empty_store))
    assert loud.returncode == 0 and loud.stderr == "dateline: 0 events written\n"
    quiet = _run("export", "--format", "geojson", "--db", str(empty_store), "-q")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert json.loads(quiet.stdout)["features"] == []


# ---------------------------------------------------------------------- export checks


def test_export_from_a_missing_store_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "typo.db"
    assert main(["export", "--format", "acled-csv", "--db", str(db)]) == 1
    assert capsys.readouterr().err == (
        f"dateline: error: no store at {db}; create one with `dateline ingest --db {db} PATH...`\n"
    )
    assert not db.exists()  # no empty store made
    assert main(["split", "X#1", "--db", f"sqlite:///{db}"]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not db.exists()


def test_unknown_event_type_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    p = build_parser()
    with pytest.raises(SystemExit) as info:
        p.parse_args(["export", "--format", "geojson", "--type", "Batles"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --type: unknown event type 'Batles'; use an ACLED event type (Battles, " in err
    assert "Strategic developments" in err and "Armed clash" in err
    assert (
        p.parse_args(["export", "--format", "geojson", "--type", "armed clash"]).event_type == "armed clash"
    )


def test_since_after_until_is_an_error(empty_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["export", "--format", "geojson", "--db", str(empty_store)]
    assert main([*argv, "--since", "2024-05-01", "--until", "2024-04-01"]) == 1
    assert capsys.readouterr().err == "dateline: error: --since 2024-05-01 is after --until 2024-04-01\n"
    assert main([*argv, "--since", "2024-04-01", "--until", "2024-04-01"]) == 0


def test_export_output_to_a_folder_is_an_error(
    empty_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "geojson", "--db", str(empty_store), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"dateline: error: {tmp_path}: is a folder; give a file name\n"


# ---------------------------------------------------------------------- code output


@pytest.mark.parametrize("flag", ["-o", "--save"])
def test_code_output_is_checked_before_coding(
    flag: str, feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = _Recorder()
    monkeypatch.setattr(dateline.parallel, "code_results", rec)
    assert main(["code", str(feed), flag, str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"dateline: error: {tmp_path}: is a folder; give a file name\n"
    blocked = feed / "out.jsonl"  # a file's "folder": cannot be created
    assert main(["code", str(feed), flag, str(blocked)]) == 1
    assert capsys.readouterr().err == f"dateline: error: {blocked}: cannot write ({feed} is not a folder)\n"
    assert rec.workers == []  # nothing was coded


def test_code_streams_each_article_as_it_finishes(
    feed: Path, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dateline.parallel.code_results
    out, save = tmp_path / "out.jsonl", tmp_path / "save.jsonl"
    seen: list[tuple[str, str, str]] = []

    def watched(articles: Iterable[Any], **kw: Any) -> Iterator[CodingResult]:
        for r in real(articles, **kw):
            seen.append((r.article.id, out.read_text(), save.read_text()))  # written so far
            yield r

    monkeypatch.setattr(dateline.parallel, "code_results", watched)
    assert main(["code", "--workers", "1", str(feed), "-o", str(out), "--save", str(save)]) == 0
    (first, before1, _), (second, before2, saved2) = seen
    assert (first, second) == ("balcad", "kano")
    assert before1 == ""  # nothing yet when the first article comes back
    assert {json.loads(line)["article_id"] for line in before2.splitlines()} == {"balcad"}
    assert before2 == saved2 != ""
    final = [json.loads(line)["article_id"] for line in out.read_text().splitlines()]
    assert "kano" in final and final[0] == "balcad"


def test_code_csv_header_then_rows_per_article(
    feed: Path, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dateline.parallel.code_results
    out = tmp_path / "out.csv"
    so_far: list[str] = []

    def watched(articles: Iterable[Any], **kw: Any) -> Iterator[CodingResult]:
        for r in real(articles, **kw):
            so_far.append(out.read_text())
            yield r

    monkeypatch.setattr(dateline.parallel, "code_results", watched)
    assert main(["code", "--workers", "1", "--format", "csv", str(feed), "-o", str(out)]) == 0
    assert so_far[0].startswith("event_id_cnty,event_date,") and so_far[0].count("\n") == 1  # header only
    assert "balcad" in so_far[1]
    assert out.read_text().count("event_id_cnty") == 1


def test_table_fits_the_terminal_and_marks_background(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["code", "--workers", "1", "--background", "--format", "table", str(TWO_EVENTS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "3 event(s)" in lines[0]
    assert sum("background" in line for line in lines) == 2  # the event's mark and the caption
    assert "1 background: past events the reports recall, not new ones" in lines[-1]


class _FakeBar:
    def __init__(self) -> None:
        self.calls: list[str] = []
        bars.append(self)

    def start(self, total: int | None) -> None:
        self.calls.append(f"start {total}")

    def advance(self, n: int = 1) -> None:
        self.calls.append("advance")

    def stop(self) -> None:
        self.calls.append("stop")


bars: list[_FakeBar] = []


def test_progress_bar_on_a_terminal_only(
    feed: Path, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    bars.clear()
    monkeypatch.setattr(cli_store, "_Bar", _FakeBar)
    monkeypatch.setattr(cli_store, "show_progress", lambda: True)
    assert main(["code", "--workers", "1", str(feed), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert [b.calls for b in bars] == [["start None", "advance", "advance", "stop"]]
    assert main(["code", "-q", "--workers", "1", str(feed), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert len(bars) == 1  # quiet: no bar
    monkeypatch.setattr(cli_store, "show_progress", lambda: False)  # a pipe, a file or CI
    assert main(["code", "--workers", "1", str(feed), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert len(bars) == 1


def test_show_progress_needs_a_terminal_and_no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    assert cli_store.show_progress() is True
    monkeypatch.setenv("CI", "true")
    assert cli_store.show_progress() is False


# ---------------------------------------------------------------------- | head


def _closed_reader(*args: str) -> tuple[int, str]:
    """Run the CLI with a stdout whose reader has already gone, as ``| head`` leaves it."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "dateline.cli.main", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


def test_eval_geo_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    xml = tmp_path / "tr.xml"
    xml.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<articles><article docid="1"><title>t</title>'
        "<text><![CDATA[Police in Aleppo arrested a man.]]></text><toponyms><toponym>"
        "<phrase>Aleppo</phrase><start>10</start><end>16</end></toponym></toponyms></article></articles>\n",
        encoding="utf-8",
    )
    code, err = _closed_reader("eval", "geo", str(xml))
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert (code, err) == (0, "")


def test_code_into_a_closed_pipe_is_quiet(feed: Path) -> None:
    code, err = _closed_reader("code", "--workers", "1", str(feed))
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert (code, err) == (0, "")


# ---------------------------------------------------------------------- Python API


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": b"Gunmen killed two."}, "dateline.code(): text must be a str (decode bytes first"),
        ({"text": None}, "dateline.code(): text must be a str"),
        (
            {"text": "x", "published": 20240402},
            "dateline.code(): published must be a date, a 'YYYY-MM-DD' str",
        ),
        ({"text": "x", "include_background": "yes"}, "dateline.code(): include_background must be a bool"),
        ({"text": "x", "article_id": 7}, "dateline.code(): article_id must be a str, not int"),
    ],
)
def test_code_argument_types(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError) as info:
        dateline.code(**kwargs)
    assert str(info.value).startswith(message)


def test_code_article_argument_type() -> None:
    with pytest.raises(TypeError, match=r"dateline.code_article\(\): article must be a dateline.Article"):
        dateline.code_article("Gunmen killed two.")  # type: ignore[arg-type]


def test_code_accepts_a_datetime(pipeline: Pipeline) -> None:
    from datetime import datetime

    events = dateline.code(REPORTS[0]["text"], published=datetime(2024, 4, 2, 9, 30))
    assert events and events[0].event_date == date(2024, 4, 2).isoformat()
