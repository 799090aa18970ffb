"""One open pair in the window: its table model, the planner for edits, and the undo stack.
Every edit (bead, sentence or interpolation decision) is committed to the project file first and
only then shown (DESIGN §3); the model updates itself from the `Change` the store answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from alignments.ladder.changes import Change, Edit
from alignments.ladder.edits import EditError, StaleEditError
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from alignments.store.records import PairInfo
from corpus.errors import UserError
from ui.bead_model import BeadTableModel


class Messages(Protocol):
    """Where the outcome of an edit is told: the status bar, a message box, or a failed edit
    (whose pair history the window drops)."""

    def show_message(self, message: str) -> None: ...

    def show_error(self, message: str) -> None: ...

    def edit_failed(self, message: str, session: PairSession | None = None) -> None: ...


class PairSession(QObject):
    """Applies edits of one pair to the store, then to the model; records them for undo."""

    changed = Signal(object)  # the Change an edit, undo or redo made
    stepped = Signal(object)  # the Change an undo or redo step made (after `changed`)
    failed = Signal(str)

    def __init__(self, store: ProjectStore, pair: PairInfo, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.pair = pair
        self.undo_stack = undo_stack
        self.model = BeadTableModel(store, pair, self)
        self.planner = Planner(store, pair.id)

    def perform(self, edit: Edit) -> Change | None:
        """Apply *edit* now and put it on the undo stack (nothing is pushed if it fails, and an
        empty edit is neither applied nor pushed)."""
        if edit.is_empty:
            return None
        change = self.apply(edit)
        self.undo_stack.push(EditCommand(self, edit))
        return change

    def attempt(
        self, plan: Callable[[], Edit], messages: Messages, what: str = "The edit", stale: str | None = None
    ) -> Change | None:
        """Plan an edit and perform it, telling *messages* how it went: a refusal goes to the
        status bar, another user error to a message box, and a stale edit or a write failure
        (disk full, I/O error) is a failed edit, unless a *stale* message says a stale edit is
        to be expected (work planned in the background). Answers the change, or None."""
        try:
            edit = plan()
            change = self.perform(edit)
        except EditError as error:
            messages.show_message(str(error))
            return None
        except StaleEditError as error:
            if stale is not None:
                messages.show_message(stale)
            else:
                messages.edit_failed(str(error), self)
            return None
        except UserError as error:
            messages.show_error(str(error))
            return None
        except Exception as error:  # noqa: BLE001 - the file could not be written
            messages.edit_failed(f"{what} could not be saved: {error}", self)
            return None
        messages.show_message("Nothing to change." if change is None else f"{edit.label}: saved.")
        return change

    def apply(self, edit: Edit) -> Change:
        change = self.store.apply(edit)
        if self.pair.id in change.pair_ids:
            self.pair = self.store.pair(self.pair.id)
        self.model.apply(change, self.pair)
        self.changed.emit(change)
        return change

    def read_pair_again(self) -> None:
        """The pair's documents changed outside an edit (a corrected language): show them anew."""
        self.pair = self.store.pair(self.pair.id)
        self.model.apply(Change(), self.pair)

    def read_again(self) -> None:
        """Read the pair and its model again (edits through other pairs may have touched its
        texts), without announcing it: the caller shows it."""
        old = self.model
        self.pair = self.store.pair(self.pair.id)
        self.model = BeadTableModel(self.store, self.pair, self)
        old.deleteLater()  # once the views have let go of it


class EditCommand(QUndoCommand):
    """One edit on the undo stack; the edit was already applied when it is pushed."""

    def __init__(self, session: PairSession, edit: Edit) -> None:
        super().__init__(edit.label)
        self.session = session
        self.edit = edit
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        self._run(self.edit)
        self._applied = True

    def undo(self) -> None:
        self._run(self.edit.inverse())
        self._applied = False

    def _run(self, edit: Edit) -> None:
        run_guarded(self, lambda: self.session.stepped.emit(self.session.apply(edit)), self.session.failed.emit)


def run_guarded(command: QUndoCommand, action: Callable[[], object], report: Callable[[str], None]) -> None:
    """Run an undo or redo step; a failure is reported, never lost in Qt's event loop. The
    report must reach the window through a queued connection: the window clears the undo
    stack in answer, which must not happen while the stack is still inside undo()."""
    try:
        action()
    except Exception as error:  # noqa: BLE001 - reported to the user
        report(f"{command.text()} could not be applied: {error}")
