"""Compare event-typer variants (issue 12): choose by cross-validation on the training items,
then show every variant on the real dev split, so the choice is not made on dev.

    python scripts/compare_typers.py ../shared/train

For each variant: 5-fold cross-validation over the project's corpus plus the real training
labels (scored on the real items only), then a model fitted on all of them scored on
data/training/real/dev.tsv, overall and per source (the classifier alone, no rules).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dateline.evaluate.events import by_source, read_real_items, summary_line
from dateline.evaluate.metrics import Report
from dateline.events.classifier import EventClassifier, Example, embed, read_corpus
from dateline.events.training import REAL_PREFIX, cross_validate, real_examples

VARIANTS = [
    # (name, features, weight of a real item, C, use the project's corpus)
    ("tfidf, project corpus only (before)", "tfidf", 1.0, 8.0, "project"),
    ("tfidf, corpus + real", "tfidf", 2.0, 8.0, "both"),
    ("encoder, corpus + real", "encoder", 2.0, 4.0, "both"),
    ("encoder+tfidf, real only", "encoder+tfidf", 1.0, 4.0, "real"),
    ("encoder+tfidf, corpus + real x1", "encoder+tfidf", 1.0, 4.0, "both"),
    ("encoder+tfidf, corpus + real x2", "encoder+tfidf", 2.0, 4.0, "both"),
    ("encoder+tfidf, corpus + real x4", "encoder+tfidf", 4.0, 4.0, "both"),
    ("encoder+tfidf, corpus + real x2, C=1", "encoder+tfidf", 2.0, 1.0, "both"),
    ("encoder+tfidf, corpus + real x2, C=16", "encoder+tfidf", 2.0, 16.0, "both"),
]


def main(real_folder: str) -> None:
    real = Path(real_folder)
    project = read_corpus(Path("data/training/events"))
    reals = real_examples(Path("data/training/real"), real)
    dev = read_real_items(Path("data/training/real/dev.tsv"), real)
    t = time.time()
    all_texts = [e.text for e in project] + [e.text for e in reals]
    all_vec = embed(all_texts)
    dev_vec = embed([i.text for i in dev])
    print(f"encoded {len(all_texts) + len(dev)} texts in {time.time() - t:.0f} s")
    for name, features, weight, c, which in VARIANTS:
        t = time.time()
        idx = {"project": range(len(project)), "real": range(len(project), len(all_texts)),
               "both": range(len(all_texts))}[which]
        pool = [*project, *reals]
        examples = [Example(pool[i].id, pool[i].text, pool[i].label,
                            weight if pool[i].id.startswith(REAL_PREFIX) else 1.0) for i in idx]
        vec = all_vec[list(idx)]
        cv_line = "  (no real items in training: no cross-validation on them)"
        if which != "project":
            _, _, predicted = cross_validate(examples, 5, vec, features=features, c=c)
            sel = [i for i, e in enumerate(examples) if e.id.startswith(REAL_PREFIX)]
            cv = Report([examples[i].label for i in sel], [predicted[i] for i in sel])
            cv_line = summary_line("cv real", cv)
        clf = EventClassifier(features=features, c=c).fit(
            [e.text for e in examples], [e.label for e in examples], [e.weight for e in examples], vec
        )
        pred = clf.predict([i.text for i in dev], dev_vec)
        print(f"\n== {name}  ({time.time() - t:.0f} s)")
        print(cv_line)
        print(summary_line("dev", Report([i.label for i in dev], pred)))
        for src, rep in by_source(dev, pred).items():
            print(summary_line(f"dev {src}", rep))
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
