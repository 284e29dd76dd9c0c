"""``dateline eval actors FILE``: attacker / target / victim extraction against WikiEvents.

WikiEvents (Li, Ji & Han 2021) marks event triggers and their arguments on tokenised news. For
every gold Conflict.Attack, Life.Die and Life.Injure event, the dateline mention whose trigger
overlaps the gold trigger is compared with the gold arguments:

- ``attacker``: the gold Attacker or Killer arguments against the mention's agent phrase (the
  words actor1 was read from; the actor1 span when no phrase was kept);
- ``target``: the gold Target or Victim arguments against the mention's patient phrase (or
  the actor2 span).

A predicted span is correct when it contains the head word a gold argument marks. Precision
counts predicted spans on matched triggers; recall counts gold arguments. Triggers we miss
count against recall.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.ingest.text import parse_plain_text
from dateline.model import Mention, Span
from dateline.pipeline import Pipeline

log = logging.getLogger(__name__)

EVENT_PREFIXES = ("Conflict.Attack", "Life.Die", "Life.Injure")
ROLE_OF: dict[str, str] = {
    "Attacker": "attacker",
    "Killer": "attacker",
    "Target": "target",
    "Victim": "target",
}


@dataclass
class RoleScore:
    predicted: int = 0
    correct_predicted: int = 0
    gold: int = 0
    found_gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ActorReport:
    roles: dict[str, RoleScore] = field(
        default_factory=lambda: {"attacker": RoleScore(), "target": RoleScore()}
    )
    gold_triggers: int = 0
    matched_triggers: int = 0

    def overall(self) -> RoleScore:
        total = RoleScore()
        for s in self.roles.values():
            total.predicted += s.predicted
            total.correct_predicted += s.correct_predicted
            total.gold += s.gold
            total.found_gold += s.found_gold
        return total


def document_text(doc: dict[str, Any]) -> tuple[str, list[tuple[int, int]]]:
    """The document as text with every token at its character offset (gaps as spaces, a line
    break between sentences), and each token's (start, end) in document token order."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    pos = 0
    for tokens, _ in doc["sentences"]:
        for word, start, end in tokens:
            if start > pos:
                pieces.append(" " * (start - pos))
            elif start < pos:  # overlapping offsets: keep going from where we are
                start = pos
            pieces.append(word)
            end = start + len(word)
            spans.append((start, end))
            pos = end
        pieces.append("\n")
        pos += 1
    return "".join(pieces), spans


def score_document(pipeline: Pipeline, doc: dict[str, Any], report: ActorReport) -> None:
    text, tok_spans = document_text(doc)
    adoc = pipeline.run(parse_plain_text(text, doc["doc_id"]))
    mentions = [m for m in adoc.mentions if not m.excluded]
    entities = {e["id"]: e for e in doc["entity_mentions"]}
    for ev in doc["event_mentions"]:
        if not ev["event_type"].startswith(EVENT_PREFIXES):
            continue
        report.gold_triggers += 1
        trig = ev["trigger"]
        # token offsets count tokens in the whole document
        g_start, g_end = tok_spans[trig["start"]][0], tok_spans[trig["end"] - 1][1]
        gold: dict[str, list[tuple[int, int]]] = {"attacker": [], "target": []}
        for arg in ev["arguments"]:
            role = ROLE_OF.get(arg["role"])
            ent = entities.get(arg["entity_id"])
            if role is None or ent is None:
                continue
            gold[role].append((tok_spans[ent["start"]][0], tok_spans[ent["end"] - 1][1]))
        m = _overlapping(mentions, g_start, g_end)
        for role, spans in gold.items():
            report.roles[role].gold += len(spans)
        if m is None:
            continue
        report.matched_triggers += 1
        for role, pred in (
            ("attacker", m.agent_span or m.actor1_span),
            ("target", m.patient_span or m.actor2_span),
        ):
            _score_role(report.roles[role], pred, gold[role])


def _score_role(score: RoleScore, pred: Span | None, gold: list[tuple[int, int]]) -> None:
    hits = [g for g in gold if pred is not None and pred.start <= g[0] and g[1] <= pred.end]
    if pred is not None:
        score.predicted += 1
        score.correct_predicted += 1 if hits else 0
    score.found_gold += len(hits)


def _overlapping(mentions: list[Mention], start: int, end: int) -> Mention | None:
    for m in mentions:
        if m.trigger.start < end and start < m.trigger.end:
            return m
    return None


def evaluate_file(pipeline: Pipeline, path: Path) -> ActorReport:
    report = ActorReport()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                score_document(pipeline, json.loads(line), report)
    return report


def format_actor_report(report: ActorReport) -> str:
    lines = [
        f"gold attack/die/injure events: {report.gold_triggers}, triggers found: {report.matched_triggers}"
    ]
    lines.append(f"{'role':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'pred':>5} {'gold':>5}")
    for name, s in [*report.roles.items(), ("all", report.overall())]:
        lines.append(
            f"{name:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.predicted:5d} {s.gold:5d}"
        )
    return "\n".join(lines)
