"""Tests for dateline.geo.facilities: airports, hospitals, churches, stadiums and streets placed
in the town that contains them, never on a homonym far away.

Texts are written for these tests. The gazetteer is the real default one, loaded once per module.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.geo import Gazetteer
from dateline.geo.distance import haversine_km
from dateline.geo.facilities import facility_at, facility_words, relocate_facilities
from dateline.geo.geoparse import GeoPlace, geoparse
from dateline.geo.stage import place_record
from dateline.geo.toponyms import find_toponyms, resolve
from dateline.pipeline import ArticleDoc


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _one(text: str, phrase: str, gaz: Gazetteer) -> GeoPlace:
    """Resolution-only: the place given to ``phrase`` (its first occurrence) in ``text``, with
    the resolver's raw score (what the facility rules set; the calibrated chance is tested in
    tests/test_geo_calibration.py)."""
    start = text.index(phrase)
    return geoparse(text, gaz, spans=[(start, start + len(phrase))], calibrator=None)[0]


def _near(g: GeoPlace, lat: float, lon: float, km: float = 30.0) -> bool:
    if g.latitude is None or g.longitude is None:
        return False
    return haversine_km(g.latitude, g.longitude, lat, lon) <= km


# ---------------------------------------------------------------------- recognition


def test_word_list_has_both_sections() -> None:
    words = facility_words()
    assert {"airport", "hospital", "church", "stadium", "street", "mosque"} <= words.suffix
    assert {"stade", "masjid", "aeroport"} <= words.prefix
    assert "town" not in words.all and "city" not in words.all


@pytest.mark.parametrize(
    ("text", "phrase", "noun", "named"),
    [
        ("Shells hit Al-Amal Hospital overnight.", "Al-Amal Hospital", "hospital", True),
        ("Fans left the Stade Municipal early.", "Stade Municipal", "stade", True),
        ("Flights at Bagram air base were halted.", "Bagram", "base", False),
        ("Troops reached Ebbington Road at dawn.", "Ebbington Road", "road", True),
    ],
)
def test_facility_spans_are_recognised(text: str, phrase: str, noun: str, named: bool) -> None:
    s = text.index(phrase)
    fac = facility_at(text, s, s + len(phrase))
    assert fac is not None
    assert (fac.noun, fac.named) == (noun, named)


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("A parcel bomb went off on Rue Gambetta in Lille.", "Rue", "Rue Gambetta"),
        ("Riot police cleared the Calle de Alcala at dawn.", "Calle", "Calle de Alcala"),
    ],
)
def test_a_noun_that_begins_a_name_makes_the_whole_name_a_facility(text: str, word: str, name: str) -> None:
    # "Rue" alone matched a homonym town (Rue in the Somme, Ruy near Lyon): the noun begins a
    # longer name, a street of the town the text is in
    s = text.index(word)
    fac = facility_at(text, s, s + len(word))
    assert fac is not None and fac.named and text[fac.start : fac.end] == name


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Troops entered Churchill on Monday.", "Churchill"),  # "church" is not a word of it
        ("Shelling hit Donetsk overnight.", "Donetsk"),
        ("Kabul's hospitals were full.", "Kabul"),  # the owner of a facility is a place
        ("Protesters marched in Hospital.", "Hospital"),  # one word alone is no facility name
    ],
)
def test_places_are_not_facilities(text: str, phrase: str) -> None:
    s = text.index(phrase)
    assert facility_at(text, s, s + len(phrase)) is None


# ---------------------------------------------------------------------- resolution


def test_hospital_linked_after_in_a_city(gaz: Gazetteer) -> None:
    text = "An air strike damaged the Al-Amal Hospital in Khartoum on Sunday, medics said."
    g = _one(text, "Al-Amal Hospital", gaz)
    assert g.country_code == "SD" and _near(g, 15.55, 32.53)
    assert g.score is not None and g.score <= 0.5  # a containing place, not the facility itself


def test_airport_owned_by_the_city_before_it(gaz: Gazetteer) -> None:
    text = "Hundreds of flights were grounded at Toronto's Pearson International Airport on Friday."
    g = _one(text, "Pearson International Airport", gaz)
    assert g.country_code == "CA" and _near(g, 43.70, -79.42)


def test_stadium_linked_by_a_comma(gaz: Gazetteer) -> None:
    text = "Riot police cleared the Stade Olympique, Marseille, after rival fans clashed."
    g = _one(text, "Stade Olympique", gaz)
    assert g.country_code == "FR" and _near(g, 43.30, 5.38)


def test_church_in_a_city_and_country(gaz: Gazetteer) -> None:
    text = "Gunmen stormed St. Joseph's Church in Kaduna, Nigeria, killing three worshippers."
    g = _one(text, "St. Joseph's Church", gaz)
    assert g.country_code == "NG" and _near(g, 10.52, 7.44)


def test_place_inside_the_name(gaz: Gazetteer) -> None:
    text = "Gunmen attacked Kabul International Airport, Afghan officials said."
    g = _one(text, "Kabul International Airport", gaz)
    assert g.country_code == "AF" and _near(g, 34.53, 69.17)


def test_street_falls_back_to_the_focus_place(gaz: Gazetteer) -> None:
    text = (
        "Police in Nairobi fired tear gas at protesters on Tuesday. Shops in Nairobi stayed shut, "
        "and later a crowd gathered on Moi Avenue, witnesses said."
    )
    g = _one(text, "Moi Avenue", gaz)
    assert g.country_code == "KE" and _near(g, -1.28, 36.82)
    assert g.score is not None and g.score < 0.5


def test_street_goes_to_the_town_just_named_not_the_one_named_most(gaz: Gazetteer) -> None:
    # the street is in the town of the sentence before, though the text names Paris more often
    text = (
        "Police in the city of Lyon hunted a man on Friday. The blast hit a bakery on the central "
        "street Rue Victor Hugo. Paris saw attacks in 2015. Paris police sent help. Paris is calm."
    )
    g = _one(text, "Rue Victor Hugo", gaz)
    assert g.country_code == "FR" and _near(g, 45.76, 4.83)


def test_street_abbreviation_makes_a_street_of_a_town_name(gaz: Gazetteer) -> None:
    # "At Oxford St" opening a sentence: neither "At Oxford" nor the English city
    text = (
        "Two bombs went off in north Belfast on Friday.\nAt Oxford St, the busiest bus station in "
        "the city, four people died, police said."
    )
    found = {g.text: g for g in geoparse(text, gaz)}
    assert "At Oxford" not in found
    assert found["Oxford"].admin1 == "Northern Ireland" and _near(found["Oxford"], 54.60, -5.93)


def test_saint_after_a_town_is_no_street(gaz: Gazetteer) -> None:
    assert facility_at("Crowds gathered in Oxford St Giles church.", 19, 25) is not None  # the church
    assert facility_at("Fans of Paris St Germain marched.", 8, 13) is None
    assert facility_at("Cities such as Moscow and St. Petersburg are calm.", 15, 21) is None


def test_park_named_like_a_far_town_goes_to_the_text_city(gaz: Gazetteer) -> None:
    text = "Protesters gathered in Victoria Park in London, Ontario, on Saturday, organisers said."
    g = _one(text, "Victoria Park", gaz)
    assert g.country_code == "CA" and _near(g, 42.98, -81.25)


def test_name_before_a_facility_noun_takes_the_text_city(gaz: Gazetteer) -> None:
    text = "Strong winds hit London on Friday. Flights were delayed at Heathrow airport, the operator said."
    g = _one(text, "Heathrow", gaz)
    assert g.country_code == "GB" and _near(g, 51.51, -0.13, km=50)


def test_a_town_before_a_facility_noun_is_kept(gaz: Gazetteer) -> None:
    text = "Rockets hit near Kandahar airport overnight, Afghan officials said."
    g = _one(text, "Kandahar", gaz)
    assert g.country_code == "AF" and _near(g, 31.61, 65.71)
    assert g.score is None or g.score > 0.5  # untouched by the facility rules


def test_facility_with_no_place_in_the_text_stays_unresolved(gaz: Gazetteer) -> None:
    text = "Thousands rallied in Victoria Park on Saturday, organisers said."
    g = _one(text, "Victoria Park", gaz)
    assert g.latitude is None and g.geonameid is None


def test_facility_never_goes_to_another_country_than_the_text(gaz: Gazetteer) -> None:
    text = "Soldiers guarded Sacred Heart Cathedral in Juba while South Sudan's president spoke."
    g = _one(text, "Sacred Heart Cathedral", gaz)
    assert g.country_code == "SS"


def test_recogniser_path_relocates_too(gaz: Gazetteer) -> None:
    text = (
        "Police in Harare dispersed a rally. Later, police fired tear gas in Victoria Park, witnesses said."
    )
    found = {g.text: g for g in geoparse(text, gaz)}
    assert "Victoria Park" in found
    assert found["Victoria Park"].country_code == "ZW" and _near(found["Victoria Park"], -17.83, 31.05)


def test_relocate_reports_what_it_did(gaz: Gazetteer) -> None:
    text = (
        "Police in Harare dispersed a rally. Later, police fired tear gas in Victoria Park, witnesses said."
    )
    tops = resolve(find_toponyms(text, gaz), gaz)
    done = relocate_facilities(text, tops, gaz)
    by_text = {t.text: r for t, r in zip(tops, done, strict=True)}
    assert by_text["Harare"] is None
    rel = by_text["Victoria Park"]
    assert rel is not None and rel.how == "focus" and rel.place is not None and rel.place.name == "Harare"
    park = next(t for t in tops if t.text == "Victoria Park")
    assert park.cue == "near"  # a facility placed by the focus place: near the town, precision 2
    rec = place_record(park, gaz)
    assert rec is not None and rec["geo_precision"] == 2 and rec["location"] == "Harare"


# ---------------------------------------------------------------------- the place stage


def test_place_stage_places_a_facility_in_its_town(coded: Callable[..., ArticleDoc]) -> None:
    adoc = coded(
        "Police in Harare dispersed a rally on Saturday. Later, police fired tear gas in Victoria Park, "
        "injuring 12 people, witnesses said."
    )
    park = [t for t in adoc.toponyms if t.text == "Victoria Park"]
    assert park and park[0].resolved is not None and park[0].resolved.country_code == "ZW"
    for m in adoc.mentions:
        if m.place is not None:
            assert m.place.get("iso2") == "ZW"


def test_a_street_named_after_another_town_is_in_the_text_city(gaz: Gazetteer) -> None:
    # "Oxford Street" in a report on Belfast is a Belfast street, not the English town
    text = (
        "Car bombs exploded across Belfast on Friday. The worst explosion was at the busy Oxford "
        "Street bus station, where six people were killed."
    )
    g = _one(text, "Oxford", gaz)
    assert g.country_code == "GB" and _near(g, 54.60, -5.93)


def test_an_airport_named_after_its_town_stays_in_that_town(gaz: Gazetteer) -> None:
    text = "Rockets hit near Kandahar airport overnight, Afghan officials said."
    g = _one(text, "Kandahar", gaz)
    assert _near(g, 31.61, 65.71)
