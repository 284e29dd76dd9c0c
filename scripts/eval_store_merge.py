"""Merging as the store does it: ingest the merge corpus into a fresh store, score pairwise.

``scripts/eval_merge.py`` scores the in-memory merger on each report's lead event; this script
runs the real ``dateline ingest`` path instead (every event of every report stored and merged
through SQL blocking, in file order) and scores the merged event each report's lead event ended
in against the gold event ids, with the same pairwise precision, recall and F1.

Usage: python scripts/eval_store_merge.py [CORPUS] [--db URL] [--workers N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from dateline.evaluate.merge import load_reports, pairwise_scores
from dateline.store import Store
from dateline.store.ingest import ingest
from dateline.store.schema import events

DEFAULT = Path(__file__).resolve().parents[1] / "data" / "merge" / "reports.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    gold = {r["id"]: r["event"] for r in load_reports(args.corpus)}
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'eval.db'}"
        with Store.open(url) as store:
            t0 = time.perf_counter()
            report = ingest(store, [str(args.corpus)], workers=args.workers)
            took = time.perf_counter() - t0
            counts = store.counts()
            with store.engine.connect() as conn:
                rows = conn.execute(
                    sa.select(events.c.article_id, events.c.cluster_id)
                    .where(events.c.is_background == sa.false())
                    .order_by(events.c.article_id, events.c.ordinal)
                ).all()
    predicted: dict[str, str] = {}
    for article_id, cluster_id in rows:
        predicted.setdefault(article_id, str(cluster_id))  # the report's lead event
    s = pairwise_scores(gold, predicted)
    print(f"{report.summary()} in {took:.1f} s")
    print(f"store: {counts.events} report-events in {counts.clusters} merged events")
    missing = len(set(gold) - set(predicted))
    print(
        f"reports {len(gold)}, gold events {len(set(gold.values()))}, lead events merged into "
        f"{len(set(predicted.values()))}, reports without an event {missing}"
    )
    print(f"pairwise precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
