"""Write real whole articles (VOA, MUC-4) from the training folder as JSON Lines for
``dateline code`` / ``dateline eval records``; the text stays outside the repository.

    python scripts/real_articles.py ../shared/train OUT.jsonl [--ids FILE] [--source voa|muc]
                                     [--years 2013,2017] [--min-sentences 5]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.events.real import ARTICLE_READERS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--ids", type=Path, help="a file whose first column (or doc_id field) names the articles")
    ap.add_argument("--source", choices=sorted(ARTICLE_READERS), action="append")
    ap.add_argument("--years", help="comma-separated publication years")
    ap.add_argument("--min-lines", type=int, default=1, help="skip articles with fewer lines")
    args = ap.parse_args()
    wanted: set[str] | None = None
    if args.ids:
        wanted = set()
        for line in args.ids.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                wanted.add(json.loads(line)["doc_id"])
            elif line.strip():
                wanted.add(line.split("\t")[0].strip())
    years = set(args.years.split(",")) if args.years else None
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for source in args.source or sorted(ARTICLE_READERS):
            for a in ARTICLE_READERS[source](args.folder):
                if wanted is not None and a.id not in wanted:
                    continue
                if years and (a.published or "")[:4] not in years:
                    continue
                if len([x for x in a.text.splitlines() if x.strip()]) < args.min_lines:
                    continue
                out.write(json.dumps(a.to_json(), ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} articles -> {args.out}")


if __name__ == "__main__":
    main()
