"""What the Align menu does: every hand edit of the open pair (planned from the selection or the
current cell, saved, then shown, and put on the undo stack), marking interpolations, and
"Align the rest" in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from alignments.ladder.beads import Bead, BeadStatus, Side
from alignments.ladder.changes import Change
from alignments.ladder.edits import ReplaceBeads
from alignments.ladder.reshape import Direction
from alignments.planning.align_the_rest import RealignInput, plan_realignment
from alignments.planning.bead_planner import Planner
from alignments.planning.sentence_planner import SentencePlanner
from corpus.wording import plural
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN
from ui.cell_editor import (
    CellRequest,
    CellTextDialog,
    MarkRequest,
    MergeRequest,
    SplitRequest,
)
from ui.histories import PairHistories
from ui.session import PairSession
from ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from ui.window_context import WindowContext


class EditActions:
    """Slots for the edit commands of one main window."""

    def __init__(self, context: WindowContext, tasks: TaskRunner, histories: PairHistories) -> None:
        self.context = context
        self.tasks = tasks
        self.histories = histories
        self.task: Task | None = None

    # --- planning from the selection -------------------------------------------------------

    def link(self) -> None:
        if self.context.session is None:
            return
        source, target = self.context.table.selected_sentences()
        self._perform(lambda planner: planner.link(source, target), {*source, *target})

    def unlink(self) -> None:
        session = self.context.session
        if session is None:
            return
        beads = self.context.table.selected_bead_ids()
        first = session.store.beads(beads[:1])
        # the cursor stays on its side: on the bead its first sentence now stands in
        staying = (set(_side_ids(first[0], self._current_side())[:1]) or _sentences(first[0])) if first else set()
        self._perform(lambda planner: planner.unlink(beads), staying)

    def set_status(self, status: BeadStatus) -> None:
        if self.context.session is None:
            return
        beads = self.context.table.selected_bead_ids()
        self._perform(lambda planner: planner.set_status(beads, status))

    def merge(self) -> None:
        self._perform_on_current(lambda planner, bead: planner.merge_with_next(bead.id), _sentences)

    def split(self) -> None:
        self._perform_on_current(lambda planner, bead: planner.split(bead.id), _sentences)

    def move(self, direction: Direction) -> None:
        side = self._current_side()

        def staying(bead: Bead) -> set[int]:
            """The sentences that stay in the bead (or, if none, the one that moves)."""
            moving = _side_ids(bead, side)[:1] if direction == Direction.UP else _side_ids(bead, side)[-1:]
            return (_sentences(bead) - set(moving)) or set(moving)

        self._perform_on_current(lambda planner, bead: planner.move_sentence(bead.id, side, direction), staying)

    def give_empty_side(self) -> None:
        side = self._current_side()
        self._perform_on_current(lambda planner, bead: planner.give_empty_side(bead.id), lambda bead: set(_side_ids(bead, side)))

    def _current_side(self) -> Side:
        return Side.TARGET if self.context.table.currentIndex().column() == TARGET_COLUMN else Side.SOURCE

    def _perform_on_current(self, plan: Callable[[Planner, Bead], ReplaceBeads], result: Callable[[Bead], set[int]]) -> None:
        """Edit the current bead; afterwards the current cell is the bead holding *result*'s sentences."""
        index = self.context.table.currentIndex()
        session = self.context.session
        if session is None or not index.isValid():
            self.context.show_message("Put the cursor on a bead first.")
            return
        bead = session.model.bead_view(index.row()).bead
        self._perform(lambda planner: plan(planner, bead), result(bead))

    def perform(self, plan: Callable[[Planner], ReplaceBeads], result: set[int] | None = None) -> None:
        """Plan and apply an edit for a command that lives elsewhere (review, sentence picks)."""
        self._perform(plan, result)

    def _perform(self, plan: Callable[[Planner], ReplaceBeads], result: set[int] | None = None) -> None:
        """Plan and apply an edit: a refusal goes to the status bar, a failure to a message box.
        With *result* (sentence ids), the current cell moves to the new bead holding them, on
        the same side, so the next key press acts on what this edit made."""
        session = self.context.session
        if session is None:
            return
        column = self.context.table.currentIndex().column()
        planned: list[ReplaceBeads] = []

        def planning() -> ReplaceBeads:
            planned.append(plan(session.planner))
            return planned[-1]

        if session.attempt(planning, self.context) is not None and result is not None:
            self._go_to_result(planned[-1], result, column)

    def show_step(self, session: PairSession, change: Change) -> None:
        """An undo or redo step of *session* was applied: the cursor goes to the bead it brought
        back nearest the cursor, on the same side (Qt had left it on the bead above the removed
        rows; a step over many beads, such as confirming everything above, keeps the reviewer's
        place instead of jumping to its first bead)."""
        if session is not self.context.session:
            return
        added = [bead for beads in change.beads if beads.pair_id == session.pair.id for bead in beads.added]
        rows = [row for row in map(self._row_of, added) if row >= 0]
        if rows:
            current = self.context.table.currentIndex()
            here = current.row() if current.isValid() else -1
            self.context.go_to_row(min(rows, key=lambda row: (abs(row - here), row)), _side_column(current.column()))

    def _go_to_result(self, edit: ReplaceBeads, result: set[int], column: int) -> None:
        """Make the added bead holding any of *result* (else the first added) the only selected cell."""
        if self.context.session is None or not edit.added:
            return
        row = self._row_of(next((b for b in edit.added if result & _sentences(b)), edit.added[0]))
        if row >= 0:
            self.context.go_to_row(row, _side_column(column))

    def _row_of(self, bead: Bead) -> int:
        """The table row showing *bead*, or -1."""
        session = self.context.session
        assert session is not None
        row = session.model.row_of_position((bead.source_pos, bead.target_pos))
        if row >= session.model.rowCount() or session.model.bead_id(row) != bead.id:
            row = next(iter(session.model.rows_of_beads([bead.id])), -1)
        return row

    # --- inside a cell: interpolations and sentences -------------------------------------

    def edit_cell(self) -> None:
        """Open the current cell's sentences: mark or unmark an interpolation, split or merge a
        sentence, edit its text."""
        session, index = self.context.session, self.context.table.currentIndex()
        if session is None or not index.isValid() or index.column() not in (SOURCE_COLUMN, TARGET_COLUMN):
            self.context.show_message("Put the cursor on a source or translation cell first.")
            return
        view = session.model.bead_view(index.row())
        sentences = view.source if index.column() == SOURCE_COLUMN else view.target
        if not sentences:
            self.context.show_message("This side of the bead is empty.")
            return
        editors = list(session.store.rules.detection_config().editors)
        dialog = CellTextDialog(sentences, editors, self.context.dialog_parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.request is None:
            return
        row = index.row()
        self._carry_out(dialog.request)
        self.context.go_to_row(min(row, session.model.rowCount() - 1), index.column())

    def _carry_out(self, request: CellRequest) -> None:
        session = self.context.session
        assert session is not None
        if isinstance(request, MarkRequest):
            session.attempt(
                lambda: session.store.rules.plan_decision(request.document_id, request.decision),
                self.context, "The interpolation",
            )
            return
        planner = SentencePlanner(session.store)
        if isinstance(request, SplitRequest):
            session.attempt(lambda: planner.split(request.sentence_id, request.at), self.context, "The sentence edit")
        elif isinstance(request, MergeRequest):
            session.attempt(lambda: planner.merge_with_next(request.sentence_id), self.context, "The sentence edit")
        else:
            text_edit = request
            session.attempt(
                lambda: planner.edit_text(text_edit.sentence_id, text_edit.text).edit, self.context, "The sentence edit"
            )

    # --- align the rest --------------------------------------------------------------------

    def align_rest(self) -> None:
        """Re-align the unconfirmed stretches in the background; the result is one undo step
        in the history of its pair, even if another pair is on screen when it arrives."""
        session = self.context.session
        if session is None:
            return
        if self.task is not None:
            self.context.show_message("Align the rest is already running.")
            return
        data = RealignInput.gather(session.store, session.pair.id)
        task = self.task = self.tasks.start(
            lambda progress, cancel: plan_realignment(data, progress, cancel),
            finished=lambda edit: self._realigned(task, session, edit),
            failed=lambda message: self._realign_failed(task, message),
            cancelled=lambda: self._realign_ended(task, "Align the rest: cancelled, nothing changed."),
            label="Aligning the rest",
        )

    def _realigned(self, task: Task, session: PairSession, edit: ReplaceBeads) -> None:
        self._realign_ended(task, "")
        if not self.histories.holds(session):
            return  # its project was closed meanwhile
        where = "" if session is self.context.session else f" (pair {session.pair.id})"
        if edit.is_empty:
            self.context.show_message(f"Align the rest{where}: nothing to change.")
            return
        stale = "The alignment changed while aligning; run Align the rest again."
        if session.attempt(lambda: edit.renumbered(session.store.fresh_bead_ids()), self.context, "Align the rest", stale):
            self.context.show_message(f"Align the rest{where}: {plural(len(edit.added), 'bead')} saved.")

    def _realign_failed(self, task: Task, message: str) -> None:
        self._realign_ended(task, "")
        self.context.show_error(f"Align the rest failed; nothing changed. {message}")

    def _realign_ended(self, task: Task, message: str) -> None:
        if task is self.task:
            self.task = None
        if message:
            self.context.show_message(message)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()


def _sentences(bead: Bead) -> set[int]:
    return {*bead.source_ids, *bead.target_ids}


def _side_ids(bead: Bead, side: Side) -> tuple[int, ...]:
    return bead.source_ids if side == Side.SOURCE else bead.target_ids


def _side_column(column: int) -> int:
    return column if column >= 0 else SOURCE_COLUMN
