"""The training corpus in data/training is well formed: a broken row would silently skew training."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from dateline.events.lexicon import default_taxonomy

ROOT = Path(__file__).resolve().parent.parent / "data" / "training"
HEADER = ["id", "text", "label", "country", "style", "note"]
STYLES = {
    "wire-lead",
    "wire-body",
    "quote",
    "local-daily",
    "state-media",
    "ngo-report",
    "monitor-brief",
    "broadcast",
    "headline-plus-lead",
    "translated",
}
FILES = sorted([*ROOT.glob("events/*.tsv"), *ROOT.glob("test/*.tsv")])
REAL = ROOT / "real"


@pytest.mark.skipif(not FILES, reason="no corpus files yet")
def test_corpus_rows_are_valid_and_ids_unique() -> None:
    labels = set(default_taxonomy().sub_to_type) | {"none"}
    seen: dict[str, Path] = {}
    texts: dict[str, Path] = {}
    for path in FILES:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        assert rows and rows[0] == HEADER, f"{path}: header"
        for n, row in enumerate(rows[1:], start=2):
            where = f"{path.name}:{n}"
            assert len(row) == 6, f"{where}: {len(row)} fields"
            rid, text, label, country, style, _ = row
            assert rid not in seen, f"{where}: id {rid} also in {seen.get(rid)}"
            seen[rid] = path
            assert label in labels, f"{where}: label {label!r}"
            assert country in ("XX", "XK") or pycountry.countries.get(alpha_2=country), (
                f"{where}: country {country!r}"
            )
            assert style in STYLES, f"{where}: style {style!r}"
            assert 12 <= len(text.split()) <= 110, f"{where}: {len(text.split())} words"
            key = text.strip().casefold()
            assert key not in texts, f"{where}: same text as in {texts.get(key)}"
            texts[key] = path


def _real_rows(name: str) -> list[dict[str, str]]:
    with (REAL / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_real_labels_keep_ids_labels_and_reasons_only() -> None:
    """The real items are kept as ids, labels and our own short reasons, never their text."""
    labels = set(default_taxonomy().sub_to_type) | {"none"}
    for name in ("dev.tsv", "train.tsv", "train2.tsv", "double.tsv"):
        rows = _real_rows(name)
        assert rows and list(rows[0]) == ["id", "source", "label", "reason"], name
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), f"{name}: repeated ids"
        for r in rows:
            assert r["label"] in labels, f"{name}: {r['id']} label {r['label']!r}"
            assert r["source"] in ("wiki", "voa", "muc"), f"{name}: {r['id']} source {r['source']!r}"
            assert len(r["reason"].split()) <= 16, f"{name}: {r['id']} reason is longer than a reason"


def test_real_dev_split_is_apart_from_training_by_id_and_year() -> None:
    dev = {r["id"] for r in _real_rows("dev.tsv")}
    train = {r["id"] for name in ("train.tsv", "train2.tsv") for r in _real_rows(name)}
    double = {r["id"] for r in _real_rows("double.tsv")}
    assert len(dev) >= 1500 and len(train) >= 6000
    assert not dev & train
    assert double <= dev and len(double) == 300

    def year(item_id: str) -> str:
        # per source: Wikipedia ids start with the day, VOA ids carry it after the outlet, MUC-4
        # paragraphs are told apart by report (the dev reports are those of 1990)
        if item_id.startswith("VOA_"):
            return "voa " + item_id.split("_")[3][:4]
        if item_id.startswith("DEV-MUC3-"):
            return item_id.split(":")[0]
        return "wiki " + item_id.removeprefix("ac:")[:4]

    assert not {year(i) for i in dev} & {year(i) for i in train}
