"""The store: one SQLAlchemy engine over SQLite (default, zero set-up) or PostgreSQL (for teams).

``Store.open(url)`` creates the database or upgrades it with the Alembic migrations shipped in
the package; every write that belongs together (an article, its events and the merged events they
join) is one transaction, so a process killed at any moment leaves no half-written article.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from dateline import __version__
from dateline.model import Article, Event
from dateline.store import clusters as cl
from dateline.store import lock
from dateline.store.review import reattach_reviews
from dateline.store.schema import (
    article_texts,
    articles,
    cannot_link,
    clusters,
    events,
    members,
    metadata,
    reviews,
    splits,
)

if TYPE_CHECKING:
    import pandas

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = Path("~/.local/share/dateline/dateline.db")
#: What ``pipeline_version`` records for articles coded by this version of dateline.
PIPELINE_VERSION = __version__


def default_url() -> str:
    """``$DATELINE_DB`` if set, else SQLite at ``~/.local/share/dateline/dateline.db``."""
    return normalize_url(os.environ.get("DATELINE_DB") or f"sqlite:///{DEFAULT_DB_PATH}")


def normalize_url(url: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (an SQLite file); ``~`` is expanded, and
    ``postgresql://`` uses psycopg 3 (the driver dateline ships with)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("sqlite:///") and url[len("sqlite:///") :].startswith("~"):
        return "sqlite:///" + str(Path(url[len("sqlite:///") :]).expanduser())
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers (an export) never block the one writer
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str) -> sa.Engine:
    url = normalize_url(url)
    sa_url = sa.make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def migrate(engine: sa.Engine) -> None:
    """Create the schema or bring it to the newest revision (Alembic, run in-process)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "dateline.store:migrations")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the store knows about one article: enough to decide whether to code it again."""

    id: str
    text_hash: str
    published: date | None
    outlet: str | None
    title: str | None
    url: str | None
    status: str
    duplicate_of: str | None
    n_events: int


@dataclass(frozen=True, slots=True)
class Counts:
    articles: int
    duplicates: int
    events: int
    clusters: int


@dataclass(frozen=True, slots=True)
class Member:
    """One report-event of a merged event, with the score and reasons it joined on."""

    key: str
    article_id: str
    cluster_id: int
    score: float | None
    matched_key: str | None
    reasons: list[str]
    event: Event


@dataclass(frozen=True, slots=True)
class SplitResult:
    key: str
    from_cluster: int
    to_cluster: int
    remaining: int  # report-events left in the merged event it was split from
    from_event_id: str | None = None  # the event_id_cnty the merged event it left keeps
    to_event_id: str | None = None  # the new event_id_cnty of the split-off report-event


class Store:
    """An event store. Open with :meth:`open`; use as a context manager to dispose of it."""

    def __init__(self, engine: sa.Engine, matcher: cl.Matcher | None = None) -> None:
        self.engine = engine
        self.matcher = matcher or cl.Matcher()

    @classmethod
    def open(cls, url: str | None = None, matcher: cl.Matcher | None = None) -> Store:
        """Open (creating or upgrading) the store at ``url``; default :func:`default_url`."""
        engine = make_engine(url or default_url())
        migrate(engine)
        return cls(engine, matcher)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        with self.engine.begin() as conn:
            yield conn

    def writer_lock(
        self, *, wait: bool = True, on_wait: Callable[[lock.Holder], None] | None = None
    ) -> AbstractContextManager[None]:
        """The store's writer lock (:mod:`dateline.store.lock`), held by ``ingest`` for its whole run:
        a second writer waits (``on_wait`` hears who holds it) or raises ``WriterBusy``."""
        return lock.writer_lock(self.engine, wait=wait, on_wait=on_wait)

    # ---- articles -------------------------------------------------------------------------

    def stored_articles(self, ids: Sequence[str]) -> dict[str, StoredArticle]:
        """The stored rows of these article ids (the ones known)."""
        out: dict[str, StoredArticle] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids), 500):
                for row in conn.execute(sa.select(*_ARTICLE_COLS).where(articles.c.id.in_(chunk))):
                    out[row.id] = StoredArticle(**row._asdict())
        return out

    def coded_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """For each of these text hashes held by a coded article: that article's id (the first)."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(hashes), 500):
                q = (
                    sa.select(articles.c.text_hash, articles.c.id)
                    .where(articles.c.text_hash.in_(chunk), articles.c.status == "coded")
                    .order_by(articles.c.id)
                )
                for h, aid in conn.execute(q):
                    out.setdefault(h, aid)
        return out

    def write_article(self, article: Article, text_hash: str, coded: Sequence[Event]) -> list[cl.Placement]:
        """Store a coded article and its events, replacing any earlier version of it, and merge
        each event into the merged events, all in one transaction. Returns where each event went."""
        with self.engine.begin() as conn:
            self._remove_events(conn, article.id)
            self._upsert_article(conn, article, text_hash, "coded", None, len(coded))
            placements = []
            for ordinal, ev in enumerate(coded):
                key = event_key(article.id, ordinal)
                row = {"key": key, "article_id": article.id, "ordinal": ordinal, "record": ev.to_dict()}
                event_id = conn.execute(
                    events.insert(), {**row, **cl.indexed_columns(ev)}
                ).inserted_primary_key[0]
                placements.append(cl.place(conn, self.matcher, event_id, key, ev))
            # the text, for the review desk's evidence and `dateline train --reviews`
            conn.execute(article_texts.delete().where(article_texts.c.article_id == article.id))
            conn.execute(article_texts.insert().values(article_id=article.id, text=article.text))
            reattach_reviews(conn)  # an analyst's review follows its reports to their new row
        return placements

    def write_duplicate(self, article: Article, text_hash: str, duplicate_of: str) -> None:
        """Record an article whose text is already coded under another id (it is not coded again)."""
        with self.engine.begin() as conn:
            self._remove_events(conn, article.id)
            self._upsert_article(conn, article, text_hash, "duplicate", duplicate_of, 0)

    def update_metadata(self, article: Article) -> None:
        """A new title or URL for an article whose text, date and outlet are unchanged."""
        with self.engine.begin() as conn:
            conn.execute(
                articles.update()
                .where(articles.c.id == article.id)
                .values(title=article.title, url=article.url)
            )

    def _upsert_article(
        self,
        conn: sa.Connection,
        article: Article,
        text_hash: str,
        status: str,
        duplicate_of: str | None,
        n_events: int,
    ) -> None:
        values = {
            "text_hash": text_hash,
            "published": article.published,
            "outlet": article.outlet,
            "title": article.title,
            "url": article.url,
            "status": status,
            "duplicate_of": duplicate_of,
            "n_events": n_events,
            "pipeline_version": PIPELINE_VERSION,
            "coded_at": datetime.now(UTC),
        }
        done = conn.execute(articles.update().where(articles.c.id == article.id), values)
        if not done.rowcount:
            conn.execute(articles.insert(), {"id": article.id, **values})

    def _remove_events(self, conn: sa.Connection, article_id: str) -> None:
        rows = conn.execute(
            sa.select(events.c.id, events.c.cluster_id).where(events.c.article_id == article_id)
        ).all()
        if not rows:
            return
        ids = [r.id for r in rows]
        touched = {r.cluster_id for r in rows if r.cluster_id is not None}
        conn.execute(members.delete().where(members.c.event_id.in_(ids)))
        conn.execute(events.delete().where(events.c.id.in_(ids)))
        for cluster_id in sorted(touched):
            cl.refresh(conn, self.matcher, cluster_id)

    # ---- merged events ----------------------------------------------------------------------

    def split(self, key: str) -> SplitResult:
        """Make one report-event its own merged event again, never to merge back with the others.

        ``key`` is ``ARTICLE_ID#N`` (see :meth:`members`), or an article id when that article has
        exactly one event in the store."""
        with self.engine.begin() as conn:
            key = self._resolve_key(conn, key)
            row = conn.execute(sa.select(events.c.id, events.c.cluster_id).where(events.c.key == key)).one()
            others = (
                conn.execute(
                    sa.select(events.c.key).where(events.c.cluster_id == row.cluster_id, events.c.key != key)
                )
                .scalars()
                .all()
            )
            if not others:
                raise SplitError(f"{key} is not merged with any other report")
            for other in others:
                a, b = sorted((key, other))
                exists = conn.execute(
                    sa.select(cannot_link.c.key_a).where(cannot_link.c.key_a == a, cannot_link.c.key_b == b)
                ).first()
                if exists is None:
                    conn.execute(cannot_link.insert().values(key_a=a, key_b=b))
            conn.execute(members.delete().where(members.c.event_id == row.id))
            new_id = cl.found(conn, self.matcher, row.id, ["split from its merged event by an analyst"])
            cl.refresh(conn, self.matcher, row.cluster_id)
            conn.execute(
                splits.insert().values(
                    event_key=key, from_cluster=row.cluster_id, to_cluster=new_id, split_at=datetime.now(UTC)
                )
            )
            ids = dict(
                conn.execute(
                    sa.select(clusters.c.id, clusters.c.event_id_cnty).where(
                        clusters.c.id.in_([row.cluster_id, new_id])
                    )
                ).all()
            )
        return SplitResult(key, row.cluster_id, new_id, len(others), ids.get(row.cluster_id), ids.get(new_id))

    def _resolve_key(self, conn: sa.Connection, key: str) -> str:
        if conn.execute(sa.select(events.c.id).where(events.c.key == key)).first() is not None:
            return key
        keys = conn.execute(sa.select(events.c.key).where(events.c.article_id == key)).scalars().all()
        if len(keys) == 1:
            return keys[0]
        if keys:
            raise SplitError(f"article {key} has {len(keys)} events; name one: {', '.join(sorted(keys))}")
        raise SplitError(f"no stored event or article {key!r}")

    def members(self, cluster_id: int) -> list[Member]:
        """The report-events merged into one event, in the order they joined."""
        q = (
            sa.select(
                events.c.key,
                events.c.article_id,
                events.c.record,
                members.c.cluster_id,
                members.c.score,
                members.c.matched_key,
                members.c.reasons,
            )
            .join(members, members.c.event_id == events.c.id)
            .where(members.c.cluster_id == cluster_id)
            .order_by(events.c.id)
        )
        with self.engine.connect() as conn:
            return [
                Member(
                    r.key,
                    r.article_id,
                    r.cluster_id,
                    r.score,
                    r.matched_key,
                    list(r.reasons),
                    Event.from_dict(r.record),
                )
                for r in conn.execute(q)
            ]

    # ---- queries ------------------------------------------------------------------------------

    def counts(self) -> Counts:
        with self.engine.connect() as conn:
            n_art = conn.scalar(
                sa.select(sa.func.count()).select_from(articles).where(articles.c.status == "coded")
            )
            n_dup = conn.scalar(
                sa.select(sa.func.count()).select_from(articles).where(articles.c.status == "duplicate")
            )
            n_ev = conn.scalar(sa.select(sa.func.count()).select_from(events))
            n_cl = conn.scalar(sa.select(sa.func.count()).select_from(clusters))
        return Counts(n_art or 0, n_dup or 0, n_ev or 0, n_cl or 0)

    def event_rows(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        country: str | int | None = None,
        event_type: str | None = None,
        include_background: bool = False,
        merged: bool = True,
        include_rejected: bool = False,
    ) -> Iterator[tuple[int | str, Event]]:
        """``(id, Event)`` pairs matching the filters, oldest first; ``id`` is the merged event's id
        (``merged=True``) or the report-event's key (``merged=False``).

        Each event carries what only the store knows: ``event_id_cnty`` (a report-event: that of the
        merged event it is in), ``timestamp`` (Unix time its row was last written: the merged
        event's row, or the coding of a report-event's article), ``report_keys`` (the merged
        event's report-events, or the report-event's own key), when the record has none, ACLED's
        ``region`` of its country, and the review desk's ``review_status`` with the fields
        analysts set (:mod:`dateline.store.review`); events analysts rejected as no event are
        left out unless ``include_rejected``."""
        table = clusters if merged else events
        if merged:
            q = sa.select(clusters.c.id, clusters.c.record, clusters.c.event_id_cnty, clusters.c.updated_at)
        else:
            q = (
                sa.select(events.c.key, events.c.record, clusters.c.event_id_cnty, articles.c.coded_at)
                .join(articles, articles.c.id == events.c.article_id)
                .outerjoin(clusters, clusters.c.id == events.c.cluster_id)
            )
        coded = []
        if since is not None:
            coded.append(table.c.event_date >= since)
        if until is not None:
            coded.append(table.c.event_date <= until)
        iso = iso_numeric(country) if country is not None else None
        if iso is not None:
            coded.append(table.c.iso == iso)
        want = event_type.strip().lower() if event_type else None
        if want:
            coded.append(
                sa.or_(
                    sa.func.lower(table.c.event_type) == want, sa.func.lower(table.c.sub_event_type) == want
                )
            )
        if coded:  # on the coded columns, or reviewed: an analyst's values are checked below
            in_cluster = clusters.c.id if merged else events.c.cluster_id
            q = q.where(sa.or_(sa.and_(*coded), in_cluster.in_(sa.select(reviews.c.cluster_id))))
        q = q.add_columns(clusters.c.id.label("cluster_ref")) if not merged else q
        q = q.order_by(table.c.event_date.is_(None), table.c.event_date, table.c.id)
        from dateline.export.regions import acled_region
        from dateline.store.review import apply_review, reviews_by_cluster  # noqa: I001

        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=500).execute(q)
            for part in result.partitions():  # streamed: an export of any size
                keys = _report_keys(conn, [r[0] for r in part]) if merged else {}
                # the analysts' fields and review state over the coded record (store.review)
                reviewed = reviews_by_cluster(conn, [r[0] if merged else r[4] for r in part])
                for row in part:
                    ident_value, record, event_id_cnty, written = row[:4]
                    ev = Event.from_dict(record)
                    ev.event_id_cnty = event_id_cnty
                    ev.timestamp = _unix_time(written)
                    ev.report_keys = keys.get(ident_value, []) if merged else [ident_value]
                    ev.region = ev.region or acled_region(ev.iso)
                    apply_review(ev, reviewed.get(ident_value if merged else row[4]))
                    if not include_background and ev.is_background:
                        continue
                    if ev.review_status == "rejected" and not include_rejected:
                        continue  # an analyst said it is no event
                    day = (ev.event_date or "")[:10]
                    if (since is not None and not (day and day >= since.isoformat())) or (
                        until is not None and not (day and day <= until.isoformat())
                    ):
                        continue
                    if iso is not None and ev.iso != iso:
                        continue
                    kinds = ((ev.event_type or "").lower(), (ev.sub_event_type or "").lower())
                    if want and want not in kinds:
                        continue
                    yield ident_value, ev

    def events(self, **filters: Any) -> list[Event]:
        """Merged events (one per real-world event; ``merged=False`` for each report's own events),
        filtered by ``since``, ``until``, ``country`` (alpha-2, alpha-3 or numeric), ``event_type``
        (an event or sub-event type) and ``include_background``."""
        return [ev for _, ev in self.event_rows(**filters)]

    def dataframe(self, **filters: Any) -> pandas.DataFrame:
        """The events of :meth:`events` as a pandas DataFrame, in the export's columns."""
        from dateline.export.formats import events_dataframe

        return events_dataframe(self.events(**filters))


class SplitError(ValueError):
    """A split that cannot be made (unknown key, or a report-event that is not merged)."""


def event_key(article_id: str, ordinal: int) -> str:
    """The stable key of an article's ``ordinal``-th coded event: ``ARTICLE_ID#N``."""
    return f"{article_id}#{ordinal}"


def iso_numeric(country: str | int) -> int:
    """ISO 3166 numeric code of a country given as alpha-2, alpha-3 or numeric; ValueError if unknown."""
    if isinstance(country, int):
        return country
    text = country.strip()
    if text.isdigit():
        return int(text)
    import pycountry

    found = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if found is None and len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    if found is None:
        raise ValueError(f"unknown country code {country!r} (expected ISO alpha-2, alpha-3 or numeric)")
    return int(found.numeric)


_ARTICLE_COLS = (
    articles.c.id,
    articles.c.text_hash,
    articles.c.published,
    articles.c.outlet,
    articles.c.title,
    articles.c.url,
    articles.c.status,
    articles.c.duplicate_of,
    articles.c.n_events,
)


def _report_keys(conn: sa.Connection, cluster_ids: list[int]) -> dict[int, list[str]]:
    """The keys of the report-events of these merged events, in the order they were stored."""
    out: dict[int, list[str]] = {}
    q = (
        sa.select(events.c.cluster_id, events.c.key)
        .where(events.c.cluster_id.in_(cluster_ids))
        .order_by(events.c.id)
    )
    for cluster_id, key in conn.execute(q):
        out.setdefault(cluster_id, []).append(key)
    return out


def _unix_time(value: datetime | None) -> int | None:
    """Unix time of a stored time (SQLite gives it back without its zone: it was written in UTC)."""
    if value is None:
        return None
    return int((value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp())


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


__all__ = ["Counts", "Member", "SplitError", "SplitResult", "Store", "default_url", "metadata"]
