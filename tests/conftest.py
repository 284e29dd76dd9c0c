"""Shared fixtures: the default pipeline is loaded once per test session (spaCy + gazetteer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.pipeline import Pipeline, default_pipeline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return default_pipeline()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
