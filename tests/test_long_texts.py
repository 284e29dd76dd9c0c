"""Long reports: parsed in pieces with offsets kept, a time budget per article, one size limit."""

from __future__ import annotations

import importlib
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dateline.budget import ArticleTimeout, TimeBudget, can_interrupt
from dateline.ingest.readers import MAX_REPORT_BYTES
from dateline.ingest.text import parse_plain_text
from dateline.model import Article
from dateline.pipeline import ArticleDoc, Pipeline, doc_ents, doc_text

#: the module (``dateline.nlp.segment`` as an attribute is the function of that name)
seg = importlib.import_module("dateline.nlp.segment")
ROOT = Path(__file__).resolve().parent.parent

#: Paragraphs with no event in them, to push the news past the first piece.
FILLER = (
    "The city council met on the budget for the coming year and discussed the repair of roads, "
    "the opening hours of the public library and a new bus line to the northern suburbs."
)
NEWS = (
    "Gunmen killed 12 villagers and burned houses in an attack on the village of Kairu in "
    "Zamfara state on Tuesday, residents said."
)


def _report(filler_paragraphs: int) -> str:
    body = "\n\n".join([FILLER.replace("year", f"year {i}") for i in range(filler_paragraphs)] + [NEWS])
    return f"date 2025-09-04\n\nGUSAU, Nigeria: {body}\n"


# --- pieces ------------------------------------------------------------------------------------


def test_chunk_bounds_cover_the_text_and_cut_between_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} says something. And more of it here." for i in range(200))
    bounds = seg.chunk_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))  # contiguous
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert len(bounds) == len(text) // 1000 + 1 or len(bounds) == len(text) // 1000 + 2
    for _, end in bounds[:-1]:  # each piece ends with a paragraph break, the next starts a paragraph
        assert text[end - 2 : end] == "\n\n" and text[end].isalpha()


def test_chunk_bounds_fall_back_to_sentences_then_words_then_characters() -> None:
    sentences = " ".join(f"Sentence {i} is here." for i in range(300))
    assert all(sentences[end - 2 : end] == ". " for _, end in seg.chunk_bounds(sentences, 500)[:-1])
    words = " ".join(["word"] * 500)
    assert all(words[end - 1] == " " for _, end in seg.chunk_bounds(words, 300)[:-1])
    assert seg.chunk_bounds("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


def test_a_text_longer_than_spacys_limit_is_parsed_in_pieces_with_its_offsets(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: spaCy's E088 ("Text of length ... exceeds maximum"); now the text is parsed in
    pieces and an event in a later piece has evidence pointing at the words of the report."""
    nlp = pipeline.resources.nlp
    monkeypatch.setattr(nlp, "max_length", 2000)
    text = _report(40)
    assert len(text) > 3 * nlp.max_length
    article = parse_plain_text(text, "long")
    masked = seg.masked_text(article)
    pieces = seg.chunk_bounds(masked, seg.chunk_chars(nlp))
    assert len(pieces) >= 3
    adoc = pipeline.run(article)
    assert adoc.doc is not None and doc_text(adoc.doc) == masked
    news_start = text.index("Gunmen killed")
    assert news_start >= pieces[1][0]  # the news is past the first piece
    kills = [e for e in adoc.events if e.sub_event_type == "Attack"]
    assert len(kills) == 1, [(e.event_type, e.sub_event_type) for e in adoc.events]
    event = kills[0]
    assert event.fatalities == 12
    assert event.location == "Kairu"
    spans = [s for spans in event.evidence.values() for s in spans] + list(event.mentions)
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text, span
        assert span.start >= news_start - len("GUSAU, Nigeria: ")
    trigger = next(s for s in event.mentions)
    assert text[trigger.start : trigger.end] in ("killed", "attack", "burned")


def test_pieces_give_the_same_events_as_one_parse_on_an_example(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (ROOT / "examples" / "two-events.txt").read_text(encoding="utf-8")
    whole = pipeline.run(parse_plain_text(text, "x")).events
    monkeypatch.setattr(seg, "CHUNK_CHARS", 700)  # cut between its paragraphs
    cut = pipeline.run(parse_plain_text(text, "x")).events
    assert len(seg.chunk_bounds(seg.masked_text(parse_plain_text(text, "x")), 700)) >= 3
    key = [(e.event_type, e.sub_event_type, e.location, e.fatalities, e.event_date) for e in whole]
    assert [(e.event_type, e.sub_event_type, e.location, e.fatalities, e.event_date) for e in cut] == key


# --- linear costs ------------------------------------------------------------------------------


def test_doc_text_and_ents_are_built_once_per_doc(pipeline: Pipeline) -> None:
    doc = pipeline.resources.nlp(
        "Gunmen killed two men in Kano on Monday, police spokesman Abdullahi Haruna said."
    )
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
    assert [e.text for e in doc_ents(doc)] == [e.text for e in doc.ents]
    assert doc_ents(doc) is doc_ents(doc)


def test_longest_non_overlapping_matches_the_plain_search() -> None:
    from dateline.geo import toponyms

    def plain(cands: list[toponyms._Cand]) -> list[toponyms._Cand]:  # the quadratic original
        chosen: list[toponyms._Cand] = []
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    rng = random.Random(15)
    for _ in range(200):
        cands = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 80)
            end = start + rng.randint(1, 12)
            cands.append(
                toponyms._Cand(start, end, "unknown_place", None, [], 0, 0, priority=rng.randint(0, 2))
            )
        got = toponyms._longest_non_overlapping(cands)
        assert [(c.start, c.end, c.priority) for c in got] == [
            (c.start, c.end, c.priority) for c in plain(cands)
        ]


# --- time budget -------------------------------------------------------------------------------


class _Sleepy:
    """A stage that takes ``seconds`` on the article called "slow"."""

    name = "sleepy"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        if adoc.article.id == "slow":
            end = time.monotonic() + self.seconds
            while time.monotonic() < end:  # busy, like a stage stuck in Python code
                sum(range(1000))
        adoc.context["done"] = True
        return adoc


def _articles() -> list[Article]:
    return [Article(id=i, text=f"Report {i}.") for i in ("fast-1", "slow", "fast-2")]


def test_budget_from_the_environment() -> None:
    assert TimeBudget.from_env({}) == TimeBudget(60.0, 5.0)
    budget = TimeBudget.from_env({"DATELINE_ARTICLE_SECONDS": "10", "DATELINE_ARTICLE_SECONDS_PER_10K": "2"})
    assert budget.for_text(50_000) == 20.0
    assert TimeBudget.from_env({"DATELINE_ARTICLE_SECONDS": "0"}).for_text(10**6) is None
    assert TimeBudget.from_env({"DATELINE_ARTICLE_SECONDS": "soon"}) == TimeBudget(60.0, 5.0)


def test_a_stage_running_past_the_budget_is_stopped_and_the_batch_goes_on(pipeline: Pipeline) -> None:
    assert can_interrupt()  # the main thread: the alarm stops the stage in the middle
    p = Pipeline([_Sleepy(30.0)], pipeline.resources, budget=TimeBudget(0.3, 0.0))
    started = time.monotonic()
    results = p.run_batch(_articles())
    assert time.monotonic() - started < 20  # a hang guard: stopped long before the stage's 30 s
    assert [type(r).__name__ for r in results] == ["ArticleDoc", "ArticleTimeout", "ArticleDoc"]
    assert str(results[1]) == "took longer than 0.3 s; skipped"
    with pytest.raises(ArticleTimeout, match="took longer than 0.3 s; skipped"):
        p.run(_articles()[1])
    assert p.run(_articles()[0]).context["done"] is True


def test_without_a_signal_the_budget_is_checked_after_each_stage(pipeline: Pipeline) -> None:
    """In a thread (a Dask worker) no alarm can stop a stage: the article is skipped after it."""
    p = Pipeline([_Sleepy(0.5), _Sleepy(0.0)], pipeline.resources, budget=TimeBudget(0.1, 0.0))
    out: list[list[ArticleDoc | Exception]] = []
    worker = threading.Thread(target=lambda: out.append(p.run_batch(_articles())))
    worker.start()
    worker.join(timeout=60)
    assert out, "the thread did not finish"
    assert [type(r).__name__ for r in out[0]] == ["ArticleDoc", "ArticleTimeout", "ArticleDoc"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_reports_an_article_over_its_budget_and_codes_the_rest(workers: str) -> None:
    """``dateline code`` in one process and on a pool of two: an article over its budget is one
    error line naming it; the batch goes on (a budget of 1 ms: every article is over it)."""
    env = {**os.environ, "DATELINE_ARTICLE_SECONDS": "0.001", "DATELINE_ARTICLE_SECONDS_PER_10K": "0"}
    files = [str(ROOT / "examples" / n) for n in ("two-events.txt", "atme-raid.txt")]
    proc = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "code", *files, "--workers", workers],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert "Traceback" not in proc.stderr
    for name in ("two-events", "atme-raid"):
        line = next((ln for ln in lines if name in ln), None)
        assert line is not None, proc.stderr
        assert line.startswith("dateline: error: ")
        assert "took longer than 0.001 s; skipped" in line
    assert proc.stdout == ""
    assert proc.returncode != 0


# --- one size limit ----------------------------------------------------------------------------


def test_the_size_limit_is_stated_once_and_spacy_never_sees_more_than_it_takes(pipeline: Pipeline) -> None:
    nlp = pipeline.resources.nlp
    assert seg.chunk_chars(nlp) < nlp.max_length < MAX_REPORT_BYTES  # a report at the limit is cut
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = {float(m) for m in re.findall(r"over (\d+(?:\.\d+)?) MB", readme)}
    assert stated == {MAX_REPORT_BYTES / 1_000_000}


def test_a_report_over_the_limit_is_one_line_naming_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_text(
        "date 2025-09-04\n\nKANO: " + "Gunmen attacked a village. " * (MAX_REPORT_BYTES // 27 + 10)
    )
    ok = tmp_path / "ok.txt"
    ok.write_text("date 2025-09-04\n\nKANO: Gunmen killed two people in Kano on Monday, police said.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "code", str(big), str(ok), "--workers", "1"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("dateline: error:")]
    assert len(errors) == 1, proc.stderr
    assert "huge.txt" in errors[0] and f"{MAX_REPORT_BYTES:,}" in errors[0]
    assert "E088" not in proc.stderr and "Traceback" not in proc.stderr
    assert '"article_id": "ok.txt"' in proc.stdout
