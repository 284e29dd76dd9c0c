"""Find event mentions: trigger words and phrases, one mention per clause-level trigger."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dateline.events.lexicon import Lexicon, default_lexicon
from dateline.model import Mention, Span
from dateline.pipeline import ArticleDoc, Resources, register_stage

log = logging.getLogger(__name__)

LABOUR_STRIKE = re.compile(
    r"\b(?:general|hunger|labou?r|workers'?|nationwide|teachers'?|doctors'?|transport|sit-down|indefinite|"
    # "a 48-hour strike", "a three-day strike": a stoppage lasts, an air strike does not
    r"(?:\d+|one|two|three|four|five|six|seven|ten)[- ](?:hour|day|week|month)s?(?:[- ]long)?)\s+"
    r"strikes?\b",
    re.I,
)
_PLACE_OBJECT_WORDS = frozenset(
    [
        "town",
        "city",
        "village",
        "area",
        "district",
        "territory",
        "region",
        "hill",
        "border",
        "crossing",
        "capital",
        "province",
        "neighbourhood",
        "neighborhood",
        "road",
        "highway",
        "port",
        "island",
        "state",
        "county",
        "commune",
        "municipality",
        "locality",
        "settlement",
        "stronghold",
        "enclave",
    ]
)


def sentence_tokens(doc: Doc, sent: Span) -> SpacySpan | None:
    """The spaCy tokens covering a sentence's character span."""
    return doc.char_span(sent.start, sent.end, alignment_mode="expand")


def _span_root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _token_class(tok: Token, lex: Lexicon) -> str | None:
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
        cls = lex.verbs.get(lemma) or lex.verbs.get(low)
        if cls is None and tok.pos_ == "VERB":
            return None
        return cls
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.pos_ == "PROPN" and not tok.is_lower:
            # "March", "Strike Force", "Storm Shadow": proper names are not triggers, except
            # lower-cased tokens the tagger mislabels.
            return None
        cls = lex.nouns.get(lemma) or lex.nouns.get(low)
        if cls is None:
            return None
        if _a_month(tok):
            return None  # "on march 13", "between march 25 and 31" in a lower-cased report
        if (
            tok.dep_ in ("compound", "amod")
            and tok.head.pos_ in ("NOUN", "PROPN")
            and not (lex.nouns.get(tok.head.lemma_.lower()))
        ):
            return None  # "riot police", "protest leaders", "attack helicopter": a modifier, not an event
        if lemma == "attack" and any(c.lower_ in ("heart", "panic", "asthma") for c in tok.children):
            return None
        return cls
    return None


def _a_month(tok: Token) -> bool:
    """A lower-case "march" that is the month: part of a date entity, or beside a day number
    ("march 13", "13 march")."""
    if tok.lower_ != "march":
        return False
    if tok.ent_type_ == "DATE":
        return True
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return bool((nxt is not None and nxt.text.isdigit()) or (prev is not None and prev.text.isdigit()))


@dataclass
class MentionFinder:
    """The ``mentions`` stage: one Mention per trigger, with the trigger span as evidence."""

    lexicon: Lexicon
    name: str = "mentions"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        doc = adoc.parsed(self.name)
        text = adoc.article.text
        mentions: list[Mention] = []
        for si, sent in enumerate(adoc.sentences):
            covered: list[tuple[int, int]] = []
            # 1. multi-word phrases ("air strike", "opened fire", "took to the streets")
            for m in self.lexicon.phrase_re.finditer(text, sent.start, sent.end):
                cls = self.lexicon.phrase_class(m.group(0))
                root = _span_root(doc, m.start(), m.end())
                mentions.append(
                    Mention(
                        trigger=Span(m.start(), m.end(), m.group(0)),
                        sentence=si,
                        sentence_span=sent,
                        trigger_class=cls,
                        token=root.i if root is not None else None,
                        weak=cls == "weak",
                    )
                )
                covered.append((m.start(), m.end()))
            # 2. single trigger words, by lemma and part of speech
            toks = sentence_tokens(doc, sent)
            if toks is None:
                continue
            for tok in toks:
                start, end = tok.idx, tok.idx + len(tok.text)
                if any(a <= start < b for a, b in covered):
                    continue
                cls = _token_class(tok, self.lexicon)
                if cls is None:
                    continue
                cls = _refine_class(tok, cls, text)
                if cls is None:
                    continue
                mentions.append(
                    Mention(
                        trigger=Span(start, end, tok.text),
                        sentence=si,
                        sentence_span=sent,
                        trigger_class=cls,
                        token=tok.i,
                        weak=cls == "weak",
                    )
                )
        mentions.sort(key=lambda m: m.trigger.start)
        adoc.mentions = mentions
        return adoc


def _refine_class(tok: Token, cls: str, text: str) -> str | None:
    """Sharpen a trigger's class from its immediate syntax."""
    lemma = tok.lemma_.lower()
    if lemma == "strike" and tok.pos_ == "NOUN":
        window = text[max(0, tok.idx - 30) : tok.idx + len(tok.text)]
        if LABOUR_STRIKE.search(window):
            return "protest"
    if lemma in ("seize", "capture", "overrun") and tok.pos_ == "VERB":
        obj = _object_of(tok)
        if obj is None:
            return "weak"
        if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _PLACE_OBJECT_WORDS:
            return cls
        if obj.ent_type_ == "PERSON" or obj.lemma_.lower() in ("hostage", "people", "man", "woman", "child"):
            return "abduct" if lemma != "capture" else "arrest"
        return "weak"  # seized weapons, drugs: not a territorial event
    if lemma == "shoot" and any(c.lower_ == "dead" for c in tok.children):
        return "kill"
    if lemma == "march" and tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lemma_.lower() in ("troops", "army", "soldier", "force", "column"):
            return "weak"
    return cls


def _object_of(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of",):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


@register_stage("mentions")
def make_mention_finder(resources: Resources, config: dict[str, Any]) -> MentionFinder:
    return MentionFinder(lexicon=default_lexicon())
