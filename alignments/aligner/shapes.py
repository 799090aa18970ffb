"""Bead shapes: which (source, target) sentence counts a bead may have, their codes, the prior
each shape costs, and which sets of shapes a programme may form (plain; with sentence vectors
also long and wide ones).
"""

from __future__ import annotations

from enum import StrEnum

from alignments.aligner.run_vectors import LONGEST_RUN

# Bead shapes by code: (source sentences, target sentences); x + y <= MAX_BEAD (literary
# translations need 1:4 and 2:3). With sentence vectors also LONG_SHAPES: one long sentence
# against up to LONGEST_RUN short ones (a language with long clause chains), where meaning, not
# length alone, can tell them from a run of beads.
MAX_BEAD = 6


def _by_size(shape: tuple[int, int]) -> tuple[int, int, int]:
    """Shapes in order: fewer sentences first, then the more even, then more source sentences."""
    return shape[0] + shape[1], abs(shape[0] - shape[1]), -shape[0]


BEAD_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1)) + tuple(
    sorted(((x, y) for x in range(1, MAX_BEAD) for y in range(1, MAX_BEAD) if 2 < x + y <= MAX_BEAD), key=_by_size)
)
LONG_SHAPES = tuple(shape for run in range(MAX_BEAD, LONGEST_RUN + 1) for shape in ((run, 1), (1, run)))
BEAD_SHAPES += LONG_SHAPES
# With sentence vectors, a later pass near the first pass's path may also form beads of up to
# WIDE_BEAD sentences (real literary gold holds 3:5 beads): WIDE_SHAPES.
WIDE_BEAD = 8
WIDE_SHAPES = tuple(
    sorted(
        (
            (x, y)
            for x in range(1, LONGEST_RUN + 1)
            for y in range(1, LONGEST_RUN + 1)
            if MAX_BEAD < x + y <= WIDE_BEAD and (x, y) not in LONG_SHAPES
        ),
        key=_by_size,
    )
)
BEAD_SHAPES += WIDE_SHAPES
NULL_TARGET = BEAD_SHAPES.index((0, 1))
NULL_SOURCE = BEAD_SHAPES.index((1, 0))
SHAPE_EXTRA_COST, SHAPE_UNEVEN_COST = 2.0, 0.3  # per sentence beyond 1:1, per sentence of imbalance


def shape_prior_costs(extra: float = SHAPE_EXTRA_COST) -> dict[tuple[int, int], float]:
    """What each shape with both sides costs: *extra* per sentence beyond 1:1, SHAPE_UNEVEN_COST
    per sentence of imbalance."""
    return {(x, y): extra * (x + y - 2) + SHAPE_UNEVEN_COST * abs(x - y) for x, y in BEAD_SHAPES if x and y}


class ShapeSet(StrEnum):
    """Which bead shapes a programme may form: PLAIN (x + y <= MAX_BEAD), LONG (also
    LONG_SHAPES: with sentence vectors) or WIDE (also WIDE_SHAPES: with sentence vectors, near
    a path found before)."""

    PLAIN = "plain"
    LONG = "long"
    WIDE = "wide"

    @property
    def codes(self) -> tuple[int, ...]:
        """The codes (indices into BEAD_SHAPES) of the set's shapes."""
        count = len(BEAD_SHAPES) - len(WIDE_SHAPES) - (len(LONG_SHAPES) if self == ShapeSet.PLAIN else 0)
        return tuple(range(len(BEAD_SHAPES) if self == ShapeSet.WIDE else count))
