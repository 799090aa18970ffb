"""What the GUI tests share: reading the beads back from the project file itself, clicking cells
and pressing keys like a user, and working in the cell dialog while it is open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.cell_editor import CellTextDialog
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def beads_in_file(path: Path) -> list[tuple[str, str, str]]:
    """(source sentence ids, target sentence ids, status) of every bead, in order, from the file itself."""
    connection = sqlite3.connect(path)
    rows = connection.execute(
        """SELECT b.id, b.status,
                  (SELECT group_concat(sentence_id, ' ') FROM (SELECT sentence_id FROM bead_sentences
                      WHERE bead_id = b.id AND side = 'source' ORDER BY sentence_id)),
                  (SELECT group_concat(sentence_id, ' ') FROM (SELECT sentence_id FROM bead_sentences
                      WHERE bead_id = b.id AND side = 'target' ORDER BY sentence_id))
           FROM beads b ORDER BY b.source_pos, b.target_pos"""
    ).fetchall()
    connection.close()
    return [(source or "", target or "", status) for _id, status, source, target in rows]


def click_cell(qtbot: QtBot, main: MainWindow, row: int, column: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    table = main.table
    table.scrollTo(table.model().index(row, column))
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())




def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window active again (as it is after a dialog closes on a real screen)."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window.table, key, modifiers)


def with_cell_dialog(qtbot: QtBot, window: MainWindow, act: object) -> list[str]:
    """Press F2 and run *act(dialog)* on the cell dialog it opens."""
    activate(qtbot, window)
    problems = in_cell_dialog(act)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    return problems


def in_cell_dialog(act: object) -> list[str]:
    """Run *act(dialog)* on the cell dialog as soon as it is open; a dialog the act did not
    close is closed (so a failing test cannot hang) and reported in the returned list."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CellTextDialog):
            problems.append(f"expected the cell dialog, found {dialog!r}")
            if dialog is not None:
                dialog.close()
            return
        act(dialog)  # type: ignore[operator]
        if dialog.isVisible():
            problems.append(f"the dialog stayed open: {dialog.text.toPlainText()[:60]!r}")
            dialog.reject()

    QTimer.singleShot(0, run)
    return problems
