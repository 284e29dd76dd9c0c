"""Event coreference: do two mentions of an article tell the same real-world event?

One bombing told in nine sentences is one event; a bombing in one town and a raid in another
the same day are two (conventions §1.2–1.3). A pairwise logistic regression reads what the two
mentions share: kind (family, sub-event type, trigger word), sentence distance, place (same
town, compatible, different), date (same, overlapping, disjoint), actors, whether the later one
points back ("the blast", "Sunday's attack", "the same attack") or says it is another ("a
separate attack"), whether each has a date or place of its own, and how alike their sentences
are. The assembler joins a mention to the event whose mentions it most probably corefers with.

Trained by ``dateline train-article`` on the ``event`` ids of ``data/training/articles``;
shipped as ``data/models/event_coref.joblib``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from dateline.model import Mention

log = logging.getLogger(__name__)

MODEL_FILE = "event_coref.joblib"


def _family(m: Mention) -> str:
    if m.sub_event_type in ("Arrests", "Looting/property destruction"):
        return m.sub_event_type
    return m.event_type or "none"


def _place_relation(a: Mention, b: Mention) -> str:
    pa, pb = a.place, b.place
    if not pa or not pb:
        return "place_missing" if (pa or pb) else "place_none"
    if pa.get("iso2") and pb.get("iso2") and pa["iso2"] != pb["iso2"]:
        return "place_other_country"
    la, lb = pa.get("level"), pb.get("level")
    specific = la in ("place", "near") and lb in ("place", "near")
    if specific:
        same = (pa.get("location") or "").casefold() == (pb.get("location") or "").casefold()
        return "place_same_town" if same else "place_other_town"
    if pa.get("admin1") and pb.get("admin1"):
        return "place_same_admin1" if pa["admin1"] == pb["admin1"] else "place_other_admin1"
    return "place_same_country"


def _date_relation(a: Mention, b: Mention) -> str:
    if a.event_date is None or b.event_date is None:
        return "date_missing" if (a.event_date or b.event_date) else "date_none"
    a_end, b_end = a.date_end or a.event_date, b.date_end or b.event_date
    if a.event_date == b.event_date and a_end == b_end:
        return "date_same"
    if a.event_date <= b_end and b.event_date <= a_end:
        return "date_overlap"
    return "date_disjoint"


def _points_back(m: Mention, doc: Any) -> bool:
    if doc is None or m.token is None:
        return False
    tok = doc[m.token]
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "that", "this", "these", "those")) or c.dep_ == "poss"
        for c in tok.children
    )


def pair_features(a: Mention, b: Mention, doc: Any, vectors: dict[int, np.ndarray]) -> dict[str, float]:
    """Features of an earlier mention ``a`` and a later one ``b`` of one article."""
    f: dict[str, float] = {}
    dist = abs(b.sentence - a.sentence)
    f["same_sentence"] = float(dist == 0)
    f[f"dist={min(dist, 6)}"] = 1.0
    fa, fb = _family(a), _family(b)
    f["same_family"] = float(fa == fb)
    f[f"families={'|'.join(sorted((fa, fb)))}"] = 1.0
    f["same_sub"] = float(a.sub_event_type == b.sub_event_type)
    f["same_trigger"] = float(a.trigger.text.casefold() == b.trigger.text.casefold())
    f["same_class"] = float(a.trigger_class == b.trigger_class)
    f[_place_relation(a, b)] = 1.0
    f[_date_relation(a, b)] = 1.0
    f["both_background"] = float(a.is_background and b.is_background)
    actors_a = {x for x in (a.actor1, a.actor2) if x}
    actors_b = {x for x in (b.actor1, b.actor2) if x}
    f["shared_actor"] = float(bool(actors_a & actors_b))
    f["actor1_differs"] = float(
        bool(a.actor1 and b.actor1 and a.actor1 != b.actor1 and b.actor1 not in actors_a)
    )
    f["b_points_back"] = float(_points_back(b, doc))
    f["b_separate"] = float(b.separate)
    f["b_weak"] = float(b.weak)
    f["a_weak"] = float(a.weak)
    f["b_own_date"] = float(b.date_span is not None)
    f["b_own_place"] = float(b.place_span is not None)
    fat_a = a.fatalities.best if a.fatalities else None
    fat_b = b.fatalities.best if b.fatalities else None
    if fat_a is not None and fat_b is not None:
        f["same_toll"] = float(fat_a == fat_b)
    va, vb = vectors.get(a.sentence), vectors.get(b.sentence)
    if va is not None and vb is not None:
        f["cosine"] = float(np.dot(va, vb))
    else:
        f["no_cosine"] = 1.0
    return f


@dataclass
class CorefModel:
    """P(same event) for a pair of mentions, from :func:`pair_features`."""

    c: float = 1.0
    vectorizer: DictVectorizer | None = None
    head: LogisticRegression | None = None

    def fit(self, feats: list[dict[str, float]], labels: Sequence[bool]) -> CorefModel:
        self.vectorizer = DictVectorizer()
        x = self.vectorizer.fit_transform(feats)
        self.head = LogisticRegression(C=self.c, max_iter=3000)
        self.head.fit(x, [int(v) for v in labels])
        return self

    def predict_proba(self, feats: list[dict[str, float]]) -> np.ndarray:
        """P(same event) per pair."""
        if not feats:
            return np.zeros(0)
        assert self.vectorizer is not None and self.head is not None
        return self.head.predict_proba(self.vectorizer.transform(feats))[:, 1]

    def save(self, path: Path) -> None:
        joblib.dump({"c": self.c, "vectorizer": self.vectorizer, "head": self.head}, path, compress=3)

    @classmethod
    def load(cls, path: Path) -> CorefModel:
        d = joblib.load(path)
        return cls(c=d["c"], vectorizer=d["vectorizer"], head=d["head"])


def model_path() -> Path:
    return Path(str(resources.files("dateline").joinpath("data", "models", MODEL_FILE)))


@lru_cache(maxsize=1)
def shipped_coref_model() -> CorefModel | None:
    path = model_path()
    return CorefModel.load(path) if path.exists() else None


class PairScorer:
    """P(same event) for the mention pairs of one article, computed once per pair."""

    def __init__(self, model: CorefModel, mentions: list[Mention], doc: Any, vectors: dict[int, np.ndarray]):
        self._p: dict[tuple[int, int], float] = {}
        ordered = sorted(mentions, key=lambda m: m.trigger.start)
        pairs = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
        probs = model.predict_proba([pair_features(a, b, doc, vectors) for a, b in pairs])
        for (a, b), p in zip(pairs, probs, strict=True):
            self._p[(id(a), id(b))] = self._p[(id(b), id(a))] = float(p)

    def __call__(self, a: Mention, b: Mention) -> float:
        return self._p.get((id(a), id(b)), 0.0)
