"""Corroboration: how well an event's claims support it, with the reasons spelled out."""

from __future__ import annotations

from dateline.model import Claim, Event

#: Speaker types whose statements are independent of each other.
_INDEPENDENT = ("state_media", "official", "anonymous", "witness", "ngo_un", "media", "perpetrator", "other")


def _is_perpetrator(claim: Claim, ev: Event) -> bool:
    return bool(ev.actor1) and claim.actor == ev.actor1


def assess(ev: Event) -> None:
    """Set ``corroboration``, ``perpetrator_stance`` and ``corroboration_reasons`` on an event.

    Levels: ``confirmed_by_perpetrator``; ``contested`` (some deny, some assert);
    ``denied`` (only denials); ``multiple_sources`` (two or more independent speaker groups
    assert it); ``single_source``; ``unattributed`` (only the outlet's own reporting).
    """
    reasons: list[str] = []
    perp = [c for c in ev.claims if _is_perpetrator(c, ev)]
    stance = "not_reported"
    for c in perp:
        if c.stance == "asserts":
            c.speaker_type = "perpetrator"
            stance = "confirmed"
            break
        stance = c.stance if c.stance in ("denies", "no_comment") else stance
    ev.perpetrator_stance = {"denies": "denied"}.get(stance, stance)
    asserting = [c for c in ev.claims if c.stance == "asserts"]
    denying = [c for c in ev.claims if c.stance == "denies"]
    groups = sorted({c.speaker_type for c in asserting})
    if ev.perpetrator_stance == "confirmed":
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
    if ev.actor1 and ev.perpetrator_stance == "no_comment":
        quote = next((c.span.text for c in perp if c.stance == "no_comment"), "")
        reasons.append(
            f"not confirmed by the perpetrator ({ev.actor1}), which has made no statement: {quote!r}"
        )
    elif (
        ev.actor1
        and ev.perpetrator_stance == "not_reported"
        and ev.sub_event_type not in ("Peaceful protest", "Protest with intervention")
    ):
        reasons.append(f"no statement from the perpetrator ({ev.actor1}) reported")
    elif ev.perpetrator_stance == "denied":
        reasons.append(f"the perpetrator ({ev.actor1}) denies it")
    ev.corroboration = level
    ev.corroboration_reasons = reasons
