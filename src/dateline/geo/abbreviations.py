"""Postal and news-agency abbreviations of states and provinces ("Ky.", "Calif.", "B.C.").

The table is ``data/geo/state_abbreviations.tsv``. An abbreviation is read only as written
there, with its dots, and only where it cannot be an ordinary word: one with two dots or more
("B.C.", "N.Y.") anywhere but after a number ("500 B.C."); the others ("Ky.", "Miss.", "Man.")
only after a capitalised place name and a comma ("LEXINGTON, Ky.", "Churchill, Man."), as are
the two-letter postal codes, written without dots ("LOUISVILLE, KY", "Calgary, AB").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from dateline.geo.gazetteer import Gazetteer, Place

__all__ = ["after_place_comma", "find_abbreviation", "state_abbreviations", "state_for_abbreviation"]

_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "state_abbreviations.tsv"
# a capitalised word (or an upper-case dateline word), then a comma, right before the abbreviation
_PLACE_COMMA_RE = re.compile(r"[A-Z][\w'’.\-]*,[ \t]*$")
_NUMBER_BEFORE_RE = re.compile(r"\d[\d,]*\s*$")


def after_place_comma(text: str, start: int) -> bool:
    """Whether ``text`` has a capitalised word and a comma right before ``start`` ("PARIS, ")."""
    return _PLACE_COMMA_RE.search(text[max(0, start - 40) : start]) is not None


# a two-letter postal code, not the start of a longer word or an initialism ("KY", not "KYIV", "U.S")
_POSTAL_RE = re.compile(r"[A-Z]{2}(?![\w.])")
# a capitalised abbreviation without its dot ("EDMONTON, Ky (WBKO)", "Lexington, Tenn -"),
# ending a dateline or a clause: never before a word ("Mr Brown, Miss Smith", "Cal and Joe")
_BARE_ABBREVIATION_RE = re.compile(r"[A-Z][a-z]{1,4}(?=[ \t]*(?:[(\-—–:;,)\n]|\Z))")


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, tuple[str, str]]:
    """Abbreviation (with its dots) → (ISO2 country, first-level unit name)."""
    out: dict[str, tuple[str, str]] = {}
    for line in _PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        abbr, cc, name = line.split("\t")[:3]
        out[abbr.strip()] = (cc.strip(), name.strip())
    return out


@lru_cache(maxsize=256)
def _unit(gaz: Gazetteer, cc: str, name: str) -> Place | None:
    units = gaz.admin1(name, cc)
    return units[0] if units else None


def state_for_abbreviation(abbr: str, gaz: Gazetteer) -> Place | None:
    """The first-level unit an abbreviation names, whatever its context ("Ky." → Kentucky)."""
    entry = state_abbreviations().get(abbr.strip())
    return _unit(gaz, *entry) if entry else None


def find_abbreviation(text: str, start: int, gaz: Gazetteer) -> tuple[int, Place] | None:
    """If a state abbreviation is written at ``start`` in a context that makes it one, its end
    (after the last dot) and the unit it names."""
    table = state_abbreviations()
    m = re.match(r"(?:[A-Z]\.){2,}[A-Z]?\.?|[A-Z][A-Za-z]{0,4}\.(?:[A-Z][a-z]?\.?)?", text[start : start + 8])
    if m is None:
        postal = _POSTAL_RE.match(text, start)
        if postal is not None and postal.group() in table:
            surface = postal.group()
        else:
            # "EDMONTON, Ky (WBKO)": an abbreviation of the table written without its dot
            bare = _BARE_ABBREVIATION_RE.match(text, start)
            if bare is None or bare.group() + "." not in table:
                return None
            surface = bare.group() + "."
        if not after_place_comma(text, start):
            return None
        unit = state_for_abbreviation(surface, gaz)
        return (start + len(surface.rstrip(".")), unit) if unit is not None else None
    surface = m.group()
    while surface and surface not in table:
        surface = surface[:-1]  # "W.Va." / "N.Y." inside a longer match
    if not surface or surface not in table:
        return None
    end = start + len(surface)
    if end < len(text) and (text[end].isalnum()):
        return None
    if surface.count(".") >= 2:
        if _NUMBER_BEFORE_RE.search(text[max(0, start - 40) : start]):
            return None
    elif not after_place_comma(text, start):
        return None
    unit = state_for_abbreviation(surface, gaz)
    return (end, unit) if unit is not None else None
