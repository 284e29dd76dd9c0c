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
from typing import Any

#: What the one line calls each signal.
_NAMES = {signal.SIGINT: "Ctrl-C (SIGINT)", signal.SIGTERM: "SIGTERM"}
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_MASKS = hasattr(signal, "pthread_sigmask")  # not on Windows


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
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, ()) if _MASKS else None  # read, left as it is
    previous = {s: signal.signal(s, _raise) for s in _SIGNALS}
    try:
        yield
    finally:
        _restore(previous, mask)


def _restore(previous: dict[int, Any], mask: set[signal.Signals] | None) -> None:
    """Put back the ``previous`` handlers, SIGINT and SIGTERM blocked meanwhile, then the ``mask``.

    A signal landing between two restorations waits, and is then delivered to the handler put back
    for it: it would otherwise raise :class:`Interrupted` from here, leave a handler of ours
    installed, and turn the exit code of a command that had finished into 130 or 143. One that
    landed just before (while the command ran) may still run our handler as the block is made: it
    is raised once the handlers and the mask are back."""
    late: Interrupted | None = None
    try:
        while True:  # ends: once they are blocked, neither signal can come again
            try:
                if mask is not None:
                    signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
                for s, handler in previous.items():
                    signal.signal(s, handler)
                break
            except Interrupted as exc:
                late = exc
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    if late is not None:
        raise late


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
