"""A cache of sentence vectors in a folder, shared by the processes of a batch (or by the
machines of a cluster that see the same folder): one small file per vector, under a folder per
model, written under a temporary name and renamed into place, so readers never see half a file
and writers never need a lock."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class FolderVectorCache:
    """A `VectorCache` kept as files in *folder* (made when missing)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        found: dict[str, NDArray[np.float32]] = {}
        place = self._model_folder(model)
        for key in keys:
            try:
                data = (place / f"{key}.f32").read_bytes()
            except OSError:
                continue
            found[key] = np.frombuffer(data, dtype=np.float32).copy()
        return found

    def put_vectors(self, model: str, vectors: dict[str, NDArray[np.float32]]) -> None:
        place = self._model_folder(model)
        place.mkdir(parents=True, exist_ok=True)
        for key, vector in vectors.items():
            descriptor, temporary = tempfile.mkstemp(prefix=f".{key}.", dir=place)
            with open(descriptor, "wb") as handle:
                handle.write(np.asarray(vector, dtype=np.float32).tobytes())
            os.replace(temporary, place / f"{key}.f32")

    def _model_folder(self, model: str) -> Path:
        return self.folder / _UNSAFE.sub("_", model)
