"""Throughput benchmark: articles per second, peak memory, the ratio to spaCy alone, stage shares.

Usage: python bench/throughput.py [PATH ...] [--workers N] [--repeat N] [--no-cli] [--no-stages]

PATH defaults to examples/; for ~600-word news articles build a folder first with
``bench/make_articles.py /tmp/bench600`` and pass ``/tmp/bench600``. Each pass, on the same
texts and in the same run:

1. spaCy's own pipeline: ``nlp.pipe(texts, n_process=N)``, the model loaded beforehand;
2. the full coding: ``dateline.parallel.code_results(articles, workers=N)`` (the function
   ``dateline code --workers N`` uses), the pipeline loaded beforehand;
3. end to end: ``dateline code PATH --workers N`` as a subprocess, load and output included.

Peak memory is the largest sum over this process and its children, sampled as results arrive
(every 0.1 s for the subprocess): RSS (shared pages counted in every process) and PSS (shared
pages divided among the processes sharing them, what the processes really use together).
Then, unless ``--no-stages``, one pass in a single process times every stage as a share of
spaCy's own time. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import psutil

from dateline.ingest import read_inputs
from dateline.model import Article
from dateline.parallel import available_cores, code_results
from dateline.pipeline import ArticleDoc, Pipeline, batched, default_pipeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class MemoryPeak:
    """The peak total RSS and PSS (MB) of a process and its children, over the samples taken."""

    def __init__(self, pid: int | None = None) -> None:
        self.proc = psutil.Process(pid or os.getpid())
        self.rss = 0.0
        self.pss = 0.0

    def sample(self) -> None:
        rss = pss = 0
        try:
            procs = [self.proc, *self.proc.children(recursive=True)]
        except psutil.Error:
            return
        for p in procs:
            try:
                info = p.memory_full_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        self.rss = max(self.rss, rss / 2**20)
        self.pss = max(self.pss, pss / 2**20)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pools' workers, once joined)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def time_spacy(texts: list[str], workers: int) -> tuple[float, float, MemoryPeak]:
    nlp = default_pipeline().resources.nlp
    mem = MemoryPeak()
    cpu = cpu_seconds()
    t = time.perf_counter()
    for i, _ in enumerate(nlp.pipe(texts, n_process=workers, batch_size=4)):
        if i % 4 == 0:
            mem.sample()
    return time.perf_counter() - t, cpu_seconds() - cpu, mem


def time_coding(articles: list[Article], workers: int) -> tuple[float, float, int, int, MemoryPeak]:
    mem = MemoryPeak()
    events = errors = 0
    cpu = cpu_seconds()
    t = time.perf_counter()
    for i, r in enumerate(code_results(articles, workers=workers)):
        events += len(r.events)
        errors += r.error is not None
        if i % 4 == 0:
            mem.sample()
    return time.perf_counter() - t, cpu_seconds() - cpu, events, errors, mem


def time_dask(articles: list[Article], workers: int) -> tuple[float, int, int]:
    """Coding on a Dask LocalCluster of ``workers`` one-thread worker processes, pipelines loaded."""
    from distributed import Client, LocalCluster

    from dateline.parallel import load_pipeline

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        client.run(load_pipeline)
        events = errors = 0
        t = time.perf_counter()
        for r in code_results(articles, scheduler=client):
            events += len(r.events)
            errors += r.error is not None
        return time.perf_counter() - t, events, errors


def time_cli(paths: list[str], workers: int) -> tuple[float, MemoryPeak, int]:
    exe = shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "events.jsonl"
        cmd = [exe, "code", *paths, "--workers", str(workers), "--background", "-o", str(out)]
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        mem = MemoryPeak(proc.pid)
        while proc.poll() is None:
            mem.sample()
            time.sleep(0.1)
        elapsed = time.perf_counter() - t
        if proc.returncode != 0:
            err = proc.stderr.read().decode() if proc.stderr else ""
            print(f"  dateline code exited {proc.returncode}: {err[-500:]}")
        lines = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
    return elapsed, mem, lines


class Timed:
    """A stage wrapper adding its run time (batched or not) to ``totals``."""

    def __init__(self, stage: Any, totals: dict[str, float]) -> None:
        self.stage = stage
        self.name = stage.name
        self.totals = totals
        if hasattr(stage, "pipe"):
            self.pipe = self._pipe

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        t = time.process_time()
        out = self.stage(adoc)
        self.totals[self.name] += time.process_time() - t
        return out

    def _pipe(self, adocs: list[ArticleDoc]) -> list[ArticleDoc]:
        t = time.process_time()
        out = self.stage.pipe(adocs)
        self.totals[self.name] += time.process_time() - t
        return out


def stage_shares(articles: list[Article], texts: list[str]) -> None:
    """CPU time per stage in one process (CPU time: less disturbed by other work on the machine)."""
    base = default_pipeline()
    totals: dict[str, float] = defaultdict(float)
    timed = Pipeline([Timed(s, totals) for s in base.stages], base.resources)
    def spacy_pass() -> float:
        t = time.process_time()
        for chunk in batched(texts, 8):
            for _ in base.resources.nlp.pipe(chunk, batch_size=8):
                pass
        return time.process_time() - t

    before = spacy_pass()  # spaCy before and after the pipeline: no warm-up bias either way
    t = time.process_time()
    for chunk in batched(articles, 8):
        timed.run_batch(chunk)
    full = time.process_time() - t
    spacy_time = (before + spacy_pass()) / 2
    n = len(articles)
    print(f"one process, CPU time: full {1000 * full / n:.0f} ms/article, spaCy {1000 * spacy_time / n:.0f}"
          f" ms/article, ratio {full / spacy_time:.2f}")
    print("CPU time per stage, as a share of spaCy's own (one process):")
    for name, secs in totals.items():
        print(f"  {name:<10} {secs:7.2f} s  {100 * secs / spacy_time:6.1f}%")


def spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(EXAMPLES)])
    ap.add_argument("--workers", type=int, default=available_cores(), help="processes (default: all cores)")
    ap.add_argument("--repeat", type=int, default=3, help="passes (default 3); the spread is reported")
    ap.add_argument("--no-cli", action="store_true", help="skip the end-to-end `dateline code` run")
    ap.add_argument("--no-stages", action="store_true", help="skip the one-process time per stage")
    ap.add_argument("--dask", action="store_true", help="also time a Dask LocalCluster of --workers workers")
    args = ap.parse_args()

    articles = [r.article for r in read_inputs(args.paths) if r.article is not None]
    texts = [a.text for a in articles]
    n = len(articles)
    words = sum(len(t.split()) for t in texts)
    print(f"articles: {n}, {words / max(n, 1):.0f} words on average; {args.workers} worker(s),"
          f" {args.repeat} pass(es); {available_cores()} cores, load average {os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    default_pipeline()
    print(f"load (spaCy + gazetteer + actors + event model): {time.perf_counter() - t:.2f} s")

    rates: list[float] = []
    spacy_rates: list[float] = []
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    cpu_per_article: list[float] = []
    cli_rates: list[float] = []
    for i in range(args.repeat):
        s_time, s_cpu, s_mem = time_spacy(texts, args.workers)
        c_time, c_cpu, events, errors, c_mem = time_coding(articles, args.workers)
        rates.append(n / c_time)
        spacy_rates.append(n / s_time)
        ratios.append(c_time / s_time)
        cpu_ratios.append(c_cpu / s_cpu)
        cpu_per_article.append(1000 * c_cpu / n)
        print(f"pass {i + 1}: full coding {c_time:.2f} s = {n / c_time:.1f} articles/s"
              f" ({words / c_time:.0f} words/s), {events} events, {errors} errors;"
              f" spaCy alone {s_time:.2f} s = {n / s_time:.1f}/s; ratio {c_time / s_time:.2f};"
              f" CPU {1000 * c_cpu / n:.0f} ms/article (spaCy {1000 * s_cpu / n:.0f});"
              f" peak RSS {c_mem.rss:.0f} MB, PSS {c_mem.pss:.0f} MB (spaCy alone: RSS {s_mem.rss:.0f},"
              f" PSS {s_mem.pss:.0f}); load average {os.getloadavg()[0]:.2f}")
        if not args.no_cli:
            e_time, e_mem, lines = time_cli(args.paths, args.workers)
            cli_rates.append(n / e_time)
            print(f"        dateline code --workers {args.workers}: {e_time:.2f} s end to end (load included)"
                  f" = {n / e_time:.1f} articles/s, {lines} events written;"
                  f" peak RSS {e_mem.rss:.0f} MB, PSS {e_mem.pss:.0f} MB")
    print(f"full coding, articles/s: {spread(rates)}")
    print(f"spaCy alone, articles/s: {spread(spacy_rates)}")
    print(f"ratio full / spaCy: {spread(ratios)}")
    print(f"CPU time, all processes: {spread(cpu_per_article)} ms/article;"
          f" ratio to spaCy's {spread(cpu_ratios)}")
    if cli_rates:
        print(f"dateline code end to end, articles/s: {spread(cli_rates)}")
    if args.dask:
        for i in range(args.repeat):
            d_time, events, errors = time_dask(articles, args.workers)
            print(f"Dask LocalCluster ({args.workers} workers), pass {i + 1}: {d_time:.2f} s ="
                  f" {n / d_time:.1f} articles/s, {events} events, {errors} errors")
    if not args.no_stages:
        stage_shares(articles, texts)


if __name__ == "__main__":
    main()
