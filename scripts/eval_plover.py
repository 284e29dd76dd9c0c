"""Event detection on the PLOVER gold-standard examples (../shared/dev/PLOVER_GSR_CAMEO.txt).

PLOVER codes are not ACLED types, so this measures detection and coarse typing only:
- events ACLED would code: FIGHT, ASSAULT, PROTEST, and COERCE when it is detention or
  destruction; each should give an event, of a compatible ACLED event type;
- statements and diplomacy (AGREE, DEMAND, REJECT, DISAPPROVE, SANCTION, SUPPORT, CONCEDE,
  THREATEN, AID, INVESTIGATE, CONSULT, COOPERATE) should give none.
Usage: python scripts/eval_plover.py [PATH]. For measuring only; never used for training.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from dateline.ingest.text import parse_plain_text
from dateline.pipeline import default_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "PLOVER_GSR_CAMEO.txt"
COMPATIBLE = {
    "FIGHT": {"Battles", "Explosions/Remote violence"},
    "ASSAULT": {"Violence against civilians", "Explosions/Remote violence", "Battles"},
    "PROTEST": {"Protests", "Riots"},
    "COERCE": {"Strategic developments", "Violence against civilians"},
}
VERBAL = {
    "AGREE",
    "DEMAND",
    "REJECT",
    "DISAPPROVE",
    "SANCTION",
    "SUPPORT",
    "CONCEDE",
    "THREATEN",
    "AID",
    "INVESTIGATE",
    "CONSULT",
    "COOPERATE",
}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    pipeline = default_pipeline()
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    typed = 0
    for r in records:
        event, mode = r.get("event"), (r.get("mode") or "")
        if event == "COERCE" and mode not in ("detain", "destroy"):
            continue
        kind = "event" if event in COMPATIBLE else "verbal" if event in VERBAL else None
        if kind is None:
            continue
        events = [e for e in pipeline(parse_plain_text(r["text"], r["id"])) if not e.is_background]
        total[kind] += 1
        if events:
            found[kind] += 1
            if kind == "event" and events[0].event_type in COMPATIBLE[event]:
                typed += 1
    print(
        f"PLOVER examples: {sum(total.values())} ({total['event']} events ACLED would code, "
        f"{total['verbal']} statements/diplomacy)"
    )
    print(
        f"events detected: {found['event']}/{total['event']} = {found['event'] / max(total['event'], 1):.3f}"
    )
    print(
        f"  of which of a compatible ACLED event type: {typed}/{total['event']} = "
        f"{typed / max(total['event'], 1):.3f}"
    )
    quiet, verbal = total["verbal"] - found["verbal"], max(total["verbal"], 1)
    print(f"statements/diplomacy with no event: {quiet}/{total['verbal']} = {quiet / verbal:.3f}")


if __name__ == "__main__":
    main()
