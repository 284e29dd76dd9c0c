"""Find date expressions in English news text and resolve them against the publication date.

The rules follow how an ACLED coder reads a report:

* a weekday is the most recent such day on or before publication ("on Wednesday" in a report
  published on a Wednesday is that very day), never a future one;
* a year-less date or month is the most recent one not after publication;
* ranges keep their first and last day, and the precision codes follow from the span:
  ACLED ``time_precision`` (1 day, 2 week, 3 month or longer) and UCDP GED ``date_prec``
  (1 exact day, 2 within 2-6 days, 3 week, 4 month, 5 year or longer);
* relative phrases such as "the day before" or "two days later" count from ``anchor`` (the
  date of the main event), falling back to the publication date;
* vague background phrases ("in recent years", "in the past") are found, with kind
  ``"vague_past"``, but resolve to ``None``.

The module is pure Python and text-only. Scanning is regex based: atomic expressions are
found first, then combined (part of day + day, weekday + date, ranges) and the longest
non-overlapping expressions are kept.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

__all__ = ["DateExpr", "ResolvedDate", "calendar_case", "find_dates", "resolve", "resolve_text"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in text.

    ``start``/``end`` are character offsets (half-open) into the text given to
    :func:`find_dates`, shifted by its ``offset``; ``text`` is the exact matched text.
    ``kind`` names the family of expression ("weekday", "day_month", "month", "year",
    "week", "relative_day", "anchor_relative", "range", "part_of_day", "vague_past", ...).
    """

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A resolved date range with ACLED and UCDP precision codes."""

    start: date
    end: date
    precision: int
    ucdp_date_prec: int
    expr: DateExpr | None = None

    @property
    def days(self) -> int:
        """Number of days in the range (1 for a single day)."""
        return (self.end - self.start).days + 1


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})

_NUM_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "couple of": 2,
}  # fmt: skip

_ORDINAL_WORDS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate((
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
        "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth",
        "thirtieth", "thirty-first",
    ))
}  # fmt: skip

#: Words before a bare "May"/"March" that make it a month rather than a verb or a noun.
_MONTH_PREV = frozenset((
    "in", "since", "until", "till", "by", "during", "throughout", "of", "from", "between", "and", "to",
    "through", "before", "after", "early", "late", "mid", "last", "this", "next", "end", "beginning",
    "start", "middle", "or", "around", "-", "–", "—", "(",
))  # fmt: skip
#: Words before a bare four-digit number that make it a year rather than a count.
_YEAR_PREV = frozenset((
    "in", "since", "until", "till", "by", "of", "during", "throughout", "from", "between", "before",
    "after", "early", "late", "mid", "the", "a", "an", "and", "to", "through", "its", "this", "that",
    "year", "around", "circa", "or", "-", "–", "—", "(", "/", "spring", "summer", "autumn", "fall",
    "winter", "end", "start", "beginning", "middle",
))  # fmt: skip
_YEAR_BAD_NEXT = re.compile(
    r"\s*(?:%|per\s*cent\b|percent\b|[-–]?\s*strong\b|(?:people|persons|civilians|soldiers|troops|fighters|"
    r"militants|protesters|demonstrators|refugees|migrants|students|workers|members|residents|families|"
    r"households|homes|houses|buildings|men|women|children|villagers|prisoners|detainees|police|officers|"
    r"km|kilometres|kilometers|miles|metres|meters|kg|tonnes|tons|dollars|euros|pounds|rupees|naira|"
    r"hectares|acres)\b)",
    re.IGNORECASE,
)
#: Capitalised words after a weekday that make it a newspaper title or a named event.
_WEEKDAY_BAD_NEXT = frozenset((
    "Times", "Telegraph", "Mirror", "Express", "Post", "Observer", "Independent", "Herald", "Tribune",
    "Nation", "Standard", "Mail", "World", "Star", "Guardian", "Business", "Sport", "People", "Sun",
    "Vision", "Monitor", "Punch", "Journal", "Magazine", "Edition", "Review", "Argus", "Record", "News",
    "Agreement",
))  # fmt: skip
_WEEKDAY_BAD_PREV = frozenset(
    ("bloody", "black", "good", "holy", "palm", "easter", "ash", "super", "cyber", "maundy")
)
_OVERNIGHT_BAD_NEXT = re.compile(
    r"\s+(?:curfews?|stays?|shifts?|flights?|trains?|bus(?:es)?|bags?|trips?|rates?|sessions?|"
    r"camps?|vigils?|detention)\b",
    re.IGNORECASE,
)
_PREV_TOKEN = re.compile(r"([A-Za-z]+|[^\sA-Za-z])\s*$")
_FOLLOW_OK = re.compile(r"\s*(?:$|[.,;:!?)\]\"'’”—–]|-\s)")


# ---------------------------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------------------------


def _precision_from_span(start: date, end: date) -> int:
    span = (end - start).days
    return 1 if span <= 1 else 2 if span <= 7 else 3


def _ucdp_from_span(start: date, end: date) -> int:
    n = (end - start).days + 1
    if n <= 1:
        return 1
    if n <= 6:
        return 2
    if n <= 7:
        return 3
    return 4 if n <= 31 else 5


def _make(
    start: date,
    end: date | None = None,
    *,
    published: date | None = None,
    p_floor: int = 1,
    u_floor: int = 1,
    precision: int | None = None,
    ucdp: int | None = None,
) -> ResolvedDate | None:
    """Build a :class:`ResolvedDate`, clipping a range that runs past publication."""
    end = start if end is None else end
    if published is not None and start <= published < end:
        end = published
    if end < start:
        return None
    p = precision if precision is not None else max(p_floor, _precision_from_span(start, end))
    u = ucdp if ucdp is not None else max(u_floor, _ucdp_from_span(start, end))
    return ResolvedDate(start, end, p, u, None)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    i = year * 12 + month - 1 + k
    return i // 12, i % 12 + 1


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


def _mod_key(mod: str | None) -> str | None:
    """Normalise an early/mid/late style modifier to one keyword."""
    if not mod:
        return None
    words = _norm(mod).split()
    for w in words:
        if w in ("early", "beginning", "start"):
            return "early"
        if w in ("mid", "middle"):
            return "mid"
        if w in ("late", "end"):
            return "late"
        if w in ("spring", "summer", "autumn", "fall"):
            return "autumn" if w == "fall" else w
        if w in ("first", "second"):
            return "h1" if w == "first" else "h2"
    return None


def _month_span(year: int, month: int, mod: str | None) -> tuple[date, date]:
    last = _last_day(year, month)
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(mod or "", (1, last))
    return date(year, month, lo), date(year, month, hi)


def _year_span(year: int, mod: str | None) -> tuple[date, date]:
    months = {
        "early": (1, 4), "mid": (5, 8), "late": (9, 12), "spring": (3, 5), "summer": (6, 8),
        "autumn": (9, 11), "h1": (1, 6), "h2": (7, 12),
    }.get(mod or "", (1, 12))  # fmt: skip
    return date(year, months[0], 1), date(year, months[1], _last_day(year, months[1]))


def _recent_day(month: int, day: int, published: date) -> date | None:
    """The most recent ``month``/``day`` not after ``published`` (publication day allowed)."""
    for year in range(published.year, published.year - 9, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= published:
            return d
    return None


def _weekday_on_or_before(wd: int, ref: date) -> date:
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def _num(s: str | None) -> int | None:
    """Parse a small cardinal ("two", "a", "10"); ``None`` for vague or missing quantities."""
    if s is None:
        return None
    key = _norm(s)
    if key.isdigit():
        return int(key)
    return _NUM_WORDS.get(key)


# ---------------------------------------------------------------------------------------------
# Candidates and patterns
# ---------------------------------------------------------------------------------------------

Resolver = Callable[[date, date | None], ResolvedDate | None]


@dataclass(frozen=True, slots=True)
class _Cand:
    """An internal match: span, kind, combination tags and a resolver closure."""

    start: int
    end: int
    kind: str
    resolver: Resolver | None
    tags: frozenset[str] = frozenset()
    emit: bool = True
    info: int = -1  # weekday number for weekday candidates
    prio: int = 0


def _cand(
    m: re.Match[str],
    kind: str,
    resolver: Resolver | None,
    tags: Iterable[str] = (),
    *,
    emit: bool = True,
    info: int = -1,
) -> _Cand:
    return _Cand(m.start(), m.end(), kind, resolver, frozenset(tags), emit, info)


def _prev_token(text: str, pos: int) -> str:
    m = _PREV_TOKEN.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _follow_ok(text: str, pos: int) -> bool:
    """True when ``pos`` is followed by punctuation or the end (no noun phrase follows)."""
    return _FOLLOW_OK.match(text, pos) is not None


def _day(name: str) -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?(?![A-Za-z])"


def _mon(name: str = "mon") -> str:
    return rf"(?P<{name}>(?:{_MON_FULL})\b|(?:{_MON_ABBR})\b\.?)"


_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_OPT_YEAR = rf"(?:,?\s+{_YEAR})?"
_NUM = (
    r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|a\s+number\s+of|several|few|some|many|"
    + "|".join(sorted((w for w in _NUM_WORDS if " " not in w), key=len, reverse=True))
    + ")"
)
_ORDW = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_RANGE_SEP = r"(?P<sep>-|–|—|(?i:to|and|until|till|through|or))"
_NOT_BEFORE_DAY = r"(?<![\w:.,/$£€-])"


def _month_num(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _year_of(m: re.Match[str], group: str = "y") -> int | None:
    y = m.group(group)
    return int(y) if y else None


# --- absolute dates ---------------------------------------------------------------------------


def _abs_resolver(year: int | None, month: int, day: int) -> Resolver | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is not None:
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return lambda p, a: _make(d)

    def res(p: date, a: date | None) -> ResolvedDate | None:
        d = _recent_day(month, day, p)
        return _make(d) if d else None

    return res


def _b_iso(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    r = _abs_resolver(int(m["y"]), int(m["m"]), int(m["d"]))
    return _cand(m, "iso", r, ("day", "abs")) if r else None


def _b_numeric(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"])
    if y < 100:
        y += 2000
    day, month = (b, a) if b > 12 >= a else (a, b)  # day-first unless impossible
    r = _abs_resolver(y, month, day)
    return _cand(m, "numeric", r, ("day", "abs")) if r else None


def _b_day_month(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    ow = m.groupdict().get("ow")
    day = _ORDINAL_WORDS[ow.lower()] if ow else int(m["d"])
    r = _abs_resolver(_year_of(m), _month_num(m["mon"]), day)
    return _cand(m, "day_month", r, ("day", "abs")) if r else None


def _b_month_day(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    r = _abs_resolver(_year_of(m), _month_num(m["mon"]), int(m["d"]))
    return _cand(m, "month_day", r, ("day", "abs")) if r else None


def _b_holiday(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    key = _norm(m["h"]).replace("’", "'")
    month, day = {"christmas day": (12, 25), "christmas eve": (12, 24)}.get(key, (0, 0))
    if not month:
        month, day = (1, 1) if key.endswith("day") else (12, 31)
    return _cand(m, "holiday", _abs_resolver(_year_of(m), month, day), ("day", "abs"))


def _range_days(
    year: int | None, m1: int, d1: int, m2: int, d2: int, kind_ok: bool = True
) -> Resolver | None:
    end_r = _abs_resolver(year, m2, d2)
    if end_r is None or not kind_ok:
        return None

    def res(p: date, a: date | None) -> ResolvedDate | None:
        end = end_r(p, a)
        if end is None:
            return None
        start = _recent_day(m1, d1, end.end)
        return _make(start, end.end) if start else None

    return res


def _b_day_range(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    sep = m["sep"].lower()
    if sep == "and" and not m["pre"] and not lenient:
        return None
    d1, d2 = int(m["d1"]), int(m["d2"])
    if d1 >= d2:
        return None
    month = _month_num(m["mon"])
    r = _range_days(_year_of(m), month, d1, month, d2)
    return _cand(m, "range", r, ("range",)) if r else None


# --- months, weeks, years ---------------------------------------------------------------------


def _b_month(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    mon_txt = m["mon"].rstrip(".")
    month = _month_num(mon_txt)
    year = _year_of(m)
    mod = _mod_key(m["mod"])
    rel = _norm(m["rel"]) if m["rel"] else None
    is_abbr = mon_txt.lower() not in (n.lower() for n in _MON_FULL.split("|"))
    if year is None and not lenient:
        if is_abbr:
            return None
        if (
            mon_txt.lower() in _AMBIGUOUS_MONTHS
            and not mod
            and not rel
            and _prev_token(text, m.start()) not in _MONTH_PREV
        ):
            return None

    def res(p: date, a: date | None) -> ResolvedDate | None:
        if year is not None:
            y = year
        elif rel in ("last", "past", "this past"):
            y = p.year if month < p.month else p.year - 1
        elif rel == "this":
            y = p.year
        elif rel == "next":
            y = p.year if month > p.month else p.year + 1
        else:
            y = p.year
            if _month_span(y, month, mod)[0] > p:
                y -= 1
        start, end = _month_span(y, month, mod)
        return _make(start, end, published=p, p_floor=3, u_floor=4)

    return _cand(m, "month", res, ("month",))


def _b_week_of_month(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    month = _month_num(m["mon"])
    year = _year_of(m)
    which = m["ord"].lower()

    def res(p: date, a: date | None) -> ResolvedDate | None:
        y = year
        if y is None:
            y = p.year if date(p.year, month, 1) <= p else p.year - 1
        last = _last_day(y, month)
        if which in ("last", "final"):
            lo = last - 6
        else:
            lo = 1 + 7 * ("first", "second", "third", "fourth").index(which)
        start = date(y, month, lo)
        return _make(start, start + timedelta(days=6), published=p, p_floor=2, u_floor=3)

    return _cand(m, "week", res, ("week",))


def _b_year(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    year = int(m["y"])
    mod = _mod_key(m["mod"])
    if not lenient:
        if _YEAR_BAD_NEXT.match(text, m.end()):
            return None
        if re.match(r"[.,]\d|:\d", text[m.end() : m.end() + 2]):
            return None
        if not m["mod"] and _prev_token(text, m.start("y")) not in _YEAR_PREV:
            return None

    def res(p: date, a: date | None) -> ResolvedDate | None:
        start, end = _year_span(year, mod)
        return _make(start, end, published=p, p_floor=3, u_floor=5)

    return _cand(m, "year", res, ("year",))


def _b_year_range(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    y1 = int(m["y"])
    y2 = int(m["y2"]) + (y1 // 100) * 100
    if y2 <= y1:
        return None

    def res(p: date, a: date | None) -> ResolvedDate | None:
        return _make(date(y1, 1, 1), date(y2, 12, 31), published=p, p_floor=3, u_floor=5)

    return _cand(m, "range", res, ("range",))


def _b_decade(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    dec = int(m["dec"])
    mod = _mod_key(m["mod"])
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(mod or "", (0, 9))

    def res(p: date, a: date | None) -> ResolvedDate | None:
        return _make(date(dec + lo, 1, 1), date(dec + hi, 12, 31), published=p, p_floor=3, u_floor=5)

    return _cand(m, "decade", res, ("year",))


_REL_SHIFT: dict[str, int] = {
    "last": -1, "this past": -1, "the previous": -1, "the preceding": -1, "this": 0, "earlier this": 0,
    "later this": 0, "the same": 0, "that": 0, "the": 0, "next": 1, "the following": 1, "the next": 1,
}  # fmt: skip
_ANCHORED_RELS = frozenset({"the previous", "the preceding", "the same", "that", "the following", "the next"})


def _weekend(rel: str, base: date, p: date) -> tuple[date, date]:
    mon = _monday(base)
    shift = _REL_SHIFT.get(rel, 0)
    if rel in ("over the", "at the", "during the", "on the", "the"):
        shift = 0 if base.weekday() >= 5 else -1
    elif rel == "this":
        shift = 0 if base.weekday() >= 5 else -1  # a report tells past events: the weekend just gone
    elif rel in ("last", "this past", "the previous", "the preceding"):
        shift = -1
    sat = mon + timedelta(days=7 * shift + 5)
    return sat, sat + timedelta(days=1)


def _rel_unit_resolver(rel: str, unit: str, mod: str | None) -> Resolver:
    """Resolver for "last week", "earlier this month", "the following year", "late last month"..."""

    def res(p: date, a: date | None) -> ResolvedDate | None:
        base = (a or p) if rel in _ANCHORED_RELS else p
        shift = _REL_SHIFT.get(rel, 0)
        if unit == "weekend":
            sat, sun = _weekend(rel, base, p)
            return _make(sat, sun, published=p, p_floor=2, u_floor=2)
        if unit == "week":
            start = _monday(base) + timedelta(days=7 * shift)
            lo, hi = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}.get(mod or "", (0, 6))
            start, end = start + timedelta(days=lo), start + timedelta(days=hi)
            if rel == "earlier this":
                end = max(start, p - timedelta(days=1))
            elif rel == "later this":
                start = min(end, p + timedelta(days=1))
            return _make(start, end, published=p, p_floor=2, u_floor=2)
        if unit == "month":
            y, mo = _add_months(base.year, base.month, shift)
            start, end = _month_span(y, mo, mod)
            if rel == "earlier this":
                end = max(start, min(end, p - timedelta(days=1)))
            elif rel == "later this":
                start = min(end, p + timedelta(days=1))
            return _make(start, end, published=p, p_floor=3, u_floor=4)
        start, end = _year_span(base.year + shift, mod)
        if rel == "earlier this":
            end = max(start, min(end, p - timedelta(days=1)))
        elif rel == "later this":
            start = min(end, p + timedelta(days=1))
        return _make(start, end, published=p, p_floor=3, u_floor=5)

    return res


_UNIT_TAGS: dict[str, tuple[str, ...]] = {"week": ("calweek",), "month": ("month",), "year": ("year",)}


def _b_rel_unit(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    unit = m["unit"].lower()
    rel = _norm(m["rel"])
    if rel == "the" and not m["mod"]:
        return None  # "the week" alone; "the start of the year" is this year
    res = _rel_unit_resolver(rel, unit, _mod_key(m["mod"]))
    return _cand(m, "week" if unit == "weekend" else unit, res, _UNIT_TAGS.get(unit, ()))


def _b_unit_before(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    """Resolve "the year before", "the week after": the unit next to the anchor's."""
    if not lenient and not _follow_ok(text, m.end()):
        return None
    rel = "the previous" if m["dir"].lower() in ("before", "earlier") else "the following"
    unit = m["unit"].lower()
    return _cand(m, unit, _rel_unit_resolver(rel, unit, None), _UNIT_TAGS.get(unit, ()))


def _b_the_weekend(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    rel = _norm(m["pre"]) + " the" if m["pre"] else "the"

    def res(p: date, a: date | None) -> ResolvedDate | None:
        sat, sun = _weekend(rel, p, p)
        return _make(sat, sun, published=p, p_floor=2, u_floor=2)

    if not m["pre"] and not lenient:
        return None
    return _cand(m, "week", res)


# --- weekdays, relative days, parts of day -----------------------------------------------------


def _b_weekday(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    wd = _WEEKDAYS.index(m["wd"])
    rel = _norm(m["rel"]) if m["rel"] else None
    if not lenient:
        nxt = re.match(r"\s+([A-Z][a-z]+)", text[m.end() : m.end() + 30])
        if nxt and nxt.group(1) in _WEEKDAY_BAD_NEXT:
            return None
        if _prev_token(text, m.start()) in _WEEKDAY_BAD_PREV:
            return None

    def res(p: date, a: date | None) -> ResolvedDate | None:
        if rel in ("last", "past", "this past"):
            d = _weekday_on_or_before(wd, p - timedelta(days=1))
        elif rel == "this":
            d = _monday(p) + timedelta(days=wd)
        elif rel == "next":
            d = _weekday_on_or_before(wd, p + timedelta(days=7))
            if d <= p:
                d += timedelta(days=7)
        else:
            d = _weekday_on_or_before(wd, p)
        return _make(d)

    tags = ("day", "weekday", "wdmod") if rel else ("day", "weekday")
    return _cand(m, "weekday", res, tags, info=wd)


_REL_DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "earlier on today": 0, "later on today": 0,
    "yesterday": -1, "last night": -1, "the day before yesterday": -2, "the night before last": -2,
    "tomorrow": 1,
}  # fmt: skip


def _b_relative_day(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    key = _norm(m.group(0))
    off = _REL_DAY_OFFSETS.get(key)
    if off is None:
        return None
    if not lenient and m.group(0).startswith("Today"):
        prev = _PREV_TOKEN.search(text, max(0, m.start() - 40), m.start())
        if prev and prev.group(1)[:1].isupper() and prev.group(1).isalpha():
            return None  # "USA Today"

    def res(p: date, a: date | None) -> ResolvedDate | None:
        return _make(p + timedelta(days=off))

    return _cand(m, "relative_day", res, ("day",))


def _b_pod(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    words = _norm(m.group(0)).split()
    if m["el"]:
        return _cand(m, "part_of_day", None, ("pod_pre",), emit=False)
    base = _norm(m["base"])
    if base == "hours" and not {"early", "small", "wee"} & set(words):
        return None
    ends_of = words[-1] == "of"
    tags = ("pod_pre",) if ends_of else ("pod_pre", "pod_post")
    has_prep = words[0] in ("at", "around", "before", "by", "shortly", "just")
    resolver: Resolver | None = None
    kind = "part_of_day"
    if base in ("dawn", "daybreak", "first light", "sunrise") and has_prep and not ends_of:
        # "at dawn" alone: the day of the event told so far, else the day of the report
        resolver = lambda p, a: _make(a or p)  # noqa: E731
    elif base == "overnight" and len(words) == 1:
        prev = _prev_token(text, m.start())
        if lenient or (prev not in ("a", "an", "the") and not _OVERNIGHT_BAD_NEXT.match(text, m.end())):
            kind = "relative_day"
            resolver = lambda p, a: _make(p - timedelta(days=1), p, precision=1, ucdp=1)  # noqa: E731
    return _cand(m, kind, resolver, tags, emit=resolver is not None)


# --- numeric and anchor relatives --------------------------------------------------------------


def _shift_unit(base: date, n: int, unit: str, sign: int) -> ResolvedDate | None:
    if unit in ("minute", "hour"):
        days = n // 24 if unit == "hour" else 0
        return _make(base + timedelta(days=sign * days))
    if unit == "day":
        return _make(base + timedelta(days=sign * n))
    if unit in ("week", "fortnight"):
        d = base + timedelta(days=sign * n * (14 if unit == "fortnight" else 7))
        return _make(d, precision=2, ucdp=3)
    return None


def _b_ago(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    unit = m["unit"].lower().rstrip("s")
    direction = m["dir"].lower()
    n_txt = _norm(m["n"]) if m["n"] else None
    n = _num(n_txt)
    plural = m["unit"].lower().endswith("s")
    if n_txt is None and not plural:
        return None
    if direction in ("before", "after", "prior") and not lenient and not _follow_ok(text, m.end()):
        return None  # "two days before the election": relative to something else
    vague = n is None
    if direction == "ago":
        if vague and unit not in ("day", "hour", "minute"):
            return _cand(m, "vague_past", None)

        def res(p: date, a: date | None) -> ResolvedDate | None:
            if vague:
                if unit == "day":
                    return _make(p - timedelta(days=6), p - timedelta(days=2), p_floor=2)
                return _make(p)
            assert n is not None
            if unit == "month":
                y, mo = _add_months(p.year, p.month, -n)
                start, end = _month_span(y, mo, None)
                return _make(start, end, published=p, p_floor=3, u_floor=4)
            if unit in ("year", "decade"):
                y = p.year - n * (10 if unit == "decade" else 1)
                return _make(date(y, 1, 1), date(y, 12, 31), published=p, p_floor=3, u_floor=5)
            return _shift_unit(p, n, unit, -1)

        return _cand(m, "ago", res, ("day",) if unit in ("day", "hour", "minute") else ())

    sign = 1 if direction in ("later", "after", "afterward", "afterwards") else -1

    def res_anchor(p: date, a: date | None) -> ResolvedDate | None:
        base = a or p
        if vague:
            if unit in ("hour", "minute"):
                return _make(base)
            if unit == "day":
                lo, hi = sorted((base + timedelta(days=2 * sign), base + timedelta(days=6 * sign)))
                return _make(lo, hi, published=p, p_floor=2)
            return None
        assert n is not None
        return _shift_unit(base, n, unit, sign)

    return _cand(m, "anchor_relative", res_anchor, ("day",) if unit in ("day", "hour", "minute") else ())


def _b_anchor_phrase(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    key = _norm(m.group(0))
    needs_stop = key.startswith(("the day before", "the day after", "the night before", "the evening before"))
    if needs_stop and not lenient and not _follow_ok(text, m.end()):
        return None
    if any(w in key for w in ("previous", "preceding", "before", "prior")):
        off = -1
    elif any(w in key for w in ("next", "following", "after")):
        off = 1
    else:
        off = 0

    def res(p: date, a: date | None) -> ResolvedDate | None:
        return _make((a or p) + timedelta(days=off))

    return _cand(m, "anchor_relative", res, ("day",))


def _b_past_span(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    unit = m["unit"].lower().rstrip("s")
    n_txt = _norm(m["n"]) if m["n"] else None
    n = _num(n_txt) if n_txt else 1
    if n is None or unit == "decade":
        return _cand(m, "vague_past", None)

    def res(p: date, a: date | None) -> ResolvedDate | None:
        if unit in ("hour", "minute"):
            days = max(1, -(-n // 24)) if unit == "hour" else 1
            return _make(p - timedelta(days=days), p)
        if unit == "day":
            return _make(p - timedelta(days=n), p)
        if unit == "week":
            return _make(p - timedelta(days=7 * n - 1), p, p_floor=2)
        if unit == "month":
            y, mo = _add_months(p.year, p.month, -n)
            start = date(y, mo, min(p.day, _last_day(y, mo)))
            return _make(start, p, p_floor=3, u_floor=4)
        start = date(p.year - n, p.month, min(p.day, _last_day(p.year - n, p.month)))
        return _make(start, p, p_floor=3, u_floor=5)

    return _cand(m, "past_span", res)


def _b_vague(m: re.Match[str], text: str, lenient: bool) -> _Cand | None:
    return _cand(m, "vague_past", None)


# --- the pattern table (order = priority on equal length) ---------------------------------------

_POD_BASE = (
    r"morning|afternoon|evening|night|dawn|daybreak|first\s+light|sunrise|sunset|dusk|nightfall|"
    r"midnight|noon|midday|hours|overnight|night-time|nighttime"
)
_REL_UNIT_RELS = (
    r"last|this\s+past|this|next|earlier\s+this|later\s+this|the\s+previous|the\s+preceding|"
    r"the\s+following|the\s+same|the\s+next|that|the"
)
_MOD = r"early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of"

_PATTERN_SPECS: tuple[tuple[str, Callable[[re.Match[str], str, bool], _Cand | None]], ...] = (
    (r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)", _b_iso),
    (
        r"(?<![\d/.:-])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?!\d|[/.-]\d)",
        _b_numeric,
    ),
    (
        rf"(?:\b(?P<pre>(?i:between|from))\s+)?(?:(?i:the)\s+)?{_NOT_BEFORE_DAY}{_day('d1')}\s*{_RANGE_SEP}\s*"
        rf"(?:(?i:the)\s+)?{_day('d2')}(?:\s+(?i:of))?\s+{_mon()}{_OPT_YEAR}",
        _b_day_range,
    ),
    (
        rf"(?:\b(?P<pre>(?i:between|from))\s+)?(?<![\w-]){_mon()}\s+{_day('d1')}\s*{_RANGE_SEP}\s*{_day('d2')}"
        rf"(?![\d:]){_OPT_YEAR}",
        _b_day_range,
    ),
    (rf"(?:\b(?i:the)\s+)?{_NOT_BEFORE_DAY}{_day('d')}(?:\s+(?i:of))?\s+{_mon()}{_OPT_YEAR}", _b_day_month),
    (rf"\b(?i:the)\s+(?P<ow>(?i:{_ORDW}))\s+(?i:of)\s+{_mon()}{_OPT_YEAR}", _b_day_month),
    (rf"(?<![\w-]){_mon()}\s+(?:(?i:the)\s+)?{_day('d')}(?![\d:]){_OPT_YEAR}", _b_month_day),
    (
        rf"\b(?P<h>(?i:christmas\s+(?:day|eve)|new\s+year(?:'|’)s\s+(?:day|eve))){_OPT_YEAR}",
        _b_holiday,
    ),
    (
        rf"(?:\b(?i:the)\s+)?\b(?P<ord>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+(?i:of|in)\s+"
        rf"{_mon()}{_OPT_YEAR}",
        _b_week_of_month,
    ),
    (
        rf"(?:\b(?P<rel>(?i:last|this\s+past|this|next|past))\s+)?(?:\b(?P<mod>(?i:{_MOD}|(?:early|late)\s+in))"
        rf"(?:\s*-\s*|\s+)|(?<![\w-])){_mon()}{_OPT_YEAR}",
        _b_month,
    ),
    (
        rf"(?<![\w$£€#.,:/]){_YEAR}\s*[-–—/]\s*(?P<y2>\d{{2}})(?![\d/.-])",
        _b_year_range,
    ),
    (
        r"(?:\b(?P<mod>(?i:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)"
        r"\s+of|(?:the\s+)?(?:spring|summer|autumn|fall)(?:\s+of)?))(?:\s*-\s*|\s+))?"
        rf"(?<![\w$£€#.,:/]){_YEAR}(?![.,]\d|[A-Za-z])",
        _b_year,
    ),
    (
        r"(?:\b(?i:the)\s+)?(?:\b(?P<mod>(?i:early|mid|late))(?:\s*-\s*|\s+))?\b(?P<dec>(?:19|20)\d0)s\b",
        _b_decade,
    ),
    (
        rf"(?:\b(?P<mod>(?i:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of))(?:\s*-\s*|\s+))?"
        rf"\b(?P<rel>(?i:{_REL_UNIT_RELS}))\s+(?P<unit>(?i:weekend|week|month|year))\b",
        _b_rel_unit,
    ),
    (r"(?:\b(?P<pre>(?i:over|at|during|on))\s+)?\b(?i:the\s+weekend)\b", _b_the_weekend),
    (
        r"\b(?i:the)\s+(?P<unit>(?i:week|month|year))\s+(?P<dir>(?i:before|after|earlier|later))\b",
        _b_unit_before,
    ),
    (
        rf"(?:\b(?P<rel>(?i:last|this\s+past|this|next|past))\s+)?\b(?P<wd>{'|'.join(_WEEKDAYS)})\b",
        _b_weekday,
    ),
    (
        r"\b(?i:the\s+day\s+before\s+yesterday|the\s+night\s+before\s+last|yesterday|today|tonight|tomorrow|"
        r"last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+(?:on\s+)?today)\b",
        _b_relative_day,
    ),
    (
        r"\b(?i:(?:(?:at|around|before|after|by|until|shortly\s+(?:after|before)|just\s+(?:after|before)|in|during|"
        rf"on)\s+)?(?:the\s+)?(?:(?:early|late|small|wee)\s+)?(?P<base>{_POD_BASE})(?:\s+(?:hours\s+)?of)?\b|"
        r"(?P<el>early|late)(?:\s+on)?\b)",
        _b_pod,
    ),
    (
        rf"\b(?i:(?P<n>{_NUM})\s+)?(?P<unit>(?i:minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?))"
        r"\s+(?P<dir>(?i:ago|earlier|later|before|after|prior|previously|beforehand|afterwards?))\b",
        _b_ago,
    ),
    (
        r"\b(?i:the\s+(?:previous|preceding|next|following|same)\s+(?:day|night|morning|afternoon|evening)|"
        r"the\s+day\s+(?:before|after|prior)|the\s+(?:night|evening)\s+before|the\s+morning\s+after|"
        r"(?:on\s+)?that\s+(?:same\s+)?(?:day|night|morning|afternoon|evening)|"
        r"(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)|"
        r"(?:earlier|later)\s+in\s+the\s+day)\b",
        _b_anchor_phrase,
    ),
    (
        rf"\b(?i:(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+)?"
        r"(?P<unit>hours?|days?|weeks?|months?|years?|decades?))\b",
        _b_past_span,
    ),
    (
        r"\b(?i:(?:(?:in|over|during|within)\s+)?(?:the\s+)?recent\s+(?:days|weeks|months|years|decades|times|history)|"
        r"in\s+the\s+(?:distant\s+|recent\s+)?past|(?:for|over)\s+(?:many\s+|several\s+)?(?:years|decades|months)|"
        r"over\s+the\s+(?:years|decades)|in\s+(?:previous|past|earlier|prior)\s+years|in\s+years\s+past)\b",
        _b_vague,
    ),
)

_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str, bool], _Cand | None]], ...] = tuple(
    (re.compile(rx), fn) for rx, fn in _PATTERN_SPECS
)

# --- combination rules ---------------------------------------------------------------------------

_GAP_WD_ABS = re.compile(r"\s*[,(]?\s*\Z")
_GAP_WD_WEEK = re.compile(r"(?:\s+(?i:of)\s+|\s+|\s*,\s*)\Z")
_GAP_PRE = re.compile(r"(?:\s+(?i:on|of|into)\s+|\s+)\Z")
_GAP_POST = re.compile(r"\s+\Z")
_GAP_POST_COMMA = re.compile(r"\s*,\s*\Z")
_GAP_RANGE = re.compile(r"\s*(?P<sep>-|–|—|(?i:to|until|till|through|and|or))\s*\Z")
_RANGE_PREFIX = re.compile(r"\b(?i:between|from)\s+\Z")
_POST_PREP = re.compile(r"(?i:at|around|before|after|by|shortly|just|in|during)\b")
_MAX_GAP = 12


def _combined(
    a: _Cand,
    b: _Cand,
    like: _Cand,
    resolver: Resolver | None = None,
    tags: frozenset[str] | None = None,
) -> _Cand:
    """A candidate spanning ``a`` to ``b`` that behaves like ``like`` unless overridden."""
    return replace(
        like,
        start=a.start,
        end=b.end,
        emit=True,
        resolver=like.resolver if resolver is None else resolver,
        tags=like.tags if tags is None else tags,
    )


def _wd_in_week(wd: int, week: Resolver) -> Resolver:
    def res(p: date, a: date | None) -> ResolvedDate | None:
        r = week(p, a)
        if r is None:
            return None
        return _make(_monday(r.start) + timedelta(days=wd))

    return res


def _range_resolver(ra: Resolver, rb: Resolver) -> Resolver:
    def res(p: date, a: date | None) -> ResolvedDate | None:
        b = rb(p, a)
        if b is None:
            return None
        first = ra(b.end, a)
        if first is None or first.start > b.end:
            return None
        span = _make(first.start, b.end)
        assert span is not None
        return replace(
            span,
            precision=max(span.precision, first.precision, b.precision),
            ucdp_date_prec=max(span.ucdp_date_prec, first.ucdp_date_prec, b.ucdp_date_prec),
        )

    return res


def _rule_wd_abs(text: str, a: _Cand, b: _Cand, gap: str, lenient: bool) -> _Cand | None:
    if "weekday" not in a.tags or "wdmod" in a.tags or "abs" not in b.tags or not _GAP_WD_ABS.match(gap):
        return None
    c = _combined(a, b, b)
    if "(" in gap:  # "Friday (3 March)": take the closing bracket too
        close = re.compile(r"\s*\)").match(text, b.end)
        if close is None:
            return None
        c = replace(c, end=close.end())
    return c


def _rule_wd_week(text: str, a: _Cand, b: _Cand, gap: str, lenient: bool) -> _Cand | None:
    if (
        "weekday" in a.tags
        and "wdmod" not in a.tags
        and "calweek" in b.tags
        and b.resolver is not None
        and _GAP_WD_WEEK.match(gap)
    ):
        return _combined(a, b, a, resolver=_wd_in_week(a.info, b.resolver), tags=frozenset({"day"}))
    return None


def _rule_pod_pre(text: str, a: _Cand, b: _Cand, gap: str, lenient: bool) -> _Cand | None:
    if "pod_pre" not in a.tags or "day" not in b.tags:
        return None
    ends_of = text[a.start : a.end].lower().endswith("of")
    ok = gap.isspace() if ends_of else _GAP_PRE.match(gap) is not None
    return _combined(a, b, b) if ok else None


def _rule_pod_post(text: str, a: _Cand, b: _Cand, gap: str, lenient: bool) -> _Cand | None:
    if "day" not in a.tags or "pod_post" not in b.tags:
        return None
    if _GAP_POST.match(gap) or (_GAP_POST_COMMA.match(gap) and _POST_PREP.match(text, b.start)):
        return _combined(a, b, a)
    return None


def _rule_range(text: str, a: _Cand, b: _Cand, gap: str, lenient: bool) -> _Cand | None:
    if a.resolver is None or b.resolver is None:
        return None
    fam = next((f for f in ("day", "month", "year") if f in a.tags and f in b.tags), None)
    if fam is None:
        return None
    g = _GAP_RANGE.match(gap)
    if g is None:
        return None
    pre = _RANGE_PREFIX.search(text, max(0, a.start - 10), a.start)
    if g["sep"].lower() == "and" and pre is None and not lenient:
        return None
    start = pre.start() if pre else a.start
    return _Cand(start, b.end, "range", _range_resolver(a.resolver, b.resolver), frozenset({"range"}))


_RULES = (_rule_wd_abs, _rule_wd_week, _rule_pod_pre, _rule_pod_post, _rule_range)


def _apply_rule(
    text: str,
    pool: list[_Cand],
    rule: Callable[[str, _Cand, _Cand, str, bool], _Cand | None],
    lenient: bool,
) -> list[_Cand]:
    ordered = sorted(pool, key=lambda c: c.start)
    out: list[_Cand] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.start > a.end + _MAX_GAP:
                break
            if b.start < a.end:
                continue
            c = rule(text, a, b, text[a.end : b.start], lenient)
            if c is not None:
                out.append(c)
    return out


def _scan(text: str, lenient: bool) -> list[_Cand]:
    """All candidates (atomic and combined) in ``text``; ``lenient`` drops context checks."""
    pool: list[_Cand] = []
    for prio, (rx, builder) in enumerate(_PATTERNS):
        for m in rx.finditer(text):
            c = builder(m, text, lenient)
            if c is not None:
                pool.append(replace(c, prio=prio))
    for rule in _RULES:
        pool.extend(_apply_rule(text, pool, rule, lenient))
    pool.extend(_since(text, pool))
    return pool


_SINCE = re.compile(r"\b(?i:ever\s+)?(?i:since)\s+\Z")


def _since_resolver(inner: Resolver) -> Resolver:
    def res(p: date, a: date | None) -> ResolvedDate | None:
        r = inner(p, a)
        return _make(r.start, max(r.start, p)) if r is not None and r.start <= p else None

    return res


def _since(text: str, pool: list[_Cand]) -> list[_Cand]:
    """ "since Sunday", "since 3 March": from that day up to publication (day-level dates only; "since
    2014" stays the year it names, a past start told as background)."""
    out: list[_Cand] = []
    for c in pool:
        if "day" not in c.tags or c.resolver is None or not c.emit:
            continue
        m = _SINCE.search(text, max(0, c.start - 12), c.start)
        if m is not None:
            out.append(
                replace(
                    c,
                    start=m.start(),
                    kind="since",
                    resolver=_since_resolver(c.resolver),
                    tags=frozenset({"range"}),
                )
            )
    return out


def _select(cands: Iterable[_Cand]) -> list[_Cand]:
    """Longest non-overlapping emitted candidates, in text order."""
    chosen: list[_Cand] = []
    for c in sorted((c for c in cands if c.emit), key=lambda c: (c.start - c.end, c.prio, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


#: Month and weekday names in a text written in one case ("on saturday", "JAN 3"). "may" and
#: "march" are a verb and a procession as often as months: they take capitals only beside a day
#: number or a year ("march 6", "6 may", "may 2002") or after a word that dates them ("in march").
_CALENDAR_WORDS = re.compile(
    rf"\b(?:{'|'.join(_WEEKDAYS)}|{_MON_FULL}|{_MON_ABBR})\b", re.IGNORECASE
)
_DATES_MAY_MARCH = re.compile(r"\s+\d")  # "march 6", "may 2002"
_NUMBER_BEFORE = re.compile(r"\d\s+\Z")  # "6 march" (searched up to the word)
_MAY_MARCH_PREV = frozenset(("in", "since", "until", "till", "during", "early", "late", "mid", "-"))


def calendar_case(text: str, *, found: bool = False) -> str:
    """``text`` with the month and weekday names of a one-case text capitalised (same length, so
    offsets hold): "on saturday, march 2" → "on Saturday, March 2". ``found``: ``text`` is a date
    expression already found, whose "may" or "march" is a month."""

    def cap(m: re.Match[str]) -> str:
        word = m.group(0)
        if not found and word.lower() in _AMBIGUOUS_MONTHS and not (
            _DATES_MAY_MARCH.match(text, m.end())
            or _NUMBER_BEFORE.search(text, max(0, m.start() - 4), m.start())
            or _prev_token(text, m.start()) in _MAY_MARCH_PREV
        ):
            return word
        return word.capitalize()

    return _CALENDAR_WORDS.sub(cap, text)


def find_dates(text: str, offset: int = 0, *, one_case: bool = False) -> list[DateExpr]:
    """Find non-overlapping date expressions in ``text``, longest first, returned in text order.

    Offsets are shifted by ``offset`` so that ``text[e.start - offset : e.end - offset] == e.text``.
    Times of day alone ("2:30 am", "after midnight"), durations ("for two years") and counts
    ("15 people") are not returned; "May"/"March" need a date context to count as months.
    ``one_case``: the text comes from a report written in one case (all lower, all capitals), whose
    month and weekday names are read as if capitalised (:func:`calendar_case`).
    """
    scanned = calendar_case(text) if one_case else text
    return [
        DateExpr(c.start + offset, c.end + offset, text[c.start : c.end], c.kind)
        for c in _select(_scan(scanned, False))
    ]


def resolve(expr: DateExpr, published: date, anchor: date | None = None) -> ResolvedDate | None:
    """Resolve ``expr`` against the publication date (and ``anchor``, the main event's date).

    Returns ``None`` for expressions that carry no usable date (vague background such as
    "in recent years", a bare time of day, "five years later").
    """
    text = calendar_case(expr.text, found=True)  # found in a one-case text ("saturday morning")
    lead = len(text) - len(text.lstrip())
    tail = len(text.rstrip())
    cands = [c for c in _scan(text, True) if c.emit or c.resolver is not None]
    if not cands:
        logger.debug("no date expression in %r", text)
        return None
    full = [c for c in cands if c.start <= lead and c.end >= tail]
    best = min(full or cands, key=lambda c: (c.start - c.end, c.prio, c.start))
    if best.resolver is None:
        return None
    try:
        r = best.resolver(published, anchor)
    except (ValueError, OverflowError) as exc:
        logger.debug("cannot resolve %r: %s", text, exc)
        return None
    return replace(r, expr=expr) if r is not None else None


def resolve_text(text: str, published: date) -> ResolvedDate | None:
    """Resolve the first expression in ``text`` that yields a date (no anchor)."""
    for expr in find_dates(text):
        r = resolve(expr, published)
        if r is not None:
            return r
    return None
