"""The ``actors`` stage: who did what to whom, from the dependency parse around each trigger.

actor1 is the side that carries out the action (the active subject, the passive ``by``
agent, the modifier of a nominal trigger: "a coalition raid"); actor2 is the side acted on
(the object, the passive subject, "an attack on X"). Noun phrases are normalized through the
actor dictionary; named people are kept apart with their role, since ACLED codes groups.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from dateline.actors.arguments import ArgumentFinder
from dateline.actors.dictionary import ActorDictionary, ActorMatch
from dateline.model import Mention, Span
from dateline.nlp.syntax import phrase_bounds
from dateline.pipeline import ArticleDoc, Resources, doc_ents, doc_text, register_stage

log = logging.getLogger(__name__)

_PRONOUNS = frozenset(
    ["he", "him", "his", "she", "her", "they", "them", "their", "it", "its", "who", "whom", "which", "that"]
)
_RELATIVE = frozenset(["which", "that", "who", "whom"])
# definite descriptions that point back to a named group: "the group", "the militants"
_GROUP_NOUNS = frozenset(
    [
        "group",
        "organisation",
        "organization",
        "movement",
        "militia",
        "militant",
        "insurgent",
        "jihadist",
        "rebel",
        "fighter",
        "faction",
        "outfit",
        "network",
    ]
)
_COREF_WINDOW = 600  # characters looked back for a pronoun's group
_PERSON_ROLES = {
    "kill": "killed",
    "violence": "targeted",
    "clash": "targeted",
    "arrest": "arrested",
    "abduct": "abducted",
    "sexual": "victim",
    "weak": "targeted",
    "injure": "injured",
}
_CIVILIAN_PLACES = frozenset(
    [
        "village",
        "town",
        "market",
        "church",
        "mosque",
        "school",
        "hospital",
        "home",
        "house",
        "camp",
        "settlement",
        "community",
        "farm",
        "neighbourhood",
        "neighborhood",
        "bus",
        "wedding",
        "funeral",
        "shop",
        "restaurant",
        "hotel",
    ]
)
# a name introduced as an alias ("known as Ali") is not the person a later pronoun refers to
_ALIAS_BEFORE = re.compile(r"(?:known as|alias|nicknamed|dubbed|nom de guerre)\W*$", re.I)


@dataclass(frozen=True, slots=True)
class NounPhrase:
    start: int
    end: int
    root: Token


_NP_STOP = frozenset({"relcl", "acl", "punct", "cc", "conj", "appos"})


def _np(tok: Token) -> NounPhrase:
    """The noun phrase headed by ``tok``, without relative clauses, coordination or appositions."""
    start, end = phrase_bounds(tok, _NP_STOP)
    return NounPhrase(start, end, tok)


@dataclass
class ActorTagger:
    """The ``actors`` stage."""

    dictionary: ActorDictionary
    name: str = "actors"
    finder: ArgumentFinder = field(init=False)

    def __post_init__(self) -> None:
        self.finder = ArgumentFinder(is_country=lambda w: self.dictionary.country_of(w) is not None)

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        doc = adoc.parsed(self.name)
        text = adoc.article.text
        countries = self._article_countries(text)
        adoc.context["actor_countries"] = countries
        for m in adoc.mentions:
            if m.token is None:
                continue
            tok = doc[m.token]
            phrase = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
            skip = frozenset(t.i for t in phrase if t.i != tok.i) if phrase is not None else frozenset()
            args = self.finder(tok, skip)
            # every argument as written, pronouns included: what the text says, before resolution
            m.agent_args = [argument_span(a, text) for a in args.agents]
            m.patient_args = [argument_span(p, text) for p in args.patients]
            m.agent_claimed = args.claimed
            agent = _antecedent(args.agent)
            patient = _antecedent(args.patient)
            # the phrases the actors were read from, kept whether or not they name a dictionary actor
            for head, attr in ((agent, "agent_span"), (patient, "patient_span")):
                if head is not None and head.lower_ not in _PRONOUNS:
                    np = _np(head)
                    setattr(m, attr, Span(np.start, np.end, text[np.start : np.end]))
            if agent is not None:
                match = self._coreferent(agent, text, countries) or self.normalize(
                    doc, agent, text, countries, agent=True
                )
                if match is not None:
                    m.actor1, m.inter1 = match.actor.name, match.actor.inter
                    m.actor1_span = Span(match.start, match.end, match.text)
                    others = [_antecedent(a) for a in args.agents[1:]]
                    self._assoc(doc, agent, text, countries, m.assoc_actor_1, m.actor1, patient, others)
            if patient is not None:
                match = self._coreferent(patient, text, countries) or self.normalize(
                    doc, patient, text, countries
                )
                if match is not None and match.actor.name != m.actor1:
                    m.actor2, m.inter2 = match.actor.name, match.actor.inter
                    m.actor2_span = Span(match.start, match.end, match.text)
                    others = [_antecedent(p) for p in args.patients[1:]]
                    self._assoc(doc, patient, text, countries, m.assoc_actor_2, m.actor2, agent, others)
                m.people.extend(self.people(doc, patient, m, match))
        return adoc

    def _coreferent(self, tok: Token, text: str, countries: list[str]) -> ActorMatch | None:
        """ "They", "the group", "the militants": the nearest named armed group or force before,
        within a few sentences. Only groups are resolved this way; "he" and "she" are people."""
        definite = tok.lemma_.lower() in _GROUP_NOUNS and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children
        )
        named_inside = any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP") for t in tok.subtree)
        # "it" is a group only where the finder took it for a claimant ("it was behind the attack")
        claimant = tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass")
        if not (tok.lower_ in ("they", "them") or claimant or (definite and not named_inside)):
            return None
        start = max(0, tok.idx - _COREF_WINDOW)
        found = [
            a
            for a in self.dictionary.find(text[start : tok.idx], start, countries)
            if a.actor.kind == "group" and a.actor.inter in (2, 3, 4)
        ]
        if not found:
            return None
        near = max(found, key=lambda a: a.end)
        return ActorMatch(near.actor, near.start, near.end, near.text, min(near.confidence, 0.6))

    def _article_countries(self, text: str) -> list[str]:
        return self.dictionary.countries_in(text)

    def normalize(
        self, doc: Doc, head: Token, text: str, countries: list[str], agent: bool = False
    ) -> ActorMatch | None:
        """The dictionary actor named by the noun phrase headed by ``head``."""
        np = _np(head)
        if head.lower_ in _PRONOUNS:
            return None
        chunk = text[np.start : np.end]
        named = self.dictionary.find(chunk, np.start, countries)
        if not named and head.pos_ == "PROPN":
            # a long name the phrase cuts short: "The Group to Support Islam and Muslims (JNIM)"
            start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
            named = self.dictionary.find(text[start:end], start, countries)
        if named:
            return max(named, key=lambda a: (a.end - a.start, a.confidence))
        generic = self.dictionary.find_generic(chunk, np.start)
        if generic:
            # the match whose noun is the phrase head wins; else the longest
            for g in generic:
                if g.start <= head.idx < g.end:
                    return g
            return max(generic, key=lambda a: a.end - a.start)
        nation = self._nation_modifier(np, head, text) if agent else None
        if nation is not None:
            return nation
        if head.lemma_.lower() in _CIVILIAN_PLACES:
            # "raided the village", "shelled a market": the people of the place are the target
            return ActorMatch(
                self.dictionary.generic("civilians", None), np.start, np.end, text[np.start : np.end], 0.5
            )
        if head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            # an unknown group: keep the words, with low confidence, never drop it
            from dateline.actors.dictionary import Actor

            ent = next((e for e in doc_ents(doc) if e.start <= head.i < e.end), None)
            if ent is not None and len(ent) > 1 and ent[0].lower_ == "the":
                ent = ent[1:]  # "The Zambezi Freedom Front": the article is not part of the name
            words = ent.text if ent is not None else head.text
            start = ent.start_char if ent is not None else head.idx
            return ActorMatch(
                Actor(name=words, inter=3, kind="unknown"), start, start + len(words), words, 0.3
            )
        return None

    def _nation_modifier(self, np: NounPhrase, head: Token, text: str) -> ActorMatch | None:
        """ "A US drone strike", "Israeli shelling", "Russia pounded ...": a country or demonym
        as the doer of a violent act stands for that country's military."""
        cands = [head] if head.pos_ == "PROPN" or head.ent_type_ in ("GPE", "NORP") else []
        cands += [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < head.i]
        for tok in cands:
            iso2 = self.dictionary.country_of(tok.text)
            if iso2 is None and tok.text.isupper() and len(tok.text) <= 3:
                iso2 = self.dictionary.country_of(tok.text.lower())
            if iso2 is not None:
                actor = self.dictionary.generic("military", iso2)
                return ActorMatch(actor, tok.idx, tok.idx + len(tok.text), tok.text, 0.6)
        return None

    def _assoc(
        self,
        doc: Doc,
        head: Token,
        text: str,
        countries: list[str],
        into: list[str],
        main: str,
        other: Token | None = None,
        coordinated: list[Token | None] | None = None,
    ) -> None:
        """Actors coordinated with the side's head are its associates, except the other side
        itself ("clashes between the army and the RSF")."""
        words = head.conjuncts if coordinated is None else [t for t in coordinated if t is not None]
        for conj in words:
            if other is not None and conj.i == other.i:
                continue
            match = self.normalize(doc, conj, text, countries)
            if match is not None and match.actor.name != main and match.actor.name not in into:
                into.append(match.actor.name)

    def people(self, doc: Doc, head: Token, m: Mention, group: ActorMatch | None) -> list[dict[str, Any]]:
        """Named people in the patient phrase (or a pronoun's antecedent), with their role."""
        # the whole phrase, appositions included: "the man, an Iraqi named Salah Numan, was shot dead"
        np = NounPhrase(head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text), head)
        out: list[dict[str, Any]] = []
        text = doc_text(doc)  # spaCy rebuilds doc.text on each access; this is once per Doc
        role = _PERSON_ROLES.get(m.trigger_class, "targeted")
        if m.sub_event_type and "Arrest" in m.sub_event_type:
            role = "arrested"
        # the entities are sorted and do not overlap: look only at those in the phrase (and, for
        # a pronoun, walk back from it), not at all of a long report's entities for every mention
        ents = doc_ents(doc)
        for ent in ents[bisect_left(ents, np.start, key=_start_char) :]:
            if ent.start_char >= np.end:
                break
            if (
                ent.label_ == "PERSON"
                and ent.end_char <= np.end
                and not (_ALIAS_BEFORE.search(text, max(0, ent.start_char - 20), ent.start_char))
            ):
                out.append(_person(ent.text, ent.start_char, ent.end_char, role, group, head))
        if not out and head.lower_ in ("him", "her", "he", "she"):
            before = ents[: bisect_right(ents, head.idx, key=_end_char)]
            e = next(
                (
                    e
                    for e in reversed(before)
                    if e.label_ == "PERSON"
                    and not _ALIAS_BEFORE.search(text, max(0, e.start_char - 20), e.start_char)
                ),
                None,
            )
            if e is not None:
                out.append(_person(e.text, e.start_char, e.end_char, role, group, head))
        return out


def _start_char(span: Any) -> int:
    return int(span.start_char)


def _end_char(span: Any) -> int:
    return int(span.end_char)


def _antecedent(tok: Token | None) -> Token | None:
    """A relative pronoun stands for the noun it follows ("Hamas, which claimed ...")."""
    if tok is not None and tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def argument_span(tok: Token, text: str) -> Span:
    """An argument's phrase as written: its noun phrase and any apposition ("the alleged killer,
    Cherif Chekatt"), without relative clauses or coordination."""
    np = _np(tok)
    end = np.end
    for c in tok.rights:
        if c.dep_ == "appos":
            end = max(end, _np(c).end)
    return Span(np.start, end, text[np.start : end])


def _person(
    name: str, start: int, end: int, role: str, group: ActorMatch | None, head: Token
) -> dict[str, Any]:
    return {
        "name": name,
        "role": role,
        "affiliation": group.actor.name if group is not None and group.actor.kind == "group" else None,
        "span": [start, end, name],
    }


@register_stage("actors")
def make_actor_tagger(resources: Resources, config: dict[str, Any]) -> ActorTagger:
    return ActorTagger(dictionary=resources.actors)
