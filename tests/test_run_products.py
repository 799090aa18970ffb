"""Box sums of one sentence product give the cosines of pooled runs and of their neighbours
(alignments/aligner/run_products.py): the same as the products of the runs' own vectors, and
the sentence-by-sentence distances as the products of each sentence with the other run."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alignments.aligner.run_vectors import LONGEST_RUN, pooled_runs
from alignments.aligner.semantics import Semantics


@st.composite
def band_blocks(draw: st.DrawFn) -> tuple[Semantics, int, int, np.ndarray, np.ndarray]:
    """Random sentence vectors (some zero, as for an empty sentence) on two sides, a bead shape
    and a sloping band block of cells inside the texts."""
    n, m = draw(st.integers(8, 90)), draw(st.integers(8, 90))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    sides = []
    for count in (n, m):
        vectors = rng.normal(size=(count, 6)).astype(np.float32)
        vectors[rng.random(count) < 0.1] = 0.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        sides.append(np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0))
    di, dj = draw(st.integers(1, LONGEST_RUN)), draw(st.integers(1, LONGEST_RUN))
    first = draw(st.integers(di, n))
    rows = np.arange(first, min(first + draw(st.integers(1, 150)), n + 1))
    width, slope = draw(st.integers(1, 30)), draw(st.floats(0.0, 2.0))
    lo = (rows * slope).astype(np.int64)
    columns = np.clip(lo[:, None] + np.arange(width)[None, :], dj, m)
    return Semantics.of(pooled_runs(sides[0]), pooled_runs(sides[1])), di, dj, rows[:, None], columns


@settings(max_examples=60, deadline=None)
@given(band_blocks())
def test_box_sums_are_the_products_of_the_runs_vectors(block: tuple[Semantics, int, int, np.ndarray, np.ndarray]) -> None:
    semantics, di, dj, rows, columns = block
    ends, n, m = rows[:, 0] - 1, len(semantics.source), len(semantics.target)
    source_run, target_run = semantics.source.runs[di - 1], semantics.target.runs[dj - 1]
    source_units, target_units = semantics.source.runs[0], semantics.target.runs[0]
    own = np.einsum("rd,rkd->rk", source_run[ends], target_run[columns - 1])
    neighbours = (
        np.einsum("rd,rkd->rk", source_run[ends], target_units[np.clip(columns - dj - 1, 0, m - 1)])
        + np.einsum("rd,rkd->rk", source_run[ends], target_units[np.clip(columns, 0, m - 1)])
        + np.einsum("rd,rkd->rk", source_units[np.clip(ends - di, 0, n - 1)], target_run[columns - 1])
        + np.einsum("rd,rkd->rk", source_units[np.clip(ends + 1, 0, n - 1)], target_run[columns - 1])
    ) / 4
    # each sentence's cosine distance to the other run, in units of that run's baseline, summed and halved
    source_members = ends[:, None] - np.arange(di)[None, :]  # (R, di)
    target_members = (columns - 1)[:, :, None] - np.arange(dj)[None, None, :]  # (R, W, dj)
    source_distances = di - np.einsum("rad,rkd->rk", source_units[source_members], target_run[columns - 1])
    target_distances = dj - np.einsum("rd,rkbd->rk", source_run[ends], target_units[target_members])
    expected = (
        source_distances / semantics.target_baselines[dj - 1][columns - 1]
        + target_distances / semantics.source_baselines[di - 1][ends][:, None]
    ) / 2
    distances, margins = semantics.terms(di, dj, rows, columns)
    np.testing.assert_allclose(distances, expected, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(margins, own - neighbours, atol=1e-5)
