"""The hostile-input corpus, generated here (never a file in the repo), run through every command
that reads input (``code``, ``ingest``, ``geoparse``) as real processes with a timeout as a hang
guard: no traceback, one line per bad input naming it, and the good inputs still coded.

Each command runs once over the whole corpus folder (plus a FIFO and a device named on the command
line), so the module costs three process starts."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest.readers import MAX_REPORT_BYTES

TIMEOUT = 240  # a hang guard only: the three runs take seconds each

CLEAN = (
    "date 2024-03-05\n\nGOMA, Congo: Rebels shelled a camp on Tuesday, killing four people, "
    "local officials said. – Reuters\n"
)
# the same report with zero-width and bidi marks inside its words
MARKED = (
    CLEAN.replace("shelled", "sh\u200belled")
    .replace("killing", "kil\u00adling")
    .replace("four", "\u202afour\u202c")
    .replace("people", "peo\ufeffple")
    .replace("Rebels", "Reb\u200del\u200ds")
    .replace("camp", "ca\u2066mp\u2069")
)
HTML = """<!doctype html><html><head><title>Camp shelled</title>
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<script>var lead = "Gunmen killed 999 people in Paris on Monday, police said.";</script></head>
<body><nav>Home | World | Paris</nav><article><h1>Camp shelled</h1>
<p>BAMAKO (Reuters) - Soldiers clashed with jihadists near Gao on Monday, killing six fighters.</p>
<script>document.write("Gunmen killed 999 people in Paris.")</script></article></body></html>
"""
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Arrests in Harare</title><link>https://wire.example/harare</link>
<pubDate>Wed, 08 May 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Police arrested 40 protesters in Harare on Monday.&lt;/p&gt;</description></item>
</channel></rss>
"""


@dataclass(frozen=True)
class Corpus:
    root: Path  # the folder
    fifo: Path  # a named pipe inside it
    denied_readable: bool  # root reads a chmod 000 file


def _write_corpus(root: Path) -> Corpus:
    root.mkdir()
    good = json.dumps({"id": "good-line", "text": "Gunmen killed three villagers in Zamfara on Monday."})
    (root / "hostile.jsonl").write_text(
        "\n".join(
            [
                "[" * 100_000 + "]" * 100_000,  # nested 100,000 deep
                '{"id": "huge-int", "text": "Troops clashed.", "n": ' + "7" * 5000 + "}",  # 5,000 digits
                '{"id": "late", "text": "Troops clashed.", "published": "0001-01-01"}',
                good,
            ]
        )
        + "\n"
    )
    with (root / "longline.jsonl").open("w") as fh:
        fh.write('{"id": "long", "text": "' + "a" * (MAX_REPORT_BYTES + 10) + '"}\n')
        fh.write(
            json.dumps({"id": "after-long", "text": "Riot police fired tear gas in Nairobi on Friday."})
            + "\n"
        )
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG\x00" * 50)
    (root / "utf16.txt").write_bytes(
        "Police arrested 12 students in Khartoum on Sunday, witnesses said.".encode("utf-16")
    )
    (root / "latin1.txt").write_bytes("Soldats tués à Gao lundi.".encode("latin-1"))
    (root / "bom.txt").write_bytes("\ufeffProtesters marched in Lagos on Saturday.".encode())
    (root / "empty.txt").write_text("")
    denied = root / "denied.txt"
    denied.write_text("Militants attacked a checkpoint in Kidal on Monday.")
    denied.chmod(0)
    (root / "zeroday.txt").write_text("date 0001-01-01\n\nGunmen killed two people in Kano.")
    (root / "clean.txt").write_text(CLEAN)
    (root / "marked.txt").write_text(MARKED)
    (root / "page.html").write_text(HTML)
    (root / "wire.rss").write_text(RSS)
    (root / "sheet.csv").write_text(
        "id,title,date,text\n"
        'csv-1,=HYPERLINK("http://evil.example"),2024-04-02,'
        '"Gunmen killed two farmers in Zamfara on Monday."\n'
        "csv-2,@SUM(1+1),2024-04-02,\"=cmd|' /C calc'!A0\"\n"
    )
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)
    try:
        denied_readable = bool(denied.read_bytes())
    except PermissionError:
        denied_readable = False
    return Corpus(root, fifo, denied_readable)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        check=False,
        env={**os.environ, "CI": "1"},
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _write_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="module")
def runs(
    corpus: Corpus, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each command once over the folder, the FIFO and a device named on the command line."""
    work = tmp_path_factory.mktemp("runs")
    extra = [str(corpus.fifo), "/dev/zero"]
    db = f"sqlite:///{work / 'store.db'}"
    return {
        "code": _run(["code", str(corpus.root), *extra, "--workers", "1", "--background"], work),
        "ingest": _run(["ingest", str(corpus.root), *extra, "--db", db, "--workers", "1"], work),
        "geoparse": _run(["geoparse", str(corpus.root), *extra], work),
    }


def _bad_lines(corpus: Corpus) -> dict[str, str]:
    """The one line each bad input gets, in every command."""
    r = corpus.root
    window = f"is outside the accepted window (1900-01-01 to {date.today().year + 1}-12-31)"
    lines = {
        "deep": f"dateline: error: {r / 'hostile.jsonl'}:1: malformed JSON (nested too deeply)",
        "huge-int": f"dateline: error: {r / 'hostile.jsonl'}:2: malformed JSON (a number of more than "
        f"{sys.get_int_max_str_digits()} digits)",
        "late": f'dateline: error: {r / "hostile.jsonl"}:3: "published": date 0001-01-01 {window}',
        "long": f"dateline: error: {r / 'longline.jsonl'}:1: line longer than {MAX_REPORT_BYTES:,} bytes",
        "binary": f"dateline: error: {r / 'binary.txt'}: binary file, not text (contains NUL bytes; "
        "UTF-16 needs a byte-order mark)",
        "latin1": f"dateline: error: {r / 'latin1.txt'}: invalid UTF-8 at byte 10",
        "empty": f"dateline: error: {r / 'empty.txt'}: empty file",
        "zeroday": f"dateline: error: {r / 'zeroday.txt'}:1: date 0001-01-01 {window}",
        "fifo-in-folder": f"dateline: skipped: {corpus.fifo}: a named pipe (FIFO), not a regular file: "
        "only files and - (stdin) are read",
        "fifo": f"dateline: error: {corpus.fifo}: a named pipe (FIFO), not a regular file: "
        "only files and - (stdin) are read",
        "device": "dateline: error: /dev/zero: a character device, not a regular file: "
        "only files and - (stdin) are read",
        "png": f"dateline: skipped: {r / 'photo.png'}: a .png file, not a report",
    }
    if not corpus.denied_readable:
        lines["denied"] = f"dateline: error: {r / 'denied.txt'}: cannot read file (Permission denied)"
    return lines


GOOD_IDS = {
    "good-line",
    "after-long",
    "utf16.txt",
    "bom.txt",
    "clean.txt",
    "marked.txt",
    "page.html",
    "https://wire.example/harare",
    "csv-1",
    "csv-2",
}


@pytest.mark.parametrize("command", ["code", "ingest", "geoparse"])
def test_no_traceback_and_one_line_per_bad_input(
    command: str, corpus: Corpus, runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    proc = runs[command]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    err = proc.stderr.splitlines()
    for what, line in _bad_lines(corpus).items():
        assert err.count(line) == 1, (what, line, err)
    # every input-error line names a file of the corpus (or the device)
    for line in err:
        if line.startswith(("dateline: error: /", "dateline: skipped: /")):
            assert str(corpus.root) in line or "/dev/zero" in line, line


def test_code_codes_the_good_inputs(
    corpus: Corpus, runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    events = [json.loads(x) for x in runs["code"].stdout.splitlines()]
    ids = {e["article_id"] for e in events}
    expected = GOOD_IDS - {"csv-2", "utf16.txt", "bom.txt", "after-long"}  # these hold no event to code
    if corpus.denied_readable:
        expected = expected | {"denied.txt"}
    assert expected <= ids, ids
    # the <script> strings never became events: no Paris, no 999
    html = [e for e in events if e["article_id"] == "page.html"]
    assert html and all(e["fatalities"] != 999 and e["location"] != "Paris" for e in html)

    # the report with zero-width and bidi marks gives what the clean one gives
    def key(e: dict) -> tuple:
        return (e["event_type"], e["sub_event_type"], e["location"], e["fatalities"], e["event_date"])

    clean = sorted(key(e) for e in events if e["article_id"] == "clean.txt")
    marked = [e for e in events if e["article_id"] == "marked.txt"]
    assert clean and sorted(key(e) for e in marked) == clean
    # and its evidence points into the text as given, marks included
    text = (corpus.root / "marked.txt").read_text()
    for e in marked:
        for spans in e["evidence"].values():
            for start, end, said in spans:
                assert text[start:end] == said
    shelled = [s for e in marked for s in e["evidence"].get("sub_event_type", []) if "ell" in s[2]]
    assert shelled and shelled[0][2] == "sh\u200belled"


def test_ingest_stores_the_good_inputs(
    runs: dict[str, subprocess.CompletedProcess[str]], corpus: Corpus
) -> None:
    proc = runs["ingest"]
    db = Path(proc.args[proc.args.index("--db") + 1].removeprefix("sqlite:///"))
    with sqlite3.connect(db) as con:
        stored = {row[0] for row in con.execute("SELECT id FROM articles")}
    expected = GOOD_IDS | ({"denied.txt"} if corpus.denied_readable else set())
    assert stored == expected


def test_geoparse_reads_every_good_input(
    runs: dict[str, subprocess.CompletedProcess[str]], corpus: Corpus
) -> None:
    out = {o["id"]: o["places"] for o in map(json.loads, runs["geoparse"].stdout.splitlines())}
    expected = GOOD_IDS | ({"denied.txt"} if corpus.denied_readable else set())
    assert set(out) == expected
    assert {"Gao"} <= {p["text"] for p in out["page.html"]}
    assert "Paris" not in {p["text"] for p in out["page.html"]}
    assert {p["text"] for p in out["marked.txt"]} == {p["text"] for p in out["clean.txt"]}
