"""The aligner's teaching pass (alignments/aligner/passes.py): the first of several passes (either
method) counts the anchor chain's links as one more shared anchor, so the sure beads the later
passes learn from follow the chain; without sentence vectors it runs again at the length ratio
of its own 1:1 beads when the chain's ratio was wrong. Constructed pairs: where length alone cannot tell which source
sentence has no counterpart, a link decides; passages left out without anchors."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures
from alignments.aligner.anchor_similarity import band_similarity, token_tables
from alignments.aligner.band import Band
from alignments.aligner.chain import length_ratio
from alignments.aligner.costs import ANCHOR_WEIGHT, VECTOR_ANCHOR_WEIGHT
from alignments.aligner.lexicon import LEAST_PAIRS
from alignments.aligner.passes import TEACHING_ROUNDS, one_to_one_ratio, teaching_pass
from alignments.aligner.solve import AlignedBead, Reporter, Side, solve_pass


def sides(source: SideFeatures, target: SideFeatures) -> tuple[Side, Side]:
    tokens = token_tables(source.anchors, target.anchors)
    return (
        Side(source.lengths, source.paragraph_starts, source.notes_only, source.punctuation, source.junk, tokens.source),
        Side(target.lengths, target.paragraph_starts, target.notes_only, target.punctuation, target.junk, tokens.target),
    )


def test_a_link_adds_its_weight_to_its_cell_and_both_sentences_only() -> None:
    source = SideFeatures.of([40.0] * 5, anchors=[("abcd",), (), ("#12",), (), ()])
    target = SideFeatures.of([40.0] * 4, anchors=[("abcd",), (), (), ("#12",)])
    src, tgt = sides(source, target)
    band = Band.diagonal(5, 4, 5)
    plain = band_similarity(src.tokens, tgt.tokens, band)
    linked = plain.with_links(np.array([[1, 2], [3, 1]]), band, 7.0)
    difference = linked.shared - plain.shared
    cells = {(int(r), int(k) + int(band.lo[r])) for r, k in zip(*np.nonzero(difference), strict=True)}
    assert cells == {(2, 3), (4, 2)}  # (row i + 1, column j + 1) of source i and target j
    assert difference.sum() == pytest.approx(14.0)
    assert (linked.source_weight - plain.source_weight).tolist() == [0.0, 7.0, 0.0, 7.0, 0.0]
    assert (linked.target_weight - plain.target_weight).tolist() == [0.0, 7.0, 7.0, 0.0]


def test_no_links_change_nothing() -> None:
    source, target = SideFeatures.of([40.0] * 3), SideFeatures.of([40.0] * 3)
    src, tgt = sides(source, target)
    band = Band.diagonal(3, 3, 3)
    plain = band_similarity(src.tokens, tgt.tokens, band)
    assert plain.with_links(np.zeros((0, 2), dtype=np.int64), band, 7.0) is plain


@pytest.mark.parametrize("linked", range(5))
def test_where_length_cannot_tell_a_link_places_the_sentence_without_counterpart(linked: int) -> None:
    """Six source sentences and five target sentences, all as long: one source sentence has no
    counterpart and length cannot say which (without links the programme takes the first);
    linking source and target sentence *linked* keeps them in one bead, so the null bead comes
    after it."""
    source, target = SideFeatures.of([60.0] * 6), SideFeatures.of([60.0] * 5)
    src, tgt = sides(source, target)
    band = Band.diagonal(6, 5, 6)
    beads = solve_pass(src, tgt, band, Reporter(None, None, 6), 1.0, links=np.array([[linked, linked]])).ladder()
    assert next(bead for bead in beads if linked in bead.source).target == range(linked, linked + 1)
    assert all(bead.source.start > linked for bead in beads if not len(bead.target))


def test_the_ratio_of_one_to_one_beads_leaves_out_pairs_far_from_the_rest() -> None:
    """Ten 1:1 beads whose targets are half as long again, two that a smear paired (a third as
    long), and n:m and null beads, which do not count."""
    source_lengths = [40.0 + 10 * k for k in range(12)] + [50.0, 50.0, 50.0]
    target_lengths = [1.5 * length for length in source_lengths[:10]] + [20.0, 25.0] + [30.0, 30.0]
    src, tgt = sides(SideFeatures.of(source_lengths), SideFeatures.of(target_lengths))
    beads = [AlignedBead(range(k, k + 1), range(k, k + 1), 0.0) for k in range(12)]
    beads += [AlignedBead(range(12, 14), range(12, 13), 0.0), AlignedBead(range(14, 15), range(13, 13), 0.0)]
    beads += [AlignedBead(range(15, 15), range(13, 14), 0.0)]
    assert one_to_one_ratio(src, tgt, beads, 1.0) == pytest.approx(1.5)
    assert one_to_one_ratio(src, tgt, beads[: LEAST_PAIRS - 1], 0.8) == 0.8  # too few to say


@pytest.mark.parametrize("seed", range(5))
def test_a_translation_with_passages_left_out_is_aligned_at_the_ratio_of_its_beads(seed: int) -> None:
    """Forty source sentences of random lengths, translated sentence by sentence at the same
    length (within 10 %) except two passages of six left out; no anchors, so the first pass
    runs at the whole texts' ratio, far too low, and smears. Measuring the ratio over its 1:1
    beads and running again recovers more of the true pairs."""
    rng = np.random.default_rng(seed)
    source_lengths = rng.integers(20, 200, 40).astype(float)
    kept = [i for i in range(40) if not (10 <= i < 16 or 25 <= i < 31)]
    target_lengths = source_lengths[kept] * rng.uniform(0.9, 1.1, len(kept))
    src, tgt = sides(SideFeatures.of(source_lengths.tolist()), SideFeatures.of(target_lengths.tolist()))
    band, no_chain = Band.diagonal(40, len(kept), 40), np.zeros((0, 2), dtype=np.int64)
    ratio = length_ratio(source_lengths, target_lengths, no_chain)
    assert ratio < 0.8

    def true_pairs(beads: list[AlignedBead]) -> int:
        truth = {(i, k) for k, i in enumerate(kept)}
        return sum(1 for b in beads if len(b.source) == len(b.target) == 1 and (b.source.start, b.target.start) in truth)

    once = solve_pass(src, tgt, band, Reporter(None, None, 40), ratio, links=no_chain).confident()
    taught = teaching_pass(src, tgt, band, Reporter(None, None, 40), ratio, no_chain, TEACHING_ROUNDS).ladder()
    assert true_pairs(taught) > true_pairs(once)


@pytest.mark.parametrize("weight", [ANCHOR_WEIGHT, VECTOR_ANCHOR_WEIGHT, 0.0])
def test_the_anchor_weight_is_what_a_shared_anchor_decides_with(weight: float) -> None:
    """As above with a shared number instead of a link: at the anchors' weight (the first pass's,
    and the later passes' with sentence vectors) it keeps its two sentences in one bead; weighing
    nothing, it leaves the programme to take the first source sentence as the one without
    counterpart."""
    source = SideFeatures.of([60.0] * 6, anchors=[(), (), (), ("#12",), (), ()])
    target = SideFeatures.of([60.0] * 5, anchors=[(), (), (), ("#12",), ()])
    src, tgt = sides(source, target)
    beads = solve_pass(src, tgt, Band.diagonal(6, 5, 6), Reporter(None, None, 6), 1.0, anchor_weight=weight).ladder()
    null = next(bead.source.start for bead in beads if not len(bead.target))
    assert (null > 3) if weight else (null == 0)
