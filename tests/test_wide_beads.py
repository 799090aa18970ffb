"""Wide beads (x + y <= 8, e.g. 3:5) with sentence vectors, on constructed vectors: each
sentence is a sum of "topics" (orthogonal directions), so which runs say the same is known.
A 3:5 passage that no smaller bead splits cleanly is one bead; the default method keeps to
its shapes."""

from __future__ import annotations

import numpy as np

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.run_vectors import pooled_runs
from alignments.aligner.semantics import Semantics
from alignments.aligner.shapes import BEAD_SHAPES, WIDE_BEAD, ShapeSet

Topics = list[list[int]]
DIMENSION = 48


def _vectors(sentences: Topics) -> np.ndarray:
    vectors = np.zeros((len(sentences), DIMENSION), dtype=np.float32)
    for k, topics in enumerate(sentences):
        vectors[k, topics] = 1.0
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _aligned(source: Topics, target: Topics, semantics: bool = True) -> list[tuple[range, range]]:
    sides = [SideFeatures.of([30.0 * len(topics) for topics in side]) for side in (source, target)]
    vectors = Semantics.of(pooled_runs(_vectors(source)), pooled_runs(_vectors(target))) if semantics else None
    return [(bead.source, bead.target) for bead in align(*sides, semantics=vectors)]


def _around(source: Topics, target: Topics) -> tuple[Topics, Topics]:
    """*source* and *target* between ten 1:1 beads before and ten after, each of its own topic."""
    before, after = [[t] for t in range(20, 30)], [[t] for t in range(30, 40)]
    return before + source + after, before + target + after


def _interleaved(first: int, sources: int, targets: int) -> tuple[Topics, Topics]:
    """*sources* sentences against *targets* that say the same, each sentence a little of
    every sentence on the other side (topics from *first* on): only all of them match."""
    topics = [[first + a + sources * k for k in range(targets)] for a in range(sources)]
    return topics, [[first + k + targets * r for r in range(sources)] for k in range(targets)]


def test_a_passage_no_smaller_bead_splits_is_one_wide_bead() -> None:
    source, target = _around(*_interleaved(0, 3, 5))
    beads = _aligned(source, target)
    assert (range(10, 13), range(10, 15)) in beads
    assert 3 + 5 <= WIDE_BEAD and (3, 5) not in [BEAD_SHAPES[code] for code in ShapeSet.LONG.codes]
    assert all(len(s) + len(t) <= 6 for s, t in _aligned(source, target, semantics=False))


def test_a_passage_that_splits_cleanly_stays_split() -> None:
    """A 2:3 passage, then a 1:2 one: two beads, not one 3:5."""
    first, second = _interleaved(0, 2, 3), _interleaved(6, 1, 2)
    source, target = _around(first[0] + second[0], first[1] + second[1])
    beads = _aligned(source, target)
    assert (range(10, 12), range(10, 13)) in beads and (range(12, 13), range(13, 15)) in beads
