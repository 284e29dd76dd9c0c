"""Normalize report text before parsing, keeping a map back to the original offsets.

Zero-width and bidi marks (Unicode category Cf: U+200B..U+200F, U+202A..U+202E, U+2066..U+2069,
U+FEFF, the soft hyphen ...) split words for the parser while a reader never sees them, and
compatibility characters (ligatures, full-width letters, no-break spaces) hide words from the
lexicons. The pipeline therefore parses the text with every format character removed and NFKC
applied; evidence offsets are then mapped back so that they point into the text as the user gave
it (:func:`restore_offsets`).

Text extracted from web pages often loses the break between paragraphs ("killed in north
Belfast.At Oxford St, four died"): the parser splits such a sentence, but the toponym and date
finders, which read the characters, take "At Oxford" for a name. A space is put back where a
sentence's last word runs into the next one's capital (:data:`_GLUED`), mapped to no character
of the original.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.model import Article, Span

# Every character of Unicode category Cf (format) in Unicode 14 (Python 3.11's tables); the test
# suite checks the class against unicodedata.
_FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: a sentence end run into the next sentence: two lower-case letters, the end mark (and a closing
#: quote or bracket), then a capitalised word. Abbreviations ("U.S.A", "Mr.Smith") have fewer
#: lower-case letters before the mark; a domain name ("example.com") has no capital after it.
_GLUED = re.compile(r"[a-z]{2}[.!?][\"'”’)]?(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text and, per normalized character, the original ``[start, end)`` it came from
    (``starts``/``ends`` are None when the text needed no change: offsets are the same)."""

    text: str
    original: str
    starts: Sequence[int] | None = None
    ends: Sequence[int] | None = None

    @property
    def changed(self) -> bool:
        return self.starts is not None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of the normalized ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        o_start = self.starts[start] if start < n else len(self.original)
        o_end = self.ends[end - 1] if end > start else o_start
        return o_start, o_end

    def to_normalized(self, offset: int) -> int:
        """The normalized offset of original ``offset`` (the first normalized character at or
        after it)."""
        if self.starts is None:
            return offset
        return bisect.bisect_left(self.starts, offset)

    def span(self, span: Span) -> Span:
        """``span`` (normalized offsets) as a span of the original text, with the original text."""
        start, end = self.to_original(span.start, span.end)
        return Span(start, end, self.original[start:end])


def normalize_text(text: str) -> Normalized:
    """Remove format characters, apply NFKC and put back the space of sentences run together
    (:data:`_GLUED`); every normalized character knows where it came from."""
    return _unglue(_nfkc(text))


def _unglue(norm: Normalized) -> Normalized:
    """``norm`` with a space after each sentence end run into the next sentence; the space maps
    to the empty span at the end mark's end."""
    text = norm.text
    cuts = [m.end() for m in _GLUED.finditer(text)]
    if not cuts:
        return norm
    n = len(text)
    old_starts = norm.starts if norm.starts is not None else range(n)
    old_ends = norm.ends if norm.ends is not None else range(1, n + 1)
    out: list[str] = []
    starts, ends = array("q"), array("q")
    pos = 0
    for cut in [*cuts, n]:
        out.append(text[pos:cut])
        starts.extend(old_starts[pos:cut])
        ends.extend(old_ends[pos:cut])
        if cut < n:
            at = old_ends[cut - 1]
            out.append(" ")
            starts.append(at)
            ends.append(at)
        pos = cut
    return Normalized("".join(out), norm.original, starts, ends)


def _nfkc(text: str) -> Normalized:
    """Remove format characters and apply NFKC, one character (with its combining marks) at a time
    so that every normalized character knows where it came from. Runs of ASCII, which neither
    changes, are copied whole: the cost is linear (under half a second per million characters of
    English strewn with marks) and the maps take 16 bytes per character."""
    if text.isascii() or (not _FORMAT_CHARS.search(text) and unicodedata.is_normalized("NFKC", text)):
        return Normalized(text, text)
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    pos = 0
    for m in _NON_ASCII.finditer(text):
        a, b = m.start(), m.end()
        if a > pos and unicodedata.combining(text[a]):
            a -= 1  # an ASCII letter goes with the marks that follow it ("e" + U+0301)
        out.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        i = a
        while i < b:
            j = i + 1
            while j < b and unicodedata.combining(text[j]):
                j += 1
            cluster = _FORMAT_CHARS.sub("", text[i:j])
            piece = unicodedata.normalize("NFKC", cluster) if cluster else ""
            out.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            i = j
        pos = b
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Normalized("".join(out), text, starts, ends)


def normalize_article(article: Article) -> tuple[Article, Normalized]:
    """The article the pipeline parses (normalized text, header, dateline and credit found anew in
    it) and the map back to ``article``'s text; the same article when nothing needed normalizing."""
    norm = normalize_text(article.text)
    if not norm.changed:
        return article, norm
    from dateline.ingest.text import find_dateline_and_credit

    parsed = dataclasses.replace(
        article,
        text=norm.text,
        body_start=norm.to_normalized(article.body_start),
        dateline=None,
        dateline_span=None,
        agency=None,
        agency_span=None,
    )
    find_dateline_and_credit(parsed)
    return parsed, norm


def restore_offsets(value: Any, norm: Normalized) -> Any:
    """``value`` with every :class:`Span` (and every ``"span": [start, end, text]`` list in a dict)
    mapped from normalized to original offsets, in place where it can be (dataclasses, lists,
    dicts); returns the value (a new one for a Span)."""
    if not norm.changed:
        return value
    return _restore(value, norm, 0, set())


def _restore(value: Any, norm: Normalized, depth: int, seen: set[int]) -> Any:
    if depth > 8 or value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Span):
        return norm.span(value)
    if id(value) in seen:  # shared (a claim both on a mention and on its event): mapped once
        return value
    seen.add(id(value))
    if isinstance(value, list):
        for k, item in enumerate(value):
            value[k] = _restore(item, norm, depth + 1, seen)
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "span" and _is_span_list(item):
                start, end = norm.to_original(item[0], item[1])
                value[key] = [start, end, norm.original[start:end]]
            else:
                value[key] = _restore(item, norm, depth + 1, seen)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if value.__dataclass_params__.frozen:  # type: ignore[union-attr]
            return value
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            new = _restore(item, norm, depth + 1, seen)
            if new is not item:
                setattr(value, f.name, new)
        return value
    return value


def _is_span_list(item: Any) -> bool:
    return (
        isinstance(item, list)
        and len(item) >= 2
        and isinstance(item[0], int)
        and isinstance(item[1], int)
        and 0 <= item[0] <= item[1]
    )


def restore_article_doc(adoc: Any, original: Article, norm: Normalized) -> None:
    """After the pipeline ran on :func:`normalize_article`'s article: map the spans of the events,
    mentions, claims and sentences back to ``original``'s text and put ``original`` back on the
    ArticleDoc (its ``doc`` and ``text`` stay the normalized text that was parsed)."""
    if not norm.changed:
        return
    # one walk over all of them: an object two of them share (a claim on a mention and on its
    # event) is mapped once
    parts = [getattr(adoc, name, None) for name in ("events", "mentions", "claims", "sentences")]
    restore_offsets(parts, norm)
    adoc.article = original
