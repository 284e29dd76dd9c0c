"""Throughput benchmark: articles per second, time per stage, and the ratio to spaCy alone.

Usage: python bench/throughput.py [PATH ...] [--repeat N]
PATH defaults to examples/. Each article is coded N times (default 3); spaCy's own pipeline
runs over the same texts in the same process for the ratio. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import defaultdict
from pathlib import Path

from dateline.ingest import read_inputs
from dateline.pipeline import ArticleDoc, Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parent.parent / "examples")])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t0 = time.perf_counter()
    pipeline = Pipeline.from_config()
    load = time.perf_counter() - t0
    articles = [r.article for r in read_inputs(args.paths) if r.article is not None]
    words = sum(len(a.text.split()) for a in articles)
    nlp = pipeline.resources.nlp

    for a in articles[:2]:  # warm up caches
        pipeline(a)

    spacy_time = 0.0
    for _ in range(args.repeat):
        t = time.perf_counter()
        for a in articles:
            nlp(a.text)
        spacy_time += time.perf_counter() - t

    per_stage: dict[str, float] = defaultdict(float)
    events = 0
    total = 0.0
    for _ in range(args.repeat):
        for a in articles:
            adoc = ArticleDoc(article=a)
            t_article = time.perf_counter()
            for stage in pipeline.stages:
                t = time.perf_counter()
                adoc = stage(adoc)
                per_stage[stage.name] += time.perf_counter() - t
            total += time.perf_counter() - t_article
            events += len(adoc.events)

    n = len(articles) * args.repeat
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    avg_words = words / max(len(articles), 1)
    print(f"articles: {len(articles)} x {args.repeat} runs, {avg_words:.0f} words on average")
    print(f"load (spaCy + gazetteer + actors): {load:.2f} s")
    print(f"full coding: {total:.2f} s = {n / total:.1f} articles/s, {events // args.repeat} events per pass")
    print(f"spaCy alone: {spacy_time:.2f} s = {n / spacy_time:.1f} articles/s")
    print(f"ratio full / spaCy: {total / spacy_time:.2f}")
    print(f"peak memory: {peak_mb:.0f} MB")
    print("time per stage (share of spaCy time):")
    for name, secs in per_stage.items():
        print(f"  {name:<10} {secs:7.3f} s  {100 * secs / spacy_time:6.1f}%")


if __name__ == "__main__":
    main()
