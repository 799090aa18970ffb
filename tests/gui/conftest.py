"""Fixtures of the GUI tests (pytest-qt, offscreen): settings in a file of the test's own, and the
main window on the gold-aligned letter project. Only the tests in this folder import Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from tests.gui.support import shown_window
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, letter_project: ProjectStore, settings: Settings) -> Iterator[MainWindow]:
    main = shown_window(qtbot, letter_project, settings)
    yield main
    main.close()


@pytest.fixture
def in_order(qtbot: QtBot, project: Path, settings: Settings) -> Iterator[MainWindow]:
    """The window on the letter pair, its sentences paired one to one in order."""
    main = shown_window(qtbot, ProjectStore.open(project), settings)
    yield main
    main.close()
