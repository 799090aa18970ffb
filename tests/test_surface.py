"""Surface agreement learnt from the pair itself (alignments/aligner/surface.py): counts per
sentence, what their differences cost as sure beads teach it, and the default aligner's later
passes using it where lengths and shared words cannot tell a right pair from a shifted one."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.surface import COUNTS, LARGEST_DIFFERENCE, LEAST_PAIRS, SurfaceTerm, learn_surface, sentence_counts


def test_counts_of_a_sentence() -> None:
    assert COUNTS == ("dashes", "numbers", "brackets", "quotes", "names")
    texts = ["Nordic co-operation (since 1952) – see 2 and 10) in Iceland.", "„Já,“ sagði Jón við Nordic.", "", "Sagði hún nordic?"]
    assert sentence_counts(texts).tolist() == [
        [2, 3, 1, 0, 1],  # "Iceland"; "Nordic" starts the sentence
        [0, 0, 0, 2, 1],  # "Jón"; "Nordic" is also written "nordic" on this side
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
    ]


def pattern(count: int) -> np.ndarray:
    """Counts that agree in right pairs and mostly differ in shifted ones (dashes, quotes),
    ones that are always zero (numbers, names) and one that says nothing about pairs (brackets)."""
    return np.array([(k % 3, 0, (k * 7) % 2, int(k % 4 == 0), 0) for k in range(count)], dtype=np.int64)


def test_a_count_that_agrees_in_right_pairs_only_costs_where_it_differs() -> None:
    source = pattern(40)
    target = source.copy()
    target[:, 2] = np.roll(source[:, 2], 5)  # brackets: right pairs agree no more than shifted ones
    costs = learn_surface(source, target, [(k, k) for k in range(40)])
    assert costs is not None and costs.shape == (len(COUNTS), LARGEST_DIFFERENCE + 1)
    assert (costs[:, 0] == 0).all() and (np.diff(costs, axis=1) >= 0).all()
    dashes, numbers, brackets, quotes, names = costs
    assert dashes[1] > 1.0 and quotes[1] > 1.0
    assert numbers.tolist() == names.tolist() == [0.0, 0.0, 0.0]
    assert brackets[1] < 0.3


def test_too_few_pairs_teach_nothing() -> None:
    counts = pattern(LEAST_PAIRS)
    assert learn_surface(counts, counts, [(k, k) for k in range(LEAST_PAIRS - 1)]) is None
    assert learn_surface(counts, counts, [(k, k) for k in range(LEAST_PAIRS)]) is not None


def test_a_bead_costs_the_same_read_backwards() -> None:
    source, target = pattern(12), np.roll(pattern(14), 1, axis=0)
    costs = learn_surface(pattern(40), pattern(40), [(k, k) for k in range(40)])
    assert costs is not None
    term = SurfaceTerm.of(source, target, costs)
    back = term.reversed()
    for first, last, start, stop in [(0, 1, 0, 1), (3, 5, 4, 5), (7, 8, 9, 12), (9, 12, 13, 14)]:
        forward = term.cost(term.group("source", last - first, np.array(last)), term.group("target", stop - start, np.array(stop)))
        backward = back.cost(back.group("source", last - first, np.array(12 - first)), back.group("target", stop - start, np.array(14 - start)))
        assert float(forward) == pytest.approx(float(backward))


def test_the_later_passes_place_two_missing_sentences_that_lengths_cannot_find() -> None:
    """A sentence missing on each side, ten apart, in sentences of nearly equal length without
    shared words: lengths alone pair the ten sentences between shifted by one; the dashes and
    quotes the sure beads teach put the two sentences out instead."""
    counts = [(k % 3, (k // 3) % 2, 0, int(k % 4 == 0), 0) for k in range(40)]
    lengths = [40.0 + (k * 7) % 5 for k in range(40)]
    source_ids, target_ids = [k for k in range(40) if k != 24], [k for k in range(40) if k != 12]

    def side(ids: list[int], with_counts: bool) -> SideFeatures:
        return SideFeatures.of([lengths[k] for k in ids], counts=np.array([counts[k] for k in ids]) if with_counts else None)

    def wrong(with_counts: bool) -> int:
        beads = align(side(source_ids, with_counts), side(target_ids, with_counts))
        links = {(tuple(source_ids[i] for i in b.source), tuple(target_ids[j] for j in b.target)) for b in beads}
        right = {((k,), (k,)) for k in range(40) if k not in (12, 24)} | {((12,), ()), ((), (24,))}
        return len(links - right)

    assert wrong(with_counts=False) >= 10
    assert wrong(with_counts=True) == 0
