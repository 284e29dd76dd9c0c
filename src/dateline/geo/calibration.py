"""How sure a resolved toponym is: the resolver's raw score mapped to the chance it is right.

The resolver's raw score is the best candidate's softmax share of the ranker's scores, 1.0 when
a name has one candidate or is a country, and a fixed fraction for fallbacks (the unit the text
says contains a place the gazetteer lacks, or only its country). Measured on four news sets, a
raw 1.0 was right only 0.74-0.84 of the time and a raw 0.6 about 0.75 (docs/evaluation.md), so
the raw number cannot tell an analyst or the review desk which places to check.

:class:`PlaceCalibrator` is a logistic regression over a few descriptions of the decision (the
raw score's log-odds, whether the name had one candidate, what kind of toponym it is, which
fallback placed it, the place's size, whether the text said where it is) fitted on
resolution-only outcomes of TR-News and GeoVirus ("right" = within 161 km of the gold point or
the gold GeoNames id), checked on GeoCorpora and TUD-Loc2013, which it never saw. Its
coefficients ship as JSON (``data/models/geo_calibration.json``: readable, nothing executes on
load); ``dateline train-geo --news ../shared/dev`` rebuilds them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from dateline.geo.gazetteer import Place
    from dateline.geo.toponyms import Toponym

__all__ = [
    "CALIBRATION_FEATURES",
    "Calibrator",
    "FeatureRecorder",
    "PlaceCalibrator",
    "calibration_features",
    "shipped_calibrator",
]

#: how the place was reached: the resolver's own choice, or one of the fallbacks
HOWS = ("resolved", "facility", "admin_fallback", "country_fallback")

CALIBRATION_FEATURES: tuple[str, ...] = (
    "raw_logit",  # log-odds of the raw score, clipped to [0.02, 0.98]
    "lone",  # the name had one candidate (or none left but the chosen one)
    "country",  # a country or demonym
    "region_phrase",  # "northern Nigeria"
    "admin",  # an administrative unit
    "facility",  # a facility or landmark placed at the town or unit it lies in
    "admin_fallback",  # a place the gazetteer lacks, placed at the unit the text names
    "country_fallback",  # a place the gazetteer lacks, placed at its country
    "log_population",  # log10(population + 10) / 7 of the place given
    "explicit",  # the text says where it is ("X, Texas", "the province of X", "Syria's X")
    "dateline",  # the report's dateline
    "short",  # a name of at most four letters ("NY", "Gao")
)


def _logit(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return math.log(p / (1.0 - p))


def calibration_features(t: Toponym, p: Place, raw: float | None, how: str) -> np.ndarray:
    """One row of :data:`CALIBRATION_FEATURES` for toponym ``t`` placed at ``p``."""
    kind = t.kind
    letters = sum(ch.isalpha() for ch in t.text)
    row = (
        _logit(1.0 if raw is None else raw),
        1.0 if len(t.candidates) <= 1 and how == "resolved" else 0.0,
        1.0 if kind in ("country", "demonym") else 0.0,
        1.0 if kind == "region_phrase" else 0.0,
        1.0 if how == "resolved" and p.is_admin and not p.is_country else 0.0,
        1.0 if how == "facility" else 0.0,
        1.0 if how == "admin_fallback" else 0.0,
        1.0 if how == "country_fallback" else 0.0,
        math.log10(max(p.population, 0) + 10) / 7.0,
        1.0
        if (t.admin_hint_place is not None or t.country_hint or t.type_cue or t.cue == "abbreviation")
        else 0.0,
        1.0 if t.cue == "dateline" else 0.0,
        1.0 if letters <= 4 else 0.0,
    )
    return np.asarray(row, dtype=np.float64)


class Calibrator(Protocol):
    def score(self, t: Toponym, p: Place, raw: float | None, how: str) -> float | None: ...


@dataclass
class FeatureRecorder:
    """A calibrator that keeps the raw score and records each decision's features (training)."""

    rows: list[np.ndarray] = field(default_factory=list)

    def score(self, t: Toponym, p: Place, raw: float | None, how: str) -> float | None:
        self.rows.append(calibration_features(t, p, raw, how))
        return raw


@dataclass(frozen=True)
class PlaceCalibrator:
    """A logistic map from :data:`CALIBRATION_FEATURES` to the chance the place is right."""

    coef: tuple[float, ...]
    intercept: float
    info: dict[str, object] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if len(self.coef) != len(CALIBRATION_FEATURES):
            raise ValueError(
                f"a place calibrator needs {len(CALIBRATION_FEATURES)} coefficients, got {len(self.coef)}"
            )

    def probability(self, x: np.ndarray) -> float:
        z = float(np.dot(np.asarray(self.coef), x)) + self.intercept
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, t: Toponym, p: Place, raw: float | None, how: str) -> float:
        return round(self.probability(calibration_features(t, p, raw, how)), 3)

    def to_json(self) -> str:
        body = {
            "features": list(CALIBRATION_FEATURES),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "info": self.info,
        }
        return json.dumps(body, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PlaceCalibrator:
        return cls.from_json(path.read_text(encoding="utf-8"), str(path))

    @classmethod
    def from_json(cls, text: str, source: str = "calibration") -> PlaceCalibrator:
        body = json.loads(text)
        if list(body.get("features", [])) != list(CALIBRATION_FEATURES):
            raise ValueError(f"{source}: written for other features; rebuild it with `dateline train-geo`")
        return cls(
            tuple(float(c) for c in body["coef"]), float(body["intercept"]), dict(body.get("info", {}))
        )


def shipped_calibration_path() -> Path:
    return Path(str(resources.files("dateline") / "data" / "models" / "geo_calibration.json"))


@lru_cache(maxsize=1)
def shipped_calibrator() -> PlaceCalibrator | None:
    """The shipped map (read once per process), or None when the package has none."""
    path = shipped_calibration_path()
    return PlaceCalibrator.load(path) if path.exists() else None


def fit_calibrator(
    rows: np.ndarray, right: np.ndarray, info: dict[str, object] | None = None
) -> PlaceCalibrator:
    """Fit the map on feature rows and whether each place was right."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(rows, right.astype(int))
    return PlaceCalibrator(
        tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]), dict(info or {})
    )


def reliability(scores: list[float], right: list[bool], edges: tuple[float, ...] = (0.5, 0.7, 0.9)) -> str:
    """Expected calibration error (10 equal bins) and accuracy per score band, as one line."""
    from dateline.evaluate.metrics import expected_calibration_error

    if not scores:
        return "calibration: no scored places"
    s = np.asarray(scores)
    r = np.asarray(right, dtype=float)
    ece = expected_calibration_error(scores, right)
    bands = []
    lo = 0.0
    for hi in (*edges, 1.01):
        m = (s >= lo) & (s < hi)
        if m.any():
            label = f"<{hi:.1f}" if lo == 0.0 else (f">={lo:.1f}" if hi > 1 else f"{lo:.1f}-{hi:.1f}")
            bands.append(f"{label}: mean {s[m].mean():.2f} right {r[m].mean():.2f} (n {int(m.sum())})")
        lo = hi
    return f"calibration over {len(s)} places: ECE {ece:.3f}; " + "; ".join(bands)
