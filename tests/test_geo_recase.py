"""Place names in a text written in one case get capitals, so the recogniser finds them."""

from __future__ import annotations

import pytest

import dateline
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.recase import recase
from dateline.nlp.case import one_case
from dateline.nlp.segment import load_spacy


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


LOWER = "lucknow: police opened fire on a mob in ahmedabad on sunday, killing five people in gujarat, india."


def test_one_case_texts_are_told_from_mixed_ones() -> None:
    assert one_case(LOWER) == "lower"
    assert one_case(LOWER.upper()) == "upper"
    assert one_case("Police opened fire on a mob in Ahmedabad on Sunday, killing five people.") is None
    assert one_case("too short") is None


def test_place_names_get_capitals_and_words_do_not(gaz: Gazetteer) -> None:
    assert recase(LOWER, gaz) == LOWER.replace("gujarat", "Gujarat").replace("india", "India")  # no parse
    out = recase(LOWER, gaz, load_spacy()(LOWER))
    assert len(out) == len(LOWER)
    assert "Lucknow" in out and "Ahmedabad" in out and "Gujarat" in out and "India" in out
    assert "police opened fire on a mob" in out  # no capitals for words
    text = "the mobile phone was found near an orange tree in the centre of new delhi, officials said."
    out = recase(text, gaz, load_spacy()(text))
    assert "New Delhi" in out and "centre" in out and "an orange" in out
    mixed = "Police in Mobile, Alabama, arrested five protesters."
    assert recase(mixed, gaz) == mixed  # a text in mixed case is left as written


def test_a_lower_case_report_is_placed(gaz: Gazetteer) -> None:
    events = dateline.code("date 2002-03-02\n" + LOWER)
    assert events and events[0].country == "India"  # before: no place at all
    upper = dateline.code("date 2002-03-02\n" + LOWER.upper())
    assert upper and upper[0].country == "India"


def test_geoparse_places_a_lower_case_text_and_shows_its_words(gaz: Gazetteer) -> None:
    from dateline.geo.geoparse import geoparse

    places = geoparse("curfew was imposed across gujarat after clashes, officials in new delhi said.", gaz)
    assert [(p.text, p.country_code) for p in places] == [("gujarat", "IN"), ("new delhi", "IN")]


def test_a_report_in_capitals_is_parsed_in_lower_case() -> None:
    """In capitals the parser reads every word as a name: no verb, no lemma, no trigger."""
    text = (
        "date 1990-02-06\nTHE ARMED FORCES PRESS COMMITTEE REPORTED THAT AN ARMY PATROL CLASHED WITH A "
        "GROUP OF TERRORISTS NEAR THE TOWN OF SUCHITOTO, LEAVING TWO GUERRILLAS DEAD AND ONE SOLDIER WOUNDED."
    )
    assert [e.sub_event_type for e in dateline.code(text)] == ["Armed clash"]  # before: no event
    # and the place stage still gives the capitals' names back ("SAN SALVADOR")
    text = "date 1990-02-06\nPOLICE ARRESTED FIVE OPPOSITION LEADERS IN SAN SALVADOR ON MONDAY."
    assert [(e.sub_event_type, e.country) for e in dateline.code(text)] == [("Arrests", "El Salvador")]


def test_a_smaller_town_gets_capitals_after_a_place_cue(gaz: Gazetteer) -> None:
    # towns under 100,000 people only after "in", "at", "near" or "from", in a country the text
    # names, and never an English word ("in panic", "at home")
    text = (
        "san salvador, 12 jan 90 -- an army patrol clashed with guerrillas near suchitoto and in "
        "zacatecoluca, in el salvador, on thursday. people in panic stayed at home in the capital."
    )
    out = recase(text, gaz, load_spacy()(text))
    assert "near Suchitoto" in out and "in Zacatecoluca" in out  # before: neither (5,735 and 39,613 people)
    assert "in panic" in out and "at home" in out
    bare = "an army patrol clashed with guerrillas near suchitoto on thursday, officials said."
    assert "suchitoto" in recase(bare, gaz, load_spacy()(bare))  # no country named: left as it is


def test_a_demonym_of_the_state_names_its_country(gaz: Gazetteer) -> None:
    # "guatemalan army troops": the report is in Guatemala though it never writes the name; the
    # town after "near" gets capitals, though the parser read it as an adjective
    text = "fire department sources said today that guatemalan army troops killed nine peasants near coban."
    assert "near Coban" in recase(text, gaz, load_spacy()(text))  # before: "near coban"
    (ev,) = dateline.code(text)
    assert (ev.location, ev.country, ev.actor1) == ("Cobán", "Guatemala", "Military Forces of Guatemala")
    # a demonym of no state's word names nothing: "english lessons" is no report on Britain
    text = "the teachers gave english lessons near reading on tuesday, officials said."
    assert "near reading" in recase(text, gaz, load_spacy()(text))


def test_a_large_town_names_the_country_for_its_smaller_towns(gaz: Gazetteer) -> None:
    # no country or state is written, but Ahmedabad (a town of millions) says India: Bardoli,
    # of 60,000 people, after "in", then gets capitals too
    text = "police fired tear gas at a mob in bardoli on tuesday, officials in ahmedabad said."
    out = recase(text, gaz, load_spacy()(text))
    assert "in Bardoli" in out and "in Ahmedabad" in out  # before: "in bardoli"
