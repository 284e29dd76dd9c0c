"""``dateline ingest``, ``dateline export`` and ``dateline split``: the event store from the shell."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from dateline.cli.main import add_column_options, date_arg, read_options
from dateline.cli.output import check_output, workers_arg

#: The export formats (``dateline.export.formats.FORMATS``), listed here so ``--help`` needs no import.
EXPORT_FORMATS = ("acled-csv", "ucdp-csv", "plover-jsonl", "geojson", "parquet")


def _event_type_arg(value: str) -> str:
    """``--type``: an ACLED event type or sub-event type (any case), else an error listing them."""
    from dateline.events.lexicon import load_data_yaml

    taxonomy: dict[str, dict[str, str]] = load_data_yaml("events", "taxonomy.yaml")
    known = [*taxonomy, *(sub for subs in taxonomy.values() for sub in subs)]
    if value.strip().lower() not in {k.lower() for k in known}:
        raise argparse.ArgumentTypeError(
            f"unknown event type {value!r}; use an ACLED event type ({', '.join(taxonomy)}) or sub-event"
            f" type ({', '.join(known[len(taxonomy) :])})"
        )
    return value


def _existing_store(url: str | None) -> str | None:
    """The problem with reading the store at ``url``, if it is an SQLite file that does not exist
    (opening it would create an empty store); None otherwise."""
    from dateline.store.db import default_url, normalize_url

    resolved = normalize_url(url) if url else default_url()
    if not resolved.startswith("sqlite:///"):
        return None
    path = resolved[len("sqlite:///") :].split("?", 1)[0]
    if not path or path == ":memory:" or Path(path).is_file():
        return None
    return f"no store at {path}; create one with `dateline ingest --db {path} PATH...`"


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL (sqlite:///FILE, postgresql+psycopg://USER@HOST/DB) or an SQLite file path;"
        " default $DATELINE_DB, else ~/.local/share/dateline/dateline.db",
    )


def add_store_commands(sub: Any) -> None:
    """Add the ``ingest``, ``export`` and ``split`` subcommands to the CLI's subparsers."""
    ing = sub.add_parser(
        "ingest",
        help="code reports into the event store (safe to re-run)",
        description="Code reports and store their events, merging reports of one event. Articles "
        "already stored with the same text are skipped, changed ones replace their events; a run "
        "stopped at any point loses nothing, the next run codes what is missing.",
    )
    ing.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - or nothing reads stdin")
    _db_arg(ing)
    ing.add_argument("--scheduler", metavar="ADDR", help="code on a Dask cluster, e.g. tcp://HOST:8786")
    ing.add_argument(
        "--workers",
        type=workers_arg,
        metavar="N",
        help="local processes to code with (default or 0: all the machine's cores; 1: in this process)",
    )
    ing.add_argument(
        "--published", type=date_arg, metavar="YYYY-MM-DD", help="publication date for reports without one"
    )
    add_column_options(ing)
    ing.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="when another ingest is writing to the store, exit (code 75) instead of waiting for it",
    )
    ex = sub.add_parser(
        "export",
        help="write the stored events in a standard format",
        description="Write the merged events (one per real-world event, with all its sources) in "
        "the field names and codes of ACLED, UCDP GED, PLOVER, GeoJSON or Parquet.",
    )
    ex.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="output format")
    ex.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="events on or after this date")
    ex.add_argument("--until", type=date_arg, metavar="YYYY-MM-DD", help="events on or before this date")
    ex.add_argument("--country", metavar="ISO", help="country: ISO 3166 alpha-2, alpha-3 or numeric")
    ex.add_argument(
        "--type",
        dest="event_type",
        type=_event_type_arg,
        metavar="TYPE",
        help="an ACLED event type or sub-event type",
    )
    ex.add_argument("--background", action="store_true", help="include past events reports only recall")
    ex.add_argument(
        "--reports", action="store_true", help="each report's own events instead of the merged events"
    )
    ex.add_argument(
        "--raw",
        action="store_true",
        help="CSV cells exactly as they arrived (by default a cell starting with = + - @ gets a ' in front,"
        " so that a spreadsheet shows it as text instead of running it as a formula)",
    )
    _db_arg(ex)
    ex.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    sp = sub.add_parser(
        "split",
        help="take a report's event out of the merged event it joined",
        description="Make a report-event (ARTICLE_ID#N, or an article id with one event) its own "
        "event again; it will not be merged back with the reports it was split from.",
    )
    sp.add_argument("key", metavar="EVENT_KEY")
    _db_arg(sp)


def run_store_command(args: argparse.Namespace) -> int | None:
    """Run ``ingest``, ``export`` or ``split``; None for any other command."""
    if args.command == "ingest":
        return cmd_ingest(args)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "split":
        return cmd_split(args)
    return None


def _open_store(url: str | None) -> Any:
    from dateline.store import Store

    return Store.open(url)


class _Bar:
    """A rich progress bar on stderr: count, rate and time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("coding"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
            auto_refresh=False,  # no refresh thread: local workers can then be forked cheaply
        )
        self._task: Any = None

    def start(self, total: int | None) -> None:
        self._progress.start()
        self._task = self._progress.add_task("coding", total=total, rate="")
        self._progress.refresh()

    def advance(self, n: int = 1) -> None:
        self._progress.advance(self._task, n)
        speed = self._progress.tasks[0].speed
        self._progress.update(self._task, rate=f"{speed:.1f} articles/s" if speed else "", refresh=True)

    def stop(self) -> None:
        self._progress.stop()


def show_progress() -> bool:
    """A bar only on a terminal, never in pipes, files or CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


#: Exit code of ``ingest --no-wait`` when another writer holds the store (sysexits' EX_TEMPFAIL).
EXIT_BUSY = 75


def cmd_ingest(args: argparse.Namespace) -> int:
    from dateline.cli.signals import describe, exit_code
    from dateline.ingest.readers import InputError
    from dateline.store.ingest import IngestInterrupted, ingest
    from dateline.store.lock import Holder, WriterBusy

    def on_error(err: InputError) -> None:
        print(err.cli_line(), file=sys.stderr)  # "dateline: error: ..." or "dateline: skipped: ..."

    def on_wait(holder: Holder) -> None:
        print(
            f"dateline: waiting for {holder.describe()} to finish with this store (--no-wait exits instead)",
            file=sys.stderr,
        )

    try:
        store = _open_store(args.db)
    except Exception as exc:  # a bad URL or an unreachable server: one line, no traceback
        print(f"dateline: error: cannot open the store: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    bar = _Bar() if show_progress() and not args.quiet else None
    try:
        with store:
            report = ingest(
                store,
                args.paths,
                published=read_options(args),  # the publication date and the CSV columns
                scheduler=args.scheduler,
                workers=args.workers or None,  # 0 or none: all cores
                progress=bar,
                on_error=on_error,
                wait=args.wait,
                on_wait=on_wait,
            )
            counts = store.counts()
    except WriterBusy as exc:
        print(f"dateline: error: {exc}; not waiting (--no-wait)", file=sys.stderr)
        return EXIT_BUSY
    except IngestInterrupted as exc:  # one line: what this run stored stays; a re-run resumes
        if bar is not None:
            bar.stop()
            bar = None
        summary = exc.report.interrupted_summary()
        print(f"dateline: interrupted by {describe(exc)}: {summary}", file=sys.stderr)
        return exit_code(exc)
    finally:
        if bar is not None:
            bar.stop()
    if args.quiet:
        return 0 if report.read > 0 and report.failed < report.read else 1
    print(f"dateline: {report.summary()}", file=sys.stderr)
    print(
        f"dateline: the store at {store.url} holds {counts.articles} articles ({counts.duplicates} duplicates"
        f" besides), {counts.events} report-events in {counts.clusters} events",
        file=sys.stderr,
    )
    ok = report.read > 0 and report.failed < report.read
    return 0 if ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from dateline.store.db import iso_numeric

    country = None
    if args.country:
        try:
            country = iso_numeric(args.country)
        except ValueError as exc:
            print(f"dateline: error: {exc}", file=sys.stderr)
            return 1
    if args.format == "parquet" and args.output is None and sys.stdout.isatty():
        print("dateline: error: parquet is binary; write it to a file with -o FILE", file=sys.stderr)
        return 1
    if args.since and args.until and args.since > args.until:
        print(f"dateline: error: --since {args.since} is after --until {args.until}", file=sys.stderr)
        return 1
    problem = _existing_store(args.db)
    if problem:
        print(f"dateline: error: {problem}", file=sys.stderr)
        return 1
    if args.output:
        check_output(args.output)  # an OutputError is one line (cli.main)
    from dateline.export.formats import write_events

    try:
        store = _open_store(args.db)
    except Exception as exc:
        print(f"dateline: error: cannot open the store: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    with store:
        rows = store.event_rows(
            since=args.since,
            until=args.until,
            country=country,
            event_type=args.event_type,
            include_background=args.background,
            merged=not args.reports,
        )
        events = (ev for _, ev in rows)
        if args.output:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            n = write_events(events, args.format, args.output, raw=args.raw)
        else:
            try:
                n = write_events(events, args.format, sys.stdout.buffer, raw=args.raw)
                sys.stdout.flush()
            except BrokenPipeError:  # `| head`: the reader has seen enough
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 0
    if not args.quiet:
        print(f"dateline: {n} events written", file=sys.stderr)
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from dateline.store.db import SplitError

    problem = _existing_store(args.db)
    if problem:
        print(f"dateline: error: {problem}", file=sys.stderr)
        return 1
    with _open_store(args.db) as store:
        try:
            result = store.split(args.key)
        except SplitError as exc:
            print(f"dateline: error: {exc}", file=sys.stderr)
            return 1
    print(
        f"{result.key} is now event {result.to_event_id or result.to_cluster}; event"
        f" {result.from_event_id or result.from_cluster} keeps"
        f" {result.remaining} report-event(s), and the two will not be merged again"
    )
    return 0
