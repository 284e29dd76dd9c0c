"""Geocoding evaluation against toponym corpora: TR-News, GeoVirus, GeoCorpora, TUD-Loc2013.

:func:`read_geo_corpus` tells the layouts apart by content (and, failing that, extension):

* TR-News / LGL style XML (:func:`read_geo_xml`; as distributed with Gritta et al., "A
  Pragmatic Guide to Geoparsing Evaluation"): ``article > text, toponyms > toponym > phrase,
  start, end, gaztag[@geonameid] > name, fclass, fcode, lat, lon, country[@geonameid]``; a
  toponym without ``gaztag`` has no gold place and is only used for recognition;
* GeoVirus style XML (:func:`read_geo_xml`): ``article > text, locations > location > name,
  start, end, lat, lon, page`` (coordinates only: no GeoNames id, no country);
* GeoCorpora (:func:`read_geocorpora`): a tab-separated file (cp1252 or UTF-8, CSV quoting
  for fields with line breaks) with one row per toponym of a tweet, or one row with an empty
  ``text`` for a tweet without any; the rows of a tweet are grouped into one article. The
  tweet text comes HTML-escaped as the Twitter API gives it (``&amp;``, ``&lt;``, ``&gt;``)
  while ``char_position`` counts the unescaped text, so the text is unescaped; spans written
  in another case, a few characters off (emoji lost to ``?``) or with a doubly encoded phrase
  are found again near their offset. A toponym flagged ``not_in_geonames`` carries the id
  and point of a stand-in place (the enclosing town, a nearby square), so it has no gold
  place and is only used for recognition;
* TUD-Loc2013 (:func:`read_tud_loc`): a zip (or its unpacked folder) whose ``0-all/``
  folder holds ``textN.txt`` files with inline markup (``<CITY>Paris</CITY>``,
  ``<COUNTRY role="main">``) and ``coordinates.csv`` (``docId;idx;offset;latitude;longitude;
  sourceId``, the offset counted in the text without markup). The markup is removed; each
  tagged span is a gold toponym, with the coordinates of the csv row at its offset and the
  GeoNames id when ``sourceId`` is ``geonames:N`` (``google`` rows have coordinates only, an
  empty row no gold place).

Measured, in two modes:

* **resolution-only**: the gold spans are given to :func:`~dateline.geo.geoparse.geoparse`;
  every gold toponym with coordinates counts, an unresolved one as a miss;
* **end to end**: our own recognition; a predicted toponym matches a gold one when their
  spans overlap (one to one, in text order). Recognition precision/recall, then the
  geocoding figures over the matched gold toponyms. Demonyms ("Syrian") are predicted as
  toponyms when the gold tags most of those written in the texts (``demonyms=None``).

Acc@161 is the share within 161 km (100 miles) of the gold point; the mean and median
error are over the toponyms we gave coordinates to.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import statistics
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from dateline.geo.calibration import reliability
from dateline.geo.distance import haversine_km
from dateline.geo.entities import parse_entities
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import GeoPlace, geoparse
from dateline.geo.names import normalize
from dateline.geo.ranker import CandidateRanker

__all__ = [
    "GeoArticle",
    "GeoFileError",
    "GeoReport",
    "GoldToponym",
    "evaluate_geo",
    "format_geo_report",
    "haversine_km",
    "read_geo_corpus",
    "read_geo_xml",
    "read_geocorpora",
    "read_tud_loc",
]

ACC_KM = 161.0


class GeoFileError(ValueError):
    """The file is not in a toponym-corpus layout we read."""


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
    #: ISO 3166 alpha-2 code of the gold place, for corpora that give it instead of an id
    country_code: str | None = None


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


def _decode(data: bytes) -> str:
    """UTF-8 if the bytes are UTF-8, else cp1252 (GeoCorpora's own encoding)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "t", "yes", "1")


def _unescape_tweet(text: str) -> str:
    """The tweet as written: the Twitter API escapes ``&``, ``<`` and ``>`` (those only)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _loose_pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` with each run of non-ASCII characters or ``?`` standing for up to as many
    characters of that kind: a doubly encoded phrase (``BÃ¡rÃ°arbunga``) then matches the
    text (``Bárðarbunga``), and so does one whose text lost characters to ``?``."""
    parts = []
    for run in re.findall(r"[\x00-\x3e\x40-\x7f]+|[^\x00-\x3e\x40-\x7f]+", phrase):
        if run.isascii() and "?" not in run:
            parts.append(re.escape(run))
        else:
            parts.append(rf"(?:[^\x00-\x7f]|\?){{1,{len(run)}}}")
    return re.compile("".join(parts), re.IGNORECASE)


def _locate(text: str, phrase: str, start: int, slack: int = 25) -> tuple[int, int] | None:
    """The span of ``phrase`` in ``text`` at ``start`` or, failing that, nearest to it within
    ``slack`` characters: in any case, then (for a phrase with non-ASCII characters or ``?``)
    by :func:`_loose_pattern`. None if it is not written that close."""
    patterns = [re.compile(re.escape(phrase), re.IGNORECASE)]
    if not phrase.isascii() or "?" in phrase:
        patterns.append(_loose_pattern(phrase))
    for pat in patterns:
        at = pat.match(text, max(start, 0))
        if at is not None and at.start() == start:
            return at.span()
        near = [m for m in pat.finditer(text) if abs(m.start() - start) <= slack]
        if near:
            best = min(near, key=lambda m: (abs(m.start() - start), m.start()))
            return best.span()
    return None


_GEOCORPORA_COLUMNS = ("tweet_id_str", "tweet_text", "char_position", "text")


def _geocorpora_rows(path: Path) -> Iterator[dict[str, str]]:
    """The records of a GeoCorpora file as dicts; one with the wrong number of fields (as a
    quote gone wrong would give) is an error."""
    reader = csv.reader(io.StringIO(_decode(path.read_bytes()), newline=""), delimiter="\t")
    try:
        header = next(reader, [])
        missing = [c for c in _GEOCORPORA_COLUMNS if c not in header]
        if missing:
            raise GeoFileError(f"{path}: not a GeoCorpora file (no column {', '.join(missing)})")
        for row in reader:
            if len(row) != len(header):
                raise GeoFileError(
                    f"{path}:{reader.line_num}: {len(row)} fields where the header has {len(header)}"
                )
            yield dict(zip(header, row, strict=True))
    except csv.Error as exc:
        raise GeoFileError(f"{path}:{reader.line_num}: {exc}") from None


def _geocorpora_toponym(text: str, row: Mapping[str, str]) -> GoldToponym | None:
    """The gold toponym of a row (None for the row of a tweet without toponyms)."""
    phrase = row["text"]
    if not phrase.strip():
        return None
    given = _int(row["char_position"])
    span = _locate(text, phrase, given, 25) if given is not None else _locate(text, phrase, 0, len(text))
    if span is None and given is None:
        return None
    s, e = span or (given or 0, (given or 0) + len(phrase))
    place = not _flag(row.get("not_in_geonames"))  # else the id and point are of a stand-in
    return GoldToponym(
        start=s,
        end=e,
        phrase=text[s:e] if span is not None else phrase,
        latitude=_float(row.get("latitude")) if place else None,
        longitude=_float(row.get("longitude")) if place else None,
        geonameid=_int(row.get("geoNameId")) if place else None,
        country_code=(row.get("country_code") or "").strip().upper() or None if place else None,
    )


def read_geocorpora(path: Path) -> list[GeoArticle]:
    """Tweets with their gold toponyms from a GeoCorpora TSV: one article per ``tweet_id_str``,
    tweets without toponyms included (they count for recognition precision)."""
    tweets: dict[str, GeoArticle] = {}
    for row in _geocorpora_rows(path):
        tid = row["tweet_id_str"]
        art = tweets.get(tid)
        if art is None:
            art = tweets[tid] = GeoArticle(tid, _unescape_tweet(row["tweet_text"]), [])
        gold = _geocorpora_toponym(art.text, row)
        if gold is not None:
            art.toponyms.append(gold)
    if not tweets:
        raise GeoFileError(f"{path}: no tweets")
    for art in tweets.values():
        art.toponyms.sort(key=lambda g: (g.start, g.end))
    return list(tweets.values())


#: an opening or closing tag of one of the annotation types in the corpus's readme
_TUD_TAG = re.compile(
    r"<(/?)(?:CONTINENT|COUNTRY|CITY|UNIT|REGION|LANDMARK|POI|STREETNR|STREET|ZIP)(?:\s[^<>]*)?>"
)
_TUD_COORDS = "coordinates.csv"

#: (document file name, offset) -> (latitude, longitude, GeoNames id)
_TudPoints = dict[tuple[str, int], tuple[float | None, float | None, int | None]]


def _strip_markup(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without TUD-Loc's location tags, and the span of each tag pair in it.

    A closing tag closes the innermost open one whatever its type (the corpus's readme shows
    ``<UNIT>Florida</CITY>``); a stray closing tag is dropped."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    pos = length = 0
    for m in _TUD_TAG.finditer(marked):
        parts.append(marked[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if not m.group(1):
            opened.append(length)
        elif opened:
            start = opened.pop()
            if start < length:
                spans.append((start, length))
    parts.append(marked[pos:])
    return "".join(parts), sorted(spans)


def _tud_points(data: str, path: Path) -> _TudPoints:
    """The rows of ``coordinates.csv`` by document and offset (a ``google`` source has no id)."""
    reader = csv.DictReader(io.StringIO(data, newline=""), delimiter=";")
    if not {"docId", "offset", "latitude", "longitude"} <= set(reader.fieldnames or ()):
        raise GeoFileError(f"{path}: {_TUD_COORDS} lacks docId;offset;latitude;longitude")
    out: _TudPoints = {}
    for row in reader:
        offset = _int(row["offset"])
        if offset is None:
            continue
        source = (row.get("sourceId") or "").strip()
        gid = _int(source.removeprefix("geonames:")) if source.startswith("geonames:") else None
        out.setdefault((row["docId"], offset), (_float(row["latitude"]), _float(row["longitude"]), gid))
    return out


def _tud_article(doc: str, marked: str, points: _TudPoints) -> GeoArticle:
    """One text, markup removed; a tagged span with no csv row at its offset has no gold place."""
    text, spans = _strip_markup(marked)
    golds = []
    for s, e in spans:
        lat, lon, gid = points.get((doc, s), (None, None, None))
        golds.append(
            GoldToponym(start=s, end=e, phrase=text[s:e], latitude=lat, longitude=lon, geonameid=gid)
        )
    return GeoArticle(doc.removesuffix(".txt"), text, golds)


def _tud_folders(names: Iterable[str]) -> list[str]:
    """The folders to read: the one named ``*all`` (TUD-Loc2013's ``0-all/``) if there is one,
    else every folder with a ``coordinates.csv`` (disjoint splits)."""
    folders = sorted(n[: -len(_TUD_COORDS)] for n in names if n.rsplit("/", 1)[-1] == _TUD_COORDS)
    full = [f for f in folders if f.rstrip("/").rsplit("/", 1)[-1].lower().endswith("all")]
    return full[:1] or folders


def _natural(name: str) -> tuple[int, str]:
    number = re.search(r"\d+", name)
    return (int(number.group()) if number else -1, name)


def _read_tud(files: Mapping[str, Callable[[], bytes]], path: Path) -> list[GeoArticle]:
    folders = _tud_folders(files)
    if not folders:
        raise GeoFileError(f"{path}: no {_TUD_COORDS} (not a TUD-Loc2013 archive)")
    out: list[GeoArticle] = []
    seen: set[str] = set()
    try:
        for folder in folders:
            points = _tud_points(files[folder + _TUD_COORDS]().decode("utf-8-sig"), path)
            docs = [n[len(folder) :] for n in files if n.startswith(folder) and n.endswith(".txt")]
            for doc in sorted((d for d in docs if "/" not in d), key=_natural):
                if doc in seen:
                    raise GeoFileError(f"{path}: {doc} is in two folders")
                seen.add(doc)
                out.append(_tud_article(doc, files[folder + doc]().decode("utf-8-sig"), points))
    except UnicodeDecodeError as exc:
        raise GeoFileError(f"{path}: not UTF-8 ({exc})") from None
    if not out:
        raise GeoFileError(f"{path}: no .txt file next to {_TUD_COORDS}")
    return out


def read_tud_loc(path: Path) -> list[GeoArticle]:
    """Texts with their gold toponyms from the TUD-Loc2013 zip (or its unpacked folder), read
    in place: the ``0-all/`` folder only, the split folders holding the same texts."""
    if path.is_dir():
        files = {p.relative_to(path).as_posix(): p.read_bytes for p in path.rglob("*") if p.is_file()}
        return _read_tud(files, path)
    try:
        with zipfile.ZipFile(path) as zf:
            return _read_tud({n: partial(zf.read, n) for n in zf.namelist() if not n.endswith("/")}, path)
    except zipfile.BadZipFile as exc:
        raise GeoFileError(f"{path}: not a zip file ({exc})") from None


def _layout(path: Path) -> Callable[[Path], list[GeoArticle]] | None:
    """The reader for ``path`` by its first bytes, None if they are of no layout we read."""
    if path.is_dir():
        return read_tud_loc if any(path.rglob(_TUD_COORDS)) else None
    if zipfile.is_zipfile(path):
        return read_tud_loc
    with path.open("rb") as fh:
        head = fh.read(4096).removeprefix(codecs.BOM_UTF8).decode("latin-1")
    if head.lstrip().startswith("<"):
        return read_geo_xml
    header = head.splitlines()[0].split("\t") if head else []
    if all(c in header for c in _GEOCORPORA_COLUMNS):
        return read_geocorpora
    return None


_BY_SUFFIX: dict[str, Callable[[Path], list[GeoArticle]]] = {
    ".xml": read_geo_xml,
    ".tsv": read_geocorpora,
    ".zip": read_tud_loc,
}


def read_geo_corpus(path: Path) -> list[GeoArticle]:
    """Articles with their gold toponyms from any layout we read: TR-News or GeoVirus XML,
    GeoCorpora TSV, TUD-Loc2013 zip. The content decides; a file of no known content is read
    by its extension's reader (whose error then says what is wrong with it)."""
    if not path.exists():
        raise GeoFileError(f"{path}: no such file")
    reader = _layout(path) or _BY_SUFFIX.get(path.suffix.lower())
    if reader is None:
        raise GeoFileError(
            f"{path}: not a toponym corpus we read (TR-News/GeoVirus XML, GeoCorpora TSV, TUD-Loc2013 zip)"
        )
    return reader(path)


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
    #: (score, right) of each place given coordinates and a score: right = within ACC_KM or the
    #: gold GeoNames id (the calibration's own definition)
    scored: list[tuple[float, bool]] = field(default_factory=list)

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
        if pred.score is not None:
            right = km <= ACC_KM or (gold.geonameid is not None and pred.geonameid == gold.geonameid)
            self.scored.append((pred.score, right))

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


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")


def _is_demonym(word: str, gaz: Gazetteer) -> bool:
    """A demonym that is not also a country's name: "Syrian", not "Philippines" or "Vatican"
    (the demonym table lists country names used as adjectives)."""
    return bool(gaz.demonym(word)) and not gaz.is_country_name(normalize(word))


def _uses_demonyms(articles: Iterable[GeoArticle], gaz: Gazetteer) -> bool:
    """Whether the gold annotation tags demonyms ("Turkish" → Turkey) as toponyms: whether at
    least half of the demonyms written in the texts (capitalised words) are in a gold span.
    (TR-News tags about three in four; GeoVirus, GeoCorpora and TUD-Loc2013 about one in ten,
    mostly inside longer names.)"""
    known: dict[str, bool] = {}
    written = tagged = 0
    for art in articles:
        for m in _CAPITALISED.finditer(art.text):
            word = m.group()
            if word not in known:
                known[word] = _is_demonym(word, gaz)
            if known[word]:
                written += 1
                tagged += any(g.start <= m.start() and m.end() <= g.end for g in art.toponyms)
    return written > 0 and 2 * tagged >= written


def _gold_country(g: GoldToponym, gaz: Gazetteer, cache: dict[int, str | None]) -> str | None:
    """The gold place's country code: given, or that of its country's GeoNames id."""
    if g.country_code is not None:
        return g.country_code
    if g.country_geonameid is None:
        return None
    if g.country_geonameid not in cache:
        c = gaz.by_geonameid(g.country_geonameid)
        cache[g.country_geonameid] = c.country_code if c is not None else None
    return cache[g.country_geonameid]


def evaluate_geo(
    articles: list[GeoArticle],
    gaz: Gazetteer,
    demonyms: bool | None = None,
    ranker: CandidateRanker | None = None,
    calibrated: bool = True,
    entities: bool = True,
) -> GeoReport:
    """Score both modes over ``articles``; ``demonyms`` None follows the gold's convention;
    ``calibrated`` False reports the resolver's raw scores; ``entities`` parses each text with
    the pipeline's spaCy model and lets recognition use its named entities (end to end), as the
    event pipeline does."""
    cal: str | None = "shipped" if calibrated else None
    if demonyms is None:
        demonyms = _uses_demonyms(articles, gaz)
    rep = GeoReport(articles=len(articles), demonyms=demonyms)
    countries: dict[int, str | None] = {}
    ents = parse_entities([a.text for a in articles]) if entities else [None] * len(articles)
    for art, art_ents in zip(articles, ents, strict=True):
        rep.gold_toponyms += len(art.toponyms)
        # resolution only
        spans = [(g.start, g.end) for g in art.toponyms]
        preds = geoparse(art.text, gaz, spans=spans, ranker=ranker, calibrator=cal) if spans else []
        for g, p in zip(art.toponyms, preds, strict=True):
            gc = _gold_country(g, gaz, countries)
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
        found = geoparse(art.text, gaz, demonyms=demonyms, ranker=ranker, calibrator=cal, entities=art_ents)
        rep.predicted += len(found)
        pairs = _match_spans(art.toponyms, found)
        rep.matched += len(pairs)
        for g, p in pairs:
            rep.end_to_end.add(g, p, _gold_country(g, gaz, countries))
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
        f"  score {reliability([sc for sc, _ in m.scored], [ok for _, ok in m.scored])}",
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
