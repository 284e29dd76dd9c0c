"""Read articles from plain-text files, JSON Lines, HTML pages, RSS/Atom feeds, CSV files, folders
and stdin: the one reader of every command (``code``, ``ingest``, ``geoparse``).

Every problem with one input becomes an :class:`InputError` naming the file (and line), and
reading goes on with the next input: one bad file or line never stops a batch. Only regular files
and stdin are read: a named pipe, device or socket would block or never end. Text is UTF-8 (a BOM
is dropped) or UTF-16/UTF-32 with a byte-order mark; anything else is named, not guessed.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from dateline.ingest.formats import (
    CSV_SUFFIXES,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    read_csv,
    read_feed,
    read_html,
    sniff_csv_header,
    sniff_markup,
)
from dateline.ingest.results import MAX_ID_CHARS, InputError, ReadOptions, ReadResult
from dateline.ingest.text import (
    DateHeaderError,
    check_date_window,
    date_in_name,
    parse_iso_date,
    parse_plain_text,
)

__all__ = [
    "InputError",
    "MAX_REPORT_BYTES",
    "ReadOptions",
    "ReadResult",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "read_stdin",
    "read_text_file",
]

log = logging.getLogger(__name__)

#: Largest plain-text report (bytes) or JSON line we code; a bigger one is not a news report. It is
#: the one size limit (the README states it): spaCy never sees more than 50,000 characters at a
#: time (``dateline.nlp.segment.CHUNK_CHARS``, far below its own 1,000,000), so a report up to
#: this size is parsed in pieces in bounded memory, within a time budget that grows with its
#: length (``dateline.budget``).
MAX_REPORT_BYTES = 2_000_000
#: Largest HTML page or RSS/Atom feed read (markup, scripts and many items make them bigger).
MAX_MARKUP_BYTES = 10 * MAX_REPORT_BYTES
#: Largest UTF-16/UTF-32 file read (it is decoded whole, then read as UTF-8).
MAX_WIDE_BYTES = 4 * MAX_MARKUP_BYTES
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}
#: Bytes looked at to tell an input's kind by its content.
SNIFF_BYTES = 8192
_SURROGATE = re.compile("[\ud800-\udfff]")
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, source: str, line: int | None = None) -> str | InputError:
    """UTF-8 (a BOM dropped), or UTF-16/UTF-32 told by a BOM (never for one line of a file: a whole
    wide file is decoded before it is cut into lines, see :func:`_as_utf8`)."""
    for bom, codec in _WIDE_BOMS if line is None else ():
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                return InputError(source, f"invalid {codec.upper()} at byte {exc.start}", line)
    if b"\x00" in data[:SNIFF_BYTES]:
        return InputError(
            source, "binary file, not text (contains NUL bytes; UTF-16 needs a byte-order mark)", line
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(source, f"invalid UTF-8 at byte {exc.start}", line)
    return text


def read_text_file(path: Path, published: date | None = None, source: str | None = None) -> ReadResult:
    """Read one plain-text report; the article id is the file name."""
    source = source or str(path)
    opened = _open_regular(path, source)
    if isinstance(opened, InputError):
        return ReadResult(error=opened)
    with opened:
        return _read_text(opened, path.name, ReadOptions(published=published), source)


def _read_text(fh: IO[bytes], article_id: str, options: ReadOptions, source: str) -> ReadResult:
    data = fh.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        size = _size(fh)
        return ReadResult(
            error=InputError(
                source,
                f"file too large for one report ({size:,} bytes; limit {MAX_REPORT_BYTES:,})"
                if size
                else f"input too large for one report (limit {MAX_REPORT_BYTES:,})",
            )
        )
    # no date given: the one a file name like "atme-2025-08-20.txt" carries (a date header wins)
    return parse_text_bytes(data, article_id, options.published or date_in_name(article_id), source)


def _size(fh: IO[bytes]) -> int:
    try:
        return os.fstat(fh.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        return 0


def parse_text_bytes(data: bytes, article_id: str, published: date | None, source: str) -> ReadResult:
    text = _decode(data, source)
    if isinstance(text, InputError):
        return ReadResult(error=text)
    if not text.strip():
        return ReadResult(error=InputError(source, "empty file"))
    try:
        article = parse_plain_text(_clean(text), article_id, published)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc), exc.line))
    if not article.text[article.body_start :].strip():
        return ReadResult(error=InputError(source, "no report text after the date line"))
    return ReadResult(article=article)


def _clean(text: str) -> str:
    """Lone surrogates (``"\\ud800"`` in JSON) cannot be written as UTF-8: each becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def read_jsonl(
    stream: IO[bytes], source: str, published: date | None = None, options: ReadOptions | None = None
) -> Iterator[ReadResult]:
    """Read ``{"id", "text", "published"?, "title"?, "url"?, "outlet"?}`` objects, one per line."""
    options = options or ReadOptions(published=published)
    seen_any = False
    for lineno, raw in enumerate(_bounded_lines(stream), start=1):
        if raw is None:
            yield ReadResult(error=InputError(source, f"line longer than {MAX_REPORT_BYTES:,} bytes", lineno))
            seen_any = True
            continue
        if not raw.strip():
            continue
        seen_any = True
        yield _parse_json_line(raw, source, lineno, options.published)
    if not seen_any:
        yield ReadResult(error=InputError(source, "empty file"))


def _bounded_lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Yield lines, or ``None`` for a line over the size limit (its rest is skipped)."""
    while True:
        line = stream.readline(MAX_REPORT_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_REPORT_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def load_json_line(text: str) -> Any:
    """``json.loads`` that turns every way a hostile line can fail into :class:`ValueError` with a
    short message: nesting too deep for the parser, a number of thousands of digits, bad JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # int(...) of over sys.get_int_max_str_digits() digits
        if "digits" in str(exc):
            raise ValueError(
                f"malformed JSON (a number of more than {sys.get_int_max_str_digits()} digits)"
            ) from None
        raise ValueError(f"malformed JSON ({str(exc)[:100]})") from None


def _parse_json_line(raw: bytes, source: str, lineno: int, published: date | None) -> ReadResult:
    text = _decode(raw, source, lineno)
    if isinstance(text, InputError):
        return ReadResult(error=text)
    try:
        obj = load_json_line(text)
    except ValueError as exc:
        return ReadResult(error=InputError(source, str(exc), lineno))
    if not isinstance(obj, dict):
        return ReadResult(error=InputError(source, "expected a JSON object per line", lineno))
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        return ReadResult(error=InputError(source, 'missing or empty "text"', lineno))
    art_id = obj.get("id")
    if isinstance(art_id, dict | list) or len(str(art_id)) > MAX_ID_CHARS:
        msg = f'"id" must be a string or a number of at most {MAX_ID_CHARS} characters'
        return ReadResult(error=InputError(source, msg, lineno))
    art_id = _clean(str(art_id)) if art_id not in (None, "") else f"{Path(source).name}:{lineno}"
    pub = published
    value = obj.get("published")
    if value not in (None, ""):
        if not isinstance(value, str):
            return ReadResult(error=InputError(source, '"published" must be a YYYY-MM-DD string', lineno))
        try:
            pub = check_date_window(parse_iso_date(value[:10] if "T" in value else value))
        except DateHeaderError as exc:
            return ReadResult(error=InputError(source, f'"published": {exc}', lineno))
    if pub is None:  # no date given: the one the story's URL or id carries, if any
        url = obj.get("url")
        pub = date_in_name(url if isinstance(url, str) else None, art_id)
    try:
        article = parse_plain_text(_clean(body), art_id, pub)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc), lineno))
    for key in ("title", "url", "outlet"):
        if isinstance(obj.get(key), str):
            setattr(article, key, _clean(obj[key]))
    return ReadResult(article=article, record=obj, where=f"{source}:{lineno}")


def _kind_of_file(mode: int) -> str | None:
    """What a non-regular file is, for the message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _not_regular(source: str, kind: str, skipped: bool = False) -> InputError:
    return InputError(
        source, f"{kind}, not a regular file: only files and - (stdin) are read", skipped=skipped
    )


def _open_regular(path: Path, source: str, skipped: bool = False) -> IO[bytes] | InputError:
    """Open ``path`` for reading if it is a regular file, without ever blocking: a FIFO opened for
    reading waits for a writer, so the file is opened non-blocking and checked before any read."""
    try:
        kind = _kind_of_file(os.stat(path).st_mode)
        if kind is not None:
            return _not_regular(source, kind, skipped)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return InputError(source, "no such file or folder")
    except OSError as exc:
        return InputError(source, f"cannot read file ({exc.strerror or exc})")
    try:
        kind = _kind_of_file(os.fstat(fd).st_mode)  # it may have been swapped since the stat
        if kind is not None:
            os.close(fd)
            return _not_regular(source, kind, skipped)
        os.set_blocking(fd, True)
    except OSError as exc:
        os.close(fd)
        return InputError(source, f"cannot read file ({exc.strerror or exc})")
    return os.fdopen(fd, "rb")


def _as_utf8(fh: IO[bytes], head: bytes, source: str) -> IO[bytes] | InputError:
    """A stream of UTF-8: ``fh`` itself, or a UTF-16/UTF-32 file (told by its BOM) decoded whole."""
    if not any(head.startswith(bom) for bom, _ in _WIDE_BOMS):
        return fh
    data = fh.read(MAX_WIDE_BYTES + 1)
    if len(data) > MAX_WIDE_BYTES:
        return InputError(source, f"UTF-16/UTF-32 file too large (limit {MAX_WIDE_BYTES:,} bytes)")
    text = _decode(data, source)
    if isinstance(text, InputError):
        return text
    return io.BytesIO(_clean(text).encode("utf-8"))


def input_kind(head: bytes, suffix: str, options: ReadOptions) -> str | None:
    """What an input is, by its first bytes and its extension: ``jsonl``, ``html``, ``feed``,
    ``csv`` or ``text``; None for a file whose extension and content say it is no report."""
    markup = sniff_markup(head)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if markup is not None:
        return markup
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES or suffix == "-":
        if suffix in ("", "-") and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
            return "jsonl"
        if suffix in ("", "-") and sniff_csv_header(head, options):
            return "csv"
        return "text"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return "jsonl"
    if sniff_csv_header(head, options):
        return "csv"
    return None


def _read_stream(
    fh: IO[bytes], kind: str, source: str, article_id: str, options: ReadOptions
) -> Iterator[ReadResult]:
    if kind == "jsonl":
        yield from read_jsonl(fh, source, options=options)
    elif kind == "csv":
        yield from read_csv(fh, source, options, MAX_REPORT_BYTES)
    elif kind in ("html", "feed"):
        data = fh.read(MAX_MARKUP_BYTES + 1)
        if len(data) > MAX_MARKUP_BYTES:
            what = "HTML page" if kind == "html" else "feed"
            yield ReadResult(error=InputError(source, f"{what} too large (limit {MAX_MARKUP_BYTES:,} bytes)"))
        elif not data.strip():
            yield ReadResult(error=InputError(source, "empty file"))
        elif b"\x00" in data[:SNIFF_BYTES]:
            yield ReadResult(error=InputError(source, "binary file, not text (contains NUL bytes)"))
        elif kind == "html":
            yield read_html(data, source, article_id, options)
        else:
            yield from read_feed(data, source, options)
    else:
        yield _read_text(fh, article_id, options, source)


def _read_file(
    path: Path, options: ReadOptions, in_folder: bool = False, article_id: str | None = None
) -> Iterator[ReadResult]:
    source = str(path)
    opened = _open_regular(path, source, skipped=in_folder)
    if isinstance(opened, InputError):
        yield ReadResult(error=opened)
        return
    try:
        with opened as fh:
            head = fh.read(SNIFF_BYTES)
            fh.seek(0)
            stream = _as_utf8(fh, head, source)
            if isinstance(stream, InputError):
                yield ReadResult(error=stream)
                return
            if stream is not fh:
                head = stream.read(SNIFF_BYTES)
                stream.seek(0)
            suffix = path.suffix.lower()
            kind = input_kind(head, suffix, options)
            if kind is None:
                if in_folder:
                    what = f"a {suffix} file" if suffix else "a file without extension"
                    yield ReadResult(error=InputError(source, f"{what}, not a report", skipped=True))
                    return
                kind = "text"  # named on the command line: read it as text (binary is told then)
            yield from _read_stream(stream, kind, source, article_id or path.name, options)
    except OSError as exc:
        yield ReadResult(error=InputError(source, f"cannot read file ({exc.strerror or exc})"))


def _read_folder(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    """Every file in a folder and its subfolders, sorted; hidden files and folders are passed over,
    everything else that is not read is named with the reason."""
    found = False
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(path, onerror=unreadable.append):
        while unreadable:
            exc = unreadable.pop(0)
            found = True
            yield ReadResult(
                error=InputError(str(exc.filename or path), f"cannot read folder ({exc.strerror or exc})")
            )
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            found = True
            # a file in a subfolder is named by its path in the folder: sub1/index.html and
            # sub2/index.html are two reports, not one id whose last version replaces the other
            file = Path(root) / name
            yield from _read_file(file, options, in_folder=True, article_id=file.relative_to(path).as_posix())
    for exc in unreadable:
        found = True
        yield ReadResult(
            error=InputError(str(exc.filename or path), f"cannot read folder ({exc.strerror or exc})")
        )
    if not found:
        yield ReadResult(error=InputError(str(path), "folder holds no files"))


def read_path(
    path: Path, published: date | None = None, options: ReadOptions | None = None
) -> Iterator[ReadResult]:
    """Read one file or every report file in a folder (sorted, recursively)."""
    options = options or ReadOptions(published=published)
    if path.is_dir():
        yield from _read_folder(path, options)
        return
    yield from _read_file(path, options)


def read_stdin(
    stream: IO[bytes] | None = None, published: date | None = None, options: ReadOptions | None = None
) -> Iterator[ReadResult]:
    """Read stdin: JSON Lines when the first non-blank byte is ``{``, an HTML page or a feed when it
    starts so, CSV when its first line is a header naming a text column, else one plain-text report."""
    options = options or ReadOptions(published=published)
    stream = stream if stream is not None else sys.stdin.buffer
    head = stream.read(SNIFF_BYTES)
    if any(head.startswith(bom) for bom, _ in _WIDE_BOMS):
        wide = _as_utf8(io.BufferedReader(_Joined(head, stream)), head, "<stdin>")
        if isinstance(wide, InputError):
            yield ReadResult(error=wide)
            return
        yield from read_stdin(wide, options=options)
        return
    kind = input_kind(head, "-", options) or "text"
    yield from _read_stream(io.BufferedReader(_Joined(head, stream)), kind, "<stdin>", "stdin", options)


class _Joined(io.RawIOBase):
    """The bytes already read from a stream followed by the rest of it (stdin cannot seek back)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buf))
        buf[: len(data)] = data
        return len(data)


def read_inputs(
    paths: Iterable[str], published: date | ReadOptions | None = None, options: ReadOptions | None = None
) -> Iterator[ReadResult]:
    """Read every path given (``-`` is stdin); no paths means stdin. ``published`` may be the
    whole :class:`ReadOptions` (what ``dateline.store.ingest.ingest`` passes on)."""
    if isinstance(published, ReadOptions):
        options, published = options or published, None
    options = options or ReadOptions(published=published)
    paths = list(paths) or ["-"]
    for p in paths:
        if p == "-":
            yield from read_stdin(options=options)
        else:
            yield from read_path(Path(p), options=options)
