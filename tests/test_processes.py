"""Processes and the store (issue 15): extreme dates in the merge step, workers that die with their
parent, Ctrl-C and SIGTERM as one line, and one writer at a time.

The process tests start the real CLI (``python -m dateline``) on a dozen small reports and find its
worker processes in ``/proc``; every wait has a deadline, as a guard against a hang only.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dateline.model import Article, Event
from dateline.store import Store
from dateline.store import ingest as store_ingest
from dateline.store.clusters import date_interval
from dateline.store.lock import WriterBusy, lock_path
from dateline.store.schema import articles
from store_pg import db_url_fixture, pg_server_fixture  # noqa: F401  (fixtures)
from test_ingest_cli import check_invariants, content, write_reports

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: A guard against hangs, never a timing assertion.
DEADLINE = 180.0
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


# --- /proc ------------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (workers, a fork server, its workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st is not None and st[0] != "Z":
                parents[int(entry.name)] = st[1]
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] != "Z"  # a zombie has ended: only its exit status is left


def wait_for(condition: Callable[[], Any], what: str, proc: subprocess.Popen[bytes] | None = None) -> Any:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"the process ended (code {proc.returncode}) before {what}: {err}")
        time.sleep(0.05)
    pytest.fail(f"no {what} within {DEADLINE:.0f} s")


def start(args: list[str], via: list[str] | None = None, **kw: Any) -> subprocess.Popen[bytes]:
    """``dateline ARGS`` in a child process (``via``: another launcher of the CLI's main)."""
    return subprocess.Popen(
        [*(via or [sys.executable, "-m", "dateline"]), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        **kw,
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, out.decode(), err.decode()


def stored_articles(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() or 0
    except sa.exc.DBAPIError:  # the tables are being created
        return 0
    finally:
        engine.dispose()


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, Any]]:
    """A dozen small reports, and the store contents one uninterrupted run leaves."""
    root = tmp_path_factory.mktemp("processes")
    ids = write_reports(root / "feed", 6)
    url = f"sqlite:///{root / 'reference.db'}"
    with Store.open(url) as store:
        store_ingest.ingest(store, [str(root / "feed")], workers=1)
    return root / "feed", ids, content(url)


# --- 1. extreme dates in the merge step -----------------------------------------------------------


def clash(article_id: str, day: str, **kw: Any) -> Event:
    fields: dict[str, Any] = {
        "event_date": day,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Al Shabaab",
        "iso": 706,
        "iso2": "SO",
        "country": "Somalia",
        "location": "Balad",
        "latitude": 2.358,
        "longitude": 45.386,
        "geo_precision": 1,
        "fatalities": 5,
    }
    fields.update(kw)
    return Event(article_id=article_id, **fields)


def test_date_interval_is_held_at_the_ends_of_the_calendar() -> None:
    fallback = "no date in text: publication date used"
    assert date_interval(clash("a", "0001-01-01", date_flag=fallback)) == (date.min, date(1, 1, 8))
    assert date_interval(clash("a", "9999-12-31", time_precision=3)) == (date(9999, 11, 30), date.max)
    assert date_interval(clash("a", "2024-04-02")) == (date(2024, 4, 2), date(2024, 4, 2))


@pytest.mark.parametrize("day", [date.min, date.max])
def test_ingest_stores_and_merges_reports_dated_at_the_ends_of_the_calendar(
    db_url: str, day: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth behind the readers' date check: the store's ingest, given articles dated
    0001-01-01 or 9999-12-31, stores and merges them (it raised OverflowError in the merge step,
    at the same article on every re-run)."""
    from dateline.ingest.readers import ReadResult

    ids = ["r1", "r2", "r3"]
    texts = {aid: f"Report {aid}: a clash at Balad." for aid in ids}

    def read_inputs(*_args: Any, **_kw: Any) -> Iterator[ReadResult]:
        for aid in ids:
            yield ReadResult(Article(id=aid, text=texts[aid], published=day))

    def code(arts: Any, *_args: Any) -> Iterator[Any]:
        flag = {"date_flag": "no date in text: publication date used"}
        for a in arts:
            yield store_ingest._Coded(
                a, [clash(a.id, a.published.isoformat(), **(flag if a.id == "r3" else {}))]
            )

    monkeypatch.setattr(store_ingest, "read_inputs", read_inputs)
    monkeypatch.setattr(store_ingest, "_code", code)
    errors: list[str] = []
    with Store.open(db_url) as store:
        report = store_ingest.ingest(store, ["feed"], workers=1, on_error=lambda e: errors.append(str(e)))
        assert (report.coded, report.failed, report.events, report.merged) == (3, 0, 3, 2)
        assert errors == []
        [merged] = store.events()
        assert merged.event_date == day.isoformat()
        assert sorted(merged.article_ids) == ids
        again = store_ingest.ingest(store, ["feed"], workers=1)
        assert (again.coded, again.unchanged) == (0, 3)
    check_invariants(db_url, ids)


def test_an_article_the_store_cannot_take_is_reported_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.ingest.readers import ReadResult
    from dateline.store import clusters

    ids = ["ok-1", "bad", "ok-2"]

    def read_inputs(*_args: Any, **_kw: Any) -> Iterator[ReadResult]:
        for aid in ids:
            yield ReadResult(Article(id=aid, text=f"text of {aid}", published=date(2024, 4, 2)))

    def code(arts: Any, *_args: Any) -> Iterator[Any]:
        for a in arts:
            yield store_ingest._Coded(a, [clash(a.id, "2024-04-02", location=a.id)])

    real_place = clusters.place

    def place(conn: Any, matcher: Any, event_id: int, key: str, ev: Event) -> Any:
        if ev.article_id == "bad":
            raise OverflowError("date value out of range")
        return real_place(conn, matcher, event_id, key, ev)

    monkeypatch.setattr(store_ingest, "read_inputs", read_inputs)
    monkeypatch.setattr(store_ingest, "_code", code)
    monkeypatch.setattr(clusters, "place", place)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    errors: list[str] = []
    with Store.open(url) as store:
        report = store_ingest.ingest(store, ["feed"], workers=1, on_error=lambda e: errors.append(str(e)))
        assert (report.coded, report.failed) == (2, 1)
        assert errors == ["bad: could not be stored (OverflowError: date value out of range)"]
        assert sorted(store.stored_articles(ids)) == ["ok-1", "ok-2"]  # nothing half-written of "bad"
    check_invariants(url, ["ok-1", "ok-2"])


# --- 3. workers die with their parent; Ctrl-C and SIGTERM ------------------------------------------


def _workers_of(proc: subprocess.Popen[bytes], n: int) -> set[int]:
    return wait_for(lambda: (d := descendants(proc.pid)) and len(d) >= n and d, f"{n} worker processes", proc)


@pytest.mark.parametrize("command", ["ingest", "code"])
def test_kill_minus_nine_of_the_parent_ends_its_workers(
    command: str, feed: tuple[Path, list[str], dict[str, Any]], tmp_path: Path
) -> None:
    folder, _, _ = feed
    args = [command, str(folder), "--workers", "2"]
    if command == "ingest":
        args += ["--db", f"sqlite:///{tmp_path / 'store.db'}"]
    proc = start(args)
    workers: set[int] = set()
    try:
        workers = _workers_of(proc, 2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=DEADLINE)
        wait_for(lambda: not any(alive(p) for p in workers), "end of the orphaned workers")
    finally:
        _reap(proc, workers)
    assert proc.returncode == -signal.SIGKILL
    assert [p for p in workers if alive(p)] == []


FORKSERVER_CODING = """\
import sys, threading
from dateline.ingest import read_inputs
from dateline.parallel import _start_context, code_results
if __name__ == "__main__":
    threading.Thread(target=threading.Event().wait, daemon=True).start()  # fork is unsafe now
    assert _start_context().get_start_method() == "forkserver"
    articles = [r.article for r in read_inputs([sys.argv[1]]) if r.article is not None]
    for r in code_results(articles, workers=2, batch_size=1):
        print(r.article.id, flush=True)
"""


def test_kill_minus_nine_ends_workers_started_by_a_fork_server(
    feed: tuple[Path, list[str], dict[str, Any]],
) -> None:
    """Where forking is unsafe (another thread runs), workers are children of the fork server: they
    end when it ends, which it does with its parent."""
    folder, _, _ = feed
    proc = subprocess.Popen(
        [sys.executable, "-c", FORKSERVER_CODING, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    workers: set[int] = set()
    try:
        workers = _workers_of(proc, 3)  # the fork server and two workers
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=DEADLINE)
        wait_for(lambda: not any(alive(p) for p in workers), "end of the orphaned workers")
    finally:
        _reap(proc, workers)
    assert [p for p in workers if alive(p)] == []


def _reap(proc: subprocess.Popen[bytes], workers: set[int]) -> None:
    """Never leave a process of a test behind, even when the test fails."""
    if proc.poll() is None:
        proc.kill()
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


#: The CLI with one report whose coding never ends (the worker holding it waits until it is killed):
#: the run is still under way whatever moment the test's signal comes at, however loaded the machine.
HELD_REPORT = """\
import sys, threading
from dateline import parallel
from dateline.cli.main import main

held, coding = sys.argv[1], parallel.code_batch


def code_batch(articles, include_background=True):
    if any(a.id == held for a in articles):
        threading.Event().wait()
    return coding(articles, include_background)


parallel.code_batch = code_batch
if __name__ == "__main__":
    sys.exit(main(sys.argv[2:]))
"""


def start_holding(tmp_path: Path, held: str, args: list[str], **kw: Any) -> subprocess.Popen[bytes]:
    """:func:`start`, with the report ``held`` never finishing coding (:data:`HELD_REPORT`)."""
    script = tmp_path / "held_report.py"
    script.write_text(HELD_REPORT)
    return start(args, via=[sys.executable, str(script), held], **kw)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ingest_interrupted_says_what_it_stored_and_a_rerun_resumes(
    signum: int, code: int, feed: tuple[Path, list[str], dict[str, Any]], tmp_path: Path
) -> None:
    """The signal must come while the run is under way: a dozen small reports are stored in a
    fraction of a second, after which a late signal finds the process exiting, no longer ingesting.
    So the last report (a folder is read sorted, and stored in that order) never finishes coding."""
    folder, ids, reference = feed
    url = f"sqlite:///{tmp_path / 'store.db'}"
    # its own session, as a shell's job: Ctrl-C reaches the whole group, SIGTERM the parent only
    proc = start_holding(
        tmp_path, max(ids), ["ingest", str(folder), "--db", url, "--workers", "2"], start_new_session=True
    )
    workers: set[int] = set()
    try:
        workers = _workers_of(proc, 2)
        wait_for(lambda: stored_articles(url) >= 2, "two stored articles", proc)
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        rc, _, err = finish(proc)
        wait_for(lambda: not any(alive(p) for p in workers), "end of the workers")
    finally:
        _reap(proc, workers)
    assert rc == code
    name = "Ctrl-C (SIGINT)" if signum == signal.SIGINT else "SIGTERM"
    line = _one_line(err)
    assert line.startswith(f"dateline: interrupted by {name}: ")
    partial = stored_articles(url)
    assert 2 <= partial < len(ids)  # the held report (and its batch) was not stored
    assert f": {partial} of {len(ids)} articles coded and stored with " in line
    assert f"(all committed); {len(ids) - partial} left to code: run it again to resume" in line
    with Store.open(url) as store:
        again = store_ingest.ingest(store, [str(folder)], workers=1)
    assert (again.unchanged, again.coded) == (partial, len(ids) - partial)  # nothing coded twice
    check_invariants(url, ids)
    assert content(url) == reference


def test_code_interrupted_by_sigterm_prints_one_line_and_ends_its_workers(
    feed: tuple[Path, list[str], dict[str, Any]], tmp_path: Path
) -> None:
    """As for ingest, the last report never finishes coding, so the signal always lands while the
    run is under way (a dozen small reports are coded in a fraction of a second)."""
    folder, ids, _ = feed
    proc = start_holding(tmp_path, max(ids), ["code", str(folder), "--workers", "2"])
    workers: set[int] = set()
    try:
        workers = _workers_of(proc, 2)
        os.kill(proc.pid, signal.SIGTERM)
        rc, _, err = finish(proc)
        wait_for(lambda: not any(alive(p) for p in workers), "end of the workers")
    finally:
        _reap(proc, workers)
    assert rc == 143
    # one line, saying what was written (stdout here) before the signal
    said = re.fullmatch(
        r"dateline: interrupted by SIGTERM: (\d+) report\(s\) coded, their \d+ event\(s\) written; "
        r"the rest not coded",
        _one_line(err),
    )
    assert said
    assert int(said.group(1)) < len(ids)  # cut short: the held report (and its batch) was never coded


@pytest.fixture(name="received")
def received_fixture() -> Iterator[list[int]]:
    """SIGINT and SIGTERM recorded by handlers of the test's own, SIGUSR1 blocked: what
    ``signals_raise`` must find again when it ends. Yields the signals received."""
    got: list[int] = []

    def record(signum: int, _frame: Any) -> None:
        got.append(signum)

    before = {s: signal.signal(s, record) for s in (signal.SIGINT, signal.SIGTERM)}
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
    try:
        yield got
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for s, handler in before.items():
            signal.signal(s, handler)


def _handlers_and_mask() -> tuple[Any, Any, set[signal.Signals]]:
    return (
        signal.getsignal(signal.SIGINT),
        signal.getsignal(signal.SIGTERM),
        signal.pthread_sigmask(signal.SIG_BLOCK, []),
    )


@pytest.mark.parametrize("end", ["returns", "raises", "interrupted"])
def test_signals_raise_puts_back_the_handlers_and_the_mask_it_found(end: str, received: list[int]) -> None:
    from dateline.cli.signals import Interrupted, signals_raise

    def command() -> None:
        with signals_raise():
            assert signal.getsignal(signal.SIGTERM) is not before[1]  # the command's, inside
            if end == "interrupted":
                signal.raise_signal(signal.SIGTERM)
            if end == "raises":
                raise ValueError("the command failed")

    before = _handlers_and_mask()
    if end == "returns":
        command()
    else:
        with pytest.raises(Interrupted if end == "interrupted" else ValueError):
            command()
    assert _handlers_and_mask() == before
    assert signal.SIGUSR1 in before[2]
    assert received == []  # the signal inside was the command's


def test_a_signal_landing_while_the_handlers_are_put_back_goes_to_the_one_put_back(
    received: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal comes as one handler is put back, before the other is: it is the restored
    handler's, not an :class:`Interrupted` raised from the restoration (that left a handler of the
    command installed and turned a finished command's exit code into 130 or 143)."""
    from dateline.cli import signals

    real = signal.signal
    sent: list[int] = []

    def put_back(signum: int, handler: Any) -> Any:
        if handler is not signals._raise and not sent:  # the first restoration: the other signal lands
            sent.append(signal.SIGTERM if signum == signal.SIGINT else signal.SIGINT)
            signal.raise_signal(sent[0])
        return real(signum, handler)

    before = _handlers_and_mask()
    monkeypatch.setattr(signal, "signal", put_back)
    try:
        with signals.signals_raise():
            pass
    except signals.Interrupted as exc:  # a KeyboardInterrupt: pytest would stop on it
        pytest.fail(f"raised {exc!r} while restoring the handlers")
    finally:
        monkeypatch.undo()
    assert len(sent) == 1
    assert _handlers_and_mask() == before
    assert received == sent  # delivered once both were back


def test_a_signal_landing_just_before_the_handlers_are_put_back_is_the_commands(
    received: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One that lands before SIGINT and SIGTERM are blocked interrupts the command; the handlers and
    the mask are put back all the same."""
    from dateline.cli import signals

    real = signal.pthread_sigmask
    sent: list[int] = []

    def block(how: int, mask: Any) -> Any:
        if how == signal.SIG_BLOCK and set(mask) == {signal.SIGINT, signal.SIGTERM} and not sent:
            sent.append(signal.SIGTERM)
            signal.raise_signal(signal.SIGTERM)
        return real(how, mask)

    before = _handlers_and_mask()
    monkeypatch.setattr(signal, "pthread_sigmask", block)
    try:
        with pytest.raises(signals.Interrupted) as interrupted, signals.signals_raise():
            pass
    finally:
        monkeypatch.undo()
    assert sent == [signal.SIGTERM] and interrupted.value.signum == signal.SIGTERM
    assert _handlers_and_mask() == before
    assert received == []


def test_kill_minus_nine_of_a_dask_client_ends_its_local_cluster(
    feed: tuple[Path, list[str], dict[str, Any]], tmp_path: Path
) -> None:
    """The Dask path: a process coding on a LocalCluster of its own, killed, takes the cluster's
    worker processes with it."""
    pytest.importorskip("distributed")
    folder, _, _ = feed
    script = tmp_path / "dask_ingest.py"
    script.write_text(
        "import logging, sys\n"
        "import distributed\n"
        "from dateline.store import Store\n"
        "from dateline.store.ingest import ingest\n"
        "if __name__ == '__main__':\n"
        "    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,\n"
        "                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster:\n"
        "        with Store.open(sys.argv[2]) as store:\n"
        "            ingest(store, [sys.argv[1]], scheduler=cluster)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, str(script), str(folder), f"sqlite:///{tmp_path / 'store.db'}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    workers: set[int] = set()
    try:
        workers = _workers_of(proc, 2)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=DEADLINE)
        wait_for(lambda: not any(alive(p) for p in workers | descendants(proc.pid)), "end of the workers")
    finally:
        _reap(proc, workers)
    assert not any(alive(p) for p in workers)


# --- 4. one writer at a time -------------------------------------------------------------------------


def lock_holder(url: str) -> int | None:
    """The pid the store's writer lock names, if it is held."""
    from dateline.store import lock

    engine = sa.create_engine(url)
    try:
        if engine.url.get_backend_name() == "sqlite":
            path = lock_path(engine.url.database or "")
            if not path.exists():
                return None
            fd = os.open(path, os.O_RDONLY)
            try:
                return lock._read_holder(fd).pid
            finally:
                os.close(fd)
        with engine.connect() as conn:
            return lock._pg_holder(conn).pid
    finally:
        engine.dispose()


def test_two_ingests_on_one_store_code_each_article_once(
    db_url: str, feed: tuple[Path, list[str], dict[str, Any]]
) -> None:
    folder, ids, reference = feed
    first = start(["ingest", str(folder), "--db", db_url, "--workers", "1"])
    # the first holds the writer lock before the second starts
    wait_for(lambda: lock_holder(db_url) == first.pid, "the first writer's lock", first)
    second = start(["ingest", str(folder), "--db", db_url, "--workers", "1"])
    rc1, _, err1 = finish(first)
    rc2, _, err2 = finish(second)
    assert (rc1, rc2) == (0, 0), err1 + err2
    assert f"dateline: waiting for the writer pid {first.pid}" in err2
    assert f"{len(ids)} read, {len(ids)} coded" in err1
    assert f"{len(ids)} read, 0 coded, 0 changed and recoded, {len(ids)} unchanged" in err2
    check_invariants(db_url, ids)
    assert content(db_url) == reference  # the same events as one run


HOLD = """\
import sys
from dateline.store import Store
with Store.open(sys.argv[1]) as store, store.writer_lock():
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


@pytest.fixture(name="holder")
def holder_fixture(db_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """Another process holding the store's writer lock until its stdin is closed."""
    Store.open(db_url).close()  # the schema exists before the holder opens it
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, db_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=ENV
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == b"held\n"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=DEADLINE)


def test_a_second_writer_waits_for_the_lock_and_is_told_who_holds_it(
    db_url: str, holder: subprocess.Popen[bytes]
) -> None:
    told: list[int | None] = []

    def on_wait(who: Any) -> None:
        told.append(who.pid)
        assert holder.stdin is not None
        holder.stdin.close()  # the holder ends: the lock is released, the wait ends

    with Store.open(db_url) as store, store.writer_lock(on_wait=on_wait):
        assert told == [holder.pid]
        holder.wait(timeout=DEADLINE)


def test_no_wait_exits_with_75_naming_the_writer(
    db_url: str, holder: subprocess.Popen[bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dateline.cli.main import main

    write_reports(tmp_path / "feed", 1)
    with Store.open(db_url) as store, pytest.raises(WriterBusy) as busy:
        store_ingest.ingest(store, [str(tmp_path / "feed")], workers=1, wait=False)
    assert busy.value.holder.pid == holder.pid
    assert main(["ingest", str(tmp_path / "feed"), "--db", db_url, "--workers", "1", "--no-wait"]) == 75
    line = _one_line(capsys.readouterr().err)
    expected = rf"dateline: error: the store is being written by the writer pid {holder.pid} \(writing since "
    assert re.fullmatch(expected + r"\S+Z\); not waiting \(--no-wait\)", line), line
    assert stored_articles(db_url) == 0


def test_an_interrupted_report_says_what_was_stored_and_what_is_left() -> None:
    report = store_ingest.IngestReport(read=7)
    assert report.interrupted_summary() == (
        "stopped before coding began (7 articles read); nothing stored: run it again"
    )
    report.planned, report.coded, report.recoded, report.failed, report.events = 6, 2, 1, 1, 5
    assert report.interrupted_summary() == (
        "3 of 6 articles coded and stored with 5 events (all committed);"
        " 2 left to code: run it again to resume"
    )
