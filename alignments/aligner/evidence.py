"""What the confidence reads of each bead of a ladder besides the margins (confidence.BeadEvidence):
its length mismatch, whether it is all editorial notes, the anchors that cross its boundaries,
with sentence vectors how close its two sides are, and how many second opinions form it. A
ladder over lines (lattice.py) is read as one: its beads' lengths, anchors and vectors are
those of whole lines, and a second opinion forms a bead if its own ladder closed over lines
does. numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import TokenTable
from alignments.aligner.bead_terms import length_cost
from alignments.aligner.confidence import BeadEvidence, FloatArray, agreement
from alignments.aligner.crossings import crossing_anchors
from alignments.aligner.lattice import Lattice, Points
from alignments.aligner.semantics import Semantics


class SideData(Protocol):
    """What the evidence reads of one side (solve.Side)."""

    @property
    def lengths(self) -> NDArray[np.float64]: ...

    @property
    def notes_only(self) -> NDArray[np.bool_]: ...

    @property
    def tokens(self) -> TokenTable: ...


@dataclass(frozen=True)
class BeadSides:
    """The pair as the last pass saw it: both sides, its length ratio and, with sentence
    vectors, their runs."""

    source: SideData
    target: SideData
    ratio: float
    semantics: Semantics | None = None


def bead_evidence(
    sides: BeadSides,
    points: Points,
    joins: FloatArray,
    second_opinions: Sequence[Points],
    lattice: Lattice = Lattice(),
) -> BeadEvidence:
    """The evidence for the beads between consecutive *points* (the ladder's corners, (0, 0)
    first, in units; on *lattice*); *joins*: per bead, how much dearer it is joined to a
    neighbour (joins.py); *second_opinions*: other ladders' corners."""
    starts, ends = points[:-1], points[1:]
    source_sum = np.concatenate(([0.0], np.cumsum(sides.source.lengths)))
    target_sum = np.concatenate(([0.0], np.cumsum(sides.target.lengths)))
    expected = (source_sum[ends[:, 0]] - source_sum[starts[:, 0]]) * sides.ratio
    observed = target_sum[ends[:, 1]] - target_sum[starts[:, 1]]
    lengths = np.asarray(length_cost(expected, observed), dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where((expected > 0) & (observed > 0), np.log(observed / expected), np.nan)
    notes = _all_notes(sides.source.notes_only, starts[:, 0], ends[:, 0]) & _all_notes(sides.target.notes_only, starts[:, 1], ends[:, 1])
    crossings = crossing_anchors(sides.source.tokens, sides.target.tokens, ends)
    disagreement = _disagreement(points, second_opinions, lattice) if second_opinions else None
    if sides.semantics is None:
        return BeadEvidence(lengths, ratios, notes, crossings, joins, disagreement=disagreement)
    similarities = _similarities(sides.semantics, starts, ends)
    return BeadEvidence(lengths, ratios, notes, crossings, joins, similarities, disagreement)


def _disagreement(points: Points, second_opinions: Sequence[Points], lattice: Lattice) -> FloatArray:
    """Per bead, the share of *second_opinions* that do not form it, each closed over lines and
    compared in lines."""
    lines = lattice.lines(points)
    others = [lattice.lines(other[lattice.closed(other)]) for other in second_opinions]
    return np.asarray(np.mean([~agreement(lines, other) for other in others], axis=0), dtype=np.float64)


def _similarities(semantics: Semantics, starts: Points, ends: Points) -> FloatArray:
    """Per bead with both sides, its two sides' cosine as e5 would give it: their run vectors
    where the pair has runs that long, else the normalised sums of their units' vectors."""
    similarities = np.zeros(len(ends))
    source, target = semantics.source.runs, semantics.target.runs
    for k, ((i0, j0), (i, j)) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        di, dj = i - i0, j - j0
        if not (di and dj):
            continue
        if di <= len(source) and dj <= len(target):
            cosine = float(source[di - 1][i - 1] @ target[dj - 1][j - 1])
        else:
            cosine = _pooled_cosine(source[0][i0:i], target[0][j0:j])
        similarities[k] = semantics.similarity(cosine)
    return similarities


def _pooled_cosine(source: NDArray[np.floating[Any]], target: NDArray[np.floating[Any]]) -> float:
    """The cosine of the normalised sums of two runs of unit vectors."""
    first, second = source.sum(axis=0, dtype=np.float64), target.sum(axis=0, dtype=np.float64)
    norms = float(np.linalg.norm(first) * np.linalg.norm(second))
    return float(first @ second) / norms if norms > 0 else 0.0


def _all_notes(notes_only: NDArray[np.bool_], starts: NDArray[np.int64], ends: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Per run [start, end) of sentences: whether every one is an editorial note (an empty run is)."""
    count = np.concatenate(([0], np.cumsum(~notes_only)))
    return count[ends] == count[starts]
