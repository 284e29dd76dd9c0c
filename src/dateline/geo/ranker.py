"""The toponym candidate ranker: one score per (toponym, gazetteer candidate), highest wins.

:func:`~dateline.geo.toponyms.resolve` describes every candidate by the :data:`FEATURES` below
(how the text ties the name to a country or unit, its cue words, the candidate's kind and size,
its closeness to the text's other places); the ranker turns those into a score. Two rankers
share the one interface:

* :class:`LinearRanker` with :data:`RULE_WEIGHTS`: the hand-set weights, **the default**;
* :class:`LearnedRanker`: a scikit-learn classifier trained on real toponyms (``dateline
  train-geo``, :mod:`dateline.geo.ranker_train`), shipped in ``data/models/geo_ranker.joblib``
  and loaded once per process; chosen with ``{"place": {"ranker": "learned"}}`` or
  ``dateline eval geo --ranker learned``.

The learned ranker measured the same as the hand-set weights on all four news sets (within
±0.003 Acc@161, docs/evaluation.md) and read three of the project's written conventions the
other way ("Idlib" bare beside "Idlib province" is the city; "New York" bare is the city), so
it is not the default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = [
    "FEATURES",
    "RULE_WEIGHTS",
    "RULES",
    "CandidateRanker",
    "LearnedRanker",
    "LinearRanker",
    "confidence",
    "learned_ranker",
    "ranker_named",
]

#: one column per feature, in this order; the rules' weight is the hand-set weight the resolver
#: used (0 for the features only the learned ranker reads)
_SPEC: tuple[tuple[str, float], ...] = (
    ("log_population", 1.0),  # log10(population + 10)
    ("country_named", 1.5),  # how often the text names the candidate's country (at most 3)
    ("country_hint", 4.0),  # "Syria's X", "the Syrian town of X", "X, Syria"
    ("in_admin_hint", 6.0),  # "X, Texas", "X in Idlib province": the candidate lies in that unit
    ("in_named_admin", 2.0),  # another name of the text is a unit the candidate lies in
    ("near_anchor", 2.0),  # in an unnamed country but within 400 km of the text's places
    ("admin_cue_admin", 5.0),  # "X province" and the candidate is a unit
    ("admin_cue_level", 1.0),  # ... of the level the cue word says
    ("generic_form", -4.0),  # a bare "Texas" for Texas County while a candidate is "Texas"
    ("settlement_cue_place", 5.0),  # "the town of X" and the candidate is a populated place
    ("settlement_cue_seat_unit", 3.0),  # "the town of X" and a unit named exactly X
    ("bare_place", 1.0),  # no cue word and the candidate is a populated place
    ("dateline_log_population", 1.0),  # a bare dateline ("LONDON —"): size counts twice
    ("dateline_capital", 2.0),
    ("list_peer_adm1", 3.0),  # "Arizona, California, Colorado": states, like the others
    ("capital", 1.0),  # PPLC
    ("closeness", 1.5),  # closeness to the other names' possible points (at most 3)
    # read only by the learned ranker
    ("is_country", 0.0),
    ("is_adm1", 0.0),
    ("is_adm2", 0.0),
    ("is_adm3", 0.0),
    ("is_place", 0.0),
    ("is_admin_seat", 0.0),  # PPLA/PPLA2/PPLA3: seat of a unit
    ("other_class", 0.0),  # regions, hydrography, terrain, spots (with an import)
    ("exact_name", 0.0),  # the candidate's name is written as in the text
    ("most_populous", 0.0),  # the most populous candidate of the name
    ("population_share", 0.0),  # its share of the candidates' summed population
    ("log_candidates", 0.0),  # how ambiguous the name is
    ("dateline_country", 0.0),  # lies in the dateline's country
    ("top_country", 0.0),  # lies in the country the text names most
    ("no_country_named", 0.0),  # the text names no country at all
    ("cue_near", 0.0),
    ("cue_part_of", 0.0),
    ("cue_dateline", 0.0),
    ("zero_population", 0.0),
    ("dwarfed", 0.0),  # a town a hundredth the size of a city or unit of millions of its name
    # the candidate against the name's others: a pointwise classifier ranks better with these
    ("rules_score", 0.0),  # the hand-set weights' score
    ("rules_gap", 0.0),  # ... minus the best candidate's
    ("population_gap", 0.0),  # log-population minus the most populous candidate's
)
FEATURES: tuple[str, ...] = tuple(name for name, _ in _SPEC)
RULE_WEIGHTS = np.array([w for _, w in _SPEC], dtype=float)
INDEX = {name: i for i, name in enumerate(FEATURES)}


class CandidateRanker(Protocol):
    """Scores one toponym's candidates (rows of a feature matrix): higher is likelier."""

    def score(self, x: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class LinearRanker:
    """A weighted sum of the features (the hand-set rules by default)."""

    weights: np.ndarray = field(default_factory=lambda: RULE_WEIGHTS.copy())

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weights


@dataclass
class LearnedRanker:
    """A trained classifier of "this candidate is the place meant" over :data:`FEATURES`;
    its log-odds are the score."""

    model: Any
    features: tuple[str, ...] = FEATURES
    info: dict[str, Any] = field(default_factory=dict)

    def score(self, x: np.ndarray) -> np.ndarray:
        p = self.model.predict_proba(x)[:, 1]
        p = np.clip(p, 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    def save(self, path: Path) -> None:
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"model": self.model, "features": self.features, "info": self.info}, path, compress=3)

    @classmethod
    def load(cls, path: Path) -> LearnedRanker:
        import joblib

        data = joblib.load(path)
        if tuple(data["features"]) != FEATURES:
            raise ValueError(
                f"{path} was trained on other features than this version computes: rebuild it with "
                "`dateline train-geo`"
            )
        return cls(data["model"], tuple(data["features"]), dict(data.get("info", {})))


def shipped_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "models" / "geo_ranker.joblib"


RULES = LinearRanker()


@lru_cache(maxsize=1)
def learned_ranker() -> LearnedRanker:
    """The shipped learned ranker, loaded once per process."""
    path = shipped_path()
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: rebuild it with `dateline train-geo`")
    return LearnedRanker.load(path)


def ranker_named(name: str) -> CandidateRanker:
    """``rules`` (the hand-set weights), ``learned`` (the shipped model) or a model file's path."""
    if name == "rules":
        return RULES
    if name == "learned":
        return learned_ranker()
    return LearnedRanker.load(Path(name))


def confidence(scores: np.ndarray) -> tuple[int, float]:
    """The best candidate's index and its softmax share of all the candidates' scores."""
    best = int(np.argmax(scores))
    return best, 1.0 / float(np.sum(np.exp(np.minimum(scores - scores[best], 0.0))))


def log_population(population: int) -> float:
    return math.log10(population + 10)
