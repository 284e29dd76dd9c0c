"""CSV cells safe to open in a spreadsheet: formula ("CSV") injection neutralized.

Outlet names, article ids, headlines and notes arrive from feeds as they are. A cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some spreadsheets skip
before one of those) is read by Excel, LibreOffice and Google Sheets as a formula:
``=HYPERLINK(...)`` sends data away, ``=cmd|' /C calc'!A0`` runs a program. As OWASP recommends,
such a text cell is written with a single quote in front (``'=HYPERLINK(...)``), which the
spreadsheet shows as text and does not evaluate.

Only text is touched: numbers (fatalities, a latitude of -12.3, a negative count) are written as
numbers, since their column holds Python ``int``/``float`` values, never strings. ``raw=True``
(``--raw`` on the command line) writes every cell exactly as it arrived.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

__all__ = ["FORMULA_PREFIXES", "SafeDictWriter", "neutralize", "safe_row"]

#: First characters that make a spreadsheet cell a formula (OWASP, "CSV Injection").
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """``value`` with a ``'`` in front when it is text starting like a formula; else unchanged
    (numbers, booleans and ``None`` are never text, so they are never changed)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every text cell of ``row`` neutralized (see :func:`neutralize`)."""
    return {k: neutralize(v) for k, v in row.items()}


class SafeDictWriter:
    """A :class:`csv.DictWriter` whose cells are neutralized unless ``raw``.

    Rows end in ``\n``. Python's writer then leaves a bare carriage return in a cell unquoted,
    which every reader takes for the end of the row; a row holding one is written with its text
    cells quoted (numbers still bare), so that the cell reads back whole, ``raw`` or not."""

    def __init__(self, out: IO[str], fieldnames: Iterable[str], *, raw: bool = False) -> None:
        self.fieldnames = list(fieldnames)
        self.raw = raw
        self._writer = csv.DictWriter(out, fieldnames=self.fieldnames, lineterminator="\n")
        self._quoted = csv.DictWriter(
            out, fieldnames=self.fieldnames, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
        )

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        cells = row if self.raw else safe_row(row)
        has_cr = any(isinstance(v, str) and "\r" in v for v in cells.values())
        (self._quoted if has_cr else self._writer).writerow(cells)
