"""What a bead's cost needs of the run of sentences on each of its sides (a group): its length,
its structure signature, what breaks inside it cost and its sentences' anchor weight, for every
group of a given size on one side (`SideGroups`, by the group's end), and for the cells of one
block of the programme (`BlockGroups`). Each is worked out when first asked: a pass that finds
the other terms kept (alignments/aligner/kept_terms.py) reads only the lengths. numpy only.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchors import ENDINGS, EXCLAMATION, QUESTION, STARTS_LOWER
from alignments.aligner.bead_terms import PARAGRAPH_BIT, SideLike, continued_sentences, group_cost, group_marks, run_sum

FloatArray = NDArray[np.float64]
Floats = NDArray[np.floating[Any]]
IntArray = NDArray[np.int64]


class SideGroups:
    """Every group of *count* sentences of *side*, by its end (from *count* on). *sums*: the
    side's running sum of lengths, times *scale* (on the source side the length ratio: as many
    target characters as the group should have); *weights*: each sentence's anchor weight;
    *reverse*: the side is read last sentence first (the signature and breaks follow reading
    order); *continuation*: what each sentence that continues the one before takes off."""

    def __init__(
        self, side: SideLike, count: int, sums: FloatArray, scale: float, weights: FloatArray, reverse: bool, continuation: float
    ) -> None:
        self.side, self.count, self.sums, self.scale, self.weights = side, count, sums, scale, weights
        self.reverse, self.continuation = reverse, continuation
        self.end = np.arange(count, len(side) + 1)

    @cached_property
    def length(self) -> Floats:
        end = self.end
        return ((self.sums[end] - self.sums[end - self.count]) * self.scale).astype(np.float32)

    @cached_property
    def signature(self) -> IntArray:
        """For STRUCTURE_COSTS: question and exclamation marks anywhere, how the group ends and
        whether it starts in lower case and a paragraph, by its first and last sentence in
        reading order."""
        side, end, count = self.side, self.end, self.count
        first, last = (end - 1, end - count) if self.reverse else (end - count, end - 1)
        return (
            (group_marks(side.punctuation, end, count) & (QUESTION | EXCLAMATION))
            | (side.punctuation[last] & ENDINGS)
            | (side.punctuation[first] & STARTS_LOWER)
            | (side.paragraph_starts[first] * PARAGRAPH_BIT)
        )

    @cached_property
    def inside(self) -> Floats:
        """What paragraph breaks and notes inside the group cost."""
        inside = group_cost(self.side, self.count, self.end, self.reverse)
        if self.continuation and self.count > 1:
            inside -= self.continuation * continued_sentences(self.side, self.count, self.end, self.reverse)
        return inside.astype(np.float32)

    @cached_property
    def weight(self) -> Floats:
        return run_sum(self.weights, self.end, self.count).astype(np.float32)


class BlockGroups:
    """The groups of a side's `SideGroups` that end before *end* (the cells of one block)."""

    def __init__(self, whole: SideGroups, end: IntArray) -> None:
        self.whole, self.index = whole, end - whole.count

    @cached_property
    def length(self) -> Floats:
        return self.whole.length[self.index]

    @cached_property
    def signature(self) -> IntArray:
        return self.whole.signature[self.index]

    @cached_property
    def inside(self) -> Floats:
        return self.whole.inside[self.index]

    @cached_property
    def weight(self) -> Floats:
        return self.whole.weight[self.index]
