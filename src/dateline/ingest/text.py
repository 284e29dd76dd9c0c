"""Parse a plain-text report: optional ``date YYYY-MM-DD`` header, a dateline, an agency credit."""

from __future__ import annotations

import re
from datetime import date

from dateline.model import Article, Span

_DATE_HEADER = re.compile(r"\A\s*date[ \t]*:?[ \t]+(\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)
# A dateline: capitalised place (optionally ", Country" and/or "(Agency)") then ":" or a dash.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z'’.\- ]{1,40}?[A-Z.])"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z .'-]{1,30}?))?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z ]{2,20})\))?"
    r"[ \t]*(?::|—|–|--|-)[ \t]+"
)
# Known wire agencies and outlets that appear as trailing credits ("– AFP", "(Reuters)").
AGENCIES: tuple[str, ...] = (
    "AFP",
    "Reuters",
    "AP",
    "Associated Press",
    "Xinhua",
    "Anadolu",
    "Anadolu Agency",
    "ANI",
    "PTI",
    "IANS",
    "UPI",
    "dpa",
    "DPA",
    "EFE",
    "ANSA",
    "Kyodo",
    "Yonhap",
    "Bernama",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Ukrinform",
    "SANA",
    "WAFA",
    "IRNA",
    "Tasnim",
    "Fars",
    "Al Jazeera",
    "BBC",
    "NAN",
    "KUNA",
    "MENA",
    "APA",
    "Trend",
    "Sputnik",
    "Al Arabiya",
    "CNN",
    "Bloomberg",
    "Agence France-Presse",
    "AA",
    "APS",
)
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_CREDIT = re.compile(
    rf"[ \t]*(?:[–—-]{{1,2}}|\()[ \t]*(?P<agency>{_AGENCY_ALT})(?:\s*/\s*[A-Z][\w.]*)?\)?[ \t]*\d{{0,2}}\s*\Z"
)
_AGENCY_IN_DATELINE = re.compile(rf"\A(?:{_AGENCY_ALT})\Z")


#: The earliest year a report's date may have; the latest is next year (see :func:`check_date_window`).
MIN_YEAR = 1900


class DateHeaderError(ValueError):
    """The ``date`` header holds something that is not a YYYY-MM-DD date (or one outside the sane
    window); ``line`` is the line of the text it is on, when it comes from the text."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def check_date_window(value: date, what: str = "date", today: date | None = None) -> date:
    """Return ``value`` if it lies between 1900-01-01 and the end of next year, else raise
    :class:`DateHeaderError`: a report dated 0001-01-01 or 9999-12-31 is a typo or an attack,
    and dates that far out break date arithmetic downstream (merging, weeks, exports)."""
    latest = (today or date.today()).year + 1
    if not MIN_YEAR <= value.year <= latest:
        raise DateHeaderError(
            f"{what} {value.isoformat()} is outside the accepted window ({MIN_YEAR}-01-01 to {latest}-12-31)"
        )
    return value


def parse_iso_date(value: str) -> date:
    """Parse ``YYYY-MM-DD`` strictly; raise :class:`DateHeaderError` with the value otherwise."""
    value = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise DateHeaderError(f"unparseable date {value!r} (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DateHeaderError(f"unparseable date {value!r} ({exc})") from None


def parse_plain_text(raw: str, article_id: str, published: date | None = None) -> Article:
    """Build an Article from a plain-text report.

    The article text is kept whole (offsets in evidence refer to it); the header, dateline
    and credit are located in it and recorded on the Article. A ``date`` header overrides
    ``published``.
    """
    text = raw.replace("\r\n", "\n")
    body_start = 0
    m = _DATE_HEADER.match(text)
    if m:
        line = text.count("\n", 0, m.start(1)) + 1
        try:
            published = check_date_window(parse_iso_date(m.group(1)))
        except DateHeaderError as exc:
            raise DateHeaderError(str(exc), line) from None
        body_start = m.end()
    elif published is not None:
        check_date_window(published, "publication date")
    article = Article(id=article_id, text=text, published=published, body_start=body_start)
    find_dateline_and_credit(article)
    return article


def find_dateline_and_credit(article: Article) -> None:
    """Locate the dateline ("GOMA, Congo:") and a trailing agency credit ("– AFP") in the text."""
    _find_dateline(article)
    _find_credit(article)


def _find_dateline(article: Article) -> None:
    body = article.text[article.body_start :]
    m = _DATELINE.match(body)
    if not m:
        return
    place = m.group("place").strip()
    # A line of capitals that is a headline, not a dateline, is long; datelines are short.
    if len(place.split()) > 4 or _AGENCY_IN_DATELINE.match(place):
        return
    start = article.body_start + m.start("place")
    name = place.title() if place.isupper() else place
    region = (m.group("region") or "").strip()
    article.dateline = f"{name}, {region}" if region and not _AGENCY_IN_DATELINE.match(region) else name
    article.dateline_span = Span(start, start + len(place), place)
    if m.group("agency") and not article.agency:
        a_start = article.body_start + m.start("agency")
        article.agency = m.group("agency").strip()
        article.agency_span = Span(a_start, a_start + len(m.group("agency")), m.group("agency"))


def _find_credit(article: Article) -> None:
    tail_from = max(article.body_start, len(article.text) - 200)
    tail = article.text[tail_from:]
    m = _CREDIT.search(tail)
    if not m:
        return
    start = tail_from + m.start("agency")
    article.agency = m.group("agency")
    article.agency_span = Span(start, start + len(m.group("agency")), m.group("agency"))
