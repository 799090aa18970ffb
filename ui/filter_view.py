"""The filter view: show only flagged, unconfirmed, non-1:1 or note-mismatch beads, the rest
folded away (hidden rows of the one table, so every command keeps working on what is shown),
with how many are shown in the status bar. Rows an edit makes stay in view until the filter is
chosen again; a row gone to (next flagged, find, …) is unfolded.

Hiding rows one by one makes QHeaderView recompute every row position each time (quadratic at
100k beads); with the header's updates off it only records them, and the table lays out once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel

from alignments.store.records import BeadSummary
from ui.busy import busy

if TYPE_CHECKING:
    from ui.session import PairSession
    from ui.window_context import WindowContext


class BeadFilter(StrEnum):
    ALL = "all"
    FLAGGED = "flagged"
    UNCONFIRMED = "unconfirmed"
    UNEVEN = "non-1:1"
    NOTE_MISMATCH = "note mismatch"


FILTER_ACTIONS: dict[str, BeadFilter] = {
    "show_all": BeadFilter.ALL,
    "show_flagged": BeadFilter.FLAGGED,
    "show_unconfirmed": BeadFilter.UNCONFIRMED,
    "show_uneven": BeadFilter.UNEVEN,
    "show_note_mismatch": BeadFilter.NOTE_MISMATCH,
}


class FilterView:
    """Which beads the table of one main window shows."""

    def __init__(self, context: WindowContext) -> None:
        self.context = context
        self.kind = BeadFilter.ALL
        self.label = QLabel()
        self.label.hide()

    def handlers(self) -> dict[str, Callable[[bool], object]]:
        return {name: partial(self._toggled, kind) for name, kind in FILTER_ACTIONS.items()}

    def _toggled(self, kind: BeadFilter, on: bool) -> None:
        if on:
            self.show_only(kind)

    def group(self, actions: Mapping[str, QAction]) -> QActionGroup:
        """The filter actions as one exclusive choice, "all beads" chosen."""
        group = QActionGroup(self.context.dialog_parent)
        for name in FILTER_ACTIONS:
            group.addAction(actions[name])
        actions["show_all"].setChecked(True)
        return group

    def show_only(self, kind: BeadFilter) -> None:
        self.kind = kind
        self.apply()

    def apply(self) -> None:
        """Fold away the beads the filter does not want (again: the model may be new)."""
        session = self.context.session
        if session is None:
            self.update_label()
            return
        wanted = self._wanted(session)
        with busy():
            self._hide_rows([not wanted(summary) for summary in session.model.summaries()])
        if self.kind != BeadFilter.ALL:
            self._leave_folded_row(wanted)
        self.update_label()

    def reveal(self, row: int) -> None:
        """Unfold *row* (it is gone to)."""
        if self.context.table.isRowHidden(row):
            self.context.table.setRowHidden(row, False)
            self.update_label()

    def update_label(self) -> None:
        session = self.context.session
        if self.kind == BeadFilter.ALL or session is None:
            self.label.hide()
            return
        total = session.model.rowCount()
        shown = total - self.context.table.verticalHeader().hiddenSectionCount()
        self.label.setText(f"Only {self.kind}: {shown:,} of {total:,} beads")
        self.label.show()

    def _wanted(self, session: PairSession) -> Callable[[BeadSummary], bool]:
        if self.kind == BeadFilter.FLAGGED:
            return lambda summary: summary.flagged
        if self.kind == BeadFilter.UNCONFIRMED:
            return lambda summary: not summary.confirmed
        if self.kind == BeadFilter.UNEVEN:
            return lambda summary: (summary.source_count, summary.target_count) != (1, 1)
        if self.kind == BeadFilter.NOTE_MISMATCH:
            mismatched = session.store.note_mismatches(session.pair.id)
            return lambda summary: summary.id in mismatched
        return lambda _summary: True

    def _hide_rows(self, hidden: list[bool]) -> None:
        table = self.context.table
        header = table.verticalHeader()
        if not any(hidden) and header.hiddenSectionCount() == 0:
            return
        header.setUpdatesEnabled(False)
        header.blockSignals(True)
        try:
            for row, hide in enumerate(hidden):
                if table.isRowHidden(row) != hide:
                    table.setRowHidden(row, hide)
        finally:
            header.blockSignals(False)
            header.setUpdatesEnabled(True)
        table.rows_relaid()

    def _leave_folded_row(self, wanted: Callable[[BeadSummary], bool]) -> None:
        """The cursor goes to the first shown bead from where it was (or before it)."""
        table, session = self.context.table, self.context.session
        assert session is not None
        current = table.currentIndex()
        if current.isValid() and not table.isRowHidden(current.row()):
            table.scrollTo(current)
            return
        start = current.row() if current.isValid() else 0
        row = session.model.find_row(start - 1, 1, wanted)
        if row is None:
            row = session.model.find_row(start, -1, wanted)
        if row is not None:
            self.context.go_to_row(row)
