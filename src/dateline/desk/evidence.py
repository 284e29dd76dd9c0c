"""An article's text cut into runs, each with the fields whose evidence covers it, so that a
template can mark every field's words (always escaped: the text is hostile input)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dateline.model import Span

__all__ = ["Run", "evidence_runs"]


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    fields: tuple[str, ...] = ()

    @property
    def data_fields(self) -> str:
        return " ".join(self.fields)


def evidence_runs(text: str, evidence: Mapping[str, Sequence[Span]]) -> list[Run]:
    """``text`` as consecutive runs; a run inside one or more fields' evidence names them.

    Spans outside the text, or whose words no longer match it (an article re-coded since),
    are left out rather than marking the wrong words."""
    cuts = {0, len(text)}
    spans: list[tuple[int, int, str]] = []
    for name, items in evidence.items():
        for s in items:
            start, end = int(s.start), int(s.end)
            if not (0 <= start < end <= len(text)):
                continue
            if s.text and text[start:end] != s.text:
                continue
            spans.append((start, end, name))
            cuts.update((start, end))
    edges = sorted(cuts)
    runs: list[Run] = []
    for a, b in zip(edges, edges[1:], strict=False):
        names = tuple(sorted({n for s, e, n in spans if s <= a and b <= e}))
        if runs and runs[-1].fields == names:
            runs[-1] = Run(runs[-1].text + text[a:b], names)
        else:
            runs.append(Run(text[a:b], names))
    return runs
