"""How good are the gazetteer's *points*, apart from the resolver's choices?

Runs resolution-only geoparsing (the gold spans given) over toponym corpora in the XML of
TR-News or GeoVirus and prints:

* resolution-only Acc@161 over the gold toponyms with coordinates;
* for a corpus with GeoNames ids (TR-News): the cases where the resolver picked the *right
  id*, how many of them are still > 161 km from the gold point (then only our point for that
  record is at fault), and the mean/median error by the record's feature code;
* for a corpus without ids (GeoVirus): the error by the feature code of the predicted record
  (a proxy: a country or admin unit predicted is usually the right one, so its error is
  mostly the point's).

``--list N`` prints the N farthest right-id cases (or, without ids, the N farthest admin and
country predictions). The XML files are read at run time only; nothing of them is kept.

Usage: python scripts/geo_point_errors.py ../shared/dev/TR-News.xml ../shared/dev/GeoVirus.xml [--list 20]
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path

from dateline.evaluate.geo import ACC_KM, read_geo_xml
from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import geoparse


def _row(code: str, errs: list[float]) -> str:
    far = sum(1 for e in errs if e > ACC_KM)
    return (
        f"  {code:<6} n={len(errs):>5}  >161km={far:>4}  mean={statistics.fmean(errs):>7.1f} km"
        f"  median={statistics.median(errs):>7.1f} km"
    )


def report(path: Path, gaz: Gazetteer, list_n: int) -> None:
    articles = read_geo_xml(path)
    gold_n = within = 0
    with_ids = any(g.geonameid is not None for a in articles for g in a.toponyms)
    by_code: dict[str, list[float]] = defaultdict(list)
    cases: list[tuple[float, str, str, str]] = []
    for art in articles:
        spans = [(g.start, g.end) for g in art.toponyms]
        if not spans:
            continue
        for g, p in zip(art.toponyms, geoparse(art.text, gaz, spans=spans), strict=True):
            if g.latitude is None or g.longitude is None:
                continue
            gold_n += 1
            if p.latitude is None or p.longitude is None:
                continue
            km = haversine_km(g.latitude, g.longitude, p.latitude, p.longitude)
            within += km <= ACC_KM
            if with_ids and (g.geonameid is None or p.geonameid != g.geonameid):
                continue
            code = p.feature_code or "?"
            by_code[code].append(km)
            if not code.startswith("PPL") or not with_ids:
                cases.append((km, g.phrase, code, p.country_code or ""))
    acc = within / gold_n if gold_n else 0.0
    print(f"{path.name}: resolution-only Acc@161 {acc:.3f} ({within}/{gold_n})")
    allerrs = [e for errs in by_code.values() for e in errs]
    what = "right GeoNames id" if with_ids else "by predicted feature code (no gold ids)"
    far = sum(1 for e in allerrs if e > ACC_KM)
    print(f" {what}: {len(allerrs)} cases, {far} of them > {ACC_KM:.0f} km")
    for code in sorted(by_code):
        print(_row(code, by_code[code]))
    if list_n:
        if not with_ids:
            cases = [c for c in cases if not c[2].startswith("PPL")]
        for km, phrase, code, cc in sorted(cases, reverse=True)[:list_n]:
            print(f"    {km:>7.0f} km  {phrase!r} {code} {cc}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--list", type=int, default=0, metavar="N", help="print the N farthest cases")
    ap.add_argument("--no-cache", action="store_true", help="build the gazetteer in memory")
    args = ap.parse_args()
    gaz = Gazetteer.load(cache=not args.no_cache)
    for path in args.paths:
        report(path, gaz, args.list)


if __name__ == "__main__":
    main()
