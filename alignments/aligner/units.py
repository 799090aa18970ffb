"""Finer units: where one side of a pair writes in long units (edge_clauses.long_side: lines of
clause chains, or lines that join several sentences, against shorter sentences of the other
side), that side is aligned in pieces, each line cut at its sentence ends and, with sentence
vectors, at its clause marks (`finest_pieces`); then the other side too if against those pieces
it is the long one. The ladder is closed over the lines again: the beads up to each place where
every split side is at the start of a line become one bead, judged as one (lattice.py). A piece
matches a sentence of the other side far better than a long line matches a run of them, and
beads of pieces need no shape wider than the programme's (bench/README.md, "Literary n:m in
finer units", ninth round).
numpy only; the pieces' features and vectors are the callers' to make.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from alignments.aligner.align import SideFeatures, align
from alignments.aligner.anchor_similarity import KnownRuns
from alignments.aligner.edge_clauses import clauses, long_side
from alignments.aligner.lattice import Lattice
from alignments.aligner.run_vectors import pieces
from alignments.aligner.semantics import Semantics
from alignments.aligner.solve import AlignedBead
from alignments.ladder.work import CancelCheck, ProgressCallback

T = TypeVar("T")
Starts = NDArray[np.int64]


def finest_pieces(line: str, at_clauses: bool = True) -> list[str]:
    """A line cut at its sentence ends (run_vectors.pieces), each sentence at its clause marks
    (edge_clauses.clauses: no clause under SHORTEST_CLAUSE characters) if *at_clauses*; an empty
    line is one piece."""
    found = [clause for sentence in pieces(line) for clause in (clauses(sentence) if at_clauses else [sentence])]
    return found or [line]


@dataclass(frozen=True)
class Units:
    """Per side, where each line's pieces start (one rising number a line, then the count of
    pieces), or None where the side is aligned line by line."""

    source: Starts | None = None
    target: Starts | None = None

    @classmethod
    def split(cls, sides: Sequence[Sequence[str]], at_clauses: bool) -> tuple[Units, list[list[str]]]:
        """The units of a pair's sides (their lines' texts) and the units' texts: the side in
        long units (if either is) in its `finest_pieces`, then the other side too if it is in
        long units against those pieces (German sentences of clause chains against a French
        translation's clauses: each side's clauses aligned with the other's), else line by
        line. *at_clauses*: with sentence vectors, which match a clause's meaning (without them
        a clause has little but its length, which does not tell which sentence of the other
        side it goes with: the Chinese passage of tests/data/zh_en lost a bead)."""
        texts = [list(side) for side in sides]
        starts: list[Starts | None] = [None, None]
        for _ in sides:  # each side at most once: against the pieces, the other side may be the long one
            side = long_side(texts)
            if side is None or starts[side] is not None:
                break
            cut = [finest_pieces(line, at_clauses) for line in sides[side]]
            if not any(len(found) > 1 for found in cut):
                break
            texts[side] = [piece for found in cut for piece in found]
            starts[side] = np.concatenate([[0], np.cumsum([len(found) for found in cut])]).astype(np.int64)
        return cls(starts[0], starts[1]), texts

    def starts(self, side: int) -> Starts | None:
        return self.source if side == 0 else self.target

    def line_count(self, side: int, units: int) -> int:
        """How many lines *side*'s *units* units are cut from."""
        starts = self.starts(side)
        return units if starts is None else len(starts) - 1

    def spread(self, side: int, values: Sequence[T]) -> list[T]:
        """Per line *values* as per unit values: every piece of a line takes its line's value."""
        starts = self.starts(side)
        if starts is None:
            return list(values)
        return [value for value, count in zip(values, np.diff(starts).tolist(), strict=True) for _ in range(count)]

    def first_pieces(self, side: int, flags: Sequence[bool]) -> list[bool]:
        """Per line *flags* (a paragraph starts there) as per unit flags: a line's first piece."""
        starts = self.starts(side)
        if starts is None:
            return list(flags)
        first = np.zeros(int(starts[-1]), dtype=bool)
        first[starts[:-1]] = True
        return [flag and bool(is_first) for flag, is_first in zip(self.spread(side, flags), first, strict=True)]

    def unit_range(self, side: int, lines: tuple[int, int]) -> tuple[int, int]:
        """The units of lines [first, last) of *side*."""
        starts = self.starts(side)
        return lines if starts is None else (int(starts[lines[0]]), int(starts[lines[1]]))

    def slice(self, source_lines: tuple[int, int], target_lines: tuple[int, int]) -> Units:
        """The units of a stretch of lines of both sides, counted from its start."""
        return Units(*(_sliced(self.starts(side), lines) for side, lines in enumerate((source_lines, target_lines))))

    @property
    def lattice(self) -> Lattice:
        """Where the corners of a ladder over lines lie, in units."""
        return Lattice(self.source, self.target)

    def lines(self, beads: list[AlignedBead]) -> list[AlignedBead]:
        """A ladder over units as a ladder over lines (`groups`: each group of beads one bead,
        with the least confidence and margin of its parts). `align` on this lattice closes its
        ladder itself and judges each bead over lines as one (lattice.py), so there every group
        is one bead and only its ranges change."""
        if self.source is None and self.target is None:
            return beads
        return [self._merged(beads, group) for group in self.groups(beads)]

    def groups(self, beads: list[AlignedBead]) -> list[list[int]]:
        """Which of a ladder's *beads* over units make each bead over lines: the beads up to each
        place where every split side is at a line's start."""
        groups: list[list[int]] = [[]]
        for index, bead in enumerate(beads):
            groups[-1].append(index)
            if _at_line_start(self.source, bead.source.stop) and _at_line_start(self.target, bead.target.stop):
                groups.append([])
        return [group for group in groups if group]  # the last is left open only if a ladder stops short

    def _merged(self, beads: list[AlignedBead], group: list[int]) -> AlignedBead:
        first, last = beads[group[0]], beads[group[-1]]
        return AlignedBead(
            _line_range(self.source, first.source.start, last.source.stop),
            _line_range(self.target, first.target.start, last.target.stop),
            min(beads[k].score for k in group),
            min(beads[k].margin for k in group),
        )


def _sliced(starts: Starts | None, lines: tuple[int, int]) -> Starts | None:
    if starts is None:
        return None
    return starts[lines[0] : lines[1] + 1] - starts[lines[0]]


def _at_line_start(starts: Starts | None, unit: int) -> bool:
    if starts is None:
        return True
    found = int(np.searchsorted(starts, unit))
    return found < len(starts) and int(starts[found]) == unit


def _line_range(starts: Starts | None, first: int, stop: int) -> range:
    """The lines of units [first, stop) (their line's first unit is *first*)."""
    if starts is None:
        return range(first, stop)
    return range(int(np.searchsorted(starts, first, "right")) - 1, int(np.searchsorted(starts, stop, "left")))


def align_units(
    source: SideFeatures,
    target: SideFeatures,
    units: Units,
    progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    semantics: Semantics | None = None,
    ratio: float | None = None,
    known: KnownRuns = (),
) -> list[AlignedBead]:
    """`align` over the pair's units (*source*, *target* and *semantics* per unit), as beads
    over its lines (*known*: `align`'s)."""
    return units.lines(align(source, target, progress, should_cancel, semantics, units.lattice, ratio, known))
