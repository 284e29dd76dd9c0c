"""Corroboration: how well an event's claims support it, with the reasons spelled out.

Levels, first that applies:

* ``confirmed_by_perpetrator``: the perpetrator (actor1, or for state forces any official of the
  same state: "the interior ministry said" for an arrest by the police) asserts it;
* ``contested``: some claims deny the event (or the speaker's part in it) and others assert it;
* ``denied``: only denials;
* ``multiple_sources``: two or more independent kinds of source assert it (two state outlets are
  one kind: they are not independent of each other);
* ``single_source``: one kind of source;
* ``unattributed``: no attributed statement, only the outlet's own reporting.

A denial of a detail ("the government denies targeting the opposition", "denied the charges")
does not contest the event: it is given as a reason, beside the level. A perpetrator that "has
not released any statements" or "declined to comment" has not confirmed the event, and the
record says so (``perpetrator_stance: no_comment`` and a reason quoting the sentence).
"""

from __future__ import annotations

import re

from dateline.model import Claim, Event

_STATE_ACTOR = re.compile(r"^(?:Military Forces|Police Forces|Government) of (?P<state>.+?)(?: \([^)]*\))?$")
_GOVERNMENT_SPEAKER = re.compile(
    r"\b(?:government|presidency|president|prime minister|cabinet|minister|ministry|authorities|junta)\b",
    re.IGNORECASE,
)
_PROTESTS = ("Peaceful protest", "Protest with intervention")


def _state(actor: str | None) -> str | None:
    m = _STATE_ACTOR.match(actor or "")
    return m.group("state") if m else None


def _is_perpetrator(claim: Claim, ev: Event) -> bool:
    """The claim speaks for actor1: the same actor, the same state's forces or government, or "the
    government" in a report whose perpetrator is the state's own forces."""
    if not ev.actor1:
        return False
    if claim.actor == ev.actor1:
        return True
    state = _state(ev.actor1)
    if state is None:
        return False
    if claim.actor is not None:
        return _state(claim.actor) == state
    official = claim.speaker_type == "official"
    return ev.inter1 == 1 and official and bool(_GOVERNMENT_SPEAKER.search(claim.speaker))


def _denies_event(claim: Claim) -> bool:
    return claim.stance == "denies" and claim.scope != "detail"


def assess(ev: Event) -> None:
    """Set ``corroboration``, ``perpetrator_stance`` and ``corroboration_reasons`` on an event.

    The event's own copies of its claims are updated: the perpetrator's claims are typed
    ``perpetrator``, and a claim that makes no statement ("declined to comment") supports no field.
    """
    reasons: list[str] = []
    perp = [c for c in ev.claims if _is_perpetrator(c, ev)]
    for c in perp:
        c.speaker_type = "perpetrator"
    for c in ev.claims:
        if c.stance == "no_comment":
            c.fields = []
    if any(c.stance == "asserts" for c in perp):
        stance = "confirmed"
    elif any(_denies_event(c) for c in perp):
        stance = "denied"
    elif any(c.stance == "no_comment" for c in perp):
        stance = "no_comment"
    else:
        stance = "not_reported"
    ev.perpetrator_stance = stance
    asserting = [c for c in ev.claims if c.stance == "asserts"]
    denying = [c for c in ev.claims if _denies_event(c)]
    details = [c for c in ev.claims if c.stance == "denies" and c.scope == "detail"]
    groups = sorted({c.speaker_type for c in asserting})
    if stance == "confirmed":
        level = "confirmed_by_perpetrator"
        reasons.append(f"the perpetrator ({ev.actor1}) confirmed it")
    elif denying and asserting:
        level = "contested"
        reasons.append("conflicting claims: " + "; ".join(f"{c.speaker} denies" for c in denying))
    elif denying:
        level = "denied"
        reasons.append("only denials: " + "; ".join(c.speaker for c in denying))
    elif len(groups) >= 2:
        level = "multiple_sources"
        reasons.append(f"{len(groups)} independent kinds of source: {', '.join(groups)}")
    elif len(groups) == 1:
        level = "single_source"
        reasons.append(f"one kind of source: {groups[0]}")
    else:
        level = "unattributed"
        reasons.append("no attributed statement; the outlet's own reporting")
    if ev.actor1 and stance == "no_comment":
        quote = next((c.span.text for c in perp if c.stance == "no_comment"), "")
        reasons.append(
            f"not confirmed by the perpetrator ({ev.actor1}), which has made no statement: {quote!r}"
        )
    elif ev.actor1 and stance == "not_reported" and ev.sub_event_type not in _PROTESTS:
        reasons.append(f"no statement from the perpetrator ({ev.actor1}) reported")
    elif stance == "denied":
        reasons.append(f"the perpetrator ({ev.actor1}) denies it")
    for c in details:
        reasons.append(f"{c.speaker} denies a detail, not the event: {c.denied!r}")
    ev.corroboration = level
    ev.corroboration_reasons = reasons
