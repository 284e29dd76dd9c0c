"""``dateline``: the command line. The CLI owns all output; the library only logs."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dateline import __version__
from dateline.cli.output import workers_arg

if TYPE_CHECKING:
    from dateline.ingest import ReadOptions

log = logging.getLogger("dateline")


def date_arg(value: str) -> date:
    """An ISO date on the command line (YYYY-MM-DD), with a clear error."""
    from dateline.ingest.text import DateHeaderError, parse_iso_date

    try:
        return parse_iso_date(value)
    except DateHeaderError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_column_options(p: argparse.ArgumentParser) -> None:
    """The CSV column options of every command that reads reports (code, ingest, geoparse)."""
    g = p.add_argument_group("CSV input (a header row names the columns)")
    g.add_argument("--text-column", metavar="NAME", help="the report text (default: text, body, content ...)")
    g.add_argument("--date-column", metavar="NAME", help="the publication date (default: published, date)")
    g.add_argument("--id-column", metavar="NAME", help="the article id (default: id, guid, url, ...)")


def read_options(args: argparse.Namespace) -> ReadOptions:
    """How the reader reads, from the parsed arguments of ``code``, ``ingest`` or ``geoparse``."""
    from dateline.ingest import ReadOptions

    return ReadOptions(
        published=getattr(args, "published", None),
        text_column=args.text_column,
        date_column=args.date_column,
        id_column=args.id_column,
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dateline", description="Code news reports into ACLED-style event data.")
    p.add_argument("--version", action="version", version=f"dateline {__version__}")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    p.add_argument("-q", "--quiet", action="store_true", help=_QUIET_HELP)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser(
        "code",
        help="code reports into events",
        description=(
            "Code reports into events. PATH is a .txt report, a .jsonl file of"
            " {id, text, published?, title?, url?} objects, an HTML page, an RSS/Atom feed, a CSV"
            " file with a header, a folder of such files, or - for stdin (the default)."
        ),
    )
    c.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders to code; - or nothing reads stdin"
    )
    c.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl", help="output format")
    c.add_argument(
        "--raw",
        action="store_true",
        help="CSV cells exactly as they arrived (by default a cell starting with = + - @ gets a ' in front,"
        " so that a spreadsheet shows it as text instead of running it as a formula)",
    )
    c.add_argument(
        "--published",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="publication date for reports that carry none",
    )
    c.add_argument(
        "--background",
        action="store_true",
        help="also output background events (past events the reports mention), flagged is_background",
    )
    c.add_argument("--save", type=Path, metavar="FILE", help="also write the events as JSON Lines to FILE")
    c.add_argument(
        "--workers",
        type=workers_arg,
        default=0,
        metavar="N",
        help="processes to code with (default 0: all the machine's cores; 1: in this process);"
        " output keeps the input order",
    )
    c.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    add_column_options(c)
    ev = sub.add_parser("eval", help="score the pipeline against a labelled file")
    ev_sub = ev.add_subparsers(dest="what", required=True)
    ev_events = ev_sub.add_parser(
        "events",
        help="event detection and typing",
        description="Score detection and typing on a TSV with columns id, text, label "
        "(an ACLED sub-event type or none), or on a label file of real items (id, source, label) "
        "whose text is read from --real.",
    )
    ev_events.add_argument("file", type=Path)
    ev_events.add_argument(
        "--real", type=Path, metavar="PATH", help="folder of the real text the label file's ids point to"
    )
    ev_events.add_argument(
        "--mode",
        choices=("pipeline", "rules", "classifier"),
        default="pipeline",
        help="the whole pipeline (default), the pipeline without the trained model, or the model alone",
    )
    ev_actors = ev_sub.add_parser(
        "actors",
        help="attacker/target roles against WikiEvents",
        description="Score attacker and target/victim extraction on a WikiEvents-format JSON Lines file.",
    )
    ev_actors.add_argument("file", type=Path)
    ev_rec = ev_sub.add_parser(
        "records",
        help="coded records of whole articles against ACLED-style gold",
        description="Code every article of DOCS (JSON Lines: id, text, published; or the WikiEvents "
        "layout) and score the records against GOLD (the layout of wikievents-dev-acled-gold.jsonl): "
        "event P/R/F1, background leaks and recall, field accuracy on undisputed matches.",
    )
    ev_rec.add_argument("docs", type=Path)
    ev_rec.add_argument("gold", type=Path)
    ev_rec.add_argument("-v", "--verbose", action="store_true", help="list every gold and predicted event")
    from dateline.cli.geo import add_geo_commands

    add_geo_commands(sub, ev_sub)
    act = sub.add_parser("actors", help="the actor dictionary: add your own groups")
    act_sub = act.add_subparsers(dest="actors_cmd", required=True)
    add = act_sub.add_parser(
        "add",
        help="add or replace a group in your actor file",
        description="Add a group to your own actor file ($DATELINE_ACTORS, else ~/.local/share/dateline/"
        "actors.yaml), which every later run merges into the shipped dictionary.",
    )
    add.add_argument("name", help="canonical name, e.g. 'Zamfara Vigilante Group'")
    add.add_argument("--inter", type=int, required=True, help="ACLED inter code 1-8")
    add.add_argument("--alias", action="append", default=[], help="a name news text uses (repeatable)")
    add.add_argument("--country", action="append", default=[], help="ISO alpha-2 where active (repeatable)")
    add.add_argument("--wikidata", help="Wikidata id, e.g. Q123")
    add.add_argument("--file", type=Path, help="the actor file to write (default: your actor file)")
    find = act_sub.add_parser("find", help="show the dictionary actors named in a text")
    find.add_argument("text")
    tr = sub.add_parser(
        "train",
        help="rebuild the event classifier from the training corpus",
        description="Cross-validate on the corpus, then train on all of it and write the model.",
    )
    tr.add_argument("--corpus", type=Path, default=Path("data/training/events"), help="folder of .tsv files")
    tr.add_argument("--out", type=Path, help="model file to write (default: the one shipped in the package)")
    tr.add_argument("--cv", type=int, default=5, help="folds for cross-validation (0 or 1: none)")
    tr.add_argument(
        "--real",
        type=Path,
        metavar="PATH",
        help="folder of the real text (../shared/train) whose labelled ids in --real-labels join training",
    )
    tr.add_argument(
        "--real-labels", type=Path, default=Path("data/training/real"), help="folder of train*.tsv labels"
    )
    tr.add_argument(
        "--features",
        choices=("encoder+tfidf", "encoder", "tfidf"),
        default="encoder+tfidf",
        help="what the logistic regression reads: the sentence encoder's vectors, word n-grams, or both",
    )
    tr.add_argument(
        "--reviews",
        action="store_true",
        help="also train on the review desk's corrections in the event store (--db): each retyped event's"
        " sentences with the analyst's sub-event type, each rejected event's as none",
    )
    from dateline.cli.store import _db_arg

    _db_arg(tr)
    ts = sub.add_parser(
        "train-article",
        help="rebuild the article-level models (mention status, event coreference)",
        description="Run the pipeline over the labelled whole articles of data/training/articles, "
        "print cross-validated figures, then train on all of them and write the models.",
    )
    ts.add_argument(
        "--articles", type=Path, default=Path("data/training/articles"), help="folder of label .tsv files"
    )
    ts.add_argument("--real", type=Path, metavar="PATH", help="folder of the real text (../shared/train)")
    ts.add_argument("--out-dir", type=Path, help="where to write the models (default: the package's)")
    from dateline.cli.desk import add_desk_commands
    from dateline.cli.store import add_store_commands

    add_store_commands(sub)
    add_desk_commands(sub)
    _add_verbosity(p)
    return p


_QUIET_HELP = "errors only: no warnings, summaries or progress bar"
#: The commands that load the actor dictionary (a broken actor file stops them before any work).
_CODING_COMMANDS = frozenset({"code", "ingest", "eval", "train", "train-article"})


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    """Accept ``-v`` and ``-q`` after every subcommand too (``dateline code -q FILE``), where the
    subcommand has no ``-v`` of its own (``eval records -v`` lists events)."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in {id(s): s for s in action.choices.values()}.values():
            options = {o for a in sub._actions for o in a.option_strings}
            if "-v" not in options:
                sub.add_argument(
                    "-v", "--verbose", dest="sub_verbose", action="count", default=argparse.SUPPRESS,
                    help="more log output (-vv for debug)",
                )  # fmt: skip
            if "-q" not in options:
                sub.add_argument(
                    "-q", "--quiet", dest="sub_quiet", action="store_true", default=argparse.SUPPRESS,
                    help=_QUIET_HELP,
                )  # fmt: skip
            _add_verbosity(sub)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.quiet = bool(args.quiet or getattr(args, "sub_quiet", False))
    verbose = int(args.verbose) + getattr(args, "sub_verbose", 0)
    level = logging.ERROR if args.quiet else logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="dateline: %(levelname)s: %(message)s", stream=sys.stderr)
    from dateline.actors.dictionary import ActorFileError
    from dateline.cli.output import OutputError, quiet_stdout
    from dateline.cli.signals import run_interruptible

    try:
        if args.command in _CODING_COMMANDS or getattr(args, "actors_cmd", None) == "find":
            _check_actor_file()
        return run_interruptible(lambda: _dispatch(args))  # Ctrl-C, SIGTERM: one line, exit 130, 143
    except (ActorFileError, OutputError) as exc:  # FILE:LINE: problem, no traceback
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `| head`: the reader has seen enough
        quiet_stdout()
        return 0


def _check_actor_file() -> None:
    """Read the user's actor file once now: a broken one is reported before any work starts
    (and not once per worker and article)."""
    from dateline.actors.dictionary import read_actor_file, user_actors_path

    path = user_actors_path()
    if path.is_file():
        read_actor_file(path)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` names."""
    if getattr(args, "geo_handler", None) is not None:
        return int(args.geo_handler(args))
    if getattr(args, "desk_handler", None) is not None:  # serve, users
        return int(args.desk_handler(args))
    if args.command == "code":
        return cmd_code(args)
    if args.command == "eval" and args.what == "events":
        return cmd_eval_events(args)
    if args.command == "eval" and args.what == "actors":
        return cmd_eval_actors(args)
    if args.command == "train-article":
        return cmd_train_article(args)
    if args.command == "eval" and args.what == "records":
        return cmd_eval_records(args)
    if args.command == "train":
        return cmd_train(args)
    if args.command == "actors":
        return cmd_actors(args)
    if args.command in ("ingest", "export", "split"):
        from dateline.cli.store import run_store_command

        return run_store_command(args) or 0
    return 2  # pragma: no cover - argparse requires a command


def cmd_code(args: argparse.Namespace) -> int:
    from collections.abc import Iterator
    from contextlib import closing

    from dateline.cli.output import EventSink
    from dateline.cli.store import _Bar, show_progress
    from dateline.ingest import read_inputs
    from dateline.model import Article
    from dateline.parallel import available_cores, code_results

    sink = EventSink(args.format, args.output, args.save, raw=args.raw)  # checked before any coding
    coded = 0
    unread: list[str] = []

    def readable() -> Iterator[Article]:
        for result in read_inputs(args.paths, options=read_options(args)):
            if result.error is not None:  # one line; a folder's non-report file is skipped, not failed
                print(result.error.cli_line(), file=sys.stderr)
                if not result.error.skipped:
                    unread.append(str(result.error))
            elif result.article is not None:
                yield result.article

    failed_coding = 0
    workers = args.workers or available_cores()
    # a bar on a terminal only, and not over events streamed to that same terminal
    bar = _Bar() if show_progress() and not args.quiet and not sink.to_terminal else None
    results = code_results(readable(), workers=workers, include_background=args.background, ordered=True)
    written = 0
    try:
        if bar is not None:
            bar.start(None)
        with closing(results):  # stopped early (| head, Ctrl-C): the workers stop too
            for r in results:
                if bar is not None:
                    bar.advance()
                if r.error is not None:  # one bad article must not stop the batch
                    print(f"dateline: error: {r.article.id}: could not be coded ({r.error})", file=sys.stderr)
                    failed_coding += 1
                    continue
                coded += 1
                written += len(r.events)
                sink.write(r.events)  # streamed: each article's lines as it finishes
        if bar is not None:
            bar.stop()
            bar = None
        sink.finish()  # the table, rendered once all is coded
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM: say what was written, in one line
        from dateline.cli.signals import describe, exit_code

        if bar is not None:
            bar.stop()
            bar = None
        where = f" to {args.output}" if args.output else ""
        print(
            f"dateline: interrupted by {describe(exc)}: {coded} report(s) coded, their {written} event(s)"
            f" written{where}; the rest not coded",
            file=sys.stderr,
        )
        return exit_code(exc)
    finally:
        if bar is not None:
            bar.stop()
        sink.close()
    failed = len(unread) + failed_coding
    if failed:
        print(f"dateline: {coded} report(s) coded, {failed} could not be read or coded", file=sys.stderr)
    return 0 if coded else 1


def cmd_eval_actors(args: argparse.Namespace) -> int:
    import json

    from dateline.evaluate.actors import evaluate_file, format_actor_report
    from dateline.pipeline import default_pipeline

    try:
        report = evaluate_file(default_pipeline(), args.file)
    except (OSError, json.JSONDecodeError, KeyError, IndexError) as exc:
        print(
            f"dateline: error: {args.file}: not a WikiEvents-format file ({type(exc).__name__}: {exc})",
            file=sys.stderr,
        )
        return 1
    print(format_actor_report(report))
    return 0


def cmd_train_article(args: argparse.Namespace) -> int:
    from dateline.events.coref import MODEL_FILE as COREF_FILE
    from dateline.time.status import MODEL_FILE, model_path
    from dateline.time.status_train import labelled_articles, train_coref, train_status

    out_dir = args.out_dir or model_path().parent
    try:
        arts = list(labelled_articles(args.articles, args.real))
        _, text = train_status(arts, out_dir / MODEL_FILE)
        print(text)
        print(train_coref(arts, out_dir / COREF_FILE))
    except (ValueError, FileNotFoundError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out_dir / MODEL_FILE} and {out_dir / COREF_FILE}")
    return 0


def cmd_eval_records(args: argparse.Namespace) -> int:
    from dateline.evaluate.records import (
        RecordsFileError,
        code_with,
        evaluate,
        format_records_report,
        read_docs,
        read_gold,
    )
    from dateline.pipeline import default_pipeline

    try:
        docs, gold = read_docs(args.docs), read_gold(args.gold)
        report = evaluate(code_with(default_pipeline()), docs, gold)
    except RecordsFileError as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    print(format_records_report(report, verbose=args.verbose))
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    from dateline.actors.dictionary import ActorDictionary, add_user_actor

    if args.actors_cmd == "add":
        try:
            path = add_user_actor(args.name, args.inter, args.alias, args.country, args.wikidata, args.file)
        except ValueError as exc:
            print(f"dateline: error: {exc}", file=sys.stderr)
            return 1
        print(f"{args.name} (inter {args.inter}) written to {path}")
        return 0
    dictionary = ActorDictionary.load()
    for m in dictionary.find(args.text) + dictionary.find_generic(args.text):
        print(f"{m.text!r} -> {m.actor.name} (inter {m.actor.inter})")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from dateline.evaluate.events import format_report, summary_line
    from dateline.events.classifier import Example
    from dateline.events.training import train

    reviews: list[Example] = []
    if args.db and not args.reviews:
        print("dateline: error: --db is read with --reviews only", file=sys.stderr)
        return 2
    if args.reviews:
        from dateline.cli.store import _existing_store, _open_store
        from dateline.events.reviews import review_examples

        problem = _existing_store(args.db)
        if problem is not None:
            print(f"dateline: error: {problem}", file=sys.stderr)
            return 1
        try:
            store = _open_store(args.db)
        except Exception as exc:
            print(f"dateline: error: cannot open the store: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        with store:
            read = review_examples(store)
        for line in read.summary():
            print(line)
        reviews = read.examples
    try:
        result = train(
            args.corpus,
            args.out,
            cv=args.cv,
            real=args.real,
            real_labels=args.real_labels,
            features=args.features,
            reviews=reviews,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    kinds = f"{result.real_examples} real"
    if args.reviews:
        kinds += f", {result.review_examples} from reviews"
    print(f"examples: {result.examples} in {len(result.labels)} labels ({kinds})")
    for label, n in sorted(result.labels.items()):
        print(f"  {label:<38} {n:5d}")
    if result.cv_report is not None:
        print(f"\n{args.cv}-fold cross-validation (out-of-fold predictions):")
        print(format_report(result.cv_report))
    if result.calibration_report is not None:
        print("\n" + summary_line("held-out real items (calibration sixth)", result.calibration_report))
    print(f"temperature (calibrated on the held-out real items): {result.temperature:.3f}")
    print(f"\nmodel written to {result.out}")
    return 0


def cmd_eval_events(args: argparse.Namespace) -> int:
    from dateline.evaluate.events import (
        EvalFileError,
        by_source,
        calibration_line,
        format_report,
        predict,
        read_items,
        read_real_items,
        summary_line,
    )
    from dateline.evaluate.metrics import Report
    from dateline.pipeline import Pipeline, default_pipeline

    try:
        items = read_real_items(args.file, args.real) if args.real else read_items(args.file)
    except (EvalFileError, FileNotFoundError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    if not items:
        print(f"dateline: error: {args.file}: no items", file=sys.stderr)
        return 1
    if args.mode == "classifier":
        from dateline.events.classifier import shipped_classifier

        clf = shipped_classifier()
        if clf is None:
            print("dateline: error: no trained model is shipped; run `dateline train`", file=sys.stderr)
            return 1
        probs = clf.predict_proba(i.text for i in items)
        predicted = [clf.classes_[j] for j in probs.argmax(axis=1)]
        confidence: list[float | None] = [float(p) for p in probs.max(axis=1)]
    else:
        pipe = Pipeline.from_config(config={"type": {"classifier": False}}) if args.mode == "rules" else None
        pairs = list(predict(pipe or default_pipeline(), items))
        predicted, confidence = [p for p, _ in pairs], [c for _, c in pairs]
    gold = [i.label for i in items]
    print(format_report(Report(gold, predicted)))
    print("\n" + calibration_line(gold, predicted, confidence))
    sources = by_source(items, predicted)
    if sources:
        print("\nper source:")
        for name, rep in sources.items():
            print(summary_line(name, rep))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
