"""How long the review desk takes to list the queue and show an event, by store size.

    .venv/bin/python bench/desk_queue.py [--sizes 2000,10000,40000]

Builds a SQLite store per size in a temporary folder with merged events written straight into
its tables (copies of a coded example event with varied dates, confidences and tolls), then
times the queue page, an event page and ``ReviewDesk.queue`` through Starlette's test client.
Prints figures only.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher
from starlette.testclient import TestClient

from dateline.desk.app import create_app
from dateline.model import Event
from dateline.store.db import Store
from dateline.store.review import QueueFilter, ReviewDesk
from dateline.store.schema import clusters


def _event(i: int, rng: random.Random) -> Event:
    day = date(2024, 1, 1) + timedelta(days=i % 365)
    return Event(
        article_id=f"a{i}",
        event_date=day.isoformat(),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Al Shabaab",
        inter1=2,
        actor2="Military Forces of Somalia (2022-)",
        inter2=1,
        interaction=12,
        iso=706,
        iso2="SO",
        country="Somalia",
        admin1="Middle Shabele",
        location=f"Place {i}",
        latitude=2.0 + rng.random(),
        longitude=45.0 + rng.random(),
        geo_precision=1,
        fatalities=rng.choice([0, 0, 1, 2, 5, 12]),
        source="Reuters",
        notes="On " + day.isoformat() + ", fighters clashed with troops. " * 4,
        confidence=round(rng.random(), 3),
    )


def build(folder: Path, n: int) -> str:
    url = f"sqlite:///{folder / f'desk-{n}.db'}"
    rng = random.Random(n)
    with Store.open(url) as store, store.engine.begin() as conn:
        rows = []
        for i in range(n):
            ev = _event(i, rng)
            rows.append(
                {
                    "record": ev.to_dict(),
                    "event_date": date.fromisoformat(ev.event_date or "2024-01-01"),
                    "iso": ev.iso,
                    "country": ev.country,
                    "event_type": ev.event_type,
                    "sub_event_type": ev.sub_event_type,
                    "fatalities": ev.fatalities,
                    "event_id_cnty": f"SOM{i + 1}",
                }
            )
        conn.execute(clusters.insert(), rows)
    return url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="2000,10000,40000")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            url = build(Path(tmp), n)
            with Store.open(url) as store:
                desk = ReviewDesk(store, PasswordHasher(time_cost=1, memory_cost=8192))
                desk.add_user("bench", "viewer", "bench-pass")
                t = time.perf_counter()
                items, total = desk.queue(QueueFilter(status="open"), 0, 50)
                t_queue = time.perf_counter() - t
                client = TestClient(create_app(desk), base_url="http://127.0.0.1")
                login = client.get("/login").text
                csrf = login.split('name="csrf" value="', 1)[1].split('"', 1)[0]
                client.post("/login", data={"csrf": csrf, "name": "bench", "password": "bench-pass"})
                t = time.perf_counter()
                assert client.get("/").status_code == 200
                t_page = time.perf_counter() - t
                t = time.perf_counter()
                mid = items[len(items) // 2].cluster_id
                assert client.get(f"/events/{mid}?from=status%3Dopen").status_code == 200
                t_event = time.perf_counter() - t
                with store.engine.connect() as conn:
                    assert conn.scalar(sa.select(sa.func.count()).select_from(clusters)) == n
            print(
                f"{n:>7} events: ReviewDesk.queue {t_queue:.2f} s, queue page {t_page:.2f} s, "
                f"event page {t_event:.2f} s ({total} open)"
            )


if __name__ == "__main__":
    main()
