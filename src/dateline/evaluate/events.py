"""``dateline eval events FILE``: score event detection and typing on a labelled TSV.

The file has a header and the columns ``id``, ``text``, ``label`` (an ACLED sub-event type or
``none``); other columns are ignored. A label file of real items (``data/training/real``:
``id``, ``source``, ``label``, no text) is read with ``--real PATH``, the folder holding their
text, and is also scored per source. Each text is coded as a report published on an unknown
date; its predicted label is the sub-event type of its first non-background event, or ``none``
when it yields no event.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluate.metrics import Report
from dateline.ingest.text import parse_plain_text
from dateline.pipeline import Pipeline

log = logging.getLogger(__name__)
NONE = "none"


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    label: str
    source: str = ""


class EvalFileError(ValueError):
    """The evaluation file cannot be read; the message names the file and line."""


def read_items(path: Path) -> list[Item]:
    """Read a TSV of labelled items (``id``, ``text``, ``label`` columns, header first)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"id", "text", "label"} - set(reader.fieldnames or ())
            if missing:
                raise EvalFileError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
            items = []
            for lineno, row in enumerate(reader, start=2):
                if not (row.get("text") or "").strip() or not (row.get("label") or "").strip():
                    raise EvalFileError(f"{path}:{lineno}: empty text or label")
                items.append(Item(row["id"], row["text"], row["label"].strip()))
            return items
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read ({exc})") from None


def read_real_items(path: Path, real_folder: Path) -> list[Item]:
    """A label file of real items, with the text looked up in ``real_folder``."""
    from dateline.events.real import read_labels, with_text

    try:
        labels = read_labels(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EvalFileError(f"{path}: cannot read ({exc})") from None
    try:
        joined = with_text(labels, real_folder)
    except ValueError as exc:
        raise EvalFileError(f"{path}: {exc}") from None
    return [Item(lab.id, text, lab.label, lab.source) for lab, text in joined]


def by_source(items: list[Item], predicted: list[str]) -> dict[str, Report]:
    """One report per source of the items (empty when the items carry no source)."""
    out: dict[str, Report] = {}
    for source in sorted({i.source for i in items if i.source}):
        pairs = [(i.label, p) for i, p in zip(items, predicted, strict=True) if i.source == source]
        out[source] = Report([g for g, _ in pairs], [p for _, p in pairs])
    return out


def summary_line(name: str, report: Report) -> str:
    """Weighted and macro F1 and the 'none' rejection of one report, on one line."""
    nones = [p for g, p in zip(report.gold, report.predicted, strict=True) if g == NONE]
    rejection = f"{sum(p == NONE for p in nones) / len(nones):.3f}" if nones else "  -  "
    return (
        f"{name:<10} items {len(report.gold):5d}   weighted F1 {report.weighted_f1():.3f}   "
        f"macro F1 {report.macro_f1():.3f}   events-only weighted F1 {report.weighted_f1((NONE,)):.3f}   "
        f"none rejected {rejection}"
    )


def predict(pipeline: Pipeline, items: list[Item]) -> Iterator[tuple[str, float | None]]:
    """Each item's predicted label, with the confidence of the event behind it (None: no event)."""
    for item in items:
        article = parse_plain_text(item.text, item.id)
        events = [e for e in pipeline(article) if not e.is_background]
        if events:
            yield events[0].sub_event_type or NONE, events[0].confidence
        else:
            yield NONE, None


def evaluate(pipeline: Pipeline, items: list[Item]) -> Report:
    return Report(gold=[i.label for i in items], predicted=[p for p, _ in predict(pipeline, items)])


def calibration_line(gold: list[str], predicted: list[str], confidence: list[float | None]) -> str:
    """Expected calibration error of the confidences given (the predictions that carry one)."""
    from dateline.evaluate.metrics import expected_calibration_error

    rows = [(g == p, c) for g, p, c in zip(gold, predicted, confidence, strict=True) if c is not None]
    if not rows:
        return "calibration: no confidences"
    ece = expected_calibration_error([c for _, c in rows], [ok for ok, _ in rows])
    acc = sum(ok for ok, _ in rows) / len(rows)
    mean = sum(c for _, c in rows) / len(rows)
    return (
        f"calibration over {len(rows)} predictions: ECE {ece:.3f} "
        f"(mean confidence {mean:.3f}, accuracy {acc:.3f})"
    )


def format_report(report: Report) -> str:
    """Per-class scores, averages, the share of ``none`` items with no event, and the confusions."""
    lines = [f"{'label':<38} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}"]
    for s in report.per_class():
        lines.append(f"{s.label:<38} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d}")
    lines.append("")
    lines.append(f"items: {len(report.gold)}   accuracy: {report.accuracy():.3f}")
    lines.append(f"macro F1: {report.macro_f1():.3f}   weighted F1: {report.weighted_f1():.3f}")
    lines.append(
        f"events only (without 'none'): macro F1 {report.macro_f1((NONE,)):.3f}, "
        f"weighted F1 {report.weighted_f1((NONE,)):.3f}"
    )
    nones = [p for g, p in zip(report.gold, report.predicted, strict=True) if g == NONE]
    if nones:
        quiet = sum(p == NONE for p in nones) / len(nones)
        lines.append(f"'none' items that produced no event: {quiet:.3f} ({len(nones)} items)")
    lines.append("")
    lines.append("confusions (gold -> predicted: count), most frequent first:")
    for (g, p), n in report.confusion.most_common():
        if g != p:
            lines.append(f"  {g} -> {p}: {n}")
    return "\n".join(lines)
