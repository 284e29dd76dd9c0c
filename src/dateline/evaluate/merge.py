"""Evaluate the merging of reports into events: pairwise precision, recall and F1.

The corpus (``data/merge/reports.jsonl``) holds reports written by the project, one JSON object
a line: ``{"id", "text", "published", "outlet", "event"}`` where ``event`` is the gold id of the
real-world event the report is about. Each report is coded with the real pipeline; its *lead*
event (the first event that is not background) stands for the report. Lead events are merged
incrementally in publication order with :class:`dateline.store.merge.EventMerger`, and every pair
of reports is scored: a true positive is a pair in one predicted cluster and one gold event.
A report that codes to no event is its own singleton (it costs recall).

With the gold events' day and country (``data/merge/events.yaml``), reports whose lead event
the pipeline coded to another country or day, or to no place at all, are listed as pipeline
errors, and the pairs among the other reports are scored separately: that figure isolates the
merge from the coding.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from dateline.ingest.text import parse_iso_date, parse_plain_text
from dateline.model import Article, Event
from dateline.store.merge import MERGE_THRESHOLD, EventMerger, match

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int  # pairs of reports merged that are one gold event
    predicted_pairs: int
    gold_pairs: int


@dataclass(slots=True)
class PairError:
    kind: str  # "false merge" or "missed merge"
    a: str
    b: str
    gold_a: str
    gold_b: str
    why: str


@dataclass(slots=True)
class MergeEvaluation:
    scores: PairScores
    reports: int
    gold_events: int
    predicted_events: int
    no_event: list[str] = field(default_factory=list)  # reports the pipeline coded to no event
    errors: list[PairError] = field(default_factory=list)
    pipeline_errors: dict[str, str] = field(default_factory=dict)  # report id -> what was coded wrong
    clean: PairScores | None = None  # pairs among reports without pipeline errors


def load_gold_events(path: Path) -> dict[str, dict[str, str]]:
    """Gold event id -> {"date": ISO date, "iso2": country, ...} from ``events.yaml``."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: {kk: str(vv) for kk, vv in v.items()} for k, v in data.items()}


def coding_error(ev: Event | None, gold: Mapping[str, str]) -> str | None:
    """What the pipeline got wrong in a report's lead event, judged on the gold day and country."""
    if ev is None:
        return "no event"
    if not ev.iso2 and not ev.country:
        return "no place"
    if gold.get("iso2") and ev.iso2 and ev.iso2 != gold["iso2"]:
        return f"country {ev.iso2}, not {gold['iso2']}"
    day = gold.get("date")
    if day and ev.event_date and (ev.time_precision or 1) == 1 and not ev.date_end and ev.event_date != day:
        return f"date {ev.event_date}, not {day}"
    return None


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PairScores:
    """Pairwise P/R/F1 of a clustering: ``gold`` and ``predicted`` map each item to its cluster."""
    keys = sorted(gold)
    tp = pp = gp = 0
    for a, b in combinations(keys, 2):
        same_gold = gold[a] == gold[b]
        same_pred = predicted.get(a, f"\0{a}") == predicted.get(b, f"\0{b}")
        tp += same_gold and same_pred
        pp += same_pred
        gp += same_gold
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PairScores(p, r, f1, tp, pp, gp)


def load_reports(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def report_article(row: Mapping[str, str]) -> Article:
    art = parse_plain_text(row["text"], row["id"], parse_iso_date(row["published"]))
    art.outlet = row.get("outlet")
    return art


def code_reports(rows: Sequence[Mapping[str, str]]) -> Iterator[tuple[str, list[Event]]]:
    """Each report's id with its coded events (background included, flagged)."""
    from dateline.pipeline import default_pipeline

    pipe = default_pipeline()
    for row in rows:
        yield row["id"], pipe(report_article(row))


def lead_event(events: Iterable[Event]) -> Event | None:
    return next((e for e in events if not e.is_background), None)


def evaluate_merge(
    rows: Sequence[Mapping[str, str]],
    coded: Mapping[str, list[Event]],
    threshold: float = MERGE_THRESHOLD,
    gold_events: Mapping[str, Mapping[str, str]] | None = None,
) -> MergeEvaluation:
    """Merge the reports' lead events in publication order and score the clustering."""
    order = sorted(rows, key=lambda r: (r["published"], r["id"]))
    merger = EventMerger(threshold=threshold)
    gold = {r["id"]: r["event"] for r in rows}
    leads: dict[str, Event] = {}
    no_event: list[str] = []
    for r in order:
        ev = lead_event(coded.get(r["id"], []))
        if ev is None:
            no_event.append(r["id"])
            continue
        leads[r["id"]] = ev
        merger.add(r["id"], ev)
    predicted = {k: cid for cid, keys in merger.clusters().items() for k in keys}
    scores = pairwise_scores(gold, predicted)
    errors: list[PairError] = []
    for a, b in combinations(sorted(leads), 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        if same_gold == same_pred:
            continue
        m = match(leads[a], leads[b])
        why = "blocked" if m is None else m.summary()
        kind = "false merge" if same_pred else "missed merge"
        errors.append(PairError(kind, a, b, gold[a], gold[b], why))
    pipeline_errors: dict[str, str] = {}
    clean = None
    if gold_events is not None:
        for r in rows:
            err = coding_error(leads.get(r["id"]), gold_events.get(r["event"], {}))
            if err:
                pipeline_errors[r["id"]] = err
        keep = [k for k in gold if k not in pipeline_errors]
        clean = pairwise_scores({k: gold[k] for k in keep}, {k: predicted[k] for k in keep})
    return MergeEvaluation(
        pipeline_errors=pipeline_errors,
        clean=clean,
        scores=scores,
        reports=len(rows),
        gold_events=len(set(gold.values())),
        predicted_events=len(merger.clusters()) + len(no_event),
        no_event=no_event,
        errors=errors,
    )
