"""spaCy's named entities as evidence for toponym recognition.

The recogniser of :mod:`dateline.geo.toponyms` reads capitalised runs against the gazetteer and
cue words; it cannot tell "the assassin walked towards Gandhi" (a person) or "the Supreme Court"
(an organisation) from a place the gazetteer lacks or a village of that name. spaCy's entities
can, though not reliably on their own (en_core_web_sm calls many towns a PERSON or an ORG), so
they are evidence, weighed with what the gazetteer says, never a veto of everything:

* :func:`weigh_entities` drops a toponym that an entity says is a person, organisation,
  nationality or title (PERSON, ORG, NORP, WORK_OF_ART) when nothing else speaks for it (no
  GPE/LOC/FAC entity over it, no cue such as "the town of", "X province" or "the X area"): a
  name the gazetteer lacks (``unknown_place``: "towards Gandhi"), a name inside a person's
  whose homonyms are all below a million people, or a village-sized homonym (under 10,000
  people) that an ORG/NORP entity is or contains ("R&B artist Maxwell", "the Supreme Court");
* :func:`admit_entities` adds a GPE entity the rules missed when the gazetteer names a country
  or a place of 100,000 people or more by it.

A facility or neighbourhood named after a place ("Kenya Airways", "Mosul University", "the Old
City") is left to :mod:`dateline.geo.facilities` and the recogniser's own organisation rules.
Each rule and threshold was chosen by measuring recognition precision/recall and end-to-end
accuracy on the four toponym corpora (docs/evaluation.md, issue 14); what helped one corpus
only was dropped (admitting LOC entities, dropping a place a PERSON entity covers exactly).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from dateline.geo.facilities import quarter_at
from dateline.geo.gazetteer import Gazetteer
from dateline.geo.toponyms import Toponym
from dateline.pipeline import doc_ents

__all__ = ["Entity", "admit_entities", "doc_entities", "parse_entities", "use_entities", "weigh_entities"]

#: a named entity: start and end character offsets and spaCy's label
Entity = tuple[int, int, str]

#: labels that say a name is no place
NOT_PLACE = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART"})
#: labels that say a name is a place
PLACE = frozenset({"GPE", "LOC", "FAC"})
#: a place named without a cue inside a PERSON or WORK_OF_ART entity ("Jordan" of "Michael
#: Jordan") is dropped when no homonym is this large
INSIDE_PERSON_POPULATION = 1_000_000
#: a place named without a cue that an ORG or NORP entity is or contains ("R&B artist Maxwell",
#: "Supreme" of "the Supreme Court") is dropped when no homonym is this large
SMALL_HOMONYM_POPULATION = 10_000
#: a GPE entity the rules missed is admitted as a country or a place of at least this size
ADMIT_POPULATION = 100_000

_LEADING_RE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")


def doc_entities(doc: Doc) -> list[Entity]:
    """The entities of a parsed ``doc``."""
    return [(e.start_char, e.end_char, e.label_) for e in doc_ents(doc)]


def parse_entities(texts: Sequence[str], nlp: Language | None = None) -> list[list[Entity]]:
    """The entities of each text, parsed by the pipeline's spaCy model (``nlp``, default the one
    :func:`dateline.nlp.load_spacy` loads): news-length texts in one batch, a longer one in
    pieces (:func:`dateline.nlp.segment.parse`)."""
    from dateline.nlp.segment import chunk_chars, load_spacy, parse

    model = nlp or load_spacy()
    size = chunk_chars(model)
    short = iter(model.pipe([t for t in texts if len(t) <= size]))
    return [doc_entities(next(short) if len(t) <= size else parse(model, t)) for t in texts]


def _overlapping(spans: Sequence[Entity], starts: Sequence[int], start: int, end: int) -> list[Entity]:
    """The spans of ``spans`` (sorted by start, none inside another; ``starts`` their starts)
    that overlap ``[start, end)``."""
    out = []
    k = bisect_left(starts, end) - 1
    while k >= 0 and spans[k][1] > start:
        out.append(spans[k])
        k -= 1
    return out


def _trimmed(text: str, e: Entity, offset: int) -> tuple[int, int]:
    """The entity's span without a leading article or a trailing possessive ("the Old City",
    "Gandhi's")."""
    s, end = e[0], e[1]
    m = _LEADING_RE.match(text, s - offset, end - offset)
    if m is not None:
        s += m.end() - m.start()
    m2 = _POSSESSIVE_RE.search(text, s - offset, end - offset)
    if m2 is not None:
        end = m2.start() + offset
    return s, end


def _max_population(t: Toponym) -> int:
    return max((p.population for p in t.candidates), default=0)


def _cueless(t: Toponym) -> bool:
    """Whether nothing but its capitals makes ``t`` a place: no preposition or type word, no unit
    named with it (an owner country, "Israel's Supreme Court", says whose, not that it is a place)."""
    return t.cue is None and t.type_cue is None and t.admin_hint is None


def not_a_place(t: Toponym, text: str, over: Sequence[Entity], offset: int = 0) -> bool:
    """Whether the entities ``over`` the toponym ``t`` say it names no place and nothing else
    speaks for it."""
    if t.kind not in ("place", "admin", "unknown_place") or t.cue == "dateline":
        return False
    if quarter_at(text, t.start - offset, t.end - offset, known=False) is not None:
        return False  # "the Markets area": a part of a town (see dateline.geo.facilities)
    if not over:
        # a name the gazetteer lacks, admitted by a bare preposition alone ("in Kamwokya"), needs
        # the parser to see some entity there: "We Are in Crisis" in a headline has none
        return t.kind == "unknown_place" and t.type_cue is None
    if any(e[2] in PLACE for e in over):
        return False
    for e in over:
        if e[2] not in NOT_PLACE:
            continue
        if t.kind == "unknown_place":
            return True  # "Supreme" of "Supreme Court", "towards Gandhi", "We Are in Crisis"
        s, end = _trimmed(text, e, offset)
        exact = (s, end) == (t.start, t.end)
        inside = s <= t.start and t.end <= end and not exact
        if not (exact or inside) or not _cueless(t):
            continue
        if e[2] in ("PERSON", "WORK_OF_ART") and inside and _max_population(t) < INSIDE_PERSON_POPULATION:
            return True  # a first name or surname that is also a town's
        if e[2] in ("ORG", "NORP") and t.kind == "place" and _max_population(t) < SMALL_HOMONYM_POPULATION:
            return True  # "R&B artist Maxwell", "the Supreme Court": a village of that name elsewhere
    return False


def weigh_entities(text: str, tops: list[Toponym], ents: Sequence[Entity], offset: int = 0) -> list[Toponym]:
    """``tops`` without the toponyms :func:`not_a_place` says are no places (``text`` starts at
    ``offset`` of the toponyms' and entities' offsets)."""
    if not ents:
        return tops
    ents = sorted(ents)
    starts = [e[0] for e in ents]
    return [t for t in tops if not not_a_place(t, text, _overlapping(ents, starts, t.start, t.end), offset)]


def admit_entities(
    text: str, tops: list[Toponym], ents: Sequence[Entity], gaz: Gazetteer, offset: int = 0
) -> list[Toponym]:
    """``tops`` with the GPE entities that overlap none of them and that the gazetteer names as
    a country or a place of :data:`ADMIT_POPULATION` or more, in text order."""
    from dateline.geo.geoparse import toponym_for_span

    added: list[Toponym] = []
    taken = sorted((t.start, t.end, t.kind) for t in tops)
    starts = [x[0] for x in taken]
    for e in ents:
        if e[2] != "GPE" or _overlapping(taken, starts, e[0], e[1]):
            continue
        s, end = _trimmed(text, e, offset)
        surface = text[s - offset : end - offset]
        if end <= s or not surface[:1].isupper() or surface.isupper():
            continue
        t = toponym_for_span(text, s - offset, end - offset, gaz)
        if t.kind == "country" or (t.kind in ("place", "admin") and _max_population(t) >= ADMIT_POPULATION):
            t.start, t.end = s, end
            added.append(t)
    if not added:
        return tops
    return sorted(tops + added, key=lambda t: t.start)


def use_entities(
    text: str, tops: list[Toponym], ents: Sequence[Entity], gaz: Gazetteer, offset: int = 0
) -> list[Toponym]:
    """``tops`` weighed against ``ents`` (:func:`weigh_entities`), then with the GPE entities the
    rules missed (:func:`admit_entities`)."""
    return admit_entities(text, weigh_entities(text, tops, ents, offset), ents, gaz, offset)
