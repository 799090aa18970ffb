"""The bead-shape ceiling of bench/ceiling.py on the shared gold data: a ladder the shapes can
form reaches 1.0; a bead they lack costs recall and, cut into pieces, precision."""

from __future__ import annotations

import pytest

from bench.ceiling import DEFAULT_SHAPES, EMBEDDING_SHAPES, shape_ceiling
from bench.data import GOLD, gold_documents
from bench.variants import literary

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")


def test_every_parice_gold_bead_has_a_shape() -> None:
    links = [link for _, _, gold in gold_documents("parice") for link in gold]
    assert shape_ceiling(links, DEFAULT_SHAPES) == (1.0, 1.0)


def test_a_bead_without_shape_is_cut_into_the_fewest_wrong_pieces() -> None:
    links = [((0,), (0,)), ((1, 2, 3, 4, 5, 6), (1,)), ((7, 8, 9, 10, 11, 12), (2, 3, 4))]
    # 6:1 is an embedding shape only; 6:3 is no shape: two pieces (e.g. 5:3 + 1:0, 4:2 + 2:1)
    assert shape_ceiling(links, EMBEDDING_SHAPES) == pytest.approx((2 / 3, 2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3)))
    # without 6:1 it takes two pieces too (5:1 + 1:0)
    assert shape_ceiling(links, DEFAULT_SHAPES) == pytest.approx((1 / 3, 2 * (1 / 5) * (1 / 3) / (1 / 5 + 1 / 3)))


def test_the_literary_variant_asks_for_beads_beyond_the_default_shapes() -> None:
    """Its beads have up to eight sentences (as real literary gold): the embedding method's
    wide shapes form them all, the default method's not."""
    _, _, gold = literary(gold_documents("textberg_dev")[0], 0)
    assert shape_ceiling(gold, EMBEDDING_SHAPES) == (1.0, 1.0)
    recall, f1 = shape_ceiling(gold, DEFAULT_SHAPES)
    assert recall < 1.0 and f1 < recall
