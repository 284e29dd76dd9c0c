"""How fast the store writes and merges, without NLP: synthetic report-events into a growing store.

Each article is one report-event (a clash, attack or protest in one of a few countries' towns, on a
day within a year), about half of them second reports of an earlier event. Prints articles/s for
each slice of the run, so the cost of merging against a bigger store shows.

Usage: python bench/store_writes.py [--db URL] [--articles N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from dateline.model import Article, Event
from dateline.store import Store

TOWNS = [  # (iso, iso2, country, admin1, town, lat, lon)
    (566, "NG", "Nigeria", "Zamfara", "Gusau", 12.17, 6.66),
    (566, "NG", "Nigeria", "Borno", "Maiduguri", 11.85, 13.16),
    (566, "NG", "Nigeria", "Kaduna", "Kaduna", 10.52, 7.44),
    (706, "SO", "Somalia", "Banaadir", "Mogadishu", 2.04, 45.34),
    (706, "SO", "Somalia", "Lower Juba", "Kismayo", -0.36, 42.55),
    (466, "ML", "Mali", "Mopti", "Mopti", 14.49, -4.20),
    (804, "UA", "Ukraine", "Kharkiv", "Kharkiv", 49.99, 36.23),
    (804, "UA", "Ukraine", "Donetsk", "Pokrovsk", 48.28, 37.18),
]
TYPES = [
    ("Battles", "Armed clash", "Al Shabaab"),
    ("Violence against civilians", "Attack", "Unidentified Armed Group"),
    ("Protests", "Peaceful protest", "Protesters"),
]


def synthetic(i: int, rng: random.Random, earlier: list[Event]) -> Event:
    if earlier and rng.random() < 0.5:  # another outlet's report of an earlier event
        e = rng.choice(earlier[-200:])
        return Event.from_dict({**e.to_dict(), "article_id": f"a{i}", "fatalities": e.fatalities + 1})
    iso, iso2, country, admin1, town, lat, lon = rng.choice(TOWNS)
    etype, sub, actor = rng.choice(TYPES)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    return Event(
        article_id=f"a{i}",
        event_date=day.isoformat(),
        time_precision=1,
        event_type=etype,
        sub_event_type=sub,
        actor1=f"{actor} ({country})",
        iso=iso,
        iso2=iso2,
        country=country,
        admin1=admin1,
        location=town,
        latitude=lat + rng.uniform(-0.05, 0.05),
        longitude=lon + rng.uniform(-0.05, 0.05),
        geo_precision=1,
        fatalities=rng.randrange(0, 12),
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="store URL (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--articles", type=int, default=4000)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        with Store.open(url) as store:
            earlier: list[Event] = []
            step = max(args.articles // 4, 1)
            t0 = time.perf_counter()
            for i in range(args.articles):
                ev = synthetic(i, rng, earlier)
                earlier.append(ev)
                store.write_article(Article(id=f"a{i}", text=""), f"h{i}", [ev])
                if (i + 1) % step == 0:
                    t1 = time.perf_counter()
                    print(f"articles {i + 2 - step:>6}-{i + 1:<6} {step / (t1 - t0):7.1f} articles/s")
                    t0 = t1
            c = store.counts()
            print(f"{c.events} report-events in {c.clusters} merged events ({store.url})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
