"""Build the desk's offline world map: country outlines from Natural Earth (1:50m), as shipped in
the npm package world-atlas 2.0.2 (TopoJSON; ISC licence, data public domain).

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/make_world_outline.py /tmp/package/countries-50m.json

writes ``src/dateline/data/desk/countries-50m.json``: ``{"countries": [{"id", "name", "rings"}]}``
with every ring a list of [longitude, latitude] rounded to 0.01 degree.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "desk" / "countries-50m.json"


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        out.append(pts)
    return out


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc[1:] if pts else arc)
    out: list[list[float]] = []
    for p in pts:
        if not out or out[-1] != list(p):
            out.append(list(p))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("topojson", type=Path)
    args = ap.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        rings = [_ring(r, arcs) for poly in polys for r in poly]
        countries.append({"id": g.get("id"), "name": g["properties"]["name"], "rings": rings})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {"source": "Natural Earth 1:50m via world-atlas 2.0.2", "countries": countries},
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(f"{len(countries)} countries written to {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
