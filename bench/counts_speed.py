"""Time the text-only count finder (a script, not a test: the suite holds no timing assertions).

Usage: .venv/bin/python bench/counts_speed.py [--repeat 20]

Codes the count sentences of tests/test_counts.py and tests/test_counts_conventions.py and prints
the time per sentence.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from dateline.counts import find_counts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import test_counts  # noqa: PLC0415
    import test_counts_conventions  # noqa: PLC0415

    sentences = [row[0] for row in test_counts.COUNTS + test_counts_conventions.COUNT_EXPRESSIONS]
    start = time.perf_counter()
    for _ in range(args.repeat):
        for s in sentences:
            find_counts(s)
    n = len(sentences) * args.repeat
    per = (time.perf_counter() - start) / n
    print(f"{n} sentences, {per * 1000:.3f} ms per sentence")


if __name__ == "__main__":
    main()
