"""The store's tables, in SQLAlchemy 2 Core: articles, their coded events, merged events and splits.

One row per article read (``articles``); one row per event coded from an article (``events``: the
full record as JSON plus the columns queries filter on); one row per real-world event merged from
one or more report-events (``clusters``: the combined record, its stable ACLED-style id
``event_id_cnty`` and when it was last written); one row per report-event in a
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
    # ACLED-style id: ISO 3166 alpha-3 + the row id ("SYR1234"; "XXX1234" until the country is known),
    # fixed when the merged event is founded (dateline.store.event_ids)
    sa.Column("event_id_cnty", sa.String(32), nullable=True, index=True, unique=True),
    # when the row was last written: ACLED's ``timestamp``
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
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

# --- the review desk (dateline serve) ----------------------------------------------------------

#: The text of each coded article, so that the desk can show the words behind every field and
#: ``dateline train --reviews`` can learn from corrections. Stores made before the desk have no
#: rows here until their articles are ingested again.
article_texts = sa.Table(
    "article_texts",
    metadata,
    sa.Column(
        "article_id", sa.String(512), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("text", sa.Text, nullable=False),
)

#: Review roles: a viewer reads, a coder edits and approves, an admin also manages users.
ROLES = ("viewer", "coder", "admin")

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(128), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.String(256), nullable=False),  # argon2id, with its own salt
    sa.Column("token_hash", sa.String(64), nullable=True, unique=True),  # sha256 of the API token
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

#: Review states of a merged event: ``unreviewed``; ``edited`` (an analyst changed a field);
#: ``approved``; ``rejected`` (not an event); ``background`` (a past event, not news).
REVIEW_STATUSES = ("unreviewed", "edited", "approved", "rejected", "background")

#: The analyst's word on a merged event: its review state and the fields set by hand, which no
#: re-coding overwrites. ``anchor_keys`` are the report-event keys the event held when last
#: reviewed: a review follows them if re-coding gives the event another row.
reviews = sa.Table(
    "reviews",
    metadata,
    # no foreign key: when re-coding replaces the event's row, the review outlives it until
    # dateline.store.review.reattach_reviews moves it to the row now holding its reports
    sa.Column("cluster_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("fields", sa.JSON, nullable=False),  # {field: value} set by analysts
    sa.Column("anchor_keys", sa.JSON, nullable=False),
    sa.Column("reviewed_by", sa.String(128), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
)

#: Every change an analyst made: who, when, to which event and field, from what to what, and why.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("cluster_id", sa.Integer, nullable=False, index=True),  # kept when the event goes
    sa.Column("event_id_cnty", sa.String(32), nullable=True),
    sa.Column("user_name", sa.String(128), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("field", sa.String(64), nullable=False),  # an ACLED field, or "review_status", "merge", ...
    sa.Column("old", sa.JSON, nullable=True),
    sa.Column("new", sa.JSON, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
)

#: Settings of the desk kept in the store (the session-signing secret), so that every process
#: serving one store agrees.
desk_settings = sa.Table(
    "desk_settings",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
