"""One writer at a time: the store-level lock ``ingest`` holds for its whole run.

Two ``ingest`` runs on one store would both decide to code the same new articles and merge their
events in an order that depends on which commits first. With the lock, the second run waits until
the first has finished (or, asked not to wait, stops with :class:`WriterBusy`), then finds those
articles stored and codes only what is still missing: the store ends as one run would leave it.

- **SQLite**: a POSIX record lock (``fcntl.lockf``) on a file beside the database,
  ``FILE.writer.lock``, which records the holder's pid, host and start time. The kernel releases
  it the moment the holding process ends, however it ends (``kill -9`` included), and a POSIX lock
  is never inherited by a forked child, so a worker process cannot keep it held.
- **PostgreSQL**: a session advisory lock (``pg_try_advisory_lock``) taken on a connection of its
  own, whose ``application_name`` names the holder; the server releases it when that connection
  ends. Waiting polls, so Ctrl-C and SIGTERM stay prompt.
- An in-memory SQLite database and other databases take no lock (one process is the only user).

The lock is advisory: reading (``export``) never waits for it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

log = logging.getLogger(__name__)

#: The advisory lock's two keys on PostgreSQL: ``dateline``'s own number and the writer lock's.
PG_LOCK_KEYS = (0x646C6E65, 1)  # "dlne"
#: Seconds between two attempts while another writer holds the lock.
POLL_SECONDS = 0.5
_APP_PREFIX = "dateline writer"


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds the writer lock, as far as it can be known (it may be releasing it just now)."""

    pid: int | None = None
    host: str | None = None
    since: str | None = None  # ISO time the holder took the lock

    def describe(self) -> str:
        if self.pid is None:
            return "another writer"
        where = f" on {self.host}" if self.host and self.host != socket.gethostname() else ""
        when = f" (writing since {self.since})" if self.since else ""
        return f"the writer pid {self.pid}{where}{when}"


class WriterBusy(RuntimeError):
    """Another process holds the store's writer lock and the caller chose not to wait."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(f"the store is being written by {holder.describe()}")
        self.holder = holder


def _me() -> Holder:
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Holder(os.getpid(), socket.gethostname(), now)


@contextmanager
def writer_lock(
    engine: sa.Engine, *, wait: bool = True, on_wait: Callable[[Holder], None] | None = None
) -> Iterator[None]:
    """Hold the store's writer lock while inside; wait for it (telling ``on_wait`` once who holds
    it) or, with ``wait=False``, raise :class:`WriterBusy` at once."""
    url = engine.url
    backend = url.get_backend_name()
    if backend == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            yield
            return
        with _file_lock(lock_path(database), wait, on_wait):
            yield
    elif backend == "postgresql":
        with _pg_lock(engine, wait, on_wait):
            yield
    else:  # pragma: no cover - dateline supports SQLite and PostgreSQL
        log.warning("no writer lock on %s: run one ingest at a time", backend)
        yield


def lock_path(database: str) -> Path:
    """The lock file of an SQLite database file: ``FILE.writer.lock`` beside it."""
    path = Path(database)
    return path.with_name(path.name + ".writer.lock")


# --- SQLite: a lock file -----------------------------------------------------------------------


@contextmanager
def _file_lock(path: Path, wait: bool, on_wait: Callable[[Holder], None] | None) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX (Windows): no lock file
        log.warning("no writer lock on this system: run one ingest at a time")
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by exec'd children
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EAGAIN/EACCES: held by another process
            holder = _read_holder(fd)
            if not wait:
                raise WriterBusy(holder) from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.lockf(fd, fcntl.LOCK_EX)  # a signal handler that raises ends the wait
        me = _me()
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": me.pid, "host": me.host, "since": me.since}).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock (as the end of the process would)


def _read_holder(fd: int) -> Holder:
    """What the holder wrote into the lock file (read through our own descriptor: opening and
    closing another one would drop any POSIX lock this process holds on the file)."""
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return Holder(int(data["pid"]), str(data.get("host") or "") or None, data.get("since"))
    except (OSError, ValueError, KeyError, TypeError):  # not written yet, or being rewritten
        return Holder()


# --- PostgreSQL: an advisory lock ----------------------------------------------------------------


@contextmanager
def _pg_lock(engine: sa.Engine, wait: bool, on_wait: Callable[[Holder], None] | None) -> Iterator[None]:
    me = _me()
    # NAMEDATALEN: at most 63 bytes of application_name are kept
    name = f"{_APP_PREFIX} pid={me.pid} since={me.since} host={me.host}"[:63]
    lock_engine = sa.create_engine(engine.url, poolclass=sa.NullPool, connect_args={"application_name": name})
    k1, k2 = PG_LOCK_KEYS
    try:
        with lock_engine.connect() as raw:
            conn = raw.execution_options(isolation_level="AUTOCOMMIT")  # never idle in a transaction
            told = False
            while not conn.scalar(
                sa.text("SELECT pg_try_advisory_lock(CAST(:a AS integer), CAST(:b AS integer))"),
                {"a": k1, "b": k2},
            ):
                holder = _pg_holder(conn)
                if not wait:
                    raise WriterBusy(holder)
                if not told and on_wait is not None:
                    on_wait(holder)
                told = True
                time.sleep(POLL_SECONDS)
            try:
                yield
            finally:
                conn.execute(
                    sa.text("SELECT pg_advisory_unlock(CAST(:a AS integer), CAST(:b AS integer))"),
                    {"a": k1, "b": k2},
                )
    finally:
        lock_engine.dispose()


def _pg_holder(conn: sa.Connection) -> Holder:
    k1, k2 = PG_LOCK_KEYS
    row = conn.execute(
        sa.text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted"
            " AND l.classid = CAST(:a AS oid) AND l.objid = CAST(:b AS oid)"
            " AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database"
            " WHERE datname = current_database())"
        ),
        {"a": k1, "b": k2},
    ).first()
    return _parse_app_name(row[0] if row else "")


def _parse_app_name(name: str) -> Holder:
    if not name.startswith(_APP_PREFIX):
        return Holder()
    fields = dict(part.split("=", 1) for part in name[len(_APP_PREFIX) :].split() if "=" in part)
    try:
        pid = int(fields["pid"])
    except (KeyError, ValueError):
        return Holder()
    return Holder(pid, fields.get("host") or None, fields.get("since"))
