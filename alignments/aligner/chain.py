"""Where two texts correspond, found before anything assumes they do: high-confidence sentence
pairs found anywhere in the two texts (anchors that occur equally often on both sides, paired
in order; with sentence vectors, mutual nearest neighbours), the heaviest monotone chain of
them (n log n), with points that no neighbour in the chain confirms dropped. The chain gives the
band its shape and the length model its ratio. numpy only.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import TokenTable
from alignments.aligner.semantics import Semantics

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.floating]

MOST_OCCURRENCES = 256  # an anchor seen more often than this on a side pairs nothing
CONFIRMING_STEP = 40  # chain neighbours at most this many sentences apart confirm each other
STEP_SLACK = 4  # … if their steps on the two sides differ by at most 3 times plus this
NEIGHBOUR_LIMIT = 25_000_000  # cells of a full cosine matrix worth computing for neighbours
NEIGHBOUR_COSINE = 0.8  # mutual nearest neighbours closer than this are no anchors
NEIGHBOUR_BLOCK = 1024
UNANCHORED_DISAGREEMENT = 1.5  # whole-text and typical-sentence ratios this far apart: see _unanchored_ratio
NUMBER_WEIGHT = 2.0  # a shared number weighs as much as this many shared words
NEIGHBOUR_WEIGHT = 3.0  # a pair of mutual nearest neighbours by meaning
RATIO_LINKS = 3  # links the chain needs before its span gives the length ratio


def anchor_chain(
    source: TokenTable, target: TokenTable, semantics: Semantics | None = None, numbers: NDArray[np.bool_] | None = None
) -> IntArray:
    """Sentence pairs (i, j) where the two texts surely correspond, in order on both sides.
    *numbers*: per anchor id, whether it is a number (it then weighs more)."""
    candidates, weights = lexical_candidates(source, target, numbers)
    if semantics is not None:
        neighbours = neighbour_candidates(semantics.source.runs[0], semantics.target.runs[0])
        candidates = np.concatenate((candidates, neighbours))
        weights = np.concatenate((weights, np.full(len(neighbours), NEIGHBOUR_WEIGHT)))
    return monotone_chain(candidates, weights)


def length_ratio(source: FloatArray, target: FloatArray, chain: IntArray) -> float:
    """Target characters per source character where the texts correspond: over the steps of
    the chain that advance evenly on both sides when there are enough of them, else over the
    whole texts (a translation that covers part of its source, or leaves passages out, must not
    make every sentence look too long)."""
    if len(chain) >= RATIO_LINKS:
        steps = np.diff(chain, axis=0)
        even = _even(steps)
        source_sum = np.concatenate(([0.0], np.cumsum(source)))
        target_sum = np.concatenate(([0.0], np.cumsum(target)))
        starts, ends = chain[:-1][even], chain[1:][even]
        source_span = float((source_sum[ends[:, 0]] - source_sum[starts[:, 0]]).sum())
        target_span = float((target_sum[ends[:, 1]] - target_sum[starts[:, 1]]).sum())
        if source_span > 0 and target_span > 0:
            return target_span / source_span
    return _unanchored_ratio(source, target)


def _unanchored_ratio(source: FloatArray, target: FloatArray) -> float:
    """Without anchors: the ratio of the whole texts, unless the ratio of their typical
    sentence lengths tells a different story. Then one text has more sentences than the other
    for one of two reasons: the translation covers part of its source (or more than it), and
    keeps its sentences' lengths but not its total; or it cuts the source's sentences
    differently (a Chinese sentence of many clauses becomes two or three English ones), and
    keeps the total. In lengths of alignments/aligner/lengths.py corresponding texts have a
    ratio near 1, so the one of the two nearer 1 tells which."""
    total, target_total = float(source.sum()), float(target.sum())
    if total <= 0 or target_total <= 0:
        return 1.0  # a side of notes or empty sentences only (a stretch of a pair) tells nothing
    whole = target_total / total
    typical_source, typical_target = float(np.median(source)), float(np.median(target))
    if typical_source <= 0 or typical_target <= 0:
        return whole
    typical = typical_target / typical_source
    if max(whole / typical, typical / whole) <= UNANCHORED_DISAGREEMENT:
        return whole
    return typical if abs(np.log(typical)) < abs(np.log(whole)) else whole


def _even(steps: IntArray) -> NDArray[np.bool_]:
    """Chain steps short and about as long on both sides (no passage left out between)."""
    small, large = steps.min(axis=1), steps.max(axis=1)
    return (large <= CONFIRMING_STEP) & (large <= 3 * small + STEP_SLACK)


def lexical_candidates(
    source: TokenTable, target: TokenTable, numbers: NDArray[np.bool_] | None = None
) -> tuple[IntArray, FloatArray]:
    """(i, j) pairs and their weights: for each anchor that occurs in as many source as target
    sentences (and not too often), its k-th source sentence with its k-th target sentence; a
    pair weighs the number of such anchors it shares (numbers count NUMBER_WEIGHT)."""
    source_ids, target_ids = source.ids, target.ids
    if not len(source_ids) or not len(target_ids):
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    vocabulary = int(max(source_ids.max(), target_ids.max())) + 1
    source_count = np.bincount(source_ids, minlength=vocabulary)
    target_count = np.bincount(target_ids, minlength=vocabulary)
    paired = (source_count == target_count) & (source_count > 0) & (source_count <= MOST_OCCURRENCES)
    source_order = _ranked(source_ids[paired[source_ids]], source.owners()[paired[source_ids]])
    target_order = _ranked(target_ids[paired[target_ids]], target.owners()[paired[target_ids]])
    ids = np.sort(source_ids[paired[source_ids]])
    token_weights = np.where(numbers[ids], NUMBER_WEIGHT, 1.0) if numbers is not None else np.ones(len(ids))
    pairs, inverse = np.unique(np.stack((source_order, target_order), axis=1), axis=0, return_inverse=True)
    return pairs, np.bincount(inverse.reshape(-1), weights=token_weights, minlength=len(pairs)).astype(np.float64)


def _ranked(ids: IntArray, owners: IntArray) -> IntArray:
    """Owners sorted by (anchor id, owner): both sides then list each anchor's occurrences in
    reading order, at the same positions."""
    order = np.lexsort((owners, ids))
    return owners[order]


def neighbour_candidates(source: FloatArray, target: FloatArray) -> IntArray:
    """(i, j) pairs of sentences that are each other's nearest neighbour by cosine (unit
    vectors), and close; nothing when the full matrix would be too large."""
    n, m = len(source), len(target)
    if n == 0 or m == 0 or n * m > NEIGHBOUR_LIMIT:
        return np.zeros((0, 2), dtype=np.int64)
    best_target = np.empty(n, dtype=np.int64)
    best_cosine = np.empty(n, dtype=np.float32)
    best_source = np.zeros(m, dtype=np.int64)
    column_best = np.full(m, -np.inf, dtype=np.float32)
    for first in range(0, n, NEIGHBOUR_BLOCK):
        cosines = source[first : first + NEIGHBOUR_BLOCK] @ target.T
        best_target[first : first + len(cosines)] = cosines.argmax(axis=1)
        best_cosine[first : first + len(cosines)] = cosines.max(axis=1)
        rows = cosines.argmax(axis=0)
        better = cosines[rows, np.arange(m)] > column_best
        column_best[better] = cosines[rows, np.arange(m)][better]
        best_source[better] = rows[better] + first
    rows = np.arange(n)
    mutual = (best_source[best_target] == rows) & (best_cosine >= NEIGHBOUR_COSINE)
    return np.stack((rows[mutual], best_target[mutual]), axis=1)


def monotone_chain(candidates: IntArray, weights: FloatArray | None = None) -> IntArray:
    """The heaviest chain of candidate pairs strictly increasing on both sides (n log n),
    without the points no chain neighbour confirms; shape (k, 2)."""
    if not len(candidates):
        return np.zeros((0, 2), dtype=np.int64)
    weights = np.ones(len(candidates)) if weights is None else np.asarray(weights, dtype=np.float64)
    unique, inverse = np.unique(candidates, axis=0, return_inverse=True)
    summed = np.bincount(inverse.reshape(-1), weights=weights, minlength=len(unique)).astype(np.float64)
    order = np.lexsort((-unique[:, 1], unique[:, 0]))  # by i, then j falling: one point per i
    return _confirmed(unique[order][_heaviest_increasing(unique[order][:, 1], summed[order])])


def _heaviest_increasing(values: IntArray, weights: FloatArray) -> IntArray:
    """Indices of the strictly increasing subsequence of *values* with the largest total
    weight: a Fenwick tree over value ranks keeps the best chain ending below each rank."""
    ranks = np.searchsorted(np.unique(values), values) + 1
    size = int(ranks.max(initial=0))
    tree_score = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    previous = [-1] * len(values)
    best_score, best_index = 0.0, -1
    for index, (rank, weight) in enumerate(zip(ranks.tolist(), weights.tolist(), strict=True)):
        score, before, k = 0.0, -1, rank - 1
        while k > 0:  # best chain over ranks < rank
            if tree_score[k] > score:
                score, before = tree_score[k], tree_index[k]
            k -= k & -k
        score += weight
        previous[index] = before
        if score > best_score:
            best_score, best_index = score, index
        k = rank
        while k <= size:
            if score > tree_score[k]:
                tree_score[k], tree_index[k] = score, index
            k += k & -k
    result: list[int] = []
    while best_index >= 0:
        result.append(best_index)
        best_index = previous[best_index]
    return np.asarray(result[::-1], dtype=np.int64)


def _confirmed(chain: IntArray) -> IntArray:
    """The chain without points whose steps to both chain neighbours are long or lopsided
    (a chance anchor far from where the texts correspond)."""
    for _ in range(2):
        if len(chain) < 2:
            return chain[:0]  # a lone point confirms nothing
        good = _even(np.diff(chain, axis=0))
        keep = np.zeros(len(chain), dtype=bool)
        keep[:-1] |= good
        keep[1:] |= good
        chain = chain[keep]
    return chain
