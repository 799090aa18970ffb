"""Where the corners of a ladder over lines may lie when a side is aligned in pieces of its
lines (units.py): per side, the unit where each line starts. The confidences of a ladder over
lines are read on this lattice (confidence.py): a bead's margins against ladders whose corners
are moved by whole lines, its split margin against a point inside it where lines meet, so a
bead over lines is judged as a bead over lines, not by where its pieces fall inside it
(bench/README.md, tenth round). A side without starts is aligned line by line: its lattice is
every unit. numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Starts = NDArray[np.int64]
Points = NDArray[np.int64]  # (count, 2): source and target positions


@dataclass(frozen=True)
class Lattice:
    """Per side, the unit where each line starts and, last, the count of units (None: every
    unit is a line)."""

    source: Starts | None = None
    target: Starts | None = None

    @property
    def trivial(self) -> bool:
        return self.source is None and self.target is None

    def lines(self, points: Points) -> Points:
        """*points* on the lattice (units) as lines."""
        return np.column_stack([_lines(starts, points[:, side]) for side, starts in enumerate((self.source, self.target))])

    def units(self, lines: Points) -> Points:
        """Points in lines as units; a line outside its side as -1 (no ladder goes there)."""
        return np.column_stack([_units(starts, lines[:, side]) for side, starts in enumerate((self.source, self.target))])

    def closed(self, points: Points) -> NDArray[np.int64]:
        """Which of a path's *points* (its corners, in units) lie on the lattice: the corners of
        the same ladder over lines (the first and the last always do)."""
        on = _on_lines(self.source, points[:, 0]) & _on_lines(self.target, points[:, 1])
        on[0] = on[-1] = True
        return np.flatnonzero(on)


def _lines(starts: Starts | None, units: NDArray[np.int64]) -> NDArray[np.int64]:
    return units if starts is None else np.searchsorted(starts, units).astype(np.int64)


def _units(starts: Starts | None, lines: NDArray[np.int64]) -> NDArray[np.int64]:
    if starts is None:
        return lines
    inside = (lines >= 0) & (lines < len(starts))
    return np.where(inside, starts[np.clip(lines, 0, len(starts) - 1)], -1).astype(np.int64)


def _on_lines(starts: Starts | None, units: NDArray[np.int64]) -> NDArray[np.bool_]:
    if starts is None:
        return np.ones(len(units), dtype=np.bool_)
    found = np.minimum(np.searchsorted(starts, units), len(starts) - 1)
    return np.asarray(starts[found] == units)
