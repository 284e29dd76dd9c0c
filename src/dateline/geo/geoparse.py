"""Geoparsing on its own: find the toponyms of a text (or take given spans) and resolve each
to a GeoNames record, outside the event pipeline.

:func:`geoparse` is the library side of ``dateline geoparse``. With ``spans`` it works in
*resolution-only* mode, the setting in which published geocoders are compared: exactly
those character ranges are resolved, each one once, with the toponyms the recogniser finds
elsewhere in the text kept as context (the countries and admin units they name make the
coherence the resolver scores).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from dateline.geo.abbreviations import after_place_comma, state_for_abbreviation
from dateline.geo.calibration import Calibrator, shipped_calibrator
from dateline.geo.entities import Entity, use_entities
from dateline.geo.facilities import Relocation, relocate_facilities
from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import key_of_tokens, light, normalize
from dateline.geo.ranker import CandidateRanker
from dateline.geo.recase import recase
from dateline.geo.regions import find_regions, region_for_name
from dateline.geo.toponyms import (
    _NATURAL_FEATURES,
    _SUFFIX_CUE_RE,
    ADMIN_CUES,
    COUNTRY_ABBREVIATIONS,
    GENERIC_TAIL_RE,
    Toponym,
    _prefix_cue,
    _relation,
    _town_named_like_country,
    city_spelt,
    find_toponyms,
    link_hints,
    link_lists,
    resolve,
    unit_candidates,
)

__all__ = ["GeoPlace", "geoparse", "toponym_for_span"]

_LEADING_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
#: "Lake Chad", "Mount Sinjar", "Gulf of Aden", "River Thames": a natural feature named first
_NATURAL_FIRST_RE = re.compile(
    r"^(?:lake|mount|mt\.?|river|gulf\s+of|sea\s+of|bay\s+of|strait\s+of|straits\s+of)\s+\S", re.IGNORECASE
)
_NATURAL_LAST = _NATURAL_FEATURES | frozenset({"range", "hills", "islands", "island", "falls", "glacier"})


def _natural_name(name: str) -> str:
    """The feature's own name without its kind word: "Panama" of "Panama Canal", "Chad" of
    "Lake Chad"."""
    m = _NATURAL_FIRST_RE.match(name)
    if m is not None:
        return name[m.end() - 1 :].strip()
    return name.rsplit(None, 1)[0].strip()


def natural_feature(name: str) -> bool:
    """Whether ``name`` names a river, sea, lake, range, island or the like by its form ("Tigris
    River", "Lake Chad", "the Nuba Mountains"); whether such a feature is also a town or unit
    ("Homa Bay", "Long Island") is for the gazetteer to say."""
    words = name.split()
    return len(words) >= 2 and (words[-1].lower() in _NATURAL_LAST or bool(_NATURAL_FIRST_RE.match(name)))


_POSSESSIVE_RE = re.compile(r"[’']s?$")


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One resolved (or, with ``latitude`` None, unresolvable) toponym of a text."""

    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str | None
    score: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _clean(surface: str) -> str:
    s = _LEADING_RE.sub("", surface.strip())
    return _POSSESSIVE_RE.sub("", s).strip(" ,.;:")


def toponym_for_span(text: str, start: int, end: int, gaz: Gazetteer) -> Toponym:
    """A toponym for a span the caller says is a place: a country, a demonym, a gazetteer
    name (the whole span, else its longest run of words that is one), else ``unknown_place``.
    The words around it give the same cues as in :func:`find_toponyms` ("the town of X",
    "X province", "near X")."""
    surface = text[start:end]
    name = _clean(surface)
    t = Toponym(start=start, end=end, text=surface, kind="unknown_place")
    if not name:
        return t
    key = normalize(name)
    unit = state_for_abbreviation(surface.strip(), gaz) or (
        state_for_abbreviation(surface.strip() + ".", gaz)
        if text[end : end + 1] == "." or after_place_comma(text, start)
        else None
    )  # "Ky." whose dot the span leaves out, or "EDMONTON, Ky" written without it
    if unit is not None:  # "Ky.", "B.C.": the caller says it is a place
        t.kind, t.candidates, t.cue = "admin", [unit], "abbreviation"
        return t
    region = region_for_name(name, gaz)  # before countries: "North America" is no alias of the US
    if region is not None:
        t.kind, t.candidates = "world_region", [region]
        return t
    city_spelling = False
    if name in COUNTRY_ABBREVIATIONS or gaz.is_country_name(key):
        countries = gaz.country_for_key(key)
        city_spelling = name not in COUNTRY_ABBREVIATIONS and (
            city_spelt(gaz, name, countries) is not None or _town_named_like_country(text, start, key, gaz)
        )
        if not city_spelling:
            t.kind, t.candidates = "country", countries
            return t
    codes = gaz.demonym(name)
    if codes:
        t.kind, t.country_codes = "demonym", codes
        t.candidates = [p for p in (gaz.country(c) for c in codes) if p is not None]
        return t
    prefix = _prefix_cue(text, start, gaz)
    suffix = _SUFFIX_CUE_RE.match(text[end : end + 30])
    if prefix:
        t.type_cue, t.country_hint, t.admin_hint = prefix[0], prefix[1], prefix[3]
    elif suffix:
        t.type_cue = suffix.group("cue").lower()
    rel = _relation(text, start)
    if rel is not None:
        t.cue, t.direction = rel.kind, rel.direction
    else:
        t.cue = t.type_cue
    places = gaz.lookup(name)
    if city_spelling:
        places = [p for p in places if not p.is_country]
    generic = GENERIC_TAIL_RE.search(name)
    if generic is not None and generic.start() > 0:
        known = {p.ref for p in places}
        places += [p for p in unit_candidates(name, gaz) if p.ref not in known]
        if t.type_cue is None:
            t.type_cue = generic.group(1).lower()
    if not places and natural_feature(name):
        # a river, sea or range the gazetteer lacks is not the town a word of its name names
        # ("Hudson River" is not Hudson, NY): only a country or unit it is named after may
        # stand for it ("Panama Canal", "Cuyahoga River"); else it keeps its text and falls back
        # to the unit or country the text places it in
        t.type_cue = t.type_cue or "natural"
        # ... not a country its adjective names: the Indian Ocean, the Arabian Sea
        own = _natural_name(name)
        named = gaz.lookup(own) if own and not gaz.demonym(own) else []
        places = [p for p in named if p.is_country or p.is_admin]
        if not places:
            return t
    if not places:
        places = _longest_sub_match(name, gaz)
        t.part_of_name = bool(places)
    if not places:
        return t
    t.candidates = places
    admin_cue = t.type_cue in ADMIN_CUES
    t.kind = "admin" if admin_cue or not any(p.is_populated_place for p in places) else "place"
    if admin_cue and any(p.is_admin for p in places):
        t.candidates = [p for p in places if p.is_admin]
    return t


def _longest_sub_match(name: str, gaz: Gazetteer) -> list[Place]:
    """Places named by the longest run of words inside ``name`` ("Idlib Governorate" → Idlib,
    "Greater Cairo" → Cairo); the run must not be a lone article or short word."""
    words = light(name).split()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            run = words[i : i + size]
            if size == 1 and len(run[0]) < 4:
                continue
            key = key_of_tokens(run)
            if key and gaz.has_key(key):
                if gaz.is_country_name(key):
                    return gaz.country_for_key(key)
                return gaz.places_for_key(key)
    return []


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


#: the score of a place the gazetteer lacks, given its country's point (times its own score)
_COUNTRY_FALLBACK_SCORE = 0.25


def _geo_place(
    t: Toponym,
    start: int,
    end: int,
    text: str,
    gaz: Gazetteer,
    calibrator: Calibrator | None = None,
    relocated: bool = False,
) -> GeoPlace:
    p: Place | None = t.resolved
    score = t.score
    how = "facility" if relocated else "resolved"
    if p is None and t.kind == "unknown_place" and t.admin_hint_place is not None:
        p = t.admin_hint_place  # the smallest unit the text says contains it
        score, how = 0.5 * (score or 1.0), "admin_fallback"
    elif p is None and t.kind == "unknown_place" and t.country_code:
        p = gaz.country(t.country_code)  # only the country it lies in is known
        score, how = _COUNTRY_FALLBACK_SCORE * (score or 1.0), "country_fallback"
    if p is None and t.kind in ("demonym", "region_phrase", "country") and t.candidates:
        p = t.candidates[0]
    if p is None:
        return GeoPlace(start, end, text, None, None, None, t.country_code, None, None, None, None)
    if score is None:
        score = 1.0 if len(t.candidates) <= 1 else None
    if calibrator is not None:
        score = calibrator.score(t, p, score, how)
    return GeoPlace(
        start=start,
        end=end,
        text=text,
        latitude=None if p.latitude is None else round(p.latitude, 5),
        longitude=None if p.longitude is None else round(p.longitude, 5),
        geonameid=p.geonameid,
        country_code=p.country_code or None,
        admin1=p.admin1,
        admin2=p.admin2,
        feature_code=p.feature_code,
        score=None if score is None else round(score, 3),
    )


def _with_regions(text: str, places: list[GeoPlace], gaz: Gazetteer, adjectives: bool) -> list[GeoPlace]:
    """``places`` with the continents and world regions the text names ("Asia", "the Middle
    East"), which replace the shorter toponyms they contain ("America" in "Latin America");
    the event stage never uses them (an event happens in a country)."""
    regions = find_regions(text, gaz, adjectives=adjectives)
    if not regions:
        return places

    def inside_region(g: GeoPlace) -> bool:
        # "America" in "Latin America"; "Middle East" read as a village, "Sahel" as a town (a
        # country of the same span stays: "Georgia")
        return any(
            s <= g.start and g.end <= e and ((s, e) != (g.start, g.end) or g.feature_code != "PCLI")
            for s, e, _ in regions
        )

    kept = [g for g in places if not inside_region(g)]
    for s, e, r in regions:
        if any(g.start < e and s < g.end for g in kept):
            continue  # a country the recogniser read there ("Georgia"), or a longer name
        lat, lon = r.latitude, r.longitude
        kept.append(GeoPlace(s, e, text[s:e], lat, lon, r.geonameid, None, None, None, r.feature_code, 1.0))
    return sorted(kept, key=lambda g: g.start)


def geoparse(
    text: str,
    gaz: Gazetteer,
    spans: Sequence[tuple[int, int]] | None = None,
    demonyms: bool = True,
    country_hint: str | None = None,
    ranker: CandidateRanker | None = None,
    trace: list[tuple[Toponym, np.ndarray]] | None = None,
    calibrator: Calibrator | None | str = "shipped",
    entities: Sequence[Entity] | None = None,
) -> list[GeoPlace]:
    """The toponyms of ``text`` resolved to places, in text order.

    ``ranker`` scores the candidates (default: the hand-set weights); ``trace`` receives each
    ambiguous toponym with its candidates' features (see :func:`~dateline.geo.toponyms.resolve`).
    Each place's ``score`` is the chance it is right, by ``calibrator`` (default: the shipped
    map of :mod:`dateline.geo.calibration`; None: the resolver's raw score).

    Without ``spans`` the recogniser decides what is a toponym (``demonyms=False`` leaves out
    "Syrian", "Nigerians"; a country named by a region phrase, "northern Nigeria", keeps its
    whole span). With ``spans`` exactly those ranges are resolved, one result per span in the
    order given; a span that cannot be placed has ``latitude`` None.

    ``entities``, spaCy's named entities of ``text`` (:func:`~dateline.geo.entities.parse_entities`),
    are evidence for recognition (:func:`~dateline.geo.entities.use_entities`: a person or an
    organisation is no place, a country or large town the rules missed is one); None: the
    recogniser's rules alone.
    """
    cal = shipped_calibrator() if calibrator == "shipped" else calibrator
    assert cal is None or not isinstance(cal, str)
    found = find_toponyms(recase(text, gaz), gaz)  # a one-case text: names get capitals first
    if entities is not None and spans is None:
        found = use_entities(text, found, entities, gaz)
    if spans is None:
        tops = resolve(found, gaz, country_hint=country_hint, ranker=ranker, trace=trace)
        # "Heathrow airport", "X Park": the town they are in
        moved = relocate_facilities(text, tops, gaz)
        kinds = {"place", "admin", "country", "region_phrase", "unknown_place"}
        if demonyms:
            kinds.add("demonym")
        out = []
        for t, rel in zip(tops, moved, strict=True):
            if t.kind not in kinds:
                continue
            g = _geo_place(t, t.start, t.end, text[t.start : t.end], gaz, cal, _relocated(rel))
            if t.kind == "unknown_place" and g.latitude is None:
                continue  # a cue-admitted name the gazetteer lacks and nothing places: not output
            out.append(g)
        return _with_regions(text, out, gaz, demonyms)
    wanted = [(int(s), int(e)) for s, e in spans]
    given: list[Toponym] = []
    for s, e in wanted:
        same = [t for t in found if (t.start, t.end) == (s, e)]
        if same and region_for_name(_clean(text[s:e]), gaz) is not None:
            same = []  # "North America" read as a country alias by the recogniser
        if same and same[0].kind != "unknown_place":
            t = same[0]
        else:
            t = toponym_for_span(text, s, e, gaz)
            inner = [u for u in found if s <= u.start and u.end <= e and u.kind != "unknown_place"]
            covering = [u for u in found if u.start <= s and e <= u.end and u.kind != "unknown_place"]
            if not t.candidates and (inner or covering) and t.type_cue != "natural":
                t = (inner or covering)[0]  # "Aleppo, Syria" → Aleppo; "northern Syria" → Syria
        given.append(t)
    context = [t for t in found if not any(_overlaps((t.start, t.end), w) for w in wanted)]
    seen: set[int] = set()
    pool: list[Toponym] = []
    for t in sorted(given + context, key=lambda t: t.start):
        if id(t) not in seen:
            seen.add(id(t))
            pool.append(t)
    link_hints(text, pool)  # "London, Ontario": the given spans link as the recogniser's do
    link_lists(text, pool, gaz)  # "Arizona, California, Colorado and Georgia": peers
    resolve(pool, gaz, country_hint=country_hint, ranker=ranker, trace=trace)
    moved = relocate_facilities(text, given, gaz, spans=wanted, context=pool)  # a hospital → its town
    return [
        _geo_place(t, s, e, text[s:e], gaz, cal, _relocated(rel))
        for t, (s, e), rel in zip(given, wanted, moved, strict=True)
    ]


def _relocated(rel: Relocation | None) -> bool:
    return rel is not None and rel.moved
