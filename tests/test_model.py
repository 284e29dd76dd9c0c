"""The data model: spans, evidence, JSON Lines and ACLED-ordered CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dateline.model import ACLED_COLUMNS, Claim, Event, Span, events_to_csv, events_to_jsonl


def _event() -> Event:
    ev = Event(
        article_id="a1",
        event_date="2025-08-20",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Mali",
        inter1=1,
        actor2="JNIM",
        inter2=2,
        interaction=12,
        country="Mali",
        location="Gao",
        fatalities=4,
    )
    ev.add_evidence("location", Span(10, 13, "Gao"))
    ev.add_evidence("location", Span(10, 13, "Gao"))  # the same span twice is kept once
    ev.add_evidence("actor2", None)  # no span, no evidence
    ev.claims.append(
        Claim(speaker="the army", speaker_type="official", stance="asserts", span=Span(0, 20, "x"))
    )
    return ev


def test_span_rejects_inverted_ranges() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)


def test_evidence_deduplicates_and_skips_missing_spans() -> None:
    ev = _event()
    assert ev.evidence == {"location": [Span(10, 13, "Gao")]}


def test_jsonl_round_trip_keeps_fields_and_evidence() -> None:
    line = events_to_jsonl([_event()])
    assert line.endswith("\n") and line.count("\n") == 1
    d = json.loads(line)
    assert d["event_date"] == "2025-08-20" and d["year"] == 2025
    assert d["evidence"]["location"] == [[10, 13, "Gao"]]
    assert d["claims"][0]["speaker_type"] == "official"
    assert d["claims"][0]["span"] == [0, 20, "x"]


def test_csv_follows_acled_column_order() -> None:
    out = events_to_csv([_event()])
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    row = dict(zip(header, rows[1], strict=True))
    assert row["sub_event_type"] == "Armed clash"
    assert row["interaction"] == "12"
    assert row["fatalities"] == "4"
    assert row["year"] == "2025"
    assert row["article_id"] == "a1"
