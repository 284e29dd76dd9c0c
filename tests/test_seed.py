"""The founding story, coded from ../shared/seed when it is there (CI has it; a fresh clone may not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest import read_inputs
from dateline.pipeline import Pipeline

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "atme-2025-08-20.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")


def test_seed_story_gives_the_analysts_record(pipeline: Pipeline) -> None:
    (res,) = list(read_inputs([str(SEED)]))
    assert res.article is not None
    events = pipeline(res.article)
    main = [e for e in events if not e.is_background]
    assert len(main) == 1
    ev = main[0]
    assert (ev.event_date, ev.time_precision) == ("2025-08-20", 1)
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert (ev.actor1, ev.inter1, ev.actor2, ev.inter2, ev.interaction) == (
        "US-led Coalition Forces",
        8,
        "Islamic State",
        2,
        28,
    )
    assert (ev.location, ev.admin1, ev.country) == ("Atme", "Idlib", "Syria")
    assert ev.fatalities == 1 and ev.arrests_low == 2
    kinds = {c.speaker_type for c in ev.claims}
    assert {"state_media", "anonymous", "witness"} <= kinds
    assert ev.perpetrator_stance == "no_comment"
    background = [e for e in events if e.is_background]
    assert any(e.admin1 == "Deir ez-Zor" and e.event_date.startswith("2020") for e in background)
    assert any(e.event_date == "2025-06-01" and e.time_precision == 3 for e in background)
    assert all(e.event_date != "2025-08-20" for e in background)
