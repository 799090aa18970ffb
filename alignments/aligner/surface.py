"""Surface agreement learnt from the pair itself, for the aligner's later passes: per
sentence a few counts that tend to survive translation (dashes, numbers, brackets, quotation
marks, names), and per count what a difference between a bead's two sides costs, measured on
a pass's sure 1:1 beads against the same sentences paired with their neighbours' counterparts
(a log-likelihood ratio, shrunk toward none when the beads are few; a count that agrees no
better in right pairs than in shifted ones costs nothing). It helps tell a right pair from a shifted
one where two languages share few words. numpy and re only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
Floats = NDArray[np.floating[Any]]

# What each count counts. Tried and left out (issue 12, bench/README.md): every capitalised word
# after the first (German capitalises every noun: Text+Berg lost 1-2 points on two variants),
# commas and colons (worse on both gold sets).
MARKS = {"dashes": "-–—", "brackets": "([{", "quotes": "\"“”„«»"}
COUNTS = ("dashes", "numbers", "brackets", "quotes", "names")
_WORD = re.compile(r"[^\W\d_]+")
LARGEST_DIFFERENCE = 2  # differences of this many or more are one class
SHIFTS = (-2, -1, 1, 2)  # a sure bead's source against the targets of the sure beads this far off
PRIOR = 8.0  # pseudo-pairs, shared as all pairs share the classes, that shrink a few pairs' ratio
LEAST_PAIRS = 8  # fewer sure 1:1 beads than this teach nothing
_PLACES = (LARGEST_DIFFERENCE + 1) ** np.arange(len(COUNTS))


def sentence_counts(texts: Sequence[str]) -> IntArray:
    """Per sentence (one row each), its COUNTS. A name is a capitalised word after a sentence's
    first whose lower-case form the side never uses (German nouns count too: the learnt costs
    weigh what a count is worth in each pair)."""
    words = [_WORD.findall(text) for text in texts]
    lower = {word for sentence in words for word in sentence if word.islower()}
    rows = [_counts(text, sentence, lower) for text, sentence in zip(texts, words, strict=True)]
    return np.array(rows, dtype=np.int64).reshape(len(texts), len(COUNTS))


def _counts(text: str, words: list[str], lower: set[str]) -> tuple[int, ...]:
    counted = {
        "numbers": sum(1 for word in text.split() if any(char.isdigit() for char in word)),
        "names": sum(1 for word in words[1:] if word[:1].isupper() and word.lower() not in lower),
    }
    return tuple(counted[kind] if kind in counted else sum(text.count(mark) for mark in MARKS[kind]) for kind in COUNTS)


@dataclass(frozen=True)
class SurfaceTerm:
    """The counts of both sides as prefix sums (a run's counts are a difference) and what a
    bead costs for each combination of its counts' differences (`table`, by the combination's
    number in base LARGEST_DIFFERENCE + 1; nothing where every count agrees)."""

    source: IntArray  # (n + 1) × COUNTS
    target: IntArray  # (m + 1) × COUNTS
    table: Floats

    @classmethod
    def of(cls, source: IntArray, target: IntArray, costs: FloatArray) -> SurfaceTerm:
        """*costs*: per count, what each class of difference costs (`learn_surface`)."""
        combinations = np.arange((LARGEST_DIFFERENCE + 1) ** len(COUNTS))
        classes = (combinations[:, None] // _PLACES) % (LARGEST_DIFFERENCE + 1)
        table = costs[np.arange(len(COUNTS)), classes].sum(axis=1).astype(np.float32)
        return cls(_prefix_sums(source), _prefix_sums(target), table)

    def reversed(self) -> SurfaceTerm:
        """The same term for both sides read last first."""
        return SurfaceTerm(self.source[-1] - self.source[::-1], self.target[-1] - self.target[::-1], self.table)

    def group(self, side: str, count: int, end: IntArray) -> IntArray:
        """The counts of the *count* sentences before *end* on one side ("source" or "target"),
        in a last axis."""
        sums = self.source if side == "source" else self.target
        return sums[end] - sums[end - count]

    def cost(self, source: IntArray, target: IntArray) -> Floats:
        """What beads whose sides hold the counts *source* and *target* cost (`group`s,
        broadcast against each other)."""
        return self.table[surface_classes(source, target)]


def surface_classes(source: IntArray, target: IntArray) -> NDArray[np.uint8]:
    """Which combination of differences beads whose sides hold the counts *source* and *target*
    (`SurfaceTerm.group`s, broadcast against each other) hold: its number in `SurfaceTerm.table`."""
    classes = np.minimum(np.abs(source - target), LARGEST_DIFFERENCE)
    return (classes @ _PLACES).astype(np.uint8)  # fewer than 256 combinations


def learn_surface(source: IntArray, target: IntArray, pairs: Sequence[tuple[int, int]]) -> FloatArray | None:
    """What each count's difference costs, learnt from sentence *pairs* (i, j) thought right,
    in order, against each source sentence paired with the target of the pair SHIFTS away; None
    when they are too few to learn from. A larger difference never costs less."""
    if len(pairs) < LEAST_PAIRS:
        return None
    chosen = np.asarray(pairs, dtype=np.int64)
    right = _histogram(source[chosen[:, 0]], target[chosen[:, 1]])
    shifted = np.zeros_like(right)
    for shift in SHIFTS:
        kept = np.arange(max(0, -shift), len(chosen) - max(0, shift))
        shifted += _histogram(source[chosen[kept, 0]], target[chosen[kept + shift, 1]])
    pooled = _shares(right + shifted)
    ratio = np.log(_shares(right, pooled)) - np.log(_shares(shifted, pooled))
    return np.maximum.accumulate(np.maximum(0.0, ratio[:, :1] - ratio), axis=1)


def _histogram(source: IntArray, target: IntArray) -> FloatArray:
    """Per count, how many pairs differ by 0, 1, … LARGEST_DIFFERENCE (or more)."""
    difference = np.minimum(np.abs(source - target), LARGEST_DIFFERENCE)
    return (difference[:, :, None] == np.arange(LARGEST_DIFFERENCE + 1)).sum(axis=0).astype(np.float64)


def _shares(histogram: FloatArray, prior: FloatArray | None = None) -> FloatArray:
    """Each class's share per count, with PRIOR pseudo-pairs shared as *prior* (or half a pair
    per class)."""
    smoothed = histogram + (PRIOR * prior if prior is not None else 0.5)
    return smoothed / smoothed.sum(axis=1, keepdims=True)


def _prefix_sums(counts: IntArray) -> IntArray:
    return np.concatenate((np.zeros((1, counts.shape[1]), dtype=np.int32), np.cumsum(counts, axis=0, dtype=np.int32)))
