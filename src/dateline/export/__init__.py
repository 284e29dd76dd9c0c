"""Writers for coded events: JSON Lines, ACLED-ordered CSV and a readable table."""

from dateline.export.table import render_table
from dateline.model import events_to_csv, events_to_jsonl

__all__ = ["events_to_csv", "events_to_jsonl", "render_table"]
