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
from alignments.aligner.costs import (
    BEAD_SHAPES,
    NULL_OPEN,
    NULL_SOURCE,
    NULL_TARGET,
    RING,
    CostModel,
)

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
    # Costs of the last RING rows only (row i lives at i % RING); the last column stays
    # infinite, a sentinel for origins outside the band.
    best = np.full((RING, width + 1), np.inf)
    vertical = np.full((RING, width + 1), np.inf)
    tables = _Tables(
        np.full((rows, width), -1, dtype=np.int8),
        np.zeros((rows, width), dtype=bool),
        np.zeros((rows, width), dtype=bool),
        np.zeros((rows, width), dtype=bool),
        np.full((rows, width), np.inf, dtype=np.float32) if keep_costs else None,
    )
    start = np.full(width, np.inf)
    start[0] = 0.0
    best[0, :width] = _with_horizontal_runs(model.null_target_runs(0, 1)[0], start, tables, 0)
    if tables.costs is not None:
        tables.costs[0] = best[0, :width]
    flat_best, flat_vertical = best.reshape(-1), vertical.reshape(-1)
    columns = np.arange(width)
    moving = [slot for slot in range(len(model.moving_shapes)) if slot != model.null_source_slot]
    moving_codes = model.shape_codes[moving]
    for first in range(1, rows, BLOCK_ROWS):
        report(first - 1)
        last = min(rows, first + BLOCK_ROWS)
        sources, costs = model.block(first, last)
        moving_sources, moving_costs = sources[:, moving], costs[:, moving]
        up_sources, up_costs = sources[:, model.null_source_slot], costs[:, model.null_source_slot]
        runs = model.null_target_runs(first, last)
        for offset in range(last - first):
            i, slot = first + offset, (first + offset) % RING
            candidates = flat_best[moving_sources[offset]]
            candidates += moving_costs[offset]
            choice = candidates.argmin(axis=0)
            reached = candidates[choice, columns]
            up, up_cost = up_sources[offset], up_costs[offset]
            opened = flat_best[up] + up_cost
            continued = flat_vertical[up] + (up_cost - NULL_OPEN)
            ceiling = np.minimum(opened, continued)
            vertical[slot, :width] = ceiling
            tables.vertical_continues[i] = continued < opened
            tables.moves[i] = np.where(ceiling < reached, NULL_SOURCE, moving_codes[choice])
            own = np.minimum(reached, ceiling)
            best[slot, :width] = _with_horizontal_runs(runs[offset], own, tables, i)
            best[slot, band.hi[i] - band.lo[i] + 1 : width] = np.inf
            if tables.costs is not None:
                tables.costs[i] = best[slot, :width]
    report(rows - 1)
    return tables


def _with_horizontal_runs(run: NDArray[np.float64], own: NDArray[np.float64], tables: _Tables, i: int) -> NDArray[np.float64]:
    """A row's best costs once runs of 0:1 beads along the row are allowed: a run from column
    k to j costs NULL_OPEN plus the extension costs of targets k..j-1 (*run*: their running sum)."""
    values = own - run
    before = np.minimum.accumulate(values)
    through = np.empty(len(own))
    through[0] = np.inf
    np.add(before[:-1], run[1:], out=through[1:])
    through[1:] += NULL_OPEN
    tables.horizontal[i] = through < own
    tables.horizontal_continues[i, 1:] = before[:-1] < values[:-1]
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
