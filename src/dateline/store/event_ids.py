"""Stable ACLED-style ids of merged events: ``event_id_cnty``, ISO 3166 alpha-3 + a number.

ACLED's ``event_id_cnty`` is the country's ISO3 code and a number (``SYR1234``); an event keeps it
when later reports change its details. In the store:

- the number is the merged event's row id, which the database never gives to another merged
  event (SQLite AUTOINCREMENT, PostgreSQL sequences), so an id is never reused, even after the
  event is gone;
- the id is fixed when the merged event is founded (its first report-event stored) and kept
  while reports join it or leave it, across re-exports and the ingest of other articles;
- an event whose country is not known yet gets ``XXX`` and its number; when a report that joins
  gives the country, the prefix becomes the country's (the number stays); a known prefix never
  changes afterwards;
- ``dateline split KEY``: the split-off report-event founds a new merged event with a new id;
  the merged event it left keeps its id. When a changed article is coded again, its old events
  leave their merged events (which keep their ids while other reports remain) and the new ones
  join or found merged events as any new report does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from dateline.export.regions import alpha3
from dateline.store.schema import clusters

__all__ = ["UNKNOWN_COUNTRY", "assign", "fill_country", "make_id", "now"]

#: The prefix of an event whose country is not known.
UNKNOWN_COUNTRY = "XXX"


def now() -> datetime:
    """The time a row is written (ACLED's ``timestamp`` of the merged event)."""
    return datetime.now(UTC)


def make_id(iso: int | None, number: int) -> str:
    """``SYR1234`` for Syria (ISO numeric 760) and 1234; ``XXX1234`` without a country."""
    return f"{alpha3(iso) or UNKNOWN_COUNTRY}{number}"


def assign(conn: sa.Connection, cluster_id: int, iso: int | None) -> str:
    """Give a newly founded merged event its id; returns it."""
    ident = make_id(iso, cluster_id)
    conn.execute(clusters.update().where(clusters.c.id == cluster_id).values(event_id_cnty=ident))
    return ident


def fill_country(conn: sa.Connection, cluster_id: int, iso: int | None) -> None:
    """Once a merged event's country is known, an ``XXX`` id takes its ISO3 (the number stays)."""
    if iso is None:
        return
    current = conn.execute(
        sa.select(clusters.c.event_id_cnty).where(clusters.c.id == cluster_id)
    ).scalar_one_or_none()
    if current is None or current.startswith(UNKNOWN_COUNTRY):
        ident = make_id(iso, cluster_id)
        if ident != current and not ident.startswith(UNKNOWN_COUNTRY):
            conn.execute(clusters.update().where(clusters.c.id == cluster_id).values(event_id_cnty=ident))
