"""Anchors that cross a bead boundary (alignments/aligner/crossings.py) on ladders of short real
sentences whose right and wrong beads are known, and what the confidence model makes of them."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.anchor_similarity import token_tables
from alignments.aligner.anchors import anchor_tokens
from alignments.aligner.confidence import FEATURES, modelled_confidences
from alignments.aligner.crossings import crossing_anchors
from alignments.ladder.beads import LOW_CONFIDENCE

SOURCE = [
    "Am 7. Juli 1936 reisten wir nach Leningrad.",
    "Dort trafen wir Kamenew und Bucharin.",
    "Es regnete.",
    "Im August 1937 kehrten wir nach Hause zurück.",
]
TARGET = [
    "On 7 July 1936 we travelled to Leningrad.",
    "There we met Kamenev and Bukharin.",
    "It rained.",
    "In August 1937 we came back home.",
]


def crossings(ladder: list[tuple[int, int]], source: list[str] = SOURCE, target: list[str] = TARGET) -> list[float]:
    """The crossing weight of each bead of a ladder given as (source count, target count)."""
    tokens = token_tables([anchor_tokens(s) for s in source], [anchor_tokens(t) for t in target])
    ends = np.cumsum(np.asarray(ladder, dtype=np.int64).reshape(-1, 2), axis=0)
    return crossing_anchors(tokens.source, tokens.target, ends).tolist()


def test_the_right_ladder_has_no_crossing_anchors() -> None:
    assert crossings([(1, 1)] * 4) == [0.0] * 4


def test_a_boundary_moved_on_one_side_marks_both_beads_it_splits_wrongly() -> None:
    moved = crossings([(1, 2), (1, 0), (1, 1), (1, 1)])  # "Kamenev and Bukharin" joined the first bead
    assert moved[0] > 0 and moved[1] > 0
    assert moved[2:] == [0.0, 0.0]
    late = crossings([(1, 1), (1, 1), (1, 1), (1, 0), (0, 1)])  # the last sentence left unpaired
    assert late[:2] == [0.0, 0.0] and late[3] > 0 and late[4] > 0


def test_an_anchor_the_neighbour_holds_on_both_sides_is_no_crossing() -> None:
    source = [*SOURCE[:2], "Kamenew schwieg."]
    target = [*TARGET[:2], "Kamenev kept silent."]
    assert crossings([(1, 1)] * 3, source, target) == [0.0] * 3
    assert crossings([(1, 1), (2, 2)], source, target) == [0.0, 0.0]


@pytest.mark.parametrize("method", ["default", "embeddings"])
def test_a_bead_the_costs_are_sure_of_is_flagged_when_two_rare_names_cross_it(method: str) -> None:
    sure = np.zeros(len(FEATURES))
    for name in ("constant", "sure", "other end sure", "split sure", "window sure", "pair sure"):
        sure[FEATURES.index(name)] = 1.0
    crossed = sure.copy()
    crossed[FEATURES.index("crossing anchors")] = 2 * np.log1p(1000 / 2)  # names seen once a side of 500 sentences
    trusted, flagged = modelled_confidences(np.vstack((sure, crossed)), method)
    assert trusted >= LOW_CONFIDENCE > flagged
