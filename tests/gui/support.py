"""What the GUI tests share: reading the beads back from the project file itself, clicking cells
and pressing keys like a user, and working in the dialogs while they are open."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from ui.cell_editor import CellTextDialog
from ui.main_window import MainWindow
from ui.settings import Settings

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def shown_window(qtbot: QtBot, store: ProjectStore, settings: Settings) -> MainWindow:
    """A main window on *store*, shown, active and with the keyboard in its table."""
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.table.setFocus()
    return main


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


Step = Callable[[QDialog], None]


def texts_to_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts: tuple[str, str], names: tuple[str, str, str]) -> tuple[Path, Path, Path]:
    """Two text files written for a new project (names: source, target, project) and the project
    path, which the save dialog is made to answer."""
    source, target, made = (tmp_path / name for name in names)
    source.write_text(texts[0], "utf-8")
    target.write_text(texts[1], "utf-8")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *args: (str(made), ""))
    return source, target, made


def run_dialogs(steps: list[Step], problems: list[str]) -> None:
    """Run each step on the next modal dialog as it opens. A step whose assertion fails, or a
    dialog no step expects, is reported in *problems* and the dialog closed, so a failing test
    fails instead of hanging on an open dialog."""
    remaining: Iterator[Step] = iter(steps)
    left = [len(steps)]

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        step = next(remaining, None)
        left[0] -= 1
        if step is None or not isinstance(dialog, QDialog):
            problems.append(f"unexpected dialog {dialog!r}")
            if isinstance(dialog, QDialog):
                dialog.reject()
            return
        if left[0]:
            QTimer.singleShot(0, run)  # for the dialog the next step expects
        try:
            step(dialog)
        except AssertionError as error:
            problems.append(f"{step.__name__}: {error}")
            dialog.reject()

    QTimer.singleShot(0, run)
