"""Code many articles at once: in this process, on the machine's cores, or on a Dask cluster.

Every way runs the same function, :func:`code_batch`, over small batches of articles. It codes
them with the process's default pipeline, which is loaded once per process and kept (a worker
loads spaCy, the gazetteer, the actor dictionary and the event classifier once, never per
article), and it parses each batch with one ``nlp.pipe`` call. Results stream back to the caller
as batches finish; the caller (the CLI, the store) is the single writer.

- ``workers=1`` (and no scheduler) codes in this process;
- ``workers=N`` (default: the machine's cores) uses a local pool of N processes. Where ``fork``
  is safe (Linux, and no other thread running in this process) the pipeline is loaded once here
  and the workers are forked from it, so they start at once and share its memory pages; else
  each worker is started fresh (``forkserver``/``spawn``) and loads the pipeline itself;
- ``scheduler="tcp://host:8786"`` (or a ``distributed.Client``, or a ``LocalCluster``) runs the
  batches on the Dask cluster's workers; each worker process keeps its own pipeline. Start the
  workers with one thread each (``dask worker tcp://host:8786 --nworkers 2 --nthreads 1``):
  the coding is pure Python and spaCy under the GIL, so threads add nothing but a shared pipeline.

If a local worker process dies (killed, out of memory), the batches in flight are reported as
failed and the next submission raises ``BrokenProcessPool``: the run stops, and the caller may
start it again.

Workers never outlive the run that started them:

- when the caller stops early (an exception, Ctrl-C, SIGTERM turned into an exception by the
  CLI, or the consumer closing the generator), the local workers are killed at once rather than
  left to finish their batches, and Dask futures still pending are cancelled;
- when the parent process dies without cleaning up (``kill -9``, out of memory), each local worker
  notices: on Linux the kernel sends it SIGKILL (``prctl(PR_SET_PDEATHSIG)``), and everywhere a
  watchdog thread exits it once its parent process is gone (:func:`die_with_parent`). A Dask
  ``LocalCluster``'s worker processes watch their parent the same way (distributed does it); the
  workers of a cluster started on its own (``dask worker``) belong to that cluster and stay up,
  and the scheduler drops the dead client's tasks.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from dateline.model import Article, Event
from dateline.pipeline import batched, default_pipeline

log = logging.getLogger(__name__)

#: Articles per task: big enough for a batched parse and little scheduling overhead, small
#: enough to keep every worker busy to the end of a run.
LOCAL_BATCH = 4
DASK_BATCH = 4
IN_PROCESS_BATCH = 8
#: Batches in flight (submitted or finished but not yet handed over) per worker.
WINDOW_PER_WORKER = 3
#: Seconds between a worker's checks that its parent process is still there.
PARENT_POLL_SECONDS = 0.5


@dataclass(slots=True)
class CodingResult:
    """One article with its events, or the error that kept it from being coded."""

    article: Article
    events: list[Event]
    error: str | None = None  # "ExceptionType: message" when coding failed


#: What a worker sends back for one article: the events and an error message (or None).
Payload = tuple[list[Event], str | None]


def code_batch(articles: list[Article], include_background: bool = True) -> list[Payload]:
    """Code ``articles`` with this process's default pipeline (the unit of work of every mode).

    Returns, in order, each article's events and error; the articles themselves are not sent
    back. An article that fails gets no events and its error; the rest of the batch is coded.
    """
    results = default_pipeline().run_batch(articles)
    out: list[Payload] = []
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Exception):
            log.debug("coding %s failed", article.id, exc_info=result)
            out.append(([], f"{type(result).__name__}: {result}"))
        else:
            out.append(([e for e in result.events if include_background or not e.is_background], None))
    return out


def code_results(
    articles: Iterable[Article],
    *,
    scheduler: Any = None,
    workers: int | None = None,
    include_background: bool = True,
    ordered: bool = False,
    batch_size: int | None = None,
) -> Iterator[CodingResult]:
    """Code ``articles`` and yield a :class:`CodingResult` for each, failures included.

    ``ordered=True`` yields in input order (finished batches wait for earlier ones); otherwise
    results come as batches finish. Input is read lazily: only a few batches per worker are in
    flight at a time, so a stream of any length can be coded.
    """
    if scheduler is not None:
        yield from _code_dask(articles, scheduler, include_background, ordered, batch_size or DASK_BATCH)
        return
    n = workers if workers is not None else available_cores()
    if n < 1:
        raise ValueError(f"workers must be at least 1, not {n}")
    stream = iter(articles)
    head = list(islice(stream, (batch_size or LOCAL_BATCH) + 1))
    # no more than one batch: one worker would get it all, after loading the pipeline in a new
    # process; this one codes it sooner (`dateline code report.txt` forks nothing)
    small = len(head) <= (batch_size or LOCAL_BATCH)
    articles = chain(head, stream)
    if n == 1 or small:
        for chunk in batched(articles, batch_size or IN_PROCESS_BATCH):
            for article, (events, error) in zip(chunk, code_batch(chunk, include_background), strict=True):
                yield CodingResult(article, events, error)
        return
    yield from _code_local(articles, n, include_background, ordered, batch_size or LOCAL_BATCH)


def code_articles(
    articles: Iterable[Article],
    *,
    scheduler: Any = None,
    workers: int | None = None,
    include_background: bool = True,
    ordered: bool = False,
) -> Iterator[tuple[Article, list[Event]]]:
    """Code ``articles`` with the default pipeline; yield each article with its events as they finish.

    ``scheduler=None`` codes on this machine: ``workers`` processes (default: all cores;
    ``workers=1`` means in this process). ``scheduler="tcp://host:port"`` (or a
    ``distributed.Client`` or ``LocalCluster``) runs the same per-batch function on the Dask
    cluster. Background events are included, flagged ``is_background``, unless
    ``include_background=False``. An article that cannot be coded is logged and yielded with an
    empty list; nothing is raised for it. ``ordered=True`` keeps the input order.
    """
    for r in code_results(
        articles, scheduler=scheduler, workers=workers, include_background=include_background, ordered=ordered
    ):
        if r.error is not None:
            log.warning("%s: could not be coded (%s)", r.article.id, r.error)
        yield r.article, r.events


def load_pipeline() -> None:
    """Load this process's default pipeline now (e.g. on every Dask worker: ``client.run(load_pipeline)``)."""
    default_pipeline()


def pipeline_loaded() -> bool:
    """Whether this process has loaded its default pipeline (it is kept for the process's life)."""
    return default_pipeline.cache_info().currsize > 0


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- local processes -------------------------------------------------------------------------


def _code_local(
    articles: Iterable[Article], n: int, include_background: bool, ordered: bool, batch_size: int
) -> Iterator[CodingResult]:
    batches = batched(articles, batch_size)
    first = next(batches, None)
    if first is None:  # nothing to code: no pool, no pipeline loaded
        return
    ctx = _start_context()
    forking = ctx.get_start_method() == "fork"
    if forking:
        default_pipeline()  # loaded once here, shared with the forked workers
        gc.freeze()  # keep the loaded objects out of the collector: fewer copied pages
    pool = ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(),)
    )
    finished = False
    try:

        def submit(batch: list[Article]) -> Future[list[Payload]]:
            return pool.submit(code_batch, batch, include_background)

        def wait_first(futures: set[Any]) -> set[Any]:
            return set(wait_futures(futures, return_when=FIRST_COMPLETED).done)

        yield from _stream(_chain(first, batches), submit, wait_first, WINDOW_PER_WORKER * n, ordered)
        finished = True
    finally:
        if not finished:  # stopped early (an error, Ctrl-C, SIGTERM, the consumer closed us)
            kill_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
        if forking:
            gc.unfreeze()


def kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a local pool's workers now: the batches they hold are dropped, not finished (nothing
    of them has been stored, so a re-run codes them again)."""
    processes = getattr(pool, "_processes", None) or {}  # no public accessor before Python 3.14
    for proc in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):  # already gone, or already closed
            proc.kill()


def _start_context() -> BaseContext:
    """``fork`` where it is safe (one thread in this process), else a fresh interpreter per worker."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _init_worker(owner: int) -> None:
    """Runs once in every local worker: dies with its parent, one BLAS thread (the cores are the
    processes'), Ctrl-C left to the parent, and the pipeline loaded (already there when forked)."""
    die_with_parent(owner)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent acts
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - installed with scikit-learn
        pass
    default_pipeline()


def die_with_parent(owner: int | None = None, poll_seconds: float = PARENT_POLL_SECONDS) -> None:
    """Make this process end when its parent, and ``owner`` (the process that wants it, default the
    parent), end, however they end (even ``kill -9``).

    On Linux the kernel sends SIGKILL when the parent exits (``PR_SET_PDEATHSIG``); everywhere a
    daemon thread checks every ``poll_seconds`` that the parent is still the same process (an
    orphan is adopted by another) and that the owner still runs, and exits this one at once when
    not. A worker started by the ``forkserver`` has the fork server as its parent, not the owner:
    the owner may have died (and the fork server with it) while the worker was still importing,
    before this runs, which the owner check catches."""
    parent = os.getppid()
    owner = parent if owner is None else owner
    if sys.platform.startswith("linux"):
        _set_parent_death_signal(signal.SIGKILL)

    def gone() -> bool:
        return os.getppid() != parent or not _running(owner)

    if gone():  # ended before we got here
        os._exit(1)

    def watch() -> None:
        while not gone():
            time.sleep(poll_seconds)
        os._exit(1)  # no clean-up: a worker holds nothing the parent has not written

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has: it only awaits its reaping)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: ours cannot have become that
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no /proc (not Linux): existing is all we can tell
        return True
    return stat[stat.rindex(")") + 2 :].split()[0] != "Z"


_PR_SET_PDEATHSIG = 1


def _set_parent_death_signal(signum: int) -> bool:
    """``prctl(PR_SET_PDEATHSIG, signum)`` through libc; False where it is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)  # this process's own symbols: libc's among them
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)) == 0
    except (OSError, AttributeError):  # no libc or no prctl: the watchdog thread still works
        return False


# --- Dask ------------------------------------------------------------------------------------


def _code_dask(
    articles: Iterable[Article], scheduler: Any, include_background: bool, ordered: bool, batch_size: int
) -> Iterator[CodingResult]:
    from distributed import Client
    from distributed import wait as dask_wait

    own = not isinstance(scheduler, Client)
    client = Client(getattr(scheduler, "scheduler_address", scheduler)) if own else scheduler
    try:
        threads = max(sum(client.nthreads().values()), 1)

        def submit(batch: list[Article]) -> Any:
            return client.submit(code_batch, batch, include_background, pure=False)

        def wait_first(futures: set[Any]) -> set[Any]:
            return set(dask_wait(list(futures), return_when="FIRST_COMPLETED").done)

        def cancel(futures: list[Any]) -> None:
            client.cancel(futures)  # a stopped run leaves no task queued on the cluster

        yield from _stream(
            batched(articles, batch_size), submit, wait_first, WINDOW_PER_WORKER * threads, ordered, cancel
        )
    finally:
        if own:
            client.close()


# --- the shared streaming loop ---------------------------------------------------------------


def _stream(
    batches: Iterator[list[Article]],
    submit: Callable[[list[Article]], Any],
    wait_first: Callable[[set[Any]], set[Any]],
    window: int,
    ordered: bool,
    cancel: Callable[[list[Any]], None] | None = None,
) -> Iterator[CodingResult]:
    """Keep up to ``window`` batches in flight; yield results as they finish (or in input order).

    Stopped early (an exception, or the consumer closing the generator), the batches still in
    flight are cancelled: ``cancel`` (Dask), else each future's own ``cancel``."""
    pending: dict[Any, tuple[int, list[Article]]] = {}
    try:
        yield from _stream_loop(batches, submit, wait_first, window, ordered, pending)
    except BaseException:
        with contextlib.suppress(Exception):  # a lost connection must not hide why we stopped
            if cancel is not None:
                cancel(list(pending))
            else:
                for fut in pending:
                    fut.cancel()
        raise


def _stream_loop(
    batches: Iterator[list[Article]],
    submit: Callable[[list[Article]], Any],
    wait_first: Callable[[set[Any]], set[Any]],
    window: int,
    ordered: bool,
    pending: dict[Any, tuple[int, list[Article]]],
) -> Iterator[CodingResult]:
    ready: dict[int, list[CodingResult]] = {}
    submitted = emitted = 0
    exhausted = False
    while True:
        while not exhausted and len(pending) + len(ready) < window:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
            else:
                pending[submit(batch)] = (submitted, batch)
                submitted += 1
        if not pending:
            break
        for fut in wait_first(set(pending)):
            seq, batch = pending.pop(fut)
            results = _collect(fut, batch)
            if ordered:
                ready[seq] = results
            else:
                yield from results
        while emitted in ready:
            yield from ready.pop(emitted)
            emitted += 1
    for seq in sorted(ready):  # pragma: no cover - every batch is emitted in the loop
        yield from ready.pop(seq)


def _collect(fut: Any, batch: list[Article]) -> list[CodingResult]:
    try:
        payloads: list[Payload] = fut.result()
    except Exception as exc:  # the worker died or the batch could not be sent: all of it failed
        log.debug("a batch of %d articles failed", len(batch), exc_info=True)
        message = f"{type(exc).__name__}: {exc}"
        return [CodingResult(a, [], message) for a in batch]
    return [CodingResult(a, events, error) for a, (events, error) in zip(batch, payloads, strict=True)]


def _chain(first: list[Article], rest: Iterator[list[Article]]) -> Iterator[list[Article]]:
    yield first
    yield from rest
