"""Read quantity phrases ("at least 12", "dozens", "between ten and fifteen") into :class:`Quantity`.

Every figure is kept as a triple ``(low, best, high)``:

* ``best`` is the conservative figure ACLED would code (never inflated);
* ``low`` / ``high`` are the bounds the wording supports (``None`` when the text gives no bound).

Conventions (the single place they are decided; :data:`VAGUE` holds the vague-word table):

================================  =====  =====  =====  ===========
phrase                            low    best   high   approximate
================================  =====  =====  =====  ===========
"12", "twelve", "1,200"           12     12     12     no
"at least 12", "12 or more"       12     12     None   no
"more than 12", "over 12"         12     12     None   no   (the stated figure: see below)
"up to 12", "as many as 12"       None   12     12     yes  (the stated ceiling; nothing smaller is given)
"fewer than 12", "under 12"       None   11     11     yes
"nearly 12", "almost 12"          None   11     11     yes  ("nearly" means below the figure)
"about 12", "some 12", "~12"      None   12     None   yes
"10 to 15", "between 10 and 15"   10     10     15     no   (best = lower end)
"a" / "an" / "a single" / "one"   1      1      1      no
"no" / "zero" / "none"            0      0      0      no
================================  =====  =====  =====  ===========

Vague words (``basis="vague"``, approximate): the unit-plural words follow ACLED's codebook
("dozens" = 12, "hundreds" = 100); the other vague words take the *smallest plausible* reading:
"a couple" 2 (high 3), "some" 2, "a few" / "several" / "a number of" / "a handful" /
"many" / "numerous" 3, "a dozen" 12, "half a dozen" 6, "two dozen" 24, "a score" 20, "tens" 10,
"scores" 20, "hundreds" 100, "thousands" 1000, "tens of thousands" 10000,
"hundreds of thousands" 100000, "millions" 1000000. Modifiers apply on top ("more than a dozen" = 12,
"nearly a dozen" = 11).

"More than N" is coded N, the figure the report states (ACLED codes stated figures, the most
conservative reading); the strict bound N + 1 is a figure no source gave. "Nearly N" and "fewer
than N" exclude N itself, so they take N - 1: coding N would exceed what the text allows.

An unnumbered plural ("his wives were arrested") is :data:`UNSPECIFIED_PLURAL`: low 2, best 2,
``basis="plural"``. ``basis`` lets :func:`dateline.counts.casualties.combine` prefer a real number
over a vague word, and a vague word over a bare plural.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Quantity",
    "UNSPECIFIED_PLURAL",
    "ONE",
    "ZERO",
    "VAGUE",
    "QUANTITY_PATTERN",
    "parse_quantity",
    "words_to_int",
]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted figure: conservative ``best`` with the ``low``/``high`` bounds the wording gives.

    ``basis`` says where the figure came from: ``"number"`` (digits or number words),
    ``"article"`` (a/an/he/him/"the man"), ``"vague"`` (dozens, several), ``"plural"``
    (an unnumbered plural noun) or ``"zero"`` (no one, no casualties).
    """

    low: int | None
    best: int | None
    high: int | None
    approximate: bool = False
    basis: str = "number"


UNSPECIFIED_PLURAL = Quantity(2, 2, None, True, "plural")
ONE = Quantity(1, 1, 1, False, "article")
ZERO = Quantity(0, 0, 0, False, "zero")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

#: vague word -> (low, best, high). Keys are normalised (lower case, single spaces).
VAGUE: dict[str, tuple[int, int | None, int | None]] = {
    "tens of thousands": (10_000, 10_000, None),
    "hundreds of thousands": (100_000, 100_000, None),
    "half a dozen": (6, 6, 6),
    "a dozen": (12, 12, 12),
    "one dozen": (12, 12, 12),
    "dozens": (12, 12, None),
    "a couple": (2, 2, 3),
    "couple": (2, 2, 3),
    "a few": (3, 3, None),
    "several": (3, 3, None),
    "a number": (3, 3, None),
    "a handful": (3, 3, None),
    "many": (3, 3, None),
    "numerous": (3, 3, None),
    "some": (2, 2, None),
    "a score": (20, 20, 20),
    "scores": (20, 20, None),
    "tens": (10, 10, None),
    "hundreds": (100, 100, None),
    "thousands": (1000, 1000, None),
    "millions": (1_000_000, 1_000_000, None),
}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


_UNIT_RE = _alt(_UNITS)
_UNIT19_RE = _alt(w for w, v in _UNITS.items() if 1 <= v <= 9)
_TENS_RE = _alt(_TENS)
_SCALE_RE = _alt(_SCALES)
# "no one" is not "one": the zero patterns read it.
_SMALL = rf"(?:(?:{_TENS_RE})(?:(?:-|\s+)(?:{_UNIT19_RE}))?|(?<!no\s)(?:{_UNIT_RE}))\b"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d:/]|[.,]\d)"
_DECIMAL = r"\d+(?:\.\d+)?"
_WORDNUM = (
    rf"(?:(?:{_SMALL}|an?|{_DECIMAL})\s*(?:{_SCALE_RE})\b(?:\s+(?:and\s+)?(?:{_SMALL}|(?:{_SCALE_RE})\b))*"
    rf"|{_SMALL})"
)
_DOZEN = rf"(?:(?:{_SMALL}|\d+)\s+dozen\b)"
_NUM = rf"(?:{_DOZEN}|{_WORDNUM}|{_DIGITS})"
_VAGUE_RE = rf"(?:(?:{_alt(VAGUE)})\b)"

_MODIFIERS: dict[str, tuple[str, ...]] = {
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of",
                 "at a minimum", "minimum of"),
    "more_than": ("more than", "well over", "just over", "over", "upwards of", "in excess of",
                  "above", "well above", "greater than"),
    "up_to": ("up to", "as many as", "at most", "no more than", "not more than", "a maximum of",
              "maximum of", "as much as"),
    "fewer_than": ("fewer than", "less than", "under", "below"),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of", "nearing", "approaching",
               "not quite", "just below"),
    "about": ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
              "approx.", "approx", "circa", "perhaps", "possibly", "an approximate", "more or less"),
}  # fmt: skip
_MOD_KIND = {re.sub(r"\s+", " ", w): k for k, ws in _MODIFIERS.items() for w in ws}
_MOD_RE = rf"(?:(?:{_alt(_MOD_KIND)})(?![\w.]))"
_RANGE = rf"(?:between\s+{_NUM}\s+and\s+{_NUM}|{_DIGITS}\s*[-–—]\s*{_DIGITS}|{_NUM}\s+(?:to|or)\s+{_NUM})"
_ARTICLE = r"(?:an?\s+single|a\s+lone|an?|another|a\s+further|an\s+additional)\b"
_ZERO_W = r"(?:no|none|zero)\b"
_SUFFIX = r"(?:\s+or\s+more\b|\s*\+|-plus\b|\s+plus\b|\s+or\s+so\b)"
_PREFIX = r"(?:(?:the|another|a\s+further|an\s+additional|additional|a\s+total\s+of)\s+)"

#: A quantity phrase without capture groups, for embedding in larger patterns (use re.IGNORECASE).
QUANTITY_PATTERN = (
    rf"(?:{_PREFIX}?(?:{_MOD_RE}\s*)?(?:{_RANGE}|{_NUM}|{_VAGUE_RE}){_SUFFIX}?"
    rf"|{_PREFIX}?{_ZERO_W}|{_ARTICLE})"
)

_PARSE_RE = re.compile(
    rf"^(?:{_PREFIX})?(?:(?P<mod>{_MOD_RE})\s*)?"
    rf"(?:(?P<range>{_RANGE})|(?P<num>{_NUM})|(?P<vague>{_VAGUE_RE})|(?P<zero>{_ZERO_W})|(?P<art>{_ARTICLE}))"
    rf"(?P<suf>{_SUFFIX})?(?:\s+of)?$",
    re.IGNORECASE,
)
_RANGE_SPLIT = re.compile(rf"^(?:between\s+)?({_NUM})\s*(?:-|–|—|\bto\b|\bor\b|\band\b)\s*({_NUM})$", re.I)
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+", re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """``"two thousand five hundred"`` -> 2500, ``"1,200"`` -> 1200, ``"1.5 million"`` -> 1500000."""
    s = text.lower().replace(",", "").replace("-", " ").strip()
    if not s:
        return None
    if re.fullmatch(r"\d+", s):
        return int(s)
    total = 0.0
    current = 0.0
    seen = False
    for tok in _TOKEN.findall(s):
        if tok == "and":
            continue
        if tok in ("a", "an"):
            current = max(current, 1)
            seen = True
        elif tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok in _TENS:
            current += _TENS[tok]
            seen = True
        elif tok == "dozen":
            current = max(current, 1) * 12
            seen = True
        elif tok == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif tok in _SCALES:
            total += max(current, 1) * _SCALES[tok]
            current = 0
            seen = True
        elif tok[0].isdigit():
            current += float(tok)
            seen = True
        else:
            return None
    return int(round(total + current)) if seen else None


def _core(m: re.Match[str]) -> Quantity | None:
    if m.group("range"):
        rm = _RANGE_SPLIT.match(_norm(m.group("range")))
        if not rm:
            return None
        a, b = words_to_int(rm.group(1)), words_to_int(rm.group(2))
        if a is None or b is None:
            return None
        a, b = min(a, b), max(a, b)
        return Quantity(a, a, b, False)
    if m.group("num"):
        n = words_to_int(m.group("num"))
        return None if n is None else Quantity(n, n, n, False)
    if m.group("vague"):
        low, best, high = VAGUE[_norm(m.group("vague"))]
        return Quantity(low, best, high, True, "vague")
    if m.group("zero"):
        return ZERO
    if m.group("art"):
        return ONE
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _apply(mod: str | None, suffix: str | None, q: Quantity) -> Quantity:
    n = q.best if q.best is not None else q.low
    if n is None:
        return q
    if suffix:
        suf = _norm(suffix)
        if suf == "or so":
            mod = mod or "about"
        else:  # "or more", "+", "plus"
            return Quantity(q.low if q.low is not None else n, n, None, q.approximate, q.basis)
    if mod is None:
        return q
    kind = _MOD_KIND.get(_norm(mod).rstrip("."), _MOD_KIND.get(_norm(mod)))
    if kind == "at_least":
        lo = q.low if q.low is not None else n
        return Quantity(lo, lo, None, q.approximate, q.basis)
    if kind == "more_than":  # the stated figure, as ACLED codes it (not n + 1)
        lo = q.low if q.low is not None else n
        return Quantity(lo, lo, None, q.approximate, q.basis)
    if kind == "up_to":
        top = q.high if q.high is not None else n
        return Quantity(None, top, top, True, q.basis)
    if kind in ("fewer_than", "nearly"):
        top = max(n - 1, 0)
        return Quantity(None, top, top, True, q.basis)
    if kind == "about":
        return Quantity(None, n, None, True, q.basis)
    return q


@lru_cache(maxsize=4096)
def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole quantity phrase; ``None`` when ``text`` is not one.

    >>> parse_quantity("at least 12")
    Quantity(low=12, best=12, high=None, approximate=False, basis='number')
    >>> parse_quantity("more than a dozen").best
    12
    """
    m = _PARSE_RE.match(_norm(text))
    if not m:
        return None
    q = _core(m)
    if q is None:
        return None
    if q.basis == "zero" or (q.basis == "article" and not m.group("mod")):
        return q
    return _apply(m.group("mod"), m.group("suf"), q)
