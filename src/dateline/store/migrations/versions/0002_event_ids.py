"""Merged events get a stable ACLED-style id (event_id_cnty) and the time they were last written.

Existing merged events get ``ISO3 + row id`` ("SYR12"; "XXX12" when the country is unknown) and,
as their last-written time, the latest ``coded_at`` of the articles whose reports they merge.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _alpha3(iso: int | None) -> str:
    import pycountry

    found = pycountry.countries.get(numeric=f"{iso:03d}") if iso is not None else None
    return found.alpha_3 if found else "XXX"


def upgrade() -> None:
    op.add_column("clusters", sa.Column("event_id_cnty", sa.String(32), nullable=True))
    op.add_column("clusters", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))

    conn = op.get_bind()
    clusters = sa.table(
        "clusters",
        sa.column("id", sa.Integer),
        sa.column("iso", sa.Integer),
        sa.column("event_id_cnty", sa.String),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    events = sa.table("events", sa.column("cluster_id", sa.Integer), sa.column("article_id", sa.String))
    articles = sa.table(
        "articles", sa.column("id", sa.String), sa.column("coded_at", sa.DateTime(timezone=True))
    )
    written = dict(
        conn.execute(
            sa.select(events.c.cluster_id, sa.func.max(articles.c.coded_at))
            .join(articles, articles.c.id == events.c.article_id)
            .where(events.c.cluster_id.is_not(None))
            .group_by(events.c.cluster_id)
        ).all()
    )
    now = datetime.now(UTC)
    for cluster_id, iso in conn.execute(sa.select(clusters.c.id, clusters.c.iso)).all():
        conn.execute(
            clusters.update()
            .where(clusters.c.id == cluster_id)
            .values(event_id_cnty=f"{_alpha3(iso)}{cluster_id}", updated_at=written.get(cluster_id) or now)
        )
    op.create_index("ix_clusters_event_id_cnty", "clusters", ["event_id_cnty"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_clusters_event_id_cnty", table_name="clusters")
    with op.batch_alter_table("clusters") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("event_id_cnty")
