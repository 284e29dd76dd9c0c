"""The ``counts`` stage: give each figure in the text to the event mention it belongs to.

A figure goes to the mention whose clause holds it (the nearest trigger when several do);
a figure in a sentence with no trigger ("We lost nine soldiers") goes to the nearest mention
in the sentence before. Background mentions keep their own figures, so a toll from a 2020
strike never lands on today's event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from dateline.counts.casualties import CountMention, find_counts
from dateline.counts.numbers import words_to_int
from dateline.events.lexicon import Lexicon, default_lexicon
from dateline.model import NOT_AN_EVENT, Mention
from dateline.nlp.syntax import attachment_distance, clause_head, own_clause_text
from dateline.pipeline import ArticleDoc, Resources, register_stage


@dataclass
class CountAttacher:
    """The ``counts`` stage."""

    lexicon: Lexicon = field(default_factory=default_lexicon)
    name: str = "counts"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        doc = adoc.doc
        # the mentions of each sentence, looked up by sentence (not all of a long report's)
        of_sentence: dict[int, list[Mention]] = {}
        for m in adoc.mentions:
            if m.token is not None:
                of_sentence.setdefault(m.sentence, []).append(m)
        summed: set[tuple[str, int | None]] = set()  # the figures told as sums over events
        attached: list[tuple[Mention, CountMention]] = []
        for si, sent in enumerate(adoc.sentences):
            found = find_counts(sent.text, offset=sent.start)
            if not found:
                continue
            # a sentence's excluded mentions own their tolls too: "a bigger device could have
            # killed 40" is no toll of the blast told before it; only a mention the models (not
            # the words) set aside lets its toll go to the sentence before, as one with none does,
            # when its sentence names no place of its own
            here = of_sentence.get(si, [])
            for cm in found:
                root = _figure_root(doc, cm) if doc is not None else None
                if root is not None and (self._accident_toll(root) or _aggregate_toll(root)):
                    continue
                if root is not None and _over_events(root, here):
                    summed.add((cm.kind, cm.quantity.best))
                target = self._owner(adoc, cm, here) if here and doc is not None else None
                if target is not None and target.excluded:
                    if target.excluded != NOT_AN_EVENT or any(x.place for x in here):
                        # nor does a sentence that places what it tells elsewhere ("a series of
                        # attacks across Paris, killing 130" in a report on a Lyon bombing)
                        continue
                    target = None
                if target is None:
                    before = [x for x in of_sentence.get(si - 1, []) if not (x.excluded or x.is_background)]
                    target = before[-1] if before else None
                if target is not None:
                    attached.append((target, cm))
        # a sum over events, and the same sum told again ("7 militants killed in blasts" over
        # "seven ... were killed in two explosions")
        for target, cm in attached:
            over = (cm.kind, cm.quantity.best) in summed
            target.count_mentions.append(replace(cm, over_events=True) if over else cm)
        return adoc

    def _accident_toll(self, root: Token) -> bool:
        """A toll told in a clause about an accident or a disaster ("after a student died in a road
        accident") is the cause of the event, not its casualties."""
        clause = own_clause_text(root)
        return bool(self.lexicon.not_event["disaster"].search(clause)) and not (
            self.lexicon.not_event["disaster_political"].search(clause)
        )

    @staticmethod
    def _owner(adoc: ArticleDoc, cm: Any, here: list[Mention]) -> Mention | None:
        doc = adoc.doc
        assert doc is not None
        scored = []
        for m in here:
            dist = attachment_distance(doc, doc[m.token], cm.span.start, cm.span.end)  # type: ignore[index]
            gap = abs(cm.span.start - m.trigger.start)
            if (
                m.trigger.start <= cm.span.start < m.trigger.end
                or cm.span.start <= m.trigger.start < cm.span.end
            ):
                gap = 0
            scored.append((dist if dist is not None else 99, m.weak, gap, m))
        scored.sort(key=lambda x: (x[0], x[1], x[2]))
        return scored[0][3] if scored else None


#: a period no one event spans: a war, a campaign, months or years ("in this battle", "since 2014")
_LONG_PERIOD_RE = re.compile(
    r"\b(?:in|during|throughout|over) (?:this|the|that|its|a) (?:\w+ )?(?:war|conflict|battle|uprising|"
    r"insurgency|campaign|crisis)\b|"
    r"\bsince (?:(?:19|20)\d\d|the (?:start|beginning|outbreak))\b|"
    r"\b(?:over|in|during) the (?:past|last) (?:\w+ )?(?:months|years|decades?)\b|"
    r"\bso far (?:this|in) (?:year|month|the)\b|"
    r"\b(?:in|during|over|after) (?:\w+ )?(?:weeks|months|years|decades) of\b",
    re.IGNORECASE,
)


#: a day the clause names: the toll is then of days, not of a war ("in the battle since Saturday")
_DAY_RE = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|overnight|this week|"
    r"last week|hours)\b",
    re.IGNORECASE,
)


def _figure_root(doc: Doc, cm: CountMention) -> Token | None:
    """The head word of a figure's words in the parse ("killed" of "killed 12"), or None."""
    span = doc.char_span(cm.span.start, cm.span.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _aggregate_toll(root: Token) -> bool:
    """A toll told in the present perfect over a period no one event spans ("thousands of
    civilians have been killed in this battle", "since 2014") is an aggregate, not the
    casualties of an event told near it (conventions §7: aggregate tolls are not coded)."""
    head = clause_head(root)
    perfect = any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
        for c in head.children
    )
    clause = own_clause_text(head)
    return perfect and bool(_LONG_PERIOD_RE.search(clause)) and not _DAY_RE.search(clause)


#: words that make a plural event noun several events ("twin blasts", "separate attacks"); not
#: "a series of raids", "several attacks": a round-up told as one is often coded as one
_SEVERAL = frozenset({"twin", "separate"})


def _over_events(root: Token, here: list[Mention]) -> bool:
    """A figure whose clause tells several counted events at once ("seven militants were killed
    in two explosions", "in twin blasts") is their sum, not one event's toll: each event takes
    its own part where the report gives it (conventions §7)."""
    doc = root.doc
    inside = {t.i for t in clause_head(root).subtree}
    for m in here:
        if m.token is None or m.token not in inside:
            continue
        tok = doc[m.token]
        if tok.tag_ not in ("NNS", "NNPS"):
            continue
        for c in tok.children:
            if c.dep_ == "nummod" and (words_to_int(c.text) or 0) >= 2:
                return True
            if c.dep_ == "amod" and c.lower_ in _SEVERAL:
                return True
    return False


@register_stage("counts")
def make_count_attacher(resources: Resources, config: dict[str, Any]) -> CountAttacher:
    return CountAttacher()
