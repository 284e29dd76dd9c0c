"""Where the CLI writes: output files checked before any work starts, ``dateline code``'s
events streamed as each article finishes, and a reader that went away (``| head``) ended quietly."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.model import Event

#: The table's width when the output is no terminal and ``$COLUMNS`` is unset.
TABLE_WIDTH = 160


class OutputError(Exception):
    """An output path that cannot be written: ``str()`` is ``PATH: problem``."""


def workers_arg(value: str) -> int:
    """``--workers N``: 0 means all the machine's cores, 1 codes in this process."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return n


def check_output(path: Path) -> None:
    """Raise :class:`OutputError` unless ``path`` can be written as a file (its folder is
    created); a file that did not exist is not left behind."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{path}: cannot write ({parent} is not a folder)")
            break
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if not existed:
        path.unlink(missing_ok=True)


def open_output(path: Path) -> IO[str]:
    """``path`` opened for writing text, or :class:`OutputError`."""
    check_output(path)
    try:
        return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by EventSink
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def quiet_stdout() -> None:
    """The reader of stdout has gone (``| head``): send what is left to /dev/null, so that
    Python's final flush raises no second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no real file (a test's capture): nothing to flush
        pass


def table_width() -> int:
    """The terminal's width (``$COLUMNS`` first), else :data:`TABLE_WIDTH`."""
    return shutil.get_terminal_size((TABLE_WIDTH, 24)).columns


class EventSink:
    """``dateline code``'s output: JSON Lines or CSV lines written and flushed per article (a
    reader sees each article's events as it finishes), a table rendered once at the end; the
    same events also as JSON Lines to ``--save``. Output files are opened before coding starts."""

    def __init__(self, fmt: str, output: Path | None, save: Path | None, raw: bool = False) -> None:
        self.fmt = fmt
        self._own: list[IO[str]] = []
        for path in (output, save):  # both checked before either is opened (and truncated)
            if path is not None:
                check_output(path)
        self.out: IO[str] = self._open(output) if output else sys.stdout
        self.save: IO[str] | None = self._open(save) if save else None
        self._table: list[Event] = []
        self._csv: Any = None
        if fmt == "csv":
            from dateline.export.safety import SafeDictWriter
            from dateline.model import ACLED_COLUMNS, EXTRA_COLUMNS

            self._csv = SafeDictWriter(self.out, ACLED_COLUMNS + EXTRA_COLUMNS, raw=raw)
            self._csv.writeheader()
            self.out.flush()

    def _open(self, path: Path) -> IO[str]:
        try:
            fh = open_output(path)
        except OutputError:
            self.close()
            raise
        self._own.append(fh)
        return fh

    @property
    def to_terminal(self) -> bool:
        return self.out is sys.stdout and sys.stdout.isatty()

    def write(self, events: list[Event]) -> None:
        """One article's events."""
        if self.fmt == "table":
            self._table.extend(events)
        elif self.fmt == "csv":
            for e in events:
                self._csv.writerow(e.to_row())
        else:
            self.out.write("".join(e.to_json() + "\n" for e in events))
        if self.fmt != "table":
            self.out.flush()
        if self.save is not None:
            self.save.write("".join(e.to_json() + "\n" for e in events))
            self.save.flush()

    def finish(self) -> None:
        """Write what waits for the end (the table), then close the files."""
        try:
            if self.fmt == "table":
                from dateline.export import render_table

                self.out.write(render_table(self._table, width=table_width()))
                self.out.flush()
        finally:
            self.close()

    def close(self) -> None:
        for fh in self._own:
            fh.close()
        self._own = []
