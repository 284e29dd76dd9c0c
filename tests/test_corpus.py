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
FILES = sorted(ROOT.glob("**/*.tsv"))


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
