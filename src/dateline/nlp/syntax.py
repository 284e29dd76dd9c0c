"""Syntax helpers shared by the stages: the clause around a trigger, and which words (dates, places,
figures) attach to it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.model import Mention

SPEECH_VERBS = frozenset(
    [
        "say",
        "report",
        "confirm",
        "state",
        "tell",
        "add",
        "reveal",
        "detail",
        "explain",
        "clarify",
        "announce",
        "claim",
        "deny",
        "allege",
        "accuse",
        "cite",
        "quote",
        "describe",
        "identify",
        "indicate",
        "note",
        "insist",
        "write",
        "tweet",
        "post",
        "publish",
        "acknowledge",
        "admit",
        "broadcast",
        "show",
        "affirm",
        "assert",
        "stress",
        "reiterate",
        "recount",
        "recall",
        "testify",
        "inform",
        "warn",
        "declare",
        "dismiss",
        "reject",
        "refute",
        "comment",
        "respond",
        "release",
        "issue",
    ]
)


_TRAILING_PUNCT = frozenset({",", ";", ":", ".", "-", "–", "—"})


def phrase_bounds(tok: Token, stop_deps: frozenset[str]) -> tuple[int, int]:
    """Character bounds of the phrase headed by ``tok``: its left dependents, and its right
    dependents up to the first one whose relation is in ``stop_deps`` (a relative clause, an
    apposition, a comma)."""
    left = min(t.i for t in tok.subtree if not (t.dep_ in ("relcl", "acl") and t.i > tok.i))
    right = tok.i
    for t in tok.rights:
        if t.dep_ in stop_deps:
            break
        right = max(right, t.right_edge.i)
    doc = tok.doc
    while left < tok.i and (doc[left].is_space or doc[left].is_punct):
        left += 1  # a blanked dateline or an opening quote is not part of the phrase
    while right > tok.i and (doc[right].is_space or doc[right].text in _TRAILING_PUNCT):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def clause_head(tok: Token) -> Token:
    """The verb governing a trigger (the trigger itself when it is a verb)."""
    head = tok
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else tok


_FUTURE_AUX = frozenset({"would", "will", "'ll", "shall"})

#: Distance given to words in the same sentence that hang off another clause (not a reporting verb).
OTHER_CLAUSE = 100


#: Prepositions that set another happening beside the clause's: words under them ("came after
#: years of debate in Washington") tell about that happening, not the trigger's.
_OTHER_HAPPENING_PREPS = frozenset({"after", "before", "following", "amid", "despite"})


def attachment_distance(doc: Doc, trigger: Token, start: int, end: int) -> int | None:
    """Steps from the words at ``[start, end)`` up to the trigger's clause; ``OTHER_CLAUSE`` or more
    when they hang off another clause of the sentence; None when they belong to a reporting verb
    ("said on Thursday", "told AFP in Kabul") or to another happening the clause is set beside
    ("came after talks in Geneva")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    goals = {trigger.i, clause_head(trigger).i}
    cur = tok
    for steps in range(12):
        if cur.i in goals:
            return steps
        if cur.i != tok.i and cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in SPEECH_VERBS:
            return None
        beside = cur.dep_ == "prep" and cur.lower_ in _OTHER_HAPPENING_PREPS
        if cur.i != tok.i and beside and cur.head.i in goals:
            return None
        if (
            cur.i != tok.i
            and cur.i not in goals
            and cur.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in cur.children)
        ):
            return None  # "arrested ... and would be charged on Wednesday": another, future clause
        if cur.head.i == cur.i:
            return OTHER_CLAUSE + abs(tok.i - trigger.i)
        cur = cur.head
    return OTHER_CLAUSE + abs(tok.i - trigger.i)


def own_distance(doc: Doc, mention: Mention, rivals: list[Mention], start: int, end: int) -> int | None:
    """Distance of the words at ``[start, end)`` to ``mention`` if they are its own.

    Words attached to the mention's clause are its own. Words that hang off another clause of
    the sentence go to the rival mention nearest to them, so "killed nine soldiers in Borno,
    while in a separate attack gunmen abducted villagers" leaves Borno to the killing.
    """
    assert mention.token is not None
    dist = attachment_distance(doc, doc[mention.token], start, end)
    if dist is None or dist < OTHER_CLAUSE:
        return dist
    best_key: tuple[int, int] | None = None
    best: Mention | None = None
    for r in [mention, *rivals]:
        if r.token is None:
            continue
        d = attachment_distance(doc, doc[r.token], start, end)
        key = (d if d is not None else 10 * OTHER_CLAUSE, abs(r.trigger.start - start))
        if best_key is None or key < best_key:
            best_key, best = key, r
    return dist if best is mention else None


def clause_bounds(tok: Token) -> tuple[int, int]:
    """Character bounds of the clause around a trigger: the subtree of its nearest verb
    (:func:`clause_head`)."""
    sub = list(clause_head(tok).subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


_OTHER_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "conj", "relcl", "parataxis", "csubj"})


def own_clause_text(tok: Token) -> str:
    """The words of the trigger's own clause, without the other clauses hanging off it:
    in "crowds set fire to a bus after a student died in a road accident" the accident is
    the cause of the riot, not a description of it."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    # a clause with no subject of its own ("floods swept the valley, killing 12") is read with
    # the clause it hangs from, where its cause is
    while (
        head.dep_ in ("advcl", "conj", "xcomp", "acl")
        and head.head.i != head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)
    ):
        head = head.head
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in _OTHER_CLAUSE_DEPS and not (c.left_edge.i <= tok.i <= c.right_edge.i):
            skip.update(range(c.left_edge.i, c.right_edge.i + 1))
    return " ".join(t.text for t in head.subtree if t.i not in skip)
