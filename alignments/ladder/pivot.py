"""Several translations of one source lined up through the source (the pivot), and the alignment
of two translations derived from it. Plain values: each pair's ladder in, rows out. A row is the
smallest run of source sentences that no pair's bead crosses, with what each translation has for
it; sentences a translation adds (0:n beads) get rows of their own. Standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alignments.ladder.beads import Bead


@dataclass(frozen=True)
class PivotRow:
    """Source sentences and, per translation, its sentences for them and the beads they come from."""

    source_ids: tuple[int, ...]
    cells: tuple[tuple[int, ...], ...]
    beads: tuple[tuple[int, ...], ...]

    def lacking(self) -> tuple[int, ...]:
        """The translations (by column) without a sentence here while another has one."""
        if all(self.cells) or not any(self.cells):
            return ()
        return tuple(column for column, cell in enumerate(self.cells) if not cell)


@dataclass(frozen=True)
class DerivedBead:
    """A bead of a derived alignment: sentences of translation A, of translation B, and the beads
    of both pairs it stands on."""

    a_ids: tuple[int, ...]
    b_ids: tuple[int, ...]
    through: tuple[int, ...]


def line_up(source_ids: Sequence[int], ladders: Sequence[Sequence[Bead]]) -> list[PivotRow]:
    """Rows lining up every ladder's target sentences through the shared source sentences."""
    index = {sid: k for k, sid in enumerate(source_ids)}
    count = len(source_ids)
    crossed = [False] * (count + 1)  # crossed[k]: a bead holds both sentence k-1 and sentence k
    for ladder in ladders:
        for bead in ladder:
            if bead.source_ids:
                for k in range(index[bead.source_ids[0]] + 1, index[bead.source_ids[-1]] + 1):
                    crossed[k] = True
    cuts = [k for k in range(count + 1) if not crossed[k]]
    group_of = [0] * (count + 1)
    for group, (start, end) in enumerate(zip(cuts, cuts[1:])):
        group_of[start:end] = [group] * (end - start)
    slots = _Slots(len(cuts) - 1, len(ladders))
    for column, ladder in enumerate(ladders):
        cursor = 0
        for bead in ladder:
            if bead.source_ids:
                cursor = index[bead.source_ids[-1]] + 1
                slots.group(group_of[index[bead.source_ids[0]]], column, bead)
            elif crossed[cursor]:
                slots.group(group_of[cursor], column, bead)
            else:
                slots.insertion(cursor, column, bead)
    return slots.rows(cuts, source_ids)


class _Slots:
    """Where each bead's target sentences go while the rows are collected: the group of source
    sentences it belongs to, or the insertion before the source sentence at a cut."""

    def __init__(self, groups: int, columns: int) -> None:
        self.columns = columns
        self.in_groups: list[list[tuple[list[int], list[int]]]] = [[([], []) for _ in range(columns)] for _ in range(groups)]
        self.inserted: dict[int, list[tuple[list[int], list[int]]]] = {}

    def group(self, group: int, column: int, bead: Bead) -> None:
        ids, beads = self.in_groups[group][column]
        ids.extend(bead.target_ids)
        beads.append(bead.id)

    def insertion(self, cut: int, column: int, bead: Bead) -> None:
        cells = self.inserted.setdefault(cut, [([], []) for _ in range(self.columns)])
        cells[column][0].extend(bead.target_ids)
        cells[column][1].append(bead.id)

    def rows(self, cuts: Sequence[int], source_ids: Sequence[int]) -> list[PivotRow]:
        rows: list[PivotRow] = []
        for group, start in enumerate(cuts):
            if start in self.inserted:
                rows.append(_row((), self.inserted[start]))
            if group < len(self.in_groups):
                rows.append(_row(tuple(source_ids[start : cuts[group + 1]]), self.in_groups[group]))
        return rows


def _row(source_ids: tuple[int, ...], cells: Sequence[tuple[list[int], list[int]]]) -> PivotRow:
    return PivotRow(source_ids, tuple(tuple(ids) for ids, _ in cells), tuple(tuple(beads) for _, beads in cells))


def derive(rows: Sequence[PivotRow], a: int, b: int) -> list[DerivedBead]:
    """The alignment of translation *a* with translation *b* (columns) through the source: one
    bead per row in which either has sentences."""
    return [
        DerivedBead(row.cells[a], row.cells[b], row.beads[a] + row.beads[b])
        for row in rows
        if row.cells[a] or row.cells[b]
    ]
