"""Test support for the store: a real PostgreSQL server (never a mock) and a fresh database per test.

``.ci/run`` starts a server and exports ``DATELINE_TEST_PG_URL``. Without it (a developer's plain
``make test``), a throw-away server is started in a temporary folder when PostgreSQL's binaries
are installed (``pg_ctl``/``initdb`` on PATH or under /usr/lib/postgresql); otherwise the
PostgreSQL variants are skipped, except in CI (``$CI`` set), where they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dateline.store.schema import metadata


def pg_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` live, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb", path=str(Path(found).resolve().parent)):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


class ThrowawayPostgres:
    """``initdb`` + ``pg_ctl start`` in a temporary folder, on a Unix socket only; ``stop`` removes it.

    PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
        self.data = self.root / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "dateline",
                  "-E", "UTF8", "--no-sync")  # fmt: skip
        opts = f"-k {self.root} -c listen_addresses='' -p 5432 -F"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                  str(self.root / "log"), "-w", "start")  # fmt: skip
        return f"postgresql+psycopg://dateline@/postgres?host={self.root}&port=5432"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session", name="pg_server")
def pg_server_fixture() -> Iterator[str | None]:
    """A URL of a PostgreSQL server the tests may create databases on (None: none available)."""
    url = os.environ.get("DATELINE_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = pg_bindir()
    if bindir is None:
        yield None
        return
    server = ThrowawayPostgres(bindir)
    try:
        url = server.start()
    except (subprocess.SubprocessError, OSError, LookupError) as exc:
        server.stop()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"could not start a throw-away PostgreSQL: {exc}")
    try:
        yield url
    finally:
        server.stop()


def _fresh_database(server_url: str) -> tuple[str, str]:
    name = f"dateline_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, sa.make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _drop_database(server_url: str, name: str) -> None:
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"], name="db_url")
def db_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store URL, once on SQLite and once on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    server = request.getfixturevalue("pg_server")
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is required in CI: set DATELINE_TEST_PG_URL (.ci/run does)")
        pytest.skip("no PostgreSQL: install it (apt-get install postgresql) or set DATELINE_TEST_PG_URL")
    name, url = _fresh_database(server)
    try:
        yield url
    finally:
        _drop_database(server, name)


def snapshot(
    url: str, ignore: tuple[str, ...] = ("coded_at", "split_at", "updated_at")
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every store table (sorted), without the columns that hold wall-clock times."""
    engine = sa.create_engine(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.c if c.name not in ignore]
            rows = conn.execute(sa.select(*cols)).all()
            out[table.name] = sorted(tuple(repr(v) for v in r) for r in rows)
    engine.dispose()
    return out
