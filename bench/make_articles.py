"""Build a folder of ~600-word news articles for the throughput benchmark, outside the project.

Usage: python bench/make_articles.py OUT_DIR [--source XML] [--words 600]

Reads the TR-News or GeoVirus XML of the dev sets (``../shared/dev``; measuring only: the text
must never be committed) and writes ``OUT_DIR/articles.jsonl`` with ``id``, ``text`` and
``published``. Every source article starts one benchmark article; articles shorter than the
target are continued with whole paragraphs of the next articles in the file (news of the same
kind), and a longer one is cut at the first paragraph end past the target, so the articles are
of ordinary length and made only of real news paragraphs.
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "dev" / "TR-News.xml"


def read_source(path: Path) -> list[tuple[list[str], str | None]]:
    """(paragraphs, publication date or None) of every article in a TR-News/GeoVirus XML file."""
    root = ET.parse(path).getroot()
    out: list[tuple[list[str], str | None]] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        paras = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
        if paras:
            dltime = (art.findtext("dltime") or "").strip()
            published = dltime if re.fullmatch(r"\d{4}-\d{2}-\d{2}", dltime) else None
            out.append((paras, published))
    return out


def build(source: list[tuple[list[str], str | None]], words: int) -> list[dict[str, str]]:
    """One article of about ``words`` words per source article (see the module docstring)."""
    rows: list[dict[str, str]] = []
    for i, (_, published) in enumerate(source):
        taken: list[str] = []
        n = 0
        j = i
        while n < words:
            for p in source[j % len(source)][0]:
                if n >= words:
                    break
                taken.append(p)
                n += len(p.split())
            j += 1
        row = {"id": f"bench-{i:04d}", "text": "\n\n".join(taken)}
        if published:
            row["published"] = published
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write articles.jsonl into (outside the project)")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="TR-News or GeoVirus XML")
    ap.add_argument("--words", type=int, default=600, help="target words per article")
    args = ap.parse_args()
    rows = build(read_source(args.source), args.words)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    avg = sum(len(r["text"].split()) for r in rows) / max(len(rows), 1)
    print(f"{len(rows)} articles, {avg:.0f} words on average, written to {args.out / 'articles.jsonl'}")


if __name__ == "__main__":
    main()
