"""``dateline train``: rebuild the shipped event classifier from the project's corpus and the
real items the project labelled.

The project's own snippets (``data/training/events``) are read with their text; the real items
(``data/training/real/train*.tsv``: ids and labels only) take their text from the folder of real
text given with ``--real`` (``../shared/train`` here). The dev split (``dev.tsv``) is never read
for training or for choosing anything. With ``--reviews``, the corrections analysts made on the
review desk (retyped and rejected events, with their sentences from the store) join the fitting
too (:mod:`dateline.events.reviews`).

A fixed sixth of the real training items (chosen by a hash of their id, :func:`is_calibration`)
is held out of fitting: the model's temperature is calibrated on it, and the precedence between
model and rules is chosen on it (``scripts/tune_precedence.py``).

The model is a logistic regression over ``encoder``, ``tfidf`` or ``encoder+tfidf`` features
(cross-validated when ``cv`` > 1). Fine-tuning the encoder itself was tried and measured worse
for its cost (``scripts/finetune_typer.py``, docs/evaluation.md).
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.evaluate.metrics import Report
from dateline.events.classifier import EventClassifier, Example, embed, read_corpus
from dateline.events.real import read_labels, with_text

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("data/training/events")
DEFAULT_REAL_LABELS = Path("data/training/real")
DEFAULT_OUT = Path("src/dateline/data/models/event_typer.joblib")
REAL_PREFIX = "real:"
CALIBRATION_SHARE = 6  # one item in six


def is_calibration(item_id: str) -> bool:
    """Whether a real training item belongs to the held-out calibration sixth (stable by id)."""
    digest = hashlib.sha1(item_id.removeprefix(REAL_PREFIX).encode()).digest()
    return digest[0] % CALIBRATION_SHARE == 0


@dataclass
class TrainResult:
    examples: int
    real_examples: int
    labels: dict[str, int]
    cv_report: Report | None
    calibration_report: Report | None  # the held-out real items, before calibration
    temperature: float
    out: Path
    review_examples: int = 0  # from the review desk's corrections (``dateline train --reviews``)


def real_examples(labels_folder: Path, real_folder: Path, pattern: str = "train*.tsv") -> list[Example]:
    """The labelled real items of ``labels_folder`` matching ``pattern``, with their text."""
    files = sorted(labels_folder.glob(pattern))
    if not files:
        raise FileNotFoundError(f"{labels_folder}: no {pattern} label files")
    labels = [lab for f in files for lab in read_labels(f)]
    joined = with_text(labels, real_folder)
    return [Example(f"{REAL_PREFIX}{lab.id}", text, lab.label) for lab, text in joined]


def stratified_folds(examples: list[Example], k: int, seed: int = 13) -> list[list[int]]:
    """Indices split into k folds with each label spread evenly (deterministic for a seed)."""
    by_label: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        by_label.setdefault(ex.label, []).append(i)
    rng = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in sorted(by_label):
        idx = by_label[label][:]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[j % k].append(i)
    return folds


def cross_validate(
    examples: list[Example], k: int = 5, vectors: np.ndarray | None = None, **params: object
) -> tuple[list[str], np.ndarray, list[str]]:
    """Out-of-fold logits for every example: (class names, logits, predicted labels)."""
    classes = sorted({e.label for e in examples})
    logits = np.zeros((len(examples), len(classes)))
    for fold in stratified_folds(examples, k):
        held = set(fold)
        train_idx = [i for i in range(len(examples)) if i not in held]
        clf = EventClassifier(**params).fit(  # type: ignore[arg-type]
            [examples[i].text for i in train_idx],
            [examples[i].label for i in train_idx],
            weights=[examples[i].weight for i in train_idx],
            vectors=None if vectors is None else vectors[train_idx],
        )
        z = clf.decision([examples[i].text for i in fold], None if vectors is None else vectors[fold])
        # a fold may lack a rare class: map its columns into the full class list
        cols = [classes.index(c) for c in clf.classes_]
        logits[np.ix_(fold, cols)] = z
        missing = [j for j in range(len(classes)) if j not in cols]
        if missing:
            logits[np.ix_(fold, missing)] = -1e3
    predicted = [classes[j] for j in logits.argmax(axis=1)]
    return classes, logits, predicted


def train(
    corpus: Path = DEFAULT_CORPUS,
    out: Path | None = None,
    cv: int = 5,
    real: Path | None = None,
    real_labels: Path = DEFAULT_REAL_LABELS,
    features: str = "encoder+tfidf",
    real_weight: float = 8.0,
    reviews: Sequence[Example] = (),
) -> TrainResult:
    """Fit on the project's corpus and the real training items less the calibration sixth,
    calibrate the temperature on that sixth, and save the model. ``reviews`` (the analysts'
    corrections, :func:`dateline.events.reviews.review_examples`) are all fitted on, each with
    its own weight; none is held out for calibration."""
    examples = read_corpus(corpus)
    examples.extend(reviews)
    calibration: list[Example] = []
    if real is not None:
        for e in real_examples(real_labels, real):
            if is_calibration(e.id):
                calibration.append(e)
            else:
                examples.append(Example(e.id, e.text, e.label, real_weight))
    labels: dict[str, int] = {}
    for e in [*examples, *calibration]:
        labels[e.label] = labels.get(e.label, 0) + 1
    classes = sorted(labels)
    target = out or DEFAULT_OUT
    texts = [e.text for e in examples]
    vectors = embed(texts + [e.text for e in calibration]) if features.startswith("encoder") else None
    report = None
    if cv > 1:
        fit_vectors = None if vectors is None else vectors[: len(texts)]
        _, _, predicted = cross_validate(examples, cv, fit_vectors, features=features)
        report = Report(gold=[e.label for e in examples], predicted=predicted)
    clf = EventClassifier(features=features)
    clf.fit(
        texts,
        [e.label for e in examples],
        weights=[e.weight for e in examples],
        vectors=None if vectors is None else vectors[: len(texts)],
    )
    logits = None
    if calibration:
        held_vectors = None if vectors is None else vectors[len(texts) :]
        logits = clf.decision([e.text for e in calibration], held_vectors)
        clf.calibrate(logits, [e.label for e in calibration])
    classes = clf.classes_
    clf.save(target)
    calibration_report = None
    if logits is not None:
        predicted = [classes[j] for j in logits.argmax(axis=1)]
        calibration_report = Report([e.label for e in calibration], predicted)
    log.info(
        "trained on %d examples, calibrated on %d real items, saved to %s",
        len(examples),
        len(calibration),
        target,
    )
    n_real = sum(e.id.startswith(REAL_PREFIX) for e in examples)
    return TrainResult(
        len(examples), n_real, labels, report, calibration_report, clf.temperature, target, len(reviews)
    )
