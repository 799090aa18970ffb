"""The aligner's later passes, each a full pass of alignments/aligner/solve.py taught by the one
before: the teaching pass (the first of several: it holds to the anchor chain's links and,
without sentence vectors, runs again at the length ratio of its own 1:1 beads), the word
translations, surface agreement (alignments/aligner/surface.py) and length ratio its sure beads
teach, and the wide pass (with sentence vectors: beads of up to eight sentences near the path of
the pass before). Knows nothing of the store or of Qt.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.band import Band
from alignments.aligner.costs import VECTOR_ANCHOR_WEIGHT
from alignments.aligner.kept_terms import KeptTerms
from alignments.aligner.lexicon import LEAST_PAIRS, KnownPairs, Lexicon, learn
from alignments.aligner.semantics import Semantics
from alignments.aligner.shapes import SHAPE_EXTRA_COST, ShapeSet
from alignments.aligner.solve import AlignedBead, Pass, Reporter, Side, solve_pass
from alignments.aligner.surface import SurfaceTerm, learn_surface

LEXICON_CONFIDENCE = 0.5  # beads at least this sure teach the lexicon and measure the ratio
WIDE_REACH = 8  # with sentence vectors, a last pass may form wide beads this near the path before
# Without sentence vectors (whose ratio pass does this) the teaching pass is run again, at most
# TEACHING_ROUNDS more times, at the length ratio of its own 1:1 beads while that differs by
# more than RATIO_AGREEMENT (in log) from the ratio it ran at: a passage left out makes the
# chain's ratio wrong, but most 1:1 beads are right even then. Beads whose own ratio lies
# RATIO_TRIM (in log) or more from the median are left out of it.
TEACHING_ROUNDS, RATIO_AGREEMENT, RATIO_TRIM = 2, 0.03, 0.3
# With sentence vectors the later passes price each sentence beyond 1:1 at SHAPE_EXTRA_COST,
# lowered linearly to LEAST_SHAPE_EXTRA as the sentences beyond 1:1 per bead of the pass before
# rise from LARGE_BEADS[0] to LARGE_BEADS[1] (measured: 0.01-0.9 on complete and cut texts,
# 1.1-2.1 on the literary variants).
LEAST_SHAPE_EXTRA, LARGE_BEADS = 1.0, (0.7, 1.1)


def wide_pass(
    src: Side,
    tgt: Side,
    band: Band,
    reporter: Reporter,
    ratio: float,
    beads: list[AlignedBead],
    semantics: Semantics,
    shape_extra: float = SHAPE_EXTRA_COST,
    surface: SurfaceTerm | None = None,
) -> Pass:
    """The pass before, again with wide beads too (x + y <= WIDE_BEAD: 3:5, 5:2 ...), searched
    only within WIDE_REACH sentences of its path: a wide bead is one the pass before had to
    cut into smaller ones nearby. Shared anchors weigh VECTOR_ANCHOR_WEIGHT there. *surface*:
    what surface count differences cost there."""
    path = [(bead.source.start, bead.source.stop, bead.target.start, bead.target.stop) for bead in beads]
    near = Band.around(band.rows - 1, int(band.hi[-1]), path, WIDE_REACH).within(band)
    return solve_pass(
        src, tgt, near, reporter, ratio, semantics=semantics, shapes=ShapeSet.WIDE, shape_extra=shape_extra, surface=surface,
        anchor_weight=VECTOR_ANCHOR_WEIGHT,
    )


def teaching_pass(
    src: Side,
    tgt: Side,
    band: Band,
    reporter: Reporter,
    ratio: float,
    chain: NDArray[np.int64],
    rounds: int,
    semantics: Semantics | None = None,
    ratio_scale: float = 1.0,
    kept: KeptTerms | None = None,
    lexicon: Lexicon | None = None,
) -> Pass:
    """The first pass of several: it holds to the chain's links, and runs again (at most
    *rounds* times) at the ratio of its own 1:1 beads (times *ratio_scale*) while that
    disagrees with the ratio it ran at. *kept*: the terms the alignment's passes share;
    *lexicon*: what runs known elsewhere teach (lexicon.known_lexicon)."""
    solved = solve_pass(src, tgt, band, reporter, ratio, semantics=semantics, lexicon=lexicon, links=chain, kept=kept)
    for _ in range(rounds):
        measured = one_to_one_ratio(src, tgt, solved.ladder(), ratio / ratio_scale) * ratio_scale
        if abs(math.log(measured / ratio)) <= RATIO_AGREEMENT:
            break
        ratio = measured
        reporter.passes_done += 1
        solved = solve_pass(src, tgt, band, reporter, ratio, semantics=semantics, lexicon=lexicon, links=chain, kept=kept)
    return solved


def shape_extra(beads: list[AlignedBead]) -> float:
    """What each sentence beyond 1:1 should cost the later passes: SHAPE_EXTRA_COST, lowered
    towards LEAST_SHAPE_EXTRA where the pass before formed large beads (a translation written
    in long clause chains: 1:3, 2:3 ...)."""
    sizes = [len(b.source) + len(b.target) - 2 for b in beads if len(b.source) and len(b.target)]
    if not sizes:
        return SHAPE_EXTRA_COST
    share = (sum(sizes) / len(sizes) - LARGE_BEADS[0]) / (LARGE_BEADS[1] - LARGE_BEADS[0])
    return SHAPE_EXTRA_COST + min(max(share, 0.0), 1.0) * (LEAST_SHAPE_EXTRA - SHAPE_EXTRA_COST)


def one_to_one_ratio(src: Side, tgt: Side, beads: list[AlignedBead], ratio: float) -> float:
    """Target characters per source character over a pass's 1:1 beads, sure or not, without
    those whose own ratio lies RATIO_TRIM or more (in log) from the beads' median (weighted by
    length): sentences a smeared passage paired; *ratio* if there are too few beads."""
    pairs = np.array([(b.source.start, b.target.start) for b in beads if len(b.source) == len(b.target) == 1])
    if len(pairs) < LEAST_PAIRS:
        return ratio
    source, target = src.lengths[pairs[:, 0]], tgt.lengths[pairs[:, 1]]
    usable = (source > 0) & (target > 0)
    source, target = source[usable], target[usable]
    if not len(source):
        return ratio
    logs = np.log(target / source)
    order = np.argsort(logs)
    weights = np.cumsum((source + target)[order])
    median = logs[order][np.searchsorted(weights, weights[-1] / 2)]
    near = np.abs(logs - median) < RATIO_TRIM
    return float(target[near].sum() / source[near].sum())


def bead_ratio(src: Side, tgt: Side, beads: list[AlignedBead], ratio: float) -> float:
    """Target characters per source character over the sure beads of a pass (a translation
    with passages left out has a whole-text ratio that makes every sentence look too long);
    *ratio* if they are too few."""
    sure = [bead for bead in beads if len(bead.source) and len(bead.target) and bead.margin >= LEXICON_CONFIDENCE]
    source = sum(float(src.lengths[bead.source.start : bead.source.stop].sum()) for bead in sure)
    target = sum(float(tgt.lengths[bead.target.start : bead.target.stop].sum()) for bead in sure)
    return target / source if len(sure) >= LEAST_PAIRS and source > 0 and target > 0 else ratio


def lexicon_of(
    src: Side, tgt: Side, beads: list[AlignedBead], known: KnownPairs | None = None
) -> Lexicon | None:
    """The word translations the sure 1:1 beads of a first pass teach, with the runs *known*
    elsewhere to translate each other (`KnownPairs`; None if too few)."""
    return learn(src.tokens, tgt.tokens, [(bead.source, bead.target) for bead in _sure_one_to_one(beads)], known)


def surface_of(source: NDArray[np.int64], target: NDArray[np.int64], beads: list[AlignedBead]) -> SurfaceTerm | None:
    """What differences of the sentences' surface counts cost, as the sure 1:1 beads of a pass
    teach (*source*, *target*: the counts; None if the beads are too few)."""
    pairs = [(bead.source.start, bead.target.start) for bead in _sure_one_to_one(beads)]
    costs = learn_surface(source, target, pairs)
    return SurfaceTerm.of(source, target, costs) if costs is not None else None


def _sure_one_to_one(beads: list[AlignedBead]) -> list[AlignedBead]:
    return [bead for bead in beads if len(bead.source) == len(bead.target) == 1 and bead.margin >= LEXICON_CONFIDENCE]
