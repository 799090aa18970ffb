"""The project's cache of sentence vectors (table `vector_cache`): float32 vectors stored as
blobs by model name and text key, read and written in one statement per batch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from alignments.store.project_store import ProjectStore
from alignments.store.sql import batches, placeholders


class ProjectVectorCache:
    """A `VectorCache` backed by the project file."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        found: dict[str, NDArray[np.float32]] = {}
        for chunk in batches(keys):
            marks = placeholders(chunk)
            rows = self.store.db.execute(
                f"SELECT text_key, vector FROM vector_cache WHERE model = ? AND text_key IN ({marks})", [model, *chunk]
            )
            found.update((key, np.frombuffer(blob, dtype=np.float32).copy()) for key, blob in rows)
        return found

    def put_vectors(self, model: str, vectors: dict[str, NDArray[np.float32]]) -> None:
        with self.store.transaction():
            self.store.db.conn.executemany(
                "INSERT OR REPLACE INTO vector_cache (model, text_key, vector) VALUES (?, ?, ?)",
                [(model, key, np.asarray(vector, dtype=np.float32).tobytes()) for key, vector in vectors.items()],
            )
