"""Write a fixed random sample of IndiaPoliceEvents articles (Times of India, 2002; lower-cased)
as JSON Lines for ``dateline code`` / ``dateline eval records``: ``id``, ``published``, ``text``.
The text stays outside the repository (a measuring set); ``data/evaluation/india-records-gold.jsonl``
codes the sample drawn with the defaults.

    .venv/bin/python scripts/india_articles.py OUT.jsonl [FOLDER] [--with-police N] [--without N] [--seed S]

Half-open sample: ``--with-police`` articles with at least one sentence labelled for a police
action and ``--without`` articles with none, each drawn with ``random.Random(seed)`` from the
articles sorted by id.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("folder", nargs="?", default="../shared/dev/india-police-events", type=Path)
    ap.add_argument("--with-police", type=int, default=28)
    ap.add_argument("--without", type=int, default=12)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    dates = {r["doc_id"]: r["date"] for r in read_jsonl(args.folder / "metadata.jsonl.gz")}
    police: set[int] = set()
    for s in read_jsonl(args.folder / "sents.jsonl.gz"):
        if s.get("sent_labels"):
            police.add(s["doc_id"])
    docs = sorted(read_jsonl(args.folder / "docs.jsonl.gz"), key=lambda d: d["doc_id"])
    rng = random.Random(args.seed)
    with_p = [d for d in docs if d["doc_id"] in police]
    without = [d for d in docs if d["doc_id"] not in police]
    chosen = rng.sample(with_p, args.with_police) + rng.sample(without, args.without)
    chosen.sort(key=lambda d: d["doc_id"])
    with args.out.open("w", encoding="utf-8") as out:
        for d in chosen:
            row = {"id": f"toi-{d['doc_id']}", "published": dates.get(d["doc_id"]), "text": d["doc_text"]}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles -> {args.out}")


if __name__ == "__main__":
    main()
