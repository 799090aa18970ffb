"""Bead confidences and the aligner's backward pass on real inputs: note-only null beads are
trusted, the backward pass prices beads as the forward one does, the band around a path
holds it, and a null bead's join margin prices the ladder that joins it to a neighbour."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.anchor_similarity import band_similarity, token_tables
from alignments.aligner.band import Band
from alignments.aligner.confidence import ThroughCosts
from alignments.aligner.costs import CostModel
from alignments.aligner.joins import join_margins
from alignments.ladder.beads import LOW_CONFIDENCE
from alignments.planning.new_pair import features, load_pair
from corpus.samples import SAMPLE_PAIRS, SamplePair
from tests.gold import SECOND_LETTER, gold_links

WITH_GOLD = [s for s in SAMPLE_PAIRS if s.gold]


def sides(sample: SamplePair) -> tuple[SideFeatures, SideFeatures]:
    source, target = load_pair(sample.source_path, sample.target_path, sample.source_lang, sample.target_lang)
    return features(source), features(target)


def test_note_only_null_beads_are_not_flagged() -> None:
    notes = []
    for sample in WITH_GOLD:
        source, target = sides(sample)
        beads = align(source, target)
        assert all(0.0 <= b.score <= 1.0 for b in beads)
        notes += [
            b for b in beads
            if (not b.source or not b.target)
            and all(source.notes_only[i] for i in b.source) and all(target.notes_only[j] for j in b.target)
        ]
    assert notes and all(b.score >= LOW_CONFIDENCE for b in notes)


@pytest.mark.parametrize("sample", WITH_GOLD, ids=lambda s: s.name)
def test_reversed_similarity_is_the_same_weights_read_backwards(sample: SamplePair) -> None:
    source, target = sides(sample)
    tokens = token_tables(source.anchors, target.anchors)
    n, m = len(source), len(target)
    band = Band.diagonal(n, m, 12)
    forward = band_similarity(tokens.source, tokens.target, band)
    backward = forward.reversed(band, band.reversed())
    again = backward.reversed(band.reversed(), band)
    assert forward.shared.sum() > 0
    assert np.allclose(backward.shared.sum(), forward.shared.sum())
    assert np.array_equal(again.shared[1:], forward.shared[1:])
    assert np.array_equal(backward.source_weight, forward.source_weight[::-1])


@pytest.mark.parametrize("sample", WITH_GOLD, ids=lambda s: s.name)
def test_the_band_around_a_gold_path_holds_every_bead(sample: SamplePair) -> None:
    links = gold_links(sample)
    path, i, j = [], 0, 0
    for src, tgt in links:
        path.append((i, i + len(src), j, j + len(tgt)))
        i, j = i + len(src), j + len(tgt)
    band = Band.around(i, j, path, 2).within(Band.diagonal(i, j, max(i, j)))
    assert band.lo[0] == 0 and band.hi[-1] == j
    assert all(np.diff(band.lo) >= 0) and all(np.diff(band.hi) >= 0)
    for s0, s1, t0, t1 in path:
        assert band.lo[s0] <= t0 <= band.hi[s0] and band.lo[s1] <= t1 <= band.hi[s1]


@pytest.mark.parametrize("sample", WITH_GOLD, ids=lambda s: s.name)
def test_joining_a_null_bead_to_a_neighbour_is_priced_as_the_ladder_that_does_it(sample: SamplePair) -> None:
    """The join margins of the last pass (alignments/aligner/joins.py) on the sample pairs: the
    chosen ladder is the cheapest, so no joined ladder is cheaper; beads with both sides and
    the inner beads of a null run have none; and a lone null bead's margin is what the joined
    bead costs beyond the two beads it replaces (each priced by the forward costs)."""
    import alignments.aligner.solve as solver
    from alignments.aligner.shapes import BEAD_SHAPES

    seen: list[tuple[CostModel, ThroughCosts, list[tuple[int, int, int]], np.ndarray]] = []

    def recording(model: CostModel, costs: ThroughCosts, steps: list[tuple[int, int, int]]) -> np.ndarray:
        margins = join_margins(model, costs, steps)
        seen.append((model, costs, steps, margins))
        return margins

    source, target = sides(sample)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "join_margins", recording)
        align(source, target)
    model, costs, steps, margins = seen[-1]
    shapes = [BEAD_SHAPES[shape] for shape, _, _ in steps]
    points = [(0, 0)] + [(i, j) for _, i, j in steps]
    forward = costs.forward_at(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    lone = 0
    for k, shape in enumerate(shapes):
        assert margins[k] > -1e-3
        inner = 0 < k < len(steps) - 1 and shapes[k - 1] == shapes[k + 1] == shape  # inside a null run
        if min(shape) > 0 or inner:
            assert np.isinf(margins[k])
        if min(shape) == 0 and 0 < k < len(steps) - 1 and min(shapes[k - 1]) > 0 and min(shapes[k + 1]) > 0:
            lone += 1
            joined = []
            for first in (k - 1, k):
                x, y = shapes[first][0] + shapes[first + 1][0], shapes[first][1] + shapes[first + 1][1]
                end = np.array([points[first + 2][0]]), np.array([points[first + 2][1]])
                joined.append(model.costs_at(BEAD_SHAPES.index((x, y)), *end)[0] - (forward[first + 2] - forward[first]))
            assert np.isclose(margins[k], min(joined), atol=1e-3)
    assert sample is not SECOND_LETTER or lone


def test_a_second_opinion_agrees_on_the_beads_both_ladders_hold() -> None:
    """`agreement` on the samples' gold ladders: against itself every bead agrees; against the
    same ladder with each bead of several sentences cut into its first sentence pair and the
    rest, exactly those beads do not (and the cut ladder's pieces not either)."""
    from alignments.aligner.confidence import agreement

    cut_beads = 0
    for sample in WITH_GOLD:
        links = gold_links(sample)
        whole = [not (len(s) + len(t) > 2 and s and t) for s, t in links]
        shapes = [(len(s), len(t)) for s, t in links]
        cut_shapes = [
            piece for shape, kept in zip(shapes, whole, strict=True)
            for piece in ([shape] if kept else [(1, 1), (shape[0] - 1, shape[1] - 1)])
        ]
        gold, cut = corners(shapes), corners(cut_shapes)
        assert agreement(gold, gold).all()
        assert agreement(gold, cut).tolist() == whole
        assert agreement(cut, gold).sum() == sum(whole)
        cut_beads += whole.count(False)
    assert cut_beads > 5


def test_a_sentence_both_ladders_leave_without_counterpart_agrees_wherever_it_sits() -> None:
    """A 1:0 and a 0:1 bead side by side agree with the same two beads in the other order (a
    tie of the costs), and a null bead differs from a ladder that pairs its sentence."""
    from alignments.aligner.confidence import agreement

    ladder = corners([(1, 1), (1, 0), (0, 1), (1, 0), (2, 1)])
    reordered = corners([(1, 1), (0, 1), (1, 0), (1, 0), (2, 1)])
    paired = corners([(1, 1), (1, 1), (1, 0), (2, 1)])
    assert agreement(ladder, reordered).all()
    assert agreement(reordered, ladder).all()
    assert agreement(ladder, paired).tolist() == [True, False, False, True, True]


def corners(shapes: list[tuple[int, int]]) -> np.ndarray:
    """A ladder's path from its beads' shapes: (0, 0), then where each bead ends."""
    return np.vstack(([[0, 0]], np.cumsum(np.array(shapes, dtype=np.int64).reshape(-1, 2), axis=0)))


def test_no_right_bead_of_the_bundled_samples_is_flagged() -> None:
    """No bead of the sample pairs that their gold ladders hold is flagged for review by the
    default method (with its second opinions: the pair aligned again at moved length ratios):
    not the 2:1 bead whose split lengths cannot tell, nor the sentence the second translation
    of the letter leaves out. (With sentence vectors: tests/test_embeddings.py.)"""
    for sample in WITH_GOLD:
        source, target = sides(sample)
        gold = set(gold_links(sample))
        right = [b for b in align(source, target) if (tuple(b.source), tuple(b.target)) in gold]
        assert len(right) >= 0.9 * len(gold)
        assert [b for b in right if b.score < LOW_CONFIDENCE] == [], sample.name


@pytest.mark.parametrize("sample", WITH_GOLD, ids=lambda s: s.name)
def test_second_opinions_change_the_confidences_only(sample: SamplePair, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default method's second opinions (alignments/aligner/align.py OPINIONS) price
    the beads, never choose them: the ladder is the one made without them."""
    import alignments.aligner.align as aligner

    source, target = sides(sample)
    with_opinions = align(source, target)
    monkeypatch.setattr(aligner, "OPINIONS", ())
    alone = align(source, target)
    assert [(b.source, b.target, b.margin) for b in with_opinions] == [(b.source, b.target, b.margin) for b in alone]


def test_a_second_opinion_with_cheaper_nulls_prices_only_sentences_left_without_counterpart() -> None:
    """A side's null scale (the second opinion that leaves sentences out more readily,
    alignments/aligner/align.py OPINIONS) lowers what a 1:0 bead costs by that share of a run's
    opening and of a sentence's base cost, and leaves every bead with both sides as it was."""
    from dataclasses import replace

    from alignments.aligner.align import _groundwork
    from alignments.aligner.bead_terms import NULL_BASE
    from alignments.aligner.costs import NULL_OPEN
    from alignments.aligner.shapes import BEAD_SHAPES, NULL_SOURCE

    source, target = sides(WITH_GOLD[0])
    ground = _groundwork(source, target, None)
    band = Band.diagonal(len(source), len(target), 12)
    similarity = band_similarity(ground.src.tokens, ground.tgt.tokens, band)
    plain = CostModel(ground.src, ground.tgt, band, similarity, 1.1)
    cheaper = CostModel(replace(ground.src, null_scale=0.4), replace(ground.tgt, null_scale=0.4), band, similarity, 1.1)
    rows = np.arange(1, len(source) + 1)
    columns = np.minimum(rows, len(target))
    plain_null, cheaper_null = plain.costs_at(NULL_SOURCE, rows, columns), cheaper.costs_at(NULL_SOURCE, rows, columns)
    ordinary = ~(source.notes_only | source.junk)  # notes and junk lines have costs of their own
    assert ordinary.sum() > 10
    assert np.allclose((plain_null - cheaper_null)[ordinary], 0.6 * (NULL_OPEN + NULL_BASE), atol=1e-4)
    for shape in ((1, 1), (2, 1)):
        code = BEAD_SHAPES.index(shape)
        assert np.array_equal(plain.costs_at(code, rows, columns), cheaper.costs_at(code, rows, columns))


def test_bead_costs_at_cells_far_apart_are_those_of_each_cell_alone(tmp_path: Path) -> None:
    """`CostModel.costs_at` prices many cells at once (the join margins ask it for every null
    bead of a long pair) as it prices each on its own, however far apart their rows lie."""
    import alignments.aligner.solve as solver
    from alignments.aligner.costs import BLOCK_SPAN
    from alignments.aligner.shapes import BEAD_SHAPES

    sample = WITH_GOLD[0]
    paths = [tmp_path / "source.txt", tmp_path / "target.txt"]
    for path, text in zip(paths, (sample.source_path.read_text("utf-8"), sample.target_path.read_text("utf-8")), strict=True):
        path.write_text("\n\n".join([text] * 14), "utf-8")
    source, target = load_pair(*paths, sample.source_lang, sample.target_lang)
    models: list[tuple[CostModel, list[tuple[int, int, int]]]] = []

    def recording(model: CostModel, costs: ThroughCosts, steps: list[tuple[int, int, int]]) -> np.ndarray:
        models.append((model, steps))
        return join_margins(model, costs, steps)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "join_margins", recording)
        align(features(source), features(target))
    model, steps = models[-1]
    ends = np.array([(i, j) for _, i, j in steps])
    assert ends[:, 0].max() > 2 * BLOCK_SPAN  # the cells lie in several blocks
    for shape in ((1, 1), (2, 1), (1, 2)):
        code = BEAD_SHAPES.index(shape)
        together = model.costs_at(code, ends[:, 0], ends[:, 1])
        alone = [model.costs_at(code, ends[k : k + 1, 0], ends[k : k + 1, 1])[0] for k in range(len(ends))]
        assert np.isfinite(together).sum() > len(ends) // 2
        assert np.allclose(together, alone, rtol=1e-5)  # infinite where they are


def test_a_shifted_stretch_strays_from_the_pairs_own_length_ratio() -> None:
    """`length_stretch` on a sample's real sentence lengths: a ladder that follows the gold 1:1
    beads but for a stretch where each source sentence is paired with the next bead's target
    sentence (a ladder shifted by one, as where the texts do not correspond) strays more there
    than elsewhere; the pair's overall ratio does not matter (every ratio moved alike changes
    nothing: a wordier target language); a bead without counterpart counts as fitting."""
    from alignments.aligner.confidence import length_stretch

    sample = WITH_GOLD[0]
    source, target = sides(sample)
    pairs = [(s[0], t[0]) for s, t in gold_links(sample) if len(s) == 1 and len(t) == 1]
    assert len(pairs) > 30
    ratios = np.log(np.array([target.lengths[j] / source.lengths[i] for i, j in pairs]))
    for k in range(10, 20):
        ratios[k] = np.log(target.lengths[pairs[k + 1][1]] / source.lengths[pairs[k][0]])
    sure = np.ones(len(ratios))
    stretch = length_stretch(ratios, sure)
    inside, outside = stretch[12:18], np.concatenate((stretch[:8], stretch[22:]))
    assert inside.mean() > 1.5 * outside.mean()
    assert np.allclose(length_stretch(ratios + 0.4, sure), stretch)
    with_null = ratios.copy()
    with_null[15] = np.nan
    assert length_stretch(with_null, sure)[15] < stretch[15]
