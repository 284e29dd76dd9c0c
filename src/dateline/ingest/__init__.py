"""Readers: turn files, folders, JSON Lines, HTML pages, RSS/Atom feeds, CSV files and stdin into
:class:`~dateline.model.Article` objects."""

from dateline.ingest.readers import (
    InputError,
    ReadOptions,
    ReadResult,
    read_inputs,
    read_jsonl,
    read_text_file,
)
from dateline.ingest.text import parse_plain_text

__all__ = [
    "InputError",
    "ReadOptions",
    "ReadResult",
    "parse_plain_text",
    "read_inputs",
    "read_jsonl",
    "read_text_file",
]
