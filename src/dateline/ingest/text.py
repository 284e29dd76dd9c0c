"""Parse a plain-text report: optional ``date YYYY-MM-DD`` header, a dateline, an agency credit."""

from __future__ import annotations

import re
from datetime import date

from dateline.model import Article, Span

_DATE_HEADER = re.compile(r"\A\s*date[ \t]*:?[ \t]+(\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)
# A dateline: capitalised place (optionally ", Country" and/or "(Agency)") then ":" or a dash.
_DATELINE_TAIL = (
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z .'-]{1,30}?))?"
    r"(?:,[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2})?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z ]{2,20})\))?"
)
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z'’.\- ]{1,40}?[A-Z.])" + _DATELINE_TAIL + r"[ \t]*(?::|—|–|--|-)\s+"
)
#: a dateline after the headline on the same line, as report collections often give them
#: ("Seven militants killed in blasts KANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven ..."):
#: the place in capitals only, after a word of the headline, before a dash or a colon
_DATELINE_AFTER_HEADLINE = re.compile(
    r"(?<=[a-z0-9’'\"\u2019)?!][ \t-])(?P<place>[A-Z]{3}[A-Z'’.\-]*(?: [A-Z]{2}[A-Z'’.\-]*){0,2})"
    + _DATELINE_TAIL
    + r"[ \t]*(?::|—|–|--)[\s-]*(?=[A-Z0-9\"“‘'])"
)
#: a dateline in capitals and small letters before a colon, as Indian and Pakistani papers write
#: it ("New Delhi: The ...", "lucknow: the ..." in a lower-cased archive); a word in capitals
#: is read by :data:`_DATELINE`
_DATELINE_COLON = re.compile(
    r"\A\s*(?P<place>[A-Za-z][a-z'’.\-]+(?:[ \t][A-Za-z][a-z'’.\-]+){0,2})"
    r"(?:[ \t]*\((?P<paren>[A-Za-z ]{2,20})\))?[ \t]*:[ \t]+(?=\S)"
)
#: capitals before a colon or dash that label a story, not a place ("BREAKING:", "UPDATE -")
_NOT_DATELINES = frozenset(
    {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "VIDEO", "WATCH", "PHOTOS", "LIVE",
     "OPINION", "EDITORIAL", "FACTBOX", "EXPLAINER", "CORRECTION", "URGENT", "FLASH", "NEWS",
     "NOTE", "PHOTO", "SUMMARY", "TRANSCRIPT", "SOURCE", "SOURCES", "RELATED", "HIGHLIGHTS", "TOPICS",
     "READ", "READ MORE", "ALSO READ", "SEE ALSO", "STORY", "Q", "A", "QUESTION", "ANSWER"}
)  # fmt: skip
#: how far into the text a dateline after the headline may start
_HEADLINE_CHARS = 200
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


#: A date written into a URL or a file name: 2017/06/05, 2017-06-05, 2017.06.05, 20170605 is not
#: taken (a number that long is as often an id).
_DATE_IN_NAME = re.compile(
    r"(?<![\d.])((?:19|20)\d\d)([/._-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])"
)


def date_in_name(*names: str | None) -> date | None:
    """The publication date a URL or an identifier carries ("voa.../2017.06.05.3887168",
    "https://example.org/2019/03/15/story"), as news sites write it (and as ``htmldate`` reads
    it): the first name with one wins; None if none has a real date inside the accepted window."""
    for name in names:
        if not name:
            continue
        for m in _DATE_IN_NAME.finditer(name):
            try:
                return check_date_window(date(int(m[1]), int(m[3]), int(m[4])))
            except (ValueError, DateHeaderError):
                continue
    return None


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
    m, at = _DATELINE.match(body), article.body_start
    if not m:
        found = _after_headline(body) or _colon_dateline(body)
        if found is None:
            return
        m, at = found[0], at + found[1]
    place = m.group("place").strip()
    # A line of capitals that is a headline, not a dateline, is long; datelines are short.
    if (
        len(place.split()) > 4
        or _AGENCY_IN_DATELINE.match(place)
        or place.upper().rstrip(".") in _NOT_DATELINES
    ):
        return
    start = at + m.start("place")
    name = place.title() if place.isupper() or place.islower() else place
    groups = m.groupdict()
    region, agency = (groups.get("region") or "").strip(), groups.get("agency")
    paren = groups.get("paren")  # "jamdudhai (jamnagar):" a district, "Lahore (AFP):" an agency
    if paren and _AGENCY_IN_DATELINE.match(paren.strip()):
        agency = paren
    elif paren:
        region = paren.strip().title() if paren.islower() else paren.strip()
    article.dateline = f"{name}, {region}" if region and not _AGENCY_IN_DATELINE.match(region) else name
    article.dateline_span = Span(start, start + len(place), place)
    if agency and not article.agency:
        a_start = at + m.start("agency" if groups.get("agency") else "paren")
        article.agency = agency.strip()
        article.agency_span = Span(a_start, a_start + len(agency), agency)


def _after_headline(body: str) -> tuple[re.Match[str], int] | None:
    """A dateline that follows the headline, on its line or at the start of the next, and
    where the text the match reads starts in ``body``: the headline is short and ends no
    sentence ("Seven killed in blasts in Afghanistan" then "KANDAHAR, Afghanistan, Oct. 3
    (Xinhua) -- ...")."""
    lead = len(body) - len(body.lstrip())
    head = body[lead:].partition("\n")[0]
    m = _DATELINE_AFTER_HEADLINE.search(head[: _HEADLINE_CHARS + 60])
    if m is not None and m.start() <= _HEADLINE_CHARS and "." not in head[: m.start()].rstrip(". "):
        return m, lead
    nxt = _after_short_first_line(body)
    if nxt is not None:
        m = _DATELINE.match(nxt[0])
        return (m, nxt[1]) if m is not None else None
    return None


def _after_short_first_line(body: str) -> tuple[str, int] | None:
    """The text after a first line that is short and ends no sentence (a headline, "This story
    is from March 2, 2002"), and where it starts in ``body``; None for any other first line."""
    lead = len(body) - len(body.lstrip())
    head, newline, rest = body[lead:].partition("\n")
    if newline and len(head) <= _HEADLINE_CHARS and not head.rstrip().endswith((".", "!", "?", ":")):
        return rest, lead + len(head) + 1
    return None


#: how much of a report without a capital letter makes it one written in small letters only
_LOWER_CASE_CHARS = 300


def _colon_dateline(body: str) -> tuple[re.Match[str], int] | None:
    """A place and a colon opening the report ("New Delhi: Prime Minister ..."), or the line
    after a short first line ("This story is from March 2, 2002" then "hyderabad: the ..."): in
    capitals and small letters, each word capitalised; in a text written in small letters only
    (a lower-cased archive), as it is."""
    nxt = _after_short_first_line(body)
    for text, at in [(body, 0)] if nxt is None else [(body, 0), nxt]:
        m = _DATELINE_COLON.match(text)
        if m is None:
            continue
        words = m.group("place").split()
        lower = not re.search(r"[A-Z]", text[:_LOWER_CASE_CHARS])  # a lower-cased archive
        if (lower and m.group("place").islower()) or all(w[0].isupper() and w[1:].islower() for w in words):
            return m, at
    return None


def _find_credit(article: Article) -> None:
    tail_from = max(article.body_start, len(article.text) - 200)
    tail = article.text[tail_from:]
    m = _CREDIT.search(tail)
    if not m:
        return
    start = tail_from + m.start("agency")
    article.agency = m.group("agency")
    article.agency_span = Span(start, start + len(m.group("agency")), m.group("agency"))
