"""Shared fixtures: the default pipeline is loaded once per test session (spaCy + gazetteer)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest.text import parse_plain_text
from dateline.pipeline import ArticleDoc, Pipeline, default_pipeline

# The tests code with the shipped dictionary only, never with an actor file the user wrote.
os.environ["DATELINE_ACTORS"] = os.path.join(tempfile.gettempdir(), "dateline-tests-no-user-actors.yaml")

#: The publication date stage tests code their sentences against (a Wednesday).
STAGE_TEST_PUBLISHED = date(2025, 3, 12)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> Callable[..., ArticleDoc]:
    """Code a text once per module (the same text in several tests is parsed once)."""
    cache: dict[tuple[str, date], ArticleDoc] = {}

    def run(text: str, published: date = STAGE_TEST_PUBLISHED) -> ArticleDoc:
        key = (text, published)
        if key not in cache:
            cache[key] = pipeline.run(parse_plain_text(text, "t", published))
        return cache[key]

    return run
