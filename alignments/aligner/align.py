"""The default automatic aligner: a banded dynamic programme over beads of up to six sentences
(0:1, 1:0, 1:1 … 1:5, 2:4, 3:3, 4:2, 5:1) whose cost joins the Gale–Church length model with
language-independent anchors (shared numbers and word prefixes, weighed per window),
punctuation, paragraph breaks and editorial notes.

Anchors first: where the two texts correspond is found before anything assumes they do (a
monotone chain of sure sentence pairs, alignments/aligner/chain.py); the band spans the
stretches between its links, so a passage one text lacks becomes a run of null beads, and the
length ratio is measured where the texts correspond. Long pairs with too few anchors are first
aligned coarsely (blocks of sentences), then at full resolution in a narrow band around the
coarse path: time and memory grow linearly with the text. Without sentence vectors, pairs of
up to LEXICON_LIMIT sentences get later passes that add the word translations the sure beads
of the pass before teach (IBM Model 1, alignments/aligner/lexicon.py) and measure the length
ratio over those beads; with them, one later pass at that ratio, then one that may also form
wide beads (up to eight sentences, e.g. 3:5) near that pass's path. The first pass teaches the
later ones: it holds to the anchor chain's links (and, without vectors, measures its own
ratio). Input is plain per-sentence features, output the beads in order with a confidence
each; the caller's `progress` and `should_cancel` are polled as it goes. Knows nothing of the
store or of Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import (
    BandSimilarity,
    TokenTable,
    band_similarity,
    token_tables,
)
from alignments.aligner.band import Band
from alignments.aligner.chain import anchor_chain, length_ratio
from alignments.aligner.confidence import BeadEvidence, ThroughCosts, bead_confidences, bead_margins
from alignments.aligner.costs import BEAD_SHAPES, SHAPE_EXTRA_COST, CostModel, LexicalTerm, ShapeSet, length_cost
from alignments.aligner.crossings import crossing_anchors
from alignments.aligner.dynamic_programme import fill, trace_back
from alignments.aligner.lexicon import LEAST_PAIRS, Lexicon, learn
from alignments.aligner.run_vectors import Semantics
from alignments.ladder.work import CancelCheck, ProgressCallback, check_cancel

ALIGNER_NAME = "anchored-length"
ALIGNER_VERSION = "11"

SINGLE_PASS_LIMIT = 1500  # longer pairs are aligned coarse-to-fine
COARSENING, COARSE_MARGIN = 6, 3 * 6 + 8  # units per block, band half-width around the coarse path
SINGLE_PASS_SHARE, SINGLE_PASS_MINIMUM = 0.12, 60
CONFIDENCE_REACH = 8  # the backward pass searches this far either side of the chosen path
CHAIN_DENSITY = 200  # long pairs: the chain guides the band with a link per this many sentences
# Later passes (default method): word translations learnt from the previous pass's sure 1:1
# beads (alignments/aligner/lexicon.py) join the costs, and the length ratio is measured over
# its sure beads (the embedding method: one more pass, with that ratio only). Each pass costs
# as much as the first, so long pairs (which have anchors enough) get none.
LEXICON_PASSES, LEXICON_LIMIT = 2, 3000
LEXICON_CONFIDENCE = 0.5  # beads at least this sure teach the lexicon and measure the ratio
LEXICON_WEIGHT, LEXICON_EXPECTED = 10.0, 0.0  # as the anchors' weight; unrelated sentences share ~nothing
WIDE_REACH = 8  # with sentence vectors, a last pass may form wide beads this near the path before
# The first of several passes (either method) teaches the later ones: there the anchor chain's
# links count as one more shared anchor of this weight, so its sure beads follow the chain
# (later passes judge freely).
TEACHING_LINK_WEIGHT = 20.0
# Without sentence vectors (whose ratio pass does this) it is run again, at most TEACHING_ROUNDS
# more times, at the length ratio of its own 1:1 beads while that differs by more than
# RATIO_AGREEMENT (in log) from the ratio it ran at: a passage left out makes the chain's ratio
# wrong, but most 1:1 beads are right even then. Beads whose own ratio lies RATIO_TRIM (in log)
# or more from the median are left out of it.
TEACHING_ROUNDS, RATIO_AGREEMENT, RATIO_TRIM = 2, 0.03, 0.3
LEAST_SHAPE_EXTRA, LARGE_BEADS = 1.0, (0.7, 1.1)


@dataclass(frozen=True)
class SideFeatures:
    """What the aligner sees of one side, per sentence in document order."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]
    anchors: tuple[tuple[str, ...], ...] = field(default=())
    punctuation: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    junk: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))

    @classmethod
    def of(
        cls,
        lengths: Sequence[float],
        paragraph_starts: Sequence[bool] | None = None,
        notes_only: Sequence[bool] | None = None,
        anchors: Sequence[Sequence[str]] | None = None,
        punctuation: Sequence[int] | None = None,
        junk: Sequence[bool] | None = None,
    ) -> SideFeatures:
        count = len(lengths)
        return cls(
            np.asarray(lengths, dtype=np.float64),
            np.asarray(paragraph_starts if paragraph_starts is not None else [False] * count, dtype=np.bool_),
            np.asarray(notes_only if notes_only is not None else [False] * count, dtype=np.bool_),
            tuple(tuple(a) for a in anchors) if anchors is not None else tuple(() for _ in range(count)),
            np.asarray(punctuation if punctuation is not None else [0] * count, dtype=np.int64),
            np.asarray(junk if junk is not None else [False] * count, dtype=np.bool_),
        )

    def __len__(self) -> int:
        return len(self.lengths)

    def slice(self, first: int, last: int) -> SideFeatures:
        """The features of sentences [first, last)."""
        return SideFeatures(
            self.lengths[first:last],
            self.paragraph_starts[first:last],
            self.notes_only[first:last],
            self.anchors[first:last],
            self.punctuation[first:last],
            self.junk[first:last],
        )


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
class _Side:
    """A side ready for the programme: features plus anchor ids (possibly grouped in blocks)."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]
    punctuation: NDArray[np.int64]
    junk: NDArray[np.bool_]
    tokens: TokenTable

    def __len__(self) -> int:
        return len(self.lengths)

    def reversed(self) -> _Side:
        return _Side(
            self.lengths[::-1],
            self.paragraph_starts[::-1],
            self.notes_only[::-1],
            self.punctuation[::-1],
            self.junk[::-1],
            self.tokens.reversed(),
        )

    def grouped(self, starts: NDArray[np.int64]) -> _Side:
        """Runs of sentences beginning at *starts* as single units."""
        return _Side(
            np.add.reduceat(self.lengths, starts),
            self.paragraph_starts[starts],
            np.logical_and.reduceat(self.notes_only, starts),
            np.bitwise_or.reduceat(self.punctuation, starts),
            np.logical_and.reduceat(self.junk, starts),
            self.tokens.grouped(starts),
        )


def align(
    source: SideFeatures,
    target: SideFeatures,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    semantics: Semantics | None = None,
) -> list[AlignedBead]:
    """The cheapest ladder of beads for the two sides, in order; with *semantics* (sentence
    vectors of both sides) the embedding aligner, else the default one."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [AlignedBead(range(i, i + 1), range(0, 0), 0.0) for i in range(n)] + [
            AlignedBead(range(n, n), range(j, j + 1), 0.0) for j in range(m)
        ]
    tokens = token_tables(source.anchors, target.anchors)
    src = _Side(source.lengths, source.paragraph_starts, source.notes_only, source.punctuation, source.junk, tokens[0])
    tgt = _Side(target.lengths, target.paragraph_starts, target.notes_only, target.punctuation, target.junk, tokens[1])
    lexical_passes = LEXICON_PASSES if semantics is None and max(n, m) <= LEXICON_LIMIT else 0
    ratio_passes = 1 if semantics is not None and max(n, m) <= LEXICON_LIMIT else 0
    teaching_rounds = TEACHING_ROUNDS if lexical_passes else 0  # at most; finish() covers those skipped
    reporter = _Reporter(progress, should_cancel, n, passes=1 + teaching_rounds + lexical_passes + 2 * ratio_passes)
    chain = anchor_chain(src.tokens, tgt.tokens, semantics, tokens.numbers)
    ratio = length_ratio(source.lengths, target.lengths, chain)
    if _chain_guides(chain, n, m):
        band = Band.along(n, m, chain, *_chain_band_widths(n, m))
    else:
        band = _band_for(src, tgt, reporter, ratio, semantics=semantics)
    if lexical_passes or ratio_passes:  # with vectors no teaching rounds: the ratio pass measures the ratio
        beads = _teaching_pass(src, tgt, band, reporter, ratio, chain, teaching_rounds, semantics)
    else:
        beads = _solve(src, tgt, band, reporter, ratio, confident=True, semantics=semantics)
    for _ in range(lexical_passes):
        lexicon = _lexicon_of(src, tgt, beads)
        if lexicon is None:
            break
        reporter.passes_done += 1
        beads = _solve(src, tgt, band, reporter, _bead_ratio(src, tgt, beads, ratio), confident=True, lexicon=lexicon)
    extra = SHAPE_EXTRA_COST
    for _ in range(ratio_passes):  # with sentence vectors, the ratio and bead sizes of the sure beads
        reporter.passes_done += 1
        ratio, extra = _bead_ratio(src, tgt, beads, ratio), _shape_extra(beads)
        beads = _solve(src, tgt, band, reporter, ratio, confident=True, semantics=semantics, shape_extra=extra)
    if ratio_passes and semantics is not None:  # at the same ratio: only a wide bead changes the ladder
        reporter.passes_done += 1
        beads = _wide_pass(src, tgt, band, reporter, ratio, beads, semantics, extra)
    reporter.finish()
    return beads


def _wide_pass(
    src: _Side,
    tgt: _Side,
    band: Band,
    reporter: _Reporter,
    ratio: float,
    beads: list[AlignedBead],
    semantics: Semantics,
    shape_extra: float = SHAPE_EXTRA_COST,
) -> list[AlignedBead]:
    """The pass before, again with wide beads too (x + y <= WIDE_BEAD: 3:5, 5:2 ...), searched
    only within WIDE_REACH sentences of its path: a wide bead is one the pass before had to
    cut into smaller ones nearby."""
    path = [(bead.source.start, bead.source.stop, bead.target.start, bead.target.stop) for bead in beads]
    near = Band.around(band.rows - 1, int(band.hi[-1]), path, WIDE_REACH).within(band)
    return _solve(
        src, tgt, near, reporter, ratio, confident=True, semantics=semantics, shapes=ShapeSet.WIDE, shape_extra=shape_extra
    )


def _teaching_pass(
    src: _Side,
    tgt: _Side,
    band: Band,
    reporter: _Reporter,
    ratio: float,
    chain: NDArray[np.int64],
    rounds: int,
    semantics: Semantics | None = None,
) -> list[AlignedBead]:
    """The first pass of several: it holds to the chain's links, and runs again (at most
    *rounds* times) at the ratio of its own 1:1 beads while that disagrees with the ratio it
    ran at."""
    beads = _solve(src, tgt, band, reporter, ratio, confident=True, semantics=semantics, links=chain)
    for _ in range(rounds):
        measured = _one_to_one_ratio(src, tgt, beads, ratio)
        if abs(math.log(measured / ratio)) <= RATIO_AGREEMENT:
            break
        ratio = measured
        reporter.passes_done += 1
        beads = _solve(src, tgt, band, reporter, ratio, confident=True, semantics=semantics, links=chain)
    return beads


def _shape_extra(beads: list[AlignedBead]) -> float:
    """What each sentence beyond 1:1 should cost the later passes: SHAPE_EXTRA_COST, lowered
    towards LEAST_SHAPE_EXTRA where the pass before formed large beads (a translation written
    in long clause chains: 1:3, 2:3 ...)."""
    sizes = [len(b.source) + len(b.target) - 2 for b in beads if len(b.source) and len(b.target)]
    if not sizes:
        return SHAPE_EXTRA_COST
    mean = sum(sizes) / len(sizes)
    share = min(max((mean - LARGE_BEADS[0]) / (LARGE_BEADS[1] - LARGE_BEADS[0]), 0.0), 1.0)
    return SHAPE_EXTRA_COST + share * (LEAST_SHAPE_EXTRA - SHAPE_EXTRA_COST)


def _one_to_one_ratio(src: _Side, tgt: _Side, beads: list[AlignedBead], ratio: float) -> float:
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


def _bead_ratio(src: _Side, tgt: _Side, beads: list[AlignedBead], ratio: float) -> float:
    """Target characters per source character over the sure beads of a pass (a translation
    with passages left out has a whole-text ratio that makes every sentence look too long);
    *ratio* if they are too few."""
    sure = [bead for bead in beads if len(bead.source) and len(bead.target) and bead.margin >= LEXICON_CONFIDENCE]
    source = sum(float(src.lengths[bead.source.start : bead.source.stop].sum()) for bead in sure)
    target = sum(float(tgt.lengths[bead.target.start : bead.target.stop].sum()) for bead in sure)
    return target / source if len(sure) >= LEAST_PAIRS and source > 0 and target > 0 else ratio


def _lexicon_of(src: _Side, tgt: _Side, beads: list[AlignedBead]) -> Lexicon | None:
    """The word translations the sure 1:1 beads of a first pass teach (None if too few)."""
    pairs = [
        (bead.source, bead.target)
        for bead in beads
        if len(bead.source) == len(bead.target) == 1 and bead.margin >= LEXICON_CONFIDENCE
    ]
    return learn(src.tokens, tgt.tokens, pairs)


def _chain_guides(chain: NDArray[np.int64], n: int, m: int) -> bool:
    """Whether the anchor chain is dense enough to shape the band (a short pair needs none:
    without it the whole rectangle is searched)."""
    return max(n, m) <= SINGLE_PASS_LIMIT or len(chain) * CHAIN_DENSITY >= min(n, m)


def _chain_band_widths(n: int, m: int) -> tuple[int, int]:
    """How far the band reaches beyond the rectangles between anchors, and how far from the
    diagonal of a wide rectangle (for a short pair as far as the diagonal band would)."""
    longest = max(n, m)
    if longest <= SINGLE_PASS_LIMIT:
        return SINGLE_PASS_MINIMUM, max(SINGLE_PASS_MINIMUM, math.ceil(SINGLE_PASS_SHARE * longest))
    return COARSE_MARGIN, COARSE_MARGIN


def _band_for(
    src: _Side, tgt: _Side, reporter: _Reporter, ratio: float, unit: float = 1.0, semantics: Semantics | None = None
) -> Band:
    """The band to search when anchors are too sparse to guide it: around the path of an
    alignment of blocks of about COARSENING sentences of equal text length on both sides
    (found the same way, recursively), or the diagonal for short pairs."""
    n, m = len(src), len(tgt)
    longest = max(n, m)
    if longest <= SINGLE_PASS_LIMIT:
        return Band.diagonal(n, m, max(SINGLE_PASS_MINIMUM, math.ceil(SINGLE_PASS_SHARE * longest)))
    blocks = math.ceil(longest / COARSENING)
    source_starts, target_starts = _block_starts(src.lengths, blocks), _block_starts(tgt.lengths, blocks)
    coarse_src, coarse_tgt = src.grouped(source_starts), tgt.grouped(target_starts)
    coarse_unit = unit * longest / blocks
    coarse_semantics = semantics.grouped(source_starts, target_starts) if semantics is not None else None
    coarse_band = _band_for(coarse_src, coarse_tgt, reporter, ratio, coarse_unit, coarse_semantics)
    quiet = _Reporter(None, reporter.should_cancel, 1)
    coarse = _solve(coarse_src, coarse_tgt, coarse_band, quiet, ratio, coarse_unit, semantics=coarse_semantics)
    source_bounds, target_bounds = np.append(source_starts, n), np.append(target_starts, m)
    path = [
        (source_bounds[b.source.start], source_bounds[b.source.stop], target_bounds[b.target.start], target_bounds[b.target.stop])
        for b in coarse
    ]
    return Band.around(n, m, path, COARSE_MARGIN)


def _block_starts(lengths: NDArray[np.float64], blocks: int) -> NDArray[np.int64]:
    """First sentence of each of about *blocks* runs of equal text length."""
    ends = np.cumsum(lengths)
    targets = np.linspace(0.0, ends[-1], blocks, endpoint=False)
    starts = np.searchsorted(ends, targets, side="right")
    return np.unique(np.concatenate(([0], starts[starts < len(lengths)])))


class _Reporter:
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


def _solve(
    src: _Side,
    tgt: _Side,
    band: Band,
    report: _Reporter,
    ratio: float,
    unit: float = 1.0,
    confident: bool = False,
    semantics: Semantics | None = None,
    lexicon: Lexicon | None = None,
    links: NDArray[np.int64] | None = None,
    shapes: ShapeSet | None = None,
    shape_extra: float = SHAPE_EXTRA_COST,
) -> list[AlignedBead]:
    """The cheapest path in *band*; with *confident*, each bead's confidence too (a second,
    backward pass), else 0. *lexicon*: word translations learnt from a first pass. *links*:
    sentence pairs (i, j) the path should keep together (TEACHING_LINK_WEIGHT). *shapes*: the
    bead shapes (CostModel's default if None)."""
    similarity = band_similarity(src.tokens, tgt.tokens, band)
    if links is not None:
        similarity = similarity.with_links(links, band, TEACHING_LINK_WEIGHT)
    lexical = _lexical_term(lexicon, src, tgt, band)
    model = CostModel(
        src, tgt, band, similarity, ratio, unit, semantics=semantics, lexical=lexical, shapes=shapes, shape_extra=shape_extra
    )
    tables = fill(model, band, report, keep_costs=confident)
    steps = trace_back(tables, band)
    if confident:
        confidences, margins = _confidences(
            src, tgt, band, similarity, tables.costs, steps, ratio, unit, semantics, lexical, shapes, shape_extra
        )
    else:
        confidences = margins = [0.0] * len(steps)
    return [
        AlignedBead(range(i - BEAD_SHAPES[shape][0], i), range(j - BEAD_SHAPES[shape][1], j), confidence, margin)
        for (shape, i, j), confidence, margin in zip(steps, confidences, margins, strict=True)
    ]


def _lexical_term(lexicon: Lexicon | None, src: _Side, tgt: _Side, band: Band) -> LexicalTerm | None:
    if lexicon is None:
        return None
    return LexicalTerm(lexicon.band_similarity(src.tokens, tgt.tokens, band), LEXICON_WEIGHT, LEXICON_EXPECTED)


def _confidences(
    src: _Side,
    tgt: _Side,
    band: Band,
    similarity: BandSimilarity,
    forward: NDArray[np.float32] | None,
    steps: list[tuple[int, int, int]],
    ratio: float,
    unit: float,
    semantics: Semantics | None,
    lexical: LexicalTerm | None,
    shapes: ShapeSet | None,
    shape_extra: float,
) -> tuple[list[float], list[float]]:
    assert forward is not None
    back_src, back_tgt = src.reversed(), tgt.reversed()
    back_band = _around_path(band, steps).reversed()
    back_similarity = similarity.reversed(band, back_band)
    back_semantics = semantics.reversed() if semantics is not None else None
    back_lexical = lexical.reversed(band, back_band) if lexical is not None else None
    model = CostModel(
        back_src, back_tgt, back_band, back_similarity, ratio, unit, reverse=True, semantics=back_semantics,
        lexical=back_lexical, shapes=shapes, shape_extra=shape_extra,
    )
    backward = fill(model, back_band, lambda done: None, keep_costs=True).costs
    assert backward is not None
    through = ThroughCosts(forward, backward, band, back_band)
    margins = [round(float(value), 3) for value in bead_margins(through, steps)]
    return bead_confidences(through, steps, _evidence(src, tgt, steps, ratio, semantics)), margins


def _evidence(
    src: _Side,
    tgt: _Side,
    steps: list[tuple[int, int, int]],
    ratio: float,
    semantics: Semantics | None,
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
    if semantics is None:
        return BeadEvidence(lengths, notes, crossings)
    similarities = np.zeros(len(steps))
    for k, ((di, dj), (i, j)) in enumerate(zip(shapes.tolist(), ends.tolist(), strict=True)):
        if di and dj and di <= len(semantics.source.runs) and dj <= len(semantics.target.runs):
            similarities[k] = semantics.similarity(float(semantics.source.runs[di - 1][i - 1] @ semantics.target.runs[dj - 1][j - 1]))
    return BeadEvidence(lengths, notes, crossings, similarities)


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
