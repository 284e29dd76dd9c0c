"""How many of the events dateline codes in MUC-4's dev reports (200 lower-cased reports of
1989-91 on Latin American political violence, ``../shared/dev/muc4-dev.json``) it places, and in
which countries: a check of the place stage on one-case text (``dateline.geo.recase``), on a set
used for measuring only. MUC-4's templates give no places, so the check is the share placed and
the share placed in Latin America (where every report is, but for a few on Spain or the US).

    .venv/bin/python scripts/eval_muc_places.py [../shared/dev/muc4-dev.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dateline.ingest.text import parse_plain_text
from dateline.pipeline import default_pipeline

#: the countries of MUC-4's reports (ISO names as the records write them)
LATIN_AMERICA = frozenset(
    {
        "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Colombia", "Peru", "Bolivia", "Chile",
        "Ecuador", "Panama", "Costa Rica", "Mexico", "Venezuela", "Argentina", "Cuba", "Paraguay",
        "Uruguay", "Brazil", "Haiti", "Dominican Republic",
    }
)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default="../shared/dev/muc4-dev.json", type=Path)
    args = ap.parse_args()
    docs = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [parse_plain_text(d["doctext"], d["docid"]) for d in docs]
    pipe = default_pipeline()
    events = []
    for i in range(0, len(articles), 16):
        for ad in pipe.run_batch(articles[i : i + 16]):
            if not isinstance(ad, Exception):
                events.extend(e for e in ad.events if not e.is_background)
    placed = [e for e in events if e.country]
    latin = [e for e in placed if e.country in LATIN_AMERICA]
    n = max(len(events), 1)
    print(f"reports {len(articles)}; news events {len(events)}")
    print(f"placed in a country {len(placed) / n:.3f}; in Latin America {len(latin) / n:.3f}")
    print(f"placed at a town (geo_precision 1) {sum(1 for e in latin if e.geo_precision == 1) / n:.3f}")
    others = Counter(e.country for e in placed if e.country not in LATIN_AMERICA)
    print("placed elsewhere:", ", ".join(f"{c} {k}" for c, k in others.most_common(12)) or "none")


if __name__ == "__main__":
    main()
