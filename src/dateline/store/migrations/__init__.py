"""Alembic migrations of the store, applied automatically by :meth:`dateline.store.Store.open`."""
