"""Readers: turn files, folders, JSON Lines and stdin into :class:`~dateline.model.Article` objects."""

from dateline.ingest.readers import InputError, ReadResult, read_inputs, read_jsonl, read_text_file
from dateline.ingest.text import parse_plain_text

__all__ = ["InputError", "ReadResult", "parse_plain_text", "read_inputs", "read_jsonl", "read_text_file"]
