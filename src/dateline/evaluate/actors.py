"""``dateline eval actors FILE``: attacker / target / victim extraction against WikiEvents.

WikiEvents (Li, Ji & Han 2021) marks event triggers and their arguments on tokenised news. For
every gold Conflict.Attack, Life.Die and Life.Injure event, dateline's arguments are compared
with the gold ones:

- ``attacker``: the gold Attacker or Killer arguments against the agent phrases;
- ``target``: the gold Target or Victim arguments against the patient phrases.

Two settings are scored, both printed:

- **gold triggers**, the standard WikiEvents argument-extraction setting: the argument finder
  the ``actors`` stage uses is run on the gold trigger word, so the score is about roles only;
- **end to end**: the arguments of the dateline mention whose trigger overlaps the gold trigger;
  gold events that dateline does not code (a natural death, a metaphor, an event it misses)
  count against recall.

A predicted phrase is correct when it contains the head word a gold argument marks (WikiEvents'
"head match"). Arguments are compared as written: a gold "They" is found by the phrase "They",
not by the group the pronoun stands for. Precision counts predicted phrases; recall counts gold
arguments.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.actors.roles import ActorTagger, argument_span
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
class RoleScores:
    """Attacker and target scores in one setting."""

    roles: dict[str, RoleScore] = field(
        default_factory=lambda: {"attacker": RoleScore(), "target": RoleScore()}
    )

    def overall(self) -> RoleScore:
        total = RoleScore()
        for s in self.roles.values():
            total.predicted += s.predicted
            total.correct_predicted += s.correct_predicted
            total.gold += s.gold
            total.found_gold += s.found_gold
        return total


@dataclass
class ActorReport:
    gold_triggers: RoleScores = field(default_factory=RoleScores)
    end_to_end: RoleScores = field(default_factory=RoleScores)
    gold_events: int = 0
    matched_triggers: int = 0

    @property
    def roles(self) -> dict[str, RoleScore]:
        """The gold-trigger scores (the standard setting)."""
        return self.gold_triggers.roles

    def overall(self) -> RoleScore:
        return self.gold_triggers.overall()


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
    parsed = adoc.doc
    tagger = next((s for s in pipeline.stages if isinstance(s, ActorTagger)), None)
    mentions = [m for m in adoc.mentions if not m.excluded]
    entities = {e["id"]: e for e in doc["entity_mentions"]}
    for ev in doc["event_mentions"]:
        if not ev["event_type"].startswith(EVENT_PREFIXES):
            continue
        report.gold_events += 1
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
        # gold triggers: the stage's own argument finder on the gold trigger word
        found: dict[str, list[Span]] = {"attacker": [], "target": []}
        phrase = parsed.char_span(g_start, g_end, alignment_mode="expand") if parsed is not None else None
        if phrase is not None and len(phrase) and tagger is not None:
            args = tagger.finder(phrase.root, [t.i for t in phrase if t.i != phrase.root.i])
            found["attacker"] = [argument_span(t, text) for t in args.agents]
            found["target"] = [argument_span(t, text) for t in args.patients]
        for role in gold:
            _score_role(report.gold_triggers.roles[role], found[role], gold[role])
        # end to end: the arguments of the mention dateline coded there, if any
        m = _overlapping(mentions, g_start, g_end)
        if m is not None:
            report.matched_triggers += 1
        _score_role(report.end_to_end.roles["attacker"], m.agent_args if m else [], gold["attacker"])
        _score_role(report.end_to_end.roles["target"], m.patient_args if m else [], gold["target"])


def _score_role(score: RoleScore, pred: list[Span], gold: list[tuple[int, int]]) -> None:
    def inside(g: tuple[int, int], p: Span) -> bool:
        return p.start <= g[0] and g[1] <= p.end

    score.predicted += len(pred)
    score.correct_predicted += sum(1 for p in pred if any(inside(g, p) for g in gold))
    score.gold += len(gold)
    score.found_gold += sum(1 for g in gold if any(inside(g, p) for p in pred))


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
        f"gold attack/die/injure events: {report.gold_events}, coded by dateline: {report.matched_triggers}"
    ]
    for title, scores in (
        ("gold triggers (argument extraction)", report.gold_triggers),
        ("end to end (dateline's own triggers)", report.end_to_end),
    ):
        lines.append(title)
        lines.append(f"{'role':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'pred':>5} {'gold':>5}")
        for name, s in [*scores.roles.items(), ("all", scores.overall())]:
            lines.append(
                f"{name:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.predicted:5d} {s.gold:5d}"
            )
    return "\n".join(lines)
