"""The time stage: find date expressions in news text and resolve them like an ACLED coder."""

from dateline.time.dates import DateExpr, ResolvedDate, find_dates, resolve, resolve_text

__all__ = ["DateExpr", "ResolvedDate", "find_dates", "resolve", "resolve_text"]
