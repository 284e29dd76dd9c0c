"""Geocoding evaluation against toponym corpora in the XML of TR-News and GeoVirus.

Two XML layouts are read (both as distributed with Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation"):

* TR-News / LGL style: ``article > text, toponyms > toponym > phrase, start, end,
  gaztag[@geonameid] > name, fclass, fcode, lat, lon, country[@geonameid]``; a toponym
  without ``gaztag`` has no gold place and is only used for recognition;
* GeoVirus style: ``article > text, locations > location > name, start, end, lat, lon, page``
  (coordinates only: no GeoNames id, no country).

Measured, in two modes:

* **resolution-only**: the gold spans are given to :func:`~dateline.geo.geoparse.geoparse`;
  every gold toponym with coordinates counts, an unresolved one as a miss;
* **end to end**: our own recognition; a predicted toponym matches a gold one when their
  spans overlap (one to one, in text order). Recognition precision/recall, then the
  geocoding figures over the matched gold toponyms.

Acc@161 is the share within 161 km (100 miles) of the gold point; the mean and median
error are over the toponyms we gave coordinates to.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import GeoPlace, geoparse

__all__ = [
    "GeoArticle",
    "GeoReport",
    "GoldToponym",
    "evaluate_geo",
    "format_geo_report",
    "haversine_km",
    "read_geo_xml",
]

ACC_KM = 161.0


class GeoFileError(ValueError):
    """The file is not in a toponym-corpus XML layout we read."""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None = None
    country_geonameid: int | None = None
    feature_code: str | None = None


@dataclass(slots=True)
class GeoArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def _text(el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(tag)
    if child is None or child.text is None:
        return None
    return child.text.strip()


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _realign(text: str, g: GoldToponym, slack: int = 25) -> GoldToponym:
    """A few articles' offsets drift by up to a few dozen characters (line ends counted twice):
    move the span to the nearest place where the phrase is written, if one is that close."""
    if text[g.start : g.end] == g.phrase or not g.phrase:
        return g
    best: int | None = None
    for d in range(1, slack + 1):
        for s in (g.start - d, g.start + d):
            if s >= 0 and text[s : s + len(g.phrase)] == g.phrase:
                best = s
                break
        if best is not None:
            break
    if best is None:
        return g
    return replace(g, start=best, end=best + len(g.phrase))


def read_geo_xml(path: Path) -> list[GeoArticle]:
    """Articles with their gold toponyms, from either layout."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GeoFileError(f"{path}: not XML ({exc})") from None
    out: list[GeoArticle] = []
    for n, art in enumerate(root.iter("article")):
        text_el = art.find("text")
        if text_el is None or text_el.text is None:
            continue
        text = text_el.text
        aid = art.get("docid") or _text(art, "source") or str(n + 1)
        golds: list[GoldToponym] = []
        for top in art.iter("toponym"):
            s, e = _int(_text(top, "start")), _int(_text(top, "end"))
            if s is None or e is None:
                continue
            tag = top.find("gaztag")
            country = tag.find("country") if tag is not None else None
            golds.append(
                GoldToponym(
                    start=s,
                    end=e,
                    phrase=_text(top, "phrase") or text[s:e],
                    latitude=_float(_text(tag, "lat")),
                    longitude=_float(_text(tag, "lon")),
                    geonameid=_int(tag.get("geonameid")) if tag is not None else None,
                    country_geonameid=_int(country.get("geonameid")) if country is not None else None,
                    feature_code=_text(tag, "fcode"),
                )
            )
        for loc in art.iter("location"):
            s, e = _int(_text(loc, "start")), _int(_text(loc, "end"))
            if s is None or e is None:
                continue
            golds.append(
                GoldToponym(
                    start=s,
                    end=e,
                    phrase=_text(loc, "name") or text[s:e],
                    latitude=_float(_text(loc, "lat")),
                    longitude=_float(_text(loc, "lon")),
                )
            )
        golds = [_realign(text, g) for g in golds]
        golds.sort(key=lambda g: (g.start, g.end))
        out.append(GeoArticle(aid, text, golds))
    if not out:
        raise GeoFileError(f"{path}: no <article> with <text> found")
    return out


@dataclass(slots=True)
class ModeScore:
    """Geocoding figures for one mode."""

    gold: int = 0  # gold toponyms with coordinates that count
    resolved: int = 0  # of those, given coordinates by us
    within: int = 0  # within ACC_KM
    id_gold: int = 0  # gold toponyms with a GeoNames id
    id_match: int = 0
    #: the right GeoNames id but our point for it > ACC_KM from the gold point (a country or
    #: unit placed by another convention: the place is right, only the point differs)
    right_id_far: int = 0
    country_gold: int = 0
    country_match: int = 0
    errors: list[float] = field(default_factory=list)

    @property
    def acc161(self) -> float:
        return self.within / self.gold if self.gold else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors) if self.errors else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors) if self.errors else 0.0

    def add(self, gold: GoldToponym, pred: GeoPlace | None, gold_country: str | None) -> None:
        if gold.latitude is None or gold.longitude is None:
            return
        self.gold += 1
        if gold.geonameid is not None:
            self.id_gold += 1
            if pred is not None and pred.geonameid == gold.geonameid:
                self.id_match += 1
        if gold_country is not None:
            self.country_gold += 1
            if pred is not None and pred.country_code == gold_country:
                self.country_match += 1
        if pred is None or pred.latitude is None or pred.longitude is None:
            return
        self.resolved += 1
        km = haversine_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)
        self.errors.append(km)
        if km <= ACC_KM:
            self.within += 1
        elif gold.geonameid is not None and pred.geonameid == gold.geonameid:
            self.right_id_far += 1

    @property
    def acc161_or_id(self) -> float:
        """Acc@161 counting a right GeoNames id as a hit wherever its point lies."""
        return (self.within + self.right_id_far) / self.gold if self.gold else 0.0


@dataclass(slots=True)
class GeoReport:
    articles: int = 0
    gold_toponyms: int = 0  # all gold spans, with or without coordinates
    demonyms: bool = True
    predicted: int = 0
    matched: int = 0
    resolution_only: ModeScore = field(default_factory=ModeScore)
    end_to_end: ModeScore = field(default_factory=ModeScore)
    #: (article id, phrase, predicted country, error km or None) of resolution-only misses
    misses: list[tuple[str, str, str | None, float | None]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_toponyms if self.gold_toponyms else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _match_spans(golds: list[GoldToponym], preds: list[GeoPlace]) -> list[tuple[GoldToponym, GeoPlace]]:
    """One-to-one pairs of overlapping spans, greedily by largest overlap."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((golds[gi], preds[pi]))
    return out


def _uses_demonyms(articles: Iterable[GeoArticle], gaz: Gazetteer) -> bool:
    """Whether the gold annotation tags demonyms ("Turkish" → Turkey) as toponyms."""
    return any(gaz.demonym(g.phrase) for a in articles for g in a.toponyms)


def evaluate_geo(articles: list[GeoArticle], gaz: Gazetteer, demonyms: bool | None = None) -> GeoReport:
    """Score both modes over ``articles``; ``demonyms`` None follows the gold's convention."""
    if demonyms is None:
        demonyms = _uses_demonyms(articles, gaz)
    rep = GeoReport(articles=len(articles), demonyms=demonyms)
    for art in articles:
        gold_countries: dict[int, str | None] = {}
        for g in art.toponyms:
            if g.country_geonameid is not None and g.country_geonameid not in gold_countries:
                c = gaz.by_geonameid(g.country_geonameid)
                gold_countries[g.country_geonameid] = c.country_code if c is not None else None
        rep.gold_toponyms += len(art.toponyms)
        # resolution only
        spans = [(g.start, g.end) for g in art.toponyms]
        preds = geoparse(art.text, gaz, spans=spans) if spans else []
        for g, p in zip(art.toponyms, preds, strict=True):
            gc = gold_countries.get(g.country_geonameid) if g.country_geonameid is not None else None
            before = rep.resolution_only.within
            rep.resolution_only.add(g, p, gc)
            if g.latitude is not None and rep.resolution_only.within == before:
                km = (
                    haversine_km(g.latitude, g.longitude or 0.0, p.latitude, p.longitude)
                    if p.latitude is not None and p.longitude is not None
                    else None
                )
                rep.misses.append((art.id, g.phrase, p.country_code, km))
        # end to end
        found = geoparse(art.text, gaz, demonyms=demonyms)
        rep.predicted += len(found)
        pairs = _match_spans(art.toponyms, found)
        rep.matched += len(pairs)
        for g, p in pairs:
            gc = gold_countries.get(g.country_geonameid) if g.country_geonameid is not None else None
            rep.end_to_end.add(g, p, gc)
    return rep


def _mode_rows(name: str, m: ModeScore) -> list[str]:
    ids = f"{m.id_match / m.id_gold:.3f} ({m.id_match}/{m.id_gold})" if m.id_gold else "n/a (no ids in gold)"
    countries = (
        f"{m.country_match / m.country_gold:.3f} ({m.country_match}/{m.country_gold})"
        if m.country_gold
        else "n/a (no countries in gold)"
    )
    return [
        f"{name}:",
        f"  gold toponyms with coordinates   {m.gold}",
        f"  given coordinates                {m.resolved}",
        f"  Acc@161                          {m.acc161:.3f} ({m.within}/{m.gold})",
        f"  exact GeoNames id                {ids}",
        *(
            [
                f"  Acc@161 or right id              {m.acc161_or_id:.3f} "
                f"({m.right_id_far} right ids placed > {ACC_KM:.0f} km from the gold point)"
            ]
            if m.id_gold
            else []
        ),
        f"  country match                    {countries}",
        f"  mean / median error (km)         {m.mean_km:.0f} / {m.median_km:.0f}",
    ]


def format_geo_report(rep: GeoReport) -> str:
    lines = [
        f"articles {rep.articles}, gold toponyms {rep.gold_toponyms} "
        f"(demonyms {'counted' if rep.demonyms else 'not counted'} as toponyms)",
        "",
        *_mode_rows("resolution-only (gold spans given)", rep.resolution_only),
        "",
        "end to end (our recognition):",
        f"  recognition precision / recall / F1   {rep.precision:.3f} / {rep.recall:.3f} / {rep.f1:.3f} "
        f"({rep.matched} matched, {rep.predicted} predicted)",
        *_mode_rows("  geocoding of the matched gold toponyms", rep.end_to_end)[1:],
    ]
    return "\n".join(lines)
