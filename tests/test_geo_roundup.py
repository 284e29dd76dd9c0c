"""A round-up of many cities that is mostly about one country does not drag the world's cities
to the villages of that country named after them ("London" in a report on US protests is not
London, Ohio), while a local report that places its village still gets the village. Sentences
are written for the project."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import geoparse
from dateline.geo.ranker import INDEX, LinearRanker, learned_ranker

ROUNDUP = (
    "Tens of thousands of people marched in Washington on Saturday against the new tariffs, and "
    "large crowds gathered in Chicago, Boston and Los Angeles. In Australia, several thousand "
    "protesters walked past the American consulate in Sydney. Some 50,000 people rallied outside "
    "the American embassy in London, and in Berlin students blocked a bridge near the parliament."
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _places(
    text: str, gaz: Gazetteer, spans: bool = False, ranker=None
) -> dict[str, tuple[str | None, str | None]]:
    """Name → (country, first-level unit) of each place, end to end or with the names as spans."""
    places = geoparse(text, gaz, ranker=ranker)
    if spans:
        places = geoparse(text, gaz, spans=[(p.start, p.end) for p in places], ranker=ranker)
    return {p.text: (p.country_code, p.admin1) for p in places}


@pytest.mark.parametrize("ranker", ["rules", "learned"])
@pytest.mark.parametrize("spans", [False, True], ids=["end-to-end", "resolution-only"])
def test_a_roundup_about_the_united_states_keeps_the_cities_abroad(
    gaz: Gazetteer, spans: bool, ranker
) -> None:
    got = _places(ROUNDUP, gaz, spans, LinearRanker() if ranker == "rules" else learned_ranker())
    assert got["Sydney"][0] == "AU"
    assert got["London"] == ("GB", "England")
    assert got["Berlin"][0] == "DE"
    assert got["Washington"] == ("US", "District of Columbia")
    assert got["Chicago"] == ("US", "Illinois")
    assert got["Boston"] == ("US", "Massachusetts")


def test_a_caller_saying_the_roundup_is_about_the_united_states_does_not_move_london(gaz: Gazetteer) -> None:
    """The place stage passes a Washington dateline as the country hint: the caller's word counts
    for the villages, not against the world's cities."""
    got = {p.text: p.country_code for p in geoparse(ROUNDUP, gaz, country_hint="US")}
    assert (got["Sydney"], got["London"], got["Berlin"]) == ("AU", "GB", "DE")


def test_the_roundup_of_the_brief_reads_every_city_where_it_is(gaz: Gazetteer) -> None:
    text = (
        "Hundreds of thousands of protesters descended on Washington on Saturday. Marches were held "
        "in Chicago, Boston and Los Angeles. In Australia, thousands of protesters marched past the "
        "American consulate in Sydney. An estimated 80,000 people rallied in London at the American "
        "embassy. In Berlin women held posters in front of the Brandenburg Gate."
    )
    got = _places(text, gaz)
    assert got["Sydney"][0] == "AU"
    assert got["London"][0] == "GB"
    assert got["Berlin"][0] == "DE"
    assert got["Brandenburg"][0] == "DE"


def test_a_local_report_keeps_its_villages(gaz: Gazetteer) -> None:
    text = (
        "A tornado tore through Paris, Texas, late on Sunday, and in nearby Clarksville two homes "
        "were flattened. Paris police said no one was killed."
    )
    got = geoparse(text, gaz)
    assert [(p.country_code, p.admin1) for p in got if p.text == "Paris"] == [("US", "Texas")] * 2


def test_a_village_the_text_places_is_not_the_city_abroad(gaz: Gazetteer) -> None:
    text = (
        "Firefighters fought a grain elevator fire in the small town of London, Ohio, on Tuesday. "
        "Crews came from Springfield and Columbus, and London's mayor thanked them."
    )
    got = [(p.country_code, p.admin1) for p in geoparse(text, gaz) if p.text.startswith("London")]
    assert got and all(g == ("US", "Ohio") for g in got)


@pytest.mark.parametrize("ranker", ["rules", "learned"])
def test_a_village_in_a_unit_the_text_names_is_the_village(gaz: Gazetteer, ranker) -> None:
    text = (
        "Two people were hurt when a truck overturned on Interstate 75 in Laurel County, Kentucky, "
        "on Friday. Both were taken to a hospital in London, deputies said."
    )
    rank = LinearRanker() if ranker == "rules" else learned_ranker()
    got = [(p.country_code, p.admin1) for p in geoparse(text, gaz, ranker=rank) if p.text == "London"]
    assert got == [("US", "Kentucky")]


def test_the_country_a_text_is_about_vouches_for_the_world_city_as_for_its_namesakes(gaz: Gazetteer) -> None:
    """The feature rows: London, Ohio is a village named after a city of millions (``dwarfed``),
    and the credit the United States gives it goes to London, England too (no unit the text
    names holds one of the villages)."""
    trace: list = []
    start = ROUNDUP.index("London")
    geoparse(ROUNDUP, gaz, spans=[(start, start + len("London"))], ranker=LinearRanker(), trace=trace)
    ((t, x),) = [(t, x) for t, x in trace if t.text == "London"]
    row = {(p.country_code, p.admin1, p.feature_code): k for k, p in enumerate(t.candidates)}
    ohio = next(k for (cc, a1, _), k in row.items() if (cc, a1) == ("US", "Ohio"))
    england = row[("GB", "England", "PPLC")]
    ontario = next(k for (cc, a1, _), k in row.items() if (cc, a1) == ("CA", "Ontario"))
    assert x[ohio, INDEX["dwarfed"]] == 1.0
    assert x[england, INDEX["dwarfed"]] == 0.0 and x[ontario, INDEX["dwarfed"]] == 0.0  # a city of its own
    assert x[ohio, INDEX["country_named"]] > 0
    assert x[england, INDEX["country_named"]] == np.max(x[:, INDEX["country_named"]])
