"""What the readers hand back: an article or a one-line error, and the options they read with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateline.model import Article

#: Longest article id read (the store's column holds 512 characters).
MAX_ID_CHARS = 512


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not be read (or, with ``skipped``, a file in a folder that was not
    read because it is no report), as a one-line message."""

    source: str
    message: str
    line: int | None = None
    skipped: bool = False

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"

    def cli_line(self) -> str:
        """The line the command line prints: ``dateline: error: FILE:LINE: problem`` (or
        ``dateline: skipped: FILE: why`` for a file a folder holds that is not a report)."""
        return f"dateline: {'skipped' if self.skipped else 'error'}: {self}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Either an article or the error that kept one from being read; ``record`` is the JSON object
    a JSON Lines article was read from (``geoparse`` takes its ``spans`` and its ``id`` as given) and
    ``where`` the file and line it is on."""

    article: Article | None = None
    error: InputError | None = None
    record: dict[str, Any] | None = None
    where: str | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: the publication date for reports that carry none, and for CSV files
    the header names of the text, date and id columns (None: the usual names, see
    :data:`dateline.ingest.formats.TEXT_COLUMNS` and its siblings)."""

    published: date | None = None
    text_column: str | None = None
    date_column: str | None = None
    id_column: str | None = None
