"""Metrics and the `dateline eval events` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.evaluate.events import EvalFileError, read_items
from dateline.evaluate.metrics import Report


def test_per_class_and_averages() -> None:
    gold = ["a", "a", "a", "b", "none", "none"]
    pred = ["a", "a", "b", "b", "none", "a"]
    r = Report(gold, pred)
    scores = {s.label: s for s in r.per_class()}
    assert scores["a"].precision == pytest.approx(2 / 3) and scores["a"].recall == pytest.approx(2 / 3)
    assert scores["b"].precision == pytest.approx(0.5) and scores["b"].recall == 1.0
    assert scores["none"].f1 == pytest.approx(2 / 3)
    assert r.macro_f1() == pytest.approx((2 / 3 + 2 / 3 + 2 / 3) / 3)
    assert r.weighted_f1(exclude=("none",)) == pytest.approx((2 / 3 * 3 + 2 / 3 * 1) / 4)
    assert r.accuracy() == pytest.approx(4 / 6)
    assert r.confusion[("a", "b")] == 1


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        Report(["a"], [])


def test_read_items_names_the_bad_line(tmp_path: Path) -> None:
    p = tmp_path / "e.tsv"
    p.write_text("id\ttext\tlabel\n1\tSoldiers clashed with rebels.\tArmed clash\n2\t\tnone\n")
    with pytest.raises(EvalFileError, match=r"e\.tsv:3: empty text or label"):
        read_items(p)
    p.write_text("id\ttext\n1\tx\n")
    with pytest.raises(EvalFileError, match="missing column"):
        read_items(p)


def test_eval_events_prints_real_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "e.tsv"
    p.write_text(
        "id\ttext\tlabel\n"
        "1\tWarplanes bombed a market in Idlib on Monday, killing six people.\tAir/drone strike\n"
        "2\tFloods swept through three villages on Sunday, killing 12 people.\tnone\n"
        "3\tRiot police fired tear gas at teachers marching in Nairobi.\tProtest with intervention\n"
        "4\tThe minister said the army would attack the rebels if talks failed.\tnone\n"
    )
    assert main(["eval", "events", str(p)]) == 0
    out = capsys.readouterr().out
    assert "weighted F1: 1.000" in out
    assert "'none' items that produced no event: 1.000 (2 items)" in out
