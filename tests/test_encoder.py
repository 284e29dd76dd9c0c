"""The sentence encoder shipped in the package (MiniLM on ONNX Runtime)."""

from __future__ import annotations

import numpy as np

from dateline.nlp.encoder import DIM, shipped_encoder


def test_vectors_are_unit_length_and_order_is_kept() -> None:
    texts = ["Troops clashed with rebels near the border.", "", "Prices rose again in March."]
    vec = shipped_encoder().encode(texts)
    assert vec.shape == (3, DIM) and vec.dtype == np.float32
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-3)
    again = shipped_encoder().encode(texts[::-1])
    assert np.allclose(again[::-1], vec, atol=1e-4)  # batching sorts by length, output does not


def test_meaning_is_closer_than_words() -> None:
    a, b, c = shipped_encoder().encode(
        [
            "Soldiers were killed when insurgents ambushed their convoy.",
            "Militants attacked an army patrol, leaving several troops dead.",
            "The central bank left interest rates unchanged on Tuesday.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_long_texts_are_cut_not_refused() -> None:
    vec = shipped_encoder().encode(["word " * 2000])
    assert vec.shape == (1, DIM) and np.isfinite(vec).all()


def test_no_text_no_vector() -> None:
    assert shipped_encoder().encode([]).shape == (0, DIM)


def test_a_texts_vector_does_not_depend_on_the_texts_beside_it() -> None:
    """An article codes the same alone and in a batch of others (the int8 model scales its
    activations per run)."""
    text = "Gunmen killed three traders in Maiduguri on Monday."
    alone = shipped_encoder().encode([text])
    among = shipped_encoder().encode(["A long sentence about the weather and the markets. " * 5, text, "Hi."])
    assert np.array_equal(alone[0], among[1])
