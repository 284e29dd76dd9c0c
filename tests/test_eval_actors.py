"""`dateline eval actors` on a tiny WikiEvents-format document written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.cli.main import main
from dateline.evaluate.actors import RoleScore, document_text

WORDS = ["Rebels", "attacked", "a", "police", "station", "in", "Goma", ",", "killing", "two", "officers", "."]


def _doc() -> dict:
    tokens, pos = [], 0
    for w in WORDS:
        tokens.append([w, pos, pos + len(w)])
        pos += len(w) + 1
    return {
        "doc_id": "t1",
        "tokens": WORDS,
        "sentences": [[tokens, " ".join(WORDS)]],
        "entity_mentions": [
            {"id": "t1-E1", "sent_idx": 0, "start": 0, "end": 1, "text": "Rebels"},
            {"id": "t1-E2", "sent_idx": 0, "start": 4, "end": 5, "text": "station"},
            {"id": "t1-E3", "sent_idx": 0, "start": 10, "end": 11, "text": "officers"},
        ],
        "event_mentions": [
            {
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "t1-E1", "role": "Attacker", "text": "Rebels"},
                    {"entity_id": "t1-E2", "role": "Target", "text": "station"},
                ],
            },
            {
                "event_type": "Contact.Contact.Broadcast",
                "trigger": {"start": 0, "end": 1, "text": "Rebels", "sent_idx": 0},
                "arguments": [],
            },
        ],
        "relation_mentions": [],
    }


def test_document_text_puts_tokens_at_their_offsets() -> None:
    text, spans = document_text(_doc())
    assert text.startswith("Rebels attacked a police station")
    assert [text[a:b] for a, b in spans] == WORDS


def test_role_score_arithmetic() -> None:
    s = RoleScore(predicted=4, correct_predicted=3, gold=6, found_gold=3)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)


def test_eval_actors_scores_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "w.jsonl"
    p.write_text(json.dumps(_doc()) + "\n")
    assert main(["eval", "actors", str(p)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "gold attack/die/injure events: 1, coded by dateline: 1"
    gold_start = out.index("gold triggers (argument extraction)")
    e2e_start = out.index("end to end (dateline's own triggers)")
    for section in (out[gold_start + 2 : e2e_start], out[e2e_start + 2 :]):
        rows = {line.split()[0]: line.split()[1:] for line in section}
        assert rows["attacker"][:3] == ["1.000", "1.000", "1.000"]
        assert rows["target"][:3] == ["1.000", "1.000", "1.000"]
        assert rows["all"][3:] == ["2", "2"]  # two predicted phrases, two gold arguments


def test_eval_actors_rejects_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "w.jsonl"
    p.write_text('{"id": 1}\n')
    assert main(["eval", "actors", str(p)]) == 1
    assert "not a WikiEvents-format file" in capsys.readouterr().err
