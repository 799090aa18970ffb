"""What the GUI tests share: reading the beads back from the project file itself, and clicking
cells of the bead table like a user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

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


