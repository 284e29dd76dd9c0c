"""Texts written in one case: lower-cased archives, wire copy in capitals."""

from __future__ import annotations

__all__ = ["one_case"]

#: a text is in one case when fewer than this share of its letters are capitals, or more than 1 - it
ONE_CASE_SHARE = 0.02
_MIN_LETTERS = 40


def one_case(text: str) -> str | None:
    """"lower" or "upper" when (nearly) all of the text's letters are in that case, else None
    (also for a text of fewer than 40 letters)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return None
    upper = sum(c.isupper() for c in letters) / len(letters)
    if upper < ONE_CASE_SHARE:
        return "lower"
    if upper > 1 - ONE_CASE_SHARE:
        return "upper"
    return None
