"""Ctrl-C (SIGINT) and SIGTERM in the command line: one line on stderr, never a traceback.

While a command runs, both signals raise :class:`Interrupted` in the main thread, so that every
``finally`` runs: worker processes are stopped, an open transaction is rolled back, and what was
committed stays (``ingest`` prints what it stored). The exit code is the shell's: 128 + the
signal number (130 for SIGINT, 143 for SIGTERM).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

#: What the one line calls each signal.
_NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised in the main thread (a KeyboardInterrupt, so ``except Exception``
    never swallows it)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = int(signum)


def signal_of(exc: BaseException) -> int:
    """The signal behind an interruption (a plain KeyboardInterrupt is SIGINT)."""
    return int(getattr(exc, "signum", signal.SIGINT))


def exit_code(exc: BaseException) -> int:
    """128 + the signal number, as a shell reports a process ended by it."""
    return 128 + signal_of(exc)


def describe(exc: BaseException) -> str:
    """``Ctrl-C (SIGINT)`` or ``SIGTERM``."""
    signum = signal_of(exc)
    return _NAMES.get(signal.Signals(signum), signal.Signals(signum).name)


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def signals_raise() -> Iterator[None]:
    """Inside: SIGINT and SIGTERM raise :class:`Interrupted`; the handlers are restored after.

    Only the main thread can take signal handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def run_interruptible(command: Callable[[], int]) -> int:
    """Run a CLI command; on SIGINT or SIGTERM print one line and return 130 or 143.

    A command that says more about what it did when interrupted (``ingest``) catches
    :class:`Interrupted` itself and returns :func:`exit_code`."""
    try:
        with signals_raise():
            return command()
    except KeyboardInterrupt as exc:
        print(f"dateline: interrupted by {describe(exc)}", file=sys.stderr)
        return exit_code(exc)
