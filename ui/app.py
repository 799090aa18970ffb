"""Creating the QApplication with the names QSettings and QStandardPaths use, and where the
app keeps its own files."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

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
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)
