"""Tests for ``dateline gazetteer import``, ``dateline geoparse`` and ``dateline eval geo``.

The GeoNames files are the project's own small fixture (tests/fixtures/geonames/); the
gazetteer built with them goes to a temporary folder, never the user's.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.evaluate.geo import evaluate_geo, haversine_km, read_geo_xml
from dateline.geo import Gazetteer, find_toponyms, resolve
from dateline.geo.geonames_import import import_files, user_gazetteer_dir, user_gazetteer_signature
from dateline.geo.geoparse import geoparse
from dateline.geo.stage import place_record

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


def _zip(src: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, src.name)
    return dest


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("geonames")
    files = [
        _zip(FIXTURES / "alternateNamesV2.txt", work / "alternateNamesV2.zip"),  # given first on purpose
        _zip(FIXTURES / "SY.txt", work / "SY.zip"),
        FIXTURES / "admin1CodesASCII.txt",
        FIXTURES / "admin2Codes.txt",
    ]
    dest = work / "gazetteer"
    results = import_files(files, dest)
    by_kind = {r.kind: r.rows for r in results}
    assert by_kind["places"] == 2  # the historical place and the spring are left out
    assert by_kind["unit points"] == 1
    assert by_kind["alternates"] == 4  # Atmeh, أطمة, Atmé, Qah: not the link, the historic name, other ids
    return dest


@pytest.fixture(scope="module")
def gaz_plus(imported: Path) -> Gazetteer:
    return Gazetteer.load(cache=False, user_dir=imported)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_import_writes_filtered_tables(imported: Path) -> None:
    places = (imported / "places-SY.tsv").read_text(encoding="utf-8").splitlines()
    assert [row.split("\t")[0] for row in places] == ["99000001", "99000002"]
    first = places[0].split("\t")
    assert first[1] == "Aţmah" and "Atmeh" in first[2].split("|") and "أطمة" in first[2].split("|")
    assert (imported / "admin1CodesASCII.txt").read_text(encoding="utf-8").startswith("SY.12\tIdlib")
    assert user_gazetteer_signature(imported)  # the cache key changes after an import
    assert user_gazetteer_signature(imported / "missing") == ""


def test_user_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATELINE_GAZETTEER", str(tmp_path / "g"))
    assert user_gazetteer_dir() == tmp_path / "g"


def test_alternates_need_a_main_table_first(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="first"):
        import_files([FIXTURES / "alternateNamesV2.txt"], tmp_path / "empty")


def test_import_rejects_a_file_that_is_not_geonames(tmp_path: Path) -> None:
    bad = tmp_path / "XX.txt"
    bad.write_text("just\tthree\tcolumns\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a GeoNames table"):
        import_files([bad], tmp_path / "g")


def test_imported_village_is_found_under_its_variants(gaz: Gazetteer, gaz_plus: Gazetteer) -> None:
    assert not [p for p in gaz.lookup("Atme") if p.country_code == "SY"]
    for name in ("Atme", "Atmeh", "Aţmah", "Atma"):
        hits = [p for p in gaz_plus.lookup(name) if p.country_code == "SY"]
        assert hits and hits[0].geonameid == 99000001, name
        assert hits[0].admin1 == "Idlib" and hits[0].is_populated_place
    assert len(gaz_plus) == len(gaz) + 2


def test_imported_unit_point_replaces_the_computed_centre(gaz: Gazetteer, gaz_plus: Gazetteer) -> None:
    idlib = gaz_plus.by_geonameid(169387)
    assert idlib is not None and idlib.latitude == pytest.approx(35.83333)
    assert idlib.longitude == pytest.approx(36.66667)
    before = gaz.by_geonameid(169387)
    assert before is not None and before.latitude != pytest.approx(35.83333)


def test_seed_like_report_resolves_to_the_village_once_imported(gaz: Gazetteer, gaz_plus: Gazetteer) -> None:
    text = (
        "ATME, Syria: Coalition forces raided a house in the town of Atme in Idlib province "
        "near the Turkish border overnight, residents said."
    )
    # default gazetteer: the town keeps its name, with the province's place and a lower precision
    tops = resolve(find_toponyms(text, gaz), gaz)
    atme = [t for t in tops if t.text.lower() == "atme"]
    rec = place_record(atme[-1], gaz)
    assert rec is not None
    assert rec["location"] == "Atme" and rec["admin1"] == "Idlib" and rec["country"] == "Syria"
    assert rec["geo_precision"] == 3 and rec["where_prec"] == 4
    # with the GeoNames file imported: Atme itself, precision 1
    tops = resolve(find_toponyms(text, gaz_plus), gaz_plus)
    atme = [t for t in tops if t.text.lower() == "atme"]
    assert atme and all(t.resolved is not None and t.resolved.geonameid == 99000001 for t in atme)
    rec = place_record(atme[-1], gaz_plus)
    assert rec is not None
    assert rec["geonameid"] == 99000001 and rec["admin1"] == "Idlib" and rec["country"] == "Syria"
    assert rec["geo_precision"] == 1 and rec["where_prec"] == 1
    assert haversine_km(rec["latitude"], rec["longitude"], 36.3087, 36.6458) < 1


# ---------------------------------------------------------------------- geoparse


def test_geoparse_end_to_end(gaz: Gazetteer) -> None:
    text = "Shelling hit Aleppo and Idlib province on Monday, Syrian state media said."
    places = geoparse(text, gaz)
    got = {p.text: p for p in places}
    assert got["Aleppo"].country_code == "SY" and got["Aleppo"].feature_code == "PPL"
    assert got["Idlib"].feature_code == "ADM1"
    assert got["Syrian"].feature_code == "PCLI"
    assert "Syrian" not in {p.text for p in geoparse(text, gaz, demonyms=False)}
    for p in places:
        assert text[p.start : p.end] == p.text
        assert p.score is not None and 0 < p.score <= 1


def test_geoparse_resolution_only_follows_the_given_spans(gaz: Gazetteer) -> None:
    text = "Police in London, Ontario, said the man had lived in Paris, Texas, for years."
    spans = [(10, 16), (18, 25), (53, 58), (60, 65)]
    places = geoparse(text, gaz, spans=spans)
    assert [(p.start, p.end) for p in places] == spans
    london, ontario, paris, texas = places
    assert london.country_code == "CA" and london.admin1 == "Ontario"
    assert ontario.feature_code == "ADM1" and ontario.country_code == "CA"
    assert paris.country_code == "US" and paris.admin1 == "Texas"
    assert texas.feature_code == "ADM1"


def test_geoparse_span_the_gazetteer_lacks(gaz: Gazetteer) -> None:
    text = "They met in Xqzzyville yesterday."
    (p,) = geoparse(text, gaz, spans=[(12, 22)])
    assert p.latitude is None and p.text == "Xqzzyville"


def test_geoparse_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "Troops entered Mosul, Iraq."},
        {"id": "b", "text": "Rain in Kharkiv.", "spans": [[8, 15]]},
        {"id": "c", "text": "Bad span.", "spans": [[5, 50]]},
    ]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    assert main(["geoparse", str(src)]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert {p["text"] for p in out[0]["places"]} == {"Mosul", "Iraq"}
    (kharkiv,) = out[1]["places"]
    assert kharkiv["country_code"] == "UA" and set(kharkiv) >= {
        "start", "end", "text", "latitude", "longitude", "geonameid", "country_code", "admin1", "admin2",
        "feature_code", "score",
    }  # fmt: skip


def test_gazetteer_import_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "SY.txt"
    shutil.copy(FIXTURES / "SY.txt", src)
    assert main(["gazetteer", "import", str(src), "--dir", str(tmp_path / "gz")]) == 0
    out = capsys.readouterr().out
    assert "2 places" in out and (tmp_path / "gz" / "places-SY.tsv").exists()
    assert main(["gazetteer", "import", str(tmp_path / "missing.zip"), "--dir", str(tmp_path / "gz")]) == 1


# ---------------------------------------------------------------------- eval geo

_TR_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>t</title>
    <text><![CDATA[Police in London, Ontario, arrested a Syrian man from Aleppo.]]></text>
    <toponyms>
      <toponym><phrase>London</phrase><start>10</start><end>16</end>
        <gaztag geonameid="6058560"><name>London</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>42.98339</lat><lon>-81.23304</lon><country geonameid="6251999">Canada</country></gaztag>
      </toponym>
      <toponym><phrase>Ontario</phrase><start>18</start><end>25</end>
        <gaztag geonameid="6093943"><name>Ontario</name><fclass>A</fclass><fcode>ADM1</fcode>
          <lat>49.25014</lat><lon>-84.49983</lon><country geonameid="6251999">Canada</country></gaztag>
      </toponym>
      <toponym><phrase>Syrian</phrase><start>38</start><end>44</end>
        <gaztag geonameid="163843"><name>Syria</name><fclass>A</fclass><fcode>PCLI</fcode>
          <lat>35</lat><lon>38</lon><country geonameid="163843">Syria</country></gaztag>
      </toponym>
      <toponym><phrase>Aleppo</phrase><start>55</start><end>61</end></toponym>
    </toponyms>
  </article>
</articles>
"""

_VIRUS_XML = """<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Cholera cases rose in Beira, Mozambique, officials said.</text>
    <locations>
      <location><name>Beira</name><start>21</start><end>26</end><lat>-19.84</lat><lon>34.84</lon>
        <page>https://en.wikipedia.org/wiki/Beira</page></location>
      <location><name>Mozambique</name><start>28</start><end>38</end><lat>-18.25</lat><lon>35</lon>
        <page>https://en.wikipedia.org/wiki/Mozambique</page></location>
    </locations>
  </article>
</articles>
"""


def test_eval_geo_trnews_layout(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "tr.xml"
    path.write_text(_TR_XML, encoding="utf-8")
    (art,) = read_geo_xml(path)
    assert [g.phrase for g in art.toponyms] == ["London", "Ontario", "Syrian", "Aleppo"]
    rep = evaluate_geo([art], gaz)
    assert rep.demonyms  # the gold tags "Syrian"
    ro = rep.resolution_only
    assert ro.gold == 3  # Aleppo has no gold place: recognition only
    assert ro.id_match == 3 and ro.country_match == 3 and len(ro.errors) == 3
    # London and Syria are on their gold points; Ontario's computed centre is not GeoNames' point
    assert ro.errors[0] < 1 and ro.errors[2] < 161 and ro.within == sum(e <= 161 for e in ro.errors)
    assert rep.matched == 4 and rep.predicted == 4 and rep.precision == 1.0 and rep.recall == 1.0


def test_eval_geo_geovirus_layout_and_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "gv.xml"
    path.write_text(_VIRUS_XML, encoding="utf-8")
    assert main(["eval", "geo", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Acc@161                          1.000 (2/2)" in out
    assert "n/a (no ids in gold)" in out
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles/>", encoding="utf-8")
    assert main(["eval", "geo", str(bad)]) == 1


def test_mode_score_tells_a_right_id_at_another_point_from_a_wrong_place() -> None:
    from dateline.evaluate.geo import GoldToponym, ModeScore
    from dateline.geo.geoparse import GeoPlace

    m = ModeScore()
    gold = GoldToponym(0, 6, "Canada", 60.1, -113.6, geonameid=6251999)
    same_id_far = GeoPlace(0, 6, "Canada", 60.0, -95.0, 6251999, "CA", None, None, "PCLI", 1.0)
    wrong_far = GeoPlace(0, 6, "Canada", 10.0, 10.0, 123, "NG", None, None, "PPL", 1.0)
    near = GeoPlace(0, 6, "Canada", 60.2, -113.5, 6251999, "CA", None, None, "PCLI", 1.0)
    for pred in (same_id_far, wrong_far, near):
        m.add(gold, pred, "CA")
    assert (m.within, m.right_id_far, m.id_match) == (1, 1, 2)
    assert m.acc161 == pytest.approx(1 / 3) and m.acc161_or_id == pytest.approx(2 / 3)
