"""`dateline actors add` and `dateline actors find`: extending the dictionary without code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dateline.actors.dictionary import ActorDictionary, add_user_actor
from dateline.cli.main import main


def test_add_then_find_through_the_user_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "actors.yaml"
    monkeypatch.setenv("DATELINE_ACTORS", str(user))
    args = [
        "actors",
        "add",
        "Zamfara Vigilante Group",
        "--inter",
        "4",
        "--alias",
        "Yan Sakai",
        "--country",
        "NG",
    ]
    assert main(args) == 0
    assert yaml.safe_load(user.read_text()) == [
        {"name": "Zamfara Vigilante Group", "aliases": ["Yan Sakai"], "inter": 4, "countries": ["NG"]}
    ]
    capsys.readouterr()
    assert main(["actors", "find", "Yan Sakai fighters attacked herders near Gusau"]) == 0
    assert "'Yan Sakai' -> Zamfara Vigilante Group (inter 4)" in capsys.readouterr().out
    assert ActorDictionary.load(user_file=False).get("Zamfara Vigilante Group") is None


def test_adding_the_same_name_replaces_it(tmp_path: Path) -> None:
    user = tmp_path / "a.yaml"
    add_user_actor("Group A", 3, ["GA"], path=user)
    add_user_actor("Group A", 2, ["Group-A"], path=user)
    (entry,) = yaml.safe_load(user.read_text())
    assert entry["inter"] == 2 and entry["aliases"] == ["Group-A"]


@pytest.mark.parametrize(
    ("inter", "countries", "message"),
    [(9, [], "inter must be 1-8"), (0, [], "inter must be 1-8"), (2, ["ZZ"], "not ISO 3166 alpha-2")],
)
def test_bad_entries_are_refused(tmp_path: Path, inter: int, countries: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        add_user_actor("Group B", inter, countries=countries, path=tmp_path / "a.yaml")
    assert not (tmp_path / "a.yaml").exists()


def test_cli_reports_a_bad_entry_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "add", "X", "--inter", "9", "--file", str(tmp_path / "a.yaml")]) == 1
    assert capsys.readouterr().err.startswith("dateline: error: inter must be 1-8")
