"""Write a fixed random sample of MUC-4 dev reports (1989-91 wire and radio reports on political
violence in Latin America; lower-cased, no publication date) as JSON Lines for ``dateline code``
/ ``dateline eval records``: ``id``, ``published`` (none: the reports carry no date), ``text``.
The text stays outside the repository (a measuring set); ``data/evaluation/muc-records-gold.jsonl``
codes the sample drawn with the defaults.

    .venv/bin/python scripts/muc_articles.py OUT.jsonl [PATH] [--with-templates N] [--without N] [--seed S]

Half-open sample: ``--with-templates`` reports with at least one MUC-4 incident template and
``--without`` reports with none, each drawn with ``random.Random(seed)`` from the reports sorted
by id.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("path", nargs="?", default="../shared/dev/muc4-dev.json", type=Path)
    ap.add_argument("--with-templates", type=int, default=28)
    ap.add_argument("--without", type=int, default=12)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    lines = args.path.read_text(encoding="utf-8").splitlines()
    docs = sorted((json.loads(line) for line in lines if line.strip()), key=lambda d: d["docid"])
    rng = random.Random(args.seed)
    with_t = [d for d in docs if d.get("templates")]
    without = [d for d in docs if not d.get("templates")]
    chosen = rng.sample(with_t, args.with_templates) + rng.sample(without, args.without)
    chosen.sort(key=lambda d: d["docid"])
    with args.out.open("w", encoding="utf-8") as out:
        for d in chosen:
            row = {"id": d["docid"], "published": None, "text": d["doctext"]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} reports -> {args.out}")


if __name__ == "__main__":
    main()
