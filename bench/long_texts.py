"""Time and memory of coding one long report, per length (a script, not a test: it prints figures).

Usage: .venv/bin/python bench/long_texts.py [--sizes 10000,30000,100000,300000] [--timeout 1800]

Builds one report per size from the project's own examples (examples/*.txt): a date line, a
dateline, then the examples' body paragraphs over and over, each round with its numbers, weekdays
and opening words changed so that no two paragraphs are the same. Each size is coded in a fresh
process (the default pipeline, in that process, with no time budget) and the script prints the
coding time, the process's peak RSS after loading the pipeline and after coding, and the events.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

_OPENERS = ("", "Separately, ", "Meanwhile, ", "Earlier, ", "Later, ", "In another development, ")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_COMMON_WORDS = frozenset(
    [
        "A",
        "An",
        "The",
        "There",
        "Three",
        "Two",
        "One",
        "Both",
        "Several",
        "Hundreds",
        "It",
        "He",
        "She",
        "They",
        "In",
        "On",
        "At",
        "After",
        "According",
        "Before",
    ]
)
_NUMBER = re.compile(r"\b\d{1,3}\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_CREDIT = re.compile(r"\s*[–—-]\s*[A-Z][A-Za-z]+\s*$")


def _paragraphs() -> list[str]:
    """The examples' body paragraphs, without date line, dateline or trailing credit."""
    out: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        paras = [p for p in paras if not p.startswith("date ")]
        if paras:
            paras[0] = paras[0].split(": ", 1)[-1]  # the dateline ("ATME, Syria: ")
            paras[-1] = _CREDIT.sub("", paras[-1])
        out.extend(p for p in paras if len(p) > 40)
    return out


def _vary(paragraph: str, round_no: int, index: int) -> str:
    shifted = _NUMBER.sub(lambda m: str(int(m.group()) + round_no), paragraph)
    weekday = _WEEKDAY.sub(lambda m: _WEEKDAYS[(_WEEKDAYS.index(m.group()) + round_no) % 7], shifted)
    opener = _OPENERS[(round_no + index) % len(_OPENERS)]
    if not opener or weekday.startswith(('"', "“")):
        return weekday
    first = weekday.split(" ", 1)[0]
    return opener + (weekday[0].lower() + weekday[1:] if first in _COMMON_WORDS else weekday)


def build_report(size: int) -> str:
    """A report of about ``size`` characters (at least ``size``) built from the examples."""
    pool = _paragraphs()
    parts = ["date 2025-09-04", "MAIDUGURI, Nigeria: " + pool[0]]
    length = sum(len(p) + 2 for p in parts)
    seen = set(parts)
    round_no = 0
    while length < size:
        round_no += 1
        for i, para in enumerate(pool):
            varied = _vary(para, round_no, i)
            if varied in seen:  # a paragraph with nothing to vary: say which round it is
                varied = f"{varied} The report was updated for the {round_no}th time."
            seen.add(varied)
            parts.append(varied)
            length += len(varied) + 2
            if length >= size:
                break
    return "\n\n".join(parts) + "\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(size: int) -> None:
    """Code one report of ``size`` characters in this process; print one JSON line of figures."""
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.ingest.text import parse_plain_text  # noqa: PLC0415
    from dateline.pipeline import default_pipeline  # noqa: PLC0415

    text = build_report(size)
    article = parse_plain_text(text, f"long-{size}")
    pipeline = default_pipeline()
    pipeline.run(parse_plain_text("date 2025-09-04\n\nKANO: Gunmen killed two people on Monday.\n", "warm"))
    loaded = _peak_mb()
    start = time.perf_counter()
    cpu = time.process_time()
    adoc = pipeline.run(article)
    seconds = time.perf_counter() - start
    figures = {
        "chars": len(text),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "rss_loaded_mb": round(loaded),
        "rss_peak_mb": round(_peak_mb()),
        "events": len(adoc.events),
        "sentences": len(adoc.sentences),
    }
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,30000,100000,300000", help="comma-separated lengths")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per size")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    env = {**os.environ, "DATELINE_ARTICLE_SECONDS": "0"}  # no time budget: measure the whole run
    print(
        f"{'chars':>9} {'seconds':>8} {'cpu s':>7} {'s/10k':>6} {'RSS load':>9} {'RSS peak':>9} "
        f"{'+MB':>6} {'sents':>6} {'events':>6}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        try:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(size)],
                capture_output=True,
                text=True,
                timeout=args.timeout,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            print(f"{size:>9} more than {args.timeout:.0f} s")
            continue
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            print(f"{size:>9} failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        f = json.loads(lines[-1])
        print(
            f"{f['chars']:>9,} {f['seconds']:>8.2f} {f['cpu_seconds']:>7.2f} "
            f"{f['seconds'] / f['chars'] * 10_000:>6.2f} {f['rss_loaded_mb']:>9,} {f['rss_peak_mb']:>9,} "
            f"{f['rss_peak_mb'] - f['rss_loaded_mb']:>6,} {f['sentences']:>6} {f['events']:>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
