"""One open pair in the window: its table model, the planner for edits, and the undo stack.
Every edit is committed to the project file first and only then shown (DESIGN §3).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from alignments.ladder.edits import ReplaceBeads
from alignments.ladder.sentence_edits import SentenceEdit
from alignments.planning.bead_planner import Planner
from alignments.store.project_store import ProjectStore
from alignments.store.records import PairInfo
from ui.bead_model import BeadTableModel


class PairSession(QObject):
    """Applies edits of one pair to the store, then to the model; records them for undo."""

    changed = Signal()
    failed = Signal(str)
    reloaded = Signal()  # the model was rebuilt (sentences or document revisions changed)

    def __init__(self, store: ProjectStore, pair: PairInfo, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.pair = pair
        self.undo_stack = undo_stack
        self.model = BeadTableModel(store, pair, self)
        self.planner = Planner(store, pair.id)

    def perform(self, edit: ReplaceBeads) -> None:
        """Apply *edit* now and put it on the undo stack (nothing is pushed if it fails)."""
        if edit.is_empty:
            return
        self.apply(edit)
        self.undo_stack.push(EditCommand(self, edit))

    def apply(self, edit: ReplaceBeads | SentenceEdit) -> None:
        if isinstance(edit, SentenceEdit):
            self.store.apply_sentences(edit)
            self.reload()
            return
        change = self.store.apply(edit)
        self.model.apply_change(change)
        self.changed.emit()

    def perform_sentences(self, edit: SentenceEdit) -> None:
        """Apply a sentence correction or text revision now and put it on the undo stack."""
        self.apply(edit)
        self.undo_stack.push(EditCommand(self, edit))

    def reload(self) -> None:
        """Read the pair again: its sentences changed, or it moved to a new revision of a text."""
        self.read_again()
        self.reloaded.emit()
        self.changed.emit()

    def read_again(self) -> None:
        """A new model read from the project, without announcing it (the caller shows it)."""
        old = self.model
        self.pair = self.store.pair(self.pair.id)
        self.model = BeadTableModel(self.store, self.pair, self)
        old.deleteLater()  # once the views have let go of it


class EditCommand(QUndoCommand):
    """One edit on the undo stack; the edit was already applied when it is pushed."""

    def __init__(self, session: PairSession, edit: ReplaceBeads | SentenceEdit) -> None:
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

    def _run(self, edit: ReplaceBeads | SentenceEdit) -> None:
        run_guarded(self, lambda: self.session.apply(edit), self.session.failed.emit)


def run_guarded(command: QUndoCommand, action: Callable[[], object], report: Callable[[str], None]) -> None:
    """Run an undo or redo step; a failure is reported, never lost in Qt's event loop. The
    report must reach the window through a queued connection: the window clears the undo
    stack in answer, which must not happen while the stack is still inside undo()."""
    try:
        action()
    except Exception as error:  # noqa: BLE001 - reported to the user
        report(f"{command.text()} could not be applied: {error}")
