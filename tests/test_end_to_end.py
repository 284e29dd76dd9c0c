"""End to end: the example reports (written by the project from public facts) coded whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest import read_inputs
from dateline.model import Event
from dateline.pipeline import Pipeline


def _code(pipeline: Pipeline, path: Path) -> tuple[str, list[Event]]:
    (res,) = list(read_inputs([str(path)]))
    assert res.article is not None, res.error
    return res.article.text, pipeline(res.article)


@pytest.fixture(scope="module")
def atme(pipeline: Pipeline, examples_dir: Path) -> tuple[str, list[Event]]:
    return _code(pipeline, examples_dir / "atme-raid.txt")


def _main(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.is_background]


def test_atme_raid_is_one_main_event(atme: tuple[str, list[Event]]) -> None:
    _, events = atme
    main = _main(events)
    assert len(main) == 1
    ev = main[0]
    assert (ev.event_date, ev.time_precision) == ("2025-08-20", 1)
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert ev.disorder_type == "Political violence"
    assert (ev.actor1, ev.inter1) == ("US-led Coalition Forces", 8)
    assert (ev.actor2, ev.inter2) == ("Islamic State", 2)
    assert ev.interaction == 28
    assert (ev.location, ev.admin1, ev.country, ev.iso) == ("Atme", "Idlib", "Syria", 760)
    assert ev.geo_precision == 3  # the town is not in the default gazetteer: province coordinates
    assert ev.fatalities == 1
    assert ev.arrests == 2 and ev.arrests_low == 2  # "his wives": at least two
    assert ev.source == "AFP" and ev.source_scale == "International"
    assert ev.notes is not None and ev.notes.startswith("On 20 August 2025, US-led Coalition Forces")


def test_atme_raid_claims_and_corroboration(atme: tuple[str, list[Event]]) -> None:
    _, events = atme
    ev = _main(events)[0]
    kinds = {c.speaker_type for c in ev.claims if c.stance == "asserts"}
    assert {"state_media", "anonymous", "witness"} <= kinds
    assert ev.perpetrator_stance == "no_comment"
    assert ev.corroboration == "multiple_sources"
    assert any("not confirmed by the perpetrator" in r for r in ev.corroboration_reasons)
    assert any(p["name"] == "Salah Numan" and p["role"] == "killed" for p in ev.people)


def test_atme_raid_evidence_spans_point_into_the_text(atme: tuple[str, list[Event]]) -> None:
    text, events = atme
    ev = _main(events)[0]
    for field in ("event_date", "sub_event_type", "actor1", "actor2", "location", "fatalities", "arrests"):
        assert ev.evidence.get(field), f"no evidence for {field}"
        for span in ev.evidence[field]:
            assert text[span.start : span.end] == span.text
    assert ev.evidence["event_date"][0].text == "Wednesday"
    assert ev.evidence["location"][0].text == "Atme"


def test_atme_raid_background_events_keep_their_own_dates(atme: tuple[str, list[Event]]) -> None:
    _, events = atme
    bg = [e for e in events if e.is_background]
    by_date = {e.event_date[:4] if e.time_precision == 3 and e.date_end else e.event_date: e for e in bg}
    strike = next(e for e in bg if e.location == "Deir ez-Zor")
    assert (
        strike.event_date == "2020-01-01" and strike.date_end == "2020-12-31" and strike.time_precision == 3
    )
    assert strike.sub_event_type == "Air/drone strike"
    june = next(e for e in bg if e.event_date == "2025-06-01")
    assert june.time_precision == 3 and june.admin1 == "Idlib"
    assert all(e.event_date != "2025-08-20" for e in bg)
    assert by_date


def test_protest_met_with_tear_gas(pipeline: Pipeline, examples_dir: Path) -> None:
    _, events = _code(pipeline, examples_dir / "protest-teargas.txt")
    (ev,) = _main(events)
    assert ev.sub_event_type == "Protest with intervention" and ev.event_type == "Protests"
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == (
        "Protesters (Kenya)",
        6,
        "Police Forces of Kenya",
        1,
    )
    assert ev.interaction == 16
    assert (ev.location, ev.country) == ("Nairobi", "Kenya")
    assert ev.event_date == "2025-07-08" and ev.arrests == 37
    last_month = [e for e in events if e.is_background]
    assert [e.event_date for e in last_month] == ["2025-06-01"]


def test_shelling_with_repeated_tolls_counts_once(pipeline: Pipeline, examples_dir: Path) -> None:
    _, events = _code(pipeline, examples_dir / "shelling-casualties.txt")
    ev = _main(events)[0]
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2) == (
        "Military Forces of Russia",
        8,
        "Civilians (Ukraine)",
        7,
    )
    assert ev.civilian_targeting == "Civilian targeting"
    assert (ev.location, ev.admin1, ev.country, ev.geo_precision) == (
        "Nikopol",
        "Dnipropetrovsk",
        "Ukraine",
        1,
    )
    assert (ev.fatalities, ev.injuries) == (4, 11)
    assert ev.perpetrator_stance == "no_comment"


def test_mass_arrest(pipeline: Pipeline, examples_dir: Path) -> None:
    _, events = _code(pipeline, examples_dir / "mass-arrest.txt")
    ev = _main(events)[0]
    assert ev.sub_event_type == "Arrests" and ev.event_type == "Strategic developments"
    assert ev.actor1 == "Military Forces of Uganda" and ev.inter1 == 1
    assert ev.arrests == 58 and ev.location == "Kampala" and ev.country == "Uganda"
    assert ev.fatalities == 0


def test_two_events_in_one_report_stay_apart(pipeline: Pipeline, examples_dir: Path) -> None:
    _, events = _code(pipeline, examples_dir / "two-events.txt")
    main = _main(events)
    assert len(main) == 2
    marte = next(e for e in main if e.location == "Marte")
    kairu = next(e for e in main if e.location == "Kairu")
    assert marte.admin1 == "Borno" and kairu.admin1 == "Zamfara"
    assert marte.sub_event_type == "Armed clash" and marte.fatalities == 9
    assert kairu.event_type == "Violence against civilians" and kairu.actor2 == "Civilians (Nigeria)"
    assert {e.event_date for e in main} == {"2025-09-03"}
    older = [e for e in events if e.is_background]
    assert [e.event_date for e in older] == ["2025-03-01"]


def test_feed_codes_each_line_and_the_flood_is_no_event(pipeline: Pipeline, examples_dir: Path) -> None:
    results = list(read_inputs([str(examples_dir / "feed.jsonl")]))
    coded = {r.article.id: _main(pipeline(r.article)) for r in results if r.article}
    assert len(coded) == 4
    strike, riot, march, flood = (coded[k] for k in sorted(coded))
    assert [e.sub_event_type for e in strike] == ["Air/drone strike"]
    assert strike[0].actor1 == "Military Forces of the United States" and strike[0].inter1 == 8
    assert strike[0].actor2 == "Al Shabaab" and strike[0].fatalities == 3
    assert [e.sub_event_type for e in riot] == ["Violent demonstration"]
    assert riot[0].actor1 == "Rioters (Bangladesh)"
    # the student who died in a road accident set off the riot: not one of its casualties
    assert riot[0].fatalities == 0 and riot[0].injuries == 8 and riot[0].arrests == 15
    assert all(e.event_type == "Protests" for e in march) and march
    assert flood == []
