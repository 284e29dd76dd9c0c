"""Write ACLED-style notes for an event from its fields (never copied from the article).

One sentence says when, who, what to whom and where ("On 20 August 2025, US-led Coalition Forces
clashed with Islamic State in Atme (Idlib, Syria)."); a second gives the toll and the named
people. Every word comes from the record's fields and the templates below, so no sentence of the
report can be repeated.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateline.model import Event

#: sub-event type -> (verb before an actor2, phrase when there is no actor2)
_VERBS: dict[str, tuple[str, str]] = {
    "Armed clash": ("clashed with", "clashed"),
    "Attack": ("attacked", "carried out an attack"),
    "Air/drone strike": ("carried out an air/drone strike on", "carried out an air/drone strike"),
    "Shelling/artillery/missile attack": ("shelled", "carried out shelling or missile fire"),
    "Remote explosive/landmine/IED": (
        "detonated an explosive device against",
        "detonated an explosive device",
    ),
    "Suicide bomb": ("carried out a suicide bombing against", "carried out a suicide bombing"),
    "Grenade": ("threw a grenade at", "threw a grenade"),
    "Chemical weapon": ("used a chemical weapon against", "used a chemical weapon"),
    "Sexual violence": ("committed sexual violence against", "committed sexual violence"),
    "Abduction/forced disappearance": ("abducted", "abducted people"),
    "Government regains territory": ("regained territory from", "regained territory"),
    "Non-state actor overtakes territory": ("took control of territory from", "took control of territory"),
    "Peaceful protest": ("held a protest against", "held a protest"),
    "Protest with intervention": ("protested and were dispersed by", "protested and were dispersed"),
    "Excessive force against protesters": ("were met with lethal force by", "were met with lethal force"),
    "Violent demonstration": ("rioted against", "rioted"),
    "Mob violence": ("attacked", "carried out mob violence"),
    "Arrests": ("arrested", "arrested people"),
    "Agreement": ("reached an agreement with", "reached an agreement"),
    "Looting/property destruction": ("looted or destroyed property of", "looted or destroyed property"),
    "Disrupted weapons use": ("disrupted weapons use by", "disrupted weapons use"),
    "Headquarters or base established": ("established a base", "established a base"),
    "Non-violent transfer of territory": ("transferred territory to", "transferred territory"),
    "Change to group/activity": ("changed its activity", "changed its activity"),
    "Other": ("was involved in an incident with", "was involved in an incident"),
}
_SIDES = {
    "state_forces": "state forces",
    "armed_group": "armed group members",
    "civilians": "civilians",
    "protesters": "protesters",
}
_DONE = {"fatalities": "killed", "injuries": "injured", "arrests": "arrested", "abductions": "abducted"}


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _between(d: date, end: date) -> str:
    if d.year != end.year:
        return f"Between {_day(d)} and {_day(end)}"
    if d.month != end.month:
        return f"Between {d.day} {d:%B} and {_day(end)}"
    return f"Between {d.day} and {_day(end)}"


def _month_end(d: date) -> bool:
    return (d + timedelta(days=1)).day == 1


def _when(ev: Event) -> str:
    """ "On 20 August 2025", "Between 18 and 20 August 2025", "In June 2025", "In 2020"; an undated
    event says it was dated by the report."""
    if not ev.event_date:
        return "On an unknown date"
    d = date.fromisoformat(ev.event_date)
    end = date.fromisoformat(ev.date_end) if ev.date_end else d
    if ev.date_flag and "publication date" in ev.date_flag:
        return f"On or shortly before {_day(d)} (the date of the report)"
    whole_years = (d.month, d.day) == (1, 1) and ((end.month, end.day) == (12, 31) or d.year == end.year)
    if whole_years and (end - d).days > 31:  # "in 2020", "this year" so far, "from 2014 to 2016"
        return f"In {d.year}" if d.year == end.year else f"Between {d.year} and {end.year}"
    if d.day == 1 and _month_end(end) and (d.year, d.month) != (end.year, end.month):
        first = f"{d:%B}" if d.year == end.year else f"{d:%B %Y}"
        return f"Between {first} and {end:%B %Y}"
    if d.day == 1 and _month_end(end) or (ev.time_precision == 3 and end == d):
        return f"In {d:%B %Y}"
    if end != d:
        return _between(d, end)
    if ev.time_precision == 2:
        return f"In the week of {_day(d)}"
    return f"On {_day(d)}"


def _where(ev: Event) -> str:
    parts: list[str] = []
    for p in (ev.location, ev.admin1, ev.country):
        if p and p not in parts:
            parts.append(p)
    if not parts:
        return ""
    head, *rest = parts
    return f" in {head}" + (f" ({', '.join(rest)})" if rest else "")


def _figure(kind: str, c: dict[str, Any] | None, best: int | None, low: int | None) -> str | None:
    """ "at least 58 arrested", "between 10 and 15 killed (10 civilians)", "4 civilians killed"."""
    if c is None:
        if not best:
            return None
        c = {"low": low, "best": best, "high": None if low == best else best, "by_side": {}}
    best = c.get("best")
    if not best:
        return None
    low, high = c.get("low"), c.get("high")
    sides = {s: n for s, n in (c.get("by_side") or {}).items() if n}
    if high is not None and high > best:
        amount = f"between {best} and {high}"
    elif high is None and low is not None and low == best:
        amount = f"at least {best}"
    else:
        amount = str(best)
    done = _DONE[kind]
    if len(sides) == 1 and next(iter(sides.values())) == best:
        return f"{amount} {_SIDES.get(next(iter(sides)), 'people')} {done}"
    if len(sides) > 1:
        parts = ", ".join(f"{n} {_SIDES.get(s, s)}" for s, n in sides.items())
        return f"{amount} {done} ({parts})"
    return f"{amount} {done}"


def write_notes(ev: Event) -> str:
    """One or two plain sentences in ACLED's manner: when, who, what, where, then the toll."""
    sub = ev.sub_event_type or "Other"
    actor1 = ev.actor1 or "an unidentified actor"
    verb, alone = _VERBS.get(sub, _VERBS["Other"])
    if ev.actor2 and verb != alone:
        first = f"{_when(ev)}, {actor1} {verb} {ev.actor2}{_where(ev)}."
    else:
        first = f"{_when(ev)}, {actor1} {alone}{_where(ev)}."
    counts = ev.counts or {}
    tolls = [
        t
        for t in (
            _figure("fatalities", counts.get("fatalities"), ev.fatalities, ev.fatalities_low),
            _figure("injuries", counts.get("injuries"), ev.injuries, None),
            _figure("arrests", counts.get("arrests"), ev.arrests, ev.arrests_low),
            _figure("abductions", counts.get("abductions"), ev.abductions, ev.abductions_low),
        )
        if t
    ]
    second = ""
    if tolls:
        text = "; ".join(tolls)
        second = " " + text[0].upper() + text[1:] + "."
    people = [p for p in ev.people if p.get("name")]
    if people:
        named = ", ".join(f"{p['name']} ({p['role']})" for p in people[:3])
        second += f" Named: {named}."
    if ev.is_background:
        second += " Mentioned as background in a later report."
    return first + second
