"""The dynamic programme itself: fill the band row by row, then trace the cheapest path back.

Besides the ordinary beads, each cell knows the best way to reach it while inside a run of
sentences without counterpart: a vertical run (1:0 beads, source only) or a horizontal one
(0:1 beads, target only). A run pays its opening cost once, so a block of captions or OCR
junk on one side stays together instead of being smeared into the neighbouring beads.
Per row everything is a handful of numpy operations over the band's width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.band import Band
from alignments.aligner.costs import RING, CostModel
from alignments.aligner.shapes import BEAD_SHAPES, NULL_SOURCE, NULL_TARGET

BLOCK_ROWS = 256


@dataclass
class _Tables:
    """Per cell: the best shape of the cell's own bead ("move"), whether the cell is reached by a
    horizontal run, and whether a run there continues one (rather than opening it)."""

    moves: NDArray[np.int8]
    horizontal: NDArray[np.bool_]
    horizontal_continues: NDArray[np.bool_]
    vertical_continues: NDArray[np.bool_]
    costs: NDArray[np.float32] | None  # every cell's best cost, when asked for (confidence needs it)


def fill(model: CostModel, band: Band, report: Callable[[int], None], keep_costs: bool = False) -> _Tables:
    rows, width = band.rows, band.width
    # Costs of the last RING rows only (row i lives at i % RING; runs of 1:0 beads RING rows
    # further on); the last column stays infinite, a sentinel for origins outside the band.
    ring = np.full((2 * RING, width + 1), np.inf)
    tables = _Tables(
        np.full((rows, width), -1, dtype=np.int8),
        np.zeros((rows, width), dtype=bool),
        np.zeros((rows, width), dtype=bool),
        np.zeros((rows, width), dtype=bool),
        np.full((rows, width), np.inf, dtype=np.float32) if keep_costs else None,
    )
    start = np.full((1, model.block_width(0, 1)), np.inf)
    start[0, 0] = 0.0
    ring[0, : start.shape[1]] = _with_horizontal_runs(model.null_target_runs(0, 1), start, tables, 0, model.target_open)[0]
    if tables.costs is not None:
        tables.costs[0] = ring[0, :width]
    flat = ring.reshape(-1)
    codes = _shape_codes(model)
    for first in range(1, rows, BLOCK_ROWS):
        report(first - 1)
        last = min(rows, first + BLOCK_ROWS)
        sources, costs = model.block(first, last)
        runs = model.null_target_runs(first, last)
        used = costs.shape[2]  # the block's width: beyond it every row is infinite
        own = np.empty((last - first, used))
        choices = np.empty(own.shape, dtype=np.int64)
        continues = np.empty(own.shape, dtype=bool)
        spans = (band.hi[first:last] - band.lo[first:last] + 1).tolist()
        for offset, span in enumerate(spans):
            slot = (first + offset) % RING
            candidates = flat[sources[offset]]
            candidates += costs[offset]
            candidates.argmin(axis=0, out=choices[offset])
            candidates.min(axis=0, out=own[offset])
            np.less(candidates[-1], candidates[-2], out=continues[offset])
            np.minimum(candidates[-2], candidates[-1], out=ring[RING + slot, :used])
            ring[RING + slot, used:] = np.inf
            _row_with_horizontal_runs(own[offset], runs[offset], ring[slot], model.target_open)
            ring[slot, span:] = np.inf
        tables.vertical_continues[first:last, :used] = continues
        best = _with_horizontal_runs(runs, own, tables, first, model.target_open)
        best[np.arange(used)[None, :] >= np.asarray(spans)[:, None]] = np.inf
        _record_block(tables, first, choices, codes, best)
    report(rows - 1)
    return tables


def _shape_codes(model: CostModel) -> NDArray[np.int8]:
    """The bead shape of each of the model's candidate slots (the last: a 1:0 run continued)."""
    return np.asarray([*model.moving_shapes, NULL_SOURCE], dtype=np.int8)


def _record_block(tables: _Tables, first: int, choices: NDArray[np.int64], codes: NDArray[np.int8], best: NDArray[np.float64]) -> None:
    """What the trace back needs of a block of rows, worked out once the block is filled."""
    rows, used = slice(first, first + len(choices)), choices.shape[1]
    tables.moves[rows, :used] = codes[choices]
    if tables.costs is not None:
        tables.costs[rows, :used] = best


def _row_with_horizontal_runs(own: NDArray[np.float64], run: NDArray[np.float64], out: NDArray[np.float64], opening: float) -> None:
    """One row of `_with_horizontal_runs`' costs, written to *out* (the programme's inner loop)."""
    values = own - run
    np.minimum.accumulate(values, out=values)
    values[:-1] += run[1:]
    values[:-1] += opening
    out[0] = own[0]
    np.minimum(own[1:], values[:-1], out=out[1 : len(own)])


def _with_horizontal_runs(
    runs: NDArray[np.float64], own: NDArray[np.float64], tables: _Tables, first: int, opening: float
) -> NDArray[np.float64]:
    """Rows' best costs once runs of 0:1 beads along a row are allowed: a run from column
    k to j costs *opening* (NULL_OPEN times the target's null scale) plus the extension costs of
    targets k..j-1 (*runs*: their running sums per row); marks in *tables* which cells a run
    reaches and which continue one."""
    values = own - runs
    before = np.minimum.accumulate(values, axis=1)
    through = np.full(own.shape, np.inf)
    through[:, 1:] = before[:, :-1] + runs[:, 1:] + opening
    rows, used = slice(first, first + len(own)), own.shape[1]
    tables.horizontal[rows, :used] = through < own
    tables.horizontal_continues[rows, 1:used] = before[:, :-1] < values[:, :-1]
    return np.minimum(own, through)


def trace_back(tables: _Tables, band: Band) -> list[tuple[int, int, int]]:
    """The cheapest path as (shape, end row, end column) steps, first bead first."""
    i, j = band.rows - 1, int(band.hi[-1])
    state = "best"
    steps: list[tuple[int, int, int]] = []
    while i > 0 or j > 0:
        k = j - int(band.lo[i])
        if state == "best" and (i == 0 or tables.horizontal[i, k]):
            state = "horizontal"
        if state == "horizontal":
            steps.append((NULL_TARGET, i, j))
            state = "horizontal" if tables.horizontal_continues[i, k] else "own"
            j -= 1
            continue
        shape = int(tables.moves[i, k])
        if state == "vertical" or shape == NULL_SOURCE:
            steps.append((NULL_SOURCE, i, j))
            state = "vertical" if tables.vertical_continues[i, k] else "best"
            i -= 1
            continue
        di, dj = BEAD_SHAPES[shape]
        steps.append((shape, i, j))
        state = "best"
        i, j = i - di, j - dj
    steps.reverse()
    return steps
