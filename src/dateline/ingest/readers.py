"""Read articles from plain-text files, JSON Lines, folders and stdin.

Every problem with one input becomes an :class:`InputError` naming the file (and line),
and reading goes on with the next input: one bad file never stops a batch.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from dateline.ingest.text import DateHeaderError, parse_iso_date, parse_plain_text
from dateline.model import Article

log = logging.getLogger(__name__)

#: Largest plain-text report (bytes) or JSON line we code; a bigger one is not a news report.
MAX_REPORT_BYTES = 2_000_000
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not be read, as a one-line message."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Either an article or the error that kept one from being read."""

    article: Article | None = None
    error: InputError | None = None


def _decode(data: bytes, source: str, line: int | None = None) -> str | InputError:
    if b"\x00" in data[:8192]:
        return InputError(source, "binary file, not text (contains NUL bytes)", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(source, f"invalid UTF-8 at byte {exc.start}", line)
    return text


def read_text_file(path: Path, published: date | None = None, source: str | None = None) -> ReadResult:
    """Read one plain-text report; the article id is the file name."""
    source = source or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            return ReadResult(
                error=InputError(
                    source, f"file too large for one report ({size:,} bytes; limit {MAX_REPORT_BYTES:,})"
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(error=InputError(source, f"cannot read file ({exc.strerror or exc})"))
    return parse_text_bytes(data, path.name, published, source)


def parse_text_bytes(data: bytes, article_id: str, published: date | None, source: str) -> ReadResult:
    text = _decode(data, source)
    if isinstance(text, InputError):
        return ReadResult(error=text)
    if not text.strip():
        return ReadResult(error=InputError(source, "empty file"))
    try:
        article = parse_plain_text(text, article_id, published)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc), 1))
    if not article.text[article.body_start :].strip():
        return ReadResult(error=InputError(source, "no report text after the date line"))
    return ReadResult(article=article)


def read_jsonl(stream: IO[bytes], source: str, published: date | None = None) -> Iterator[ReadResult]:
    """Read ``{"id", "text", "published"?, "title"?, "url"?, "outlet"?}`` objects, one per line."""
    seen_any = False
    for lineno, raw in enumerate(_bounded_lines(stream), start=1):
        if raw is None:
            yield ReadResult(error=InputError(source, f"line longer than {MAX_REPORT_BYTES:,} bytes", lineno))
            seen_any = True
            continue
        if not raw.strip():
            continue
        seen_any = True
        yield _parse_json_line(raw, source, lineno, published)
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


def _parse_json_line(raw: bytes, source: str, lineno: int, published: date | None) -> ReadResult:
    text = _decode(raw, source, lineno)
    if isinstance(text, InputError):
        return ReadResult(error=text)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadResult(
            error=InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})", lineno)
        )
    if not isinstance(obj, dict):
        return ReadResult(error=InputError(source, "expected a JSON object per line", lineno))
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        return ReadResult(error=InputError(source, 'missing or empty "text"', lineno))
    art_id = obj.get("id")
    art_id = str(art_id) if art_id not in (None, "") else f"{Path(source).name}:{lineno}"
    pub = published
    if obj.get("published") not in (None, ""):
        try:
            pub = parse_iso_date(
                str(obj["published"])[:10] if "T" in str(obj["published"]) else str(obj["published"])
            )
        except DateHeaderError as exc:
            return ReadResult(error=InputError(source, f'"published": {exc}', lineno))
    try:
        article = parse_plain_text(body, art_id, pub)
    except DateHeaderError as exc:
        return ReadResult(error=InputError(source, str(exc), lineno))
    for key in ("title", "url", "outlet"):
        if isinstance(obj.get(key), str):
            setattr(article, key, obj[key])
    return ReadResult(article=article)


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in JSONL_SUFFIXES


def read_path(path: Path, published: date | None = None) -> Iterator[ReadResult]:
    """Read one file or every report file in a folder (sorted, recursively)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        if not files:
            yield ReadResult(error=InputError(str(path), "folder holds no files"))
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES | TEXT_SUFFIXES:
                yield from read_path(f, published)
            else:
                log.info("skipping %s: not a .txt or .jsonl file", f)
        return
    if not path.exists():
        yield ReadResult(error=InputError(str(path), "no such file or folder"))
        return
    if _is_jsonl(path):
        try:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, str(path), published)
        except OSError as exc:
            yield ReadResult(error=InputError(str(path), f"cannot read file ({exc.strerror or exc})"))
        return
    yield read_text_file(path, published)


def read_stdin(stream: IO[bytes] | None = None, published: date | None = None) -> Iterator[ReadResult]:
    """Read stdin: JSON Lines when the first non-blank byte is ``{``, else one plain-text report."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(MAX_REPORT_BYTES + 1)
    if data.lstrip()[:1] == b"{":
        import io

        rest = io.BytesIO(data + stream.read())
        yield from read_jsonl(rest, "<stdin>", published)
        return
    if len(data) > MAX_REPORT_BYTES:
        yield ReadResult(
            error=InputError("<stdin>", f"input too large for one report (limit {MAX_REPORT_BYTES:,})")
        )
        return
    yield parse_text_bytes(data, "stdin", published, "<stdin>")


def read_inputs(paths: Iterable[str], published: date | None = None) -> Iterator[ReadResult]:
    """Read every path given (``-`` is stdin); no paths means stdin."""
    paths = list(paths) or ["-"]
    for p in paths:
        if p == "-":
            yield from read_stdin(published=published)
        else:
            yield from read_path(Path(p), published)
