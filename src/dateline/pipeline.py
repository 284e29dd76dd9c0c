"""The pipeline: ordered, replaceable stages with one :class:`ArticleDoc` flowing through.

Like spaCy, stages are small callables built by registered factories from a config;
``Pipeline.from_config`` assembles them, and any stage can be swapped or run alone.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from dateline.budget import ArticleTimeout, TimeBudget, deadline
from dateline.ingest.normalize import normalize_article, restore_article_doc
from dateline.model import Article, Claim, Event, Mention, Span

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ArticleDoc:
    """Everything known about one article while it moves through the stages."""

    article: Article
    doc: Doc | None = None
    #: The text ``doc`` was parsed from, set by the segment stage: the same string as ``doc.text``,
    #: which spaCy rebuilds token by token on every access (~0.4 ms for 600 words): use this.
    text: str = ""
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    toponyms: list[Any] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)

    def parsed(self, stage: str) -> Doc:
        """The spaCy Doc, or a clear error naming the stage that ran before the ``segment`` stage."""
        if self.doc is None:
            raise ValueError(f"the {stage} stage needs the segment stage before it")
        return self.doc

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding character ``char`` (-1 if none)."""
        # the sentences are in text order and do not overlap: a binary search, not a scan of all
        # of a long report's sentences for each claim or mention
        i = bisect_right(self.sentences, char, key=_span_start) - 1
        return i if i >= 0 and self.sentences[i].start <= char < self.sentences[i].end else -1

    def by_sentence(self, items: Iterable[Any], start: Callable[[Any], int]) -> dict[int, list[Any]]:
        """``items`` (in their order) by the index of the sentence holding ``start(item)``: a stage
        reads a mention's sentence-mates here rather than scanning all of a report's for each."""
        out: dict[int, list[Any]] = {}
        for item in items:
            out.setdefault(self.sentence_index(start(item)), []).append(item)
        return out


def _span_start(span: Span) -> int:
    return span.start


#: Where :func:`doc_text` keeps a Doc's text, in ``doc.user_data``.
_DOC_TEXT_KEY = "dateline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and kept in ``doc.user_data``.

    spaCy rebuilds ``Doc.text`` from every token on each access: a stage reading it once per
    mention costs O(mentions x length), quadratic in the length of a report (a 100k-character
    report spent 60% of its time there). Stages holding only a Doc or a Token read it here.
    """
    text = doc.user_data.get(_DOC_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_DOC_TEXT_KEY] = text
    return text


def doc_ents(doc: Doc) -> tuple[Any, ...]:
    """``doc.ents`` (sorted, non-overlapping), built once per Doc: spaCy builds the tuple from every
    token on each access, which per mention is quadratic in the length of a report."""
    ents = doc.user_data.get(_DOC_ENTS_KEY)
    if not isinstance(ents, tuple):
        ents = tuple(doc.ents)
        doc.user_data[_DOC_ENTS_KEY] = ents
    return ents


_DOC_ENTS_KEY = "dateline.ents"


class Stage(Protocol):
    """A pipeline stage: reads and enriches an ArticleDoc, returns it."""

    name: str

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc: ...


@dataclass(frozen=True, slots=True)
class Resources:
    """Heavy shared resources, loaded once per pipeline and handed to the stage factories."""

    nlp: Language
    gazetteer: Any
    actors: Any


StageFactory = Callable[[Resources, dict[str, Any]], Stage]
_FACTORIES: dict[str, StageFactory] = {}

#: The default order of the stages.
DEFAULT_STAGES: tuple[str, ...] = (
    "segment",
    "mentions",
    "type",
    "actors",
    "place",
    "time",
    "status",
    "counts",
    "sources",
    "assemble",
)


def register_stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a factory building the stage called ``name`` (done at import time, like spaCy's)."""

    def deco(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return deco


def stage_factory(name: str) -> StageFactory:
    _import_builtin_stages()
    try:
        return _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise KeyError(f"no pipeline stage called {name!r} (known: {known})") from None


def _import_builtin_stages() -> None:
    # Importing the stage modules registers their factories.
    from dateline import stages  # noqa: F401


class Pipeline:
    """Runs the stages in order over articles and returns the coded events."""

    def __init__(self, stages: list[Stage], resources: Resources, budget: TimeBudget | None = None) -> None:
        self.stages = stages
        self.resources = resources
        #: the time each article may take (default: from the environment, see dateline.budget)
        self.budget = budget if budget is not None else TimeBudget.from_env()

    @classmethod
    def from_config(
        cls,
        stages: Iterable[str] = DEFAULT_STAGES,
        config: dict[str, dict[str, Any]] | None = None,
        resources: Resources | None = None,
    ) -> Pipeline:
        config = config or {}
        resources = resources or load_resources()
        built = [stage_factory(name)(resources, config.get(name, {})) for name in stages]
        return cls(built, resources)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def replace(self, name: str, stage: Stage) -> None:
        """Swap the stage called ``name`` for another one."""
        for i, s in enumerate(self.stages):
            if s.name == name:
                self.stages[i] = stage
                return
        raise KeyError(f"no stage called {name!r} in this pipeline ({', '.join(self.stage_names)})")

    def run(self, article: Article) -> ArticleDoc:
        # The stages parse the text without zero-width/bidi marks and NFKC-normalized; the spans of
        # the result are mapped back to the article's own text (dateline.ingest.normalize).
        parsed, norm = normalize_article(article)
        adoc = ArticleDoc(article=parsed)
        clock = _Clock(self.budget.for_text(len(article.text)))
        for stage in self.stages:
            adoc = clock.call(stage, adoc)  # ArticleTimeout once the article's budget is spent
        restore_article_doc(adoc, article, norm)
        return adoc

    def __call__(self, article: Article) -> list[Event]:
        return self.run(article).events

    def run_batch(self, articles: Sequence[Article]) -> list[ArticleDoc | Exception]:
        """Run the stages over several articles, stage by stage, with the same results as
        :meth:`run` on each.

        A stage with a ``pipe(adocs) -> adocs`` method (the segmenter: spaCy's ``nlp.pipe``)
        gets the whole batch at once; if it raises, the batch is redone one article at a time.
        An article on which a stage raises gets the exception in its place; the others go on.
        An article that outruns its time budget (:attr:`budget`) gets an ``ArticleTimeout``; an
        article longer than :data:`BATCH_MAX_CHARS` is never batched, so that its budget can
        stop it without stopping the others.
        """
        prepared = [normalize_article(a) for a in articles]  # as in run(): normalized text parsed
        results: list[ArticleDoc | Exception] = [ArticleDoc(article=p) for p, _ in prepared]
        clocks = [_Clock(self.budget.for_text(len(a.text))) for a in articles]
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, ArticleDoc)]
            if not live:
                break
            batch = getattr(stage, "pipe", None)
            together = [i for i in live if len(articles[i].text) <= BATCH_MAX_CHARS]
            if batch is not None and len(together) > 1:
                started = time.monotonic()
                try:
                    done = batch([results[i] for i in together])
                except Exception:
                    log.debug("stage %s failed on a batch; one article at a time", stage.name, exc_info=True)
                else:
                    share = (time.monotonic() - started) / len(together)  # the batch's time, shared
                    for i, adoc in zip(together, done, strict=True):
                        results[i] = clocks[i].charge(share, adoc)
                    batched_ones = set(together)
                    live = [i for i in live if i not in batched_ones]
            for i in live:
                adoc = results[i]
                assert isinstance(adoc, ArticleDoc)
                try:
                    results[i] = clocks[i].call(stage, adoc)
                except Exception as exc:
                    results[i] = exc
        for i, (article, (_, norm)) in enumerate(zip(articles, prepared, strict=True)):
            adoc = results[i]
            if isinstance(adoc, ArticleDoc):  # spans back into the article's own text, as in run()
                try:
                    restore_article_doc(adoc, article, norm)
                except Exception as exc:
                    results[i] = exc
        return results

    def pipe(self, articles: Iterable[Article], batch_size: int = 8) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches of ``batch_size`` (see :meth:`run_batch`); an error on an
        article is raised when that article's turn comes."""
        for chunk in batched(articles, batch_size):
            for article, result in zip(chunk, self.run_batch(chunk), strict=True):
                if isinstance(result, Exception):
                    raise result
                yield article, result.events


#: Articles longer than this (characters) are run one at a time by :meth:`Pipeline.run_batch`.
BATCH_MAX_CHARS = 50_000


@dataclass(slots=True)
class _Clock:
    """One article's time budget (seconds; None: no limit), spent stage by stage."""

    limit: float | None
    spent: float = 0.0

    def call(self, stage: Stage, adoc: ArticleDoc) -> ArticleDoc:
        """``stage(adoc)`` within what is left of the budget, else :class:`ArticleTimeout`: stopped
        in the middle where a signal can do it (see :func:`deadline`), else after the stage."""
        if self.limit is None:
            return stage(adoc)
        if self.spent >= self.limit:
            raise ArticleTimeout(self.limit)
        started = time.monotonic()
        with deadline(self.limit - self.spent, self.limit):
            out = stage(adoc)
        self.spent += time.monotonic() - started
        if self.spent > self.limit:
            raise ArticleTimeout(self.limit)
        return out

    def charge(self, seconds: float, adoc: ArticleDoc) -> ArticleDoc | ArticleTimeout:
        """Count ``seconds`` spent on the article by a batched stage: the article, or its timeout."""
        self.spent += seconds
        if self.limit is not None and self.spent > self.limit:
            return ArticleTimeout(self.limit)
        return adoc


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Successive lists of ``size`` items (the last one shorter)."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load_resources(model: str | None = None) -> Resources:
    from dateline.actors.dictionary import ActorDictionary
    from dateline.geo.gazetteer import Gazetteer
    from dateline.nlp.segment import load_spacy

    return Resources(nlp=load_spacy(model), gazetteer=Gazetteer.load(), actors=ActorDictionary.load())


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    return Pipeline.from_config()
