"""Agreement between two labellers of the same real items (issue 12).

    python scripts/agreement.py data/training/real/dev.tsv data/training/real/double.tsv

prints raw agreement and Cohen's kappa on the sub-event type, on event vs none, and on the
ACLED event type, with the disagreements that occur more than once.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from dateline.events.lexicon import default_taxonomy
from dateline.events.real import read_labels


def kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(first: str, second: str) -> None:
    one = {lab.id: lab.label for lab in read_labels(Path(first))}
    two = {lab.id: lab.label for lab in read_labels(Path(second))}
    ids = [i for i in two if i in one]
    tax = default_taxonomy()

    def etype(label: str) -> str:
        return "none" if label == "none" else tax.event_type(label)

    views = {
        "sub-event type": lambda s: s,
        "event vs none": lambda s: "none" if s == "none" else "event",
        "event type": etype,
    }
    print(f"items labelled twice: {len(ids)}")
    for name, f in views.items():
        a, b = [f(one[i]) for i in ids], [f(two[i]) for i in ids]
        agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(ids)
        print(f"{name:<15} agreement {agree:.3f}   Cohen's kappa {kappa(a, b):.3f}")
    diffs = Counter((one[i], two[i]) for i in ids if one[i] != two[i])
    print("disagreements (first labeller -> second), most frequent first:")
    for (x, y), n in diffs.most_common():
        print(f"  {n:3d}  {x} -> {y}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
