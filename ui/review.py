"""The review loop's confirmations: Confirm goes on to the next unconfirmed bead; "confirm
everything up to here" and "confirm by confidence" confirm many beads as one undo step. The
beads are chosen from the model's summaries (no query); the edit is planned and saved like any
other (EditActions.perform)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from alignments.ladder.beads import BeadStatus
from alignments.ladder.edits import ReplaceBeads
from alignments.planning.bead_planner import Planner
from alignments.store.records import BeadSummary
from ui.busy import busy

if TYPE_CHECKING:
    from ui.edit_actions import EditActions
    from ui.window_context import WindowContext

DEFAULT_THRESHOLD = 0.9


class ReviewActions:
    """Slots for the confirming commands of one main window."""

    def __init__(self, context: WindowContext, edits: EditActions) -> None:
        self.context = context
        self.edits = edits

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "confirm": self.confirm_and_advance,
            "confirm_above": self.confirm_up_to_here,
            "confirm_confident": self.confirm_by_confidence,
        }

    def confirm_and_advance(self) -> None:
        """Confirm the selected beads (or the current one), then go to the next unconfirmed bead
        after them; stay where it is when the confirmation was refused."""
        session = self.context.session
        if session is None:
            return
        rows = self.context.table.selected_rows()
        self.edits.set_status(BeadStatus.CONFIRMED)
        summaries = session.model.summaries()
        if not rows or not all(0 <= row < len(summaries) and summaries[row].confirmed for row in rows):
            return
        following = self._next_shown_unconfirmed(max(rows))
        if following is None:
            self.context.show_message("Confirmed; no unconfirmed bead follows.")
            return
        self.context.go_to_row(following)

    def _next_shown_unconfirmed(self, row: int) -> int | None:
        """The first unconfirmed bead after *row* that the filter view shows."""
        session, table = self.context.session, self.context.table
        assert session is not None
        following = session.model.find_row(row, 1, lambda summary: not summary.confirmed)
        while following is not None and table.isRowHidden(following):
            following = session.model.find_row(following, 1, lambda summary: not summary.confirmed)
        return following

    def confirm_up_to_here(self) -> None:
        """Confirm every bead from the first to the current one, as one step."""
        session, current = self.context.session, self.context.table.currentIndex()
        if session is None or not current.isValid():
            self.context.show_message("Put the cursor on a bead first.")
            return
        chosen = _unconfirmed(session.model.summaries()[: current.row() + 1], lambda _summary: True)
        self._confirm(chosen, f"Confirm beads 1 to {current.row() + 1}")

    def confirm_by_confidence(self) -> None:
        """Ask for a threshold; confirm every unconfirmed bead scored at least that, as one step."""
        if self.context.session is None:
            return
        settings = self.context.settings
        threshold, chosen = QInputDialog.getDouble(
            self.context.dialog_parent, "Confirm by confidence", "Confirm every unconfirmed bead with a confidence of at least:",
            float(settings.value("review/threshold")), 0.0, 1.0, 2,
        )
        if chosen:
            settings.set_value("review/threshold", threshold)
            self.confirm_at_least(threshold)

    def confirm_at_least(self, threshold: float) -> None:
        session = self.context.session
        if session is None:
            return
        chosen = _unconfirmed(session.model.summaries(), lambda s: s.score is not None and s.score >= threshold)
        self._confirm(chosen, f"Confirm confidence ≥ {threshold:.2f}")

    def _confirm(self, bead_ids: Sequence[int], label: str) -> None:
        if not bead_ids:
            self.context.show_message("Nothing to change: those beads are confirmed already.")
            return

        def plan(planner: Planner) -> ReplaceBeads:
            return replace(planner.set_status(bead_ids, BeadStatus.CONFIRMED), label=f"{label} ({len(bead_ids)} beads)")

        with busy():
            self.edits.perform(plan)


def _unconfirmed(summaries: Sequence[BeadSummary], wanted: Callable[[BeadSummary], bool]) -> list[int]:
    return [summary.id for summary in summaries if not summary.confirmed and wanted(summary)]
