"""Record-level evaluation: coded events of whole articles against ACLED-style gold records.

The gold layout is the maintainers' (``wikievents-dev-acled-gold.jsonl``): one JSON object per
gold event (``doc_id``, ``event_index``, ``background``, ``event_type``, ``sub_event_type``,
``actor1``, ``location``, ``admin1``, ``country``, ``fatalities``, ``debatable``, ...) or one
``{"doc_id", "no_event": true}`` line for an article with nothing to code.

Matching, per document: a predicted current event matches a gold current event with the same
event type and the same location or admin1, or, failing that, when the gold event is the only
one of that type in the document. Matching is one-to-one, place matches first. A predicted
current event left unmatched that matches a *background* gold event is a **background leak**;
a gold background event is **recalled** when a predicted background event matches it.
Field accuracy (sub-event type, actor1, admin1, fatalities) is read on matched events that the
gold does not mark debatable.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.model import Article, Event

FIELDS = ("sub_event_type", "actor1", "admin1", "fatalities")


class RecordsFileError(ValueError):
    """A docs or gold file that cannot be read, with file and line."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc_id: str
    index: int
    background: bool
    event_type: str
    sub_event_type: str
    actor1: str
    location: str
    admin1: str
    country: str
    fatalities: int
    debatable: bool

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> GoldEvent:
        return cls(
            doc_id=str(d["doc_id"]),
            index=int(d.get("event_index") or 0),
            background=bool(d.get("background")),
            event_type=str(d.get("event_type") or ""),
            sub_event_type=str(d.get("sub_event_type") or ""),
            actor1=str(d.get("actor1") or ""),
            location=str(d.get("location") or ""),
            admin1=str(d.get("admin1") or ""),
            country=str(d.get("country") or ""),
            fatalities=int(d.get("fatalities") or 0),
            debatable=bool(d.get("debatable")),
        )


@dataclass
class Gold:
    """The gold records of a set of documents (documents with no event have an empty list)."""

    events: dict[str, list[GoldEvent]] = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.events)


def _json_lines(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise RecordsFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError, ValueError) as exc:
            raise RecordsFileError(f"{path}:{n}: not JSON ({exc})") from None
        if not isinstance(obj, dict):
            raise RecordsFileError(f"{path}:{n}: expected a JSON object")
        yield n, obj


def read_gold(path: Path) -> Gold:
    gold = Gold()
    for n, d in _json_lines(path):
        if "doc_id" not in d:
            raise RecordsFileError(f"{path}:{n}: no doc_id")
        evs = gold.events.setdefault(str(d["doc_id"]), [])
        if d.get("no_event"):
            continue
        try:
            evs.append(GoldEvent.from_dict(d))
        except (TypeError, ValueError) as exc:
            raise RecordsFileError(f"{path}:{n}: {exc}") from None
    return gold


def read_docs(path: Path) -> dict[str, Article]:
    """Articles from JSON Lines: dateline's input layout (``id``, ``text``, ``published``) or the
    WikiEvents layout (``doc_id``, ``sentences``), whose sentences are put one per line (its
    ``text`` runs them together without spaces)."""
    from dateline.ingest.text import date_in_name, parse_iso_date, parse_plain_text

    out: dict[str, Article] = {}
    for n, d in _json_lines(path):
        doc_id = d.get("id", d.get("doc_id"))
        if doc_id is None:
            raise RecordsFileError(f"{path}:{n}: no id or doc_id")
        if isinstance(d.get("sentences"), list) and d["sentences"]:
            text = "\n".join(_sentence_text(s) for s in d["sentences"])
        elif isinstance(d.get("text"), str):
            text = d["text"]
        else:
            raise RecordsFileError(f"{path}:{n}: no text")
        published: date | None = None
        if d.get("published"):
            try:
                published = parse_iso_date(str(d["published"])[:10])
            except ValueError as exc:
                raise RecordsFileError(f"{path}:{n}: {exc}") from None
        else:  # no date given: the one its id carries ("64_VOA_EN_NW_2017.06.05.3887168"), if any
            published = date_in_name(str(doc_id))
        out[str(doc_id)] = parse_plain_text(text, str(doc_id), published)
    return out


def _sentence_text(sentence: Any) -> str:
    # WikiEvents: [[[token, start, end], ...], "sentence text"]
    if isinstance(sentence, list) and len(sentence) == 2 and isinstance(sentence[1], str):
        return sentence[1]
    if isinstance(sentence, str):
        return sentence
    raise RecordsFileError(f"unexpected sentence layout: {str(sentence)[:60]}")


_BRACKET = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)")


def norm(text: str | None) -> str:
    """Lower case, no accents, no regime-years bracket, punctuation as spaces."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _BRACKET.sub("", s).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def _place_parts(location: str) -> set[str]:
    """ "London - London Bridge" -> {"london", "london bridge"}."""
    return {norm(p) for p in re.split(r"\s+-\s+|,", location) if norm(p)}


def same_place(pred: Event, gold: GoldEvent) -> bool:
    if gold.location and pred.location and _place_parts(pred.location) & _place_parts(gold.location):
        return True
    pa, ga = norm(pred.admin1), norm(gold.admin1)
    return bool(pa and ga and (pa == ga or pa in ga or ga in pa))


def same_actor(pred: str | None, gold: str) -> bool:
    return norm(pred) == norm(gold)


def _pair(
    preds: list[Event], golds: list[GoldEvent], all_gold: list[GoldEvent]
) -> list[tuple[Event, GoldEvent]]:
    """One-to-one matches: same type and place first, then same type when the gold event is the
    only one of its type among ``all_gold`` (the document's events of the same status)."""
    pairs: list[tuple[Event, GoldEvent]] = []
    free_p, free_g = list(preds), list(golds)
    for strict in (True, False):
        for p in list(free_p):
            for g in free_g:
                if p.event_type != g.event_type:
                    continue
                if strict and not same_place(p, g):
                    continue
                if not strict and sum(x.event_type == g.event_type for x in all_gold) != 1:
                    continue
                pairs.append((p, g))
                free_p.remove(p)
                free_g.remove(g)
                break
    return pairs


@dataclass
class DocResult:
    doc_id: str
    predicted: list[Event]
    gold: list[GoldEvent]
    matched: list[tuple[Event, GoldEvent]]
    leaks: list[tuple[Event, GoldEvent]]
    background_found: list[tuple[Event, GoldEvent]]


@dataclass
class RecordReport:
    docs: list[DocResult]
    name: str = ""

    def _count(self, fn: Callable[[DocResult], int]) -> int:
        return sum(fn(d) for d in self.docs)

    @property
    def n_pred(self) -> int:
        return self._count(lambda d: sum(not e.is_background for e in d.predicted))

    @property
    def n_gold(self) -> int:
        return self._count(lambda d: sum(not g.background for g in d.gold))

    @property
    def n_matched(self) -> int:
        return self._count(lambda d: len(d.matched))

    @property
    def n_gold_background(self) -> int:
        return self._count(lambda d: sum(g.background for g in d.gold))

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def leaks(self) -> int:
        return self._count(lambda d: len(d.leaks))

    @property
    def background_recall(self) -> float:
        n = self.n_gold_background
        return self._count(lambda d: len(d.background_found)) / n if n else 0.0

    def field_accuracy(self) -> dict[str, tuple[int, int]]:
        """Per field: (right, scored) on matched events the gold does not mark debatable."""
        out = {f: [0, 0] for f in FIELDS}
        for d in self.docs:
            for p, g in d.matched:
                if g.debatable:
                    continue
                for f, ok in field_checks(p, g).items():
                    out[f][0] += ok
                    out[f][1] += 1
        return {f: (a, b) for f, (a, b) in out.items()}


def field_checks(p: Event, g: GoldEvent) -> dict[str, bool]:
    """Whether each scored field of a matched event agrees with the gold."""
    return {
        "sub_event_type": p.sub_event_type == g.sub_event_type,
        "actor1": same_actor(p.actor1, g.actor1),
        "admin1": bool(norm(p.admin1)) and norm(p.admin1) == norm(g.admin1),
        "fatalities": (p.fatalities or 0) == g.fatalities,
    }


def _field_misses(p: Event, g: GoldEvent) -> str:
    """ "actor1 'Taliban' (gold 'Islamic State'); fatalities 0 (gold 3)" for the fields that disagree."""
    got = (p.sub_event_type, p.actor1, p.admin1, p.fatalities or 0)
    want = (g.sub_event_type, g.actor1, g.admin1, g.fatalities)
    checks = field_checks(p, g)
    return "; ".join(
        f"{f} {a!r} (gold {b!r})" for f, a, b in zip(FIELDS, got, want, strict=True) if not checks[f]
    )


def score_document(doc_id: str, predicted: list[Event], gold: list[GoldEvent]) -> DocResult:
    cur_p = [e for e in predicted if not e.is_background]
    cur_g = [g for g in gold if not g.background]
    bg_g = [g for g in gold if g.background]
    matched = _pair(cur_p, cur_g, cur_g)
    left = [e for e in cur_p if all(e is not p for p, _ in matched)]
    leaks = _pair(left, bg_g, bg_g)
    bg_p = [e for e in predicted if e.is_background]
    background_found = _pair(bg_p, bg_g, bg_g)
    return DocResult(doc_id, predicted, gold, matched, leaks, background_found)


def evaluate(
    code: Callable[[list[Article]], list[list[Event]]], docs: dict[str, Article], gold: Gold, name: str = ""
) -> RecordReport:
    """Code the gold's documents with ``code`` (all events, background included) and score them."""
    missing = [d for d in gold.doc_ids if d not in docs]
    if missing:
        raise RecordsFileError(
            f"{len(missing)} gold documents are not in the docs file (first: {missing[0]})"
        )
    articles = [docs[d] for d in gold.doc_ids]
    coded = code(articles)
    return RecordReport(
        [score_document(a.id, evs, gold.events[a.id]) for a, evs in zip(articles, coded, strict=True)], name
    )


def _pct(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0)"


def format_records_report(rep: RecordReport, verbose: bool = False) -> str:
    lines = []
    if verbose:
        for d in rep.docs:
            lines.append(f"{d.doc_id}:")
            for g in d.gold:
                hit = next((p for p, gg in d.matched + d.background_found if gg is g), None)
                tag = "bg  " if g.background else "cur "
                got = f"-> {hit.sub_event_type} @ {hit.location}" if hit else "-> MISSED"
                lines.append(f"  gold {tag}{g.sub_event_type} @ {g.location} ({g.admin1}) {got}")
                if hit is not None and not g.background and not g.debatable and _field_misses(hit, g):
                    lines.append(f"      fields: {_field_misses(hit, g)}")
            for e in d.predicted:
                if any(e is p for p, _ in d.matched + d.background_found):
                    continue
                leak = any(e is p for p, _ in d.leaks)
                tag = "bg  " if e.is_background else ("LEAK" if leak else "cur ")
                lines.append(
                    f"  pred {tag}{e.sub_event_type} @ {e.location} ({e.admin1}) {e.event_date} unmatched"
                )
    lines += [
        f"documents: {len(rep.docs)}   gold current events: {rep.n_gold}   predicted current: {rep.n_pred}"
        f"   gold background: {rep.n_gold_background}",
        f"event precision {rep.precision:.3f}  recall {rep.recall:.3f}  F1 {rep.f1:.3f}"
        f"  (matched {rep.n_matched})",
        f"background leaks: {rep.leaks}   background recall: {rep.background_recall:.3f}",
        "on matched events not marked debatable:",
    ]
    for f, (a, b) in rep.field_accuracy().items():
        lines.append(f"  {f:<15} {_pct(a, b)}")
    return "\n".join(lines)


def code_with(pipeline: Any) -> Callable[[list[Article]], list[list[Event]]]:
    """A ``code`` function for :func:`evaluate` over a :class:`dateline.pipeline.Pipeline`."""

    def code(articles: list[Article]) -> list[list[Event]]:
        return [evs for _, evs in pipeline.pipe(articles)]

    return code
