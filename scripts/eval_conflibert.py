"""Detection check on the ConfliBERT CAMEO sentences (../shared/dev/conflibert-cameo-test.tsv).

Five classes whose meanings the source does not document; read from their sentences they are
CAMEO's quad classes with a neutral one: 0 neutral statements, 1 verbal cooperation (agreeing,
praising), 2 material cooperation (aid, exchanges, exercises), 3 verbal conflict (investigating,
accusing, demanding), 4 material conflict (demonstrations, fighting, assaults, coercion).
Classes 0-3 should give no event (hard negatives: diplomacy, statements); class 4 mostly should.
Prints, per class, how many sentences give an event and of which event types. For measuring
only; never used for training.

    python scripts/eval_conflibert.py [PATH]
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from dateline.ingest.text import parse_plain_text
from dateline.pipeline import default_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "conflibert-cameo-test.tsv"
NAMES = {"0": "neutral", "1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
         "4": "material conflict"}


def main(path: Path) -> None:
    pipe = default_pipeline()
    by_class: dict[str, Counter[str]] = defaultdict(Counter)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rpartition("\t")
        events = [e for e in pipe(parse_plain_text(text, f"c{n}")) if not e.is_background]
        by_class[label.strip()][events[0].event_type if events else "no event"] += 1
    for label in sorted(by_class):
        counts = by_class[label]
        total = sum(counts.values())
        rate = 1 - counts["no event"] / total
        kinds = ", ".join(f"{k} {v}" for k, v in counts.most_common() if k != "no event")
        print(f"class {label} ({NAMES.get(label, '?')}): {total} sentences, event in {rate:.3f}   {kinds}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
