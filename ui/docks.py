"""The main window's side panels as panels: the History panel (the pair's undo steps), and how
the docked panels narrow in a small window so the texts keep most of the width."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QUndoView

DOCK_SHARE, DOCK_NARROWEST = 0.22, 150  # of the window's width, in a small window


def history_dock(window: QMainWindow, group: QUndoGroup) -> QDockWidget:
    """The History panel: every step of the pair on screen, long names wrapped, not cut."""
    dock = QDockWidget("History", window)
    dock.setObjectName("history-dock")
    view = QUndoView(group)
    view.setEmptyLabel("Opened")
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    dock.setWidget(view)
    return dock


def docks_give_way(window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
    """In a small window the panels narrow first, so the texts keep most of the width."""
    most = max(int(window.width() * DOCK_SHARE), DOCK_NARROWEST)
    wide = [dock for dock in docks if dock.isVisible() and not dock.isFloating() and dock.width() > most]
    if wide:
        window.resizeDocks(wide, [most] * len(wide), Qt.Orientation.Horizontal)
