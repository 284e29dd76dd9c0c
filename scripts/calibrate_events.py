"""Fit the mapping from the typer's reading to an event's `confidence` (issue 12) on the held-out
calibration sixth of the real training items, never on the dev split.

    python scripts/calibrate_events.py ../shared/train

Codes each held-out item with the whole pipeline, keeps the first event's typer reading and
whether its sub-event type is right, and fits confidence = sigmoid(a * logit(reading) + b)
(Platt scaling). Prints a and b (the defaults of `Assembler.confidence_scale`) and the
calibration error before and after.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from dateline.evaluate.events import Item
from dateline.evaluate.metrics import expected_calibration_error
from dateline.events.training import is_calibration, real_examples
from dateline.ingest.text import parse_plain_text
from dateline.pipeline import Pipeline


def main(real_folder: str) -> None:
    held = [e for e in real_examples(Path("data/training/real"), Path(real_folder)) if is_calibration(e.id)]
    items = [Item(e.id, e.text, e.label) for e in held]
    pipe = Pipeline.from_config(config={"assemble": {"confidence_scale": [1.0, 0.0]}})
    reading, correct = [], []
    for item in items:
        events = [e for e in pipe(parse_plain_text(item.text, item.id)) if not e.is_background]
        if events:
            reading.append(min(max(events[0].confidence, 1e-4), 1 - 1e-4))
            correct.append(events[0].sub_event_type == item.label)
    x = np.log(np.array(reading) / (1 - np.array(reading))).reshape(-1, 1)
    fit = LogisticRegression(C=1e6).fit(x, correct)
    a, b = float(fit.coef_[0][0]), float(fit.intercept_[0])
    after = 1 / (1 + np.exp(-(a * x[:, 0] + b)))
    print(f"{len(reading)} events; ECE before {expected_calibration_error(reading, correct):.3f}, "
          f"after {expected_calibration_error(after, correct):.3f}; a = {a:.3f}, b = {b:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
