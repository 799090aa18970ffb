"""Whether a sentence left without counterpart belongs to a neighbouring bead: how much dearer
the best ladder gets when a null bead joins the bead just before or after it (a 1:0 bead after a
1:1 becomes a 2:1 …). A sentence the translation really leaves out costs much more joined to a
neighbour; one the aligner should have put in its neighbour costs little more (the margins
around a null bead look only at boundaries moved by a sentence or two, never at this bead).
numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.confidence import ThroughCosts
from alignments.aligner.costs import CostModel
from alignments.aligner.shapes import BEAD_SHAPES

FloatArray = NDArray[np.float64]


def join_margins(model: CostModel, costs: ThroughCosts, steps: Sequence[tuple[int, int, int]]) -> FloatArray:
    """Per bead of the path (shape, end row, end column), as priced by *model* (the forward
    pass's): for a null bead, how much dearer the cheapest ladder holding it joined with the
    bead before or after it is than the chosen one (the cheaper of the two; infinite where
    neither can take it: a bead of the same null run, or a shape the programme cannot form);
    infinite for every bead with both sides."""
    shapes = np.array([BEAD_SHAPES[shape] for shape, _, _ in steps], dtype=np.int64).reshape(-1, 2)
    ends = np.array([(i, j) for _, i, j in steps], dtype=np.int64).reshape(-1, 2)
    points = np.vstack(([[0, 0]], ends))  # bead k runs from points[k] to points[k + 1]
    margins = np.full(len(steps), np.inf)
    if not len(steps):
        return margins
    total = float(costs.at(points[-1:, 0], points[-1:, 1])[0])  # the chosen ladder's cost
    null = np.flatnonzero(shapes.min(axis=1) == 0)
    for first in (null - 1, null):  # joined with the bead before, then with the bead after
        keep = (first >= 0) & (first + 1 < len(steps))
        first, beads = first[keep], null[keep]
        joined = shapes[first] + shapes[first + 1]
        start, end = points[first], points[first + 2]
        cost = np.full(len(first), np.inf)
        for shape in {tuple(pair) for pair in joined.tolist()}:
            if min(shape) > 0 and shape in BEAD_SHAPES:
                same = (joined == shape).all(axis=1)
                cost[same] = model.costs_at(BEAD_SHAPES.index(shape), end[same, 0], end[same, 1])
        ladder = costs.forward_at(start[:, 0], start[:, 1]) + cost + costs.backward_at(end[:, 0], end[:, 1])
        margins[beads] = np.minimum(margins[beads], ladder - total)
    return margins
