"""One pass of the aligner: the cheapest path of beads through a band (the dynamic programme
of alignments/aligner/dynamic_programme.py over the costs of alignments/aligner/costs.py) and,
when asked, each bead's confidence from a second, backward pass around that path. Also the
sides as the programme sees them and the progress reporter shared by all passes. Knows nothing
of the store or of Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import BandSimilarity, TokenTable, band_similarity
from alignments.aligner.band import Band
from alignments.aligner.confidence import ThroughCosts, bead_confidences, bead_margins
from alignments.aligner.costs import ANCHOR_WEIGHT, CostModel, LexicalTerm
from alignments.aligner.dynamic_programme import fill, trace_back
from alignments.aligner.evidence import BeadSides, bead_evidence
from alignments.aligner.joins import join_margins
from alignments.aligner.kept_terms import BandTerms, KeptTerms
from alignments.aligner.lattice import Lattice
from alignments.aligner.lexicon import Lexicon
from alignments.aligner.semantics import Semantics
from alignments.aligner.shapes import BEAD_SHAPES, SHAPE_EXTRA_COST, ShapeSet
from alignments.aligner.surface import SurfaceTerm
from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel

CONFIDENCE_REACH = 8  # the backward pass searches this far either side of the chosen path
LEXICON_EXPECTED = 0.0  # unrelated sentences share ~nothing (the term's weight: the lexicon's)
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
    """A side ready for the programme: features plus anchor ids (possibly grouped in blocks),
    and *null_scale*: what opening a run of its sentences without counterpart, and an ordinary
    sentence's base cost in one, are multiplied by (alignments/aligner/costs.py `NULL_OPEN`,
    alignments/aligner/bead_terms.py `null_costs`; notes and junk lines keep theirs): below 1
    for a second opinion that leaves sentences out more readily."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]
    punctuation: NDArray[np.int64]
    junk: NDArray[np.bool_]
    tokens: TokenTable
    null_scale: float = 1.0

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
            self.null_scale,
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
            self.null_scale,
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


def solve_pass(
    src: Side,
    tgt: Side,
    band: Band,
    report: Reporter,
    ratio: float,
    unit: float = 1.0,
    semantics: Semantics | None = None,
    lexicon: Lexicon | None = None,
    links: NDArray[np.int64] | None = None,
    shapes: ShapeSet | None = None,
    surface: SurfaceTerm | None = None,
    shape_extra: float = SHAPE_EXTRA_COST,
    anchor_weight: float = ANCHOR_WEIGHT,
    keep_costs: bool = True,
    kept: KeptTerms | None = None,
) -> Pass:
    """The cheapest path in *band*, as a Pass that works out its beads' margins and confidences
    (a second, backward pass) when asked (*keep_costs*: it may be asked). *lexicon*: word translations learnt from a first pass.
    *links*: sentence pairs (i, j) the path should keep together (TEACHING_LINK_WEIGHT).
    *shapes*: the bead shapes (CostModel's default if None). *surface*: what count differences
    cost, learnt from a first pass. *shape_extra*: what each sentence beyond 1:1 costs.
    *anchor_weight*: what shared anchors weigh. *kept*: the terms the alignment's other passes
    share (alignments/aligner/kept_terms.py; the same path and costs without)."""
    if kept is not None:
        similarity = kept.similarity(band, links, TEACHING_LINK_WEIGHT)
    else:
        similarity = band_similarity(src.tokens, tgt.tokens, band)
        if links is not None:
            similarity = similarity.with_links(links, band, TEACHING_LINK_WEIGHT)
    terms = _Terms(ratio, unit, semantics, _lexical_term(lexicon, src, tgt, band), shapes, surface, shape_extra, anchor_weight)
    model = terms.model(src, tgt, band, similarity, kept.band(band) if kept is not None else None)
    tables = fill(model, band, report, keep_costs=keep_costs)
    return Pass(model, terms, src, tgt, tables.costs, trace_back(tables, band), kept)


@dataclass(frozen=True)
class _Terms:
    """What a pass's costs are made of besides the sides, the band and the anchors (the
    backward pass prices every bead as the forward pass did)."""

    ratio: float
    unit: float
    semantics: Semantics | None
    lexical: LexicalTerm | None
    shapes: ShapeSet | None
    surface: SurfaceTerm | None
    shape_extra: float
    anchor_weight: float

    def model(
        self, src: Side, tgt: Side, band: Band, similarity: BandSimilarity, kept: BandTerms | None, reverse: bool = False
    ) -> CostModel:
        return CostModel(
            src, tgt, band, similarity, self.ratio, self.unit, reverse=reverse, semantics=self.semantics, lexical=self.lexical,
            shapes=self.shapes, surface=self.surface, shape_extra=self.shape_extra, anchor_weight=self.anchor_weight, kept=kept,
        )

    def reversed(self, band: Band, reverse_band: Band) -> _Terms:
        """The same terms for both sides read last first, laid out in *reverse_band*."""
        return replace(
            self,
            semantics=self.semantics.reversed() if self.semantics is not None else None,
            lexical=self.lexical.reversed(band, reverse_band) if self.lexical is not None else None,
            surface=self.surface.reversed() if self.surface is not None else None,
        )


class Pass:
    """One pass's cheapest path, and what its beads' margins and confidences need: the backward
    pass and the confidences are worked out only when asked, once (a pass that teaches the next
    needs the margins alone, a second opinion only the path)."""

    def __init__(
        self, model: CostModel, terms: _Terms, src: Side, tgt: Side, forward: NDArray[np.float32] | None,
        steps: list[tuple[int, int, int]], kept: KeptTerms | None = None,
    ) -> None:
        self.model, self.terms, self.src, self.tgt, self.forward, self.steps = model, terms, src, tgt, forward, steps
        self.kept = kept
        self._through: ThroughCosts | None = None
        self._margins: list[float] | None = None

    def ladder(self) -> list[AlignedBead]:
        """The beads alone (confidence and margin 0)."""
        return self._beads([0.0] * len(self.steps), [0.0] * len(self.steps))

    def with_margins(self) -> list[AlignedBead]:
        """The beads with their margin signals (confidence 0)."""
        return self._beads([0.0] * len(self.steps), self.margins())

    def confident(self, second_opinions: Sequence[NDArray[np.int64]] = (), lattice: Lattice = Lattice()) -> list[AlignedBead]:
        """The beads with their confidences and margin signals; *second_opinions*: other ladders
        for the pair (`corners`), which the confidences compare each bead with. On a *lattice*
        of lines (a side aligned in pieces of its lines), the ladder closed over lines: one bead
        for each run of beads up to a corner on the lattice, judged there."""
        through = self.through()
        points = self.corners()
        closed = lattice.closed(points)
        joins = np.minimum.reduceat(join_margins(self.model, through, self.steps), closed[:-1]) if len(self.steps) else np.zeros(0)
        sides = BeadSides(self.src, self.tgt, self.terms.ratio, self.terms.semantics)
        evidence = bead_evidence(sides, points[closed], joins, second_opinions, lattice)
        confidences = bead_confidences(through, points[closed], evidence, lattice)
        margins = self.margins() if lattice.trivial else [round(float(value), 3) for value in bead_margins(through, points[closed], lattice)]
        return [
            AlignedBead(range(start[0], end[0]), range(start[1], end[1]), confidence, margin)
            for start, end, confidence, margin in zip(points[closed][:-1].tolist(), points[closed][1:].tolist(), confidences, margins, strict=True)
        ]

    def margins(self) -> list[float]:
        """Each bead's margin signal, rounded as the lexicon pass reads it."""
        if self._margins is None:
            self._margins = [round(float(value), 3) for value in bead_margins(self.through(), self.corners())]
        return self._margins

    def corners(self) -> NDArray[np.int64]:
        """The path: (0, 0), then where each bead ends on both sides."""
        return np.array([(0, 0)] + [(i, j) for _, i, j in self.steps], dtype=np.int64)

    def through(self) -> ThroughCosts:
        """F + B: the backward pass, run once."""
        if self._through is None:
            assert self.forward is not None, "a pass asked for margins must keep its costs"
            self._through = self._backward(self.forward)
        return self._through

    def _backward(self, forward: NDArray[np.float32]) -> ThroughCosts:
        """F + B around the path: the backward pass prices every bead as the forward pass did."""
        band = self.model.band
        back_band = _around_path(band, self.steps).reversed()
        if self.kept is not None:
            back_similarity = self.kept.reversed_similarity(self.model.similarity, band, back_band)
            kept: BandTerms | None = self.kept.band(back_band, reverse=True)
        else:
            back_similarity, kept = self.model.similarity.reversed(band, back_band), None
        terms = self.terms.reversed(band, back_band)
        model = terms.model(self.src.reversed(), self.tgt.reversed(), back_band, back_similarity, kept, reverse=True)
        backward = fill(model, back_band, lambda done: None, keep_costs=True).costs
        assert backward is not None
        return ThroughCosts(forward, backward, band, back_band)

    def _beads(self, confidences: list[float], margins: list[float]) -> list[AlignedBead]:
        return [
            AlignedBead(range(i - BEAD_SHAPES[shape][0], i), range(j - BEAD_SHAPES[shape][1], j), confidence, margin)
            for (shape, i, j), confidence, margin in zip(self.steps, confidences, margins, strict=True)
        ]


def _lexical_term(lexicon: Lexicon | None, src: Side, tgt: Side, band: Band) -> LexicalTerm | None:
    if lexicon is None:
        return None
    return LexicalTerm(lexicon.band_similarity(src.tokens, tgt.tokens, band), lexicon.weight, LEXICON_EXPECTED)


def corners(beads: list[AlignedBead]) -> NDArray[np.int64]:
    """A ladder's path: (0, 0), then where each bead ends on both sides."""
    return np.array([(0, 0)] + [(bead.source.stop, bead.target.stop) for bead in beads], dtype=np.int64)


def _around_path(band: Band, steps: list[tuple[int, int, int]]) -> Band:
    """The band for the backward pass: only what the confidence looks at, the chosen path and
    CONFIDENCE_REACH sentences around it (an alternative that strays further away is dearer
    anyway) inside the first pass's band (F + B must not see ladders the forward pass could
    not), so the second pass costs a fraction of the first."""
    path = [(i - BEAD_SHAPES[shape][0], i, j - BEAD_SHAPES[shape][1], j) for shape, i, j in steps]
    return Band.around(band.rows - 1, int(band.hi[-1]), path, CONFIDENCE_REACH).within(band)
