"""Readers of the real training text and the label files that point into it, on small files
written here (the tests never need ../shared)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.evaluate.events import read_real_items
from dateline.events.real import muc_paragraphs, read_labels, read_real


def _gz(path: Path, rows: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    _gz(
        tmp_path / "wikipedia-current-events.jsonl.gz",
        [
            {
                "id": "2016-01-02_1_1",
                "date": "2016-01-02",
                "category": "Armed conflicts and attacks",
                "topic_hint": "War in Valdoria",
                "text": "Rebels attack an army post in Arvel, killing two soldiers.",
            },
            {
                "id": "2016-01-02_1_0",
                "date": "2016-01-02",
                "category": "__topic_heading__",
                "text": "Heading",
            },
        ],
    )
    _gz(
        tmp_path / "wikipedia-armed-conflicts-2010-2021.jsonl.gz",
        [
            {
                "id": "2021-03-01-abc",
                "date": "2021-03-01",
                "category": "Armed conflicts and attacks",
                "text": "A roadside bomb hits a police truck in Marisk.",
            },
            {
                "id": "2016-01-02-def",
                "date": "2016-01-02",
                "category": "Armed conflicts and attacks",
                "text": "Already in the portal file above for this year.",
            },
        ],
    )
    _gz(
        tmp_path / "voa-ace-sentences.jsonl.gz",
        [
            {
                "sentence_id": "VOA_EN_NW_2017.04.05.123_4",
                "sentence": "Police  fired\ntear gas at marchers.",
                "events": [{"type": "Conflict:Demonstrate"}],
            }
        ],
    )
    _gz(
        tmp_path / "muc4-train-1300.jsonl.gz",
        [
            {
                "docid": "DEV-MUC3-0007",
                "incident_types": ["BOMBING"],
                "text": "CITY, 3 JAN 90 -- [TEXT] A BOMB EXPLODED\nAT A BANK.\n\n"
                "  THE POLICE SAID\nNOTHING MORE.",
            }
        ],
    )
    return tmp_path


def test_each_source_gives_items_with_stable_ids_and_years(folder: Path) -> None:
    items = read_real(folder)
    assert set(items) == {
        "2016-01-02_1_1",
        "ac:2021-03-01-abc",
        "VOA_EN_NW_2017.04.05.123_4",
        "DEV-MUC3-0007:p0",
        "DEV-MUC3-0007:p1",
    }
    assert items["2016-01-02_1_1"].year == 2016 and items["2016-01-02_1_1"].source == "wiki"
    assert items["ac:2021-03-01-abc"].year == 2021
    voa = items["VOA_EN_NW_2017.04.05.123_4"]
    assert (voa.year, voa.section, voa.text) == (
        2017,
        "Conflict:Demonstrate",
        "Police fired tear gas at marchers.",
    )
    assert items["DEV-MUC3-0007:p1"].text == "THE POLICE SAID NOTHING MORE."
    assert items["DEV-MUC3-0007:p0"].year == 1990 and items["DEV-MUC3-0007:p0"].section == "BOMBING"


def test_muc_paragraphs_are_cut_at_blank_lines() -> None:
    assert muc_paragraphs("A\nB\n\n\nC  D\n \nE") == ["A B", "C D", "E"]


def test_label_files_are_joined_with_their_text(folder: Path, tmp_path: Path) -> None:
    labels = tmp_path / "dev.tsv"
    labels.write_text(
        "id\tsource\tlabel\treason\n"
        "2016-01-02_1_1\twiki\tArmed clash\tarmy post attacked\n"
        "VOA_EN_NW_2017.04.05.123_4\tvoa\tProtest with intervention\ttear gas on marchers\n"
    )
    assert [lab.label for lab in read_labels(labels)] == ["Armed clash", "Protest with intervention"]
    items = read_real_items(labels, folder)
    assert [(i.source, i.label) for i in items] == [
        ("wiki", "Armed clash"),
        ("voa", "Protest with intervention"),
    ]
    assert items[0].text.startswith("Rebels attack an army post")


def test_an_id_missing_from_the_text_is_named(folder: Path, tmp_path: Path) -> None:
    from dateline.evaluate.events import EvalFileError

    labels = tmp_path / "dev.tsv"
    labels.write_text("id\tsource\tlabel\treason\n2099-01-01_x\twiki\tnone\tgone\n")
    with pytest.raises(EvalFileError, match="2099-01-01_x"):
        read_real_items(labels, folder)


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        read_real(tmp_path / "nowhere")
