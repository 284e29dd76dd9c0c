"""The ``actors`` stage: who did what to whom, from the dependency parse around each trigger.

actor1 is the side that carries out the action (the active subject, the passive ``by``
agent, the modifier of a nominal trigger: "a coalition raid"); actor2 is the side acted on
(the object, the passive subject, "an attack on X"). Noun phrases are normalized through the
actor dictionary; named people are kept apart with their role, since ACLED codes groups.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from dateline.actors.dictionary import ActorDictionary, ActorMatch
from dateline.events.syntax import phrase_bounds
from dateline.model import Mention, Span
from dateline.pipeline import ArticleDoc, Resources, register_stage

log = logging.getLogger(__name__)

_PRONOUNS = frozenset(["he", "him", "his", "she", "her", "they", "them", "their", "it", "its"])
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
_SUBJ_DEPS = ("nsubj", "csubj")
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
_CHAIN_DEPS = ("conj", "advcl", "xcomp", "acl", "relcl", "pcomp")
# triggers whose "with" phrase names the other side: "clashed with rebels", "fighting with the RSF"
_RECIPROCAL = frozenset(
    ["clash", "fight", "fighting", "battle", "skirmish", "firefight", "gunfight", "shootout"]
)


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


def agent_and_patient(tok: Token, skip: frozenset[int] = frozenset()) -> tuple[Token | None, Token | None]:
    """The heads of the agent and patient noun phrases of a trigger token; tokens in ``skip``
    (the other words of a trigger phrase: "air" in "air strike") are neither."""
    agent: Token | None = None
    patient: Token | None = None
    reciprocal = tok.lemma_.lower() in _RECIPROCAL
    if tok.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        # "opened fire on worshippers": the target may hang off another word of the phrase
        phrase_preps = [c for i in sorted(skip) for c in tok.doc[i].children if c.dep_ == "prep"]
        for c in [*tok.children, *phrase_preps]:
            if c.i in skip:
                continue  # "fire" in "opened fire" is part of the trigger, not its target
            if c.dep_ in _SUBJ_DEPS and not passive:
                agent = c
            elif c.dep_ == "nsubjpass" or c.dep_ == "dobj" and patient is None:
                patient = c
            elif c.dep_ == "agent":
                agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
            elif c.dep_ == "prep" and c.lower_ in ("on", "against") and patient is None:
                patient = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ == "prep" and c.lower_ == "with" and reciprocal and patient is None:
                patient = next((g for g in c.children if g.dep_ == "pobj"), None)  # "clashed with X"
        if agent is None and not passive:
            agent = _inherited_subject(tok)
        if tok.dep_ in ("acl",) and patient is None and tok.tag_ == "VBN":
            patient = tok.head  # "a leader killed in a strike"
    else:
        for c in tok.children:
            if c.i in skip:
                continue
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and c.ent_type_ not in ("DATE", "TIME"):
                if agent is None and c.pos_ in ("PROPN", "NOUN", "ADJ"):
                    agent = c
            elif c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):
                agent = c
            elif c.dep_ == "prep" and c.lower_ == "by":
                agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
            elif c.dep_ == "prep" and (
                c.lower_ in ("on", "against", "of", "targeting") or (c.lower_ == "with" and reciprocal)
            ):
                patient = next((g for g in c.children if g.dep_ == "pobj"), patient)
            elif c.dep_ == "prep" and c.lower_ == "between":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    agent = pobj
                    patient = next((g for g in pobj.children if g.dep_ == "conj"), None)
            elif c.dep_ == "acl" and c.lemma_.lower() == "target":
                patient = next((g for g in c.children if g.dep_ == "dobj"), patient)
        if (
            agent is None
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower()
            in (
                "conduct",
                "carry",
                "launch",
                "stage",
                "mount",
                "carry out",
                "hold",
                "organise",
                "organize",
                "execute",
            )
        ):
            agent = next((c for c in tok.head.children if c.dep_ in _SUBJ_DEPS), None) or _inherited_subject(
                tok.head
            )
    return agent, patient


def _inherited_subject(tok: Token) -> Token | None:
    """The subject of a verb chained to this one ("forces raided the house, shooting him dead")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _CHAIN_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is not None:
            return subj
    return None


@dataclass
class ActorTagger:
    """The ``actors`` stage."""

    dictionary: ActorDictionary
    name: str = "actors"

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
            agent, patient = agent_and_patient(tok, skip)
            # the phrases as written, kept whether or not they name a dictionary actor
            for head, attr in ((agent, "agent_span"), (patient, "patient_span")):
                if head is not None and head.lower_ not in _PRONOUNS:
                    np = _np(head)
                    setattr(m, attr, Span(np.start, np.end, text[np.start : np.end]))
            if agent is not None:
                match = self.normalize(doc, agent, text, countries, agent=True)
                if match is not None:
                    m.actor1, m.inter1 = match.actor.name, match.actor.inter
                    m.actor1_span = Span(match.start, match.end, match.text)
                    self._assoc(doc, agent, text, countries, m.assoc_actor_1, m.actor1, patient)
            if patient is not None:
                match = self.normalize(doc, patient, text, countries)
                if match is not None and match.actor.name != m.actor1:
                    m.actor2, m.inter2 = match.actor.name, match.actor.inter
                    m.actor2_span = Span(match.start, match.end, match.text)
                    self._assoc(doc, patient, text, countries, m.assoc_actor_2, m.actor2, agent)
                m.people.extend(self.people(doc, patient, m, match))
        return adoc

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

            ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
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
    ) -> None:
        """Actors coordinated with the side's head are its associates, except the other side
        itself ("clashes between the army and the RSF")."""
        for conj in head.conjuncts:
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
        role = _PERSON_ROLES.get(m.trigger_class, "targeted")
        if m.sub_event_type and "Arrest" in m.sub_event_type:
            role = "arrested"
        for ent in doc.ents:
            if (
                ent.label_ == "PERSON"
                and np.start <= ent.start_char
                and ent.end_char <= np.end
                and not (_ALIAS_BEFORE.search(doc.text, max(0, ent.start_char - 20), ent.start_char))
            ):
                out.append(_person(ent.text, ent.start_char, ent.end_char, role, group, head))
        if not out and head.lower_ in ("him", "her", "he", "she"):
            prev = [
                e
                for e in doc.ents
                if e.label_ == "PERSON"
                and e.end_char <= head.idx
                and not _ALIAS_BEFORE.search(doc.text, max(0, e.start_char - 20), e.start_char)
            ]
            if prev:
                e = prev[-1]
                out.append(_person(e.text, e.start_char, e.end_char, role, group, head))
        return out


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
