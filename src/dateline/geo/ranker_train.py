"""Training and cross-validation of the toponym candidate ranker (``dateline train-geo``).

Every gold toponym of a training text is resolved with the rules' ranker while
:func:`~dateline.geo.toponyms.resolve` records each ambiguous toponym's candidates and their
features; a candidate is right when it carries the gold GeoNames id (where the set has ids) or
lies within 161 km of the gold point. Sources (all real text):

* WikToR (``train/wiktor/``): Wikipedia paragraphs on deliberately ambiguous names, with the
  coordinate fixes of ``WikToR_patches_mlg_evaldata.tsv``: always trained on;
* TR-News and GeoVirus (``dev/``): news, which the ranker may train on; they are then reported
  by cross-validation by article only. ``GeoVirus-patches.tsv`` is not applied: it moves
  country and continent points to Wikidata's (Canada 500 km), which no gazetteer uses.

GeoCorpora and TUD-Loc2013 are never read here: they stay measuring sets.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.geo.calibration import (
    CALIBRATION_FEATURES,
    FeatureRecorder,
    PlaceCalibrator,
    fit_calibrator,
    reliability,
)
from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.geoparse import geoparse
from dateline.geo.ranker import FEATURES, CandidateRanker, LearnedRanker, LinearRanker
from dateline.geo.toponyms import Toponym

__all__ = [
    "GoldText",
    "GoldPlace",
    "read_wiktor",
    "read_news_xml",
    "candidate_groups",
    "fit_ranker",
    "cross_validate",
    "train_geo",
    "calibration_rows",
    "train_calibration",
]

ACC_KM = 161.0
#: a news toponym weighs this many WikToR ones: WikToR alone (Wikipedia prose on ambiguous
#: names) made the ranker worse on every news set; news weighted 10x matched news alone
NEWS_WEIGHT = 10.0


@dataclass(frozen=True, slots=True)
class GoldPlace:
    start: int
    end: int
    latitude: float
    longitude: float
    geonameid: int | None = None


@dataclass(slots=True)
class GoldText:
    id: str
    source: str
    text: str
    places: list[GoldPlace] = field(default_factory=list)


def _patches(path: Path | None) -> dict[str, list[tuple[float, float, float, float]]]:
    """name → [(lat, lon as the set has them, lat, lon fixed)] from an mlg_evaldata patch file."""
    out: dict[str, list[tuple[float, float, float, float]]] = {}
    if path is None or not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3:
            continue
        try:
            old = [float(v) for v in parts[1].split(",")]
            new = [float(v) for v in parts[2].split(",")]
        except ValueError:
            continue
        out.setdefault(parts[0], []).append((old[0], old[1], new[0], new[1]))
    return out


def _patched(
    name: str, lat: float, lon: float, patches: dict[str, list[tuple[float, float, float, float]]]
) -> tuple[float, float]:
    for olat, olon, nlat, nlon in patches.get(name, ()):
        if abs(olat - lat) < 0.01 and abs(olon - lon) < 0.01:
            return nlat, nlon
    return lat, lon


def read_wiktor(folder: Path) -> Iterator[GoldText]:
    """WikToR's paragraphs with their toponym spans and (patched) points."""
    patches = _patches(folder / "WikToR_patches_mlg_evaldata.tsv")
    with gzip.open(folder / "wiktor.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d["text"]
            places = []
            for t in d["toponyms"]:
                if text[t["start"] : t["end"]] != t["surface"]:
                    continue
                lat, lon = _patched(t.get("wikipedia_title") or "", float(t["lat"]), float(t["lon"]), patches)
                places.append(GoldPlace(t["start"], t["end"], lat, lon))
            yield GoldText(f"wiktor-{d['doc_id']}", "wiktor", text, places)


def read_news_xml(path: Path, source: str) -> Iterator[GoldText]:
    """TR-News or GeoVirus (the layouts :func:`dateline.evaluate.geo.read_geo_xml` reads)."""
    from dateline.evaluate.geo import read_geo_xml  # the one reader of these layouts

    for art in read_geo_xml(path):
        places = [
            GoldPlace(g.start, g.end, g.latitude, g.longitude, g.geonameid)
            for g in art.toponyms
            if g.latitude is not None and g.longitude is not None
        ]
        yield GoldText(f"{source}-{art.id}", source, art.text, places)


@dataclass(slots=True)
class Group:
    """One ambiguous gold toponym: its candidates' features and which of them are right."""

    text_id: str
    source: str
    x: np.ndarray
    y: np.ndarray


def _right(t: Toponym, g: GoldPlace) -> np.ndarray:
    out = np.zeros(len(t.candidates), dtype=int)
    for k, p in enumerate(t.candidates):
        if g.geonameid is not None and p.geonameid is not None:
            out[k] = int(p.geonameid == g.geonameid)
        elif p.latitude is not None and p.longitude is not None:
            out[k] = int(haversine_km(g.latitude, g.longitude, p.latitude, p.longitude) <= ACC_KM)
    return out


def candidate_groups(texts: Iterable[GoldText], gaz: Gazetteer) -> list[Group]:
    """The training groups of ``texts``: gold toponyms with more than one candidate, at least
    one of them right (a toponym none of whose candidates is right teaches nothing)."""
    groups: list[Group] = []
    for doc in texts:
        if not doc.places:
            continue
        trace: list[tuple[Toponym, np.ndarray]] = []
        geoparse(
            doc.text, gaz, spans=[(g.start, g.end) for g in doc.places], ranker=LinearRanker(), trace=trace
        )
        for t, x in trace:
            g = next((g for g in doc.places if g.start < t.end and t.start < g.end), None)
            if g is None or x.shape[0] != len(t.candidates):
                continue
            y = _right(t, g)
            if 0 < y.sum() < len(y):
                groups.append(Group(doc.id, doc.source, x, y))
    return groups


def fit_ranker(groups: list[Group], kind: str = "gbm", news_weight: float = NEWS_WEIGHT) -> LearnedRanker:
    """A classifier of right candidates over the groups' rows (news groups weighted up)."""
    x = np.vstack([g.x for g in groups])
    y = np.concatenate([g.y for g in groups])
    w = np.concatenate([np.full(len(g.y), news_weight if g.source != "wiktor" else 1.0) for g in groups])
    # the same rows in one order whatever order the gazetteer gave the candidates in (its sets
    # iterate in a per-process order), so that a rebuild gives the same model
    order = np.lexsort(np.column_stack([x, y, w]).T[::-1])
    x, y, w = x[order], y[order], w[order]
    if kind == "gbm":
        from sklearn.ensemble import HistGradientBoostingClassifier

        model = HistGradientBoostingClassifier(
            max_iter=200, learning_rate=0.1, max_leaf_nodes=15, random_state=0
        )
    else:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    if kind == "gbm":
        model.fit(x, y, sample_weight=w)
    else:
        model.fit(x, y, logisticregression__sample_weight=w)
    return LearnedRanker(model, FEATURES, {"kind": kind, "groups": len(groups), "rows": int(len(y))})


def accuracy(texts: Iterable[GoldText], gaz: Gazetteer, ranker: CandidateRanker) -> tuple[int, int]:
    """(within 161 km, gold toponyms) resolving the gold spans with ``ranker``."""
    hit = n = 0
    for doc in texts:
        if not doc.places:
            continue
        preds = geoparse(doc.text, gaz, spans=[(g.start, g.end) for g in doc.places], ranker=ranker)
        for g, p in zip(doc.places, preds, strict=True):
            n += 1
            if p.latitude is not None and p.longitude is not None:
                hit += haversine_km(g.latitude, g.longitude, p.latitude, p.longitude) <= ACC_KM
    return hit, n


def _fold(text_id: str, k: int) -> int:
    import hashlib

    return int.from_bytes(hashlib.blake2b(text_id.encode(), digest_size=4).digest(), "little") % k


def cross_validate(
    always: list[GoldText],
    news: list[GoldText],
    gaz: Gazetteer,
    kinds: Iterable[str] = ("gbm", "logreg"),
    folds: int = 5,
    news_weight: float = NEWS_WEIGHT,
    groups: list[Group] | None = None,
) -> dict[str, dict[str, tuple[int, int]]]:
    """Resolution-only Acc@161 of each news source, by ``folds``-fold cross-validation by text:
    the rules' ranker and each kind of learned ranker trained on ``always`` and the other folds.
    ``groups``, if given, are :func:`candidate_groups` of ``always + news`` already computed."""
    if groups is None:
        groups = candidate_groups(always + news, gaz)
    news_ids = {d.id for d in news}
    base = [g for g in groups if g.text_id not in news_ids]
    news_groups = [g for g in groups if g.text_id in news_ids]
    out: dict[str, dict[str, tuple[int, int]]] = {}
    sources = sorted({d.source for d in news})

    def add(name: str, src: str, hit_n: tuple[int, int]) -> None:
        h, n = out.setdefault(name, {}).get(src, (0, 0))
        out[name][src] = (h + hit_n[0], n + hit_n[1])

    for src in sources:
        add("rules", src, accuracy([d for d in news if d.source == src], gaz, LinearRanker()))
    for kind in kinds:
        for f in range(folds):
            train = base + [g for g in news_groups if _fold(g.text_id, folds) != f]
            ranker = fit_ranker(train, kind, news_weight)
            for src in sources:
                held = [d for d in news if d.source == src and _fold(d.id, folds) == f]
                add(kind, src, accuracy(held, gaz, ranker))
    return out


def train_geo(
    real: Path,
    news: Path | None,
    out: Path,
    gaz: Gazetteer,
    kind: str = "gbm",
    folds: int = 5,
    cv: bool = True,
) -> tuple[LearnedRanker, str]:
    """Rebuild the shipped ranker: WikToR from ``real`` (``../shared/train``), and TR-News and
    GeoVirus from ``news`` (``../shared/dev``) if given; print-ready cross-validated figures."""
    wiktor = real / "wiktor"
    if not (wiktor / "wiktor.jsonl.gz").exists():
        raise FileNotFoundError(
            f"{wiktor / 'wiktor.jsonl.gz'} not found: give --real the folder of ../shared/train"
        )
    always = list(read_wiktor(wiktor))
    news_texts: list[GoldText] = []
    if news is not None:
        for name, source in (("TR-News.xml", "tr-news"), ("GeoVirus.xml", "geovirus")):
            if (news / name).exists():
                news_texts += list(read_news_xml(news / name, source))
    lines = [f"texts: WikToR {len(always)}, news {len(news_texts)}"]
    groups = candidate_groups(always + news_texts, gaz)
    if cv and news_texts:
        res = cross_validate(always, news_texts, gaz, kinds=(kind,), folds=folds, groups=groups)
        lines.append(f"resolution-only Acc@161, {folds}-fold cross-validation by text (news only):")
        for name, per in res.items():
            lines.append(
                f"  {name:<8} "
                + "  ".join(f"{src} {h / n:.3f} ({h}/{n})" for src, (h, n) in sorted(per.items()))
            )
    ranker = fit_ranker(groups, kind)
    ranker.save(out)
    lines.append(
        f"trained on {len(groups)} ambiguous toponyms ({ranker.info['rows']} candidates); wrote {out}"
    )
    return ranker, "\n".join(lines)


def calibration_rows(
    texts: Iterable[GoldText], gaz: Gazetteer, ranker: CandidateRanker | None = None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Resolution-only decisions on ``texts``: each placed gold toponym's calibration features,
    whether it was right (within 161 km or the gold GeoNames id), and its text's source.

    A country or admin unit whose gold has no GeoNames id is left out: its gold point (GeoVirus
    takes Wikipedia's) may lie far from any gazetteer's point for the same unit, so whether it
    was right cannot be told (fitted with them, the map learnt that countries are wrong and
    measured worse on both sets it never saw; docs/evaluation.md)."""
    rows: list[np.ndarray] = []
    right: list[bool] = []
    sources: list[str] = []
    for doc in texts:
        if not doc.places:
            continue
        rec = FeatureRecorder()
        preds = geoparse(
            doc.text, gaz, spans=[(g.start, g.end) for g in doc.places], ranker=ranker, calibrator=rec
        )
        placed = [
            (g, p) for g, p in zip(doc.places, preds, strict=True) if p.geonameid or p.latitude is not None
        ]
        if len(placed) != len(rec.rows):
            continue  # a place without a point: the rows cannot be paired (never seen on the news sets)
        for (g, p), x in zip(placed, rec.rows, strict=True):
            if g.geonameid is None and any(x[_UNIT_COLUMNS]):
                continue
            ok = (g.geonameid is not None and p.geonameid == g.geonameid) or (
                p.latitude is not None
                and p.longitude is not None
                and haversine_km(g.latitude, g.longitude, p.latitude, p.longitude) <= ACC_KM
            )
            rows.append(x)
            right.append(ok)
            sources.append(doc.source)
    x = np.vstack(rows) if rows else np.zeros((0, len(CALIBRATION_FEATURES)))
    return x, np.asarray(right, dtype=bool), sources


#: calibration columns that say the place given is a unit (a country, a region of one, an
#: admin unit, or the country a place the gazetteer lacks lies in)
_UNIT_COLUMNS = [
    CALIBRATION_FEATURES.index(n) for n in ("country", "region_phrase", "admin", "country_fallback")
]


def train_calibration(news: Path, gaz: Gazetteer, out: Path) -> tuple[PlaceCalibrator, str]:
    """Fit the place-score calibration on TR-News and GeoVirus (``news`` = ``../shared/dev``);
    report it on each set fitted on the other (the sets it was fitted on say little)."""
    texts: list[GoldText] = []
    for name, source in (("TR-News.xml", "tr-news"), ("GeoVirus.xml", "geovirus")):
        if not (news / name).exists():
            raise FileNotFoundError(f"{news / name} not found: give --news the folder of ../shared/dev")
        texts += list(read_news_xml(news / name, source))
    x, y, sources = calibration_rows(texts, gaz)
    src = np.asarray(sources)
    lines = [f"calibration: {len(y)} placed toponyms, {y.mean():.3f} right"]
    for held in ("tr-news", "geovirus"):
        other = fit_calibrator(x[src != held], y[src != held])
        probs = [other.probability(row) for row in x[src == held]]
        lines.append(f"  fitted without {held}, on {held}: " + reliability(probs, y[src == held].tolist()))
        raw = [float(1 / (1 + np.exp(-row[0]))) for row in x[src == held]]
        lines.append(f"  raw scores on {held}: " + reliability(raw, y[src == held].tolist()))
    cal = fit_calibrator(x, y, {"rows": int(len(y)), "sources": "TR-News, GeoVirus (resolution only)"})
    cal.save(out)
    lines.append(f"wrote {out}")
    return cal, "\n".join(lines)
