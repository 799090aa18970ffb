"""One undo history per pair of the open project: going to another pair and back keeps what can
be undone. A QUndoGroup holds the pairs' stacks; the shown pair's stack is the active one, which
the Undo/Redo actions and the History panel follow. The actions keep a fixed text (the toolbar
must not grow with a step's name); the step they would take is in their tooltip, and what they
did is reported.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack

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

    def history_actions(
        self, undo_keys: tuple[str, ...], redo_keys: tuple[str, ...], report: Callable[[str], None]
    ) -> tuple[QAction, QAction]:
        """Undo and Redo for the active pair: fixed labels, the step's name in the tooltip, and
        *report* told what was undone or redone."""
        group = self.group
        undo = _history_action(self, "&Undo", undo_keys, lambda: self._step(group.undoText(), group.undo, "Undo", report))
        redo = _history_action(self, "&Redo", redo_keys, lambda: self._step(group.redoText(), group.redo, "Redo", report))
        group.canUndoChanged.connect(undo.setEnabled)
        group.canRedoChanged.connect(redo.setEnabled)
        group.undoTextChanged.connect(lambda step: _describe(undo, "Undo", step, undo_keys))
        group.redoTextChanged.connect(lambda step: _describe(redo, "Redo", step, redo_keys))
        for action, word, step, keys, can in (
            (undo, "Undo", group.undoText(), undo_keys, group.canUndo()),
            (redo, "Redo", group.redoText(), redo_keys, group.canRedo()),
        ):
            action.setEnabled(can)
            _describe(action, word, step, keys)
        return undo, redo

    @staticmethod
    def _step(name: str, act: Callable[[], None], word: str, report: Callable[[str], None]) -> None:
        act()
        report(f"{word}ne: {name}." if name else f"Nothing to {word.lower()}.")


def _history_action(parent: QObject, text: str, keys: tuple[str, ...], trigger: Callable[[], None]) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(key) for key in keys])
    action.triggered.connect(lambda _checked=False: trigger())
    return action


def _describe(action: QAction, word: str, step: str, keys: tuple[str, ...]) -> None:
    """The tooltip and status tip name the step the action would take."""
    what = f"{word} {step}" if step else f"Nothing to {word.lower()}"
    action.setToolTip(f"{what} ({keys[0]})")
    action.setStatusTip(what)
