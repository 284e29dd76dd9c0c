"""Record-level evaluation (dateline eval records): matching, leaks, field accuracy, readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate.records import (
    GoldEvent,
    RecordReport,
    RecordsFileError,
    format_records_report,
    read_docs,
    read_gold,
    same_place,
    score_document,
)
from dateline.model import Event


def gold(i: int, background: bool, etype: str, sub: str, loc: str, admin1: str, **kw) -> GoldEvent:
    return GoldEvent(
        doc_id="d",
        index=i,
        background=background,
        event_type=etype,
        sub_event_type=sub,
        actor1=kw.get("actor1", "Islamic State"),
        location=loc,
        admin1=admin1,
        country="Syria",
        fatalities=kw.get("fatalities", 0),
        debatable=kw.get("debatable", False),
    )


def event(etype: str, sub: str, loc: str, admin1: str, background: bool = False, **kw) -> Event:
    return Event(
        article_id="d",
        event_type=etype,
        sub_event_type=sub,
        location=loc,
        admin1=admin1,
        is_background=background,
        actor1=kw.get("actor1"),
        fatalities=kw.get("fatalities", 0),
    )


BOMB = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")


def test_current_event_matches_on_type_and_place_and_a_recalled_one_is_a_leak():
    golds = [
        gold(0, False, *BOMB, "Deir ez-Zor", "Deir ez-Zor"),
        gold(1, True, *CLASH, "Badia al-Sukhnah", "Homs"),
    ]
    preds = [
        event(*BOMB, "Deir ez-Zor", "Deir ez-Zor", actor1="Islamic State", fatalities=0),
        event(*CLASH, "Sukhnah", "Homs"),  # the April clash coded as news
    ]
    d = score_document("d", preds, golds)
    rep = RecordReport([d])
    assert (rep.n_matched, rep.n_pred, rep.n_gold) == (1, 2, 1)
    assert rep.precision == 0.5 and rep.recall == 1.0
    assert rep.leaks == 1
    assert rep.background_recall == 0.0
    assert rep.field_accuracy()["actor1"] == (1, 1)


def test_type_must_agree_and_place_decides_between_two_events_of_one_type():
    golds = [
        gold(0, False, *BOMB, "Lyon", "Auvergne-Rhone-Alpes"),
        gold(1, False, *BOMB, "Paris", "Ile-de-France"),
    ]
    preds = [event(*BOMB, "Paris", "Île-de-France"), event(*CLASH, "Lyon", "Auvergne-Rhône-Alpes")]
    d = score_document("d", preds, golds)
    assert [(p.location, g.location) for p, g in d.matched] == [("Paris", "Paris")]


def test_only_candidate_of_its_type_matches_without_the_place():
    golds = [gold(0, False, *CLASH, "Camp Shorabak", "Helmand")]
    d = score_document("d", [event(*CLASH, "Lashkar Gah", "")], golds)
    assert len(d.matched) == 1


def test_background_recall_counts_predicted_background_events():
    golds = [gold(0, True, *BOMB, "Boston", "Massachusetts")]
    d = score_document("d", [event(*BOMB, "Boston", "Massachusetts", background=True)], golds)
    rep = RecordReport([d])
    assert rep.background_recall == 1.0 and rep.leaks == 0 and rep.n_pred == 0


def test_debatable_matches_are_left_out_of_field_accuracy():
    golds = [gold(0, False, *BOMB, "Bagram", "Parwan", debatable=True, fatalities=7)]
    d = score_document("d", [event(*BOMB, "Bagram", "Parwan", fatalities=3)], golds)
    acc = RecordReport([d]).field_accuracy()
    assert acc["fatalities"] == (0, 0)


def test_place_names_compare_without_accents_brackets_or_districts():
    g = gold(0, False, *BOMB, "London - London Bridge", "England")
    assert same_place(event(*BOMB, "London", ""), g)
    assert same_place(
        event(*BOMB, "Kandahar City", "Kandahār"), gold(0, False, *BOMB, "Arghandab", "Kandahar")
    )
    assert not same_place(event(*BOMB, "Manchester", "Greater Manchester"), g)


def test_readers_take_both_layouts_and_name_bad_lines(tmp_path: Path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps(
            {"doc_id": "w1", "text": "A.B.", "sentences": [[[["A", 0, 1]], "A bomb hit Lyon."], [[], "B."]]}
        )
        + "\n"
        + json.dumps({"id": "n1", "text": "Protest in Kano.", "published": "2024-05-02"})
        + "\n"
        + json.dumps({"doc_id": "64_VOA_EN_NW_2017.06.05.3887168", "text": "Raids in London."})
        + "\n",
        encoding="utf-8",
    )
    got = read_docs(docs)
    assert got["w1"].text == "A bomb hit Lyon.\nB."
    assert got["n1"].published is not None and got["n1"].published.isoformat() == "2024-05-02"
    # no date given: the one the id carries (before: none, so no date could be resolved)
    voa = got["64_VOA_EN_NW_2017.06.05.3887168"].published
    assert voa is not None and voa.isoformat() == "2017-06-05"
    assert got["w1"].published is None
    g = tmp_path / "gold.jsonl"
    g.write_text(json.dumps({"doc_id": "n1", "no_event": True}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(RecordsFileError, match=r"gold.jsonl:2"):
        read_gold(g)
    g.write_text(json.dumps({"doc_id": "n1", "no_event": True}) + "\n", encoding="utf-8")
    assert read_gold(g).events == {"n1": []}


def test_report_prints_every_figure():
    d = score_document("d", [event(*BOMB, "Lyon", "")], [gold(0, False, *BOMB, "Lyon", "")])
    text = format_records_report(RecordReport([d]), verbose=True)
    assert "event precision 1.000  recall 1.000  F1 1.000" in text
    assert "background leaks: 0" in text and "actor1" in text


def test_verbose_report_names_the_fields_a_matched_event_gets_wrong():
    pred = event(*BOMB, "Lyon", "Rhone", actor1="Taliban", fatalities=7)
    d = score_document("d", [pred], [gold(0, False, *BOMB, "Lyon", "Rhone", fatalities=3)])
    text = format_records_report(RecordReport([d]), verbose=True)
    assert "fields: actor1 'Taliban' (gold 'Islamic State'); fatalities 7 (gold 3)" in text
    assert "sub_event_type '" not in text  # the fields it gets right are not listed


def test_project_record_gold_reads_and_names_known_types():
    from dateline.events.lexicon import default_taxonomy

    path = Path(__file__).parent.parent / "data" / "evaluation" / "voa-records-gold.jsonl"
    g = read_gold(path)
    assert len(g.doc_ids) >= 30
    subs = set(default_taxonomy().sub_event_types) if hasattr(default_taxonomy(), "sub_event_types") else None
    for evs in g.events.values():
        for e in evs:
            assert e.event_type and e.sub_event_type
            if subs:
                assert e.sub_event_type in subs, e.sub_event_type


def test_two_coders_are_scored_as_the_pipeline_is(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "records_agreement.py"
    row = {"doc_id": "d1", "event_index": 0, "background": False, "event_type": "Riots",
           "sub_event_type": "Mob violence", "actor1": "Rioters (India)", "location": "Surat",
           "admin1": "Gujarat", "country": "India", "fatalities": 2}  # fmt: skip
    a = tmp_path / "a.jsonl"
    second = {**row, "event_index": 1, "location": "Vadodara"}
    a.write_text(json.dumps(row) + "\n" + json.dumps(second) + "\n")
    b = tmp_path / "b.jsonl"  # B codes the Surat riot as a clash, and finds the Vadodara one
    b.write_text(
        json.dumps({**row, "event_type": "Battles", "sub_event_type": "Armed clash"})
        + "\n"
        + json.dumps({**second, "fatalities": 3})
        + "\n"
    )
    cmd = [sys.executable, str(script), str(a), str(b)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "precision 0.500  recall 0.500  F1 0.500  (matched 1)" in out.stdout
    assert "fatalities      0.00 (0/1)" in out.stdout
