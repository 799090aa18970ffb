"""Creating the QApplication with the names QSettings and QStandardPaths use, and where the
app keeps its own files."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

ORGANISATION = "TranslationWorkbench"
APPLICATION = "Translation Workbench"


def application() -> QApplication:
    """The QApplication, created on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    return app


def data_directory() -> Path:
    """Where the app keeps its own files (the sample project), per user."""
    application()
    # AppDataLocation would be <data>/TranslationWorkbench/Translation Workbench: the name twice
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(location) / ORGANISATION



def fit_to_screen(window: QWidget) -> None:
    """Shrink *window* to its screen's free area if it is larger (a 1280×800 window on a small
    screen, or a size remembered from a bigger one)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        window.resize(window.size().boundedTo(screen.availableGeometry().size()))
