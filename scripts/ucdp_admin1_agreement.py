"""How often our admin1 for a town agrees with UCDP GED's ``adm_1`` for the events placed there:
a check of the gazetteer's admin1 names on a source not used to choose them.

    .venv/bin/python scripts/ucdp_admin1_agreement.py ../shared/train/ucdp-ged-23.1-sample1000.jsonl

Events placed to a town or a spot near one (``where_prec`` ≤ 3) whose ``where_coordinates`` name
the gazetteer finds within 25 km of the event's point; agreement is the record evaluation's
(``norm``, one name inside the other), UCDP's unit words dropped ("Idlib governorate" → Idlib).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from dateline.evaluate.records import norm
from dateline.geo.distance import haversine_km
from dateline.geo.gazetteer import Gazetteer

_UNIT_RE = re.compile(
    r"\s+(governorate|province|region|state|district|oblast|prefecture|department|county|division|"
    r"emirate|municipality|autonomous republic|territory|city)$",
    re.IGNORECASE,
)
_KIND_RE = re.compile(r"\s+(village|town|city|district|area|province|governorate)$", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ged", type=Path, help="UCDP GED events, one JSON object per line")
    ap.add_argument("--misses", type=int, default=20, help="list the N most common disagreements")
    args = ap.parse_args()
    gaz = Gazetteer.load()
    agree, disagree = 0, Counter[tuple[str, str]]()
    for line in args.ged.read_text(encoding="utf-8").splitlines():
        ev = json.loads(line)
        adm1 = (ev.get("adm_1") or "").strip()
        if not adm1 or (ev.get("where_prec") or 9) > 3:
            continue
        name = _KIND_RE.sub("", ev.get("where_coordinates") or "").strip()
        near = [
            p
            for p in gaz.lookup(name)
            if p.admin1 and p.latitude is not None and p.longitude is not None
            and haversine_km(p.latitude, p.longitude, ev["latitude"], ev["longitude"]) < 25
        ]
        if not near:
            continue
        ours, theirs = norm(near[0].admin1), norm(_UNIT_RE.sub("", adm1))
        if ours == theirs or ours in theirs or theirs in ours:
            agree += 1
        else:
            disagree[(near[0].admin1 or "", adm1)] += 1
    n = agree + sum(disagree.values())
    print(f"admin1 agreement with UCDP adm_1: {agree / max(n, 1):.3f} ({agree}/{n} events placed to a town)")
    for (ours, theirs), k in disagree.most_common(args.misses):
        print(f"  {k:3d}  ours {ours!r}  UCDP {theirs!r}")


if __name__ == "__main__":
    main()
