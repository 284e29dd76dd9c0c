"""Tests for the toponym-corpus readers of ``dateline eval geo``: GeoCorpora (TSV),
TUD-Loc2013 (zip) and the dispatch by layout.

Every fixture is written here, in each corpus's layout, with made-up texts; none depends on
the development sets.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.evaluate.geo import (
    GeoArticle,
    GeoFileError,
    GoldToponym,
    evaluate_geo,
    read_geo_corpus,
    read_geo_xml,
    read_geocorpora,
    read_tud_loc,
)
from dateline.geo.gazetteer import Gazetteer

# ---------------------------------------------------------------------------- GeoCorpora

_GEOCORPORA_HEADER = [
    "feature_id",
    "tweet_id_str",
    "tweet_text",
    "tweet_created_at",
    "tweet_user_location",
    "tweet_user_timezone",
    "tweet_coordinates_latitude",
    "tweet_coordinates_longitude",
    "tweet_placeid",
    "char_position",
    "text",
    "geoNameId",
    "toponym",
    "country_code",
    "longitude",
    "latitude",
    "surrogate_geojson",
    "uncertain_semantics",
    "vague",
    "overlapping_ambiguous",
    "non_overlapping_ambiguous",
    "not_in_geonames",
]

_TWEET_FLOOD = "Ireland floods #ireland: Cork &amp; Kerry &gt; 2m"  # escaped as the API gives it
_TWEET_QUOTE = 'He said "stay safe"\nin Oslo\u2026'  # a quote and a line break: a quoted field
_TWEET_LOST = "? Storm over Bergen"  # an emoji the file lost to "?", counted two by the offsets


def _row(n: int, tweet: str, tweet_text: str, **fields: str) -> dict[str, str]:
    row = dict.fromkeys(_GEOCORPORA_HEADER, "")
    row.update(feature_id=str(n), tweet_id_str=tweet, tweet_text=tweet_text, **fields)
    return row


def _top(
    n: int, tweet: str, text: str, pos: int, phrase: str, gid: str, cc: str, lat: str, lon: str
) -> dict[str, str]:
    """The row of one toponym of a tweet."""
    return _row(n, tweet, text, char_position=str(pos), text=phrase, geoNameId=gid, toponym=phrase,
                country_code=cc, latitude=lat, longitude=lon)  # fmt: skip


def _geocorpora_rows() -> list[dict[str, str]]:
    stand_in = {"geoNameId": "3161732", "latitude": "60.39", "longitude": "5.32", "not_in_geonames": "true"}
    return [
        # offsets count the unescaped text: "Ireland floods #ireland: Cork & Kerry > 2m"
        _top(1, "100", _TWEET_FLOOD, 0, "Ireland", "2963597", "IE", "53", "-8"),
        _top(2, "100", _TWEET_FLOOD, 25, "Cork", "2965140", "IE", "51.89797", "-8.47061"),
        _row(3, "200", "Nothing to see here &amp; nowhere"),  # a tweet without toponyms
        _top(4, "300", _TWEET_QUOTE, 23, "Oslo", "3143244", "NO", "59.91273", "10.74609"),
        # the rows of a tweet need not be next to each other
        _top(5, "100", _TWEET_FLOOD, 32, "Kerry", "2963517", "IE", "52.16667", "-9.75"),
        # "ireland" in the hashtag: written in another case at the offset, which is kept (not
        # moved to the "Ireland" 16 characters back)
        _top(6, "100", _TWEET_FLOOD, 16, "Ireland", "2963597", "IE", "53", "-8"),
        _top(7, "400", _TWEET_LOST, 14, "Bergen", "3161732", "NO", "60.39299", "5.32415"),
        # the place is not in GeoNames: the id and point are a stand-in's
        _row(8, "400", _TWEET_LOST, char_position="2", text="Storm", **stand_in),
        # a doubly encoded phrase ("Tromsø" as UTF-8 bytes read as cp1252)
        _top(9, "500", "Snow in Tromsø today", 8, "TromsÃ¸", "3133880", "NO", "69.6489", "18.95508"),
    ]


def _write_geocorpora(path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=_GEOCORPORA_HEADER, delimiter="\t", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("cp1252"))
    return path


@pytest.fixture
def geocorpora(tmp_path: Path) -> Path:
    return _write_geocorpora(tmp_path / "geocorpora.tsv", _geocorpora_rows())


def test_geocorpora_groups_rows_by_tweet_and_unescapes_the_text(geocorpora: Path) -> None:
    arts = read_geocorpora(geocorpora)
    assert [a.id for a in arts] == ["100", "200", "300", "400", "500"]
    flood = arts[0]
    assert flood.text == "Ireland floods #ireland: Cork & Kerry > 2m"
    assert arts[1].text == "Nothing to see here & nowhere" and arts[1].toponyms == []
    assert arts[2].text == _TWEET_QUOTE  # the quoted field kept its quote, line break and ellipsis
    # sorted by offset, whatever the order of the rows
    assert [(g.start, g.end, g.phrase) for g in flood.toponyms] == [
        (0, 7, "Ireland"),
        (16, 23, "ireland"),
        (25, 29, "Cork"),
        (32, 37, "Kerry"),  # 36 in the escaped text
    ]
    cork = flood.toponyms[2]
    assert cork.geonameid == 2965140 and cork.country_code == "IE"
    assert (cork.latitude, cork.longitude) == (51.89797, -8.47061)
    assert cork.country_geonameid is None


def test_geocorpora_offsets_are_checked_and_realigned(geocorpora: Path) -> None:
    arts = {a.id: a for a in read_geocorpora(geocorpora)}
    (oslo,) = arts["300"].toponyms
    assert (oslo.start, oslo.end, oslo.phrase) == (23, 27, "Oslo")
    storm, bergen = arts["400"].toponyms
    assert (bergen.start, bergen.end) == (13, 19) and _TWEET_LOST[13:19] == "Bergen"  # moved back one
    # not in GeoNames: recognition only
    assert (storm.start, storm.end, storm.phrase) == (2, 7, "Storm")
    assert storm.geonameid is None and storm.latitude is None and storm.country_code is None
    (tromso,) = arts["500"].toponyms
    assert (tromso.start, tromso.end, tromso.phrase) == (8, 14, "Tromsø")
    assert tromso.geonameid == 3133880


def test_geocorpora_reads_utf8_too_and_rejects_a_broken_record(tmp_path: Path) -> None:
    rows = _geocorpora_rows()
    utf8 = tmp_path / "utf8.tsv"
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=_GEOCORPORA_HEADER, delimiter="\t", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    utf8.write_text(buf.getvalue(), encoding="utf-8", newline="")
    assert [a.text for a in read_geocorpora(utf8)] == [a.text for a in read_geocorpora(
        _write_geocorpora(tmp_path / "cp.tsv", rows))]  # fmt: skip
    broken = tmp_path / "broken.tsv"
    lines = buf.getvalue().split("\r\n")
    broken.write_text("\r\n".join([lines[0], "1\t100\tonly three fields"]), encoding="utf-8")
    with pytest.raises(GeoFileError, match="3 fields where the header has 22"):
        read_geocorpora(broken)
    headless = tmp_path / "headless.tsv"
    headless.write_text("a\tb\tc\r\n1\t2\t3\r\n", encoding="utf-8")
    with pytest.raises(GeoFileError, match="not a GeoCorpora file"):
        read_geocorpora(headless)


# ---------------------------------------------------------------------------- TUD-Loc2013

_TUD_TEXT1 = (
    '<COUNTRY role="main">Norway</COUNTRY>\u2019s fjords\n\n'
    "From <CITY>Bergen</CITY> to the <LANDMARK>Hardangerfjord</LANDMARK>, then <POI>Troldhaugen</POI>."
)
_TUD_CLEAN1 = "Norway\u2019s fjords\n\nFrom Bergen to the Hardangerfjord, then Troldhaugen."
_TUD_TEXT2 = (
    "<UNIT>Florida</CITY> is in the <COUNTRY>United States</COUNTRY>."  # mismatched, as in the readme
)
_TUD_TEXT10 = "Nothing tagged here, <not a tag> either."
_TUD_COORDS = "\n".join(
    [
        "docId;idx;offset;latitude;longitude;sourceId",
        "text1.txt;0;0;62.00000;10.00000;geonames:3144096",
        "text1.txt;1;22;60.39299;5.32415;geonames:3161732",
        "text1.txt;2;36;60.20000;6.30000;google",
        "text1.txt;3;57;;;",
        "text1.txt;4;99;1.00000;1.00000;geonames:1",  # no tag at that offset: ignored
        "text2.txt;0;0;28.75054;-82.50010;geonames:4155751",
        "",
    ]
)


def _write_tud(path: Path, with_splits: bool = True) -> Path:
    root = "palladian-tud-loc-2013/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(root + "readme.md", "TUD-Loc-2013\n")
        zf.writestr(root + "0-all/", "")
        zf.writestr(root + "0-all/coordinates.csv", _TUD_COORDS)
        for name, text in (("text10.txt", _TUD_TEXT10), ("text2.txt", _TUD_TEXT2), ("text1.txt", _TUD_TEXT1)):
            zf.writestr(root + "0-all/" + name, text)
        if with_splits:  # the same texts again: must not be counted twice
            zf.writestr(root + "1-training/coordinates.csv", _TUD_COORDS)
            zf.writestr(root + "1-training/text1.txt", _TUD_TEXT1)
            zf.writestr(root + "4-clean_texts/text1.txt", _TUD_CLEAN1)
    return path


def test_tud_loc_removes_markup_and_maps_the_csv_by_offset(tmp_path: Path) -> None:
    arts = read_tud_loc(_write_tud(tmp_path / "TUD-Loc2013.zip"))
    assert [a.id for a in arts] == ["text1", "text2", "text10"]  # the 0-all folder only, in number order
    first = arts[0]
    assert first.text == _TUD_CLEAN1
    assert [(g.start, g.end, g.phrase) for g in first.toponyms] == [
        (0, 6, "Norway"),
        (22, 28, "Bergen"),
        (36, 50, "Hardangerfjord"),
        (57, 68, "Troldhaugen"),
    ]
    norway, bergen, fjord, troldhaugen = first.toponyms
    assert (norway.geonameid, norway.latitude, norway.longitude) == (3144096, 62.0, 10.0)
    assert (bergen.geonameid, bergen.latitude, bergen.longitude) == (3161732, 60.39299, 5.32415)
    assert (fjord.geonameid, fjord.latitude, fjord.longitude) == (None, 60.2, 6.3)  # a Google point
    assert (troldhaugen.geonameid, troldhaugen.latitude) == (None, None)  # no gold place
    second = arts[1]
    assert second.text == "Florida is in the United States."
    assert [(g.phrase, g.geonameid) for g in second.toponyms] == [
        ("Florida", 4155751),
        ("United States", None),
    ]
    assert arts[2].text == _TUD_TEXT10 and arts[2].toponyms == []


def test_tud_loc_reads_the_unpacked_folder_and_rejects_other_zips(tmp_path: Path) -> None:
    zipped = _write_tud(tmp_path / "tud.zip", with_splits=False)
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(folder)
    assert read_geo_corpus(folder) == read_tud_loc(zipped)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes/text1.txt", "Just text.")
    with pytest.raises(GeoFileError, match="no coordinates.csv"):
        read_geo_corpus(other)


# ---------------------------------------------------------------------------- dispatch

_XML = """<articles><article docid="7"><text>Rain in Lagos.</text><toponyms>
<toponym><phrase>Lagos</phrase><start>8</start><end>13</end>
<gaztag geonameid="2332459"><lat>6.45407</lat><lon>3.39467</lon></gaztag></toponym>
</toponyms></article></articles>"""


def test_read_geo_corpus_tells_the_layouts_apart_by_content(geocorpora: Path, tmp_path: Path) -> None:
    xml = tmp_path / "corpus.data"
    xml.write_text(_XML, encoding="utf-8")
    assert read_geo_corpus(xml) == read_geo_xml(xml)
    assert read_geo_corpus(xml)[0].toponyms == [GoldToponym(8, 13, "Lagos", 6.45407, 3.39467, 2332459)]
    renamed = tmp_path / "tweets.txt"
    renamed.write_bytes(geocorpora.read_bytes())
    assert len(read_geo_corpus(renamed)) == 5
    tud = _write_tud(tmp_path / "tud.bin")
    assert [a.id for a in read_geo_corpus(tud)] == ["text1", "text2", "text10"]


def test_read_geo_corpus_rejects_an_unknown_layout(tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("Just some notes on Paris.\n", encoding="utf-8")
    with pytest.raises(GeoFileError, match="not a toponym corpus we read"):
        read_geo_corpus(plain)
    bad_xml = tmp_path / "bad.xml"  # by its extension, the XML reader says what is wrong
    bad_xml.write_text("Paris, not XML", encoding="utf-8")
    with pytest.raises(GeoFileError, match="not XML"):
        read_geo_corpus(bad_xml)
    bad_zip = tmp_path / "bad.zip"
    bad_zip.write_text("not a zip", encoding="utf-8")
    with pytest.raises(GeoFileError, match="not a zip file"):
        read_geo_corpus(bad_zip)
    with pytest.raises(GeoFileError, match="no such file"):
        read_geo_corpus(tmp_path / "missing.tsv")


def test_eval_geo_cli_reads_the_new_layouts(
    geocorpora: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "geo", str(geocorpora)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("articles 5, gold toponyms 8 ")
    assert "gold toponyms with coordinates   7" in out  # the stand-in "Storm" is recognition only
    assert main(["eval", "geo", str(_write_tud(tmp_path / "tud.zip"))]) == 0
    assert capsys.readouterr().out.startswith("articles 3, gold toponyms 6 ")
    plain = tmp_path / "notes.txt"
    plain.write_text("Just some notes.\n", encoding="utf-8")
    assert main(["eval", "geo", str(plain)]) == 1
    assert "not a toponym corpus we read" in capsys.readouterr().err


# ---------------------------------------------------------------------------- demonyms and countries


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _article(text: str, *phrases: str) -> GeoArticle:
    golds = []
    for phrase in phrases:
        s = text.index(phrase)
        golds.append(GoldToponym(s, s + len(phrase), phrase, None, None))
    return GeoArticle("a", text, golds)


def test_demonyms_auto_follows_what_the_gold_mostly_does(gaz: Gazetteer) -> None:
    tagged = _article("Syrian troops entered Aleppo.", "Syrian", "Aleppo")
    assert evaluate_geo([tagged], gaz).demonyms
    # a country name in the demonym table ("Philippines") is not a demonym the gold tags
    untagged = _article("Syrian and Russian jets flew over the Philippines.", "Philippines")
    assert not evaluate_geo([untagged], gaz).demonyms
    # one tagged of three written: the gold does not count them
    few = _article("Syrian, Russian and Turkish troops met.", "Syrian")
    assert not evaluate_geo([few], gaz).demonyms


def test_a_gold_country_code_is_scored_without_a_country_id(gaz: Gazetteer) -> None:
    text = "Floods in Lagos."
    gold = GoldToponym(10, 15, "Lagos", 6.45407, 3.39467, 2332459, country_code="NG")
    rep = evaluate_geo([GeoArticle("t", text, [gold])], gaz)
    assert (rep.resolution_only.country_gold, rep.resolution_only.country_match) == (1, 1)
