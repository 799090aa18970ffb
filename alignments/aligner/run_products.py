"""The cosines the embedding cost model asks of a band block, from box sums. A pooled run's
vector is the normalised sum of its sentences' vectors, so the dot product of two runs is the
sum of their sentences' dot products, divided by the two sums' norms: a box of ONE sentence-by-
sentence product. One such product per chunk of rows then serves every bead shape and the
neighbour terms, instead of five products of whole vectors per shape and cell. Also
`band_products`, vectors multiplied at a band block's cells (runs embedded whole, edge
clauses). numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

BOX_CHUNK = 64  # band rows per sentence product
BAND_CHUNK = 32  # band rows per matrix product in `band_products`
FloatArray = NDArray[np.float32]
IntArray = NDArray[np.int64]


def run_norms(sentences: FloatArray, longest: int) -> tuple[NDArray[np.float64], ...]:
    """`norms[d - 1][k]`: the norm of the sum of the d sentence vectors ending with sentence k
    (zero where k < d - 1)."""
    total = np.zeros(sentences.shape, dtype=np.float64)
    norms = []
    for length in range(1, longest + 1):
        if length <= len(sentences):
            total[length - 1 :] += sentences[: len(sentences) - length + 1]  # one sentence further back
        norms.append(np.linalg.norm(total, axis=1) * (np.arange(len(sentences)) >= length - 1))
    return tuple(norms)


@dataclass(frozen=True)
class _Box:
    """Prefix sums of one sentence product P = source[r0:r1] @ target[c0:c1].T: over rows
    (`rows`, a zero row first) and over columns (`columns`, a zero column first)."""

    r0: int
    r1: int
    c0: int
    c1: int
    rows: NDArray[np.float64]
    columns: NDArray[np.float64]

    @classmethod
    def of(cls, source: FloatArray, target: FloatArray, r0: int, r1: int, c0: int, c1: int) -> _Box:
        product = (source[r0:r1] @ target[c0:c1].T).astype(np.float64)
        rows = np.zeros((r1 - r0 + 1, c1 - c0))
        np.cumsum(product, axis=0, out=rows[1:])
        columns = np.zeros((r1 - r0, c1 - c0 + 1))
        np.cumsum(product, axis=1, out=columns[:, 1:])
        return cls(r0, r1, c0, c1, rows, columns)

    def holds(self, r0: int, r1: int, c0: int, c1: int) -> bool:
        return self.r0 <= r0 and r1 <= self.r1 and self.c0 <= c0 and c1 <= self.c1


class BoxProducts:
    """For two sides' sentence vectors (unit or zero) and their run norms: the cosines of pooled
    runs and their neighbours over a band block (`terms`), with each chunk's sentence product
    kept while the next shapes need the same rows and columns."""

    def __init__(
        self, source: FloatArray, target: FloatArray, source_norms: tuple[NDArray[np.float64], ...],
        target_norms: tuple[NDArray[np.float64], ...],
    ) -> None:
        self.source, self.target = source, target
        self.source_norms, self.target_norms = source_norms, target_norms
        self.longest = len(source_norms)
        self._boxes: dict[int, _Box] = {}

    def terms(self, di: int, dj: int, ends: IntArray, columns: IntArray) -> tuple[FloatArray, ...]:
        """For the run of di source sentences ending with sentence ends[r] and the run of dj
        target sentences ending before columns[r, k] (ends (R,), columns (R, W), the runs inside
        the texts): their cosine, and the cosines of the source run with the target sentences
        just before and after its run, and of the target run with the source sentences just
        before and after its run (at a text's edge: its first or last sentence)."""
        parts = [self._chunk(di, dj, ends[s : s + BOX_CHUNK], columns[s : s + BOX_CHUNK], s) for s in range(0, len(ends), BOX_CHUNK)]
        return tuple(np.concatenate(values).astype(np.float32) for values in zip(*parts, strict=True))

    def _chunk(self, di: int, dj: int, ends: IntArray, columns: IntArray, start: int) -> tuple[NDArray[Any], ...]:
        n, m = len(self.source), len(self.target)
        box = self._box(start, max(int(ends.min()) - self.longest - 1, 0), min(int(ends.max()) + 2, n),
                        max(int(columns.min()) - self.longest - 1, 0), min(int(columns.max()) + 1, m))
        local = ends - box.r0
        by_column = box.rows[local + 1] - box.rows[local + 1 - di]  # the source run with each target sentence
        run_box = np.zeros((len(ends), by_column.shape[1] + 1))
        np.cumsum(by_column, axis=1, out=run_box[:, 1:])
        first, last = columns - dj - box.c0, columns - box.c0  # the target run's prefix bounds
        own = np.take_along_axis(run_box, last, axis=1) - np.take_along_axis(run_box, first, axis=1)
        before = np.take_along_axis(by_column, np.maximum(columns - dj - 1, 0) - box.c0, axis=1)
        after = np.take_along_axis(by_column, np.minimum(columns, m - 1) - box.c0, axis=1)
        above_rows = box.columns[np.maximum(ends - di, 0) - box.r0]
        below_rows = box.columns[np.minimum(ends + 1, n - 1) - box.r0]
        above = np.take_along_axis(above_rows, last, axis=1) - np.take_along_axis(above_rows, first, axis=1)
        below = np.take_along_axis(below_rows, last, axis=1) - np.take_along_axis(below_rows, first, axis=1)
        source_norm = self.source_norms[di - 1][ends][:, None]
        target_norm = self.target_norms[dj - 1][columns - 1]
        return (
            _divided(own, source_norm * target_norm), _divided(before, source_norm), _divided(after, source_norm),
            _divided(above, target_norm), _divided(below, target_norm),
        )

    def _box(self, start: int, r0: int, r1: int, c0: int, c1: int) -> _Box:
        box = self._boxes.get(start)
        if box is None or not box.holds(r0, r1, c0, c1):
            box = self._boxes[start] = _Box.of(self.source, self.target, r0, r1, c0, c1)
        return box


def _divided(values: NDArray[np.float64], norms: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.divide(values, norms, out=np.zeros(np.broadcast_shapes(values.shape, norms.shape)), where=norms > 0)


def band_products(left: FloatArray, right: FloatArray, indices: NDArray[np.int64]) -> FloatArray:
    """`left[r] @ right[indices[r, k]]` for every cell of a band block (indices (R, W), rows
    in order, each row's indices increasing with the row): BAND_CHUNK rows at a time, each
    chunk multiplied with only the span of *right* its own rows search, not the span of the
    whole block (wider by the band's slope over the block's rows)."""
    products = np.empty(indices.shape, dtype=np.result_type(left, right))
    for start in range(0, len(left), BAND_CHUNK):
        chunk = indices[start : start + BAND_CHUNK]
        first, last = int(chunk.min()), int(chunk.max())
        block = left[start : start + BAND_CHUNK] @ right[first : last + 1].T
        products[start : start + BAND_CHUNK] = np.take_along_axis(block, chunk - first, axis=1)
    return products
