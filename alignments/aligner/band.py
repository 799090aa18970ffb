"""The band of a banded alignment: for each source row i (i sentences consumed), the range of
target columns [lo[i], hi[i]] the dynamic programme searches: around the proportional
diagonal, around the path of a coarser alignment, or along a chain of anchors. Monotone and
connected by construction, so a path from (0, 0) to (n, m) always exists inside it. numpy only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Band:
    lo: IntArray
    hi: IntArray

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @property
    def rows(self) -> int:
        return len(self.lo)

    def reversed(self) -> Band:
        """The same band for both sides read backwards (row n - i, column m - j)."""
        m = int(self.hi[-1])
        return Band(m - self.hi[::-1], m - self.lo[::-1])

    def within(self, other: Band) -> Band:
        """The cells both bands search (both must hold a common path from corner to corner)."""
        return Band(np.maximum(self.lo, other.lo), np.minimum(self.hi, other.hi))

    @classmethod
    def diagonal(cls, n: int, m: int, half: int) -> Band:
        """Columns within *half* of the line from (0, 0) to (n, m)."""
        centres = np.arange(n + 1) * (m / max(n, 1))
        half = max(half, 3 * math.ceil(m / max(n, 1)) + 3)
        lo = np.floor(centres - half).astype(np.int64)
        hi = np.ceil(centres + half).astype(np.int64)
        return cls._closed(lo, hi, m)

    @classmethod
    def around(cls, n: int, m: int, path: Sequence[tuple[int, int, int, int]], half: int) -> Band:
        """Columns within *half* of a path given as (source start, source end, target start, target end)
        runs that cover both sides in order (a coarse alignment mapped to sentences)."""
        starts, ends, first, last = np.asarray(path, dtype=np.int64).reshape(-1, 4).T
        run, rows, centre = _rectangle_rows(starts, ends, first, last)
        sloped = (ends > starts)[run]
        low = np.where(sloped, np.floor(centre), first[run]).astype(np.int64)
        high = np.where(sloped, np.ceil(centre), last[run]).astype(np.int64)
        return cls._spanning(n, m, rows, low - half, high + half)

    @classmethod
    def along(cls, n: int, m: int, chain: NDArray[np.int64], half: int, reach: int) -> Band:
        """Around a chain of corresponding sentences (i, j), strictly increasing on both sides:
        between two links every cell of the rectangle they span (plus *half*), so a run of
        sentences without counterpart may lie anywhere in it; where a rectangle is wider than
        2·*reach* columns, only *reach* either side of its diagonal."""
        links = np.asarray(chain, dtype=np.int64).reshape(-1, 2)
        corners = np.vstack(([[0, 0]], np.column_stack((links, links + 1)).reshape(-1, 2), [[n, m]]))
        (s0, t0), (s1, t1) = corners[:-1].T, corners[1:].T  # each rectangle's corners
        run, rows, centre = _rectangle_rows(s0, s1, t0, t1)
        wide = ((t1 - t0 > 2 * reach) & (s1 > s0))[run]
        low = np.where(wide, np.maximum(t0[run], np.floor(centre).astype(np.int64) - reach), t0[run])
        high = np.where(wide, np.minimum(t1[run], np.ceil(centre).astype(np.int64) + reach), t1[run])
        return cls._spanning(n, m, rows, low - half, high + half)

    @classmethod
    def _spanning(cls, n: int, m: int, rows: IntArray, low: IntArray, high: IntArray) -> Band:
        """The band whose every row spans each [low, high] given for it in *rows*, closed."""
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        np.minimum.at(lo, rows, low)
        np.maximum.at(hi, rows, high)
        return cls._closed(lo, hi, m)

    @staticmethod
    def _closed(lo: IntArray, hi: IntArray, m: int) -> Band:
        """Clip to [0, m], make both bounds non-decreasing, pin the corners, keep rows connected."""
        lo = np.clip(lo, 0, m)
        hi = np.clip(hi, 0, m)
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        lo[0], hi[-1] = 0, m
        lo[1:] = np.minimum(lo[1:], hi[:-1] + 1)
        hi = np.maximum(hi, lo)
        return Band(lo, hi)


def _rectangle_rows(
    starts: IntArray, ends: IntArray, first: IntArray, last: IntArray
) -> tuple[IntArray, IntArray, NDArray[np.float64]]:
    """The rows of rectangles from (starts, first) to (ends, last), ends included, one entry
    per (rectangle, row): the rectangle of each entry, its row, and the column of the
    rectangle's diagonal there."""
    counts = ends - starts + 1
    run = np.repeat(np.arange(len(counts)), counts)
    rows = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) + starts[run]
    centre = first[run] + (rows - starts[run]) * ((last - first) / np.maximum(ends - starts, 1))[run]
    return run, rows, centre
