"""Type event mentions into ACLED's sub-event types, and set aside what is not an event.

Each mention is read in its clause (the subtree of the verb governing the trigger): the means
of violence (air strike, shelling, IED ...), the kind of target (armed or civilian), and the
signs that the words describe no event at all (a threat, a plan, a metaphor, a disaster, a
match report, a habit rather than an occurrence).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from dateline.events.classifier import EventClassifier, embed, shipped_classifier
from dateline.events.detect import LABOUR_STRIKE
from dateline.events.lexicon import Lexicon, Taxonomy, default_lexicon, default_taxonomy
from dateline.model import Mention, Span
from dateline.nlp.syntax import clause_bounds, own_clause_text
from dateline.pipeline import ArticleDoc, Resources, doc_text, register_stage

log = logging.getLogger(__name__)

# Remote-violence means, in the order their cue words are tried in a clause: ACLED's order
# (conventions §2.0: chemical > air/drone > suicide > shelling > IED > grenade), except that a
# named grenade is tried before the explosive cues, which include generic words ("blast",
# "explosion") that also describe a grenade going off.
MEANS_ORDER: tuple[tuple[str, str], ...] = (
    ("chemical", "Chemical weapon"),
    ("airstrike", "Air/drone strike"),
    ("suicide", "Suicide bomb"),
    ("shelling", "Shelling/artillery/missile attack"),
    ("grenade", "Grenade"),
    ("explosive", "Remote explosive/landmine/IED"),
)
CLASS_TO_SUB: dict[str, str] = {
    "airstrike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "suicide": "Suicide bomb",
    "grenade": "Grenade",
    "chemical": "Chemical weapon",
    "explosive": "Remote explosive/landmine/IED",
    "protest": "Peaceful protest",
    "riot": "Violent demonstration",
    "mob": "Mob violence",
    "arrest": "Arrests",
    "abduct": "Abduction/forced disappearance",
    "sexual": "Sexual violence",
    "territory_take": "Non-state actor overtakes territory",
    "territory_regain": "Government regains territory",
    "territory_transfer": "Non-violent transfer of territory",
    "agreement": "Agreement",
    "disrupt": "Disrupted weapons use",
    "loot": "Looting/property destruction",
    "base": "Headquarters or base established",
    "clash": "Armed clash",
}
# a habit or a campaign, not one occurrence: "has fought for nearly two decades", "since 2009"
_SINCE_OR_FOR_YEARS = re.compile(
    r"\b(?:for\s+(?:nearly\s+|almost\s+|more\s+than\s+|over\s+|about\s+|some\s+|the\s+past\s+|the\s+last\s+)?"
    r"(?:\w+\s+)?(?:years|decades|months)|since\s+(?:the\s+)?(?:invasion|war|conflict|start|beginning|outbreak|"
    r"summer|spring|autumn|winter|fall|coup|revolution|uprising|insurgency|election|(?:19|20)\d\d)|"
    r"which\s+began\s+in)\b",
    re.IGNORECASE,
)
_PROTESTERS = re.compile(r"\b(?:protesters?|protestors?|demonstrators?|marchers?)\b", re.IGNORECASE)
# "killed in a strike", "died in a coalition strike": a military strike as the means of a killing
_KILLED_IN_A_STRIKE = re.compile(r"\b(?:in|by)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}strikes?\b", re.I)
# words that announce a different event from the one told so far
_SEPARATE_WORDS = frozenset({"separate", "separately", "elsewhere", "another"})


def is_separate(tok: Token) -> bool:
    """Whether the trigger is marked as another event: "a separate attack", "separately, gunmen
    abducted", "in another attack gunmen killed"."""
    near = [c for c in tok.children]
    near += [g for c in tok.children if c.dep_ == "prep" for g in c.children]
    near += [g for c in list(near) for g in c.children if c.dep_ == "pobj"]
    # "the air force separately said ... were shot down": the marker sits on the reporting verb
    near += [c for a in _ancestors(tok, 3) for c in a.children if c.dep_ == "advmod"]
    return any(t.lower_ in _SEPARATE_WORDS for t in near)


_VIOLENT_SPORT_LEMMAS = frozenset(
    ["attack", "shoot", "strike", "battle", "fight", "clash", "beat", "storm", "kill"]
)
_JUDICIAL_LEMMAS = frozenset(
    ["sentence", "convict", "acquit", "indict", "prosecute", "jail", "try", "charge"]
)
_ACCUSATION = frozenset(["accuse", "allege", "accusation", "allegation"])
_JUDICIAL_NOUNS = frozenset(["trial", "verdict", "court", "tribunal", "case", "charge", "charges"])


def _ancestors(tok: Token, limit: int = 4) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


#: trigger words with a sense that is no event: "fired from their jobs", "lodged a protest"
_OTHER_SENSE_LEMMAS = frozenset({"fire", "march", "parade", "protest"})


def excluded_reason(tok: Token, clause: str, sentence: str, lex: Lexicon) -> str | None:
    """Why the mention at ``tok`` describes no event, or None when it does."""
    # negation of the trigger itself ("did not attack", "no attack took place")
    if any(c.dep_ == "neg" for c in tok.children):
        return "negated"
    if tok.pos_ == "NOUN" and any(c.lower_ in ("no",) and c.dep_ == "det" for c in tok.children):
        return "negated"
    # modality: "would attack", "threatened to attack", "plans to hold a protest", "if ... attacked"
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lex.modal_aux for c in tok.children):
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
        return "hypothetical"
    for anc in _ancestors(tok, 4):
        lemma = anc.lemma_.lower()
        if lemma in _ACCUSATION and anc.pos_ in ("VERB", "NOUN"):
            return "accusation"  # a party's claim ("accused the police of abducting"), not what happened
        if lemma in lex.modal_heads and anc.pos_ in ("VERB", "AUX", "NOUN"):
            return "threat_or_plan"
        if (
            anc.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("aux",) and c.lower_ in lex.modal_aux for c in anc.children)
            and anc.dep_ in ("ROOT", "ccomp", "conj")
            and tok.dep_ in ("xcomp", "dobj", "pobj")
        ):
            return "hypothetical"
        if (
            lemma in _JUDICIAL_LEMMAS
            and anc.pos_ == "VERB"
            or lemma in _JUDICIAL_NOUNS
            and anc.pos_ == "NOUN"
        ):
            return "judicial"
        if anc.dep_ in ("ROOT",):
            break
    own = own_clause_text(tok)
    if lex.not_event["metaphor_context"].search(own):
        return "metaphor"
    if tok.lemma_.lower() in _OTHER_SENSE_LEMMAS and lex.not_event["other_sense"].search(own):
        # "fired from their jobs", "cadets march in the military parade", "lodged a formal
        # protest" with an embassy (no gathering, conventions §1.1); not "a bomb hit the military
        # parade", whose trigger is the attack's
        return "other_sense"
    if tok.lemma_.lower() in ("attack", "assault", "battle", "fight", "war", "strike"):
        obj = _target_words(tok)
        if obj and lex.not_event["metaphor_objects"].fullmatch(obj):
            return "metaphor"
    if (
        tok.lemma_.lower() in _VIOLENT_SPORT_LEMMAS
        and lex.not_event["sports"].search(sentence)
        and not (lex.cue("armed_target", sentence) and lex.cue("civilian_victim", sentence))
    ):
        return "sports"
    if lex.not_event["disaster"].search(own) and not lex.not_event["disaster_political"].search(sentence):
        return "disaster"
    if lex.not_event["crime"].search(own) and not lex.not_event["disaster_political"].search(sentence):
        return "crime"
    if tok.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # "gangs raid villages", "its forces strike only military targets": a habit, unless a
        # participant is a specific one, as in news summaries ("Gunmen kill 12 worshippers",
        # "The army seizes the town"), which the trained typer may then read as events
        return "present_tense" if _specific_participant(tok) else "habitual"
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ == "ROOT"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "dobj" for c in tok.children)
    ):
        return "habitual"  # the same present tense read as a noun by the tagger: "gangs raid villages"
    chain = _chain_clause(tok)
    if lex.cue("generic", chain) or _SINCE_OR_FOR_YEARS.search(chain):
        return "generic"
    return None


_SPECIFIC_DETS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her"})
_NP_PARTS = frozenset({"det", "poss", "nummod", "compound", "quantmod"})


def _specific_participant(tok: Token) -> bool:
    """Whether the doer or the object of a verb is a specific one (a number, a name, a definite
    or indefinite article), not a bare plural of a generic statement ("bandits kidnap
    travellers")."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            # the noun phrase itself, not what hangs from it ("travellers on the highway")
            for t in [c, *(g for g in c.children if g.dep_ in _NP_PARTS)]:
                # a capitalised first word is tagged a name whatever it is ("Bandits kidnap ...")
                name = t.pos_ == "PROPN" and t.i != t.sent.start
                if t.like_num or name or (t.dep_ in ("det", "poss") and t.lower_ in _SPECIFIC_DETS):
                    return True
    return False


def _chain_clause(tok: Token) -> str:
    """The clause of the verb that heads a chain of coordinated or purpose verbs: in "gangs
    routinely raid villages to loot and kidnap residents", "kidnap" is read with "routinely"."""
    head = tok
    for _ in range(4):
        if head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
            head = head.head
        else:
            break
    a, b = clause_bounds(head)
    return doc_text(tok.doc)[a:b]  # not tok.doc.text: rebuilt per access, O(length)


def _target_words(tok: Token) -> str:
    """The head word(s) of the thing attacked: "attack on free speech" -> "free speech"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "over"):
            for g in c.children:
                if g.dep_ == "pobj":
                    mods = [m.text for m in g.lefts if m.dep_ in ("compound", "amod")]
                    return " ".join([*mods, g.text]).lower()
        if c.dep_ == "dobj":
            mods = [m.text for m in c.lefts if m.dep_ in ("compound", "amod")]
            return " ".join([*mods, c.text]).lower()
    return ""


def patient_text(tok: Token) -> str:
    """Text of the trigger's patient: the object, the passive subject, or 'on/against X'."""
    parts: list[str] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr") or (
            c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting")
        ):
            parts.append(" ".join(t.text for t in c.subtree))
        if c.dep_ == "acl" and c.lemma_.lower() == "target":
            parts.append(" ".join(t.text for t in c.subtree))
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        parts.append(tok.head.text)  # "a leader killed in ...": the noun is the patient
    return " ".join(parts)


#: trigger classes that can tell of a bomb going off in its planters' hands
_PREMATURE_CLASSES = frozenset({"explosive", "suicide", "kill", "violence", "injure"})


def went_off_early(cls: str | None, text: str, lex: Lexicon) -> bool:
    """Whether words of a trigger of class ``cls`` tell of a device going off early or by accident
    in the hands of those who planted it, with nobody else named among the victims ("the device
    detonated accidentally, killing the three who planted it": conventions §2.4, §2.6)."""
    return cls in _PREMATURE_CLASSES and lex.cue("premature", text) and not lex.cue("civilian_victim", text)


def sub_event_type(mention: Mention, tok: Token | None, clause: str, lex: Lexicon) -> tuple[str, float]:
    """The ACLED sub-event type of one mention and a confidence for it."""
    cls = mention.trigger_class
    if went_off_early(cls, clause, lex):
        return "Disrupted weapons use", 0.8
    if cls in ("chemical", "suicide", "airstrike", "shelling", "grenade"):
        return CLASS_TO_SUB[cls], 0.85
    if cls in ("explosive",):
        # "a grenade blast", "a suicide bombing": the named means decides (conventions §10.11-12)
        for cue, sub in MEANS_ORDER[:-1]:
            if lex.cue(cue, clause):
                return sub, 0.75
        return CLASS_TO_SUB[cls], 0.75
    if cls in ("kill", "violence", "clash"):
        for cue, sub in MEANS_ORDER:
            if lex.cue(cue, clause):
                return sub, 0.7
        lemma = tok.lemma_.lower() if tok is not None else mention.trigger.text.lower()
        if lemma == "strike" and tok is not None and tok.pos_ == "NOUN":
            return "Air/drone strike", 0.55
        if _KILLED_IN_A_STRIKE.search(clause) and not LABOUR_STRIKE.search(clause):
            return "Air/drone strike", 0.65  # "killed in a 2020 coalition strike": the strike is the means
        if lex.cue("mob", clause):
            return "Mob violence", 0.6
        if cls == "clash":
            return "Armed clash", 0.7
        patient = patient_text(tok) if tok is not None else ""
        if patient and _PROTESTERS.search(patient) and not lex.cue("armed_target", patient):
            return "Excessive force against protesters", 0.75
        if patient and lex.cue("civilian_victim", patient) and not lex.cue("armed_target", patient):
            return "Attack", 0.65
        if patient and lex.cue("armed_target", patient):
            return "Armed clash", 0.65
        if lex.cue("civilian_victim", clause) and not lex.cue("armed_target", clause):
            return "Attack", 0.5
        return "Armed clash", 0.45
    if cls == "weak" or cls == "injure":
        for cue, sub in MEANS_ORDER:
            if lex.cue(cue, clause):
                return sub, 0.3
        return "Armed clash", 0.2
    if cls == "protest":
        if lex.cue("violent_protest", clause):
            return "Violent demonstration", 0.6
        if lex.cue("intervention", clause):
            return "Protest with intervention", 0.6
        return "Peaceful protest", 0.6
    return CLASS_TO_SUB.get(cls, "Other"), 0.6


#: Sub-event types a trained model may give a mention, by the family of its trigger.
_VIOLENT_SUBS = frozenset(
    {
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
        "Excessive force against protesters",
        "Mob violence",
        "Violent demonstration",
    }
)
_CROWD_SUBS = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
    }
)
_TERRITORY_SUBS = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
        "Armed clash",
    }
)
_CLASS_FAMILY: dict[str, frozenset[str]] = {
    **{c: _VIOLENT_SUBS for c in ("kill", "violence", "clash", "injure", "weak", "explosive")},
    **{c: _CROWD_SUBS for c in ("protest", "riot", "mob")},
    # arrests at a demonstration are a protest with intervention; unacknowledged ones a disappearance
    "arrest": frozenset({"Arrests", "Protest with intervention", "Abduction/forced disappearance"}),
    "abduct": frozenset({"Abduction/forced disappearance", "Attack", "Arrests"}),
    "sexual": frozenset({"Sexual violence", "Attack"}),
    **{c: _TERRITORY_SUBS for c in ("territory_take", "territory_regain", "territory_transfer")},
    "loot": frozenset({"Looting/property destruction", "Violent demonstration", "Attack"}),
    "disrupt": frozenset({"Disrupted weapons use", "Arrests", "Armed clash"}),
}
#: Lexicon classes of strategic developments
_STRATEGIC_CLASSES = frozenset(
    {"arrest", "agreement", "disrupt", "base", "territory_transfer", "loot", "weak", "model"}
)
#: The confidence a mention found only by the model carries into the event's type vote: below
#: any trigger the lexicon found, so it adds an event but does not retype one.
MODEL_MENTION_SCORE = 0.5
NOT_AN_EVENT = "classifier: not an event"
#: A mention this sure of its type (an explicit means or kind found by a rule, or the trained
#: typer's calibrated probability) counts as an explicit description of its event: the event
#: takes the highest-ranked type among its sure mentions (conventions §2.0).
SURE_RULE = 0.75


@dataclass(frozen=True)
class Precedence:
    """When the trained typer's reading of a sentence overrides the rules' reading of a mention
    in it (each threshold is a probability of the model's top class; above 1: never).

    - ``override``: an unsure rule decision takes the model's type when it is of the same family
      (a violent trigger stays violent, a crowd stays a crowd);
    - ``cross_family``: an unsure rule decision takes the model's type of any family;
    - ``over_sure``: even a sure rule decision (an explicit means) takes the model's type;
    - ``none``: an unsure mention is read as no event;
    - ``none_over_sure``: even a sure mention is read as no event;
    - ``rescue``: a mention a rule set aside on a soft ground (:data:`SOFT_EXCLUSIONS`: present
      tense with specific participants, a plan, a court case ...) is an event after all when the
      model reads the sentence as one. Negation, modality, metaphor, accusations and the present
      tense between bare plurals stay hard.

    The defaults were chosen on the real training items (``scripts/tune_precedence.py``), never
    on the dev split.
    """

    override: float = 0.45
    cross_family: float = 0.7
    over_sure: float = 0.6
    none: float = 0.4
    none_over_sure: float = 0.6
    rescue: float = 0.5


#: Reasons of :func:`excluded_reason` that the trained typer may overrule (see ``Precedence``):
#: they are read from single words ("routinely", "try", "crash") or from a present tense with
#: specific participants, which real news uses in reports of events too ("Gunmen kill six
#: soldiers" in a news summary). A present tense between bare plurals ("bandits kidnap
#: travellers") stays a habit.
SOFT_EXCLUSIONS = frozenset(
    {"present_tense", "generic", "threat_or_plan", "judicial", "crime", "disaster", "sports"}
)


def combine_with_classifier(
    m: Mention, probs: dict[str, float], rule: Precedence
) -> tuple[str, float, str | None]:
    """The mention's sub-event type, confidence and exclusion after hearing the model."""
    sub, score = m.sub_event_type or "Other", m.score
    top = max(probs, key=lambda k: probs[k])
    p = float(probs[top])
    if m.excluded:
        if m.excluded in SOFT_EXCLUSIONS and top != "none" and p >= rule.rescue:
            return top, p, None
        return sub, score, m.excluded
    sure = score >= SURE_RULE
    if top == "none":
        if not m.weak and p >= (rule.none_over_sure if sure else rule.none):
            return sub, score, NOT_AN_EVENT
        return sub, score, m.excluded
    if sure:
        if top != sub and p >= rule.over_sure:
            return top, max(score, p), m.excluded
        return sub, score, m.excluded
    allowed = _CLASS_FAMILY.get(m.trigger_class, frozenset())
    if (p >= rule.override and top in allowed) or p >= rule.cross_family:
        return top, max(score, p), m.excluded
    return sub, score, m.excluded


@dataclass
class MentionTyper:
    """The ``type`` stage: sub-event type, event type and disorder type per mention."""

    lexicon: Lexicon
    taxonomy: Taxonomy
    classifier: EventClassifier | None = None
    precedence: Precedence = field(default_factory=Precedence)
    detect_threshold: float = 0.5
    name: str = "type"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        return self.pipe([adoc])[0]

    def pipe(self, adocs: list[ArticleDoc]) -> list[ArticleDoc]:
        """Type the mentions of several articles; the trained typer reads the candidate
        sentences of all of them in one batch (sorted by length, so little padding)."""
        for adoc in adocs:
            self._rules(adoc)
        if self.classifier is not None:
            chosen = [self.candidate_sentences(adoc) for adoc in adocs]
            texts = [adoc.sentences[i].text for adoc, idx in zip(adocs, chosen, strict=True) for i in idx]
            vectors = embed(texts) if texts and self.classifier.uses_encoder else None
            probs = self.classifier.predict_proba(texts, vectors) if texts else None
            classes = self.classifier.classes_
            k = 0
            for adoc, idx in zip(adocs, chosen, strict=True):
                assert probs is not None or not idx
                rows = probs[k : k + len(idx)] if probs is not None else []
                if vectors is not None:
                    # kept for the later article-level models (mention status, coreference)
                    adoc.context["sentence_vectors"] = dict(zip(idx, vectors[k : k + len(idx)], strict=True))
                k += len(idx)
                by_sentence = {
                    i: dict(zip(classes, map(float, row), strict=True))
                    for i, row in zip(idx, rows, strict=True)
                }
                self._apply_classifier(adoc, by_sentence)
        for adoc in adocs:
            for m in adoc.mentions:
                m.event_type = self.taxonomy.event_type(m.sub_event_type or "Other")
                m.disorder_type = self.taxonomy.disorder_type(m.sub_event_type or "Other")
        return adocs

    def _rules(self, adoc: ArticleDoc) -> None:
        """Each mention's type, exclusion and 'separate' mark from its clause, by the rules."""
        doc: Doc | None = adoc.doc
        text = adoc.article.text
        for m in adoc.mentions:
            tok = doc[m.token] if doc is not None and m.token is not None else None
            if tok is not None:
                a, b = clause_bounds(tok)
                clause = text[a:b]
            else:
                clause = m.sentence_span.text
            m.excluded = (
                excluded_reason(tok, clause, m.sentence_span.text, self.lexicon) if tok is not None else None
            )
            m.separate = tok is not None and is_separate(tok)
            sub, score = sub_event_type(m, tok, clause, self.lexicon)
            m.sub_event_type, m.score = sub, score

    def _detect_missed(self, adoc: ArticleDoc, by_sentence: dict[int, dict[str, float]]) -> None:
        """A sentence with no trigger the lexicon knows, which the model reads as an event with
        confidence, gets a mention at its main verb ("Rebels announced they had merged ...")."""
        doc = adoc.doc
        covered = {m.sentence for m in adoc.mentions if not m.weak}
        reported = any(
            not m.weak and not m.excluded and m.trigger_class not in _STRATEGIC_CLASSES for m in adoc.mentions
        )
        for i, probs in by_sentence.items():
            if i in covered or doc is None:
                continue
            top = max(probs, key=lambda k: probs[k])
            if top == "none" or probs[top] < self.detect_threshold:
                continue
            sent = adoc.sentences[i]
            span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            m = Mention(
                trigger=Span(root.idx, root.idx + len(root.text), root.text),
                sentence=i,
                sentence_span=sent,
                trigger_class="model",
                token=root.i,
                sub_event_type=top,
                score=min(float(probs[top]), MODEL_MENTION_SCORE),
            )
            a, b = clause_bounds(root)
            m.excluded = excluded_reason(root, doc_text(doc)[a:b], sent.text, self.lexicon)
            m.separate = is_separate(root)
            # strategic developments are coded selectively (conventions §1.1, §2.6): one the
            # lexicon did not find, in a report of violence or a demonstration ("troops were
            # deployed to the town" after a riot), joins that event instead of starting its own
            m.weak = self.taxonomy.event_type(top) == "Strategic developments" and reported
            adoc.mentions.append(m)
        adoc.mentions.sort(key=lambda m: m.trigger.start)

    def candidate_sentences(self, adoc: ArticleDoc) -> list[int]:
        """The sentences the trained typer reads: those with a trigger, or with a lemma of the
        lexicon's candidate words. The rest are never encoded (the cheap first pass)."""
        chosen = {m.sentence for m in adoc.mentions}
        doc = adoc.doc
        if doc is not None:
            for i, sent in enumerate(adoc.sentences):
                if i in chosen:
                    continue
                toks = doc.char_span(sent.start, sent.end, alignment_mode="expand")
                if toks is not None and any(t.lemma_.lower() in self.lexicon.candidates for t in toks):
                    chosen.add(i)
        return sorted(chosen)

    def _apply_classifier(self, adoc: ArticleDoc, by_sentence: dict[int, dict[str, float]]) -> None:
        """Let the typer's reading of the candidate sentences type, set aside or add mentions,
        as the precedence allows."""
        if not by_sentence:
            return
        if self.detect_threshold < 1.0:
            self._detect_missed(adoc, by_sentence)
        for m in adoc.mentions:
            if m.sentence not in by_sentence:
                continue
            m.model_probs = by_sentence[m.sentence]
            sub, score, reason = combine_with_classifier(m, m.model_probs, self.precedence)
            m.sub_event_type, m.score = sub, score
            # the model's "no event" is applied once dates are known: a past event the report
            # recalls is no new event, but it is kept as background
            m.model_says_none = reason == NOT_AN_EVENT
            if reason != NOT_AN_EVENT:
                m.excluded = reason


@register_stage("type")
def make_typer(resources: Resources, config: dict[str, Any]) -> MentionTyper:
    """Rules plus the shipped classifier (``{"classifier": false}`` in the config: rules only;
    ``{"precedence": {"none": 0.8, ...}}`` sets the thresholds of :class:`Precedence`)."""
    use_model = config.get("classifier", True)
    return MentionTyper(
        lexicon=default_lexicon(),
        taxonomy=default_taxonomy(),
        classifier=shipped_classifier() if use_model else None,
        precedence=Precedence(**{k: float(v) for k, v in (config.get("precedence") or {}).items()}),
        detect_threshold=float(config.get("detect_threshold", 0.5)),
    )
