"""The band along a chain of anchor links (Band.along): what it must hold for any chain."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from alignments.aligner.band import Band


@st.composite
def chains(draw: st.DrawFn) -> tuple[int, int, np.ndarray, int, int]:
    """A pair's sizes, a chain strictly rising on both sides, and the band's half and reach."""
    n, m = draw(st.integers(1, 120)), draw(st.integers(1, 120))
    count = draw(st.integers(0, min(n, m)))
    rows = sorted(draw(st.lists(st.integers(0, n - 1), min_size=count, max_size=count, unique=True)))
    columns = sorted(draw(st.lists(st.integers(0, m - 1), min_size=count, max_size=count, unique=True)))
    return n, m, np.array(list(zip(rows, columns, strict=True)), dtype=np.int64).reshape(-1, 2), draw(st.integers(0, 30)), draw(st.integers(0, 30))


def inside(band: Band, row: int, column: int) -> bool:
    return bool(band.lo[row] <= column <= band.hi[row])


@settings(max_examples=300, deadline=None)
@given(chains())
def test_the_band_holds_every_link_and_the_rectangles_between_them(case: tuple[int, int, np.ndarray, int, int]) -> None:
    n, m, chain, half, reach = case
    band = Band.along(n, m, chain, half, reach)
    assert band.lo[0] == 0 and band.hi[-1] == m and len(band.lo) == n + 1
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all() and (band.lo <= band.hi).all()
    corners = [(0, 0), *((int(i) + d, int(j) + d) for i, j in chain for d in (0, 1)), (n, m)]
    for (s0, t0), (s1, t1) in zip(corners, corners[1:], strict=False):
        assert inside(band, s0, t0) and inside(band, s1, t1)
        if t1 - t0 <= 2 * reach or s1 == s0:  # a narrow rectangle: all of it, and half beyond
            for row in range(s0, s1 + 1):
                assert inside(band, row, max(t0 - half, 0)) and inside(band, row, min(t1 + half, m))
        else:  # a wide one: its diagonal
            for row in range(s0, s1 + 1):
                assert inside(band, row, round(t0 + (row - s0) * (t1 - t0) / (s1 - s0)))
