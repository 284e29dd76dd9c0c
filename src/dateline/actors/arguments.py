"""Who did what to whom: the arguments of one trigger word, read from the dependency parse.

:class:`ArgumentFinder` takes a trigger token ("killed", "attack", "dead") and returns the
heads of its agent phrases (the side that acted), its patient phrases (the side acted on: the
target, the victims) and its instruments (the bomb, the blast: things that do damage without
being a side). It knows:

- voice: "militants killed five" / "five were killed by militants";
- verbs whose subject suffers: "three soldiers died";
- explosions: "a bomb exploded" has a device, not a doer; "the bomber detonated his vest" has both;
- nominal triggers: "a coalition raid", "the killing of five", "an attack on the base", "clashes
  between the army and the RSF", "his death";
- light verbs and claims: "IS launched a series of attacks", "the group claimed responsibility
  for the bombing", "the explosion targeted a bakery";
- adjectives: "a man was shot dead by police", "nine people were dead";
- chained verbs: "gunmen stormed the hotel, killing 12" (the subject is inherited only when it
  can act: "the bombs exploded, killing three" has a device, not a doer);
- coordination: "Taliban gunmen and suicide bombers attacked ..." gives two agents.

Arguments are the words as written (a pronoun stays a pronoun); the ``actors`` stage resolves
pronouns and normalizes names. The word classes live in ``data/roles/arguments.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from dateline.events.lexicon import load_data_yaml

_SUBJ = ("nsubj", "csubj")
_CHAIN = ("conj", "advcl", "xcomp", "acl", "relcl", "pcomp")
_RECIPROCAL = frozenset(
    ["clash", "fight", "fighting", "battle", "skirmish", "firefight", "gunfight", "shootout", "exchange"]
)
_RELATIVE = frozenset(["which", "that", "who", "whom", "whose"])
_PERSONAL = frozenset(["they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "it"])
_TARGET_PREPS = frozenset(["on", "against", "at", "targeting", "upon"])
_REFLEXIVE = frozenset(["himself", "herself", "itself", "themselves", "oneself", "myself", "ourselves"])
_PARTICIPATION = frozenset(["involve", "participate", "implicate", "engage"])


@dataclass(frozen=True)
class RoleWords:
    """The word classes of ``data/roles/arguments.yaml``."""

    undergoer_verbs: frozenset[str]
    undergoer_adjectives: frozenset[str]
    explode_verbs: frozenset[str]
    victim_nouns: frozenset[str]
    undergoer_nouns: frozenset[str]
    light_verbs: frozenset[str]
    responsibility_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    aim_verbs: frozenset[str]
    instrument_nouns: frozenset[str]
    temporal_nouns: frozenset[str]
    agent_nouns: frozenset[str]

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> RoleWords:
        return cls(**{f: frozenset(w.lower() for w in data.get(f, [])) for f in cls.__dataclass_fields__})


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    return RoleWords.from_dict(load_data_yaml("roles", "arguments.yaml"))


@dataclass(frozen=True, slots=True)
class Arguments:
    """Heads of a trigger's agent, patient and instrument phrases, in text order per role."""

    agents: tuple[Token, ...] = ()
    patients: tuple[Token, ...] = ()
    instruments: tuple[Token, ...] = ()
    #: the agent is who claimed the act or is said to be behind it ("IS claimed the bombing")
    claimed: bool = False

    @property
    def agent(self) -> Token | None:
        return self.agents[0] if self.agents else None

    @property
    def patient(self) -> Token | None:
        return self.patients[0] if self.patients else None


@dataclass
class _Found:
    agents: list[Token] = field(default_factory=list)
    patients: list[Token] = field(default_factory=list)
    instruments: list[Token] = field(default_factory=list)
    claimed: bool = False

    def add(self, role: str, tok: Token | None) -> None:
        if tok is None:
            return
        into: list[Token] = getattr(self, role)
        if all(t.i != tok.i for t in (*self.agents, *self.patients, *self.instruments)):
            into.append(tok)


@dataclass
class ArgumentFinder:
    """Finds the arguments of a trigger token; ``is_country`` tells a country's name or demonym
    ("US", "Israeli") from a town's ("Manchester"), so that "a US strike" has a doer and "the
    Manchester bombing" a place."""

    words: RoleWords = field(default_factory=role_words)
    is_country: Callable[[str], bool] = lambda _w: False

    def __call__(self, tok: Token, skip: Iterable[int] = ()) -> Arguments:
        skip_set = frozenset(skip) | {tok.i}
        found = _Found()
        lemma = tok.lemma_.lower()
        adjectival = (
            tok.pos_ == "ADJ"
            or (tok.tag_ == "VBN" and tok.dep_ in ("acomp", "oprd", "amod"))
            or (tok.dep_ == "nsubj" and tok.head.lemma_ == "include")
        )
        if adjectival and (
            lemma in self.words.undergoer_adjectives or tok.lower_ in self.words.undergoer_adjectives
        ):
            self._adjectival(tok, skip_set, found)
        elif tok.pos_ in ("VERB", "AUX"):
            self._verbal(tok, skip_set, found)
        else:
            self._nominal(tok, skip_set, found)
        taken = skip_set | {t.i for t in (*found.agents, *found.patients, *found.instruments)}
        return Arguments(
            agents=tuple(self._expand(found.agents, taken)),
            patients=tuple(self._expand(found.patients, taken)),
            instruments=tuple(found.instruments),
            claimed=found.claimed and bool(found.agents),
        )

    # ------------------------------------------------------------------ word tests

    def temporal(self, tok: Token) -> bool:
        return tok.ent_type_ in ("DATE", "TIME") or tok.lemma_.lower() in self.words.temporal_nouns

    def instrument(self, tok: Token) -> bool:
        if tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl":
            return self.instrument(tok.head.head)  # "a blast which injured several people"
        return (
            tok.lower_ == "it"
            or tok.lemma_.lower() in self.words.instrument_nouns
            or tok.lower_ in (self.words.instrument_nouns)
        )

    def actor_like(self, tok: Token) -> bool:
        """Can this word name a side? An organization, people, a nation, a pronoun for people,
        an acronym, or a noun for people or forces ("militants", "the army")."""
        if self.temporal(tok):
            return False
        if tok.ent_type_ in ("ORG", "NORP", "PERSON"):
            return True
        if (tok.ent_type_ == "GPE" or tok.pos_ == "PROPN") and self.is_country(tok.text):
            return True
        if tok.lower_ in ("they", "he", "she", "we", "who", "whom"):
            return True
        if tok.text.isupper() and 2 <= len(tok.text) <= 6 and tok.is_alpha:
            return True  # "IS", "IRA", "ETA", "RSF"
        return tok.lemma_.lower() in self.words.agent_nouns or tok.lower_ in self.words.agent_nouns

    def _agent(self, found: _Found, tok: Token | None, direct: bool) -> None:
        """A candidate doer: kept when it can act (a direct subject unless it is a device, a time
        or an event; an inherited subject or a modifier only when it names people or a side)."""
        if tok is None or self.temporal(tok) or not _wordlike(tok) or _negated(tok):
            return
        if tok.lower_ in ("which", "that"):
            # a relative pronoun stands for its antecedent: "Hamas, which claimed ..." acts;
            # "a blast which injured ..." and "Spain, which ..." do not
            ante = tok.head.head if tok.head.dep_ == "relcl" else None
            if ante is not None and (
                ante.ent_type_ in ("ORG", "NORP") or _lemma(ante) in self.words.agent_nouns
            ):
                found.add("agents", tok)
            elif ante is not None and self.instrument(ante):
                found.add("instruments", tok)
            return
        if self.instrument(tok):
            found.add("instruments", tok)
            # "Russian artillery fire killed four", "killed by an Israeli missile": the side that
            # fired the weapon is named on it
            side = next((t for t in tok.subtree if t.i < tok.i and self._modifier_is_side(t)), None)
            if side is not None and tok.lower_ not in ("it", "which", "that"):
                found.add("agents", side)
        elif direct or self.actor_like(tok):
            found.add("agents", tok)

    def _claimant(self, found: _Found, tok: Token | None) -> None:
        """Who claimed an act or is said to be behind it; "it" here stands for a group."""
        if tok is None or _negated(tok) or self.temporal(tok) or not _wordlike(tok):
            return
        if tok.lower_ == "it" or not self.instrument(tok):
            found.add("agents", tok)
            found.claimed = True

    def _patient(self, found: _Found, tok: Token | None) -> None:
        if tok is None or self.temporal(tok) or tok.pos_ in ("VERB", "AUX", "ADV", "ADP"):
            return
        if not _wordlike(tok) or tok.lower_ in _REFLEXIVE or _negated(tok):
            return  # "the bomber blew himself up": himself is the doer, not a target
        found.add("patients", tok)

    # ------------------------------------------------------------------ verbs

    def _verbal(self, tok: Token, skip: frozenset[int], found: _Found) -> None:
        w = self.words
        lemma = tok.lemma_.lower()
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        children = [c for c in tok.children if c.i not in skip]
        # "opened fire on worshippers": the target hangs off another word of the trigger phrase
        children += [c for i in sorted(skip - {tok.i}) for c in tok.doc[i].children if c.dep_ == "prep"]
        subj = next((c for c in children if c.dep_ in _SUBJ), None) if not passive else None
        reciprocal = lemma in _RECIPROCAL
        if lemma in w.undergoer_verbs:
            self._patient(found, subj)  # "three soldiers died"
            self._agent_from_event_phrase(tok, found)  # "died in an IS attack"
            return
        if lemma in w.explode_verbs:
            if (
                subj is not None
                and self.actor_like(subj)
                and not self.instrument(subj)
                and subj.lower_ not in ("they", "it", "which", "that")
            ):
                found.add("agents", subj)  # "the bomber detonated his vest"
            elif subj is not None:
                found.add("instruments", subj)  # "a bomb exploded"
            for c in children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    # "detonated a car bomb" (the device) / "blew up a bridge" (the target)
                    if self.instrument(c):
                        found.add("instruments", c)
                    else:
                        self._patient(found, c)
            return
        self._agent(found, subj, direct=True)
        for c in children:
            if c.dep_ == "nsubjpass" or c.dep_ == "dobj":
                self._patient(found, c)
            elif c.dep_ == "agent":
                self._agent(found, _pobj(c), direct=True)
        if not found.patients and tok.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in children):
            # "130 more were mutilated, injured and ...": a coordinated verb shares a passive subject
            shared = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
            if shared is not None:
                self._patient(found, shared)
                passive = True
        for c in children:
            if (
                c.dep_ == "prep"
                and (c.lower_ in _TARGET_PREPS or (c.lower_ == "with" and reciprocal))
                and not found.patients
            ):
                self._patient(found, _pobj(c))
        if not found.patients:
            self._shared_object(tok, found)
        if not found.patients and tok.dep_ in ("acl", "appos") and tok.tag_ == "VBN":
            self._patient(found, tok.head)  # "a leader killed in a strike"
        if not found.agents and not passive and subj is None:
            nearer = _clause_before_participle(tok)
            if nearer is not None and _lemma(nearer) in w.explode_verbs:
                # "a device that exploded on Friday, wounding 13": the device did the wounding
                inherited = next((c for c in nearer.children if c.dep_ in _SUBJ), None)
            else:
                inherited = _inherited_subject(tok) or _owner_of_intention(tok)
            if inherited is not None and inherited.lower_ in ("which", "that"):
                if self.instrument(inherited):
                    found.add("instruments", inherited)
            else:
                self._agent(found, inherited, direct=False)
        if not found.agents:
            self._agent_from_event_phrase(tok, found)

    def _shared_object(self, tok: Token, found: _Found) -> None:
        """ "shot and killed the commander": coordinated verbs share their object."""
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in _SUBJ for g in c.children):
                self._patient(found, next((g for g in c.children if g.dep_ == "dobj"), None))
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            self._patient(
                found, next((g for g in tok.head.children if g.dep_ == "dobj" and g.i > tok.i), None)
            )

    def _agent_from_event_phrase(self, tok: Token, found: _Found) -> None:
        """ "killed in IS attacks", "died in an Israeli strike": the doer of the attack named in
        the verb's "in"/"during"/"by" phrase is the killer."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "after", "amid"):
                obj = _pobj(c)
                if (
                    obj is not None
                    and _is_acronym(obj)
                    and any(_lemma(g) in self.words.instrument_nouns for g in obj.children)
                ):
                    found.add("agents", obj)  # "killed in IS attacks", parsed as the verb "is"
                elif obj is not None and _lemma(obj) in self.words.instrument_nouns:
                    if any(g.dep_ == "prep" and g.lower_ == "between" for g in obj.children):
                        continue  # "in a battle between troops and rebels": either side may have
                    inner = _Found()
                    self._nominal_modifiers(obj, frozenset({obj.i}), inner)
                    for a in inner.agents:
                        found.add("agents", a)

    # ------------------------------------------------------------------ adjectives

    def _adjectival(self, tok: Token, skip: frozenset[int], found: _Found) -> None:
        head = tok.head
        if tok.dep_ == "amod":
            self._patient(found, head)  # "the dead soldiers"
        elif tok.dep_ in ("acomp", "attr") and head.lemma_ in ("be", "remain", "lie"):
            self._patient(
                found, next((c for c in head.children if c.dep_ in _SUBJ), None)
            )  # "nine were dead"
        elif tok.dep_ in ("oprd", "xcomp", "ccomp", "advmod", "acomp") and head.pos_ == "VERB":
            # "a man was shot dead by police", "gunmen shot him dead", "found dead"
            inner = _Found()
            self._verbal(head, skip | {head.i}, inner)
            for a in inner.agents:
                found.add("agents", a)
            for p in inner.patients:
                self._patient(found, p)
            if not found.patients and head.dep_ in ("acl", "appos", "relcl"):
                self._patient(found, head.head)  # "Chekatt, shot dead by police"
        elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "include":
            self._patient(found, next((c for c in head.children if c.dep_ in ("dobj", "attr")), None))

    # ------------------------------------------------------------------ nouns

    def _nominal(self, tok: Token, skip: frozenset[int], found: _Found) -> None:
        self._nominal_modifiers(tok, skip, found)
        w = self.words
        lemma = _lemma(tok)
        if not found.patients:
            # "the slaughter and maiming of men, women and children": coordinated nouns share "of"
            for sib in tok.conjuncts:
                of = next((c for c in sib.children if c.dep_ == "prep" and c.lower_ in ("of", "on")), None)
                if of is not None and sib.i not in skip:
                    self._patient(found, _pobj(of))
                    break
        # climb out of "a series of attacks" to the phrase the verb governs
        h = tok
        while h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in w.collective_nouns:
            h = h.head.head
        verb = h.head
        vlemma = verb.lemma_.lower()
        if h.dep_ in ("dobj", "nsubjpass") and vlemma in w.light_verbs:
            # "IS launched attacks", "the bombing was carried out by ETA"
            inner = _Found()
            self._verbal(verb, frozenset({verb.i, h.i}), inner)
            if not found.agents:
                for a in inner.agents:
                    found.add("agents", a)
                found.claimed = vlemma == "claim"
            if not found.patients:
                for p in inner.patients:
                    if p.i != h.i:
                        self._patient(found, p)
        elif (
            h.dep_ == "pobj"
            and h.head.lower_ == "for"
            and h.head.head.lemma_.lower() in ("responsibility", "credit")
        ):
            claim = h.head.head.head  # "X claimed responsibility for the bombing"
            if claim.lemma_.lower() in w.responsibility_verbs and not found.agents:
                subj = next((c for c in claim.children if c.dep_ in _SUBJ), None)
                self._claimant(found, subj or _inherited_subject(claim))
        elif (
            h.dep_ == "pobj" and h.head.lower_ == "behind" and h.head.head.lemma_ == "be" and not found.agents
        ):
            # "Al Shabaab said it was behind the attack"
            self._claimant(found, next((c for c in h.head.head.children if c.dep_ in _SUBJ), None))
        elif h.dep_ == "pobj" and h.head.lower_ == "in" and _lemma(h.head.head) in _PARTICIPATION:
            # "those responsible are involved in the assassination attempt"
            part = h.head.head
            self._agent(
                found, next((c for c in part.children if c.dep_ in (*_SUBJ, "nsubjpass")), None), direct=True
            )
        elif (
            h.dep_ == "dobj"
            and vlemma in ("suffer", "sustain", "receive", "incur")
            and lemma in w.undergoer_nouns
        ):
            # "13 people had suffered minor injuries"
            self._patient(found, next((c for c in verb.children if c.dep_ in _SUBJ), None))
        elif h.dep_ == "compound" and _lemma(h.head) == "toll" and not found.patients:
            # "a death toll of 11"
            of = next((c for c in h.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            self._patient(found, _pobj(of) if of is not None else None)
        elif h.dep_ == "nsubj" and (vlemma in w.aim_verbs or vlemma in ("kill", "wound", "injure", "claim")):
            if not found.patients:  # "the explosion targeted a bakery"
                self._patient(found, next((c for c in verb.children if c.dep_ == "dobj"), None))
        elif h.dep_ == "nsubj" and vlemma == "include" and lemma in w.undergoer_adjectives:
            # "the wounded included two employees"
            self._patient(found, next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None))

    def _nominal_modifiers(self, tok: Token, skip: frozenset[int], found: _Found) -> None:
        w = self.words
        lemma = tok.lemma_.lower()
        reciprocal = lemma in _RECIPROCAL
        victim_noun = lemma in w.victim_nouns or lemma in w.undergoer_nouns
        for c in tok.children:
            if c.i in skip:
                continue
            if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i:
                if self._modifier_is_side(c):
                    if lemma in w.undergoer_nouns:
                        self._patient(found, c)  # "civilian deaths"
                    elif not found.agents:
                        found.add("agents", c)  # "a coalition raid", "IS attacks"
            elif c.dep_ == "poss" and not self.temporal(c):
                if victim_noun:
                    self._patient(found, c)  # "his death", "Numan's killing"
                elif self._modifier_is_side(c):
                    found.add("agents", c)  # "the IRA's bombing"
            elif c.dep_ == "prep":
                word = c.lower_
                if word == "by":
                    self._agent(found, _pobj(c), direct=True)
                elif word in _TARGET_PREPS or word == "of" or (word == "with" and reciprocal):
                    if not found.patients:
                        self._patient(found, _pobj(c))
                elif word == "between":
                    pobj = _pobj(c)
                    if pobj is not None:
                        found.add("agents", pobj)
                        self._patient(found, next((g for g in pobj.children if g.dep_ == "conj"), None))
            elif c.dep_ in ("acl", "relcl"):
                self._clause_on_noun(c, found)
        if not found.agents:
            # "IS attacks": an acronym the parser did not attach to the noun
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if (
                prev is not None
                and prev.i not in skip
                and prev.text.isupper()
                and 2 <= len(prev.text) <= 5
                and prev.is_alpha
                and prev.pos_ in ("AUX", "PROPN", "NOUN", "VERB")
            ):
                found.add("agents", prev)

    def _modifier_is_side(self, c: Token) -> bool:
        if c.ent_type_ == "GPE" or (c.pos_ == "PROPN" and c.ent_type_ in ("LOC", "FAC", "")):
            return self.is_country(c.text) or c.ent_type_ == "ORG"  # "US strike", not "Manchester bombing"
        if c.pos_ == "ADJ" and c.ent_type_ != "NORP":
            return c.lemma_.lower() in self.words.agent_nouns  # "militant attack", not "ghastly attacks"
        return self.actor_like(c) and not self.instrument(c)

    def _clause_on_noun(self, clause: Token, found: _Found, depth: int = 0) -> None:
        """ "attacks carried out by people ...", "bombings targeted at the military", "bombings,
        which seemed to be aimed at civilians"."""
        lemma = clause.lemma_.lower()
        for c in clause.children:
            if c.dep_ == "agent" and lemma in self.words.light_verbs:
                self._agent(found, _pobj(c), direct=True)
            elif lemma in self.words.aim_verbs and not found.patients:
                if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                    self._patient(found, c if c.dep_ == "dobj" else _pobj(c))
            elif c.dep_ in ("xcomp", "ccomp") and depth < 2:
                self._clause_on_noun(c, found, depth + 1)

    # ------------------------------------------------------------------ coordination

    def _expand(self, heads: list[Token], taken: frozenset[int]) -> list[Token]:
        """Each head with the words coordinated with it ("gunmen and suicide bombers"), except
        words that already fill a role ("between the army and the RSF")."""
        out = list(heads)
        seen = set(taken)
        for h in heads:
            # "a teacher, two nurses and a driver" is often parsed as an apposition with a conjunct
            listed = [c for c in h.children if c.dep_ == "appos" and any(g.dep_ == "cc" for g in c.children)]
            for t in (*h.conjuncts, *listed, *(x for c in listed for x in c.conjuncts)):
                if t.i in seen or t.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or self.temporal(t):
                    continue
                if abs(t.i - h.i) > 12 or t.sent.start != h.sent.start or self.instrument(t):
                    continue  # a misparse joins "attacks on security forces and assassinations"
                if t.ent_type_ == "GPE" and h.ent_type_ != "GPE":
                    continue
                if self.actor_like(h) != self.actor_like(t) and h.pos_ != "NUM" and t.pos_ != "NUM":
                    continue
                seen.add(t.i)
                out.append(t)
        return sorted(out, key=lambda t: t.i)


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _wordlike(tok: Token) -> bool:
    return any(ch.isalnum() for ch in tok.text)


def _negated(tok: Token) -> bool:
    """ "no group has claimed ...": a side that is said not to exist."""
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in tok.children)


def _is_acronym(tok: Token) -> bool:
    return tok.text.isupper() and tok.is_alpha and 2 <= len(tok.text) <= 6


def _owner_of_intention(tok: Token) -> Token | None:
    """ "the IRA's decision to carry out the attacks": the owner of the decision or plan."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
        return next((c for c in tok.head.children if c.dep_ == "poss"), None)
    return None


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _clause_before_participle(tok: Token) -> Token | None:
    """ "Police hunt a man who left a device that exploded on Friday, wounding 13": the parser
    hangs the participle on the main verb ("hunt"), though it may tell what the clause just
    before it did. The verb of a relative or other embedded clause that ends right before the
    participle's comma, when the participle hangs on a verb further left."""
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.head.i >= tok.i:
        return None
    for v in reversed(tok.doc[tok.head.i + 1 : tok.i]):
        if v.pos_ == "VERB" and v.dep_ in ("relcl", "acl", "ccomp", "conj") and v.right_edge.i >= tok.i - 2:
            return v
    return None


def _inherited_subject(tok: Token) -> Token | None:
    """The subject of a verb chained to this one ("forces raided the house, shooting him dead")."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in _CHAIN or cur.head.i == cur.i:
            return None
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return None  # "a leader killed in a strike": the noun is acted on, not acting
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in _SUBJ), None)
        if subj is not None:
            return subj
    return None
