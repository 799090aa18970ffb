"""Anchor-first alignment on real gold data (../shared/data/gold): the anchor chain, the band
along it, the bead shapes, and what the aligner makes of a translation that stops early."""

from __future__ import annotations

import numpy as np
import pytest

from alignments.aligner.align import align
from alignments.aligner.anchor_similarity import token_tables
from alignments.aligner.band import Band
from alignments.aligner.chain import anchor_chain, length_ratio, monotone_chain
from alignments.aligner.shapes import BEAD_SHAPES
from alignments.ladder.coverage import coverage_warning
from bench.data import GOLD, Document, gold_documents
from bench.methods import features
from bench.variants import stops_at_40

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="no shared gold data")


@pytest.fixture(scope="module")
def textberg() -> Document:
    return gold_documents("textberg_dev")[0]


def gold_pairs(gold: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> set[tuple[int, int]]:
    return {(i, j) for source, target in gold for i in source for j in target}


def chain_of(document: Document) -> np.ndarray:
    source, target, _ = document
    tokens = token_tables(features(source).anchors, features(target).anchors)
    return anchor_chain(tokens.source, tokens.target, numbers=tokens.numbers)


def test_the_chain_is_monotone_and_nearly_all_of_it_is_in_the_gold(textberg: Document) -> None:
    chain = chain_of(textberg)
    assert len(chain) > len(textberg[0]) // 4
    assert (np.diff(chain, axis=0) > 0).all()
    right = sum((int(i), int(j)) in gold_pairs(textberg[2]) for i, j in chain)
    assert right >= 0.95 * len(chain)


def test_the_chain_of_a_cut_translation_stays_in_the_covered_part(textberg: Document) -> None:
    source, target, gold = stops_at_40(textberg, 0)
    chain = chain_of((source, target, gold))
    covered = max(i for link in gold if link[1] for i in link[0])
    assert len(chain) > 20
    assert chain[:, 0].max() <= covered + 1


def test_a_chance_anchor_far_off_the_chain_is_dropped() -> None:
    diagonal = np.array([(k, k) for k in range(0, 100, 5)])
    stray = np.array([(52, 99), (97, 3)])
    chain = monotone_chain(np.concatenate((diagonal, stray)))
    assert chain.tolist() == diagonal.tolist()


def test_the_length_ratio_ignores_what_the_translation_leaves_out(textberg: Document) -> None:
    source, target, gold = textberg
    whole = length_ratio(features(source).lengths, features(target).lengths, chain_of(textberg))
    cut_source, cut_target, cut_gold = stops_at_40(textberg, 0)
    cut = length_ratio(features(cut_source).lengths, features(cut_target).lengths, chain_of((cut_source, cut_target, cut_gold)))
    assert abs(cut / whole - 1) < 0.1  # the whole texts' ratio would be about 0.4 of it


def test_the_band_along_the_chain_holds_the_gold_path_of_a_cut_translation(textberg: Document) -> None:
    source, target, gold = stops_at_40(textberg, 0)
    band = Band.along(len(source), len(target), chain_of((source, target, gold)), 60, len(source))
    i = j = 0
    for link in gold:
        i, j = i + len(link[0]), j + len(link[1])
        assert band.lo[i] <= j <= band.hi[i]


def test_every_gold_bead_up_to_six_sentences_has_a_shape() -> None:
    shapes = {(len(s), len(t)) for name in ("textberg_dev", "parice") for _, _, gold in gold_documents(name) for s, t in gold}
    assert {shape for shape in shapes if sum(shape) <= 6} <= set(BEAD_SHAPES)


def test_an_uncovered_tail_becomes_null_beads_and_the_warning_says_so(textberg: Document) -> None:
    """Coarse property only: where the translation stops, the source is left without counterpart."""
    source, target, gold = stops_at_40(textberg, 0)
    beads = align(features(source), features(target))
    covered = max(i for link in gold if link[1] for i in link[0])
    tail = [bead for bead in beads if bead.source and bead.source.start > covered + 10]
    assert tail and all(not bead.target for bead in tail)
    links = [(tuple(b.source), tuple(b.target)) for b in beads]
    warning = coverage_warning(links, len(source), len(target))
    assert warning is not None and "the translation appears to cover sentences 1–" in warning
    assert f"of {len(source)} of the source" in warning


def test_no_coverage_warning_for_complete_texts(textberg: Document) -> None:
    assert coverage_warning(textberg[2], len(textberg[0]), len(textberg[1])) is None
