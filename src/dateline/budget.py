"""A time budget per article: an article that takes longer is reported and skipped, never hung on.

The budget is ``seconds + per_10k`` seconds for every 10,000 characters of the article (coding
costs grow linearly with length: a long report gets proportionally more time), in wall-clock
time. The defaults leave room for a busy machine: a 2 MB report (about 1,000 s allowed) took
156 s of CPU on an idle core and 800 s of wall time at a load of 10 on two cores. It is read
from the environment when a pipeline is built:

- ``DATELINE_ARTICLE_SECONDS``: the base, in seconds (default 60; ``0`` means no limit);
- ``DATELINE_ARTICLE_SECONDS_PER_10K``: the extra seconds per 10,000 characters (default 5).

:func:`deadline` enforces it with ``SIGALRM`` where it can (the main thread of a process on a
POSIX system: the CLI and every local worker process), which stops a stage in the middle;
elsewhere (a Dask worker's thread, Windows) the pipeline checks the clock between stages.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

log = logging.getLogger(__name__)

ENV_SECONDS = "DATELINE_ARTICLE_SECONDS"
ENV_PER_10K = "DATELINE_ARTICLE_SECONDS_PER_10K"
DEFAULT_SECONDS = 60.0
DEFAULT_PER_10K = 5.0


class ArticleTimeout(Exception):
    """An article took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {_fmt(seconds)} s; skipped")
        self.seconds = seconds

    def __reduce__(self) -> tuple[type[ArticleTimeout], tuple[float]]:  # sent back from workers
        return (ArticleTimeout, (self.seconds,))


def _fmt(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 else f"{seconds:g}"


@dataclass(frozen=True, slots=True)
class TimeBudget:
    """Seconds an article may take: ``seconds`` plus ``per_10k`` per 10,000 characters (0: no limit)."""

    seconds: float = DEFAULT_SECONDS
    per_10k: float = DEFAULT_PER_10K

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> TimeBudget:
        """The budget set by ``DATELINE_ARTICLE_SECONDS`` and ``..._PER_10K`` (see the module)."""
        env = os.environ if environ is None else environ
        return cls(
            _env_seconds(env, ENV_SECONDS, DEFAULT_SECONDS), _env_seconds(env, ENV_PER_10K, DEFAULT_PER_10K)
        )

    @property
    def unlimited(self) -> bool:
        return self.seconds <= 0

    def for_text(self, chars: int) -> float | None:
        """The budget of an article of ``chars`` characters (None: no limit)."""
        if self.unlimited:
            return None
        return self.seconds + self.per_10k * chars / 10_000


def _env_seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """The seconds set in ``env[name]``; a value that is not a number of seconds is logged and the
    default used (a typo in the environment must not stop a feed)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        log.warning("%s=%r is not 0 (no limit) or a number of seconds; using %g", name, raw, default)
        return default
    return value


def can_interrupt() -> bool:
    """Whether :func:`deadline` can stop code in the middle here: the main thread, on POSIX,
    with no other interval timer running."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def deadline(seconds: float | None, budget: float | None = None) -> Iterator[bool]:
    """Raise :class:`ArticleTimeout` (naming ``budget``, default ``seconds``) in the block once
    ``seconds`` have passed. Yields whether it can (see :func:`can_interrupt`); when it cannot,
    or ``seconds`` is None, the block runs unbounded and the caller checks the clock itself."""
    if seconds is None or not can_interrupt():
        yield False
        return
    told = seconds if budget is None else budget

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeout(told)

    previous = signal.signal(signal.SIGALRM, on_alarm) or signal.SIG_DFL
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
