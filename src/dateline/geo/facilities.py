"""Facilities and landmarks (airports, hospitals, churches, stadiums, streets...) placed in the
town or admin unit that contains them.

The gazetteer holds towns and admin units, not buildings, so a name such as "Al-Shifa
Hospital" or "Heathrow airport" either finds nothing or matches a homonym somewhere else
("Victoria Park", a village on another continent). A conflict analyst wants the event in the
town the facility is in (ACLED geo_precision 1 or 2), never on another continent.

:func:`facility_at` says whether a span names a facility: its name ends with a facility noun
("Penn Park", "St. Michael's Hospital"), begins with one in the languages that put it first
("Stade de France", "Masjid al-Aqsa"), or the noun follows the span ("Heathrow airport",
"Bagram air base") there or wherever else the text writes the same name. The nouns are in
``data/geo/facility_words.txt``.

:func:`relocate_facilities` then gives each facility toponym, already through
:func:`~dateline.geo.toponyms.resolve`, the place that contains it, in this order:

1. a place linked to it, named right after it ("X Hospital in Gaza City", "Stade de France,
   Saint-Denis");
2. a place named inside the name ("Kabul International Airport" → Kabul) that lies near the
   text's places, or is a large town or a province of a country the text is about;
3. the text's focus place: the town (else admin unit) it names most often, the dateline
   counting extra, among those of the country the facility is linked to or the text names most;
4. else nothing: the name stays unresolved rather than a random homonym far from everything.

A town named before a facility noun ("Kabul airport", "Montreal jail") stays that town when the
text makes it a fair reading. A relocated toponym keeps its span and text and takes the
containing place, with a lower ``score`` (x0.5 for 1 and 2, x0.3 for the focus place) so
callers can tell; a focus place is marked ``cue="near"`` (ACLED geo_precision 2 in the place
stage).

A generic neighbourhood name (:data:`GENERIC_QUARTERS`: "the Old City", "Old Town", "downtown",
"the city centre"), or a name the gazetteer lacks written as "the X area" ("the Markets area"), is
a part of a town, never the homonym town elsewhere (the Old City of Jerusalem in a report on
Mosul): it takes the town that owns it ("the Old City of Mosul") or else the text's focus town,
always ``cue="near"``; with no town in the text it stays unresolved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import key_of_tokens, light
from dateline.geo.toponyms import GIVEN_NAMES, TITLES, Toponym

__all__ = [
    "Facility",
    "FacilityWords",
    "Relocation",
    "facility_at",
    "facility_words",
    "relocate_facilities",
]

_WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "facility_words.txt"

#: lowercase words that may stand between a name and the facility noun that follows it
#: ("Bagram air base", "Kakuma refugee camp", "Gaza City police station")
_MODIFIERS = frozenset(
    {"international", "air", "military", "regional", "municipal", "general", "central", "national",
     "railway", "rail", "train", "bus", "metro", "subway", "underground", "police", "fire", "power",
     "refugee", "displacement", "detention", "naval", "army", "teaching", "children's", "memorial",
     "main", "city", "grand", "old", "new", "great", "royal", "state", "public", "primary",
     "secondary", "high", "catholic", "orthodox", "coptic", "anglican", "baptist", "methodist",
     "evangelical", "presbyterian", "lutheran", "protestant", "islamic", "holy", "sacred"}
)  # fmt: skip
#: words joining the parts of a name ("Church of the Nativity", "Stade de France")
_CONNECTORS = frozenset(
    {"of", "the", "and", "de", "du", "des", "la", "le", "les", "el", "al", "da", "do", "dos", "das",
     "di", "del", "y", "&", "st", "st.", "saint"}
)  # fmt: skip
#: words after which a facility's name may give its town ("Stade de X", "Church of X")
_OF_WORDS = frozenset({"of", "de", "du", "des", "d", "di", "da", "del", "do"})
#: street abbreviations that follow a street's name ("Oxford St", "Cavehill Rd")
_STREET_ABBREVIATIONS = frozenset({"st", "rd", "ave", "blvd"})
#: a capitalised word next: the name goes on ("St John's", "St. Petersburg")
_NAME_NEXT_RE = re.compile(r"\.?[ \t]+[A-Z]")
#: the capitalised words of a name after its first ("Rue [Victor Hugo]", "Place [de la Bastille]")
_NAME_RUN_RE = re.compile(r"(?:[ \t]+(?:(?:de|du|des|la|le|del|di|da|do|al|el)[ \t]+)*[A-Z][\w'’-]*)+")
#: a one-word run inside a name shorter than this is never looked up ("Inn", "Bob")
_MIN_RUN_CHARS = 4
#: how far (km) from one of the text's other places a place counts as supported by it
_SUPPORT_KM = 150.0
#: a place named inside a facility's name, in a country the text is about, is taken when it is
#: at least this large (or a province) even if the text names nothing near it
_INSIDE_POPULATION = 100_000
#: a town of this size named before a facility noun ("Edmonton fire station") is taken as that
#: town even when the rest of the text does not support it
_PLAUSIBLE_POPULATION = 50_000
_LINKED_SCORE = 0.5
_FOCUS_SCORE = 0.3
#: the noun of a generic neighbourhood (:data:`GENERIC_QUARTERS`, "the Markets area")
QUARTER = "quarter"
#: neighbourhood names that every town may have: never the town of that name elsewhere
GENERIC_QUARTERS = frozenset(
    {"old city", "old town", "old quarter", "old medina", "downtown", "uptown", "midtown",
     "city centre", "city center", "town centre", "town center", "inner city", "city core"}
)  # fmt: skip
#: after a name preceded by "the": a part of a town ("the Karrada neighbourhood"; "the Markets
#: area" when the gazetteer lacks the name)
_QUARTER_NOUN_RE = re.compile(r"\s+(?:area|neighbou?rhood|quarter)\b", re.IGNORECASE)
_THE_BEFORE_RE = re.compile(r"(?:^|\W)the\s+$", re.IGNORECASE)

_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_][\w'’.&-]*)")
_POSSESSIVE_RE = re.compile(r"['’]s?(?=\s)")
#: between a facility and the place it is in: "X Hospital in Gaza City", "Stade de France,
#: Saint-Denis", "X airport near the town of Y"
_LINK_AFTER_RE = re.compile(
    r"(?:\s*,\s*(?:(?:in|near|outside)\s+)?|\s+(?:in|at|near|outside|on\s+the\s+outskirts\s+of)\s+)"
    r"(?:the\s+)?(?:(?:city|town|village|capital|suburb|district|neighbourhood|neighborhood|area|"
    r"province|state|region|governorate|county)\s+of\s+)?",
    re.IGNORECASE,
)
#: between a neighbourhood and its town: "the Old City of Mosul"
_OF_LINK_RE = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FacilityWords:
    """The facility nouns: ``suffix`` ends or follows a name, ``prefix`` begins one."""

    suffix: frozenset[str]
    prefix: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.suffix | self.prefix


@lru_cache(maxsize=4)
def facility_words(path: Path = _WORDS_PATH) -> FacilityWords:
    """The word list shipped in ``data/geo/facility_words.txt`` (or another in that layout)."""
    sections: dict[str, set[str]] = {"suffix": set(), "prefix": set()}
    current: set[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.get(line[1:-1].strip().lower())
            continue
        if current is not None:
            current.add(light(line))
    return FacilityWords(frozenset(sections["suffix"]), frozenset(sections["prefix"]))


@dataclass(frozen=True, slots=True)
class Facility:
    """A span that names a facility."""

    start: int
    end: int
    #: the facility noun, ASCII-folded ("airport", "stade")
    noun: str
    #: True when the noun is part of the span's own name ("Penn Park"); False when it follows
    #: the span ("Heathrow airport"), which then names the facility by its place-like name
    named: bool
    #: where the facility's phrase ends in the text (after a following noun): links start there
    tail: int


def _name_words(surface: str) -> list[str]:
    words = light(surface).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def _noun_after(text: str, end: int, words: FacilityWords) -> tuple[str, int] | None:
    """The facility noun following a name at ``end`` ("Heathrow airport", "Bagram Air Base"),
    with the end of that phrase; none after a possessive."""
    pos = end
    if _POSSESSIVE_RE.match(text, pos) is not None:
        return None  # "Toronto's airport": Toronto is the owner, a place
    for _ in range(5):
        m = _NEXT_WORD_RE.match(text, pos)
        if m is None:
            return None
        word = m.group(1).rstrip(".")
        parts = light(word).split()
        if not parts:
            return None
        if parts[-1] in words.suffix:
            return parts[-1], m.start(1) + len(word)
        if parts[-1] in _STREET_ABBREVIATIONS and not _NAME_NEXT_RE.match(text, m.end(1)):
            # "Oxford St, the busiest bus station": a street; "St John's" is a saint's name
            return "street", m.start(1) + len(word)
        low = word.casefold()
        if not (word[0].isupper() or low in _MODIFIERS or low in _CONNECTORS):
            return None
        pos = m.end()
    return None


#: A town named this few characters before a facility (about two sentences) is its focus place.
FOCUS_RECENT_CHARS = 300
#: How far (characters) :func:`facility_at` looks for the same name written with its facility noun.
FACILITY_SENSE_WINDOW = 20_000


def quarter_at(text: str, start: int, end: int, known: bool = True) -> Facility | None:
    """The generic neighbourhood that ``text[start:end]`` names ("the Old City", "Downtown"), or
    "the X neighbourhood" / "the X quarter" (a town's part, even when a town elsewhere has its
    name), or, for a name the gazetteer lacks (``known`` False), "the X area"."""
    if " ".join(_name_words(text[start:end])) in GENERIC_QUARTERS:
        return Facility(start, end, QUARTER, True, end)
    m = _QUARTER_NOUN_RE.match(text, end)
    if m is not None and known and m.group(0).strip().lower() == "area":
        m = None  # "the Jenin area" is Jenin and around; "the Guadalupe neighbourhood" is no town
    if m is not None and _THE_BEFORE_RE.search(text[max(0, start - 10) : start]):
        return Facility(start, end, QUARTER, False, m.end())
    return None


def facility_at(text: str, start: int, end: int, words: FacilityWords | None = None) -> Facility | None:
    """The facility that ``text[start:end]`` names, or None when it names no facility."""
    fw = words or facility_words()
    names = _name_words(text[start:end])
    if not names:
        return None
    if len(names) >= 2:
        if names[-1] in fw.suffix:
            return Facility(start, end, names[-1], True, end)
        if names[0] in fw.prefix:
            return Facility(start, end, names[0], True, end)
    elif names[0] in fw.prefix and (rest := _NAME_RUN_RE.match(text, end)) is not None:
        # "Rue Victor Hugo" of which only "Rue" matched a homonym (Ruy, near Lyon): the noun
        # begins a longer name, a street or building of the town the text is in
        return Facility(start, rest.end(), names[0], True, rest.end())
    after = _noun_after(text, end, fw)
    if after is not None:
        return Facility(start, end, after[0], False, after[1])
    # one name, one sense in a text: "Heathrow" is the airport when the text also writes
    # "Heathrow airport" elsewhere
    surface = text[start:end].strip()
    if len(surface) < 3:
        return None
    # looked for within FACILITY_SENSE_WINDOW characters either side (a whole news report), not
    # in all of a long report's text for every toponym: that was quadratic in its length
    lo, hi = max(0, start - FACILITY_SENSE_WINDOW), end + FACILITY_SENSE_WINDOW
    for m in re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)").finditer(text, lo, hi):
        if m.start() != start and _noun_after(text, m.end(), fw) is not None:
            noun = _noun_after(text, m.end(), fw)
            assert noun is not None
            return Facility(start, end, noun[0], False, end)
    return None


@dataclass(frozen=True, slots=True)
class Relocation:
    """What :func:`relocate_facilities` did with one facility toponym."""

    facility: Facility
    #: "kept" (the resolver's choice stands), "linked" (a place named after it), "inside" (a
    #: place inside its name), "focus" (the text's focus place), "none"
    how: str
    place: Place | None

    @property
    def moved(self) -> bool:
        """Whether the toponym now stands at the place its facility lies in."""
        return self.how != "kept" and self.place is not None


def _close(a: Place, b: Place, km: float) -> bool:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class _Scene:
    """The text's other places: what supports a candidate, and the focus place."""

    text: str
    gaz: Gazetteer
    words: FacilityWords
    places: list[Toponym]  # resolved places and admin units outside any facility
    countries: Counter[str]  # countries named (x2), demonyms and places' countries (x1)
    named_countries: set[str]
    #: the places plus the countries and region phrases, for links ("X Airport in Kenya")
    linkable: list[Toponym]

    @classmethod
    def build(
        cls,
        text: str,
        context: Sequence[Toponym],
        facilities: list[tuple[int, int]],
        gaz: Gazetteer,
        words: FacilityWords,
    ) -> _Scene:
        places: list[Toponym] = []
        linkable: list[Toponym] = []
        countries: Counter[str] = Counter()
        named: set[str] = set()
        seen: set[int] = set()
        for t in context:
            if id(t) in seen or any(_overlaps((t.start, t.end), f) for f in facilities):
                continue
            seen.add(id(t))
            p = t.resolved
            if t.kind in ("country", "region_phrase", "demonym"):
                cc = t.country_code
                if cc:
                    countries[cc] += 1 if t.kind == "demonym" else 2
                    named.add(cc)
                    if t.kind != "demonym":
                        linkable.append(t)
            elif t.kind in ("place", "admin") and p is not None and not p.is_country:
                places.append(t)
                linkable.append(t)
                if p.country_code:
                    countries[p.country_code] += 1
        return cls(text, gaz, words, places, countries, named, linkable)

    def supports(self, p: Place) -> bool:
        """Whether the text's other places make ``p`` a likely reading: it is one of them, lies
        near one, or inside a unit the text names; with no other place, its country is named
        (or, with no country either, it is a large town or a province)."""
        for t in self.places:
            q = t.resolved
            assert q is not None
            if q.ref == p.ref or _close(p, q, _SUPPORT_KM) or (q.is_admin and self.gaz.contains(q, p)):
                return True
        if self.places:
            return False
        if self.named_countries:
            return p.country_code in self.named_countries
        return p.population >= _INSIDE_POPULATION or p.admin_level == 1

    def add_places(self, tops: Sequence[Toponym]) -> None:
        """Count ``tops`` (towns kept before a facility noun) among the text's places."""
        for t in tops:
            if t.resolved is not None and all(t is not u for u in self.places):
                self.places.append(t)
                self.linkable.append(t)
                if t.resolved.country_code:
                    self.countries[t.resolved.country_code] += 1

    def plausible(self, p: Place) -> bool:
        """Whether a town named before a facility noun ("Kabul airport") is a fair reading:
        supported, in a country the text names, or large."""
        return (
            self.supports(p)
            or p.country_code in self.named_countries
            or p.population >= _PLAUSIBLE_POPULATION
            or p.is_admin
        )

    def main_countries(self) -> set[str]:
        if not self.countries:
            return set()
        top = max(self.countries.values())
        return {cc for cc, n in self.countries.items() if n == top}

    def inside(self, fac: Facility, prefer: Place | None = None) -> Place | None:
        """A place named at the start of the facility's name, or after its "of"/"de" ("Kabul
        International Airport", "Stade de France", the name itself for "Kabul airport"),
        near the text's places or a large town or province of a country the text is about;
        ``prefer`` (the resolver's pick for a word of the name) wins when it fits."""
        names = _name_words(self.text[fac.start : fac.end])
        main = self.main_countries() | self.named_countries
        skip = self.words.all | _MODIFIERS | GIVEN_NAMES | TITLES
        starts = [0] + [i + 1 for i in range(1, len(names) - 1) if names[i] in _OF_WORDS]
        for size in range(len(names), 0, -1):
            best: tuple[tuple[int, int, int, int], Place] | None = None
            for i in starts:
                run = names[i : i + size]
                if len(run) < size or run[0] in skip or run[-1] in skip or run[-1] in _CONNECTORS:
                    continue
                if size == 1 and len(run[0]) < _MIN_RUN_CHARS:
                    continue
                key = key_of_tokens(run)
                if not key or not self.gaz.has_key(key) or self.gaz.is_country_name(key):
                    continue
                for p in self.gaz.places_for_key(key)[:40]:
                    if p.is_country:
                        continue
                    near = self.supports(p) and bool(self.places)
                    mine = prefer is not None and p.ref == prefer.ref
                    # with no country in the text, only "Stade de X" says X is a place
                    in_country = p.country_code in main if main else i > 0
                    big = in_country and (p.population >= _INSIDE_POPULATION or p.admin_level == 1)
                    if not (near or big):
                        continue
                    rank = (int(mine), int(near), int(p.is_populated_place), p.population)
                    if best is None or rank > best[0]:
                        best = (rank, p)
            if best is not None:
                return best[1]  # the longest run that names a fitting place
        return None

    def focus(self, at: int, country: str | None) -> Toponym | None:
        """The town (else admin unit) the text has named in the :data:`FOCUS_RECENT_CHARS` before
        ``at``, else the one it names most often, the dateline counting extra, in ``country`` or
        else the country the text is most about; ties go to the mention nearest before ``at``."""
        allowed = {country} if country else self.main_countries()
        pool = [t for t in self.places if not allowed or (t.resolved and t.resolved.country_code in allowed)]
        towns = [t for t in pool if t.resolved is not None and t.resolved.is_populated_place]
        pool = towns or pool
        if not pool:
            return None
        weight: Counter[int] = Counter()
        for t in pool:
            assert t.resolved is not None
            weight[t.resolved.ref] += 1 if t.cue != "dateline" else 2

        def key(t: Toponym) -> tuple[bool, int, int]:
            assert t.resolved is not None
            gap = at - t.start if t.start <= at else 10 * (t.start - at)
            # a town the text has just named is the one it goes on about ("police in the city of
            # Lyon ... a bakery on the Rue Victor Hugo"), whatever it names more often later
            return t.start <= at and gap <= FOCUS_RECENT_CHARS, weight[t.resolved.ref], -gap

        return max(pool, key=key)

    def linked(self, fac: Facility, t: Toponym, of: bool = False) -> tuple[str, Toponym | None, str | None]:
        """The place named after the facility ("in Gaza City"; with ``of`` also "of Mosul"):
        ``(how, toponym, country)``; a country named so only restricts the focus place."""
        m = _OF_LINK_RE.match(self.text, fac.tail) if of else None
        pos = m.end() if m is not None else self._link_start(fac.tail)
        if pos is not None:
            for u in self.linkable:
                if u.start == pos and u is not t:
                    return self._as_link("linked", u)
        return "", None, None

    @staticmethod
    def _as_link(how: str, u: Toponym) -> tuple[str, Toponym | None, str | None]:
        if u.kind in ("place", "admin") and u.resolved is not None:
            return how, u, None
        return "", None, u.country_code

    def _link_start(self, tail: int) -> int | None:
        """Where the place linked after a facility phrase starts: after "in", ", " ..."""
        m = _LINK_AFTER_RE.match(self.text, tail)
        return m.end() if m is not None else None


def relocate_facilities(
    text: str,
    toponyms: Sequence[Toponym],
    gaz: Gazetteer,
    spans: Sequence[tuple[int, int]] | None = None,
    context: Sequence[Toponym] | None = None,
) -> list[Relocation | None]:
    """Place every facility among ``toponyms`` (already resolved, offsets into ``text``) in the
    town or unit containing it, changing the toponym in place (``kind``, ``resolved``,
    ``score``...). ``spans`` gives the span to judge for each toponym when it is not the
    toponym's own (resolution-only mode); ``context`` is all the text's resolved toponyms
    (default ``toponyms``). Returns, per toponym, what was done (None: not a facility)."""
    words = facility_words()
    ctx = list(context) if context is not None else list(toponyms)
    wanted = [(t.start, t.end) for t in toponyms] if spans is None else [(int(s), int(e)) for s, e in spans]
    found: list[Facility | None] = []
    for t, (s, e) in zip(toponyms, wanted, strict=True):
        if t.kind in ("country", "demonym", "region_phrase", "world_region"):
            found.append(None)
        else:
            known = t.kind != "unknown_place" or bool(t.candidates)
            found.append(quarter_at(text, s, e, known) or facility_at(text, s, e, words))
    fac_spans = [(f.start, f.end) for f in found if f is not None]
    if not fac_spans:
        return [None] * len(found)
    scene = _Scene.build(text, ctx, fac_spans, gaz, words)
    decisions: list[tuple[Toponym, Relocation, float | None] | None] = [None] * len(found)
    # first the towns named before a facility noun ("Montreal jail"): those kept are the
    # text's places too, for the facilities decided after them
    for k, (t, fac) in enumerate(zip(toponyms, found, strict=True)):
        p = t.resolved
        if (
            fac is not None
            and not fac.named
            and fac.noun not in NAMED_AFTER_ELSEWHERE
            and fac.noun != QUARTER
            and p is not None
            and _whole_name(t, fac, text, gaz)
            and scene.plausible(p)
        ):
            decisions[k] = (t, Relocation(fac, "kept", t.resolved), t.score)
    scene.add_places([d[0] for d in decisions if d is not None])
    for k, (t, fac) in enumerate(zip(toponyms, found, strict=True)):
        if fac is not None and decisions[k] is None:
            decisions[k] = (t, *_decide(scene, fac, t, gaz))
    out: list[Relocation | None] = []
    for d in decisions:
        if d is None:
            out.append(None)
            continue
        t, rel, base = d
        _apply(t, rel, base, scene)
        out.append(rel)
    return out


def _whole_name(t: Toponym, fac: Facility, text: str, gaz: Gazetteer) -> bool:
    """Whether the resolver's choice is named by the whole span, not a word inside it."""
    p = t.resolved
    if p is None:
        return False
    if t.cue == "abbreviation" and (t.start, t.end) == (fac.start, fac.end):
        return True  # "NY", "B.C."
    surface = text[fac.start : fac.end]
    return any(q.ref == p.ref for q in gaz.lookup(" ".join(_name_words(surface)) or surface))


#: urban ways often named after another town ("Oxford Street" in Belfast, "Avenue de Paris"):
#: the town in their name says nothing of where they are; the text's own places do
NAMED_AFTER_ELSEWHERE = frozenset(
    {"street", "avenue", "lane", "boulevard", "drive", "square", "plaza", "rue", "calle", "avenida",
     "rua", "via", "strasse", "piazza", "praca"}
)  # fmt: skip


def _decide(scene: _Scene, fac: Facility, t: Toponym, gaz: Gazetteer) -> tuple[Relocation, float | None]:
    p = t.resolved
    whole = _whole_name(t, fac, scene.text, gaz)
    how, link, country = scene.linked(fac, t, of=fac.noun == QUARTER)
    # "Oxford Street" in Belfast: a street or square named after a town is not in that town; "the
    # Old City" of Mosul is not the Old City of Jerusalem
    elsewhere = fac.noun in NAMED_AFTER_ELSEWHERE or fac.noun == QUARTER
    if not fac.named and p is not None and whole and scene.plausible(p) and not elsewhere:
        return Relocation(fac, "kept", p), t.score  # "Kabul airport": the span is the town
    if link is not None:
        return Relocation(fac, how, link.resolved), link.score
    q = None if elsewhere else scene.inside(fac, prefer=p)
    if q is not None and (country is None or q.country_code == country):
        return Relocation(fac, "inside", q), None
    f = scene.focus(fac.start, country or None)
    if f is not None:
        return Relocation(fac, "focus", f.resolved), f.score
    return Relocation(fac, "none", None), None


def _apply(t: Toponym, rel: Relocation, base: float | None, scene: _Scene) -> None:
    if rel.how == "kept":
        return
    p = rel.place
    if p is None:
        cc = t.country_code if t.resolved is None else None
        t.kind, t.resolved, t.candidates, t.score = "unknown_place", None, [], None
        t.admin_hint_place = None
        if cc is None:
            main = scene.main_countries()
            cc = next(iter(main)) if len(main) == 1 else None
        t.context_country = cc
        return
    t.kind = "admin" if p.is_admin else "place"
    t.resolved, t.candidates = p, [p]
    factor = _FOCUS_SCORE if rel.how == "focus" else _LINKED_SCORE
    t.score = round(factor * (base if base is not None else 1.0), 3)
    if (rel.how == "focus" or rel.facility.noun == QUARTER) and p.is_populated_place:
        t.cue = "near"
