"""Ingest: read reports, code the new and changed ones, store them and merge their events.

Safe to re-run at any time:

- an article already stored with the same text (normalized: Unicode NFKC, case and whitespace
  folded), publication date and outlet is not coded again; a new title or URL is just updated;
- an article whose normalized text is already stored under another id is recorded as a
  duplicate of it and not coded;
- a changed article is coded again and replaces its earlier events (and leaves the merged
  events they were in);
- each article is written with its events and their merging in one transaction, so a run killed
  at any moment leaves whole articles only, and the next run codes what is missing;
- one writer at a time: a run holds the store's writer lock (:mod:`dateline.store.lock`) from
  start to end, so a second run started meanwhile waits, then finds the first one's articles
  stored and codes only the rest (or, with ``wait=False``, raises ``WriterBusy``);
- interrupted (Ctrl-C, or SIGTERM turned into an exception by the CLI), a run stops its workers,
  rolls back the article being written and raises :class:`IngestInterrupted` with its report of
  what was committed;
- an article the store cannot take (a date the merge step cannot handle, say) is reported as
  failed and the run goes on; a database error still stops it.

Reading happens twice: a first pass decides what to code without holding the texts (so the
progress bar knows the total), a second pass reads again and hands the articles to
:func:`dateline.parallel.code_results`, locally or on a Dask cluster; this process is the only
writer. Standard input is read once and kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
import signal
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import sqlalchemy as sa

from dateline.ingest.readers import InputError, ReadOptions, ReadResult, read_inputs
from dateline.model import Article
from dateline.store.db import Store, StoredArticle
from dateline.store.lock import Holder

log = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def normalized_text(article: Article) -> str:
    """The report body as compared for duplicates: NFKC, case-folded, whitespace collapsed."""
    body = article.text[article.body_start :]
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", body).casefold()).strip()


def text_hash(article: Article) -> str:
    """SHA-256 of :func:`normalized_text`."""
    return hashlib.sha256(normalized_text(article).encode("utf-8")).hexdigest()


class Progress(Protocol):
    """What ingest reports progress to (the CLI draws a bar with it)."""

    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


@dataclass(slots=True)
class IngestReport:
    """What one run did."""

    read: int = 0  # articles read (errors not counted)
    coded: int = 0  # new articles coded and stored
    recoded: int = 0  # changed articles coded again
    unchanged: int = 0
    duplicates: int = 0  # same text as another article: recorded, not coded
    failed: int = 0  # could not be coded (not stored: the next run tries again)
    events: int = 0  # report-events stored
    merged: int = 0  # report-events that joined an existing merged event
    errors: list[InputError] = field(default_factory=list)
    planned: int | None = None  # articles this run set out to code (new and changed); None: not decided yet

    @property
    def stored(self) -> int:
        """Articles coded and stored by this run (new and changed)."""
        return self.coded + self.recoded

    def interrupted_summary(self) -> str:
        """What an interrupted run leaves: everything it stored is committed."""
        if self.planned is None:
            return f"stopped before coding began ({self.read} articles read); nothing stored: run it again"
        left = max(self.planned - self.stored - self.failed, 0)
        return (
            f"{self.stored} of {self.planned} articles coded and stored with {self.events} events"
            f" (all committed); {left} left to code: run it again to resume"
        )

    def summary(self) -> str:
        parts = [
            f"{self.read} read",
            f"{self.coded} coded",
            f"{self.recoded} changed and recoded",
            f"{self.unchanged} unchanged",
            f"{self.duplicates} duplicates",
        ]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.errors:
            parts.append(f"{len(self.errors)} unreadable")
        return (
            ", ".join(parts)
            + f"; {self.events} events stored, {self.merged} merged into events of other reports"
        )


@dataclass(slots=True)
class _Plan:
    """The decision for one article id (the last version read wins)."""

    hash: str
    action: str  # "code", "recode", "duplicate", "unchanged", "metadata"
    duplicate_of: str | None = None


@dataclass(slots=True)
class _Seen:
    hash: str
    published: date | None
    outlet: str | None
    title: str | None
    url: str | None


class IngestInterrupted(KeyboardInterrupt):
    """A run stopped by Ctrl-C or SIGTERM; ``report`` says what it had stored (all committed)."""

    def __init__(self, report: IngestReport, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.report = report
        self.signum = signum


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    published: date | ReadOptions | None = None,  # ReadOptions: also the CSV columns (dateline.ingest)
    scheduler: Any = None,
    workers: int | None = None,
    progress: Progress | None = None,
    on_error: Callable[[InputError], None] | None = None,
    wait: bool = True,
    on_wait: Callable[[Holder], None] | None = None,
) -> IngestReport:
    """Read ``paths`` (files, folders, ``-`` for stdin), code what is new or changed, store it.

    ``scheduler`` (``tcp://host:8786``, a ``distributed.Client`` or a ``LocalCluster``) codes on a
    Dask cluster; otherwise ``workers`` local processes (default: the machine's cores; 1 codes in
    this process). ``on_error`` hears of every unreadable input and every article that failed.
    Another run writing to the store is waited for (``on_wait`` hears who it is), or with
    ``wait=False`` :class:`~dateline.store.lock.WriterBusy` is raised. A KeyboardInterrupt (or the
    CLI's SIGTERM) becomes :class:`IngestInterrupted`, carrying this run's report.
    """
    report = IngestReport()
    with store.writer_lock(wait=wait, on_wait=on_wait):
        try:
            _ingest(store, paths, report, published, scheduler, workers, progress, on_error)
        except IngestInterrupted:
            raise
        except KeyboardInterrupt as exc:
            raise IngestInterrupted(report, int(getattr(exc, "signum", signal.SIGINT))) from exc
    return report


def _ingest(
    store: Store,
    paths: Sequence[str],
    report: IngestReport,
    published: date | ReadOptions | None,
    scheduler: Any,
    workers: int | None,
    progress: Progress | None,
    on_error: Callable[[InputError], None] | None,
) -> None:
    paths = list(paths) or ["-"]
    kept: list[ReadResult] | None = [] if "-" in paths else None

    def read() -> Iterator[ReadResult]:
        if kept is not None and kept:
            yield from kept
            return
        for result in read_inputs(paths, published):
            if kept is not None:
                kept.append(result)
            yield result

    seen: dict[str, _Seen] = {}
    for result in read():
        if result.error is not None:
            report.errors.append(result.error)
            if on_error:
                on_error(result.error)
            continue
        assert result.article is not None
        a = result.article
        report.read += 1
        seen.pop(a.id, None)  # the last version of an id wins; keep the input order of ids
        seen[a.id] = _Seen(text_hash(a), a.published, a.outlet, a.title, a.url)
    plans = _decide(store, seen, report)

    to_code = {aid: p for aid, p in plans.items() if p.action in ("code", "recode")}
    report.planned = len(to_code)
    if progress:
        progress.start(len(to_code))

    def articles() -> Iterator[Article]:
        pending = dict(to_code)
        for result in read():
            a = result.article
            if a is None or a.id not in pending:
                continue
            s = seen[a.id]
            if (text_hash(a), a.published, a.outlet) != (s.hash, s.published, s.outlet):
                continue  # an earlier version of an id given twice: the last one is coded
            del pending[a.id]
            yield a

    if to_code:
        store.engine.dispose()  # no open database connection is carried into forked workers
        with closing(_code(articles(), scheduler, workers)) as coded:  # stopped early: workers too
            for result in coded:
                plan = to_code[result.article.id]
                before = (report.coded, report.recoded, report.failed, report.events, report.merged)
                try:
                    _store(store, result, plan, report, on_error)
                except KeyboardInterrupt:
                    _settle(store, result.article, plan, report, before)
                    raise
                if progress:
                    progress.advance()

    # duplicates last: the article they repeat is stored by now (or will be, on a re-run)
    for aid, plan in plans.items():
        if plan.action == "duplicate":
            assert plan.duplicate_of is not None
            s = seen[aid]
            store.write_duplicate(_stub(aid, s), plan.hash, plan.duplicate_of)
            report.duplicates += 1
        elif plan.action == "metadata":
            store.update_metadata(_stub(aid, seen[aid]))


def _settle(
    store: Store, article: Article, plan: _Plan, report: IngestReport, before: tuple[int, ...]
) -> None:
    """Make the report exact about the article being written when the run was interrupted: its
    transaction either committed (count it) or rolled back (leave it to the next run), whichever
    moment the signal came at."""
    report.coded, report.recoded, report.failed, report.events, report.merged = before
    row = store.stored_articles([article.id]).get(article.id)
    content = (plan.hash, article.published, article.outlet)
    if row is not None and row.status == "coded" and (row.text_hash, row.published, row.outlet) == content:
        report.events += row.n_events
        if plan.action == "code":
            report.coded += 1
        else:
            report.recoded += 1


def _store(
    store: Store,
    result: _Coded,
    plan: _Plan,
    report: IngestReport,
    on_error: Callable[[InputError], None] | None,
) -> None:
    """Write one coded article (one transaction), or report why it was not."""
    a = result.article
    error = result.error
    if error is None:
        try:
            placements = store.write_article(a, plan.hash, result.events)
        except sa.exc.DBAPIError:
            raise  # the database itself failed: stop, a re-run resumes
        except Exception as exc:  # this article only: rolled back, reported, the batch goes on
            log.debug("storing %s failed", a.id, exc_info=True)
            error = f"could not be stored ({type(exc).__name__}: {exc})"
        else:
            report.events += len(placements)
            report.merged += sum(p.merged for p in placements)
            if plan.action == "code":
                report.coded += 1
            else:
                report.recoded += 1
            return
    else:
        error = f"could not be coded ({error})"
    report.failed += 1
    if on_error:
        on_error(InputError(a.id, error))


def _decide(store: Store, seen: dict[str, _Seen], report: IngestReport) -> dict[str, _Plan]:
    stored = store.stored_articles(list(seen))
    owners = store.coded_hashes(sorted({s.hash for s in seen.values()}))
    plans: dict[str, _Plan] = {}
    claimed: dict[str, str] = {}  # text hash -> the id coding it in this run
    for aid, s in seen.items():
        old = stored.get(aid)
        owner = owners.get(s.hash)
        if old is not None and _same_content(old, s):
            owner_ok = old.status == "coded" or (owner is not None and owner != aid)
            if owner_ok:
                report.unchanged += 1
                same_meta = (old.title, old.url) == (s.title, s.url)
                plans[aid] = _Plan(s.hash, "unchanged" if same_meta else "metadata")
                continue
        if owner is not None and owner != aid:
            plans[aid] = _Plan(s.hash, "duplicate", owner)
        elif s.hash in claimed:
            plans[aid] = _Plan(s.hash, "duplicate", claimed[s.hash])
        else:
            claimed[s.hash] = aid
            plans[aid] = _Plan(s.hash, "recode" if old is not None else "code")
    return plans


def _same_content(old: StoredArticle, s: _Seen) -> bool:
    """Same text, date and outlet: coding it again would give the same events."""
    return (old.text_hash, old.published, old.outlet) == (s.hash, s.published, s.outlet)


def _stub(article_id: str, s: _Seen) -> Article:
    return Article(id=article_id, text="", title=s.title, url=s.url, published=s.published, outlet=s.outlet)


@dataclass(slots=True)
class _Coded:
    article: Article
    events: list[Any]
    error: str | None = None


def _code(articles: Iterable[Article], scheduler: Any, workers: int | None) -> Iterator[_Coded]:
    """Code with :mod:`dateline.parallel` (input order kept, so merging is reproducible)."""
    from dateline import parallel

    results = parallel.code_results(articles, scheduler=scheduler, workers=workers, ordered=True)
    with closing(results):  # closed early, it stops the workers before this returns
        for r in results:
            yield _Coded(r.article, list(r.events), r.error)
