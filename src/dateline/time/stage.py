"""The ``time`` stage: a date for every mention, and the split between new and background events.

A mention takes the date expression attached to its own clause (not the "said on Thursday"
of the reporting verb). A mention dated well before publication is background: a past event
the report recalls, kept with its own date and never given the publication date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from dateline.model import Mention, Span
from dateline.nlp.case import one_case
from dateline.nlp.syntax import clause_bounds, clause_head, own_distance
from dateline.pipeline import ArticleDoc, Resources, register_stage
from dateline.time.dates import _WEEKDAYS, DateExpr, ResolvedDate, find_dates, resolve

log = logging.getLogger(__name__)

_EARLIER_EVENT = re.compile(
    r"\b(?:earlier|previous|prior|last)\s+(?:\w+\s+)?(?:protests?|attacks?|raids?|clash(?:es)?|demonstrations?|"
    r"strikes?|assaults?|operations?|incidents?|rall(?:y|ies)|bombings?|shelling|offensive|ambush(?:es)?)\b",
    re.IGNORECASE,
)
#: A mention dated this many days before publication is background wherever it appears.
BACKGROUND_DAYS = 30
#: Past the lead paragraph, a mention dated this many days before publication is background.
BACKGROUND_DAYS_OUTSIDE_LEAD = 7
LEAD_SENTENCES = 2


@dataclass
class DateResolver:
    """The ``time`` stage."""

    background_days: int = BACKGROUND_DAYS
    background_days_outside_lead: int = BACKGROUND_DAYS_OUTSIDE_LEAD
    name: str = "time"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        article, doc = adoc.article, adoc.doc
        published = article.published
        exprs: list[DateExpr] = []
        # a report in one case ("on saturday", or capitals the parser reads lower-cased)
        uncased = one_case(doc.text if doc is not None else article.text) is not None
        for s in adoc.sentences:
            exprs.extend(find_dates(s.text, offset=s.start, one_case=uncased))
        adoc.context["dates"] = exprs
        if published is None or doc is None:
            if doc is not None:
                self._periods_of_an_undated_report(adoc, exprs)
                self._undated_in_background_sentences(adoc)
                _history_piece(adoc)
            _apply_model_none(adoc)
            return adoc
        main: dict[str, Any] | None = None
        for m, own in self._live_with_own_dates(adoc, exprs):
            for expr in own:
                resolved = _resolve_in_tense(doc, expr, published, main["date"] if main else None)
                if resolved is None:
                    continue
                self._apply(m, resolved, expr, published)
                if main is None and not (m.is_background or m.weak or m.excluded):
                    # a mention set aside by its own date ("the first shooting this year") does
                    # not date the report's news
                    main = {
                        "date": resolved.start,
                        "precision": resolved.precision,
                        "date_prec": resolved.ucdp_date_prec,
                        "span": Span(expr.start, expr.end, expr.text),
                    }
                break
        self._earlier_references(adoc)
        self._undated_in_background_sentences(adoc)
        _history_piece(adoc)
        _apply_model_none(adoc)
        adoc.context["main_date"] = main
        return adoc

    def _live_with_own_dates(
        self, adoc: ArticleDoc, exprs: list[DateExpr]
    ) -> Iterator[tuple[Mention, list[DateExpr]]]:
        """Each mention not set aside, with its own dates (:meth:`_own_dates`), in text order; each
        is read when reached, after what the loop did to the mentions before it."""
        # each mention reads its own sentence's dates and mentions, not all of a long report's
        # (that was quadratic in its length): the same ones, looked up by sentence
        exprs_in = adoc.by_sentence(exprs, lambda e: e.start)
        mates: dict[int, list[Mention]] = {}
        for x in adoc.mentions:
            mates.setdefault(x.sentence, []).append(x)
        for m in adoc.mentions:
            if m.excluded or m.token is None:
                continue
            sentence_exprs = exprs_in.get(adoc.sentence_index(m.sentence_span.start), [])
            yield m, self._own_dates(adoc, m, sentence_exprs, mates[m.sentence])

    def _periods_of_an_undated_report(self, adoc: ArticleDoc, exprs: list[DateExpr]) -> None:
        """With no publication date, a mention dated only by a month or a year ("In April, two
        dozen fighters were killed", "in 2017, a general was killed") is a past event the report
        recalls: the news it reports is told by the day ("on Friday", "this week"), and a month
        or year it names is not today's (conventions §6). "This month" or "this year" is a
        period, no one event's date. A span back from the report's own day ("two months ago",
        "a year ago") is as far in the past as it says, whatever that day was."""
        for m, own in self._live_with_own_dates(adoc, exprs):
            if m.is_background or not own:
                continue
            expr = own[0]
            if expr.kind == "ago":
                self._ago_in_an_undated_report(m, expr)
                continue
            if expr.kind not in ("month", "year"):
                continue
            m.date_span = Span(expr.start, expr.end, expr.text)
            if _THIS_PERIOD.match(expr.text):
                m.excluded = "vague_period"
            else:
                m.is_background = True
                m.background_reason = f"dated only by a month or year ({expr.text}) in an undated report"

    def _ago_in_an_undated_report(self, m: Mention, expr: DateExpr) -> None:
        """ "Two months ago" in a report with no date: background when that far back is past the
        limits a dated report has (:meth:`_apply`), counted from any day."""
        resolved = resolve(expr, _ANY_DAY)
        if resolved is None:
            return
        age = (_ANY_DAY - resolved.end).days
        limit = self.background_days if m.sentence < LEAD_SENTENCES else self.background_days_outside_lead
        if age > limit:
            m.date_span = Span(expr.start, expr.end, expr.text)
            m.is_background = True
            m.background_reason = f"{expr.text} ({age} days before the report) in an undated report"

    @staticmethod
    def _earlier_references(adoc: ArticleDoc) -> None:
        """A mention whose clause points back to an earlier event ("during that earlier protest",
        "the previous attack") is background, even without a date of its own."""
        doc = adoc.doc
        assert doc is not None
        for m in adoc.mentions:
            if m.excluded or m.is_background or m.event_date is not None or m.token is None:
                continue
            a, b = clause_bounds(doc[m.token])
            if _EARLIER_EVENT.search(adoc.text or doc.text, a, b):  # doc.text: O(length) per access
                m.is_background = True
                m.background_reason = "refers to an earlier event"

    @staticmethod
    def _undated_in_background_sentences(adoc: ArticleDoc) -> None:
        """An undated mention in a sentence about a past event ("one of a string of assaults")
        belongs to that past, not to the report's day."""
        past: dict[int, Mention] = {}
        current: set[int] = set()
        for m in adoc.mentions:
            if m.excluded:
                continue
            if m.is_background:
                past.setdefault(m.sentence, m)
            elif m.event_date is not None:
                current.add(m.sentence)
        for m in adoc.mentions:
            if (
                m.event_date is None
                and not m.excluded
                and not m.is_background  # keep the reason of a mention already known to be past
                and m.sentence in past
                and m.sentence not in current
            ):
                src = past[m.sentence]
                m.is_background = True
                m.background_reason = f"in a sentence about a past event ({src.background_reason})"

    def _own_dates(
        self, adoc: ArticleDoc, m: Mention, exprs: list[DateExpr], mates: list[Mention] | None = None
    ) -> list[DateExpr]:
        """The dates of ``exprs`` that belong to ``m`` (``mates``: the mentions of its sentence,
        default all)."""
        doc = adoc.doc
        assert doc is not None and m.token is not None
        rivals = [
            x
            for x in (adoc.mentions if mates is None else mates)
            if x.sentence == m.sentence and x is not m and not x.weak and not x.excluded
        ]
        scored: list[tuple[int, int, DateExpr]] = []
        for e in exprs:
            if not (m.sentence_span.start <= e.start < m.sentence_span.end):
                continue
            if _dates_a_toll_update(doc, e):
                continue  # "the death toll from the bombing rose to 19 on Saturday": not the bombing's day
            dist = own_distance(doc, m, rivals, e.start, e.end)
            if dist is not None:
                scored.append((dist, abs(e.start - m.trigger.start), e))
        scored.sort(key=lambda x: (x[0], x[1]))
        return [e for _, _, e in scored]

    def _apply(self, m: Mention, r: ResolvedDate, expr: DateExpr, published: date) -> None:
        m.event_date, m.date_end, m.time_precision = r.start, r.end, r.precision
        m.date_prec = r.ucdp_date_prec
        m.date_span = Span(expr.start, expr.end, expr.text)
        age = (published - r.end).days
        if (r.end - r.start).days > 31 and age <= self.background_days:
            # "this year", "in recent months": a period, not the date of one event
            m.excluded = "vague_period"
            return
        if age > self.background_days or (
            age > self.background_days_outside_lead and m.sentence >= LEAD_SENTENCES
        ):
            m.is_background = True
            m.background_reason = f"dated {r.start.isoformat()}, {age} days before publication"
        elif r.start > published + timedelta(days=1) or (r.start > published and expr.kind == "relative_day"):
            # a day after publication may be the reporter's time zone; "tomorrow" never is
            m.excluded = "future"


#: a day to count "two months ago" back from in a report with no date (any day would do)
_ANY_DAY = date(2001, 7, 1)
#: A year-less day at most this many days after publication, told in no past tense, is that
#: coming day: "the march 15 programme" or "will march on 15 March" in a report of 13 March is a
#: plan, not last year's event (news style gives a day of another year its year).
NEAR_FUTURE_DAYS = 60
_HAS_YEAR = re.compile(r"\d{4}|'\d\d\b")
_WEEKDAY = re.compile("|".join(_WEEKDAYS), re.IGNORECASE)


def _resolve_in_tense(doc: Doc, expr: DateExpr, published: date, anchor: date | None) -> ResolvedDate | None:
    """:func:`resolve`, reading a year-less day ("on 15 March", "from 28 February to 3 March") as
    the coming one when the words it dates are not in a past tense (:data:`NEAR_FUTURE_DAYS`);
    the time stage then sets a future mention aside."""
    resolved = resolve(expr, published, anchor)
    if (
        resolved is None
        or expr.kind not in ("day_month", "month_day", "range")
        or _HAS_YEAR.search(expr.text)
        or _WEEKDAY.search(expr.text)
        or resolved.start >= published
    ):
        return resolved
    coming = resolve(expr, published + timedelta(days=NEAR_FUTURE_DAYS), anchor)
    if coming is None or coming.end <= published or _told_in_past(doc, expr):
        return resolved
    return coming


_PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have"})


def _told_in_past(doc: Doc, expr: DateExpr) -> bool:
    """The date hangs off a verb in a past tense ("was held on 11 March", "have clashed since"); a
    date on a noun ("the march 15 deadline") or a present or future verb is not."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    head = span.root.head
    if head.pos_ in ("NOUN", "PROPN") and head.i != span.root.i:
        return False
    verb = clause_head(head)
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PAST_AUX for c in verb.children)


_THIS_PERIOD = re.compile(r"(?:this|the current|the past)\s", re.IGNORECASE)
_UPDATE_VERBS = frozenset(
    ["rise", "climb", "reach", "increase", "jump", "mount", "grow", "stand", "hit", "top"]
)
_TALLY_NOUNS = frozenset(["toll", "tally", "number", "figure", "count"])


def _dates_a_toll_update(doc: Doc, expr: DateExpr) -> bool:
    """A date on a rising toll ("the death toll ... rose to nine on Saturday") is the day of the
    news, not of the event."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = clause_head(span.root)
    if verb.lemma_.lower() not in _UPDATE_VERBS:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _TALLY_NOUNS for c in verb.children)


#: A headline that tells of the past: "This Day in History", "... Nearly 80 Years Ago", "on the
#: anniversary of ..."
_GATHERINGS = frozenset({"Peaceful protest", "Protest with intervention"})
_HISTORY_HEADLINE = re.compile(
    r"\bthis day in history\b|\byears ago\b|\banniversary\b|"
    r"\b(?:trial|verdict|jury|convict(?:s|ed)?|sentenc(?:es|ed|ing)|pleads?|pleaded|guilty|acquit(?:s|ted)?)\b",
    re.IGNORECASE,
)


def _history_piece(adoc: ArticleDoc) -> None:
    """In a piece whose headline tells of the past (a "This Day in History", an anniversary) or of
    a court case (a trial, a verdict, a sentence, a plea), the violence it tells with no date of
    its own is the past it recalls, not news (conventions §1.3, §6; issue 13, item 2). Peaceful
    gatherings stay as they are: a commemoration, or a protest outside the court, is often the
    news. On the labelled articles, the undated violence under such headlines is background 83
    times, news 22 times, no event 54 times."""
    headline = adoc.article.title or (adoc.sentences[0].text if adoc.sentences else "")
    if not _HISTORY_HEADLINE.search(headline):
        return
    for m in adoc.mentions:
        if m.excluded or m.is_background or m.event_date is not None or m.sub_event_type in _GATHERINGS:
            continue
        m.is_background = True
        m.background_reason = "told with no date of its own in a piece about the past"


def _apply_model_none(adoc: ArticleDoc) -> None:
    """Demote the mentions the trained model reads as no event, now that the past events the
    report recalls are known and kept as background: such a mention starts no event, but it may
    still join one that another sentence reports (a denial or a claim about it: "the army denied
    that its forces had opened fire")."""
    for m in adoc.mentions:
        if m.model_says_none and not m.is_background and not m.excluded:
            m.weak = True


@register_stage("time")
def make_date_resolver(resources: Resources, config: dict[str, Any]) -> DateResolver:
    return DateResolver(**config)
