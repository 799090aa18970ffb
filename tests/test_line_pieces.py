"""A line that holds several sentences (a translation that joins them, or input given one line
a unit) is embedded sentence by sentence and its vector is their pool, as a run's is
(alignments/aligner/run_vectors.py `pieces`); a cache filled before still serves."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from alignments.aligner.run_vectors import MemoryCache, VectorMode, cached_run_vectors, pieces, run_vectors_for, text_key


class HashEmbedder:
    """A stand-in for the model: each text's vector drawn from a seed of its own (unit length)."""

    name = "hash"
    cosine_scale = 1.0

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.asked += texts
        return np.array([vector(text) for text in texts])


def vector(text: str) -> NDArray[np.float32]:
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
    values = np.random.default_rng(seed).normal(size=8).astype(np.float32)
    return values / np.linalg.norm(values)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Er kam. Sie ging! War es so? Ja.", ["Er kam.", "Sie ging!", "War es so?", "Ja."]),
        ("Berechnungen . Die neue Kote", ["Berechnungen .", "Die neue Kote"]),
        ("Dr. Georg Weiler kam. E. Gattinger nicht.", ["Dr. Georg Weiler kam.", "E. Gattinger nicht."]),
        ("Am 12. Mai, u. dgl. m. Aber nicht.", ["Am 12. Mai, u. dgl. m.", "Aber nicht."]),
        ("他来了。我走了！好", ["他来了。", "我走了！", "好"]),
        ("他说：“走吧。”然后他就走了。", ["他说：“走吧。”", "然后他就走了。"]),
        ("彼は「行こう。」と言った。彼女は笑った。", ["彼は「行こう。」と言った。", "彼女は笑った。"]),
        ("One sentence only.", ["One sentence only."]),
        (" ", []),
    ],
)
def test_a_line_is_cut_where_a_sentence_ends(line: str, expected: list[str]) -> None:
    assert pieces(line) == expected


def test_a_line_of_several_sentences_is_the_pool_of_their_vectors() -> None:
    embedder = HashEmbedder()
    runs = run_vectors_for([["Er kam. Sie ging.", "Ja."], ["Yes."]], embedder, MemoryCache(), VectorMode.POOLED)
    assert sorted(embedder.asked) == ["Er kam.", "Ja.", "Sie ging.", "Yes."]
    pool = vector("Er kam.") + vector("Sie ging.")
    assert np.allclose(runs[0].runs[0][0], pool / np.linalg.norm(pool), atol=1e-6)
    assert np.allclose(runs[0].runs[0][1], vector("Ja."), atol=1e-6)


def test_a_cache_that_holds_the_whole_line_still_serves() -> None:
    """Vectors cached before lines were embedded in pieces: the line's own vector is used."""
    cache = MemoryCache()
    cache.put_vectors("hash", {text_key(text): vector(text) for text in ("Er kam. Sie ging.", "Yes.")})
    runs = cached_run_vectors([["Er kam. Sie ging."], ["Yes."]], "hash", cache, VectorMode.POOLED)
    assert runs is not None
    assert np.allclose(runs[0].runs[0][0], vector("Er kam. Sie ging."), atol=1e-6)
    assert cached_run_vectors([["Er kam. Sie ging.", "Nein."], ["Yes."]], "hash", cache, VectorMode.POOLED) is None
