"""The default aligner's teaching pass (alignments/aligner/align.py): the first of several passes
counts the anchor chain's links as one more shared anchor, so the sure beads the later passes
learn from follow the chain. Constructed pairs: where length alone cannot tell which source
sentence has no counterpart, a link decides."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures, _Reporter, _Side, _solve
from alignments.aligner.anchor_similarity import band_similarity, token_tables
from alignments.aligner.band import Band


def sides(source: SideFeatures, target: SideFeatures) -> tuple[_Side, _Side]:
    tokens = token_tables(source.anchors, target.anchors)
    return (
        _Side(source.lengths, source.paragraph_starts, source.notes_only, source.punctuation, source.junk, tokens.source),
        _Side(target.lengths, target.paragraph_starts, target.notes_only, target.punctuation, target.junk, tokens.target),
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
    beads = _solve(src, tgt, band, _Reporter(None, None, 6), 1.0, links=np.array([[linked, linked]]))
    assert next(bead for bead in beads if linked in bead.source).target == range(linked, linked + 1)
    assert all(bead.source.start > linked for bead in beads if not len(bead.target))
