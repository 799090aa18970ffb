"""The flag bench's measures (bench/flags.py): the kind of error a bead is against a gold ladder,
the precision a ranking reaches at a recall, and how near flags come to both targets."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.ladder.notation import Link
from bench.flags import Beads, error_kind, fit, precision_at_recall, room, rooms

GOLD: list[Link] = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2,)), ((5,), (3,))]


@pytest.mark.parametrize(
    ("link", "kind"),
    [
        (((0,), (0,)), ""),
        (((1,), (1,)), "granularity"),  # the gold 2:1 cut in two
        (((1, 2, 3), (1,)), "partly"),
        (((4, 5), (2, 3)), "partly"),  # two gold beads merged
        (((4,), (3,)), "mispaired"),
        (((4,), ()), "null"),
        (((), (2,)), "null"),
    ],
)
def test_error_kind(link: Link, kind: str) -> None:
    assert error_kind(link, GOLD) == kind


def test_precision_at_recall_takes_the_least_sure_beads_until_enough_wrong_ones() -> None:
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.0])  # feature · weights: higher is less sure
    wrong = np.array([True, False, True, False, True, False])
    beads = Beads(scores[:, None], wrong, np.zeros(6, dtype=np.int64), np.where(wrong, "partly", ""))
    assert precision_at_recall(beads, np.ones(1), 2 / 3) == pytest.approx(2 / 3)  # 2 of the first 3
    assert precision_at_recall(beads, np.ones(1), 1.0) == pytest.approx(3 / 5)
    assert precision_at_recall(beads, -np.ones(1), 1 / 3) == pytest.approx(1 / 2)  # reversed ranking


def test_room_is_the_nearer_target_and_one_when_both_are_met() -> None:
    wrong = np.array([True] * 10 + [False] * 10)
    both_met = np.array([True] * 7 + [False] * 3 + [True] * 4 + [False] * 6)  # 7 of 11 wrong, 7 of 10 caught
    assert room(both_met, wrong) == 1.0
    short_of_recall = np.array([True] * 5 + [False] * 15)  # every flag wrong, half caught
    assert room(short_of_recall, wrong) == pytest.approx(0.5 / 0.7)
    keys = [("parice", "complete"), ("parice", "stops at 40%")]
    data = {key: Beads(np.zeros((20, 1)), wrong, np.zeros(20, dtype=np.int64), np.where(wrong, "null", "")) for key in keys}
    assert rooms(dict(zip(keys, (both_met, short_of_recall), strict=True)), data) == f"{(1 + 0.5 / 0.7) / 2:.3f} (1 of 2 met)"


def test_a_bead_fitted_as_several_weighs_as_that_many_copies() -> None:
    rng = np.random.default_rng(1)
    features = np.column_stack((np.ones(40), rng.normal(size=(40, 2))))
    wrong = features[:, 1] + rng.normal(size=40) > 0.5
    counts = np.where(np.arange(40) < 5, 3.0, 1.0)
    copies = np.concatenate((np.arange(40), np.repeat(np.arange(5), 2)))
    assert np.allclose(fit(features, wrong, counts), fit(features[copies], wrong[copies]))
    assert not np.allclose(fit(features, wrong, counts), fit(features, wrong))
