"""Real, openly licensed text the project labels: readers that turn the files of a training
folder (``../shared/train`` here; see its SOURCES.md) into items with stable ids.

The project keeps only ids and its own labels (``data/training/real/*.tsv``); the text is read
back from the folder given to ``dateline train --real PATH``. Each item has a ``source``:

- ``wiki``: a Wikipedia Current Events item (``wikipedia-current-events.jsonl.gz``), or an item
  of the portal's armed-conflict section for 2021, whose headings the first file lacks
  (``wikipedia-armed-conflicts-2010-2021.jsonl.gz``; ids start with ``ac:``);
- ``voa``: a Voice of America sentence with ACE events (``voa-ace-sentences.jsonl.gz``);
- ``muc``: one paragraph of a MUC-3/4 report (``muc4-train-1300.jsonl.gz``), id ``DOCID:pN``.

Whole articles, for the article-level models and the record gold, come from the same files:
:func:`voa_articles` joins a VOA article's sentences in order (id ``VOA_EN_NW_YYYY.MM.DD.N``,
published on the date of its id), :func:`muc_articles` keeps a MUC report whole (published on
the date of its dateline).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

WIKI_FILE = "wikipedia-current-events.jsonl.gz"
WIKI_CONFLICT_FILE = "wikipedia-armed-conflicts-2010-2021.jsonl.gz"
VOA_FILE = "voa-ace-sentences.jsonl.gz"
MUC_FILE = "muc4-train-1300.jsonl.gz"
CONFLICT_SECTION = "Armed conflicts and attacks"

_PARAGRAPH = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")
_MUC_DATE = re.compile(r"\b\d{1,2} [A-Z]{3} (\d\d)\b")
_VOA_DATE = re.compile(r"_(\d{4})\.\d\d\.\d\d\.")


@dataclass(frozen=True, slots=True)
class RealItem:
    """One unit of real text: a Current Events item, a VOA sentence, a MUC paragraph."""

    id: str
    source: str
    text: str
    year: int | None
    section: str | None = None  # portal section, ACE event types or MUC incident types
    meta: dict[str, str] = field(default_factory=dict, compare=False)


def _jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _year(text: str | None) -> int | None:
    return int(text[:4]) if text and text[:4].isdigit() else None


def wiki_items(folder: Path) -> Iterator[RealItem]:
    for d in _jsonl(folder / WIKI_FILE):
        if d.get("category") == "__topic_heading__" or not (d.get("text") or "").strip():
            continue
        yield RealItem(
            d["id"],
            "wiki",
            d["text"].strip(),
            _year(d.get("date")),
            d.get("category"),
            {"topic": d.get("topic_hint") or ""},
        )
    conflict = folder / WIKI_CONFLICT_FILE
    if conflict.exists():
        for d in _jsonl(conflict):
            if (d.get("date") or "").startswith("2021") and (d.get("text") or "").strip():
                yield RealItem(f"ac:{d['id']}", "wiki", d["text"].strip(), 2021, d.get("category"))


def voa_items(folder: Path) -> Iterator[RealItem]:
    for d in _jsonl(folder / VOA_FILE):
        m = _VOA_DATE.search(d["sentence_id"])
        types = sorted({e.get("type", "") for e in d.get("events") or []})
        yield RealItem(
            d["sentence_id"],
            "voa",
            _SPACE.sub(" ", d["sentence"]).strip(),
            int(m.group(1)) if m else None,
            ";".join(types),
        )


def muc_paragraphs(text: str) -> list[str]:
    """A MUC report cut into paragraphs, whitespace made single spaces."""
    return [_SPACE.sub(" ", p).strip() for p in _PARAGRAPH.split(text) if p.strip()]


def muc_items(folder: Path) -> Iterator[RealItem]:
    for d in _jsonl(folder / MUC_FILE):
        m = _MUC_DATE.search(d["text"][:300])
        year = 1900 + int(m.group(1)) if m and int(m.group(1)) > 50 else None
        types = ";".join(sorted(set(d.get("incident_types") or []))) or "IRRELEVANT"
        for i, para in enumerate(muc_paragraphs(d["text"])):
            yield RealItem(f"{d['docid']}:p{i}", "muc", para, year, types)


@dataclass(frozen=True, slots=True)
class RealArticle:
    """A whole real article: what ``dateline code`` reads from a JSON line."""

    id: str
    source: str
    text: str
    published: str | None  # YYYY-MM-DD

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "text": self.text, "published": self.published, "source": self.source}


_VOA_DAY = re.compile(r"_(\d{4})\.(\d\d)\.(\d\d)\.")
_MUC_DAY = re.compile(r"\b(\d{1,2}) ([A-Z]{3}) (\d\d)\b")
_MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}


def voa_articles(folder: Path) -> Iterator[RealArticle]:
    """The VOA articles of ``voa-ace-sentences.jsonl.gz``, their sentences joined in order, one
    line each, with the full stop the source dropped (the first line is the headline run into the
    first sentence, as the source has it)."""
    parts: dict[str, list[tuple[int, str]]] = {}
    for d in _jsonl(folder / VOA_FILE):
        aid, _, n = d["sentence_id"].rpartition("_")
        parts.setdefault(aid, []).append((int(n), _SPACE.sub(" ", d["sentence"]).strip()))
    for aid in sorted(parts):
        m = _VOA_DAY.search(aid)
        day = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
        lines = [t if t[-1:] in ".!?\"'”’)" else t + "." for _, t in sorted(parts[aid]) if t]
        yield RealArticle(aid, "voa", "\n".join(lines), day)


def muc_articles(folder: Path) -> Iterator[RealArticle]:
    """The MUC-3/4 reports, whole, paragraphs kept, published on the day of their dateline."""
    for d in _jsonl(folder / MUC_FILE):
        m = _MUC_DAY.search(d["text"][:300])
        day = None
        if m and m.group(2) in _MONTHS:
            day = f"19{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
        yield RealArticle(d["docid"], "muc", "\n\n".join(muc_paragraphs(d["text"])), day)


ARTICLE_READERS = {"voa": voa_articles, "muc": muc_articles}


def read_articles(folder: Path, ids: set[str] | None = None) -> dict[str, RealArticle]:
    """The real articles of ``folder`` (all, or those with the given ids), by id."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (give the path of the real training text)")
    out = {}
    for reader in ARTICLE_READERS.values():
        for a in reader(folder):
            if ids is None or a.id in ids:
                out[a.id] = a
    return out


READERS = {"wiki": wiki_items, "voa": voa_items, "muc": muc_items}


def read_real(folder: Path, sources: tuple[str, ...] = ("wiki", "voa", "muc")) -> dict[str, RealItem]:
    """Every item of the named sources found in ``folder``, by id."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder (give the path of the real training text)")
    out: dict[str, RealItem] = {}
    for source in sources:
        for item in READERS[source](folder):
            out[item.id] = item
    return out


@dataclass(frozen=True, slots=True)
class RealLabel:
    id: str
    source: str
    label: str
    reason: str


def read_labels(path: Path) -> list[RealLabel]:
    """A label file of ``data/training/real``: columns ``id``, ``source``, ``label``, ``reason``."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"id", "source", "label"} - set(rows.fieldnames or ())
        if missing:
            raise ValueError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
        return [
            RealLabel(r["id"], r["source"], r["label"].strip(), (r.get("reason") or "").strip())
            for r in rows
            if (r.get("label") or "").strip()
        ]


def with_text(labels: list[RealLabel], folder: Path) -> list[tuple[RealLabel, str]]:
    """Each label with the text of its item, read from ``folder``; an id the folder lacks is a
    ValueError naming how many and the first."""
    texts = read_real(folder, tuple(sorted({lab.source for lab in labels})))
    missing = [lab.id for lab in labels if lab.id not in texts]
    if missing:
        raise ValueError(f"{len(missing)} labelled ids not found in {folder} (first: {missing[0]})")
    return [(lab, texts[lab.id].text) for lab in labels]
