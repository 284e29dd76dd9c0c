"""Merging report-events into events: match, combine and the incremental EventMerger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate.merge import evaluate_merge, lead_event, pairwise_scores, report_article
from dateline.model import Claim, Event, Span
from dateline.pipeline import Pipeline
from dateline.store.merge import EventMerger, combine, default_type_table, haversine_km, match

CORPUS = Path(__file__).resolve().parent.parent / "data" / "merge" / "reports.jsonl"

DAMBOA = {"latitude": 11.15, "longitude": 12.76, "location": "Damboa", "admin1": "Borno", "admin2": "Damboa"}
KABUL = {"latitude": 34.53, "longitude": 69.17, "location": "Kabul", "admin1": "Kabul", "admin2": "Kabul"}


def _event(article_id: str, **kw: Any) -> Event:
    base: dict[str, Any] = {
        "event_date": "2025-10-07",
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State West Africa Province",
        "inter1": 2,
        "actor2": "Military Forces of Nigeria",
        "inter2": 1,
        "interaction": 12,
        "iso": 566,
        "iso2": "NG",
        "country": "Nigeria",
        "geo_precision": 1,
        "geonameid": 2338660,
        "fatalities": 8,
        "source": "AFP",
        "source_scale": "International",
        "confidence": 0.9,
        **DAMBOA,
    }
    base.update(kw)
    return Event(article_id=article_id, **base)


def _ied(article_id: str, day: str, fatalities: int, **kw: Any) -> Event:
    return _event(
        article_id,
        event_date=day,
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        actor1="Unidentified Armed Group (Afghanistan)",
        inter1=3,
        actor2="Civilians (Afghanistan)",
        inter2=7,
        iso=4,
        iso2="AF",
        country="Afghanistan",
        geonameid=1138958,
        fatalities=fatalities,
        **{**KABUL, **kw},
    )


def test_haversine_is_a_great_circle_distance() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(34.5, 69.2, 34.5, 69.2) == 0


def test_same_event_from_two_outlets_merges_with_plain_reasons() -> None:
    afp = _event("afp", fatalities=8)
    reuters = _event(
        "reuters",
        source="Reuters",
        fatalities=12,
        geo_precision=3,
        geonameid=None,
        location="Borno",
        latitude=11.8,
        longitude=13.1,
    )
    m = match(afp, reuters)
    assert m is not None and m.score >= 0.6
    text = "; ".join(m.reasons)
    assert "same day (2025-10-07)" in text
    assert "actors overlap: Islamic State West Africa Province" in text
    assert "both Armed clash" in text
    merger = EventMerger()
    first, why_first = merger.add("afp", afp)
    second, why = merger.add("reuters", reuters)
    assert why_first is None and second == first and why is not None
    assert merger.clusters() == {first: ["afp", "reuters"]}


def test_compatible_types_come_from_the_table() -> None:
    table = default_type_table()
    assert table.weight("Armed clash", "Attack") == pytest.approx(0.7)
    assert table.weight("Remote explosive/landmine/IED", "Suicide bomb") is not None
    assert table.weight("Shelling/artillery/missile attack", "Air/drone strike") is not None
    assert table.weight("Armed clash", "Peaceful protest") is None
    clash = _event("a")
    protest = _event("b", event_type="Protests", sub_event_type="Peaceful protest")
    assert match(clash, protest) is None
    attack = _event("c", event_type="Violence against civilians", sub_event_type="Attack")
    m = match(clash, attack)
    assert m is not None and "Armed clash and Attack are compatible types" in m.reasons


def test_two_blasts_in_one_city_on_different_days_stay_apart() -> None:
    monday = _ied("m", "2025-10-20", 4)
    tuesday = _ied("t", "2025-10-21", 2)
    thursday = _ied("th", "2025-10-23", 4)
    assert match(monday, thursday) is None  # both dated to the day, two days apart
    m = match(monday, tuesday)
    assert m is not None and m.score < 0.6 and "1 day apart" in m.reasons[0]
    merger = EventMerger()
    ids = {merger.add(k, e)[0] for k, e in (("m", monday), ("t", tuesday), ("th", thursday))}
    assert len(ids) == 3


def test_a_strike_in_another_town_of_the_same_province_stays_apart() -> None:
    kharkiv = _event(
        "k",
        event_date="2025-09-20",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Russia",
        actor2="Civilians (Ukraine)",
        iso2="UA",
        iso=804,
        country="Ukraine",
        location="Kharkiv",
        admin1="Kharkivska",
        admin2="Kharkivskyi",
        latitude=49.98,
        longitude=36.25,
        geonameid=706483,
        fatalities=4,
    )
    kupiansk = _event(
        "p",
        **{
            **{k: getattr(kharkiv, k) for k in ("event_date", "event_type", "sub_event_type", "actor1")},
            "actor2": "Civilians (Ukraine)",
            "iso2": "UA",
            "iso": 804,
            "country": "Ukraine",
            "location": "Kupiansk",
            "admin1": "Kharkivska",
            "admin2": "Kupianskyi",
            "latitude": 49.71,
            "longitude": 37.62,
            "geonameid": 704508,
            "fatalities": 2,
        },
    )
    assert match(kharkiv, kupiansk) is None  # about 100 km apart, both towns
    elsewhere = Event.from_dict({**kharkiv.to_dict(), "article_id": "x", "iso2": "RU", "country": "Russia"})
    assert match(kharkiv, elsewhere) is None  # another country


def test_a_generic_actor_is_weak_evidence_and_named_actors_strong() -> None:
    named = match(_event("a"), _event("b"))
    generic = match(
        _event("a", actor1="Unidentified Armed Group (Nigeria)", actor2="Civilians (Nigeria)"),
        _event("b", actor1="Unidentified Armed Group (Nigeria)", actor2="Civilians (Nigeria)"),
    )
    assert named is not None and generic is not None
    assert named.parts["actors"] > generic.parts["actors"]
    assert any("weak evidence" in r for r in generic.reasons)
    other = match(_event("a"), _event("b", actor1="Boko Haram", actor2=None))
    assert other is not None and other.parts["actors"] < generic.parts["actors"]


def test_split_is_remembered_and_incremental_adds_still_join() -> None:
    merger = EventMerger()
    cid, _ = merger.add("r1", _event("r1"))
    merger.add("r2", _event("r2", source="Reuters", fatalities=12))
    assert merger.clusters()[cid] == ["r1", "r2"]
    new = merger.split("r2")
    assert new != cid and merger.clusters() == {cid: ["r1"], new: ["r2"]}
    assert merger.apart("r1", "r2")
    # re-adding the split report (a re-run of the feed) does not merge it back
    again, why = merger.add("r2", _event("r2", source="Reuters", fatalities=12))
    assert again != cid and why is None
    # a third report of the same event still joins one of them
    third, why3 = merger.add("r3", _event("r3", source="Daily Trust", fatalities=11))
    assert why3 is not None and third in (cid, again)
    assert len(merger.clusters()) == 2


def test_re_adding_a_report_replaces_it() -> None:
    merger = EventMerger()
    merger.add("r1", _event("r1"))
    merger.add("r2", _event("r2"))
    merger.add("r2", _event("r2", fatalities=9))
    (members,) = merger.clusters().values()
    assert members == ["r1", "r2"]
    assert [e.fatalities for e in merger.members(merger.cluster_of("r2"))] == [8, 9]


def test_combine_keeps_best_precision_and_conservative_counts() -> None:
    early = _event(
        "early",
        event_date="2025-10-06",
        time_precision=2,
        date_flag="no date in text: publication date used",
        geo_precision=3,
        geonameid=None,
        location="Borno",
        admin2=None,
        latitude=11.8,
        longitude=13.1,
        fatalities=12,
        fatalities_high=15,
        actor1="Unidentified Armed Group (Nigeria)",
        inter1=3,
        source="Reuters",
    )
    early.add_evidence("location", Span(40, 45, "Borno"))
    early.claims.append(Claim("a security source", "anonymous", "asserts", Span(0, 30, "x")))
    late = _event("late", fatalities=8, injuries=15, source="AFP; Daily Trust")
    late.add_evidence("location", Span(10, 16, "Damboa"))
    late.claims.append(Claim("army spokesman", "official", "asserts", Span(5, 25, "y")))
    late.mentions.append(Span(3, 9, "stormed"))
    ev = combine([early, late])
    assert ev.article_id == "early" and ev.article_ids == ["early", "late"]
    assert (ev.event_date, ev.time_precision, ev.date_flag) == ("2025-10-07", 1, None)
    assert (ev.location, ev.geo_precision, ev.admin2) == ("Damboa", 1, "Damboa")
    assert ev.evidence["location"] == [Span(10, 16, "Damboa")]
    assert ev.field_sources["location"] == "late" and ev.field_sources["event_date"] == "late"
    assert ev.fatalities == 8 and ev.fatalities_high == 15 and ev.fatalities_low == 8
    assert ev.field_sources["fatalities"] == "late"
    assert ev.injuries == 15
    assert ev.actor1 == "Islamic State West Africa Province"  # the named actor beats the generic one
    assert ev.source == "Reuters; AFP; Daily Trust"
    assert {c.speaker_type for c in ev.claims} == {"anonymous", "official"}
    assert ev.corroboration == "multiple_sources"
    assert ev.merge_reasons and ev.merge_reasons[0].startswith("late: score")
    assert "8 killed" in (ev.notes or "") and "Damboa" in (ev.notes or "")
    # the merged record survives a JSON round trip
    back = Event.from_dict(json.loads(ev.to_json()))
    assert back.to_dict() == ev.to_dict()


def test_combine_of_one_event_is_a_copy() -> None:
    ev = _event("only")
    out = combine([ev])
    assert out is not ev and out.to_dict() == ev.to_dict()
    with pytest.raises(ValueError):
        combine([])


def test_event_round_trips_through_json_with_claims_and_evidence() -> None:
    ev = _event("a1")
    ev.add_evidence("actor1", Span(0, 5, "ISWAP"))
    said, army = Span(10, 20, "the army said"), Span(10, 18, "the army")
    ev.claims.append(Claim("the army", "official", "asserts", said, army, ["actor1"]))
    ev.mentions.append(Span(30, 36, "killed"))
    back = Event.from_dict(json.loads(ev.to_json()))
    assert back == ev
    assert back.article_ids == ["a1"] and back.merge_reasons == []


def test_pairwise_scores_count_pairs() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    perfect = pairwise_scores(gold, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = pairwise_scores(gold, {k: "x" for k in gold})
    assert lumped.precision == pytest.approx(2 / 6) and lumped.recall == 1.0
    split = pairwise_scores(gold, {k: k for k in gold})
    assert split.recall == 0.0 and split.predicted_pairs == 0


def test_corpus_subset_merges_through_the_real_pipeline(pipeline: Pipeline) -> None:
    """Three reports of one Nairobi protest, a same-day march in Mombasa and a peaceful Nairobi
    march the next day, coded for real: the three merge and the look-alikes stay apart."""
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60 and len({r["event"] for r in rows}) >= 20
    subset = [r for r in rows if r["event"] in ("E16", "E17", "E26")]
    coded = {r["id"]: pipeline(report_article(r)) for r in subset}
    assert all(lead_event(evs) is not None for evs in coded.values())
    result = evaluate_merge(subset, coded)
    assert result.scores.precision == 1.0
    assert result.scores.recall >= 0.75
