"""Distances on the Earth's surface."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def spherical_centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The centre of points on the sphere (the normalised mean of their unit vectors), in
    degrees rounded to 5 places; None for no points or points that cancel out."""
    if not points:
        return None
    x = y = z = 0.0
    for la, lo in points:
        a, b = math.radians(la), math.radians(lo)
        x += math.cos(a) * math.cos(b)
        y += math.cos(a) * math.sin(b)
        z += math.sin(a)
    norm = math.sqrt(x * x + y * y + z * z)
    if norm < 1e-9:
        return None
    return round(math.degrees(math.asin(z / norm)), 5), round(math.degrees(math.atan2(y, x)), 5)
