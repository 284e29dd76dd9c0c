"""The store's tables, in SQLAlchemy 2 Core: articles, their coded events, merged events and splits.

One row per article read (``articles``); one row per event coded from an article (``events``: the
full record as JSON plus the columns queries filter on); one row per real-world event merged from
one or more report-events (``clusters``: the combined record); one row per report-event in a
merged event with the score and the reasons it joined (``members``); and the analyst's splits
(``splits``, plus ``cannot_link`` pairs that keep a split report-event from merging back).

The Alembic migrations under ``migrations/versions`` create exactly these tables; a test checks
that the two agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: Article states: ``coded`` (its events are stored, possibly none), ``duplicate`` (the same
#: normalized text as another stored article, named in ``duplicate_of``; not coded again).
ARTICLE_STATUSES = ("coded", "duplicate")

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("text_hash", sa.String(64), nullable=False, index=True),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("outlet", sa.String(256), nullable=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("duplicate_of", sa.String(512), nullable=True),
    sa.Column("n_events", sa.Integer, nullable=False, default=0),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("time_precision", sa.Integer, nullable=True),
    sa.Column("iso", sa.Integer, nullable=True, index=True),
    sa.Column("country", sa.String(128), nullable=True),
    sa.Column("admin1", sa.String(256), nullable=True),
    sa.Column("event_type", sa.String(64), nullable=True, index=True),
    sa.Column("sub_event_type", sa.String(64), nullable=True),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),
    sa.Column("is_background", sa.Boolean, nullable=False, default=False),
    sa.Column("n_reports", sa.Integer, nullable=False, default=1),
    sa.Column("n_articles", sa.Integer, nullable=False, default=1),
    sqlite_autoincrement=True,  # the id of a merged event is never given to another one
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(600), nullable=False, unique=True),  # "<article id>#<ordinal>"
    sa.Column(
        "article_id",
        sa.String(512),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("date_end", sa.Date, nullable=True),
    # the dates widened by their uncertainty (time precision), for blocking candidate merges
    sa.Column("date_lo", sa.Date, nullable=True, index=True),
    sa.Column("date_hi", sa.Date, nullable=True),
    sa.Column("time_precision", sa.Integer, nullable=True),
    sa.Column("iso", sa.Integer, nullable=True, index=True),
    sa.Column("country", sa.String(128), nullable=True),
    sa.Column("admin1", sa.String(256), nullable=True),
    sa.Column("event_type", sa.String(64), nullable=True),
    sa.Column("sub_event_type", sa.String(64), nullable=True),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),
    sa.Column("is_background", sa.Boolean, nullable=False, default=False),
    sa.Column(
        "cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="SET NULL"), nullable=True, index=True
    ),
)

members = sa.Table(
    "members",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("score", sa.Float, nullable=True),  # None for the report-event that founded the cluster
    sa.Column("matched_key", sa.String(600), nullable=True),  # the member it was matched with
    sa.Column("reasons", sa.JSON, nullable=False),
)

splits = sa.Table(
    "splits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_key", sa.String(600), nullable=False, index=True),
    sa.Column("from_cluster", sa.Integer, nullable=True),
    sa.Column("to_cluster", sa.Integer, nullable=True),
    sa.Column("split_at", sa.DateTime(timezone=True), nullable=False),
)

#: Pairs of report-events an analyst has split apart: they never merge again, whatever arrives.
#: Keys, not row ids, so that a split survives the re-coding of a changed article.
cannot_link = sa.Table(
    "cannot_link",
    metadata,
    sa.Column("key_a", sa.String(600), primary_key=True),
    sa.Column("key_b", sa.String(600), primary_key=True),
)
