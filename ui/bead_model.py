"""The Qt table model of one pair's ladder: a row per bead, columns source | gutter |
translation. Holds only bead ids and positions; fetches what rows show from the store lazily,
a window at a time, and updates itself from the store's change descriptions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from alignments.ladder.beads import BeadStatus
from alignments.ladder.changes import Change
from alignments.ladder.edits import BeadChange, splice_rows
from alignments.store.project_store import ProjectStore
from alignments.store.records import BeadSummary, BeadView, PairInfo, PairStats
from corpus.languages import language_name

SOURCE_COLUMN, GUTTER_COLUMN, TARGET_COLUMN = 0, 1, 2
BEAD_VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
_FETCH_BEFORE, _FETCH_AFTER = 20, 80
_CACHE_LIMIT = 4000
_Index = QModelIndex | QPersistentModelIndex
_INVALID = QModelIndex()
CONFIRMED_GLYPH, AUTO_GLYPH, FLAGGED_GLYPH = "✔", "○", "!"
GLYPH_LEGEND = f"{CONFIRMED_GLYPH} confirmed  {AUTO_GLYPH} automatic  {FLAGGED_GLYPH} low confidence"


class BeadTableModel(QAbstractTableModel):
    """Rows are beads in ladder order; cells show sentences, status, shape and confidence."""

    def __init__(self, store: ProjectStore, pair: PairInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.pair = pair
        self._summaries = store.bead_summaries(pair.id)
        self._ids = [summary.id for summary in self._summaries]
        self._positions = [summary.position for summary in self._summaries]
        self._cache: dict[int, BeadView] = {}
        self._totals = [0, 0, 0]  # confirmed, flagged, unaligned sentences: kept up to date per edit
        self._count(self._summaries, 1)

    # --- Qt interface ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = _INVALID) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        view = self.bead_view(index.row())
        column = index.column()
        if role == BEAD_VIEW_ROLE:
            return view
        if role == Qt.ItemDataRole.DisplayRole:
            return _gutter_text(view) if column == GUTTER_COLUMN else _side_text(view, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _notes_tooltip(view, column)
        if column == GUTTER_COLUMN:
            return _gutter_style(view, role)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == SOURCE_COLUMN:
            return f"Source · {language_name(self.pair.source.lang)} · {self.pair.source.title}"
        if section == TARGET_COLUMN:
            return f"Translation · {language_name(self.pair.target.lang)} · {self.pair.target.title}"
        return "" if section == GUTTER_COLUMN else None

    # --- our interface ---------------------------------------------------------------------

    def bead_view(self, row: int) -> BeadView:
        """What row *row* shows, fetched with its neighbours when not cached."""
        if row not in self._cache:
            self._fetch_around(row)
        return self._cache[row]

    def bead_id(self, row: int) -> int:
        return self._ids[row]

    def rows_of_beads(self, bead_ids: Collection[int]) -> list[int]:
        """The rows of these beads, in order (one pass over the rows, however many beads)."""
        wanted = set(bead_ids)
        return [row for row, bead_id in enumerate(self._ids) if bead_id in wanted]

    def summaries(self) -> list[BeadSummary]:
        return self._summaries

    def stats(self) -> PairStats:
        """Counts for the status bar, kept by the model as rows change (no query, no scan)."""
        return PairStats(len(self._summaries), *self._totals)

    def _count(self, summaries: list[BeadSummary], sign: int) -> None:
        for summary in summaries:
            self._totals[0] += sign * summary.confirmed
            self._totals[1] += sign * summary.flagged
            self._totals[2] += sign * summary.unaligned

    def find_row(self, start: int, step: int, wanted: Callable[[BeadSummary], bool]) -> int | None:
        """The first row after (step 1) or before (step -1) *start* whose bead is *wanted*."""
        rows = range(start + step, len(self._ids)) if step > 0 else range(start + step, -1, -1)
        return next((row for row in rows if wanted(self._summaries[row])), None)

    def refresh(self) -> None:
        """Fetch every row's content again (interpolations changed, or the highlighting)."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 2))

    def row_of_position(self, position: tuple[int, int]) -> int:
        """The row of the bead at this ladder position, or where it would go."""
        return bisect.bisect_left(self._positions, position)

    def apply(self, change: Change, pair: PairInfo) -> None:
        """Take a change the store has committed into the rows: the pair's ladder changes, and
        when its texts changed (sentences, revisions, interpolations) every row is read again."""
        header_changed = pair != self.pair
        self.pair = pair
        for beads in change.beads:
            if beads.pair_id == pair.id:
                self._apply_beads(beads)
        if change.touches_documents({pair.source.id, pair.target.id}) or header_changed:
            self.refresh()
        if header_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, SOURCE_COLUMN, TARGET_COLUMN)

    def _apply_beads(self, change: BeadChange) -> None:
        first, count, rows = splice_rows(self._positions, self._ids, change.removed, change.added)
        known = {summary.id: summary for summary in self._summaries[first : first + count]}
        known.update((bead.id, BeadSummary.of(bead)) for bead in change.added)
        summaries = [known[bead_id] for bead_id, _ in rows]
        positions = [position for _, position in rows]
        self._cache.clear()
        if count == len(rows):
            self._replace_rows(first, count, summaries, positions)
            if count:
                self.dataChanged.emit(self.index(first, 0), self.index(first + count - 1, 2))
            return
        if count:
            self.beginRemoveRows(_INVALID, first, first + count - 1)
            self._replace_rows(first, count, [], [])
            self.endRemoveRows()
        if rows:
            self.beginInsertRows(_INVALID, first, first + len(rows) - 1)
            self._replace_rows(first, 0, summaries, positions)
            self.endInsertRows()

    def _replace_rows(
        self, first: int, count: int, summaries: list[BeadSummary], positions: list[tuple[int, int]]
    ) -> None:
        """Rows' positions come apart from their summaries': a text edit moves positions wholesale."""
        self._count(self._summaries[first : first + count], -1)
        self._count(summaries, 1)
        self._summaries[first : first + count] = summaries
        self._ids[first : first + count] = [summary.id for summary in summaries]
        self._positions[first : first + count] = positions

    def _fetch_around(self, row: int) -> None:
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        first, last = max(0, row - _FETCH_BEFORE), min(len(self._ids), row + _FETCH_AFTER)
        wanted = [r for r in range(first, last) if r not in self._cache]
        beads = self.store.beads([self._ids[r] for r in wanted])
        for r, view in zip(wanted, self.store.bead_views(beads)):
            self._cache[r] = view


def _side_text(view: BeadView, column: int) -> str:
    sentences = view.source if column == SOURCE_COLUMN else view.target
    return "\n".join(sentence.text for sentence in sentences)


def _gutter_text(view: BeadView) -> str:
    """Status glyph, shape and the aligner's confidence (left out once the user has confirmed the bead)."""
    bead = view.bead
    confirmed = bead.status == BeadStatus.CONFIRMED
    score = "" if bead.score is None or confirmed else f"{bead.score:.2f}"
    return f"{_glyph(view)}\n{bead.shape}\n{score}".rstrip()


def _glyph(view: BeadView) -> str:
    if view.bead.status == BeadStatus.CONFIRMED:
        return CONFIRMED_GLYPH
    return FLAGGED_GLYPH if is_flagged(view) else AUTO_GLYPH


def is_flagged(view: BeadView) -> bool:
    return BeadSummary.of(view.bead).flagged


def _gutter_style(view: BeadView, role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    if role == Qt.ItemDataRole.ForegroundRole:
        glyph = _glyph(view)
        return QColor({CONFIRMED_GLYPH: "#2e8b57", FLAGGED_GLYPH: "#c62828"}.get(glyph, "#505050"))
    return None


def _notes_tooltip(view: BeadView, column: int) -> str | None:
    if column == GUTTER_COLUMN:
        status = "confirmed" if view.bead.status == BeadStatus.CONFIRMED else "automatic"
        score = "" if view.bead.score is None else f", confidence {view.bead.score:.2f}"
        return f"{view.bead.shape} bead, {status}{score} ({view.bead.provenance})"
    sentences = view.source if column == SOURCE_COLUMN else view.target
    notes = [note.describe() for sentence in sentences for note in sentence.notes]
    return "\n".join(notes) or None
