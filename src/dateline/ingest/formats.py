"""Real-world inputs: HTML pages, RSS/Atom feeds and CSV files, and telling them apart by content.

- HTML is parsed with selectolax (the Lexbor HTML5 parser): the main text comes from the page's
  ``<article>`` (else ``<main>``, else ``<body>``) paragraph by paragraph; scripts, styles,
  navigation, headers, footers and forms are dropped and never coded. The headline and the
  publication date come from the page's metadata (``article:published_time``, Open Graph,
  JSON-LD ``datePublished``, ``<time datetime>``).
- RSS and Atom are parsed with feedparser: each item is an article whose id and URL are its link,
  whose headline is its title, whose date is its ``pubDate``/``published`` (else ``updated``) and
  whose text is its content (else its summary), HTML removed.
- CSV needs a header row naming the columns: the text column (``--text-column``, else text, body,
  content, ...), the date (``--date-column``, else date, published, ...), the id
  (``--id-column``, else id, url, ...); a title column becomes the headline.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import email.utils
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin

from dateline.ingest.results import MAX_ID_CHARS, InputError, ReadOptions, ReadResult
from dateline.ingest.text import DateHeaderError, check_date_window, parse_plain_text

#: Header names tried, in order, when no column is named on the command line (case-insensitive).
TEXT_COLUMNS = ("text", "body", "content", "article", "story", "full_text", "description")
DATE_COLUMNS = ("published", "date", "published_at", "publication_date", "pubdate", "datetime", "time")
ID_COLUMNS = ("id", "article_id", "guid", "url", "link")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link")
OUTLET_COLUMNS = ("outlet", "source", "publisher")

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
CSV_SUFFIXES = {".csv", ".tsv"}

#: Elements whose text is never article text.
_DROP = (
    "script, style, noscript, template, iframe, object, embed, svg, canvas, nav, header, footer, "
    "aside, form, button, select, textarea, dialog, menu"
)
#: Block elements read as one paragraph each (the innermost ones, so nothing is read twice); a
#: <div> holding no other block is a paragraph too (the lead "KHARKIV, Ukraine - ..." of many
#: pages sits in a <div> beside the <p>s of the body)
_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th, dd, dt, div"
_SPACE = re.compile(r"\s+")
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# meta keys naming the publication date, most trusted first
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
)


class FormatError(ValueError):
    """An HTML page, feed or CSV file that holds no usable report."""


def parse_date_value(value: str) -> date:
    """A publication date as pages, feeds and CSV files write it: ISO 8601 (a date or a date and
    time: the date part is taken) or RFC 822 (``Tue, 02 Apr 2024 10:00:00 GMT``); the date must lie
    in the accepted window. Raises :class:`DateHeaderError`."""
    text = value.strip()
    m = _ISO_DAY.match(text)
    if m:
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise DateHeaderError(f"unparseable date {text[:40]!r} ({exc})") from None
        return check_date_window(day)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        raise DateHeaderError(f"unparseable date {text[:40]!r} (expected ISO 8601 or RFC 822)") from None
    return check_date_window(when.date())


# -- sniffing -------------------------------------------------------------------------------------


def sniff_markup(head: bytes) -> str | None:
    """``"html"`` or ``"feed"`` when the first bytes (UTF-8) are an HTML page or an RSS/Atom feed."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<"):
        if re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", start):
            return "feed"
        if re.search(rb"<(?:html|head|body)[\s>]", start):
            return "html"
    return None


def sniff_csv_header(head: bytes, options: ReadOptions) -> bool:
    """Whether the first line is a CSV header naming a text column (how stdin and files without a
    telling extension are recognised as CSV)."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    if not first or len(first) > 2000 or first[:1] in (b"{", b"<"):
        return False
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError:
        return False
    delimiter = "\t" if line.count("\t") > line.count(",") else ","
    cells = [c.strip().lower() for c in next(csv.reader([line], delimiter=delimiter), [])]
    if len(cells) < 2 or any(len(c) > 64 for c in cells):
        return False
    wanted = (options.text_column.lower(),) if options.text_column else TEXT_COLUMNS
    return any(c in wanted for c in cells)


# -- HTML -----------------------------------------------------------------------------------------


def decode_html(data: bytes, source: str) -> str | InputError:
    """UTF-8 (a BOM is dropped), else the charset the page declares in a ``<meta>`` tag."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(codecs.lookup(m.group(1).decode("ascii")).name)
            except (LookupError, UnicodeDecodeError):
                pass
        return InputError(source, f"invalid UTF-8 at byte {exc.start} and no usable <meta charset>")


def html_to_text(html: str) -> str:
    """The readable text of an HTML fragment or page: one paragraph per block element, scripts,
    styles and navigation dropped, whitespace collapsed."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.body or tree.root
    return _block_text(root) if root is not None else ""


def _block_text(root: Any, skip: str | None = None) -> str:
    for br in root.css("br"):  # a line break parts words ("Ukraine:<br>A strike")
        br.replace_with(" ")
    blocks: list[str] = []
    for node in _innermost_blocks(root):
        text = _SPACE.sub(" ", node.text(deep=True, separator="")).strip()
        if text and not (skip and node.tag == "h1" and text == skip):
            blocks.append(text)
    if not blocks:  # bare text in <body> or <div>s
        text = _SPACE.sub(" ", root.text(deep=True, separator=" ")).strip()
        return text
    return "\n\n".join(blocks)


def _innermost_blocks(root: Any) -> list[Any]:
    """The block elements under ``root`` (itself included) that hold no other block, in document
    order. Linear in the size of the tree: each block marks its nearest block ancestor as holding
    one, and the walk up is remembered, so that deeply nested lists cost no more than flat ones."""
    nodes = root.css(_BLOCKS)
    block_ids = {n.mem_id for n in nodes}
    nearest: dict[int, int | None] = {}  # node -> its nearest block ancestor (None: none)
    outer: set[int] = set()
    for node in nodes:
        path: list[int] = []
        parent = node.parent
        found: int | None = None
        while parent is not None:
            pid = parent.mem_id
            if pid in block_ids:
                found = pid
                break
            if pid in nearest:
                found = nearest[pid]
                break
            path.append(pid)
            parent = parent.parent
        for pid in path:
            nearest[pid] = found
        if found is not None:
            outer.add(found)
    return [n for n in nodes if n.mem_id not in outer]


def read_html(data: bytes, source: str, article_id: str, options: ReadOptions) -> ReadResult:
    """One HTML page as one article: its main text, headline, URL, outlet and publication date."""
    from selectolax.lexbor import LexborHTMLParser

    html = decode_html(data, source)
    if isinstance(html, InputError):
        return ReadResult(error=html)
    tree = LexborHTMLParser(html)
    meta: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and attrs.get("content"):
            meta.setdefault(key.strip().lower(), str(attrs["content"]).strip())
    linked = _json_ld(tree)
    title = meta.get("og:title") or meta.get("twitter:title") or linked.get("headline")
    if not title:
        for sel in ("article h1", "h1", "title"):
            node = tree.css_first(sel)
            if node is not None and node.text(strip=True):
                title = _SPACE.sub(" ", node.text()).strip()
                break
    try:
        published = _page_date(tree, meta, linked) or options.published
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, f"publication date: {exc}"))
    canonical = tree.css_first('link[rel="canonical"]')
    url = meta.get("og:url") or (canonical.attributes.get("href") if canonical is not None else None)
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first('[role="main"]')
    root = root or tree.body or tree.root
    body = _block_text(root, skip=title) if root is not None else ""
    if not body:
        return ReadResult(error=InputError(source, "no article text in the HTML page"))
    try:
        article = parse_plain_text(body, article_id, published)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc)))
    article.title = title or None
    article.url = url or None
    article.outlet = meta.get("og:site_name") or None
    return ReadResult(article=article)


def _json_ld(tree: Any) -> dict[str, str]:
    """``headline`` and ``datePublished`` from the page's JSON-LD (the first object that has them)."""
    found: dict[str, str] = {}
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text())
        except (ValueError, RecursionError):
            continue
        stack: list[tuple[Any, int]] = [(data, 0)]
        while stack:
            item, depth = stack.pop()
            if depth > 6:
                continue
            if isinstance(item, list):
                stack.extend((x, depth + 1) for x in reversed(item))
            elif isinstance(item, dict):
                for key in ("headline", "datePublished"):
                    if isinstance(item.get(key), str) and key not in found:
                        found[key] = item[key]
                if isinstance(item.get("@graph"), list):
                    stack.append((item["@graph"], depth + 1))
    return found


def _page_date(tree: Any, meta: dict[str, str], linked: dict[str, str]) -> date | None:
    """The first date the page states that can be read; one outside the window is an error."""
    candidates = [meta[k] for k in _DATE_META[:2] if k in meta]
    candidates += [linked["datePublished"]] if "datePublished" in linked else []
    candidates += [meta[k] for k in _DATE_META[2:] if k in meta]
    for sel in ("time[pubdate][datetime]", 'time[itemprop="datePublished"]', "time[datetime]"):
        node = tree.css_first(sel)
        if node is not None and node.attributes.get("datetime"):
            candidates.append(str(node.attributes["datetime"]))
    for value in candidates:
        try:
            return parse_date_value(value)
        except DateHeaderError as exc:
            if "outside the accepted window" in str(exc):
                raise
    return None


# -- RSS / Atom -----------------------------------------------------------------------------------


def read_feed(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    """Every item of an RSS or Atom feed as an article (errors name the item by its number)."""
    import feedparser

    # a stream, never the bytes: feedparser would try bytes as a file name first
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        why = f" ({_one_line(parsed.get('bozo_exception'))})" if parsed.get("bozo") else ""
        yield ReadResult(error=InputError(source, f"no items in the RSS/Atom feed{why}"))
        return
    outlet = _one_line(parsed.feed.get("title")) or None
    home = str(parsed.feed.get("link") or "")
    for n, entry in enumerate(parsed.entries, start=1):
        yield _feed_item(entry, n, source, outlet, options, home)


def _feed_item(
    entry: Any, n: int, source: str, outlet: str | None, options: ReadOptions, home: str = ""
) -> ReadResult:
    where = f"item {n}"
    link = entry.get("link") or None
    if link and home:  # a relative link ("/news/1") is the feed's site's: two feeds' never collide
        with contextlib.suppress(ValueError):  # a malformed site link ("http://[") leaves it as is
            link = urljoin(home, str(link))
    art_id = next(
        (str(v) for v in (link, entry.get("id")) if v and len(str(v)) <= MAX_ID_CHARS),
        f"{Path(source).name}#{n}",
    )
    parts = entry.get("content") or []
    html = max((str(p.get("value") or "") for p in parts), key=len, default="") or str(
        entry.get("summary") or ""
    )
    text = html_to_text(html) if "<" in html else _SPACE.sub(" ", html).strip()
    if not text:
        return ReadResult(error=InputError(source, f"{where}: no text (neither content nor summary)"))
    published = options.published
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    raw = entry.get("published") or entry.get("updated")
    try:
        if stamp is not None:
            published = check_date_window(date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday))
        elif raw:
            published = parse_date_value(str(raw))
    except (DateHeaderError, ValueError) as exc:
        return ReadResult(error=InputError(source, f"{where}: publication date: {exc}"))
    try:
        article = parse_plain_text(text, art_id, published)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, f"{where}: {exc}"))
    title = entry.get("title")
    article.title = (html_to_text(title) if "<" in title else title.strip()) if title else None
    article.url = link
    article.outlet = outlet
    return ReadResult(article=article)


def _one_line(value: Any) -> str:
    return _SPACE.sub(" ", str(value or "")).strip()[:200]


# -- CSV ------------------------------------------------------------------------------------------


def read_csv(stream: IO[bytes], source: str, options: ReadOptions, limit: int) -> Iterator[ReadResult]:
    """Every row of a CSV file with a header as an article; ``limit`` bounds one cell (characters).

    The delimiter is a comma, or a tab for .tsv files and headers with more tabs than commas;
    errors name the file and the line the row starts on."""
    csv.field_size_limit(max(limit, 131_072))  # the module's default (128 KiB) is below a long report
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline()
    except UnicodeDecodeError as exc:
        yield ReadResult(error=InputError(source, f"invalid UTF-8 in the header ({exc.reason})", 1))
        return
    if not header_line.strip():
        yield ReadResult(error=InputError(source, "empty file"))
        return
    tab = source.lower().endswith(".tsv") or header_line.count("\t") > header_line.count(",")
    delimiter = "\t" if tab else ","
    header = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter), [])]
    columns = _csv_columns(header, options)
    if isinstance(columns, str):
        yield ReadResult(error=InputError(source, columns, 1))
        return
    reader = csv.reader(text, delimiter=delimiter)
    seen_any = False
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            yield ReadResult(
                error=InputError(source, f"invalid UTF-8 ({exc.reason}); rest of file skipped", start)
            )
            return
        except csv.Error as exc:
            yield ReadResult(error=InputError(source, f"malformed CSV ({exc}); rest of file skipped", start))
            return
        lineno, start = start, reader.line_num + 2
        if not any(cell.strip() for cell in row):
            continue
        seen_any = True
        yield _csv_row(row, header, lineno, source, options, columns)
    if not seen_any:
        yield ReadResult(error=InputError(source, "no rows after the header"))


_Columns = tuple[int, int | None, int | None, int | None, int | None, int | None]


def _csv_columns(header: list[str], options: ReadOptions) -> _Columns | str:
    lower = [h.lower() for h in header]

    def find(named: str | None, defaults: tuple[str, ...], what: str) -> int | None | str:
        if named is not None:
            if named.lower() in lower:
                return lower.index(named.lower())
            return f"no {what} column {named!r} in the header (columns: {', '.join(header)[:200]})"
        return next((lower.index(d) for d in defaults if d in lower), None)

    text_col = find(options.text_column, TEXT_COLUMNS, "text")
    if isinstance(text_col, str):
        return text_col
    if text_col is None:
        return (
            f"no text column in the header (columns: {', '.join(header)[:200]}); name it with --text-column"
        )
    date_col = find(options.date_column, DATE_COLUMNS, "date")
    id_col = find(options.id_column, ID_COLUMNS, "id")
    for found in (date_col, id_col):
        if isinstance(found, str):
            return found
    assert not isinstance(date_col, str) and not isinstance(id_col, str)
    title_col, url_col, outlet_col = (
        next((lower.index(d) for d in names if d in lower), None)
        for names in (TITLE_COLUMNS, URL_COLUMNS, OUTLET_COLUMNS)
    )
    return text_col, date_col, id_col, title_col, url_col, outlet_col


def _csv_row(
    row: list[str], header: list[str], lineno: int, source: str, options: ReadOptions, columns: _Columns
) -> ReadResult:
    text_col, date_col, id_col, title_col, url_col, outlet_col = columns

    def cell(i: int | None) -> str:
        return row[i].strip() if i is not None and i < len(row) else ""

    body = cell(text_col)
    if not body:
        return ReadResult(error=InputError(source, f"empty {header[text_col]!r} cell", lineno))
    published = options.published
    if cell(date_col):
        try:
            published = parse_date_value(cell(date_col))
        except DateHeaderError as exc:
            return ReadResult(error=InputError(source, f"{header[date_col or 0]!r}: {exc}", lineno))
    art_id = cell(id_col) or f"{Path(source).name}:{lineno}"
    if len(art_id) > MAX_ID_CHARS:
        return ReadResult(error=InputError(source, f"id longer than {MAX_ID_CHARS} characters", lineno))
    try:
        article = parse_plain_text(body, art_id, published)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc), lineno))
    article.title = cell(title_col) or None
    article.url = cell(url_col) or None
    article.outlet = cell(outlet_col) or None
    return ReadResult(article=article)
