"""The pipeline: ordered, replaceable stages with one :class:`ArticleDoc` flowing through.

Like spaCy, stages are small callables built by registered factories from a config;
``Pipeline.from_config`` assembles them, and any stage can be swapped or run alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

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
        for i, s in enumerate(self.sentences):
            if s.start <= char < s.end:
                return i
        return -1


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

    def __init__(self, stages: list[Stage], resources: Resources) -> None:
        self.stages = stages
        self.resources = resources

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
        adoc = ArticleDoc(article=article)
        for stage in self.stages:
            adoc = stage(adoc)
        return adoc

    def __call__(self, article: Article) -> list[Event]:
        return self.run(article).events

    def run_batch(self, articles: Sequence[Article]) -> list[ArticleDoc | Exception]:
        """Run the stages over several articles, stage by stage, with the same results as
        :meth:`run` on each.

        A stage with a ``pipe(adocs) -> adocs`` method (the segmenter: spaCy's ``nlp.pipe``)
        gets the whole batch at once; if it raises, the batch is redone one article at a time.
        An article on which a stage raises gets the exception in its place; the others go on.
        """
        results: list[ArticleDoc | Exception] = [ArticleDoc(article=a) for a in articles]
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, ArticleDoc)]
            if not live:
                break
            batch = getattr(stage, "pipe", None)
            if batch is not None and len(live) > 1:
                try:
                    done = batch([results[i] for i in live])
                except Exception:
                    log.debug("stage %s failed on a batch; one article at a time", stage.name, exc_info=True)
                else:
                    for i, adoc in zip(live, done, strict=True):
                        results[i] = adoc
                    continue
            for i in live:
                adoc = results[i]
                assert isinstance(adoc, ArticleDoc)
                try:
                    results[i] = stage(adoc)
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
