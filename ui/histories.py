"""One undo history per pair of the open project: going to another pair and back keeps what can
be undone. A QUndoGroup holds the pairs' stacks; the shown pair's stack is the active one, which
the Undo/Redo actions and the History panel follow.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

from alignments.store.project_store import ProjectStore
from alignments.store.records import PairInfo
from ui.session import PairSession


class PairHistories(QObject):
    """The sessions of the pairs shown since the project was opened, each with its stack."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._nothing = QUndoStack(self.group)  # active while no pair is shown
        self._sessions: dict[int, PairSession] = {}
        self.show_none()

    @property
    def active(self) -> QUndoStack:
        stack = self.group.activeStack()
        assert stack is not None
        return stack

    def show(self, store: ProjectStore, pair: PairInfo, wire: Callable[[PairSession], None]) -> PairSession:
        """The pair's session, made (and wired to the window) the first time; read again when
        shown again, since edits through other pairs may have touched its texts."""
        session = self._sessions.get(pair.id)
        if session is None:
            session = PairSession(store, pair, QUndoStack(self.group), self.parent())
            wire(session)
            self._sessions[pair.id] = session
        else:
            session.read_again()
        self.group.setActiveStack(session.undo_stack)
        return session

    def show_none(self) -> None:
        self.group.setActiveStack(self._nothing)

    def holds(self, session: object) -> bool:
        return any(session is kept for kept in self._sessions.values())

    def forget(self, pair_id: int) -> None:
        """Drop a pair's session and history (after an edit failed, or with its project)."""
        session = self._sessions.pop(pair_id, None)
        if session is None:
            return
        if self.group.activeStack() is session.undo_stack:
            self.show_none()
        session.undo_stack.clear()
        self.group.removeStack(session.undo_stack)
        session.undo_stack.deleteLater()
        session.deleteLater()

    def forget_all(self) -> None:
        for pair_id in list(self._sessions):
            self.forget(pair_id)
