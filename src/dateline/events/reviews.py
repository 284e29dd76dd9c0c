"""``dateline train --reviews``: the review desk's corrections as training examples for the typer.

Two kinds of merged event in the store teach the event typer:

- an event whose **type an analyst changed** (its review's fields hold a ``sub_event_type``, set
  through the desk and written to the audit trail): the sentences that made the pipeline choose
  the old type (the report's ``sub_event_type``/``event_type`` evidence, else its mentions) are
  labelled with the analyst's sub-event type;
- an event **rejected** as not an event (review status ``rejected``): every sentence with one of
  its mentions is labelled :data:`~dateline.events.classifier.NONE`, the typer's no-event label.
  A rejection wins over a type change made before it.

Each report-event of a merged event keeps its own record, whose spans point into its own
article's text, kept in the store's ``article_texts`` table. An event none of whose articles has
its text there (stores made before texts were kept) gives no example and is counted as skipped,
with why. A sentence is cut and normalized as the pipeline does before the typer reads it
(:mod:`dateline.nlp.segment`, :mod:`dateline.ingest.normalize`), so the example is the text the
typer saw. A sentence is used once: when two events claim it, a sub-event type wins over
``none`` (a sentence may tell of a real event and of a rejected one), else the first event.

This module reads the store but does not import it at module level (the stages stay apart):
:func:`read_corrections` imports it when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateline.events.classifier import NONE, Example
from dateline.model import Article, Event, Span

if TYPE_CHECKING:
    from dateline.store.db import Store

__all__ = [
    "REVIEW_PREFIX",
    "REVIEW_WEIGHT",
    "Correction",
    "ReviewExamples",
    "ReviewedReport",
    "examples_from",
    "read_corrections",
    "review_examples",
    "typer_sentences",
]

#: The id prefix of an example taken from a review (``review:SOM1234:ARTICLE_ID:OFFSET``).
REVIEW_PREFIX = "review:"
#: The weight of an example from a review: that of a real labelled item (``train(real_weight=)``).
REVIEW_WEIGHT = 8.0

TYPE_CHANGE = "type"
REJECTED = "rejected"

#: Why an event gave no example (the keys of :attr:`ReviewExamples.skipped`).
NO_TEXT = "no article text in the store"
NO_MATCH = "its evidence does not match the stored text"
NO_SPANS = "no mentions or type evidence recorded"
NO_SENTENCE = "no sentence of the body carries its mentions"
NO_LABEL = "no sub-event type set"
TAKEN = "its sentences are already used by another event"


@dataclass(frozen=True, slots=True)
class ReviewedReport:
    """One report-event of a corrected merged event: its article's text (None when the store does
    not have it) and the spans (offsets into that text) whose sentences become examples."""

    article_id: str
    text: str | None
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Correction:
    """A merged event an analyst retyped (``kind`` ``type``) or rejected (``rejected``), with the
    label its sentences get."""

    cluster_id: int
    event_id: str | None  # the stable ACLED-style id (event_id_cnty), when it has one
    kind: str
    label: str | None
    reports: tuple[ReviewedReport, ...]


@dataclass
class ReviewExamples:
    """The examples taken from the reviews, and what was read to get them."""

    examples: list[Example] = field(default_factory=list)
    type_changes: int = 0  # events read whose type an analyst changed
    rejections: int = 0  # events read that an analyst rejected
    used: int = 0  # events that gave at least one example
    skipped: dict[str, int] = field(default_factory=dict)  # why -> events

    @property
    def events(self) -> int:
        return self.type_changes + self.rejections

    @property
    def labels(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.examples:
            out[e.label] = out.get(e.label, 0) + 1
        return out

    def summary(self) -> list[str]:
        """Lines for the shell: what was read, what was used, what was skipped and why."""
        n_skipped = sum(self.skipped.values())
        lines = [
            f"reviews: {self.events} corrected {_plural(self.events, 'event')} read "
            f"({self.type_changes} type {_plural(self.type_changes, 'change')}, "
            f"{self.rejections} {_plural(self.rejections, 'rejection')}); "
            f"{len(self.examples)} {_plural(len(self.examples), 'example')} used from "
            f"{self.used} {_plural(self.used, 'event')}, {n_skipped} skipped",
        ]
        for why, n in sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  skipped {n} {_plural(n, 'event')}: {why}")
        return lines


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


# ------------------------------------------------------------------------------- the store


def read_corrections(store: Store) -> list[Correction]:
    """Every merged event of ``store`` an analyst retyped or rejected, with its report-events'
    texts and spans, in the order of their ids."""
    import sqlalchemy as sa

    from dateline.store.schema import article_texts, clusters, events, reviews

    picked: list[tuple[int, str | None, str, str | None]] = []
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                reviews.c.cluster_id,
                reviews.c.status,
                reviews.c.fields,
                clusters.c.record,
                clusters.c.event_id_cnty,
            )
            .join(clusters, clusters.c.id == reviews.c.cluster_id)
            .order_by(reviews.c.cluster_id)
        )
        for r in rows:
            fields: dict[str, Any] = dict(r.fields or {})
            if r.status == "rejected":
                picked.append((r.cluster_id, r.event_id_cnty, REJECTED, NONE))
            elif "sub_event_type" in fields or "event_type" in fields:
                # validation keeps the sub-event type within the event type: when only the event
                # type was set, the coded sub-event type is the one the analyst kept
                label = fields.get("sub_event_type") or (r.record or {}).get("sub_event_type")
                picked.append((r.cluster_id, r.event_id_cnty, TYPE_CHANGE, label))
        by_cluster: dict[int, list[ReviewedReport]] = {}
        kinds = {p[0]: p[2] for p in picked}
        ids = list(kinds)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = (
                sa.select(events.c.cluster_id, events.c.article_id, events.c.record, article_texts.c.text)
                .outerjoin(article_texts, article_texts.c.article_id == events.c.article_id)
                .where(events.c.cluster_id.in_(chunk))
                .order_by(events.c.id)
            )
            for e in conn.execute(q):
                spans = _spans(Event.from_dict(e.record), kinds[e.cluster_id])
                by_cluster.setdefault(e.cluster_id, []).append(ReviewedReport(e.article_id, e.text, spans))
    return [
        Correction(cid, eid, kind, label, tuple(by_cluster.get(cid, []))) for cid, eid, kind, label in picked
    ]


def _spans(ev: Event, kind: str) -> tuple[Span, ...]:
    """The spans whose sentences a correction labels: for a type change, the evidence of the old
    type (the triggers that chose it), else the mentions; for a rejection, every mention."""
    if kind == TYPE_CHANGE:
        typed = [*ev.evidence.get("sub_event_type", []), *ev.evidence.get("event_type", [])]
        chosen = typed or ev.mentions
    else:
        chosen = ev.mentions or [*ev.evidence.get("sub_event_type", []), *ev.evidence.get("event_type", [])]
    out: list[Span] = []
    for s in chosen:
        if s not in out:
            out.append(s)
    return tuple(out)


# ----------------------------------------------------------------------------- sentences

#: ``(article_id, text) -> [(start, end, sentence text)]``: the body's sentences, with offsets
#: into ``text`` and the text the typer reads.
Sentences = Callable[[str, str], list[tuple[int, int, str]]]


def typer_sentences(article_id: str, text: str) -> list[tuple[int, int, str]]:
    """The body's sentences as the pipeline cuts them (header, dateline and credit left out,
    after normalization), each with its offsets in ``text`` and its normalized text."""
    from dateline.ingest.normalize import normalize_article
    from dateline.ingest.text import find_dateline_and_credit, parse_plain_text
    from dateline.nlp.segment import load_spacy, segment

    try:
        article = parse_plain_text(text, article_id)
    except ValueError:  # a date header out of range: the body as it stands
        article = Article(id=article_id, text=text)
        find_dateline_and_credit(article)
    if article.text != text:  # line ends were changed: offsets would not match
        article = Article(id=article_id, text=text)
    parsed, norm = normalize_article(article)
    _, sents = segment(load_spacy(), parsed)
    out = []
    for s in sents:
        start, end = norm.to_original(s.start, s.end)
        out.append((start, end, s.text))
    return out


# ------------------------------------------------------------------------------ examples


def examples_from(
    corrections: Iterable[Correction],
    sentences: Sentences = typer_sentences,
    weight: float = REVIEW_WEIGHT,
) -> ReviewExamples:
    """The training examples of ``corrections`` (see the module's description), with counts."""
    out = ReviewExamples()
    chosen: dict[tuple[str, int, int], Example] = {}
    owner: dict[tuple[str, int, int], int] = {}
    cache: dict[str, list[tuple[int, int, str]]] = {}
    gave: list[int] = []
    for c in corrections:
        if c.kind == REJECTED:
            out.rejections += 1
        else:
            out.type_changes += 1
        why = _add(c, chosen, owner, cache, sentences, weight)
        if why is None:
            gave.append(c.cluster_id)
        else:
            out.skipped[why] = out.skipped.get(why, 0) + 1
    used = set(owner.values())
    taken = sum(cid not in used for cid in gave)  # each sentence went to another event
    if taken:
        out.skipped[TAKEN] = taken
    out.examples = list(chosen.values())
    out.used = len(used)
    return out


def _add(
    c: Correction,
    chosen: dict[tuple[str, int, int], Example],
    owner: dict[tuple[str, int, int], int],
    cache: dict[str, list[tuple[int, int, str]]],
    sentences: Sentences,
    weight: float,
) -> str | None:
    """Add the examples of one correction; why it gave none, or None."""
    if not c.label:
        return NO_LABEL
    reports = [r for r in c.reports if r.text]
    if not reports:
        return NO_TEXT
    if not any(r.spans for r in reports):
        return NO_SPANS
    matched = found = 0
    for r in reports:
        assert r.text is not None
        spans = [s for s in r.spans if _fits(s, r.text)]
        if not spans:
            continue
        matched += 1
        if r.article_id not in cache:
            cache[r.article_id] = sentences(r.article_id, r.text)
        for start, end, sent in _carrying(cache[r.article_id], spans):
            found += 1
            key = (r.article_id, start, end)
            old = chosen.get(key)
            if old is not None and not (old.label == NONE and c.label != NONE):
                continue
            name = c.event_id or str(c.cluster_id)
            chosen[key] = Example(f"{REVIEW_PREFIX}{name}:{r.article_id}:{start}", sent, c.label, weight)
            owner[key] = c.cluster_id
    if not matched:
        return NO_MATCH
    if not found:
        return NO_SENTENCE
    return None


def _fits(span: Span, text: str) -> bool:
    """Whether a span lies in the text and reads as recorded (a text re-coded since would not)."""
    if not 0 <= span.start < span.end <= len(text):
        return False
    return not span.text or text[span.start : span.end] == span.text


def _carrying(sents: Sequence[tuple[int, int, str]], spans: Sequence[Span]) -> list[tuple[int, int, str]]:
    """The sentences in which a span starts, in text order, each once."""
    out: list[tuple[int, int, str]] = []
    for s in spans:
        for sent in sents:
            if sent[0] <= s.start < sent[1]:
                if sent not in out:
                    out.append(sent)
                break
    return sorted(out)


def review_examples(
    store: Store | str | None, sentences: Sentences = typer_sentences, weight: float = REVIEW_WEIGHT
) -> ReviewExamples:
    """The training examples from the reviews in ``store`` (a :class:`Store`, or its URL: None
    for the default store)."""
    if store is None or isinstance(store, str):
        from dateline.store.db import Store

        with Store.open(store) as opened:
            return examples_from(read_corrections(opened), sentences, weight)
    return examples_from(read_corrections(store), sentences, weight)
