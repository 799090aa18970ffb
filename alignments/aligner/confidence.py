"""How sure the aligner is of each bead: a small logistic model of the chance that the bead is
wrong, read from what the aligner saw. Its main signal is the margin by which the chosen ladder
beats the best ladders forced through a neighbouring boundary (one or two sentences earlier or
later on either side): with F the cheapest cost of reaching a cell and B the cheapest cost from
it to the end (the same programme run backwards), F + B is the cost of the best ladder through
the cell. Beside it: the margin at its other end and inside it, the margins of the beads
around it, its length mismatch, its shape, its null run, whether it is an editorial note, the
anchors that cross its boundaries (alignments/aligner/crossings.py: the one signal here the
costs do not already hold), with sentence vectors how close its two sides are against the pair's
typical bead and how much dearer a null bead is joined to a neighbour (alignments/aligner/joins.py:
a sentence the translation really leaves out, not one the aligner failed to place), without
them how sure the aligner is of the pair as a whole (the mean margin signal of its beads: a
per-pair calibration, as pairs differ in how many of their beads are wrong), whether second
opinions (other ladders for the pair: alignments/aligner/align.py) form the bead too, and how far
the length ratios of the beads around it stray from the pair's own typical ratio, in units of
the pair's own spread (a stretch where the texts do not correspond, or the ladder is shifted,
fits the pair's ratio worse than its right beads do, though no single bead need fit badly by the
length model's fixed measure). A pair aligned in finer units is judged over whole lines: every
feature of a bead over lines is read for the whole bead (alignments/aligner/lattice.py,
evidence.py). numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.band import Band
from alignments.aligner.lattice import Lattice, Points

FloatArray = NDArray[np.float64]

MARGIN_SCALE = 2.0  # a margin of MARGIN_SCALE·ln 2 makes the margin signal 0.5
NEIGHBOURS = ((0, -2), (0, -1), (0, 1), (0, 2), (-2, 0), (-1, 0), (1, 0), (2, 0))

# Weights of the logistic model P(wrong) = 1 / (1 + exp(-(features · weights))), one row per
# method (the default method's two: with second opinions and, for long pairs, without;
# `weight_row`), features as `bead_features` lists them. Fitted by bench/flags.py (logistic
# regression on every bead of both gold sets and their variants, each set checked against the
# weights fitted on the other; the rows that price short pairs also on the bundled samples' beads,
# all right, each weighing as 30); the constant is then moved to where flagging below
# LOW_CONFIDENCE comes nearest the flag targets on the variants on average, and lowered if need
# be until no sample bead comes within 0.2 (log-odds) of a flag. The embeddings row
# is fitted with e5 vectors (the dev sets are short: the automatic encoder choice takes e5).
# Refit with `python -m bench.flags`.
FEATURES = (
    "constant", "sure", "other end sure", "split sure", "window sure", "length cost", "null", "n:m", "null run",
    "sure of null", "relative similarity", "note", "crossing anchors", "pair sure", "null joins dearer",
    "second opinion differs", "length stretch",
)
# Features a row leaves out (weight 0): the default method has no sentence vectors, and the
# pair's mean margin did not carry over from one gold set to the other with them; whether a
# null bead joins a neighbour cheaply tells the default method nothing the gold sets can teach
# (its lone null beads there are mostly junk lines or wrong; bench/README.md); the default
# method's long pairs get no second opinions (`weight_row`); the length stretch helped neither
# their row nor, cross-validated over ParIce's documents, the embeddings row (bench/README.md,
# seventh round).
UNUSED = {
    "default": ("relative similarity", "null joins dearer", "second opinion differs", "length stretch"),
    "default, second opinions": ("relative similarity", "null joins dearer"),
    "embeddings": ("pair sure", "length stretch"),
}
# "length stretch": each paired bead's log length ratio (target over expected) against the median
# over the pair's beads whose margin signal is at least STRETCH_SURE (all paired beads if fewer
# than STRETCH_MINIMUM are), in units of their median absolute deviation plus STRETCH_FLOOR, as
# log(1 + distance); a bead without counterpart counts 0; averaged over the beads within
# STRETCH_REACH of the bead (bench/README.md, seventh round).
STRETCH_REACH, STRETCH_SURE, STRETCH_MINIMUM, STRETCH_FLOOR = 1, 0.8, 4, 0.02
NOTE_WEIGHT = -6.0  # set by hand: the gold sets hold no notes, and a note is what a null bead is for
WEIGHTS = {
    "default": (4.224, -1.069, -0.387, -1.999, -0.651, 0.061, 2.015, 0.046, -1.189, 0.91, 0.0, NOTE_WEIGHT, 0.474, -2.718, 0.0, 0.0, 0.0),
    "default, second opinions": (
        1.832, -0.543, -0.087, -1.199, -0.55, -0.246, 1.129, 0.1, -0.74, 0.978, 0.0, NOTE_WEIGHT, 0.546, -3.198, 0.0, 3.48, 1.229,
    ),
    "embeddings": (
        4.274, -2.251, -1.478, -2.438, -1.448, 0.096, 0.569, 0.39, -1.047, 2.8, 2.257, NOTE_WEIGHT, 0.54, 0.0, -1.527, 1.48, 0.0,
    ),
}


class ThroughCosts:
    """F + B at any cell (infinite outside the band)."""

    def __init__(self, forward: NDArray[np.float32], backward: NDArray[np.float32], band: Band, reverse_band: Band) -> None:
        self.forward, self.backward, self.band, self.reverse_band = forward, backward, band, reverse_band
        self.n, self.m = band.rows - 1, int(band.hi[-1])

    def at(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> FloatArray:
        forward, backward = self._both(i, j)
        return forward + backward

    def forward_at(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> FloatArray:
        """F alone: the cheapest cost of reaching each cell."""
        return self._both(i, j)[0]

    def backward_at(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> FloatArray:
        """B alone: the cheapest cost from each cell to the end."""
        return self._both(i, j)[1]

    def _both(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> tuple[FloatArray, FloatArray]:
        inside = (i >= 0) & (i <= self.n) & (j >= 0) & (j <= self.m)
        i_safe, j_safe = np.where(inside, i, 0), np.where(inside, j, 0)
        k = j_safe - self.band.lo[i_safe]
        reverse_i = self.n - i_safe
        reverse_k = (self.m - j_safe) - self.reverse_band.lo[reverse_i]
        width, reverse_width = self.forward.shape[1], self.backward.shape[1]
        inside &= (k >= 0) & (k < width) & (reverse_k >= 0) & (reverse_k < reverse_width)
        forward = self.forward[i_safe, np.clip(k, 0, width - 1)].astype(np.float64)
        backward = self.backward[reverse_i, np.clip(reverse_k, 0, reverse_width - 1)].astype(np.float64)
        return np.where(inside, forward, np.inf), np.where(inside, backward, np.inf)


@dataclass(frozen=True)
class BeadEvidence:
    """Per bead of the path, what the cost model says of it besides the margins: its length
    cost (Gale–Church) and log length ratio (its target's length over the length its source
    leads to expect; NaN for a bead without counterpart), whether all its sentences are
    editorial notes, the weight of the anchors that cross its boundaries, for a null bead how much dearer joining it to a
    neighbouring bead is (alignments/aligner/joins.py; infinite for the others), with
    sentence vectors the cosine of its two sides (else None) and, given second opinions
    (other ladders for the pair), the share of them that do not form the bead (else None)."""

    length_costs: FloatArray
    length_ratios: FloatArray
    notes: NDArray[np.bool_]
    crossings: FloatArray
    joins: FloatArray
    similarities: FloatArray | None = None
    disagreement: FloatArray | None = None


def bead_confidences(costs: ThroughCosts, points: Points, evidence: BeadEvidence, lattice: Lattice = Lattice()) -> list[float]:
    """Confidence in [0, 1] of each bead of the path (its corners *points*, (0, 0) first, on
    *lattice*): one minus the modelled chance that it is wrong."""
    return modelled_confidences(bead_features(costs, points, evidence, lattice), weight_row(evidence))


def weight_row(evidence: BeadEvidence) -> str:
    """Which row of WEIGHTS prices beads with this evidence: with sentence vectors
    "embeddings"; without, "default, second opinions" where the aligner made them, else
    "default" (long pairs)."""
    if evidence.similarities is not None:
        return "embeddings"
    return "default" if evidence.disagreement is None else "default, second opinions"


def modelled_confidences(features: FloatArray, method: str) -> list[float]:
    """One minus the chance of being wrong that *method*'s weights give each row of features."""
    wrong = 1.0 / (1.0 + np.exp(-(features @ np.asarray(WEIGHTS[method]))))
    return [round(float(value), 3) for value in 1.0 - wrong]


def bead_margins(costs: ThroughCosts, points: Points, lattice: Lattice = Lattice()) -> FloatArray:
    """The margin signal of each bead alone, in [0, 1]."""
    start_margin, end_margin = _end_margins(costs, points, lattice)
    return _signal(np.minimum(start_margin, end_margin))


def _end_margins(costs: ThroughCosts, points: Points, lattice: Lattice) -> tuple[FloatArray, FloatArray]:
    """Each bead's margins at its start and at its end."""
    margins = _point_margins(costs, points, lattice)
    return _through_runs(_shapes(points, lattice), margins[:-1], margins[1:])


def bead_features(costs: ThroughCosts, points: Points, evidence: BeadEvidence, lattice: Lattice = Lattice()) -> FloatArray:
    """One row per bead, one column per name in FEATURES."""
    start_margin, end_margin = _end_margins(costs, points, lattice)
    sure = _signal(np.minimum(start_margin, end_margin))
    shapes = _shapes(points, lattice)
    count = len(shapes)
    null = (shapes.min(axis=1) == 0).astype(np.float64)
    one_to_one = (shapes == 1).all(axis=1)
    similarity = evidence.similarities if evidence.similarities is not None else np.zeros(count)
    typical_similarity = float(np.median(similarity[one_to_one])) if one_to_one.any() else 0.0
    return np.column_stack(
        (
            np.ones(count),
            sure,
            _signal(np.maximum(start_margin, end_margin)),
            _signal(_split_margins(costs, points, lattice)),
            _around(sure),
            np.where(null > 0, 0.0, evidence.length_costs),
            null,
            1.0 - null - one_to_one,
            null * np.log1p(_run_lengths(shapes)),
            sure * null,
            np.where(null > 0, 0.0, similarity - typical_similarity),
            evidence.notes.astype(np.float64),
            evidence.crossings,
            np.full(count, sure.mean() if count else 0.0),
            null * _signal(evidence.joins),
            np.zeros(count) if evidence.disagreement is None else evidence.disagreement,
            length_stretch(evidence.length_ratios, sure),
        )
    )


def _shapes(points: Points, lattice: Lattice) -> NDArray[np.int64]:
    """Each bead's shape in lines: how many of each side's lines it holds."""
    return np.diff(lattice.lines(points), axis=0).reshape(-1, 2)


def length_stretch(ratios: FloatArray, sure: FloatArray) -> FloatArray:
    """Per bead, how far the log length ratios (*ratios*, NaN without counterpart) of the beads
    within STRETCH_REACH stray from the pair's typical one, in units of the pair's own spread,
    judged on the beads whose margin signal (*sure*) is high (see STRETCH_REACH)."""
    paired = np.isfinite(ratios)
    typical = paired & (sure >= STRETCH_SURE)
    if typical.sum() < STRETCH_MINIMUM:
        typical = paired
    if not typical.any():
        return np.zeros(len(ratios))
    centre = float(np.median(ratios[typical]))
    spread = float(np.median(np.abs(ratios[typical] - centre))) + STRETCH_FLOOR
    distance = np.log1p(np.abs(np.where(paired, ratios, centre) - centre) / spread)
    return _window_mean(distance, STRETCH_REACH)


def agreement(points: NDArray[np.int64], other: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Per bead of a ladder (*points*: its path, the corner before each bead and the last one,
    as (source, target) rows), whether the ladder through *other* (the same, of another
    aligner) holds the same bead: both its corners, one after the other; for a bead without
    counterpart, whether *other* leaves that sentence without one too, wherever among its
    neighbours without counterpart (the order of 1:0 and 0:1 beads side by side is arbitrary:
    a tie the costs' rounding breaks)."""
    width = int(max(points[:, 1].max(), other[:, 1].max())) + 1
    codes, others = points[:, 0] * width + points[:, 1], other[:, 0] * width + other[:, 1]  # increasing along a path
    found = np.minimum(np.searchsorted(others, codes[:-1]), len(others) - 2)
    same = (others[found] == codes[:-1]) & (others[found + 1] == codes[1:])
    steps, other_steps = np.diff(points, axis=0), np.diff(other, axis=0)
    for side in (0, 1):  # 1:0 beads, then 0:1 beads
        alone = (steps[:, side] == 1) & (steps[:, 1 - side] == 0)
        other_alone = other[:-1, side][(other_steps[:, side] == 1) & (other_steps[:, 1 - side] == 0)]
        same[alone] = np.isin(points[:-1, side][alone], other_alone)
    return same


def _signal(margin: FloatArray) -> FloatArray:
    """A margin (cost units, possibly infinite) as a number in [0, 1]."""
    return 1.0 - np.exp(-np.maximum(margin, 0.0) / MARGIN_SCALE)


def _split_margins(costs: ThroughCosts, points: Points, lattice: Lattice) -> FloatArray:
    """For each bead, how much dearer the best ladder through a point of the lattice inside its
    rectangle is (the bead split in two, or its lines shared out differently); infinite for
    1:0 and 0:1."""
    own = costs.at(points[1:, 0], points[1:, 1])
    lines = lattice.lines(points)
    shapes = np.diff(lines, axis=0)
    margins = np.full(len(shapes), np.inf)
    for x, y in {(int(x), int(y)) for x, y in shapes.tolist()}:
        beads = np.flatnonzero((shapes[:, 0] == x) & (shapes[:, 1] == y))
        starts = lines[beads]  # the point before each bead
        for a in range(x + 1):
            for b in range(y + 1):
                if 0 < a + b < x + y:
                    inside = lattice.units(starts + np.array([a, b]))
                    through = costs.at(inside[:, 0], inside[:, 1])
                    margins[beads] = np.minimum(margins[beads], through - own[beads])
    return margins


def _window_mean(values: FloatArray, reach: int) -> FloatArray:
    """The mean of *values* over each position and the positions within *reach* that exist."""
    sums = np.cumsum(np.concatenate(([0.0], values)))
    positions = np.arange(len(values))
    first, last = np.maximum(positions - reach, 0), np.minimum(positions + reach + 1, len(values))
    return (sums[last] - sums[first]) / np.maximum(last - first, 1)


def _around(sure: FloatArray, reach: int = 5) -> FloatArray:
    """The mean margin signal of the beads within *reach* of each bead (errors come in stretches)."""
    padded = np.concatenate((np.ones(reach), sure, np.ones(reach)))
    window = np.cumsum(np.concatenate(([0.0], padded)))
    return (window[2 * reach + 1 :] - window[: -2 * reach - 1]) / (2 * reach + 1)


def _point_margins(costs: ThroughCosts, points: Points, lattice: Lattice) -> FloatArray:
    """For each path point, how much dearer the best ladder through a neighbouring point of the
    lattice off the path is."""
    own = costs.at(points[:, 0], points[:, 1])
    lines = lattice.lines(points)
    nearest = np.full(len(points), np.inf)
    on_path = np.sort(points[:, 0] * (costs.m + 1) + points[:, 1])
    for di, dj in NEIGHBOURS:
        moved = lattice.units(lines + np.array([di, dj]))
        i, j = moved[:, 0], moved[:, 1]
        code = i * (costs.m + 1) + j
        found = np.minimum(np.searchsorted(on_path, code), len(on_path) - 1)
        elsewhere = on_path[found] != code  # a neighbour on the chosen ladder is no alternative
        nearest = np.minimum(nearest, np.where(elsewhere, costs.at(i, j), np.inf))
    margin = nearest - own
    margin[0] = margin[-1] = np.inf  # the corners are fixed
    return margin


def _runs(shapes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per bead, the first and the last bead of its run: consecutive beads of one null shape, or
    the bead alone."""
    count = len(shapes)
    continues = np.zeros(count, dtype=np.bool_)
    if count > 1:
        continues[1:] = (shapes[1:].min(axis=1) == 0) & (shapes[1:] == shapes[:-1]).all(axis=1)
    firsts = np.flatnonzero(~continues)
    lasts = np.append(firsts[1:] - 1, count - 1)
    run = np.cumsum(~continues) - 1
    return firsts[run], lasts[run]


def _run_lengths(shapes: NDArray[np.int64]) -> FloatArray:
    first, last = _runs(shapes)
    return (last - first + 1).astype(np.float64)


def _through_runs(shapes: NDArray[np.int64], start: FloatArray, end: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Inside a run of beads without counterpart the boundaries are not real choices (F + B
    counts the run's opening twice there): each bead of a run takes the run's outer margins."""
    first, last = _runs(shapes)
    return start[first], end[last]
