"""Measure dateline's event detection on IndiaPoliceEvents (Halterman et al. 2021): 1,257 Times of
India articles of 2002 on the Gujarat violence whose sentences are labelled for police actions
(KILL, ARREST, FAIL, FORCE, ANY_ACTION). Every article is coded by the default pipeline; each
labelled sentence is then read as the pipeline reads it: the kept mentions (not excluded, not weak)
whose trigger lies in the sentence, and their ACLED sub-event types. Printed per label: how many
sentences, the share with any kept mention, and for KILL / ARREST / FORCE the share with a type that
fits the label; then the same for mentions coded as news (not background); and how many news events are
placed, and in India (the text is lower-cased, which the place stage must read). Measuring only: nothing
is trained or tuned on this set and none of its text belongs in the repository.

    .venv/bin/python scripts/eval_india_police.py [FOLDER] [--missed OUT.jsonl]

FOLDER defaults to ../shared/dev/india-police-events (run from the repository root). ``--missed``
writes the KILL sentences without a fitting kept mention, with every mention the pipeline found in
them, to a file outside the repository for reading.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.events.lexicon import Taxonomy
from dateline.ingest.text import parse_plain_text
from dateline.model import Article, Mention
from dateline.pipeline import ArticleDoc, default_pipeline

LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
NONE = "(no label)"
CHUNK = 16
VIOLENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def fitting_types() -> dict[str, set[str]]:
    """For each label, the sub-event types that fit it."""
    tax = Taxonomy.load()
    violent = {s for s, t in tax.sub_to_type.items() if t in VIOLENT_TYPES}
    violent.add("Excessive force against protesters")
    protests = {s for s, t in tax.sub_to_type.items() if t == "Protests"}
    return {
        "KILL": violent,
        "ARREST": {"Arrests", "Protest with intervention"},
        "FORCE": violent | protests,
    }


@dataclass
class Tally:
    n: int = 0
    any_kept: int = 0
    fitting: int = 0
    news_any: int = 0
    news_fitting: int = 0
    types: dict[str, int] = field(default_factory=dict)


def sentence_spans(text: str, sents: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, int] | None]:
    """Each sentence's ``(sentence, start, end)`` in ``text``, found in order; None when not found."""
    out: list[tuple[dict[str, Any], int, int] | None] = []
    cursor = 0
    for s in sents:
        needle = s["sent_text"].strip()
        at = text.find(needle, cursor) if needle else -1
        if at < 0:
            out.append(None)
            continue
        out.append((s, at, at + len(needle)))
        cursor = at + len(needle)
    return out


def share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def print_table(title: str, tallies: dict[str, Tally], news: bool) -> None:
    print(f"\n{title}")
    print(f"{'label':<12} {'sentences':>9} {'any kept':>9} {'fitting type':>13}")
    for label in (*LABELS, NONE):
        t = tallies[label]
        anyk, fit = (t.news_any, t.news_fitting) if news else (t.any_kept, t.fitting)
        fit_s = share(fit, t.n) if label in ("KILL", "ARREST", "FORCE") else "     -"
        print(f"{label:<12} {t.n:>9} {share(anyk, t.n):>9} {fit_s:>13}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default="../shared/dev/india-police-events", type=Path)
    ap.add_argument("--missed", type=Path, help="write missed KILL sentences here (outside the repository)")
    args = ap.parse_args()
    folder: Path = args.folder

    dates = {r["doc_id"]: date.fromisoformat(r["date"]) for r in read_jsonl(folder / "metadata.jsonl.gz")}
    sents: dict[int, list[dict[str, Any]]] = {}
    for s in read_jsonl(folder / "sents.jsonl.gz"):
        sents.setdefault(s["doc_id"], []).append(s)
    for group in sents.values():
        group.sort(key=lambda s: s["sent_id"])
    articles: list[Article] = [
        parse_plain_text(d["doc_text"], str(d["doc_id"]), dates.get(d["doc_id"]))
        for d in read_jsonl(folder / "docs.jsonl.gz")
    ]

    started = time.monotonic()
    pipe = default_pipeline()
    loaded = time.monotonic()
    results: list[ArticleDoc | Exception] = []
    for i in range(0, len(articles), CHUNK):
        results.extend(pipe.run_batch(articles[i : i + CHUNK]))
        done = len(results)
        rate = done / (time.monotonic() - loaded)
        print(f"\r{done}/{len(articles)} articles, {rate:.2f}/s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    run_s = time.monotonic() - loaded

    fits = fitting_types()
    tallies = {label: Tally() for label in (*LABELS, NONE)}
    not_found = failed_sents = errors = 0
    missed: list[dict[str, Any]] = []
    for article, result in zip(articles, results, strict=True):
        doc_sents = sents.get(int(article.id), [])
        if isinstance(result, Exception):
            errors += 1
            failed_sents += len(doc_sents)
            continue
        kept: list[Mention] = [m for m in result.mentions if m.excluded is None and not m.weak]
        for found in sentence_spans(article.text, doc_sents):
            if found is None:
                not_found += 1
                continue
            sent, start, end = found
            inside = [m for m in kept if start <= m.trigger.start and m.trigger.end <= end]
            news = [m for m in inside if not m.is_background]
            types = {m.sub_event_type for m in inside if m.sub_event_type}
            news_types = {m.sub_event_type for m in news if m.sub_event_type}
            for label in sent["sent_labels"] or [NONE]:
                t = tallies[label]
                t.n += 1
                t.any_kept += bool(inside)
                t.news_any += bool(news)
                fit = fits.get(label, set())
                t.fitting += bool(types & fit)
                t.news_fitting += bool(news_types & fit)
                for ty in types:
                    t.types[ty] = t.types.get(ty, 0) + 1
            if "KILL" in sent["sent_labels"] and not types & fits["KILL"]:
                every = [m for m in result.mentions if start <= m.trigger.start and m.trigger.end <= end]
                missed.append(
                    {
                        "doc_id": article.id,
                        "sent_id": sent["sent_id"],
                        "text": article.text[start:end],
                        "mentions": [
                            [m.trigger.text, m.sub_event_type, m.excluded, m.weak, m.is_background]
                            for m in every
                        ],
                    }
                )

    events = [e for r in results if not isinstance(r, Exception) for e in r.events if not e.is_background]
    placed = [e for e in events if e.country]
    india = [e for e in placed if e.country == "India"]
    print(f"articles: {len(articles)}; pipeline exceptions: {errors} ({failed_sents} sentences left out)")
    n = len(events)
    towns = sum(1 for e in india if e.geo_precision == 1)
    print(
        f"news events: {n}; with a country {share(len(placed), n).strip()}, in India "
        f"{share(len(india), n).strip()} (at town level {share(towns, n).strip()}), placed elsewhere "
        f"{share(len(placed) - len(india), n).strip()} (Times of India reports, nearly all on India)"
    )
    rate = len(articles) / run_s
    print(f"pipeline load {loaded - started:.1f} s; run {run_s:.1f} s; {rate:.2f} articles/s")
    print(f"sentences not found in their document: {not_found}")
    print("fitting type: KILL a Battles / Violence against civilians / Explosions/Remote violence / Riots")
    print("type or Excessive force; ARREST Arrests or Protest with intervention; FORCE any of those or")
    print("a Protests type. A sentence counts under each of its labels.")
    print_table("All kept mentions (excluded is None, not weak):", tallies, news=False)
    print_table("Kept mentions coded as news (not is_background):", tallies, news=True)
    none = tallies[NONE]
    print(
        f"\nUnlabelled sentences with a kept mention: {share(none.any_kept, none.n).strip()} "
        f"(news only: {share(none.news_any, none.n).strip()}). Not a false-positive rate: the labels are"
    )
    print("about police actions only, and unlabelled sentences include riots, killings and arrests not")
    print("done by police, which the pipeline should find.")
    print("\nSub-event types of kept mentions per label (sentences):")
    for label in (*LABELS, NONE):
        top = sorted(tallies[label].types.items(), key=lambda kv: -kv[1])[:6]
        print(f"  {label:<12} " + ", ".join(f"{k} {v}" for k, v in top))
    if args.missed:
        with open(args.missed, "w", encoding="utf-8") as out:
            for row in missed:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"\n{len(missed)} missed KILL sentences written to {args.missed}")


if __name__ == "__main__":
    main()
