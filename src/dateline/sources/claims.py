"""The ``sources`` stage: every attributed statement becomes a :class:`~dateline.model.Claim`.

A claim has a speaker as written ("Syrian state media", "three witnesses"), a speaker type,
a stance (asserts, denies, no_comment) and the sentence it covers. Which event fields a claim
supports is decided when mentions are assembled into events.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from dateline.actors.dictionary import ActorDictionary
from dateline.events.detect import sentence_tokens
from dateline.events.lexicon import load_data_yaml, phrase_regex
from dateline.model import Claim, Span
from dateline.nlp.syntax import SPEECH_VERBS, phrase_bounds
from dateline.pipeline import ArticleDoc, Resources, register_stage

log = logging.getLogger(__name__)

_COMMENT_NOUNS = frozenset({"comment", "statement", "response", "word", "confirmation", "reaction"})
DENY_VERBS = frozenset(["deny", "reject", "refute", "dismiss"])
_NO_COMMENT = re.compile(
    r"\b(?:(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:released|issued|made|commented|confirmed|responded|"
    r"acknowledged|claimed|said)|declined\s+to\s+comment|refused\s+to\s+comment|no\s+immediate\s+comment|"
    r"(?:made|gave|offered)\s+no\s+(?:immediate\s+)?comment|did\s+not\s+(?:immediately\s+)?respond|"
    r"could\s+not\s+be\s+reached|remained\s+silent|has\s+been\s+silent|was\s+not\s+available\s+for\s+comment|"
    r"no\s+(?:official\s+)?(?:statement|comment)\s+(?:was|has\s+been)\s+(?:released|issued|made))\b",
    re.IGNORECASE,
)
# "UN" and "WHO" only in capitals: in lower case they are ordinary words.
_UN_ACRONYM = re.compile(r"\b(?:UN|WHO|U\.N\.)(?!\w)")
# "local" before a noun says where the speaker is from, not what kind of speaker: "local officials"
# are officials and "local media" media; only "a local" / "locals" on their own are witnesses.
_LOCAL_MODIFIER = re.compile(r"\blocal\s+(?=\w)", re.IGNORECASE)
SPEAKER_TYPES = ("anonymous", "state_media", "witness", "ngo_un", "armed_group", "official", "media")
#: Speaker types an actor dictionary match can turn into ``armed_group`` ("al-Shabaab said").
_RETYPE_AS_GROUP = frozenset({"other", "official"})


@dataclass(frozen=True)
class SpeakerClassifier:
    """Classify a speaker phrase into a speaker type by ordered cue lists (data/sources/speakers.yaml)."""

    cues: dict[str, re.Pattern[str]]

    @classmethod
    def load(cls) -> SpeakerClassifier:
        data = load_data_yaml("sources", "speakers.yaml")
        return cls({k: phrase_regex(v) for k, v in data.items()})

    def __call__(self, speaker: str) -> str:
        speaker = _LOCAL_MODIFIER.sub("", speaker)
        for kind in SPEAKER_TYPES:
            if kind == "ngo_un" and _UN_ACRONYM.search(speaker):
                return kind
            pattern = self.cues.get(kind)
            if pattern is not None and pattern.search(speaker):
                return kind
        return "other"


_SPEAKER_STOP = frozenset({"relcl", "punct", "acl"})


@dataclass(frozen=True)
class ClaimCues:
    """Cue lists read around a statement (data/sources/claims.yaml)."""

    not_speakers: frozenset[str]
    anonymity: re.Pattern[str]
    denial_detail: re.Pattern[str]
    denial_event: re.Pattern[str]

    @classmethod
    def load(cls) -> ClaimCues:
        data = load_data_yaml("sources", "claims.yaml")
        return cls(
            frozenset(w.lower() for w in data["not_speakers"]),
            phrase_regex(data["anonymity"]),
            phrase_regex(data["denial_detail"]),
            phrase_regex(data["denial_event"]),
        )

    def scope(self, denied: str) -> str | None:
        """What a denial denies: ``"detail"`` (motive, conduct, a charge), ``"event"`` (that it happened,
        or the speaker's part in it) or ``None`` when the words say neither."""
        if self.denial_detail.search(denied):
            return "detail"
        if self.denial_event.search(denied):
            return "event"
        return None


@dataclass
class ClaimFinder:
    """The ``sources`` stage."""

    classify: SpeakerClassifier
    dictionary: ActorDictionary
    cues: ClaimCues = field(default_factory=ClaimCues.load)
    name: str = "sources"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        doc = adoc.parsed(self.name)
        claims: list[Claim] = []
        last: Claim | None = None
        countries = list(adoc.context.get("actor_countries", []))
        for t in adoc.toponyms:
            code = getattr(t, "country_code", None)
            if code and code not in countries:
                countries.append(code)
        for sent in adoc.sentences:
            toks = sentence_tokens(doc, sent)
            if toks is None:
                continue
            found = self.claims_in(doc, toks, sent, countries, last, adoc.text or doc.text)
            claims.extend(found)
            if found:
                last = found[-1]
        adoc.claims = claims
        return adoc

    def claims_in(
        self,
        doc: Doc,
        toks: Any,
        sent: Span,
        countries: list[str],
        last: Claim | None,
        text: str | None = None,
    ) -> list[Claim]:
        # spaCy rebuilds doc.text from every token on each access: read it once per article
        text = doc.text if text is None else text
        out: list[Claim] = []
        seen: set[tuple[int, int]] = set()
        for tok in toks:
            speaker_tok: Token | None = None
            stance = "asserts"
            if (
                tok.lemma_.lower() in _COMMENT_NOUNS
                and tok.pos_ == "NOUN"
                and any(c.lower_ == "no" for c in tok.children)
            ):
                # "there was no immediate comment from the coalition"
                frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
                speaker_tok = (
                    next((g for g in frm.children if g.dep_ == "pobj"), None) if frm is not None else None
                )
                stance = "no_comment"
            elif tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                to = next(c for c in tok.children if c.lower_ == "to")
                speaker_tok = next((g for g in to.children if g.dep_ == "pobj"), None)
                if speaker_tok is not None and speaker_tok.lower_ in self.cues.not_speakers:
                    continue  # "dealt with according to the law": no one speaks
            elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_VERBS:
                speaker_tok = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
                if speaker_tok is None:
                    continue
                if tok.lemma_.lower() in DENY_VERBS:
                    stance = "denies"
                clause = text[min(t.idx for t in tok.subtree) : max(t.idx + len(t) for t in tok.subtree)]
                if any(c.dep_ == "neg" for c in tok.children) or _NO_COMMENT.search(clause):
                    stance = "no_comment"
            elif tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT" and _NO_COMMENT.search(sent.text):
                speaker_tok = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
                if speaker_tok is None:
                    continue
                stance = "no_comment"
            if speaker_tok is None:
                continue
            denied = _denied_words(text, tok) if stance == "denies" else None
            if speaker_tok.lower_ in ("who", "which", "that") and speaker_tok.head.dep_ == "relcl":
                speaker_tok = speaker_tok.head.head  # "the source, who added that ...": the source
            s, e = phrase_bounds(speaker_tok, _SPEAKER_STOP)
            if (s, e) in seen:
                continue
            seen.add((s, e))
            speaker = text[s:e]
            kind = self.classify(speaker)
            if speaker_tok.lower_ in ("he", "she", "they") and last is not None:
                speaker, kind = last.speaker, last.speaker_type
            elif (
                speaker_tok.ent_type_ == "PERSON"
                and kind == "other"
                and last is not None
                and (speaker_tok.text in last.speaker)
            ):
                kind = last.speaker_type  # "Sheikh explained": the owner named earlier
            actor = self._speaker_actor(speaker, kind, countries)
            kind = self._refine_type(kind, actor, speaker_tok, sent)
            out.append(
                Claim(
                    speaker=speaker,
                    speaker_type=kind,
                    stance=stance,
                    span=sent,
                    speaker_span=Span(s, e, speaker),
                    actor=actor,
                    scope=self.cues.scope(denied) if denied else None,
                    denied=denied,
                )
            )
        return out

    def _refine_type(self, kind: str, actor: str | None, speaker_tok: Token, sent: Span) -> str:
        """A speaker of an armed group in the dictionary is ``armed_group``; an unnamed speaker in a
        sentence that says it asked not to be named is ``anonymous``."""
        if actor is not None and kind in _RETYPE_AS_GROUP:
            known = self.dictionary.get(actor)
            if known is not None and known.kind == "group" and known.inter in (2, 3, 4):
                kind = "armed_group"
        named = any(t.ent_type_ == "PERSON" for t in speaker_tok.subtree)
        unnamed = kind in ("official", "other", "armed_group") and not named
        if unnamed and self.cues.anonymity.search(sent.text):
            kind = "anonymous"
        return kind

    def _speaker_actor(self, speaker: str, kind: str, countries: list[str]) -> str | None:
        """The dictionary actor a speaker speaks for: a named group, or a state's forces for
        "Russia's defence ministry", "the Nigerian army", "Kenyan police"."""
        matches = self.dictionary.find(speaker, 0, countries)
        if matches:
            return matches[0].actor.name
        if kind != "official":
            return None
        nations = self.dictionary.countries_in(speaker)
        if not nations and len(countries) == 1:
            nations = countries  # "the army said" in a report about one country: that country's army
        if not nations:
            return None
        if _POLICE_SPEAKER.search(speaker):
            return self.dictionary.generic("police", nations[0]).name
        if _MILITARY_SPEAKER.search(speaker):
            return self.dictionary.generic("military", nations[0]).name
        return None


_OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "pcomp", "prep", "attr", "oprd", "advcl"})


def _denied_words(text: str, verb: Token) -> str | None:
    """The words a denial verb denies, as written: its objects and clauses after it, not a
    following "and says ..." ("denies targeting the opposition")."""
    objs = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.i > verb.i]
    if not objs:
        return None
    toks = [t for c in objs for t in c.subtree]
    start, end = min(t.idx for t in toks), max(t.idx + len(t) for t in toks)
    return " ".join(text[start:end].split()).strip(" ,.;:") or None


_MILITARY_SPEAKER = re.compile(
    r"\b(?:army|military|defen[cs]e|armed forces|troops|forces|command|air force|navy|"
    r"general staff)\b",
    re.I,
)
_POLICE_SPEAKER = re.compile(r"\b(?:police|interior ministry|gendarmerie)\b", re.I)


@register_stage("sources")
def make_claim_finder(resources: Resources, config: dict[str, Any]) -> ClaimFinder:
    return ClaimFinder(classify=SpeakerClassifier.load(), dictionary=resources.actors)
