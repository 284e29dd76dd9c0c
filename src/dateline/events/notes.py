"""Write ACLED-style notes for an event from its fields (never copied from the article)."""

from __future__ import annotations

from datetime import date

from dateline.model import Event

_VERBS: dict[str, str] = {
    "Armed clash": "clashed with",
    "Attack": "attacked",
    "Air/drone strike": "carried out an air/drone strike on",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Sexual violence": "committed sexual violence against",
    "Abduction/forced disappearance": "abducted",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took control of territory from",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested and were dispersed by",
    "Excessive force against protesters": "were met with lethal force by",
    "Violent demonstration": "rioted against",
    "Mob violence": "attacked",
    "Arrests": "arrested",
    "Agreement": "reached an agreement with",
    "Looting/property destruction": "looted or destroyed property of",
    "Disrupted weapons use": "disrupted weapons use by",
    "Headquarters or base established": "established a base",
    "Non-violent transfer of territory": "transferred territory to",
    "Change to group/activity": "changed its activity",
    "Other": "was involved in an incident with",
}


def _when(ev: Event) -> str:
    if not ev.event_date:
        return "On an unknown date"
    d = date.fromisoformat(ev.event_date)
    end = date.fromisoformat(ev.date_end) if ev.date_end else d
    if (end - d).days > 31:
        return f"In {d.year}" if d.year == end.year else f"Between {d.year} and {end.year}"
    if ev.time_precision == 3:
        return f"In {d:%B %Y}"
    if ev.time_precision == 2:
        return f"Around {d.day} {d:%B %Y}"
    return f"On {d.day} {d:%B %Y}"


def _where(ev: Event) -> str:
    parts: list[str] = []
    for p in (ev.location, ev.admin1, ev.country):
        if p and p not in parts:
            parts.append(p)
    if not parts:
        return ""
    head, *rest = parts
    return f" in {head}" + (f" ({', '.join(rest)})" if rest else "")


def write_notes(ev: Event) -> str:
    """One or two plain sentences in ACLED's manner: when, who, what, where, then the toll."""
    sub = ev.sub_event_type or "Other"
    actor1 = ev.actor1 or "an unidentified actor"
    verb = _VERBS.get(sub, "was involved in an incident with")
    target = f" {ev.actor2}" if ev.actor2 and not verb.endswith("base") else ""
    if sub == "Peaceful protest":
        first = f"{_when(ev)}, {actor1} held a protest{_where(ev)}."
    elif not target and verb.endswith((" with", " on", " against", " by", " of", " at", " to", " from")):
        first = f"{_when(ev)}, {actor1} {verb.rsplit(' ', 1)[0]}{_where(ev)}."
    else:
        first = f"{_when(ev)}, {actor1} {verb}{target}{_where(ev)}."
    tolls: list[str] = []
    if ev.fatalities:
        tolls.append(f"{ev.fatalities} killed")
    if ev.injuries:
        tolls.append(f"{ev.injuries} injured")
    if ev.arrests:
        tolls.append(
            f"{'at least ' if ev.arrests_low and ev.arrests_low == ev.arrests else ''}{ev.arrests} arrested"
        )
    people = [p for p in ev.people if p.get("name")]
    second = ""
    if tolls:
        second = " " + "; ".join(tolls).capitalize() + "."
    if people:
        named = ", ".join(f"{p['name']} ({p['role']})" for p in people[:3])
        second += f" Named: {named}."
    if ev.is_background:
        second += " Mentioned as background in a later report."
    return first + second
