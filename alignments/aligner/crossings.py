"""Anchors that cross a bead boundary: a second opinion on a ladder that the costs do not hold.
An anchor (a number, a name, a shared word prefix) on one side of a bead and missing from its
other side, but found on the other side of a neighbouring bead that lacks it on its own side,
says the boundary between the two beads is in the wrong place on one side (the cost model,
weighing all anchors of a bead at once, is often sure of such beads). Anchors weigh by their
rarity in the whole pair, as the anchor similarity weighs them in a window. numpy only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import FREQUENT_MINIMUM, FREQUENT_SHARE, TokenTable

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def crossing_anchors(source: TokenTable, target: TokenTable, ends: IntArray) -> FloatArray:
    """Per bead of a ladder (its source and target ends, one row per bead, in order): the
    summed weight of the anchors it has on one side only whose counterpart sits on the other
    side of the bead just before or after it, which has them on that side only."""
    vocabulary = int(max(source.ids.max(initial=-1), target.ids.max(initial=-1))) + 1
    weights = _rarity(source, target, vocabulary)
    source_keys = _bead_anchors(source, ends[:, 0], vocabulary, weights)
    target_keys = _bead_anchors(target, ends[:, 1], vocabulary, weights)
    source_only = source_keys[~_member(source_keys, target_keys)]  # (bead, anchor) on this side of the bead only
    target_only = target_keys[~_member(target_keys, source_keys)]
    crossing = np.zeros(len(ends))
    for own, other in ((source_only, target_only), (target_only, source_only)):
        for step in (-1, 1):  # the same anchor on the other side only of the neighbouring bead
            found = own[_member(own + step * vocabulary, other)]
            np.add.at(crossing, found // vocabulary, weights[found % vocabulary])
    return crossing


def _rarity(source: TokenTable, target: TokenTable, vocabulary: int) -> FloatArray:
    """Inverse document frequency of each anchor over both sides; frequent anchors, and those
    only one side has (they cannot cross), weigh 0."""
    sentences = len(source) + len(target)
    in_source = np.bincount(source.ids, minlength=vocabulary)
    in_target = np.bincount(target.ids, minlength=vocabulary)
    frequency = (in_source + in_target).astype(np.float64)
    useful = (in_source > 0) & (in_target > 0) & (frequency <= max(FREQUENT_MINIMUM, FREQUENT_SHARE * sentences))
    weights = np.zeros(vocabulary)
    weights[useful] = np.log1p(sentences / frequency[useful])
    return weights


def _bead_anchors(table: TokenTable, ends: IntArray, vocabulary: int, weights: FloatArray) -> IntArray:
    """Sorted distinct keys bead · vocabulary + anchor of one side's anchors that weigh
    anything (*ends*: where each bead ends on this side)."""
    weighty = weights[table.ids] > 0
    beads = np.searchsorted(ends, table.owners()[weighty], side="right")  # the first bead ending after the sentence
    keys = np.sort(beads * vocabulary + table.ids[weighty])
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def _member(keys: IntArray, sorted_keys: IntArray) -> NDArray[np.bool_]:
    """Which of *keys* are in *sorted_keys*."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.bool_)
    found = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[found] == keys
