"""A broken user actor file ($DATELINE_ACTORS) is one line naming the file, the line and the
problem, exit code 1, instead of a traceback on every run (issue 15, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.actors.dictionary import ActorDictionary, ActorFileError, read_actor_file
from dateline.cli.main import main

SHIPPED = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "actors" / "groups.yaml"

#: (file content, the line reported, the problem reported)
BROKEN: list[tuple[bytes, int, str]] = [
    (
        b"- name: Yan Sakai\n  aliases: [Yan Sakai, Sakai\n",
        3,
        "invalid YAML: while parsing a flow sequence (from line 2), expected ',' or ']'",
    ),
    (b"- name: A\n\tinter: 2\n", 2, "invalid YAML: "),
    (b"name: Zamfara Vigilante Group\ninter: 4\n", 1, "an actor file is a YAML list of actors"),
    (b"- Zamfara Vigilante Group\n", 1, "actor 1: expected a mapping with a 'name', got a string"),
    (b"- name: Good\n  inter: 3\n- aliases: [Yan Sakai]\n  inter: 4\n", 3, "actor 2 has no 'name'"),
    (b"- name: ''\n  inter: 4\n", 1, "actor 1: 'name' must be a non-empty string"),
    (b"- name: Good\n- name: Bad Group\n  inter: 12\n", 3, "Bad Group: 'inter' must be an ACLED inter"),
    (b"- name: G\n  inter: four\n", 2, "G: 'inter' must be an ACLED inter code 1-8, got 'four'"),
    (b"- name: G\n  inter: 0\n", 2, "G: 'inter' must be an ACLED inter code 1-8, got 0"),
    (b"- name: G\n  aliases: Yan Sakai\n", 2, "G: 'aliases' must be a list of strings, got string"),
    (b"- name: G\n  countries: [NG, ZZ]\n", 2, "G: 'ZZ' is not an ISO 3166 alpha-2 country code"),
    (b"- name: G\n  alias: [Yan Sakai]\n", 2, "G: unknown field 'alias'"),
    (b"- name: G\n  uncertain: maybe\n", 2, "G: 'uncertain' must be true or false, got 'maybe'"),
    (b"- name: G\n\xff\xfe  inter: 2\n", 2, "not UTF-8 text"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "line", "problem"), BROKEN)
def test_each_broken_form_names_file_line_and_problem(
    tmp_path: Path, content: bytes, line: int, problem: str
) -> None:
    path = tmp_path / "actors.yaml"
    path.write_bytes(content)
    with pytest.raises(ActorFileError) as info:
        read_actor_file(path)
    assert info.value.line == line
    assert info.value.problem.startswith(problem)
    assert str(info.value).startswith(f"{path}:{line}: {problem}")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("content", "line", "problem"), BROKEN)
def test_cli_prints_one_line_and_exits_1(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    line: int,
    problem: str,
) -> None:
    path = tmp_path / "actors.yaml"
    path.write_bytes(content)
    monkeypatch.setenv("DATELINE_ACTORS", str(path))
    report = tmp_path / "r.txt"
    report.write_text("Gunmen killed two people in Kano on Monday.\n")
    assert main(["code", "--workers", "1", str(report)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [captured.err.rstrip("\n")]  # one line
    assert captured.err.startswith(f"dateline: error: {path}:{line}: {problem}")


def test_broken_file_in_a_real_run_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("- name: Bad Group\n  inter: 12\n")
    report = tmp_path / "r.txt"
    report.write_text("Gunmen killed two people in Kano on Monday.\n")
    env = {**os.environ, "DATELINE_ACTORS": str(path)}
    for args in (["code", str(report)], ["ingest", "--db", str(tmp_path / "s.db"), str(report)]):
        proc = subprocess.run(
            [sys.executable, "-m", "dateline.cli.main", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == (
            f"dateline: error: {path}:2: Bad Group: 'inter' must be an ACLED inter code 1-8, got 12\n"
        )
        assert proc.stdout == ""


def test_actors_add_to_a_broken_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("- name: G\n  countries: [NG, ZZ]\n")
    assert main(["actors", "add", "X", "--inter", "3", "--file", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"dateline: error: {path}:2: G: 'ZZ' is not an ISO 3166 alpha-2 country code (e.g. NG)\n"
    )
    assert path.read_text() == "- name: G\n  countries: [NG, ZZ]\n"  # left as it was


def test_python_api_raises_the_same_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text("- name: G\n  inter: four\n")
    monkeypatch.setenv("DATELINE_ACTORS", str(path))
    with pytest.raises(ActorFileError, match=r":2: G: 'inter' must be an ACLED inter code 1-8, got 'four'"):
        ActorDictionary.load()


def test_good_files_still_load(tmp_path: Path) -> None:
    assert len(read_actor_file(SHIPPED)) > 400  # the shipped layout is a valid user file
    path = tmp_path / "actors.yaml"
    path.write_text(
        "# mine\n- name: Zamfara Vigilante Group\n  aliases: [Yan Sakai]\n  inter: 4\n  countries: [NG]\n"
        "  notes: local vigilantes\n"
    )
    d = ActorDictionary.load(extra_files=[path], user_file=False)
    assert [m.actor.name for m in d.find("Yan Sakai members attacked")] == ["Zamfara Vigilante Group"]
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n")
    assert read_actor_file(empty) == []
