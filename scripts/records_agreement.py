"""Agreement of two coders' record golds on the documents both coded: coder B's records are
scored against coder A's exactly as ``dateline eval records`` scores the pipeline's (same event
type and the same location or admin1, one to one), so the figures read as the ceiling a
machine can be expected to reach on that gold.

    .venv/bin/python scripts/records_agreement.py GOLD_A.jsonl GOLD_B.jsonl [-v]

Both files are in the layout of ``../shared/dev/wikievents-dev-acled-gold.jsonl``; only the
documents in B are scored.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.evaluate.records import (
    GoldEvent,
    RecordReport,
    format_records_report,
    read_gold,
    score_document,
)
from dateline.model import Event


def as_event(g: GoldEvent) -> Event:
    """Coder B's record as a predicted event."""
    return Event(
        article_id=g.doc_id,
        is_background=g.background,
        event_type=g.event_type,
        sub_event_type=g.sub_event_type,
        actor1=g.actor1 or None,
        location=g.location or None,
        admin1=g.admin1 or None,
        country=g.country or None,
        fatalities=g.fatalities,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_a", type=Path)
    ap.add_argument("gold_b", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    a, b = read_gold(args.gold_a), read_gold(args.gold_b)
    missing = [d for d in b.doc_ids if d not in a.events]
    if missing:
        raise SystemExit(f"{len(missing)} documents of B are not in A (first: {missing[0]})")
    rep = RecordReport(
        [score_document(d, [as_event(g) for g in b.events[d]], a.events[d]) for d in b.doc_ids],
        name=f"{args.gold_b.name} against {args.gold_a.name}",
    )
    print(format_records_report(rep, verbose=args.verbose))


if __name__ == "__main__":
    main()
