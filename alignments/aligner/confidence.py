"""How sure the aligner is of each bead: the margin by which the chosen ladder beats the best
ladders forced through a neighbouring boundary (one or two sentences earlier or later on either
side). With F the cheapest cost of reaching a cell and B the cheapest cost from it to the end
(the same programme run on both sides reversed), F + B is the cost of the best ladder through
the cell; a bead whose boundaries could move at little cost is doubtful. numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.band import Band
from alignments.aligner.costs import BEAD_SHAPES

MARGIN_SCALE = 2.0  # a margin of MARGIN_SCALE·ln 2 gives a confidence of 0.5
NEIGHBOURS = ((0, -2), (0, -1), (0, 1), (0, 2), (-2, 0), (-1, 0), (1, 0), (2, 0))


class ThroughCosts:
    """F + B at any cell (infinite outside the band)."""

    def __init__(self, forward: NDArray[np.float32], backward: NDArray[np.float32], band: Band, reverse_band: Band) -> None:
        self.forward, self.backward, self.band, self.reverse_band = forward, backward, band, reverse_band
        self.n, self.m = band.rows - 1, int(band.hi[-1])

    def at(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.float64]:
        inside = (i >= 0) & (i <= self.n) & (j >= 0) & (j <= self.m)
        i_safe, j_safe = np.where(inside, i, 0), np.where(inside, j, 0)
        k = j_safe - self.band.lo[i_safe]
        reverse_i = self.n - i_safe
        reverse_k = (self.m - j_safe) - self.reverse_band.lo[reverse_i]
        width, reverse_width = self.forward.shape[1], self.backward.shape[1]
        inside &= (k >= 0) & (k < width) & (reverse_k >= 0) & (reverse_k < reverse_width)
        forward = self.forward[i_safe, np.clip(k, 0, width - 1)].astype(np.float64)
        backward = self.backward[reverse_i, np.clip(reverse_k, 0, reverse_width - 1)].astype(np.float64)
        return np.where(inside, forward + backward, np.inf)


def bead_confidences(costs: ThroughCosts, steps: Sequence[tuple[int, int, int]]) -> list[float]:
    """Confidence in [0, 1] of each bead of the path (shape, end row, end column)."""
    ends = np.array([(i, j) for _, i, j in steps], dtype=np.int64).reshape(-1, 2)
    margins = _point_margins(costs, np.vstack(([[0, 0]], ends)))
    start_margin, end_margin = _through_runs(steps, margins[:-1], margins[1:])
    margin = np.minimum(start_margin, end_margin)
    return [round(float(value), 3) for value in 1.0 - np.exp(-np.maximum(margin, 0.0) / MARGIN_SCALE)]


def _point_margins(costs: ThroughCosts, points: NDArray[np.int64]) -> NDArray[np.float64]:
    """For each path point, how much dearer the best ladder through a neighbouring point off
    the path is."""
    own = costs.at(points[:, 0], points[:, 1])
    nearest = np.full(len(points), np.inf)
    on_path = np.sort(points[:, 0] * (costs.m + 1) + points[:, 1])
    for di, dj in NEIGHBOURS:
        i, j = points[:, 0] + di, points[:, 1] + dj
        code = i * (costs.m + 1) + j
        found = np.minimum(np.searchsorted(on_path, code), len(on_path) - 1)
        elsewhere = on_path[found] != code  # a neighbour on the chosen ladder is no alternative
        nearest = np.minimum(nearest, np.where(elsewhere, costs.at(i, j), np.inf))
    margin = nearest - own
    margin[0] = margin[-1] = np.inf  # the corners are fixed
    return margin


def _through_runs(
    steps: Sequence[tuple[int, int, int]], start: NDArray[np.float64], end: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Inside a run of beads without counterpart the boundaries are not real choices (F + B
    counts the run's opening twice there): each bead of a run takes the run's outer margins."""
    start, end = start.copy(), end.copy()
    shapes = [BEAD_SHAPES[shape] for shape, _, _ in steps]
    first = 0
    while first < len(steps):
        last = first
        if 0 in shapes[first]:
            while last + 1 < len(steps) and shapes[last + 1] == shapes[first]:
                last += 1
        start[first : last + 1] = start[first]
        end[first : last + 1] = end[last]
        first = last + 1
    return start, end
