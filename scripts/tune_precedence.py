"""Choose the precedence between the trained typer and the rules (issue 12) on the held-out
calibration sixth of the real training items, never on the dev split.

    python scripts/tune_precedence.py ../shared/train [name=value ...] [--quick]

Codes each held-out item with the whole pipeline, one threshold of
`dateline.events.typing.Precedence` at a time (greedily: each keeps the best value found,
by weighted F1, for the next), starting from the defaults or the values given, and prints
weighted F1 and the 'none' rejection of every setting tried.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, replace
from pathlib import Path

from dateline.evaluate.events import Item, evaluate, summary_line
from dateline.events.training import is_calibration, real_examples
from dateline.events.typing import Precedence
from dateline.pipeline import Pipeline

GRID = {
    "rescue": (0.5, 0.7, 1.1),
    "none": (0.4, 0.5, 0.6, 0.7, 0.8),
    "cross_family": (0.5, 0.7, 0.9, 1.1),
    "override": (0.3, 0.45, 0.6),
    "over_sure": (0.6, 0.75, 0.9, 1.1),
    "none_over_sure": (0.6, 0.75, 0.9, 1.1),
}
#: a shorter grid around the chosen values, to check them again after retraining (--quick)
QUICK = {
    "rescue": (0.5, 0.7),
    "none": (0.4, 0.5, 0.6),
    "over_sure": (0.6, 0.75),
    "none_over_sure": (0.6, 0.75),
}


def main(real_folder: str, *start: str) -> None:
    grid = QUICK if "--quick" in start else GRID
    start = tuple(a for a in start if a != "--quick")
    held = [e for e in real_examples(Path("data/training/real"), Path(real_folder)) if is_calibration(e.id)]
    items = [Item(e.id, e.text, e.label) for e in held]
    best = Precedence(**{k: float(v) for k, v in (a.split("=") for a in start)})
    print(f"{len(items)} held-out real items; start: {asdict(best)}")
    scores: dict[tuple[float, ...], float] = {}
    for name, values in grid.items():
        for value in values:
            setting = replace(best, **{name: value})
            key = tuple(asdict(setting).values())
            if key not in scores:
                pipe = Pipeline.from_config(config={"type": {"precedence": asdict(setting)}})
                report = evaluate(pipe, items)
                scores[key] = report.weighted_f1()
                print(summary_line(f"{name}={value}", report), flush=True)
        best = max(
            (replace(best, **{name: v}) for v in values), key=lambda s: scores[tuple(asdict(s).values())]
        )
        print(f"-> {name}={getattr(best, name)}", flush=True)
    print(f"chosen: {asdict(best)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
