"""Classification metrics without dependencies: per-class P/R/F1, macro and weighted F1, confusion,
and the expected calibration error of confidences (the event typer's, the place scores')."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Report:
    """Scores of predicted labels against gold labels."""

    gold: list[str]
    predicted: list[str]
    labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.gold) != len(self.predicted):
            raise ValueError("gold and predicted labels differ in length")
        if not self.labels:
            self.labels = sorted(set(self.gold) | set(self.predicted))

    @property
    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter(zip(self.gold, self.predicted, strict=True))

    def per_class(self) -> list[ClassScore]:
        conf = self.confusion
        out = []
        for lab in self.labels:
            tp = conf[(lab, lab)]
            pred = sum(v for (g, p), v in conf.items() if p == lab)
            sup = sum(v for (g, p), v in conf.items() if g == lab)
            prec = tp / pred if pred else 0.0
            rec = tp / sup if sup else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            out.append(ClassScore(lab, prec, rec, f1, sup))
        return out

    def macro_f1(self, exclude: tuple[str, ...] = ()) -> float:
        scores = [s for s in self.per_class() if s.support and s.label not in exclude]
        return sum(s.f1 for s in scores) / len(scores) if scores else 0.0

    def weighted_f1(self, exclude: tuple[str, ...] = ()) -> float:
        scores = [s for s in self.per_class() if s.support and s.label not in exclude]
        total = sum(s.support for s in scores)
        return sum(s.f1 * s.support for s in scores) / total if total else 0.0

    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / max(len(self.gold), 1)


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """ECE: the gap between confidence and accuracy, averaged over equal-width confidence bins
    (each closed on the right) weighted by how many predictions fall in each."""
    if not len(confidence):
        return 0.0
    groups: dict[int, list[tuple[float, bool]]] = {}
    for c, ok in zip(confidence, correct, strict=True):
        b = min(max(int(-(-float(c) * bins // 1)) - 1, 0), bins - 1)  # ceil: (0.8, 0.9] is bin 8
        groups.setdefault(b, []).append((float(c), bool(ok)))
    total = 0.0
    for rows in groups.values():
        mean_c = sum(c for c, _ in rows) / len(rows)
        acc = sum(ok for _, ok in rows) / len(rows)
        total += len(rows) / len(confidence) * abs(mean_c - acc)
    return total
