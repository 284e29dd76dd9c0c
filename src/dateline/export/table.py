"""A readable terminal table of events (rich), for people rather than programs."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dateline.model import Event


def build_table(events: list[Event]) -> Table:
    n_bg = sum(1 for e in events if e.is_background)
    caption = f"{n_bg} background: past events the reports recall, not new ones" if n_bg else None
    table = Table(show_lines=True, title=f"{len(events)} event(s)", caption=caption)
    for col, kw in (
        ("article", {"max_width": 18}),
        ("date", {"no_wrap": True}),
        ("type", {"max_width": 26}),
        ("actors", {"max_width": 34}),
        ("place", {"max_width": 30}),
        ("fat.", {"justify": "right"}),
        ("sources", {"max_width": 34}),
    ):
        table.add_column(col, **kw)
    for e in events:
        date = f"{e.event_date or '?'} (p{e.time_precision or '?'})"
        date += "\nbackground" if e.is_background else ""
        etype = f"{e.event_type or '?'} / {e.sub_event_type or '?'}"
        actors = f"{e.actor1 or '?'} ({e.inter1 or '-'})"
        if e.actor2:
            actors += f"\nvs {e.actor2} ({e.inter2 or '-'})"
        if e.interaction:
            actors += f"\ninteraction {e.interaction}"
        place = ", ".join(p for p in (e.location, e.admin1, e.country) if p) or "?"
        place += f" (geo p{e.geo_precision})" if e.geo_precision else ""
        counts = str(e.fatalities)
        if e.injuries:
            counts += f"\n{e.injuries} inj."
        if e.arrests:
            counts += f"\n{e.arrests} arr."
        speakers = sorted({f"{c.speaker_type}" for c in e.claims})
        sources = f"{e.corroboration or '?'}; perpetrator: {e.perpetrator_stance or '?'}"
        if speakers:
            sources += "\n" + ", ".join(speakers)
        if e.source:
            sources += f"\nvia {e.source}"
        table.add_row(e.article_id, date, etype, actors, place, counts, sources)
    return table


def render_table(events: list[Event], width: int = 160) -> str:
    console = Console(width=width, record=True, file=_NullIO(), color_system=None)
    console.print(build_table(events))
    return console.export_text()


class _NullIO:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        return None
