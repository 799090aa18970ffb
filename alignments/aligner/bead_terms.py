"""What a bead's parts cost, term by term, for whole arrays of groups at once (numpy): the
Gale–Church length cost, the structure signatures' differences (question and exclamation marks,
endings, lower-case starts, paragraphs), paragraph breaks and editorial notes inside a group,
sentences that continue the one before, what a sentence without counterpart costs, and the
anchors' weighted Dice overlap. `costs.CostModel` puts them together.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchors import ENDINGS, ENDS_WITH_COMMA, EXCLAMATION, QUESTION, STARTS_LOWER

FloatArray = NDArray[np.float64]
Floats = NDArray[np.floating[Any]]  # float32 where precision allows (costs), else float64
IntArray = NDArray[np.int64]

VARIANCE_PER_CHARACTER = 6.8  # Gale & Church's s²
# a sentence without counterpart: NULL_BASE + NULL_SLOPE * log(1 + its length in units)
NULL_BASE, NULL_SLOPE = 0.5, 0.4
JUNK_NULL_COST = 0.3  # a line with hardly a letter ("....", "A")
NOTE_NULL_COST = 0.3  # a sentence that is wholly an editorial note
NOTE_MERGE_COST = 2.0  # … and should not be merged into a bead with other sentences
ANCHOR_EVIDENCE = 4.0  # anchor weight at which a bead's overlap counts half
PUNCTUATION_COST = 0.7  # per mark (? !) present on one side of a bead only
ENDING_COST = 1.0  # the bead ends differently on the two sides (stop, colon, comma, none)
START_COST = 1.0  # the bead starts in lower case on one side only
PARAGRAPH_SPLIT_COST = 3.0  # a bead that runs across a paragraph break on one side
PARAGRAPH_MISMATCH_COST = 1.0  # a paragraph starts at the bead on one side only
PARAGRAPH_BIT = 128  # in a group's signature, beside the punctuation flags (alignments/aligner/anchors.py)


class SideLike(Protocol):
    @property
    def lengths(self) -> FloatArray: ...
    @property
    def paragraph_starts(self) -> NDArray[np.bool_]: ...
    @property
    def notes_only(self) -> NDArray[np.bool_]: ...
    @property
    def junk(self) -> NDArray[np.bool_]: ...
    @property
    def punctuation(self) -> IntArray: ...
    @property
    def null_scale(self) -> float: ...

    def __len__(self) -> int: ...


def _structure_costs() -> Floats:
    """What a bead costs for each way its two sides' signatures differ (their XOR)."""
    differing = np.arange(2 * PARAGRAPH_BIT)
    cost = PUNCTUATION_COST * ((differing & QUESTION) > 0) + PUNCTUATION_COST * ((differing & EXCLAMATION) > 0)
    cost += PARAGRAPH_MISMATCH_COST * ((differing & PARAGRAPH_BIT) > 0)
    cost += ENDING_COST * ((differing & ENDINGS) > 0) + START_COST * ((differing & STARTS_LOWER) > 0)
    return cost.astype(np.float32)


STRUCTURE_COSTS = _structure_costs()


def length_cost(expected: Floats, observed: Floats) -> Floats:
    """Gale–Church: -log of the chance of a standardised length difference this large between
    the *expected* and the *observed* target length."""
    delta = (observed - expected) / np.sqrt(VARIANCE_PER_CHARACTER * (expected + observed) / 2 + 1.0)
    return _neg_log_erfc(np.abs(delta) * (1 / math.sqrt(2)))


def run_sum(values: FloatArray, end: IntArray, count: int) -> FloatArray:
    """The sum of *values* over the *count* entries before *end*."""
    return sum((values[end - 1 - a] for a in range(1, count)), values[end - 1])


def overlap_cost(shared: Floats, source_weight: Floats, target_weight: Floats, weight: float, expected: float) -> Floats:
    """Weighted Dice overlap of a bead's two sides against what unrelated sentences share,
    scaled by how much evidence the sentences carry."""
    total = source_weight + target_weight
    dice = np.divide(2 * shared, total, out=np.zeros(np.shape(total), dtype=np.result_type(shared, total)), where=total > 0)
    weaker = np.minimum(source_weight, target_weight)
    return (weight * (expected - dice)) * (weaker / (weaker + ANCHOR_EVIDENCE))


def group_marks(punctuation: IntArray, end: IntArray, count: int) -> IntArray:
    """The punctuation flags of a group of *count* sentences ending before *end*, combined."""
    marks = punctuation[end - 1]
    for a in range(1, count):
        marks = marks | punctuation[end - 1 - a]
    return marks


def group_cost(side: SideLike, count: int, end: IntArray, reverse: bool) -> FloatArray:
    """Paragraph breaks and note-only sentences inside a multi-sentence group (a paragraph may
    start at the group's first sentence in reading order, not at the others)."""
    cost = np.zeros(end.shape)
    for a in range(1, count):
        cost = cost + PARAGRAPH_SPLIT_COST * side.paragraph_starts[end - 1 - a if reverse else end - a]
    if count > 1:
        notes = np.zeros(end.shape, dtype=bool)
        for a in range(count):
            notes = notes | side.notes_only[end - 1 - a]
        cost = cost + NOTE_MERGE_COST * notes
    return cost


def continued_sentences(side: SideLike, count: int, end: IntArray, reverse: bool) -> FloatArray:
    """Per group of *count* sentences ending before *end*: how many of its sentences continue
    the one before in reading order (that one ends with a comma or semicolon, this one starts
    in lower case)."""
    continued = np.zeros(end.shape)
    for a in range(1, count):
        earlier, later = (end - a, end - 1 - a) if reverse else (end - 1 - a, end - a)
        continued += ((side.punctuation[earlier] & ENDS_WITH_COMMA) > 0) & ((side.punctuation[later] & STARTS_LOWER) > 0)
    return continued


def null_costs(side: SideLike, unit: float) -> FloatArray:
    """Per unit, what one more unit in a run without counterpart costs (its base part times the
    side's null scale)."""
    lengths = np.asarray(side.lengths, dtype=np.float64) / unit
    by_length = unit * (NULL_BASE * side.null_scale + NULL_SLOPE * np.log1p(lengths))
    return np.where(side.notes_only, NOTE_NULL_COST, np.where(side.junk, JUNK_NULL_COST, by_length))


def _neg_log_erfc(x: Floats) -> Floats:
    """-log(erfc(x)) for x >= 0 without underflow (Numerical Recipes' erfcc, error < 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return np.log(1.0 / t) + x * x - poly
