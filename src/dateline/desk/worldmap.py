"""The event's point drawn offline: Natural Earth country outlines (1:50m, shipped in
``data/desk/countries-50m.json``, see ``scripts/make_world_outline.py``) projected around the
point as an SVG, with a circle for its precision. No tile server, no request leaves the desk."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

__all__ = ["svg_map"]

#: how far the map reaches from the point (degrees of latitude) and the radius drawn for the
#: uncertainty (km), by ACLED geo_precision: 1 the town, 2 near it or part of a region, 3 a
#: larger region; None: only the country is known
_VIEW = {1: (2.5, 5.0), 2: (4.0, 25.0), 3: (7.0, 100.0), None: (12.0, 300.0)}
_W, _H = 480, 320


@dataclass(frozen=True, slots=True)
class _Country:
    id: str | None
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    bbox: tuple[float, float, float, float]


@lru_cache(maxsize=1)
def _countries() -> tuple[_Country, ...]:
    path = resources.files("dateline") / "data" / "desk" / "countries-50m.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for c in data["countries"]:
        rings = tuple(tuple((float(x), float(y)) for x, y in r) for r in c["rings"] if len(r) >= 3)
        if not rings:
            continue
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        out.append(_Country(c.get("id"), c["name"], rings, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def svg_map(
    latitude: float | None, longitude: float | None, geo_precision: int | None, iso: int | None = None
) -> Markup:
    """An SVG map of the point (empty markup without one); the country ``iso`` (ISO 3166
    numeric) is shaded."""
    if latitude is None or longitude is None:
        return Markup("")
    half_lat, radius_km = _VIEW.get(geo_precision, _VIEW[None])
    half_lon = half_lat * _W / _H / max(math.cos(math.radians(latitude)), 0.2)
    x0, x1 = longitude - half_lon, longitude + half_lon
    y0, y1 = latitude - half_lat, latitude + half_lat

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0) * _W, (y1 - y) / (y1 - y0) * _H

    want = f"{iso:03d}" if iso is not None else None
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" class="map" role="img" '
        f'aria-label="map of the event point">',
        f'<rect width="{_W}" height="{_H}" class="sea"/>',
    ]
    for c in _countries():
        bx0, by0, bx1, by1 = c.bbox
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        d = []
        for ring in c.rings:
            pts = [px(x, y) for x, y in ring]
            d.append("M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in pts) + "Z")
        cls = "land own" if want is not None and c.id == want else "land"
        parts.append(f'<path class="{cls}" d="{"".join(d)}"><title>{escape(c.name)}</title></path>')
    cx, cy = px(longitude, latitude)
    r = radius_km / 111.0 / (y1 - y0) * _H
    parts.append(f'<circle class="precision" cx="{cx:.1f}" cy="{cy:.1f}" r="{max(r, 3):.1f}"/>')
    parts.append(f'<circle class="point" cx="{cx:.1f}" cy="{cy:.1f}" r="3"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
