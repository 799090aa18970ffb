"""The first automatic aligner: Gale–Church length costs in a banded dynamic programme.

Input is plain per-sentence features (lengths without interpolations, paragraph starts,
note-only sentences); output is the bead shapes in order with a confidence each. Banded around
the proportional diagonal and vectorised with numpy: time and memory grow linearly with the
number of sentences. Knows nothing of the store or of Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

ALIGNER_NAME = "gale-church-banded"
ALIGNER_VERSION = "1"

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# (source sentences, target sentences, prior probability): Gale & Church 1993, table 5.
BEAD_TYPES: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.89),
    (1, 0, 0.0099 / 2),
    (0, 1, 0.0099 / 2),
    (2, 1, 0.089 / 2),
    (1, 2, 0.089 / 2),
    (2, 2, 0.011),
)
_NULL_TARGET = BEAD_TYPES.index((0, 1, 0.0099 / 2))
VARIANCE_PER_CHARACTER = 6.8
NOTE_NULL_COST = 0.5  # a sentence that is wholly an editorial note may stand alone cheaply
PARAGRAPH_SPLIT_COST = 3.0  # a bead that runs across a paragraph break on one side
PARAGRAPH_MISMATCH_COST = 1.0  # a paragraph starts on one side of the bead only
NOTE_MERGE_COST = 2.0  # a note-only sentence merged into a bead with others
MIN_BAND, MAX_BAND, BAND_SHARE = 48, 300, 0.03
_PROGRESS_EVERY = 256


class AlignmentCancelled(Exception):
    """The caller asked to stop."""


@dataclass(frozen=True)
class SideFeatures:
    """Per-sentence features of one side, in document order."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]

    @classmethod
    def of(cls, lengths: list[int], paragraph_starts: list[bool], notes_only: list[bool]) -> SideFeatures:
        return cls(
            np.asarray(lengths, dtype=np.float64),
            np.asarray(paragraph_starts, dtype=np.bool_),
            np.asarray(notes_only, dtype=np.bool_),
        )

    def __len__(self) -> int:
        return len(self.lengths)


@dataclass(frozen=True)
class AlignedBead:
    """A bead as index ranges into the two sentence sequences, with a confidence in [0, 1]."""

    source: range
    target: range
    score: float


def align(
    source: SideFeatures,
    target: SideFeatures,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> list[AlignedBead]:
    """The cheapest ladder of beads for the two sides, in order."""
    if len(source) == 0 or len(target) == 0:
        return _all_null(len(source), len(target))
    costs = _Costs(source, target)
    band = _Band(len(source), len(target))
    moves = _fill(costs, band, progress, should_cancel)
    return _trace_back(moves, band, costs)


def _all_null(n: int, m: int) -> list[AlignedBead]:
    return [AlignedBead(range(i, i + 1), range(0, 0), 0.0) for i in range(n)] + [
        AlignedBead(range(n, n), range(j, j + 1), 0.0) for j in range(m)
    ]


class _Band:
    """For each source row i, the target columns [lo[i], lo[i] + width) that are searched."""

    def __init__(self, n: int, m: int) -> None:
        half = int(min(MAX_BAND, max(MIN_BAND, BAND_SHARE * max(n, m), 3 * math.ceil(m / n) + 3)))
        centres = np.arange(n + 1) * (m / n)
        self.lo = np.clip(np.floor(centres - half), 0, m).astype(np.int64)
        self.hi = np.clip(np.ceil(centres + half), 0, m).astype(np.int64)
        self.width = int((self.hi - self.lo).max()) + 1


class _Costs:
    """Bead costs: Gale–Church length cost plus prior, paragraph cues and note handling."""

    def __init__(self, source: SideFeatures, target: SideFeatures) -> None:
        self.source, self.target = source, target
        self.src_sum = np.concatenate(([0.0], np.cumsum(source.lengths)))
        self.tgt_sum = np.concatenate(([0.0], np.cumsum(target.lengths)))
        self.ratio = (self.tgt_sum[-1] / self.src_sum[-1]) if self.src_sum[-1] > 0 else 1.0
        self.tgt_null = np.where(target.notes_only, NOTE_NULL_COST, -math.log(BEAD_TYPES[_NULL_TARGET][2]))
        self.src_null = np.where(source.notes_only, NOTE_NULL_COST, -math.log(BEAD_TYPES[1][2]))
        self.tgt_null_sum = np.concatenate(([0.0], np.cumsum(self.tgt_null)))

    def bead(self, kind: int, i: int, js: NDArray[np.int64]) -> NDArray[np.float64]:
        """Cost of a bead of type *kind* ending at source row *i* and target columns *js*."""
        di, dj, prior = BEAD_TYPES[kind]
        if dj == 0:
            return np.full(js.shape, self.src_null[i - 1])
        length_cost = _neg_log_erfc(np.abs(self.delta(i - di, i, js - dj, js)) / math.sqrt(2))
        return -math.log(prior) + length_cost + self._structure(di, dj, i, js)

    def delta(self, i0: int, i1: int, j0: NDArray[np.int64], j1: NDArray[np.int64]) -> NDArray[np.float64]:
        source_length = self.src_sum[i1] - self.src_sum[i0]
        target_length = self.tgt_sum[j1] - self.tgt_sum[j0]
        expected = source_length * self.ratio
        spread = np.sqrt(VARIANCE_PER_CHARACTER * (expected + target_length) / 2 + 1.0)
        return (target_length - expected) / spread

    def _structure(self, di: int, dj: int, i: int, js: NDArray[np.int64]) -> NDArray[np.float64]:
        src, tgt = self.source, self.target
        cost = np.zeros(js.shape)
        if di == 2:
            cost += PARAGRAPH_SPLIT_COST * src.paragraph_starts[i - 1]
            cost += NOTE_MERGE_COST * (src.notes_only[i - 1] | src.notes_only[i - 2])
        if dj == 2:
            cost += PARAGRAPH_SPLIT_COST * tgt.paragraph_starts[js - 1]
            cost += NOTE_MERGE_COST * (tgt.notes_only[js - 1] | tgt.notes_only[js - 2])
        cost += PARAGRAPH_MISMATCH_COST * (src.paragraph_starts[i - di] != tgt.paragraph_starts[js - dj])
        return cost


def _neg_log_erfc(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """-log(erfc(x)) for x >= 0 without underflow (Numerical Recipes' erfcc, error < 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return np.log(1.0 / t) + x * x - poly


def _fill(
    costs: _Costs, band: _Band, progress: ProgressCallback | None, should_cancel: CancelCheck | None
) -> NDArray[np.int8]:
    """Run the programme row by row; return, per cell, the bead type that reached it."""
    n = len(costs.source)
    width = band.width
    moves = np.full((n + 1, width), -1, dtype=np.int8)
    rows = {0: _first_row(costs, band)}
    for i in range(1, n + 1):
        if i % _PROGRESS_EVERY == 0:
            _report(i, n, progress, should_cancel)
        rows[i] = _row(costs, band, rows, moves, i)
        rows.pop(i - 3, None)
    return moves


def _report(i: int, n: int, progress: ProgressCallback | None, should_cancel: CancelCheck | None) -> None:
    if should_cancel is not None and should_cancel():
        raise AlignmentCancelled
    if progress is not None:
        progress(i, n)


def _first_row(costs: _Costs, band: _Band) -> NDArray[np.float64]:
    row = np.full(band.width, np.inf)
    count = int(band.hi[0] - band.lo[0]) + 1
    row[:count] = costs.tgt_null_sum[:count]
    return row


def _row(
    costs: _Costs, band: _Band, rows: dict[int, NDArray[np.float64]], moves: NDArray[np.int8], i: int
) -> NDArray[np.float64]:
    lo, count = int(band.lo[i]), int(band.hi[i] - band.lo[i]) + 1
    best = np.full(band.width, np.inf)
    choice = np.full(band.width, -1, dtype=np.int8)
    for kind, (di, dj, _prior) in enumerate(BEAD_TYPES):
        if di == 0 or i - di < 0:
            continue
        _relax(costs, band, rows[i - di], best, choice, kind, i, lo, count)
    _relax_null_targets(costs, best, choice, lo, count)
    moves[i] = choice
    return best


def _relax(
    costs: _Costs,
    band: _Band,
    previous: NDArray[np.float64],
    best: NDArray[np.float64],
    choice: NDArray[np.int8],
    kind: int,
    i: int,
    lo: int,
    count: int,
) -> None:
    di, dj, _prior = BEAD_TYPES[kind]
    shift = lo - dj - int(band.lo[i - di])
    first = max(0, -shift, dj - lo)
    last = min(count, band.width - shift)
    if first >= last:
        return
    ks = np.arange(first, last)
    candidate = previous[ks + shift] + costs.bead(kind, i, lo + ks)
    better = candidate < best[first:last]
    best[first:last] = np.where(better, candidate, best[first:last])
    choice[first:last] = np.where(better, kind, choice[first:last])


def _relax_null_targets(
    costs: _Costs, best: NDArray[np.float64], choice: NDArray[np.int8], lo: int, count: int
) -> None:
    """0:1 beads move along the row: best[k] = min over k' <= k of best[k'] + nulls in between."""
    carried = costs.tgt_null_sum[lo : lo + count] - costs.tgt_null_sum[lo]
    values = best[:count] - carried
    running = np.minimum.accumulate(values)
    improved = running < values
    best[:count] = running + carried
    choice[:count] = np.where(improved, _NULL_TARGET, choice[:count])


def _trace_back(moves: NDArray[np.int8], band: _Band, costs: _Costs) -> list[AlignedBead]:
    i, j = len(costs.source), len(costs.target)
    beads: list[AlignedBead] = []
    while i > 0 or j > 0:
        kind = int(moves[i, j - band.lo[i]]) if i > 0 else _NULL_TARGET
        di, dj, _prior = BEAD_TYPES[kind]
        beads.append(AlignedBead(range(i - di, i), range(j - dj, j), _confidence(costs, di, dj, i, j)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _confidence(costs: _Costs, di: int, dj: int, i: int, j: int) -> float:
    if di == 0:
        return 0.9 if costs.target.notes_only[j - 1] else 0.25
    if dj == 0:
        return 0.9 if costs.source.notes_only[i - 1] else 0.25
    delta = float(costs.delta(i - di, i, np.array([j - dj]), np.array([j]))[0])
    return round(math.erfc(abs(delta) / 2), 3)
