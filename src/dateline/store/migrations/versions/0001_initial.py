"""The first store schema: articles, events, clusters, members, splits, cannot_link.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(512), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("outlet", sa.String(256), nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("duplicate_of", sa.String(512), nullable=True),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("pipeline_version", sa.String(32), nullable=False),
        sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_text_hash", "articles", ["text_hash"])

    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("time_precision", sa.Integer, nullable=True),
        sa.Column("iso", sa.Integer, nullable=True),
        sa.Column("country", sa.String(128), nullable=True),
        sa.Column("admin1", sa.String(256), nullable=True),
        sa.Column("event_type", sa.String(64), nullable=True),
        sa.Column("sub_event_type", sa.String(64), nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("is_background", sa.Boolean, nullable=False),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clusters"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_clusters_event_date", "clusters", ["event_date"])
    op.create_index("ix_clusters_iso", "clusters", ["iso"])
    op.create_index("ix_clusters_event_type", "clusters", ["event_type"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("article_id", sa.String(512), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("date_end", sa.Date, nullable=True),
        sa.Column("date_lo", sa.Date, nullable=True),
        sa.Column("date_hi", sa.Date, nullable=True),
        sa.Column("time_precision", sa.Integer, nullable=True),
        sa.Column("iso", sa.Integer, nullable=True),
        sa.Column("country", sa.String(128), nullable=True),
        sa.Column("admin1", sa.String(256), nullable=True),
        sa.Column("event_type", sa.String(64), nullable=True),
        sa.Column("sub_event_type", sa.String(64), nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("fatalities", sa.Integer, nullable=False),
        sa.Column("is_background", sa.Boolean, nullable=False),
        sa.Column("cluster_id", sa.Integer, nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_events_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"], ["clusters.id"], name="fk_events_cluster_id_clusters", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("key", name="uq_events_key"),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("ix_events_date_lo", "events", ["date_lo"])
    op.create_index("ix_events_iso", "events", ["iso"])
    op.create_index("ix_events_cluster_id", "events", ["cluster_id"])

    op.create_table(
        "members",
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("cluster_id", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("matched_key", sa.String(600), nullable=True),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_members_event_id_events", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"], ["clusters.id"], name="fk_members_cluster_id_clusters", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", name="pk_members"),
    )
    op.create_index("ix_members_cluster_id", "members", ["cluster_id"])

    op.create_table(
        "splits",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("event_key", sa.String(600), nullable=False),
        sa.Column("from_cluster", sa.Integer, nullable=True),
        sa.Column("to_cluster", sa.Integer, nullable=True),
        sa.Column("split_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_splits"),
    )
    op.create_index("ix_splits_event_key", "splits", ["event_key"])

    op.create_table(
        "cannot_link",
        sa.Column("key_a", sa.String(600), nullable=False),
        sa.Column("key_b", sa.String(600), nullable=False),
        sa.PrimaryKeyConstraint("key_a", "key_b", name="pk_cannot_link"),
    )


def downgrade() -> None:
    for table in ("cannot_link", "splits", "members", "events", "clusters", "articles"):
        op.drop_table(table)
