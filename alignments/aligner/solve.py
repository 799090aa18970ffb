"""One pass of the aligner: the cheapest path of beads through a band (the dynamic programme
of alignments/aligner/dynamic_programme.py over the costs of alignments/aligner/costs.py) and,
when asked, each bead's confidence from a second, backward pass around that path. Also the
sides as the programme sees them and the progress reporter shared by all passes. Knows nothing
of the store or of Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import BandSimilarity, TokenTable, band_similarity
from alignments.aligner.band import Band
from alignments.aligner.bead_terms import length_cost
from alignments.aligner.confidence import BeadEvidence, ThroughCosts, agreement, bead_confidences, bead_margins
from alignments.aligner.costs import ANCHOR_WEIGHT, CostModel, LexicalTerm
from alignments.aligner.crossings import crossing_anchors
from alignments.aligner.dynamic_programme import fill, trace_back
from alignments.aligner.joins import join_margins
from alignments.aligner.lexicon import Lexicon
from alignments.aligner.run_vectors import Semantics
from alignments.aligner.shapes import BEAD_SHAPES, SHAPE_EXTRA_COST, ShapeSet
from alignments.aligner.surface import SurfaceTerm
from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel

CONFIDENCE_REACH = 8  # the backward pass searches this far either side of the chosen path
LEXICON_WEIGHT, LEXICON_EXPECTED = 10.0, 0.0  # as the anchors' weight; unrelated sentences share ~nothing
# The first of several passes (either method) teaches the later ones (alignments/aligner/passes.py):
# there the anchor chain's links count as one more shared anchor of this weight, so its sure beads
# follow the chain (later passes judge freely).
TEACHING_LINK_WEIGHT = 20.0


@dataclass(frozen=True)
class AlignedBead:
    """A bead as index ranges into the two sentence sequences, with a confidence in [0, 1] and
    the margin signal alone (how much dearer moving its boundaries is, in [0, 1]), which the
    lexicon pass trusts."""

    source: range
    target: range
    score: float
    margin: float = 0.0


@dataclass(frozen=True)
class Side:
    """A side ready for the programme: features plus anchor ids (possibly grouped in blocks)."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]
    punctuation: NDArray[np.int64]
    junk: NDArray[np.bool_]
    tokens: TokenTable

    def __len__(self) -> int:
        return len(self.lengths)

    def reversed(self) -> Side:
        return Side(
            self.lengths[::-1],
            self.paragraph_starts[::-1],
            self.notes_only[::-1],
            self.punctuation[::-1],
            self.junk[::-1],
            self.tokens.reversed(),
        )

    def grouped(self, starts: NDArray[np.int64]) -> Side:
        """Runs of sentences beginning at *starts* as single units."""
        return Side(
            np.add.reduceat(self.lengths, starts),
            self.paragraph_starts[starts],
            np.logical_and.reduceat(self.notes_only, starts),
            np.bitwise_or.reduceat(self.punctuation, starts),
            np.logical_and.reduceat(self.junk, starts),
            self.tokens.grouped(starts),
        )


class Reporter:
    """Progress in source sentences, over all passes of the programme."""

    def __init__(self, progress: ProgressCallback | None, should_cancel: CancelCheck | None, total: int, passes: int = 1) -> None:
        self.progress, self.should_cancel, self.total = progress, should_cancel, total
        self.passes, self.passes_done = passes, 0

    def __call__(self, done: int) -> None:
        check_cancel(self.should_cancel)
        if self.progress is not None:
            self.progress((self.passes_done * self.total + done) // self.passes, self.total)

    def finish(self) -> None:
        """All done (later passes may have been skipped)."""
        if self.progress is not None:
            self.progress(self.total, self.total)


def solve(
    src: Side,
    tgt: Side,
    band: Band,
    report: Reporter,
    ratio: float,
    unit: float = 1.0,
    confident: bool = False,
    semantics: Semantics | None = None,
    lexicon: Lexicon | None = None,
    links: NDArray[np.int64] | None = None,
    shapes: ShapeSet | None = None,
    surface: SurfaceTerm | None = None,
    shape_extra: float = SHAPE_EXTRA_COST,
    second_opinions: Sequence[NDArray[np.int64]] = (),
    anchor_weight: float = ANCHOR_WEIGHT,
) -> list[AlignedBead]:
    """The cheapest path in *band*; with *confident*, each bead's confidence too (a second,
    backward pass), else 0. *lexicon*: word translations learnt from a first pass. *links*:
    sentence pairs (i, j) the path should keep together (TEACHING_LINK_WEIGHT). *shapes*: the
    bead shapes (CostModel's default if None). *surface*: what count differences cost, learnt
    from a first pass. *shape_extra*: what each sentence beyond 1:1 costs. *second_opinions*:
    other ladders for the pair (`corners`), which the confidences compare each bead with.
    *anchor_weight*: what shared anchors weigh."""
    similarity = band_similarity(src.tokens, tgt.tokens, band)
    if links is not None:
        similarity = similarity.with_links(links, band, TEACHING_LINK_WEIGHT)
    lexical = _lexical_term(lexicon, src, tgt, band)
    model = CostModel(
        src, tgt, band, similarity, ratio, unit, semantics=semantics, lexical=lexical, shapes=shapes, surface=surface,
        shape_extra=shape_extra, anchor_weight=anchor_weight,
    )
    tables = fill(model, band, report, keep_costs=confident)
    steps = trace_back(tables, band)
    if confident:
        confidences, margins = _confidences(
            model, src, tgt, band, similarity, tables.costs, steps, ratio, unit, semantics, lexical, shapes, surface, shape_extra,
            second_opinions,
        )
    else:
        confidences = margins = [0.0] * len(steps)
    return [
        AlignedBead(range(i - BEAD_SHAPES[shape][0], i), range(j - BEAD_SHAPES[shape][1], j), confidence, margin)
        for (shape, i, j), confidence, margin in zip(steps, confidences, margins, strict=True)
    ]


def _lexical_term(lexicon: Lexicon | None, src: Side, tgt: Side, band: Band) -> LexicalTerm | None:
    if lexicon is None:
        return None
    return LexicalTerm(lexicon.band_similarity(src.tokens, tgt.tokens, band), LEXICON_WEIGHT, LEXICON_EXPECTED)


def _confidences(
    forward_model: CostModel,
    src: Side,
    tgt: Side,
    band: Band,
    similarity: BandSimilarity,
    forward: NDArray[np.float32] | None,
    steps: list[tuple[int, int, int]],
    ratio: float,
    unit: float,
    semantics: Semantics | None,
    lexical: LexicalTerm | None,
    shapes: ShapeSet | None,
    surface: SurfaceTerm | None,
    shape_extra: float,
    second_opinions: Sequence[NDArray[np.int64]],
) -> tuple[list[float], list[float]]:
    assert forward is not None
    back_src, back_tgt = src.reversed(), tgt.reversed()
    back_band = _around_path(band, steps).reversed()
    back_similarity = similarity.reversed(band, back_band)
    back_semantics = semantics.reversed() if semantics is not None else None
    back_lexical = lexical.reversed(band, back_band) if lexical is not None else None
    model = CostModel(
        back_src, back_tgt, back_band, back_similarity, ratio, unit, reverse=True, semantics=back_semantics,
        lexical=back_lexical, shapes=shapes, surface=surface.reversed() if surface is not None else None,
        shape_extra=shape_extra, anchor_weight=forward_model.anchor_weight,
    )
    backward = fill(model, back_band, lambda done: None, keep_costs=True).costs
    assert backward is not None
    through = ThroughCosts(forward, backward, band, back_band)
    margins = [round(float(value), 3) for value in bead_margins(through, steps)]
    joins = join_margins(forward_model, through, steps)
    evidence = _evidence(src, tgt, steps, ratio, joins, semantics, second_opinions)
    return bead_confidences(through, steps, evidence), margins


def _evidence(
    src: Side,
    tgt: Side,
    steps: list[tuple[int, int, int]],
    ratio: float,
    joins: NDArray[np.float64],
    semantics: Semantics | None,
    second_opinions: Sequence[NDArray[np.int64]],
) -> BeadEvidence:
    """What the confidence needs of each bead besides the margins."""
    shapes = np.array([BEAD_SHAPES[shape] for shape, _, _ in steps], dtype=np.int64).reshape(-1, 2)
    ends = np.array([(i, j) for _, i, j in steps], dtype=np.int64).reshape(-1, 2)
    starts = ends - shapes
    source_sum, target_sum = np.concatenate(([0.0], np.cumsum(src.lengths))), np.concatenate(([0.0], np.cumsum(tgt.lengths)))
    expected = (source_sum[ends[:, 0]] - source_sum[starts[:, 0]]) * ratio
    observed = target_sum[ends[:, 1]] - target_sum[starts[:, 1]]
    lengths = np.asarray(length_cost(expected, observed), dtype=np.float64)
    notes = _all_notes(src.notes_only, starts[:, 0], ends[:, 0]) & _all_notes(tgt.notes_only, starts[:, 1], ends[:, 1])
    crossings = crossing_anchors(src.tokens, tgt.tokens, ends)
    points = np.vstack(([[0, 0]], ends))
    disagreement = np.mean([~agreement(points, other) for other in second_opinions], axis=0) if second_opinions else None
    if semantics is None:
        return BeadEvidence(lengths, notes, crossings, joins, disagreement=disagreement)
    similarities = np.zeros(len(steps))
    for k, ((di, dj), (i, j)) in enumerate(zip(shapes.tolist(), ends.tolist(), strict=True)):
        if di and dj and di <= len(semantics.source.runs) and dj <= len(semantics.target.runs):
            similarities[k] = semantics.similarity(float(semantics.source.runs[di - 1][i - 1] @ semantics.target.runs[dj - 1][j - 1]))
    return BeadEvidence(lengths, notes, crossings, joins, similarities, disagreement)


def corners(beads: list[AlignedBead]) -> NDArray[np.int64]:
    """A ladder's path: (0, 0), then where each bead ends on both sides."""
    return np.array([(0, 0)] + [(bead.source.stop, bead.target.stop) for bead in beads], dtype=np.int64)


def _all_notes(notes_only: NDArray[np.bool_], starts: NDArray[np.int64], ends: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Per run [start, end) of sentences: whether every one is an editorial note (an empty run is)."""
    count = np.concatenate(([0], np.cumsum(~notes_only)))
    return count[ends] == count[starts]


def _around_path(band: Band, steps: list[tuple[int, int, int]]) -> Band:
    """The band for the backward pass: only what the confidence looks at, the chosen path and
    CONFIDENCE_REACH sentences around it (an alternative that strays further away is dearer
    anyway) inside the first pass's band (F + B must not see ladders the forward pass could
    not), so the second pass costs a fraction of the first."""
    path = [(i - BEAD_SHAPES[shape][0], i, j - BEAD_SHAPES[shape][1], j) for shape, i, j in steps]
    return Band.around(band.rows - 1, int(band.hi[-1]), path, CONFIDENCE_REACH).within(band)
