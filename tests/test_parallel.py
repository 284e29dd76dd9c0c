"""dateline.parallel: the same events in this process, in two local processes and on a Dask cluster.

The reports are the project's own examples. The Dask cluster (two worker processes) is started
once for the module, after the local-process tests (forking is only done with one thread).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dateline.cli.main import main
from dateline.ingest import read_inputs
from dateline.model import Article, Event
from dateline.parallel import code_articles, code_batch, code_results, pipeline_loaded
from dateline.pipeline import ArticleDoc, Pipeline

Coded = dict[str, list[dict[str, Any]]]


def _by_article(pairs: Iterator[tuple[Article, list[Event]]]) -> Coded:
    out: Coded = {}
    for article, events in pairs:
        assert article.id not in out
        out[article.id] = [e.to_dict() for e in events]
    return out


@pytest.fixture(scope="module")
def articles(examples_dir: Path) -> list[Article]:
    found = [r.article for r in read_inputs([str(examples_dir)]) if r.article is not None]
    assert len(found) >= 8
    return found


@pytest.fixture(scope="module")
def in_process(articles: list[Article]) -> Coded:
    return _by_article(code_articles(articles, workers=1))


def test_in_process_matches_the_pipeline_one_article_at_a_time(
    articles: list[Article], in_process: Coded, pipeline: Pipeline
) -> None:
    assert list(in_process) == [a.id for a in articles]  # in order, one result per article
    for a in articles:
        assert in_process[a.id] == [e.to_dict() for e in pipeline(a)]
    assert sum(len(v) for v in in_process.values()) >= 8
    assert any(e["is_background"] for v in in_process.values() for e in v)  # background included


def test_background_can_be_left_out(articles: list[Article], in_process: Coded) -> None:
    got = _by_article(code_articles(articles, workers=1, include_background=False))
    assert got == {k: [e for e in v if not e["is_background"]] for k, v in in_process.items()}


def test_two_local_processes_give_the_same_events(articles: list[Article], in_process: Coded) -> None:
    got = _by_article(code_articles(articles, workers=2))
    assert got == in_process


def test_ordered_keeps_the_input_order(articles: list[Article]) -> None:
    many = articles * 2  # more batches than workers, so batches finish out of order
    ids = [r.article.id for r in code_results(many, workers=2, ordered=True, batch_size=1)]
    assert ids == [a.id for a in many]


def test_cli_workers_keeps_output_identical(examples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(examples_dir), "--background"]) == 0
    one = capsys.readouterr().out
    assert main(["code", str(examples_dir), "--background", "--workers", "2"]) == 0
    two = capsys.readouterr().out
    assert two == one
    assert len(one.splitlines()) >= 8
    assert json.loads(one.splitlines()[0])["article_id"]


@dataclass
class _FailOn:
    """A stage raising on one article id."""

    bad: str
    name: str = "fail"

    def __call__(self, adoc: ArticleDoc) -> ArticleDoc:
        if adoc.article.id == self.bad:
            raise RuntimeError("boom")
        return adoc


def test_one_failing_article_does_not_stop_the_others(
    articles: list[Article],
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = articles[1].id
    failing = Pipeline([*pipeline.stages[:3], _FailOn(bad), *pipeline.stages[3:]], pipeline.resources)
    results = failing.run_batch(articles[:3])
    assert isinstance(results[1], RuntimeError)
    assert isinstance(results[0], ArticleDoc) and isinstance(results[2], ArticleDoc)
    assert results[0].events == pipeline(articles[0])

    monkeypatch.setattr("dateline.parallel.default_pipeline", lambda: failing)
    payloads = code_batch(articles[:3])
    assert payloads[1] == ([], "RuntimeError: boom")
    assert payloads[0][1] is None and payloads[0][0]

    with caplog.at_level(logging.WARNING, logger="dateline.parallel"):
        got = list(code_articles(articles[:3], workers=1))
    assert [a.id for a, _ in got] == [a.id for a in articles[:3]]
    assert got[1][1] == [] and got[0][1]
    assert f"{bad}: could not be coded (RuntimeError: boom)" in caplog.text


def test_no_articles_yields_nothing() -> None:
    assert list(code_articles([], workers=2)) == []
    with pytest.raises(ValueError):
        list(code_articles([], workers=0))


# --- Dask: last in the module, so that the local tests fork from a single-threaded process -------


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


def test_dask_local_cluster_gives_the_same_events(
    articles: list[Article], in_process: Coded, dask_cluster: Any
) -> None:
    got = _by_article(code_articles(articles, scheduler=dask_cluster.scheduler_address))
    assert got == in_process


def test_dask_ordered_and_both_workers_used(
    articles: list[Article], in_process: Coded, dask_cluster: Any
) -> None:
    from distributed import Client

    with Client(dask_cluster) as client:
        got = list(code_results(articles, scheduler=client, ordered=True, batch_size=1))
        assert [r.article.id for r in got] == [a.id for a in articles]
        assert {r.article.id: [e.to_dict() for e in r.events] for r in got} == in_process
        assert all(r.error is None for r in got)
        # both worker processes coded, each with its own pipeline, loaded once and kept
        assert list(client.run(pipeline_loaded).values()) == [True, True]


def test_an_input_of_one_batch_is_coded_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.parallel as par

    def no_pool(*args: object, **kw: object) -> None:
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr(par, "_code_local", no_pool)
    one = [Article(id="one", text="Gunmen killed two farmers in Kaduna on Monday.")]
    got = list(code_results(one, workers=2))
    assert [r.article.id for r in got] == ["one"] and got[0].error is None and got[0].events
