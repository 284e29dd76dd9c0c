"""A trained event-type classifier: text snippet -> ACLED sub-event type or ``none``.

scikit-learn style: ``fit(texts, labels)``, ``predict``, ``predict_proba``, ``classes_``. The
features are chosen by name:

- ``encoder``: the sentence vector of a pretrained transformer (all-MiniLM-L6-v2 on ONNX
  Runtime, :mod:`dateline.nlp.encoder`), which carries what a word means beyond the words
  seen in training;
- ``tfidf``: word and character n-grams (numbers masked, so counts and dates are no features);
- ``encoder+tfidf``: both, side by side.

A multinomial logistic regression reads them. Its probabilities are then calibrated by one
temperature fitted on held-out predictions (``calibrate``), so that a confidence of 0.8 is right
about 80% of the time. The shipped model is trained by ``dateline train`` from the project's
corpus (``data/training/events``) and the real items it labelled (``data/training/real``).
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
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

log = logging.getLogger(__name__)

MODEL_FILE = "event_typer.joblib"
NONE = "none"
FEATURES = ("encoder", "tfidf", "encoder+tfidf")
_DIGITS = re.compile(r"\d")


def normalize(text: str) -> str:
    """Lower-case, with every digit replaced by 0."""
    return _DIGITS.sub("0", text.lower())


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    text: str
    label: str
    weight: float = 1.0


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


def _tfidf() -> FeatureUnion:
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(preprocessor=normalize, ngram_range=(1, 2), sublinear_tf=True,
                                      max_features=40000)),
            ("chars", TfidfVectorizer(preprocessor=normalize, analyzer="char_wb", ngram_range=(2, 5),
                                      min_df=2, sublinear_tf=True, max_features=60000)),
        ]
    )


def embed(texts: Sequence[str]) -> np.ndarray:
    """Sentence vectors from the shipped encoder."""
    from dateline.nlp.encoder import shipped_encoder

    return shipped_encoder().encode(texts)


class EventClassifier:
    """Encoder and/or TF-IDF features, logistic regression, temperature calibration.

    ``fit`` and ``predict_proba`` take optional precomputed sentence vectors (``vectors``), so
    that cross-validation encodes each text once.
    """

    def __init__(self, features: str = "encoder+tfidf", c: float = 4.0, encoder_scale: float = 2.0) -> None:
        if features not in FEATURES:
            raise ValueError(f"features must be one of {', '.join(FEATURES)}, not {features!r}")
        self.features = features
        self.c = c
        self.encoder_scale = encoder_scale  # weight of the sentence vector beside the n-gram blocks
        self.temperature = 1.0
        self.tfidf: FeatureUnion | None = None
        self.head: LogisticRegression | None = None

    @property
    def uses_encoder(self) -> bool:
        return self.features.startswith("encoder")

    def _matrix(self, texts: Sequence[str], vectors: np.ndarray | None, fit: bool) -> sparse.csr_matrix:
        blocks = []
        if self.uses_encoder:
            vec = vectors if vectors is not None else embed(texts)
            blocks.append(sparse.csr_matrix(vec * self.encoder_scale))
        if self.features.endswith("tfidf"):
            if fit:
                self.tfidf = _tfidf()
                blocks.append(self.tfidf.fit_transform(list(texts)))
            else:
                assert self.tfidf is not None
                blocks.append(self.tfidf.transform(list(texts)))
        return sparse.hstack(blocks, format="csr")

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        weights: Sequence[float] | None = None,
        vectors: np.ndarray | None = None,
    ) -> EventClassifier:
        if len(texts) != len(labels) or not texts:
            raise ValueError("need as many labels as texts, and at least one")
        x = self._matrix(texts, vectors, fit=True)
        self.head = LogisticRegression(C=self.c, max_iter=3000, class_weight="balanced")
        self.head.fit(x, list(labels), sample_weight=None if weights is None else np.asarray(weights))
        self.temperature = 1.0
        return self

    @property
    def classes_(self) -> list[str]:
        return [str(c) for c in self._fitted().classes_]

    def _fitted(self) -> LogisticRegression:
        if self.head is None:
            raise RuntimeError("the classifier is not trained: call fit() or load()")
        return self.head

    def decision(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """The head's raw scores (logits), one row per text."""
        head = self._fitted()
        return head.decision_function(self._matrix(list(texts), vectors, fit=False))

    def predict_proba(self, texts: Iterable[str], vectors: np.ndarray | None = None) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        return softmax(self.decision(texts, vectors) / self.temperature)

    def predict(self, texts: Iterable[str], vectors: np.ndarray | None = None) -> list[str]:
        probs = self.predict_proba(texts, vectors)
        classes = self.classes_
        return [classes[i] for i in probs.argmax(axis=1)]

    def calibrate(self, logits: np.ndarray, labels: Sequence[str]) -> float:
        """Fit the temperature on held-out logits and their gold labels."""
        self.temperature = fit_temperature(logits, labels, self.classes_)
        return self.temperature

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {k: getattr(self, k) for k in ("features", "c", "encoder_scale", "temperature", "tfidf")}
        joblib.dump({**state, "head": self._fitted()}, path, compress=3)

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        data = joblib.load(path)
        obj = cls(features=data["features"], c=data["c"], encoder_scale=data["encoder_scale"])
        obj.temperature, obj.tfidf, obj.head = data["temperature"], data["tfidf"], data["head"]
        return obj


def fit_temperature(logits: np.ndarray, labels: Sequence[str], classes: Sequence[str]) -> float:
    """The temperature that minimizes the negative log-likelihood of held-out logits (columns in
    the order of ``classes``); 1.0 when no label is a known class."""
    index = {c: i for i, c in enumerate(classes)}
    rows = [(r, index[g]) for r, g in enumerate(labels) if g in index]
    if not rows:
        return 1.0
    z = logits[[r for r, _ in rows]]
    y = np.array([i for _, i in rows])

    def nll(t: float) -> float:
        p = softmax(z / t)
        return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None)).mean())

    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def shipped_classifier() -> EventClassifier | None:
    """The model shipped in the package, or None when it has not been trained yet."""
    ref = resources.files("dateline").joinpath("data", "models", MODEL_FILE)
    if not ref.is_file():
        log.warning("no trained event classifier shipped (%s); typing uses rules only", MODEL_FILE)
        return None
    with resources.as_file(ref) as path:
        return EventClassifier.load(path)
