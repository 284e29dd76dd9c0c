"""Resolution rules for homonyms: what a bare name means given the rest of the text.

Every sentence here is written for the project; each test names the rule it checks.
"""

from __future__ import annotations

import pytest

from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import GeoPlace, geoparse
from dateline.geo.toponyms import find_toponyms, resolve


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _places(text: str, gaz: Gazetteer) -> dict[str, GeoPlace]:
    return {p.text: p for p in geoparse(text, gaz)}


def _span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_a_misspelt_country_key_that_is_a_city_name_is_the_city(gaz: Gazetteer) -> None:
    # "Columbia" folds to Colombia's key; the text spelling it so means the US cities
    text = "Students marched through downtown Columbia on Friday after the vote in the state senate."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Columbia")])
    assert p.country_code == "US" and p.feature_code != "PCLI"
    text2 = "Troops in Colombia clashed with a rebel faction near the Venezuelan border."
    (q,) = geoparse(text2, gaz, spans=[_span(text2, "Colombia")])
    assert q.country_code == "CO" and q.feature_code == "PCLI"


def test_a_dateline_city_spelt_like_a_misspelt_country_stays_a_city(gaz: Gazetteer) -> None:
    text = "COLUMBIA, Ky. - A county clerk was charged on Tuesday with taking bribes."
    first = geoparse(text, gaz)[0]
    assert first.text == "COLUMBIA" and first.country_code == "US"


def test_a_country_name_after_a_us_city_is_the_state(gaz: Gazetteer) -> None:
    text = "The firm owns flats in Nashville, Tennessee and in Atlanta, Georgia, its filing says."
    tops = resolve(find_toponyms(text, gaz), gaz)
    by = {t.text: t for t in tops}
    assert by["Georgia"].kind == "admin"
    assert by["Georgia"].resolved is not None and by["Georgia"].resolved.country_code == "US"
    assert by["Atlanta"].resolved is not None and by["Atlanta"].resolved.admin1 == "Georgia"


def test_the_caucasus_republic_keeps_its_name_after_its_own_capital(gaz: Gazetteer) -> None:
    text = "Protesters gathered outside parliament in Tbilisi, Georgia, on Sunday night."
    by = {t.text: t for t in resolve(find_toponyms(text, gaz), gaz)}
    assert by["Georgia"].kind == "country" and by["Georgia"].country_code == "GE"


def test_a_list_of_peer_places_is_not_read_as_place_then_container(gaz: Gazetteer) -> None:
    text = (
        "The survey ranked Vancouver, Calgary, Edmonton, Saskatoon and Winnipeg. "
        "Its offices are in Memphis and Cordova, Tennessee, Richmond, Virginia, and Tampa, Florida."
    )
    spans = [_span(text, "Calgary"), _span(text, "Tennessee")]
    calgary, tennessee = geoparse(text, gaz, spans=spans)
    assert calgary.feature_code == "PPL" and calgary.admin1 == "Alberta"
    assert abs(calgary.latitude - 51.05) < 0.2
    assert tennessee.feature_code == "ADM1" and tennessee.admin1 == "Tennessee"


def test_a_place_inside_a_named_unit_stays_unknown_rather_than_a_far_homonym(gaz: Gazetteer) -> None:
    text = "Jets bombed a school in Kani township in the Sagaing region, Myanmar's opposition said."
    by = {t.text: t for t in resolve(find_toponyms(text, gaz), gaz)}
    assert by["Kani"].resolved is None or by["Kani"].resolved.country_code == "MM"


def test_a_bare_state_name_is_the_state_not_a_county_named_after_it(gaz: Gazetteer) -> None:
    text = (
        "The family left Linn County in northern Missouri for a farm near the Oklahoma line; "
        "land in Texas had grown too dear, they said."
    )
    (p,) = geoparse(text, gaz, spans=[_span(text, "Texas")])
    assert p.feature_code == "ADM1" and p.admin1 == "Texas"


def test_a_unit_named_with_its_generic_word_is_still_the_county(gaz: Gazetteer) -> None:
    text = "Flooding closed roads across Texas County, Missouri, on Monday."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Texas County")])
    assert p.feature_code == "ADM2" and p.admin1 == "Missouri"


def test_the_border_of_a_state_does_not_make_it_a_town(gaz: Gazetteer) -> None:
    text = "Ranchers from Ohio to the western borders of Montana and Wyoming lost cattle in the storm."
    (mt,) = geoparse(text, gaz, spans=[_span(text, "Montana")])
    assert mt.country_code == "US" and mt.feature_code == "ADM1"


def test_postal_codes_after_a_place_and_a_comma_are_states(gaz: Gazetteer) -> None:
    by = _places("LOUISVILLE, KY -- The company bought two buildings on Monday.", gaz)
    assert by["KY"].feature_code == "ADM1" and by["KY"].admin1 == "Kentucky"
    assert by["LOUISVILLE"].admin1 == "Kentucky"
    assert "KY" not in _places("The KY team won the game on Monday.", gaz)


def test_capital_outranks_a_small_homonym_in_the_same_country_mix(gaz: Gazetteer) -> None:
    text = (
        "WASHINGTON - The British consultant's reports on Moscow were shared with officials "
        "in London and later with the FBI."
    )
    first = geoparse(text, gaz)[0]
    assert first.text == "WASHINGTON" and first.country_code == "US" and first.feature_code == "PPLC"


def test_capitals_are_marked_in_the_gazetteer(gaz: Gazetteer) -> None:
    capitals = {p.country_code: p for p in gaz.lookup("Damascus") if p.feature_code == "PPLC"}
    assert "SY" in capitals
    assert all(p.is_populated_place for p in capitals.values())
    ottawa = [p for p in gaz.lookup("Ottawa") if p.feature_code == "PPLC"]
    assert [p.country_code for p in ottawa] == ["CA"]


def test_a_place_and_its_unit_before_said_are_not_a_speaker(gaz: Gazetteer) -> None:
    # "X, Y, said": the comma sets the unit apart; only "Smith said" makes a person
    text = "Police in Windsor, Ontario, said two men were held after the shooting."
    got = _places(text, gaz)
    assert got["Ontario"].feature_code == "ADM1" and got["Ontario"].country_code == "CA"
    assert got["Windsor"].country_code == "CA" and got["Windsor"].admin1 == "Ontario"


def test_given_spans_link_a_town_to_the_unit_after_it(gaz: Gazetteer) -> None:
    # resolution-only mode: the span after "Town, " still gives the town its unit
    text = "Residents of Windsor, Ontario, lit candles for the victims of the shooting."
    windsor, ontario = geoparse(text, gaz, spans=[_span(text, "Windsor"), _span(text, "Ontario")])
    assert windsor.country_code == "CA" and windsor.admin1 == "Ontario"
    assert ontario.feature_code == "ADM1"


def test_a_unit_after_a_list_of_villages_places_every_one(gaz: Gazetteer) -> None:
    # "the villages of A and B in Z": Z places A too; names the gazetteer lacks fall back to Z
    text = "Shells fell on the besieged villages of Kafr Zeita and Latamna in Hama province overnight."
    got = _places(text, gaz)
    assert {"Kafr Zeita", "Latamna"} <= set(got)
    for name in ("Kafr Zeita", "Latamna"):
        assert got[name].country_code == "SY" and got[name].admin1 == "Hama", name


def test_a_capitalised_plural_cue_opens_a_list_of_two_places(gaz: Gazetteer) -> None:
    # "The towns of X and Y": two places, not one called "X and Y"
    text = "The towns of Haris and Varzaqan in East Azerbaijan province lost power after the quake."
    got = _places(text, gaz)
    assert "Haris and Varzaqan" not in got


def test_a_shared_list_hint_does_not_pull_a_unit_into_its_peer(gaz: Gazetteer) -> None:
    # "Ohio, Kentucky and Tennessee": a unit is not inside another of the same level
    text = "Storms cut power across Ohio, Kentucky and Tennessee on Sunday."
    spans = [_span(text, n) for n in ("Ohio", "Kentucky", "Tennessee")]
    got = geoparse(text, gaz, spans=spans)
    assert [p.admin1 for p in got] == ["Ohio", "Kentucky", "Tennessee"]
    assert all(p.feature_code == "ADM1" for p in got)


def test_the_hint_unit_is_the_one_holding_a_place_of_that_name(gaz: Gazetteer) -> None:
    # "the town of Qatraneh in the Karak district": the Jordanian Karak, which holds Al Qatranah
    text = "Gunmen fired on a police patrol in the town of Qatraneh in the Karak district on Sunday."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Qatraneh")])
    assert p.country_code == "JO"


@pytest.mark.parametrize(
    ("name", "short"),
    [("Frankfurt am Main", "Frankfurt"), ("Newcastle upon Tyne", "Newcastle"),
     ("Southend-on-Sea", "Southend"), ("Boulogne-sur-Mer", "Boulogne"), ("Halle (Saale)", "Halle"),
     ("Mülheim an der Ruhr", "Mülheim"),
     ("San Juan de los Lagos", None), ("Saint-Denis", None), ("Rostock", None)],
)  # fmt: skip
def test_short_form_drops_only_the_qualifier_news_leaves_out(name: str, short: str | None) -> None:
    from dateline.geo.gazetteer import short_form

    assert short_form(name) == short


def test_a_town_named_without_its_qualifier_is_found(gaz: Gazetteer) -> None:
    text = "Police in Ludwigshafen arrested a teenager over a planned attack on a Christmas market."
    got = _places(text, gaz)
    assert got["Ludwigshafen"].country_code == "DE" and got["Ludwigshafen"].feature_code == "PPL"
    text2 = "A car bomb was found outside a mosque in Newcastle, England, on Friday."
    (p,) = geoparse(text2, gaz, spans=[_span(text2, "Newcastle")])
    assert p.country_code == "GB" and p.latitude is not None and p.latitude > 54.5


def test_a_list_of_states_is_read_as_states(gaz: Gazetteer) -> None:
    # every item a state, Georgia too; no "Colorado, Georgia" country hint, no towns named Oregon
    text = (
        "Health officials reported cases in Nevada, California, Colorado, Georgia, Kansas, Oregon, "
        "Ohio, Washington and Wyoming after the recall."
    )
    got = _places(text, gaz)
    for name in ("Nevada", "California", "Colorado", "Georgia", "Kansas", "Oregon", "Ohio", "Wyoming"):
        assert got[name].country_code == "US" and got[name].feature_code == "ADM1", name
    assert got["Georgia"].admin1 == "Georgia"


def test_a_province_holding_the_texts_city_beats_small_homonym_towns(gaz: Gazetteer) -> None:
    # "Ontario" in a text about Toronto and Buffalo, New York: the province that holds Toronto
    text = (
        "A hospital ward in Toronto closed after an outbreak. Mothers may be sent elsewhere in "
        "Ontario, or across the border to Buffalo, New York, while the ward is cleaned."
    )
    (p,) = geoparse(text, gaz, spans=[_span(text, "Ontario")])
    assert p.country_code == "CA" and p.feature_code == "ADM1"


def test_regions_made_of_provinces_are_places(gaz: Gazetteer) -> None:
    # Darfur, Kivu and Kordofan are split into provinces named "North ...", "Sud-...": the
    # bare name is the region they make, placed among them, with no admin1 of its own
    text = "Fighting resumed in Darfur on Monday while militias raided villages in Kordofan and Kivu."
    got = _places(text, gaz)
    for name, cc in (("Darfur", "SD"), ("Kordofan", "SD"), ("Kivu", "CD")):
        p = got[name]
        assert p.country_code == cc and p.feature_code == "RGN" and p.admin1 is None, name
    darfur = got["Darfur"]
    assert darfur.latitude is not None and 10 < darfur.latitude < 16
    assert darfur.longitude is not None and 22 < darfur.longitude < 27


def test_no_region_is_made_from_a_country_or_a_generic_word(gaz: Gazetteer) -> None:
    # "Western Australia" and "South Australia" make no region "Australia"; "Northern Province"
    # makes no region "Province"; "Southern Red Sea" makes no region "Red Sea"
    from dateline.geo.names import normalize

    assert gaz.subregions(normalize("Australia")) == []
    assert gaz.subregions(normalize("Province")) == []
    assert gaz.subregions(normalize("Red Sea")) == []
    assert [p.country_code for p in gaz.subregions(normalize("Darfur"))] == ["SD"]


def test_an_event_in_a_region_of_provinces_has_region_precision() -> None:
    from dateline import code

    events = code(
        "Gunmen on motorbikes attacked a market in Darfur on Monday, killing 12 civilians, "
        "witnesses said.",
        published="2026-03-02",
    )
    main = [e for e in events if not getattr(e, "background", False)]
    assert main and main[0].location == "Darfur" and main[0].country == "Sudan"
    assert main[0].geo_precision == 3 and main[0].admin1 is None


def test_a_city_named_like_its_province_is_found_with_city(gaz: Gazetteer) -> None:
    text = "Grades were given to Toronto, Ottawa, Montreal, Quebec City and Halifax."
    got = _places(text, gaz)
    assert got["Quebec City"].feature_code in ("PPL", "PPLA", "PPLC")
    assert got["Quebec City"].admin1 == "Quebec"


def test_town_and_state_pairs_inside_a_long_list_keep_their_state(gaz: Gazetteer) -> None:
    # a list of "town, state" pairs is not a list of states: Richmond stays in Virginia
    text = (
        "The chain has stores in Louisville and Lexington, Kentucky, Nashville and Cordova, Tennessee, "
        "Richmond, Virginia, and Orlando, Florida."
    )
    got = _places(text, gaz)
    assert got["Richmond"].admin1 == "Virginia" and got["Cordova"].admin1 == "Tennessee"
    assert got["Lexington"].admin1 == "Kentucky"


def test_a_list_of_towns_gives_no_item_the_next_one_as_its_unit(gaz: Gazetteer) -> None:
    # "Atlanta, San Antonio" inside a list of towns is not Atlanta in a San Antonio
    # municipality of Mexico
    text = (
        "Agents of the immigration service arrested more than 680 people in Los Angeles, Chicago, "
        "Atlanta, San Antonio and New York City last week, the department said. A mother of two "
        "was deported to Mexico, and protesters in Mexico City marched on the embassy."
    )
    got = _places(text, gaz)
    assert got["Atlanta"].country_code == "US" and got["San Antonio"].admin1 == "Texas"
    (atlanta,) = [t for t in resolve(find_toponyms(text, gaz), gaz) if t.text == "Atlanta"]
    assert atlanta.admin_hint is None


def test_a_unit_named_like_a_town_stands_for_it_when_the_town_is_missing(gaz: Gazetteer) -> None:
    # the gazetteer lacks the town of Karak, Jordan, but has the Karak governorate; a
    # Pakistani town of that name is no reading in a report on Jordan
    text = (
        "Gunmen attacked police in Jordan on Sunday near the central town of Karak, "
        "Jordan's security directorate said."
    )
    (p,) = geoparse(text, gaz, spans=[_span(text, "Karak")])
    assert p.country_code == "JO"


def test_a_unit_phrase_with_its_unit_word_finds_units_of_the_bare_name(gaz: Gazetteer) -> None:
    text = "A house burned in the Karak district, said a statement by Jordan's police."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Karak district")])
    assert p.country_code == "JO" and p.feature_code.startswith("ADM")


def test_one_name_one_place_unless_the_text_places_each_mention(gaz: Gazetteer) -> None:
    text = "A tornado struck Paris, Texas, on Monday. Crews in Paris worked through the night."
    first, second = geoparse(text, gaz, spans=[_span(text, "Paris"), _span(text, "Paris", 1)])
    assert first.admin1 == "Texas" and second.geonameid == first.geonameid
    text2 = "Fans flew from Paris, France, to Paris, Texas, for the festival."
    a, b = geoparse(text2, gaz, spans=[_span(text2, "Paris"), _span(text2, "Paris", 1)])
    assert a.country_code == "FR" and b.admin1 == "Texas"


def test_a_state_abbreviation_without_its_dot_in_a_dateline(gaz: Gazetteer) -> None:
    got = _places("PIKEVILLE, Ky (AP) -- A barn fire spread to two houses overnight.", gaz)
    assert got["Ky"].admin1 == "Kentucky" and got["PIKEVILLE"].admin1 == "Kentucky"
    # a title after a comma is neither a state nor a county
    got2 = _places("The award went to Mr Brown, Miss Smith and a team from Ohio.", gaz)
    assert "Miss" not in got2 and got2["Ohio"].admin1 == "Ohio"


def test_county_written_short(gaz: Gazetteer) -> None:
    got = _places("PLYMOUTH CO. - Deputies arrested a man over thefts at farm auctions in Iowa.", gaz)
    assert got["PLYMOUTH CO."].feature_code == "ADM2" and got["PLYMOUTH CO."].admin1 == "Iowa"


def test_a_unit_after_in_and_a_direction_places_the_place(gaz: Gazetteer) -> None:
    got = _places("The family bought a farm in Monroe County in northeast Missouri last spring.", gaz)
    assert got["Monroe"].admin1 == "Missouri"


def test_new_york_alone_is_the_city(gaz: Gazetteer) -> None:
    got = _places("The two men met in New York on Saturday to discuss the deal.", gaz)
    assert got["New York"].feature_code.startswith("PPL") and got["New York"].admin1 == "New York"


def test_a_bare_dateline_is_the_city_known_world_wide(gaz: Gazetteer) -> None:
    text = "WASHINGTON - A former British spy met FBI agents in London and Rome, officials said."
    (p,) = geoparse(text, gaz, spans=[(0, 10)])
    assert p.country_code == "US" and p.feature_code == "PPLC"


def test_a_country_name_after_the_city_of_is_no_country(gaz: Gazetteer) -> None:
    text = "Tickets are sold by the city of Turkey, a small town in the Texas Panhandle."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Turkey")])
    assert p.country_code != "TR"


def test_a_city_after_a_speech_verb_is_still_a_place(gaz: Gazetteer) -> None:
    # "told CTV Winnipeg", "said Montreal Mayor ...": the city is no person, and its other
    # mentions are not dropped as a person's name; a country-named person stays a person
    text = (
        "The rescue's director told CTV Winnipeg the puppy would live. She was driven three hours "
        "to Winnipeg for care, said Montreal Mayor Denis Coderre. Hansen said Jordan Peterson was wrong."
    )
    found = [p.text for p in geoparse(text, gaz)]
    assert found.count("Winnipeg") == 2 and "Montreal" in found
    assert "Jordan" not in found


def test_a_name_after_said_is_a_person_only_as_the_speaker(gaz: Gazetteer) -> None:
    text = (
        "The plan is coming, Oudshoorn said. In London, advocates say drug use is rising. "
        "Fodge said Missouri had a lot to offer. Mount Royal Mayor Philippe Roy and Montreal "
        "East Mayor Robert Coutu agreed."
    )
    found = [p.text for p in geoparse(text, gaz)]
    assert "London" in found and "Missouri" in found and "Montreal" in found
    assert not {"Oudshoorn", "Fodge", "Philippe", "Roy"} & set(found)


def test_geoparse_finds_continents_and_world_regions(gaz: Gazetteer) -> None:
    text = (
        "Envoys from Asia and Europe met in Latin America to discuss the Middle East and the "
        "Sahel. The African Union sent European-trained observers."
    )
    got = _places(text, gaz)
    assert got["Asia"].feature_code == "CONT" and got["Europe"].feature_code == "CONT"
    assert got["Latin America"].feature_code == "RGN" and "America" not in got
    assert got["Middle East"].feature_code == "RGN" and got["Sahel"].feature_code == "RGN"
    assert "African" not in got  # the African Union is an organisation
    assert all(p.country_code is None for n, p in got.items() if p.feature_code in ("CONT", "RGN"))


def test_a_persons_surname_said_alone_is_no_place(gaz: Gazetteer) -> None:
    # "Nick Burton" is a person (a census first name and a surname), so "Burton" later is too
    text = (
        "DALLAS - Nick Burton runs a farm. As a farmer, Burton feels obliged to teach. "
        "Nine-year-old Jerome Faulkner skates in Red Deer. Faulkner began skating at four."
    )
    found = [p.text for p in geoparse(text, gaz)]
    assert "Burton" not in found and "Faulkner" not in found and "Jerome" not in found
    assert "DALLAS" in found and "Red Deer" in found  # "Red" is no organisation word alone


def test_a_first_name_that_is_a_large_place_or_a_place_word_after_it_stays_a_place(gaz: Gazetteer) -> None:
    # (a large place named like a person stays a place: "Georgia Stevens" keeps Georgia a
    # country, a known limit)
    text = (
        "Alberta Premier Rachel Notley said Marion County deputies searched Jackson Heights. In "
        "London, advocates asked for help."
    )
    found = [p.text for p in geoparse(text, gaz)]
    assert "Alberta" in found and "Marion" in found and "Jackson Heights" in found and "London" in found


def test_a_township_and_its_region_after_a_comma_stay_linked(gaz: Gazetteer) -> None:
    # regression: "X Township, Y Region" is X in Y, not a list of peers (Kani is also in Japan)
    got = _places("Aircraft bombed a village in Kani Township, Sagaing Region, on Monday.", gaz)
    assert got["Kani"].country_code == "MM" and got["Kani"].admin1 == "Sagaing"


@pytest.mark.parametrize(
    ("name", "natural"),
    [
        ("Tigris River", True),
        ("Lake Chad", True),
        ("Mount Sinjar", True),
        ("Gulf of Aden", True),
        ("Nuba Mountains", True),
        ("Indian Ocean", True),
        ("Kuril Islands", True),
        ("River", False),  # one word: no name
        ("Idlib province", False),
        ("Riverside", False),
    ],
)
def test_natural_features_are_told_by_their_form(name: str, natural: bool) -> None:
    from dateline.geo.geoparse import natural_feature

    assert natural_feature(name) is natural


def test_a_sea_is_not_the_district_a_word_of_its_name_names(gaz: Gazetteer) -> None:
    # "Indian Ocean": no Indian district; without a unit of its own it falls back to the
    # country the text is about, scored low
    text = "Pirates seized a tanker in the Indian Ocean off Somalia on Tuesday, officials in Mogadishu said."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Indian Ocean")])
    assert p.country_code != "IN" and p.feature_code != "ADM2"
    assert p.score is None or p.score < 0.5


def test_a_feature_named_after_a_country_stands_at_that_country(gaz: Gazetteer) -> None:
    text = "A cargo ship ran aground in the Panama Canal on Monday, the authority said."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Panama Canal")])
    assert p.country_code == "PA"


def test_a_word_of_a_landmark_name_is_no_town_in_a_country_the_text_never_names(gaz: Gazetteer) -> None:
    # "Rock" of the landmark is a US county; the text is about Australia, so the country stands
    text = "Hikers left Alice Springs in Australia at dawn to reach Ayers Rock before the heat."
    (p,) = geoparse(text, gaz, spans=[_span(text, "Ayers Rock")])
    assert p.country_code == "AU" and p.score is not None and p.score < 0.5
    # where the text is in the town a word names, that town stands ("Copenhagen Airport")
    text2 = "Flights from Copenhagen Airport to Aarhus, Denmark were cancelled."
    (q,) = geoparse(text2, gaz, spans=[_span(text2, "Copenhagen Airport")])
    assert q.country_code == "DK" and q.feature_code is not None and q.feature_code.startswith("PPL")


def test_a_town_the_text_puts_in_a_country_is_not_a_homonym_abroad(gaz: Gazetteer) -> None:
    # "the Syrian rebel-held town of": two modifiers before the type word still name the country,
    # which outweighs a report full of the United States (Rye, New York; Ray County, Missouri)
    text = (
        "Officials in Washington said the United States would send more advisers to Texas and "
        "New York. Army trucks drove past fighters in the Syrian rebel-held town of al-Rai."
    )
    by = {t.text: t for t in resolve(find_toponyms(text, gaz), gaz)}
    assert by["al-Rai"].country_hint == "SY" and by["al-Rai"].country_code == "SY"
    # no candidate in the country the text names: the town is one the gazetteer lacks, in Syria
    text2 = "Officials in Washington said fighters shelled the Syrian village of Rye on Monday."
    (p,) = geoparse(text2, gaz, spans=[_span(text2, "Rye")])
    assert p.country_code == "SY"
