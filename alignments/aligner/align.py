"""The default automatic aligner: a banded dynamic programme over beads of up to six sentences
(0:1, 1:0, 1:1 … 1:5, 2:4, 3:3, 4:2, 5:1) whose cost joins the Gale–Church length model with
language-independent anchors (shared numbers and word prefixes, weighed per window),
punctuation, paragraph breaks and editorial notes.

Anchors first: where the two texts correspond is found before anything assumes they do (a
monotone chain of sure sentence pairs, alignments/aligner/chain.py); the band spans the
stretches between its links, so a passage one text lacks becomes a run of null beads, and the
length ratio is measured where the texts correspond. Long pairs with too few anchors are first
aligned coarsely (blocks of sentences), then at full resolution in a narrow band around the
coarse path: time and memory grow linearly with the text. Pairs of up to LEXICON_LIMIT
sentences get later passes that learn from the sure beads of the pass before what differences
of surface counts (dashes, numbers, brackets, quotes) cost (alignments/aligner/surface.py) and
measure the length ratio over those beads; without sentence vectors they also add the word
translations those beads teach (IBM Model 1, alignments/aligner/lexicon.py); with them, one
later pass (with a lower shape prior where those beads are large: a translation in long clause
chains), then one that may also form wide beads (up to eight sentences, e.g. 3:5) near that
pass's path, where shared anchors weigh less (the vectors hold the names and numbers). The
first pass teaches the later ones: it holds to the anchor chain's links (and, without vectors,
measures its own ratio). Second opinions for the last pass's confidences (a bead another
ladder does not also form is more often wrong): with sentence vectors the default aligner's
ladder for the pair; without, for pairs of up to OPINION_LIMIT sentences, the default
aligner's ladders with every length ratio it measures moved, or with sentences left without
counterpart cheaper (`OPINIONS`). One pass and its confidences:
alignments/aligner/solve.py; the later passes: alignments/aligner/passes.py. Input is plain
per-sentence features, output the beads in order with a confidence each; the caller's
`progress` and `should_cancel` are polled as it goes. Knows nothing of the store or of Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import KnownRuns, token_tables
from alignments.aligner.band import Band
from alignments.aligner.chain import anchor_chain, length_ratio
from alignments.aligner.islands import with_islands_flagged
from alignments.aligner.kept_terms import KeptTerms
from alignments.aligner.lattice import Lattice
from alignments.aligner.lexicon import KnownPairs, Lexicon, known_lexicon
from alignments.aligner.passes import TEACHING_ROUNDS, bead_ratio, lexicon_of, shape_extra, surface_of, teaching_pass, wide_pass
from alignments.aligner.semantics import Semantics
from alignments.aligner.shapes import SHAPE_EXTRA_COST
from alignments.aligner.solve import AlignedBead, Pass, Reporter, Side, corners, solve_pass
from alignments.aligner.surface import COUNTS
from alignments.ladder.work import CancelCheck, ProgressCallback, progress_part

__all__ = ["ALIGNER_NAME", "ALIGNER_VERSION", "AlignedBead", "SideFeatures", "align", "shared_anchor_links"]

ALIGNER_NAME = "anchored-length"
ALIGNER_VERSION = "35"

SINGLE_PASS_LIMIT = 1500  # longer pairs are aligned coarse-to-fine
COARSENING, COARSE_MARGIN = 6, 3 * 6 + 8  # units per block, band half-width around the coarse path
SINGLE_PASS_SHARE, SINGLE_PASS_MINIMUM = 0.12, 60
CHAIN_DENSITY = 200  # long pairs: the chain guides the band with a link per this many sentences
# Later passes (default method): word translations learnt from the previous pass's sure 1:1
# beads (alignments/aligner/lexicon.py) join the costs, and the length ratio is measured over
# its sure beads (the embedding method: one more pass, with that ratio only). Each pass costs
# as much as the first, so long pairs (which have anchors enough) get none
# (alignments/aligner/passes.py).
LEXICON_PASSES, LEXICON_LIMIT = 2, 3000
# Without sentence vectors a pair of up to OPINION_LIMIT sentences is aligned again once per
# (ratio scale, null scale) of OPINIONS, as second opinions for the confidences: every length
# ratio it measures times the first; what opening a run without counterpart, and each
# sentence's base cost in one, cost times the second (`Side.null_scale`: a ladder that leaves
# sentences out more readily parts from pairings only the lengths support). Each costs about as much as
# the alignment itself, so longer pairs get none (confidence.WEIGHTS has a row without them).
OPINIONS: tuple[tuple[float, float], ...] = ((0.87, 1.0), (1.15, 1.0), (1.0, 0.5))
OPINION_LIMIT = 1000
# The passes of a pair of up to KEPT_TERMS_LIMIT sentences (without sentence vectors) share the
# cost terms that depend neither on the ratio nor on what a pass learnt
# (alignments/aligner/kept_terms.py): the same ladders and confidences, a third less time.
KEPT_TERMS_LIMIT = OPINION_LIMIT


@dataclass(frozen=True)
class SideFeatures:
    """What the aligner sees of one side, per sentence in document order."""

    lengths: NDArray[np.float64]
    paragraph_starts: NDArray[np.bool_]
    notes_only: NDArray[np.bool_]
    anchors: tuple[tuple[str, ...], ...] = field(default=())
    punctuation: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    junk: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    counts: NDArray[np.int64] = field(default_factory=lambda: np.zeros((0, len(COUNTS)), dtype=np.int64))

    @classmethod
    def of(
        cls,
        lengths: Sequence[float],
        paragraph_starts: Sequence[bool] | None = None,
        notes_only: Sequence[bool] | None = None,
        anchors: Sequence[Sequence[str]] | None = None,
        punctuation: Sequence[int] | None = None,
        junk: Sequence[bool] | None = None,
        counts: NDArray[np.int64] | None = None,
    ) -> SideFeatures:
        """*counts*: per sentence its surface counts (alignments/aligner/surface.py
        `sentence_counts`), only worth making for sides of up to LEXICON_LIMIT sentences."""
        count = len(lengths)
        return cls(
            np.asarray(lengths, dtype=np.float64),
            np.asarray(paragraph_starts if paragraph_starts is not None else [False] * count, dtype=np.bool_),
            np.asarray(notes_only if notes_only is not None else [False] * count, dtype=np.bool_),
            tuple(tuple(a) for a in anchors) if anchors is not None else tuple(() for _ in range(count)),
            np.asarray(punctuation if punctuation is not None else [0] * count, dtype=np.int64),
            np.asarray(junk if junk is not None else [False] * count, dtype=np.bool_),
            counts if counts is not None else np.zeros((count, len(COUNTS)), dtype=np.int64),
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
            self.counts[first:last],
        )


def align(
    source: SideFeatures,
    target: SideFeatures,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    semantics: Semantics | None = None,
    lattice: Lattice = Lattice(),
    ratio: float | None = None,
    known: KnownRuns = (),
) -> list[AlignedBead]:
    """The cheapest ladder of beads for the two sides, in order; with *semantics* (sentence
    vectors of both sides) the embedding aligner, else the default one. On a *lattice* of
    lines (the sides' units are pieces of lines), the ladder closed over lines and judged as
    one (solve.Pass.confident), still in units. *ratio*: the length ratio to start from instead
    of the one the two sides' own lengths give (a stretch of a pair aligned alone: its pair's).
    *known*: runs known elsewhere to translate each other (the project's other pairs), which
    teach the default method's lexicon from its first pass on (the embedding method ignores them)."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [AlignedBead(range(i, i + 1), range(0, 0), 0.0) for i in range(n)] + [
            AlignedBead(range(n, n), range(j, j + 1), 0.0) for j in range(m)
        ]
    default = _groundwork(source, target, None, known if semantics is None else ())
    if semantics is not None:  # the default method's own ladder, a small part of the time: no progress of its own
        opinions = [corners(_aligned(source, target, default, None, should_cancel, None, ratio=ratio).ladder())]
        ground = _groundwork(source, target, semantics)
        last = _aligned(source, target, ground, progress, should_cancel, semantics, ratio=ratio)
        return with_islands_flagged(last.confident(opinions, lattice))
    settings = OPINIONS if max(n, m) <= OPINION_LIMIT else ()
    runs = len(settings) + 1  # each about as long as the others
    opinions = [
        corners(_aligned(source, target, _with_nulls(default, nulls), progress_part(progress, k, runs), should_cancel, None, scale, ratio).ladder())
        for k, (scale, nulls) in enumerate(settings)
    ]
    last = _aligned(source, target, default, progress_part(progress, runs - 1, runs), should_cancel, None, ratio=ratio)
    return with_islands_flagged(last.confident(opinions, lattice))


def shared_anchor_links(source: SideFeatures, target: SideFeatures) -> int:
    """How many links the anchor chain the aligner would follow has (sure sentence pairs found
    by shared names and numbers, alignments/aligner/chain.py): with fewer than `RATIO_LINKS`
    the default method places beads by sentence lengths alone."""
    return len(_groundwork(source, target, None).chain) if len(source) and len(target) else 0


@dataclass(frozen=True)
class _Groundwork:
    """What every run of the aligner over a pair starts from, whatever its length ratio: the
    sides as the programme sees them, the anchor chain and, for short pairs without sentence
    vectors (aligned once per second opinion and once more), the cost terms all their passes
    share."""

    src: Side
    tgt: Side
    chain: NDArray[np.int64]
    kept: KeptTerms | None
    known: KnownPairs | None = None  # Tokens.known, as the lexicon learns from them
    known_lexicon: Lexicon | None = None  # what they alone teach: the first pass's lexicon


def _groundwork(source: SideFeatures, target: SideFeatures, semantics: Semantics | None, known: KnownRuns = ()) -> _Groundwork:
    """*known* counts only where the default method learns a lexicon (a pair of up to
    LEXICON_LIMIT sentences a side)."""
    lexical = semantics is None and max(len(source), len(target)) <= LEXICON_LIMIT
    tokens = token_tables(source.anchors, target.anchors, known if lexical else ())
    src = Side(source.lengths, source.paragraph_starts, source.notes_only, source.punctuation, source.junk, tokens.source)
    tgt = Side(target.lengths, target.paragraph_starts, target.notes_only, target.punctuation, target.junk, tokens.target)
    chain = anchor_chain(src.tokens, tgt.tokens, semantics, tokens.numbers)
    short = semantics is None and max(len(source), len(target)) <= KEPT_TERMS_LIMIT
    known_pairs = KnownPairs(tokens.known) if tokens.known is not None else None
    first_lexicon = known_lexicon(src.tokens, tgt.tokens, known_pairs)
    return _Groundwork(src, tgt, chain, KeptTerms(tokens) if short else None, known_pairs, first_lexicon)


def _with_nulls(ground: _Groundwork, null_scale: float) -> _Groundwork:
    """*ground* with both sides' `Side.null_scale` at *null_scale* (the terms it keeps do not
    depend on it)."""
    if null_scale == 1.0:
        return ground
    return replace(ground, src=replace(ground.src, null_scale=null_scale), tgt=replace(ground.tgt, null_scale=null_scale))


def _aligned(
    source: SideFeatures,
    target: SideFeatures,
    ground: _Groundwork,
    progress: ProgressCallback | None,
    should_cancel: CancelCheck | None,
    semantics: Semantics | None,
    ratio_scale: float = 1.0,
    ratio: float | None = None,
) -> Pass:
    """`align`'s last pass (both sides non-empty), with every length ratio it measures times
    *ratio_scale*, starting from *ratio* if given; its confidences are worked out when asked."""
    n, m = len(source), len(target)
    src, tgt, chain, kept = ground.src, ground.tgt, ground.chain, ground.kept
    lexical_passes = LEXICON_PASSES if semantics is None and max(n, m) <= LEXICON_LIMIT else 0
    ratio_passes = 1 if semantics is not None and max(n, m) <= LEXICON_LIMIT else 0
    teaching_rounds = TEACHING_ROUNDS if lexical_passes else 0  # at most; finish() covers those skipped
    reporter = Reporter(progress, should_cancel, n, passes=1 + teaching_rounds + lexical_passes + 2 * ratio_passes)
    ratio = (length_ratio(source.lengths, target.lengths, chain) if ratio is None else ratio) * ratio_scale
    if _chain_guides(chain, n, m):
        band = Band.along(n, m, chain, *_chain_band_widths(n, m))
    else:
        band = _band_for(src, tgt, reporter, ratio, semantics=semantics)
    if lexical_passes or ratio_passes:  # with vectors no teaching rounds: the ratio pass measures the ratio
        solved = teaching_pass(src, tgt, band, reporter, ratio, chain, teaching_rounds, semantics, ratio_scale, kept, ground.known_lexicon)
    else:
        solved = solve_pass(src, tgt, band, reporter, ratio, semantics=semantics, kept=kept)
    for _ in range(lexical_passes):
        beads = solved.with_margins()
        lexicon = lexicon_of(src, tgt, beads, ground.known)
        if lexicon is None:
            break
        surface = surface_of(source.counts, target.counts, beads)
        reporter.passes_done += 1
        ratio_now = bead_ratio(src, tgt, beads, ratio / ratio_scale) * ratio_scale
        solved = solve_pass(src, tgt, band, reporter, ratio_now, lexicon=lexicon, surface=surface, kept=kept)
    extra, surface = SHAPE_EXTRA_COST, None
    for _ in range(ratio_passes):  # with sentence vectors, the ratio, bead sizes and surface counts of the sure beads
        reporter.passes_done += 1
        beads = solved.with_margins()
        ratio, extra = bead_ratio(src, tgt, beads, ratio), shape_extra(beads)
        surface = surface_of(source.counts, target.counts, beads)
        solved = solve_pass(src, tgt, band, reporter, ratio, semantics=semantics, shape_extra=extra, surface=surface)
    if ratio_passes and semantics is not None:  # at the same ratio: only a wide bead changes the ladder
        reporter.passes_done += 1
        solved = wide_pass(src, tgt, band, reporter, ratio, solved.ladder(), semantics, extra, surface)
    reporter.finish()
    return solved


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
    src: Side, tgt: Side, reporter: Reporter, ratio: float, unit: float = 1.0, semantics: Semantics | None = None
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
    quiet = Reporter(None, reporter.should_cancel, 1)
    coarse = solve_pass(coarse_src, coarse_tgt, coarse_band, quiet, ratio, coarse_unit, coarse_semantics, keep_costs=False).ladder()
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
