"""Alembic environment: runs on the connection :meth:`dateline.store.Store.open` hands over.

Run by hand (``alembic -c src/dateline/store/migrations/alembic.ini ...``) it opens
``$DATELINE_DB``, else ``sqlalchemy.url`` from that file.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import context

from dateline.store.schema import metadata

config = context.config


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from dateline.store.db import normalize_url

    engine = sa.create_engine(
        normalize_url(os.environ.get("DATELINE_DB") or config.get_main_option("sqlalchemy.url") or "")
    )
    with engine.begin() as conn:
        _run(conn)
