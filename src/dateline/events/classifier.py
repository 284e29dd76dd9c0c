"""A trained event-type classifier: text snippet -> ACLED sub-event type or ``none``.

scikit-learn style: ``fit(texts, labels)``, ``predict``, ``predict_proba``, ``classes_``. Word
and character n-gram TF-IDF features feed a linear model; numbers are masked so that counts and
dates do not become features. The shipped model is trained by ``dateline train`` from the
project's own corpus in ``data/training/events`` and stored in ``dateline/data/models``.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

log = logging.getLogger(__name__)

MODEL_FILE = "event_typer.joblib"
NONE = "none"
_DIGITS = re.compile(r"\d")


def normalize(text: str) -> str:
    """Lower-case, with every digit replaced by 0."""
    return _DIGITS.sub("0", text.lower())


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    label: str


def read_corpus(folder: Path) -> list[Example]:
    """All ``*.tsv`` files of a corpus folder (columns ``id``, ``text``, ``label``; header first)."""
    examples: list[Example] = []
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise FileNotFoundError(f"{folder}: no .tsv files")
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("text") and row.get("label"):
                    examples.append(Example(row["id"], row["text"], row["label"].strip()))
    return examples


class EventClassifier:
    """TF-IDF (words 1-2, characters 2-5) + logistic regression."""

    def __init__(
        self, c: float = 8.0, max_word_features: int = 40000, max_char_features: int = 60000
    ) -> None:
        self.c = c
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.model: Pipeline | None = None

    def _build(self) -> Pipeline:
        features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(
                        preprocessor=normalize,
                        ngram_range=(1, 2),
                        min_df=1,
                        sublinear_tf=True,
                        max_features=self.max_word_features,
                    ),
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        preprocessor=normalize,
                        analyzer="char_wb",
                        ngram_range=(2, 5),
                        min_df=2,
                        sublinear_tf=True,
                        max_features=self.max_char_features,
                    ),
                ),
            ]
        )
        clf = LogisticRegression(C=self.c, max_iter=3000, class_weight="balanced")
        return Pipeline([("features", features), ("clf", clf)])

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> EventClassifier:
        if len(texts) != len(labels) or not texts:
            raise ValueError("need as many labels as texts, and at least one")
        self.model = self._build().fit(list(texts), list(labels))
        return self

    @property
    def classes_(self) -> list[str]:
        return list(self._fitted().classes_)

    def _fitted(self) -> Pipeline:
        if self.model is None:
            raise RuntimeError("the classifier is not trained: call fit() or load()")
        return self.model

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        return self._fitted().predict_proba(list(texts))

    def predict(self, texts: Iterable[str]) -> list[str]:
        return list(self._fitted().predict(list(texts)))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"c": self.c, "model": self._fitted()}, path, compress=3)

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        data = joblib.load(path)
        obj = cls(c=data["c"])
        obj.model = data["model"]
        return obj


@lru_cache(maxsize=1)
def shipped_classifier() -> EventClassifier | None:
    """The model shipped in the package, or None when it has not been trained yet."""
    ref = resources.files("dateline").joinpath("data", "models", MODEL_FILE)
    if not ref.is_file():
        log.warning("no trained event classifier shipped (%s); typing uses rules only", MODEL_FILE)
        return None
    with resources.as_file(ref) as path:
        return EventClassifier.load(path)
