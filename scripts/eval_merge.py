"""Merging reports into events, scored pairwise on the project's merge corpus.

Codes every report of ``data/merge/reports.jsonl`` with the real pipeline, merges the reports'
lead events incrementally in publication order (dateline.store.merge.EventMerger) and prints
pairwise precision, recall and F1 against the gold event ids, then every wrong pair with the
merge's own reasons. ``--list`` also prints each report's lead event as coded (to tell
pipeline errors from merge errors); ``--save FILE`` keeps the coded events as JSON Lines and
``--coded FILE`` reuses them instead of coding again.

Usage: python scripts/eval_merge.py [CORPUS] [--list] [--save FILE | --coded FILE] [--threshold X]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dateline.evaluate.merge import code_reports, evaluate_merge, lead_event, load_gold_events, load_reports
from dateline.model import Event
from dateline.store.merge import MERGE_THRESHOLD

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "merge" / "reports.jsonl"


def _brief(e: Event | None) -> str:
    if e is None:
        return "(no event)"
    place = ", ".join(p for p in (e.location, e.admin1, e.country) if p)
    actors = " vs ".join(a for a in (e.actor1, e.actor2) if a)
    flag = " [date flag]" if e.date_flag else ""
    return (
        f"{e.event_date} p{e.time_precision}{flag} | {e.sub_event_type} | {actors} | "
        f"{place} (geo p{e.geo_precision}) | fat {e.fatalities}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--list", action="store_true", help="print each report's lead event")
    ap.add_argument("--save", type=Path, help="write the coded events to this JSON Lines file")
    ap.add_argument("--coded", type=Path, help="read coded events from --save output instead of coding")
    ap.add_argument("--threshold", type=float, default=MERGE_THRESHOLD)
    args = ap.parse_args()

    rows = load_reports(args.corpus)
    t0 = time.perf_counter()
    if args.coded:
        coded: dict[str, list[Event]] = {r["id"]: [] for r in rows}
        for line in args.coded.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            coded.setdefault(d["article_id"], []).append(Event.from_dict(d))
    else:
        coded = dict(code_reports(rows))
    took = time.perf_counter() - t0
    if args.save:
        with args.save.open("w", encoding="utf-8") as f:
            for r in rows:
                for e in coded[r["id"]]:
                    f.write(e.to_json() + "\n")

    events_file = args.corpus.with_name("events.yaml")
    gold_events = load_gold_events(events_file) if events_file.is_file() else None
    result = evaluate_merge(rows, coded, threshold=args.threshold, gold_events=gold_events)
    s = result.scores
    print(f"corpus: {args.corpus} ({result.reports} reports, {result.gold_events} gold events)")
    print(f"coding: {took:.1f} s; reports coded to no event: {len(result.no_event)} {result.no_event}")
    print(f"threshold {args.threshold}: {result.predicted_events} predicted events")
    print(
        f"pairwise precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
        f"(true pairs {s.true_pairs}, predicted pairs {s.predicted_pairs}, gold pairs {s.gold_pairs})"
    )
    if result.clean is not None:
        c = result.clean
        print(
            f"reports with a pipeline error (wrong country or day, no place): {len(result.pipeline_errors)}"
        )
        for rid, err in sorted(result.pipeline_errors.items()):
            print(f"  {rid}: {err}")
        print(
            f"pairs among the other reports: precision {c.precision:.3f}  recall {c.recall:.3f}  "
            f"F1 {c.f1:.3f}  (true pairs {c.true_pairs}, predicted {c.predicted_pairs}, gold {c.gold_pairs})"
        )
    if args.list:
        print("\nlead event of each report:")
        for r in sorted(rows, key=lambda r: (r["event"], r["published"], r["id"])):
            lead = _brief(lead_event(coded[r["id"]]))
            print(f"  {r['event']} {r['id']} {r['published']} {r['outlet']:<18} {lead}")
    if result.errors:
        print("\nwrong pairs:")
        for err in result.errors:
            print(f"  {err.kind}: {err.a} ({err.gold_a}) / {err.b} ({err.gold_b}): {err.why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
