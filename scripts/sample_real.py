"""Draw the real items the project labels with ACLED sub-event types (issue 12).

The dev split is drawn first, from other years than the training items (Wikipedia 2012, 2016,
2019, 2024; VOA 2013 and 2017; MUC-4 reports of 1990), stratified by source and by the label
each source suggests (portal section, ACE event type, MUC relevance, and a pool of items whose
words point at the rare ACLED classes). The training items come from every other year.

    python scripts/sample_real.py ../shared/train OUT_FOLDER
    python scripts/sample_real.py ../shared/train OUT_FOLDER 2

writes OUT_FOLDER/{dev,train}-NN.tsv (id, source, section, text) for labelling and
OUT_FOLDER/double.tsv, 300 dev items for a second, blind labeller. The text stays outside the
project; only ids and labels come back into data/training/real.

Round 2 draws more training items only (OUT_FOLDER/train2-NN.tsv), from the same training years,
leaving out every id already labelled in data/training/real, with more weight on the pools where
events are (the conflict section, the rare classes' words, VOA events, MUC-4 incidents).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

from dateline.events.real import CONFLICT_SECTION, RealItem, read_real

DEV_YEARS = {"wiki": {2012, 2016, 2019, 2024}, "voa": {2013, 2017}, "muc": {1990}}
NEGATIVE_SECTIONS = (
    "Law and crime", "Politics and elections", "International relations", "Disasters and accidents",
    "Business and economy", "Health and environment", "Sports",
)
ACE_EVENTS = ("Conflict:Attack", "Conflict:Demonstrate", "Justice:Arrest-Jail", "Life:Die", "Life:Injure")
# words of the classes the project's own corpus and the portal's conflict section rarely hold
RARE = re.compile(
    r"\b(protest\w*|demonstrat\w+|riot\w*|lynch\w*|mob|vigilante\w*|tear gas|water cannon|rubber bullets|"
    r"defus\w+|intercept\w+|shot down|seiz\w+ (?:weapons|arms|explosives|ammunition)|arms cache|"
    r"weapons cache|surrender\w*|ceasefire|truce|prisoner (?:swap|exchange)|released? \w+ hostages|"
    r"deploy\w*|withdr[ae]w\w*|pull(?:ed)? out|reinforcement\w*|defect\w*|merge[ds]?|recruit\w*|"
    r"coup|displaced|fled their homes|mass grave|abduct\w*|kidnap\w*|rape\w*|sexual violence|"
    r"grenade\w*|suicide bomb\w*|mortar\w*|rocket\w*|drone\w*|landmine\w*|looted|looting|torched|"
    r"arrest\w* (?:of )?(?:the )?(?:opposition|leader|activist|journalist)\w*|crackdown|"
    r"takes? control|captur\w+|recaptur\w+|retak\w+|abandon\w+|base|headquarters)\b",
    re.I,
)

DEV_SIZES = {"conflict": 420, "rare": 260, "negative": 50, "uncategorized": 120,
             "voa_event": 160, "voa_none": 90, "muc_relevant": 150, "muc_irrelevant": 50}
TRAIN_SIZES = {"conflict": 1700, "rare": 800, "negative": 230, "uncategorized": 400,
               "voa_event": 500, "voa_none": 300, "muc_relevant": 700, "muc_irrelevant": 200}
TRAIN_SIZES_2 = {"conflict": 2000, "rare": 1500, "negative": 100, "uncategorized": 600,
                 "voa_event": 400, "voa_none": 200, "muc_relevant": 600, "muc_irrelevant": 100}
BATCH = 320
LABELLED = Path(__file__).resolve().parent.parent / "data" / "training" / "real"


def pools(items: list[RealItem], dev: bool) -> dict[str, list[RealItem]]:
    def keep(it: RealItem) -> bool:
        in_dev = it.year in DEV_YEARS[it.source]
        return in_dev if dev else (not in_dev and it.year is not None)

    out: dict[str, list[RealItem]] = {}
    for it in items:
        if not keep(it) or len(it.text) < 25:
            continue
        if it.source == "wiki":
            if it.section == CONFLICT_SECTION:
                out.setdefault("conflict", []).append(it)
            elif it.section in NEGATIVE_SECTIONS:
                out.setdefault(f"negative:{it.section}", []).append(it)
            elif it.section is None:
                out.setdefault("uncategorized", []).append(it)
            if it.section != CONFLICT_SECTION and RARE.search(it.text):
                out.setdefault("rare", []).append(it)
        elif it.source == "voa":
            ace = set((it.section or "").split(";")) & set(ACE_EVENTS)
            kind = "voa_event" if ace else ("voa_none" if not it.section else "voa_other")
            out.setdefault(kind, []).append(it)
        else:
            out.setdefault("muc_irrelevant" if it.section == "IRRELEVANT" else "muc_relevant", []).append(it)
    return out


def draw(
    items: list[RealItem], sizes: dict[str, int], dev: bool, taken: set[str], seed: int
) -> list[RealItem]:
    rng = random.Random(seed)
    chosen: list[RealItem] = []
    for name, pool in sorted(pools(items, dev).items()):
        n = sizes.get("negative" if name.startswith("negative:") else name, 0)
        pool = [it for it in pool if it.id not in taken]
        rng.shuffle(pool)
        for it in pool[:n]:
            taken.add(it.id)
            chosen.append(it)
    rng.shuffle(chosen)
    return chosen


def write(path: Path, items: list[RealItem]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        w.writerow(["id", "source", "section", "text"])
        for it in items:
            w.writerow([it.id, it.source, it.section or "", it.text.replace("\t", " ")])


def main(train_folder: str, out_folder: str, round_: str = "1") -> None:
    items = list(read_real(Path(train_folder)).values())
    out = Path(out_folder)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    if round_ == "2":
        for path in LABELLED.glob("*.tsv"):
            with path.open(encoding="utf-8") as fh:
                taken.update(row["id"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        more = draw(items, TRAIN_SIZES_2, False, taken, seed=15)
        for k in range(0, len(more), BATCH):
            write(out / f"train2-{k // BATCH + 1:02d}.tsv", more[k : k + BATCH])
        print(f"train round 2: {len(more)} items in {(len(more) + BATCH - 1) // BATCH} batches")
        return
    dev = draw(items, DEV_SIZES, True, taken, seed=12)
    train = draw(items, TRAIN_SIZES, False, taken, seed=13)
    for name, split in (("dev", dev), ("train", train)):
        for k in range(0, len(split), BATCH):
            write(out / f"{name}-{k // BATCH + 1:02d}.tsv", split[k : k + BATCH])
        print(f"{name}: {len(split)} items in {(len(split) + BATCH - 1) // BATCH} batches")
    write(out / "double.tsv", random.Random(14).sample(dev, 300))


if __name__ == "__main__":
    main(*sys.argv[1:4])
