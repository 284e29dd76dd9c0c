"""``dateline train``: rebuild the shipped event classifier from the project's corpus."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluate.metrics import Report
from dateline.events.classifier import EventClassifier, Example, read_corpus

log = logging.getLogger(__name__)

DEFAULT_CORPUS = Path("data/training/events")
DEFAULT_OUT = Path("src/dateline/data/models/event_typer.joblib")


@dataclass
class TrainResult:
    examples: int
    labels: dict[str, int]
    cv_report: Report | None
    out: Path


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


def cross_validate(examples: list[Example], k: int = 5, **params: float) -> Report:
    """Out-of-fold predictions for every example, as one report."""
    predicted = [""] * len(examples)
    for fold in stratified_folds(examples, k):
        held = set(fold)
        train = [e for i, e in enumerate(examples) if i not in held]
        clf = EventClassifier(**params).fit([e.text for e in train], [e.label for e in train])  # type: ignore[arg-type]
        for i, label in zip(fold, clf.predict(examples[i].text for i in fold), strict=True):
            predicted[i] = label
    return Report(gold=[e.label for e in examples], predicted=predicted)


def train(corpus: Path = DEFAULT_CORPUS, out: Path = DEFAULT_OUT, cv: int = 5, seed: int = 13) -> TrainResult:
    """Cross-validate (when ``cv`` > 1), then fit on the whole corpus and save the model."""
    examples = read_corpus(corpus)
    labels: dict[str, int] = {}
    for e in examples:
        labels[e.label] = labels.get(e.label, 0) + 1
    report = cross_validate(examples, cv) if cv > 1 else None
    clf = EventClassifier().fit([e.text for e in examples], [e.label for e in examples])
    clf.save(out)
    log.info("trained on %d examples, saved to %s", len(examples), out)
    return TrainResult(examples=len(examples), labels=labels, cv_report=report, out=out)
