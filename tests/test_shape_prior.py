"""The shape prior of the embedding method's later passes (alignments/aligner/passes.py
`shape_extra`): what each sentence beyond 1:1 costs follows the bead sizes of the pass before,
so a translation written in long clause chains (1:2 … 1:4 beads) lets the later passes form
large beads that would be too dear in a text of 1:1 beads."""

from __future__ import annotations

import pytest

from alignments.aligner.passes import LARGE_BEADS, LEAST_SHAPE_EXTRA, shape_extra
from alignments.aligner.shapes import SHAPE_EXTRA_COST, shape_prior_costs
from alignments.aligner.solve import AlignedBead


def ladder(shapes: list[tuple[int, int]]) -> list[AlignedBead]:
    beads, i, j = [], 0, 0
    for x, y in shapes:
        beads.append(AlignedBead(range(i, i + x), range(j, j + y), 1.0))
        i, j = i + x, j + y
    return beads


@pytest.mark.parametrize(
    ("shapes", "expected"),
    [
        ([(1, 1)] * 18 + [(2, 1), (1, 2)], SHAPE_EXTRA_COST),  # an ordinary translation: 0.1 beyond 1:1
        ([(1, 3), (1, 2), (3, 1), (1, 1)], LEAST_SHAPE_EXTRA),  # long clause chains: 1.25 beyond 1:1
        ([(1, 1)] * 30 + [(1, 0), (0, 1)] * 30, SHAPE_EXTRA_COST),  # null beads say nothing
        ([], SHAPE_EXTRA_COST),
    ],
)
def test_the_sentence_cost_follows_the_bead_sizes_of_the_pass_before(shapes: list[tuple[int, int]], expected: float) -> None:
    assert shape_extra(ladder(shapes)) == pytest.approx(expected)


def test_between_the_two_it_falls_with_the_bead_sizes() -> None:
    """k beads of 1:2 among ten: k / 10 sentences beyond 1:1 per bead."""
    costs = [shape_extra(ladder([(1, 1)] * (10 - k) + [(1, 2)] * k)) for k in range(11)]
    assert costs == sorted(costs, reverse=True) and costs[0] == SHAPE_EXTRA_COST
    assert LARGE_BEADS == (0.7, 1.1) and costs[9] == pytest.approx((SHAPE_EXTRA_COST + LEAST_SHAPE_EXTRA) / 2)


def test_the_prior_prices_each_sentence_beyond_one_to_one_and_the_imbalance() -> None:
    ordinary, chained = shape_prior_costs(), shape_prior_costs(LEAST_SHAPE_EXTRA)
    assert ordinary[(1, 1)] == chained[(1, 1)] == 0.0
    assert ordinary[(3, 5)] - chained[(3, 5)] == pytest.approx(6 * (SHAPE_EXTRA_COST - LEAST_SHAPE_EXTRA))
    imbalance = ordinary[(1, 4)] - ordinary[(2, 3)]
    assert imbalance > 0 and chained[(1, 4)] - chained[(2, 3)] == pytest.approx(imbalance)  # the imbalance stays
