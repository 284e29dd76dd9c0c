"""Geocoding speed: gazetteer load time, and the place stage's share of pipeline time.

Usage: python bench/geo_speed.py [PATH ...] [--repeat N]
PATH defaults to examples/. Every article is coded N times (default 1) stage by stage; the
place stage's time is reported against the whole pipeline and against the pipeline without
it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from dateline.geo.gazetteer import Gazetteer
from dateline.ingest import read_inputs
from dateline.pipeline import ArticleDoc, Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parent.parent / "examples")])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    Gazetteer.load()  # make sure the cache exists
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        Gazetteer.load()
        loads.append(time.perf_counter() - t)
    print(f"gazetteer load from cache: {min(loads):.2f} s (best of 3)")

    pipeline = Pipeline.from_config()
    articles = [r.article for r in read_inputs(args.paths) if r.article is not None]
    for a in articles[:2]:
        pipeline(a)
    per_stage: dict[str, float] = defaultdict(float)
    for _ in range(args.repeat):
        for a in articles:
            adoc = ArticleDoc(article=a)
            for stage in pipeline.stages:
                t = time.perf_counter()
                adoc = stage(adoc)
                per_stage[stage.name] += time.perf_counter() - t
    total = sum(per_stage.values())
    place = per_stage.get("place", 0.0)
    n = len(articles) * args.repeat
    print(f"articles: {len(articles)} x {args.repeat}")
    print(f"pipeline: {total / n * 1000:.1f} ms/article; place stage {place / n * 1000:.1f} ms/article")
    share, added = place / total, place / (total - place)
    print(f"place stage: {share:.1%} of pipeline time, adds {added:.1%} to the rest")


if __name__ == "__main__":
    main()
