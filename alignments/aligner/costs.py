"""What a bead costs the aligner: the terms of alignments/aligner/bead_terms.py (Gale–Church
length mismatch, punctuation, paragraph breaks, editorial notes, shared anchors), the prior of
its shape (alignments/aligner/shapes.py), and with sentence vectors their distance and margin.
Costs are computed for whole blocks of programme rows at once (numpy), laid out as the band
stores them. Also turns a chosen bead's cost into a
confidence in [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.anchor_similarity import BandSimilarity
from alignments.aligner.band import Band
from alignments.aligner.bead_terms import (
    STRUCTURE_COSTS,
    SideLike,
    length_cost,
    null_costs,
    overlap_cost,
    run_sum,
)
from alignments.aligner.group_terms import BlockGroups, SideGroups
from alignments.aligner.kept_terms import BandTerms
from alignments.aligner.run_vectors import LONGEST_RUN
from alignments.aligner.semantics import Semantics
from alignments.aligner.shapes import BEAD_SHAPES, NULL_SOURCE, SHAPE_EXTRA_COST, ShapeSet, shape_prior_costs
from alignments.aligner.surface import SurfaceTerm, surface_classes

FloatArray = NDArray[np.float64]
Floats = NDArray[np.floating[Any]]  # float32 where precision allows (costs), else float64
IntArray = NDArray[np.int64]
Kept = TypeVar("Kept")

# Sentences without counterpart come in runs (captions, OCR junk, a passage left out): a run
# costs NULL_OPEN once plus, per sentence, an extension cost growing with its length.
NULL_OPEN = 3.0
ANCHOR_WEIGHT, ANCHOR_EXPECTED = 10.0, 0.1
# With sentence vectors the wide pass weighs anchors less: the vectors already hold the names and
# numbers, and a bead's anchor reward, earned once per bead, favours cutting a large bead into
# pieces that each earn it (bench/README.md, literary n:m, fifth round).
VECTOR_ANCHOR_WEIGHT = 5.0
# With sentence vectors (which check every sentence of a bead), a group of sentences is this much
# cheaper for each sentence in it that continues the one before (that one ends with a comma or
# semicolon, this one starts in lower case): one sentence cut in two, in gold beads mostly kept
# together (75 % of such cuts lie inside a bead, 15 % of cuts after a full stop).
CONTINUATION_DISCOUNT = 0.5
# per sentence of a bead: its cosine distance to the other side's run, in units of unrelated
# sentences' distance (semantics.Semantics.distances)
EMBEDDING_WEIGHT, EMBEDDING_EXPECTED = 10.0, 0.85
MARGIN_WEIGHT, MARGIN_EXPECTED = 10.0, 0.05  # cosine minus the mean cosine with the other side's neighbours
BLOCK_SPAN = 256  # `costs_at` prices the cells of each stretch of this many rows as one block
RING = LONGEST_RUN + 1  # rows of costs the programme keeps: the longest bead spans LONGEST_RUN rows


class CostModel:
    """Bead costs for one pair inside one band."""

    def __init__(
        self,
        source: SideLike,
        target: SideLike,
        band: Band,
        similarity: BandSimilarity,
        ratio: float,
        unit: float = 1.0,
        reverse: bool = False,
        semantics: Semantics | None = None,
        lexical: LexicalTerm | None = None,
        shapes: ShapeSet | None = None,
        surface: SurfaceTerm | None = None,
        shape_extra: float = SHAPE_EXTRA_COST,
        anchor_weight: float = ANCHOR_WEIGHT,
        kept: BandTerms | None = None,
    ) -> None:
        """*ratio*: target characters expected per source character. *unit*: sentences per aligned
        unit (more than one in a coarse pass over blocks, where a
        block without counterpart costs what its sentences would cost one by one). *reverse*:
        both sides are given last sentence first; every bead then costs what it costs forwards.
        *lexical*: a second similarity (words translated by a lexicon learnt from the pair) and
        its weight and expected share for unrelated sentences. *shapes*: the bead shapes it may
        form (by default LONG with *semantics*, else PLAIN; WIDE needs *semantics*). *surface*:
        what differences of the sentences' surface counts cost (alignments/aligner/surface.py).
        *shape_extra*: what each sentence beyond 1:1 costs (`shape_prior_costs`). *anchor_weight*:
        what shared anchors weigh. *kept*: the terms other passes of the alignment worked out in
        this band, which this one reads and adds to (alignments/aligner/kept_terms.py: not with
        sentence vectors, nor for a coarse pass)."""
        assert kept is None or (semantics is None and unit == 1.0)
        self.source, self.target, self.band, self.similarity = source, target, band, similarity
        self.kept = kept
        number = kept.similarity_number(similarity) if kept is not None else None  # None: anchor costs not kept
        self._anchors_kept_as = None if number is None else ("anchors", number, anchor_weight)
        self.lexical, self.surface, self.anchor_weight = lexical, surface, anchor_weight
        self.shape_prior = shape_prior_costs(shape_extra)
        self._whole: dict[tuple[str, int], SideGroups] = {}
        self.reverse = reverse
        self.semantics = semantics
        self.width = band.width
        self.source_sum = np.concatenate(([0.0], np.cumsum(source.lengths)))
        self.target_sum = np.concatenate(([0.0], np.cumsum(target.lengths)))
        self.ratio = ratio  # expected target characters per source character
        self.continuation = CONTINUATION_DISCOUNT if semantics is not None and unit == 1.0 else 0.0  # blocks OR their flags
        self.source_null = null_costs(source, unit)
        self.target_null = null_costs(target, unit)
        self.source_open, self.target_open = NULL_OPEN * source.null_scale, NULL_OPEN * target.null_scale  # a run's opening
        self.target_null_sum = np.concatenate(([0.0], np.cumsum(self.target_null)))
        # the shapes that advance on the source side: both sides first, then 1:0 (long and wide
        # beads only with sentence vectors)
        shapes = shapes or (ShapeSet.LONG if semantics is not None else ShapeSet.PLAIN)
        assert semantics is not None or shapes == ShapeSet.PLAIN
        self.moving_shapes = [code for code in shapes.codes if all(BEAD_SHAPES[code])] + [NULL_SOURCE]

    # --- for the programme -------------------------------------------------------------------

    def block_width(self, first: int, last: int) -> int:
        """Columns the rows [first, last) need: their widest row (a long run without counterpart
        elsewhere widens the band, not every block)."""
        return int((self.band.hi[first:last] - self.band.lo[first:last]).max()) + 1

    def null_target_runs(self, first: int, last: int) -> FloatArray:
        """For rows [first, last): extension cost of 0:1 beads from column lo[i] to each column
        (flat beyond the row's end), over the block's width; a run also pays NULL_OPEN once."""
        lo, hi = self.band.lo[first:last, None], self.band.hi[first:last, None]
        columns = np.minimum(lo + np.arange(self.block_width(first, last))[None, :], hi)
        return self.target_null_sum[columns] - self.target_null_sum[lo]

    def block(self, first: int, last: int) -> tuple[IntArray, Floats]:
        """For rows [first, last): where each moving shape comes from (flat indices into the
        programme's ring: RING rows of best costs, then RING rows of costs inside a run of 1:0
        beads, each width + 1 wide) and what it costs; shape (rows, shapes + 1, block width), the
        last slot a 1:0 bead that continues a run (from the run's half, without NULL_OPEN)."""
        rows = np.arange(first, last)
        columns = self.band.lo[rows][:, None] + np.arange(self.block_width(first, last))[None, :]
        self._start_block(rows, columns)
        sources, valid = self._kept("layout", (first, last), None, lambda: self._layout(rows, columns))
        costs = np.empty(sources.shape, dtype=np.float32)
        for slot, code in enumerate(self.moving_shapes):
            costs[:, slot, :] = np.where(valid[slot], self.bead_costs(code, rows, columns, valid[slot], (first, last)), np.inf)
        np.subtract(costs[:, -2], self.source_open, out=costs[:, -1])
        return sources, costs

    def _layout(self, rows: IntArray, columns: IntArray) -> tuple[IntArray, list[NDArray[np.bool_]]]:
        """`block`'s origins, and per moving shape where its beads may end."""
        sources = np.empty((len(rows), len(self.moving_shapes) + 1, columns.shape[1]), dtype=np.int64)
        valid = []
        for slot, code in enumerate(self.moving_shapes):
            may, origin = self._origins(code, rows, columns)
            sources[:, slot, :] = np.where(may, origin, self.width)  # row 0's sentinel column
            valid.append(may)
        np.add(sources[:, -2], RING * (self.width + 1), out=sources[:, -1])
        return sources, valid

    def _kept(self, name: Hashable | None, block: tuple[int, int] | None, code: int | None, make: Callable[[], Kept]) -> Kept:
        """What *make* gives for the term *name* of the block of rows *block* and shape *code*,
        kept for the alignment's other passes (*name* or *block* None: a term this pass alone
        has, or cells no other pass asks for)."""
        if self.kept is None or name is None or block is None:
            return make()
        return self.kept.kept((name, code, *block), make)

    def costs_at(self, code: int, rows: IntArray, columns: IntArray) -> FloatArray:
        """What a bead of shape *code* ending at each cell (rows[k], columns[k]) costs (beads off
        the chosen path that the confidence compares with it); infinite where the programme could
        not form it (a shape it may not form, or a bead starting outside the band)."""
        result = np.full(len(rows), np.inf)
        if code not in self.moving_shapes or not len(rows):
            return result
        order = np.argsort(rows, kind="stable")
        windows = (rows[order] - rows[order[0]]) // BLOCK_SPAN  # a block's sums span its rows and columns: keep them few
        for group in np.split(order, np.flatnonzero(np.diff(windows)) + 1):
            result[group] = self._costs_in_block(code, rows[group], columns[group])
        return result

    def _costs_in_block(self, code: int, rows: IntArray, columns: IntArray) -> FloatArray:
        """`costs_at` for cells of nearby rows, priced as one block."""
        inside = (columns >= self.band.lo[rows]) & (columns <= self.band.hi[rows])
        offsets = np.where(inside, columns - self.band.lo[rows], 0)
        grid = self.band.lo[rows][:, None] + np.arange(int(offsets.max()) + 1)[None, :]
        self._start_block(rows, grid)
        valid, _ = self._origins(code, rows, grid)
        picked = np.arange(len(rows)), offsets
        costs = self.bead_costs(code, rows, grid, valid)[picked]
        return np.where(inside & valid[picked], costs, np.inf).astype(np.float64)

    def _start_block(self, rows: IntArray, columns: IntArray) -> None:
        """Forget what the block before worked out; the shared anchor sums of these cells."""
        self._shared = _SharedSums(self, self.similarity, rows, columns)
        if self.lexical is not None:
            self._lexical_shared = _SharedSums(self, self.lexical.similarity, rows, columns)
        self._groups: dict[tuple[str, int], BlockGroups] = {}
        self._surface_groups: dict[tuple[str, int], IntArray] = {}

    def _origins(self, code: int, rows: IntArray, columns: IntArray) -> tuple[NDArray[np.bool_], IntArray]:
        """Where beads of shape *code* ending in the block's cells start, and whether they may:
        the origin lies k + offset columns into its row, which bounds k per row."""
        di, dj = BEAD_SHAPES[code]
        lo, hi = self.band.lo[rows], self.band.hi[rows]
        previous = rows - di
        safe_previous = np.maximum(previous, 0)
        offset = lo - dj - self.band.lo[safe_previous]
        lowest = np.maximum(-offset, dj - lo)  # the origin inside its row, the bead inside the text
        highest = np.where(previous >= 0, np.minimum(self.width - 1 - offset, hi - lo), -1)
        k = np.arange(columns.shape[1])
        valid = (k >= lowest[:, None]) & (k <= highest[:, None])
        return valid, ((safe_previous % RING) * (self.width + 1) + offset)[:, None] + k

    # --- the cost itself ---------------------------------------------------------------------

    def bead_costs(
        self, code: int, rows: IntArray, columns: IntArray, valid: NDArray[np.bool_], block: tuple[int, int] | None = None
    ) -> Floats:
        """Cost of beads of shape *code* ending at (rows[r], columns[r, k]); junk where not valid.
        Source-side terms are computed once per row and broadcast over the row's columns.
        *block*: the programme's rows [first, last) these are (terms other passes share are
        then kept)."""
        di, dj = BEAD_SHAPES[code]
        if di > len(self.source) or dj > len(self.target):
            return np.full(valid.shape, np.inf)
        i = np.minimum(np.maximum(rows, di), len(self.source))[:, None]  # np.clip is slow on ints
        j = np.minimum(np.maximum(columns, dj), len(self.target))
        if dj == 0:
            return np.broadcast_to(self.source_open + self.source_null[i - 1], valid.shape)
        source, target = self._group_terms("source", di, i), self._group_terms("target", dj, j)
        anchors = self._kept(self._anchors_kept_as, block, code, lambda: self._anchor_cost(di, dj, source, target))
        cost = length_cost(source.length, target.length) + anchors
        if self.lexical is not None:
            cost += self._lexical_cost(self.lexical, di, dj, i, j)
        cost += STRUCTURE_COSTS[self._kept("structure", block, code, lambda: (source.signature ^ target.signature).astype(np.uint8))]
        cost += self._kept("inside", block, code, lambda: source.inside + target.inside)
        if self.semantics is not None:
            # columns beyond a row's band are junk: pinned to its last, the vectors multiplied
            # span the band's own columns, not the widest row's (those products were most of the time)
            inside = np.maximum(np.minimum(j, self.band.hi[rows][:, None]), dj)
            distances, margins = self.semantics.terms(di, dj, i, inside)
            cost += EMBEDDING_WEIGHT * (distances - EMBEDDING_EXPECTED * (di + dj) / 2)  # per sentence
            cost += MARGIN_WEIGHT * (MARGIN_EXPECTED - margins)
            cost += self.semantics.edge_costs(di, dj, i, inside)
        if self.surface is not None:
            cost += self.surface.table[self._kept("surface", block, code, lambda: self._surface_classes(di, dj, i, j))]
        cost += self.shape_prior[(di, dj)]
        return cost

    def _anchor_cost(self, di: int, dj: int, source: BlockGroups, target: BlockGroups) -> Floats:
        shared = self._shared.total(di, dj)
        return overlap_cost(shared, source.weight, target.weight, self.anchor_weight, ANCHOR_EXPECTED)

    def _lexical_cost(self, term: LexicalTerm, di: int, dj: int, i: IntArray, j: IntArray) -> Floats:
        source_weight = run_sum(term.similarity.source_weight, i, di)
        target_weight = run_sum(term.similarity.target_weight, j, dj)
        return overlap_cost(self._lexical_shared.total(di, dj), source_weight, target_weight, term.weight, term.expected)

    def _surface_classes(self, di: int, dj: int, i: IntArray, j: IntArray) -> NDArray[np.uint8]:
        """Which differences of surface counts beads of di source sentences before *i* and dj
        target sentences before *j* hold (`surface_classes`; the pass's surface term prices them)."""
        assert self.surface is not None
        for name, count, end in (("source", di, i), ("target", dj, j)):
            if (name, count) not in self._surface_groups:  # once per block and group size
                self._surface_groups[(name, count)] = self.surface.group(name, count, end)
        return surface_classes(self._surface_groups[("source", di)], self._surface_groups[("target", dj)])

    def _group_terms(self, name: str, count: int, end: IntArray) -> BlockGroups:
        """What a bead's cost needs of a group of *count* sentences ending before *end*, worked
        out once per block and group size (every shape with that side shares it)."""
        key = (name, count)
        if key not in self._groups:
            self._groups[key] = BlockGroups(self._side_groups(name, count), end)
        return self._groups[key]

    def _side_groups(self, name: str, count: int) -> SideGroups:
        """Every group of *count* sentences on one side: worked out once, then read per block."""
        key = (name, count)
        if key not in self._whole:
            if name == "source":
                side, sums, scale, weights = self.source, self.source_sum, self.ratio, self.similarity.source_weight
            else:
                side, sums, scale, weights = self.target, self.target_sum, 1.0, self.similarity.target_weight
            self._whole[key] = SideGroups(side, count, sums, scale, weights, self.reverse, self.continuation)
        return self._whole[key]


@dataclass(frozen=True)
class LexicalTerm:
    """A second overlap term: its similarity in the band, weight and expected share."""

    similarity: BandSimilarity
    weight: float
    expected: float

    def reversed(self, band: Band, reverse_band: Band) -> LexicalTerm:
        """The same term for both sides read last first, laid out in *reverse_band*."""
        return LexicalTerm(self.similarity.reversed(band, reverse_band), self.weight, self.expected)


class _SharedSums:
    """For one block of programme rows: the anchor weight shared by the last di source and the
    last dj target sentences of a bead ending at each cell, built up from single cells so that
    every shape reuses the sums of the smaller ones (junk where a shape does not fit)."""

    def __init__(self, model: CostModel, similarity: BandSimilarity, rows: IntArray, columns: IntArray) -> None:
        self.model, self.rows = model, rows
        self.lo, self.k = model.band.lo[rows], np.arange(columns.shape[1])  # columns[r, k] = lo[r] + k
        self.flat = similarity.shared.reshape(-1)
        self.row_sums: dict[tuple[int, int], FloatArray] = {}
        self.totals: dict[tuple[int, int], FloatArray] = {}

    def cell(self, a: int, b: int) -> FloatArray:
        """Weight shared by source sentence i - 1 - a and target sentence j - 1 - b (that pair
        lies k + offset columns into its row of the band)."""
        width = self.model.width
        row = np.maximum(self.rows - a, 0)
        offset = self.lo - b - self.model.band.lo[row]
        inside = (self.k >= -offset[:, None]) & (self.k < (width - offset)[:, None])
        return np.where(inside, np.take(self.flat, (row * width + offset)[:, None] + self.k, mode="clip"), 0.0)

    def row_sum(self, a: int, dj: int) -> FloatArray:
        """Source sentence i - 1 - a with the last dj target sentences."""
        if (a, dj) not in self.row_sums:
            before = self.row_sum(a, dj - 1) if dj > 1 else 0.0
            self.row_sums[(a, dj)] = before + self.cell(a, dj - 1)
        return self.row_sums[(a, dj)]

    def total(self, di: int, dj: int) -> FloatArray:
        if (di, dj) not in self.totals:
            before = self.total(di - 1, dj) if di > 1 else 0.0
            self.totals[(di, dj)] = before + self.row_sum(di - 1, dj)
        return self.totals[(di, dj)]
