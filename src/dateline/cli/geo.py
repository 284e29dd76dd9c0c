"""The geography commands: ``dateline gazetteer import``, ``dateline geoparse`` and
``dateline eval geo``. :func:`add_geo_commands` adds their parsers; each parser sets
``geo_handler``, which :func:`dateline.cli.main.main` calls."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def add_geo_commands(sub: Any, eval_sub: Any) -> None:
    """Add ``gazetteer``, ``geoparse`` and ``eval geo`` to the CLI's subparsers."""
    gz = sub.add_parser("gazetteer", help="the offline gazetteer: import GeoNames files")
    gz_sub = gz.add_subparsers(dest="gazetteer_cmd", required=True)
    imp = gz_sub.add_parser(
        "import",
        help="add GeoNames dump files (villages the default gazetteer lacks)",
        description="Add GeoNames dump files to your gazetteer ($DATELINE_GAZETTEER, else "
        "~/.local/share/dateline/gazetteer): allCountries.zip or a country's XX.zip (or cities500.zip), "
        "admin1CodesASCII.txt, admin2Codes.txt, alternateNamesV2.zip. Files are streamed; "
        "every later run merges them into the index.",
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--dir", type=Path, help="gazetteer folder to write (default: your gazetteer folder)")
    imp.set_defaults(geo_handler=cmd_gazetteer_import)

    gp = sub.add_parser(
        "geoparse",
        help="find and resolve the place names of texts",
        description="Read JSON Lines {id, text, spans?} and write {id, places: [...]} per line. "
        "With spans (a list of [start, end] character offsets) exactly those spans are resolved "
        "(resolution-only mode). Reads every input `code` reads: text, HTML, RSS/Atom, CSV, folders.",
    )
    gp.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (.jsonl, ...); - or nothing reads stdin"
    )
    from dateline.cli.main import add_column_options

    add_column_options(gp)
    gp.add_argument("--no-demonyms", action="store_true", help="do not report demonyms (Syrian) as places")
    gp.add_argument("--country", help="ISO code or name of the country the texts are about, if known")
    gp.add_argument(
        "--no-entities",
        action="store_true",
        help="recognise toponyms by the gazetteer and cue rules alone, without parsing the texts "
        "with spaCy for their named entities (faster; persons and organisations may be taken for places)",
    )
    gp.set_defaults(geo_handler=cmd_geoparse)

    ev = eval_sub.add_parser(
        "geo",
        help="geocoding against a toponym corpus (TR-News/GeoVirus XML, GeoCorpora TSV, TUD-Loc2013 zip)",
        description="Acc@161, exact GeoNames id, country match and mean error, resolution-only "
        "(gold spans given) and end to end (with recognition precision/recall). The file's layout is "
        "told by its content: TR-News or GeoVirus XML, the GeoCorpora TSV (one article per tweet) or "
        "the TUD-Loc2013 zip (its 0-all folder, markup removed).",
    )
    ev.add_argument(
        "file", type=Path, help="TR-News.xml, GeoVirus.xml, geocorpora.tsv or TUD-Loc2013.zip (or alike)"
    )
    ev.add_argument(
        "--demonyms",
        choices=("auto", "yes", "no"),
        default="auto",
        help="count demonyms as toponyms end to end (auto: as the gold file does)",
    )
    ev.add_argument("--misses", type=int, default=0, metavar="N", help="also list N resolution-only misses")
    ev.add_argument(
        "--ranker",
        default="rules",
        metavar="rules|learned|PATH",
        help="the candidate ranker: the hand-set weights (default), the shipped model, or a model file",
    )
    ev.add_argument(
        "--no-entities",
        action="store_true",
        help="end to end, recognise by the gazetteer and cue rules alone (no spaCy named entities)",
    )
    ev.add_argument(
        "--raw-scores",
        action="store_true",
        help="report the resolver's raw scores instead of the calibrated chance a place is right",
    )
    ev.set_defaults(geo_handler=cmd_eval_geo)

    tg = sub.add_parser(
        "train-geo",
        help="rebuild the toponym candidate ranker",
        description="Train the candidate ranker on WikToR (--real ../shared/train) and, with --news "
        "../shared/dev, on TR-News and GeoVirus (then reported by cross-validation only); print the "
        "figures and write the model (default: the package's data/models/geo_ranker.joblib).",
    )
    tg.add_argument("--real", type=Path, required=True, metavar="PATH", help="../shared/train")
    tg.add_argument("--news", type=Path, metavar="PATH", help="folder with TR-News.xml and GeoVirus.xml")
    tg.add_argument("--kind", choices=("gbm", "logreg"), default="gbm", help="the classifier (default gbm)")
    tg.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    tg.add_argument("--no-cv", action="store_true", help="train only")
    tg.add_argument("--out", type=Path, help="model file to write")
    tg.add_argument(
        "--only",
        choices=("ranker", "calibration", "points"),
        help="rebuild only the ranker, the place-score calibration (fitted on --news) or the table of "
        "GeoNames' country and admin-unit points (from --news TR-News.xml); default all three",
    )
    tg.set_defaults(geo_handler=cmd_train_geo)


def cmd_train_geo(args: argparse.Namespace) -> int:
    from dateline.geo.calibration import shipped_calibration_path
    from dateline.geo.gazetteer import Gazetteer, geonames_points_path
    from dateline.geo.points_train import train_points
    from dateline.geo.ranker import shipped_path
    from dateline.geo.ranker_train import train_calibration, train_geo

    if args.only in ("calibration", "points") and args.news is None:
        print(
            f"dateline: error: --only {args.only} learns from the news sets: give --news ../shared/dev",
            file=sys.stderr,
        )
        return 1
    try:
        if args.only in (None, "points") and args.news is not None:
            # first: the ranker and the calibration are trained on the gazetteer's points
            print(train_points(args.news, geonames_points_path(), args.folds, not args.no_cv))
        gaz = Gazetteer.load()
        if args.only in (None, "ranker"):
            _, text = train_geo(
                args.real, args.news, args.out or shipped_path(), gaz, args.kind, args.folds, not args.no_cv
            )
            print(text)
        if args.only in (None, "calibration") and args.news is not None:
            _, text = train_calibration(args.news, gaz, shipped_calibration_path())
            print(text)
    except (ValueError, FileNotFoundError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from dateline.geo.gazetteer import Gazetteer
    from dateline.geo.geonames_import import import_files, user_gazetteer_dir

    dest = args.dir or user_gazetteer_dir()
    try:
        results = import_files(list(args.paths), dest)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    for r in results:
        print(f"{r.path}: {r.rows} {r.kind} -> {r.written}")
    gaz = Gazetteer.load(user_dir=dest)  # rebuild the cached index once, now
    stats = gaz.stats()
    print(f"gazetteer: {stats['cities']} places, {stats['subdivisions']} admin units, {stats['keys']} names")
    return 0


def _spans(obj: dict[str, Any], text: str) -> list[tuple[int, int]] | None:
    raw = obj.get("spans")
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise ValueError(f"spans must be a list of [start, end], got {type(raw).__name__}")
    n = len(text)
    out = []
    for s in raw:
        if not (isinstance(s, list | tuple) and len(s) == 2 and all(isinstance(x, int) for x in s)):
            raise ValueError(f"a span must be [start, end], got {s!r}")
        if not 0 <= s[0] < s[1] <= n:
            raise ValueError(f"span {list(s)} is outside the text (length {n})")
        out.append((s[0], s[1]))
    return out


def cmd_geoparse(args: argparse.Namespace) -> int:
    from dateline.cli.main import read_options
    from dateline.geo.entities import parse_entities
    from dateline.geo.gazetteer import Gazetteer
    from dateline.geo.geoparse import geoparse
    from dateline.ingest import read_inputs

    gaz = Gazetteer.load()
    done = failed = 0
    # the reader of `code` and `ingest`: one behaviour for bad files and lines in every command
    for result in read_inputs(args.paths, options=read_options(args)):
        if result.error is not None:
            print(result.error.cli_line(), file=sys.stderr)
            failed += not result.error.skipped
            continue
        assert result.article is not None
        obj = result.record or {}
        # a JSON line's text exactly as given (its spans count in it), else the text read
        text = obj["text"] if isinstance(obj.get("text"), str) else result.article.text
        try:
            spans = _spans(obj, text)
        except ValueError as exc:
            print(f"dateline: error: {result.where or result.article.id}: {exc}", file=sys.stderr)
            failed += 1
            continue
        ents = None if args.no_entities or spans is not None else parse_entities([text])[0]
        places = geoparse(
            text, gaz, spans=spans, demonyms=not args.no_demonyms, country_hint=args.country, entities=ents
        )
        out = {"id": obj.get("id", result.article.id), "places": [p.to_dict() for p in places]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        done += 1
    return 0 if done or not failed else 1


def cmd_eval_geo(args: argparse.Namespace) -> int:
    from dateline.evaluate.geo import GeoFileError, evaluate_geo, format_geo_report, read_geo_corpus
    from dateline.geo.gazetteer import Gazetteer

    try:
        articles = read_geo_corpus(args.file)
    except (OSError, GeoFileError) as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return 1
    demonyms = {"auto": None, "yes": True, "no": False}[args.demonyms]
    try:
        from dateline.geo.ranker import ranker_named

        ranker = ranker_named(args.ranker)
    except (OSError, ValueError) as exc:
        print(f"dateline: error: --ranker {args.ranker}: {exc}", file=sys.stderr)
        return 1
    report = evaluate_geo(
        articles,
        Gazetteer.load(),
        demonyms=demonyms,
        ranker=ranker,
        calibrated=not args.raw_scores,
        entities=not args.no_entities,
    )
    print(format_geo_report(report))
    if args.misses:
        print("\nresolution-only misses (article, phrase, our country, error km):")
        for aid, phrase, cc, km in report.misses[: args.misses]:
            print(f"  {aid}\t{phrase}\t{cc}\t{'-' if km is None else round(km)}")
    return 0
