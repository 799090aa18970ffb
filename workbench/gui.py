"""Composing the desktop app: the QApplication, the project to open (the sample project,
built in the user's data folder on first run, when none is named), and the main window."""

from __future__ import annotations

from pathlib import Path

import click

from alignments.planning.sample_project import ensure_sample_project
from alignments.store.project_file import (
    ProjectNotWritableError,
)
from alignments.store.project_store import ProjectStore
from corpus.errors import UserError
from ui.app import application, data_directory, fit_to_screen
from ui.main_window import MainWindow


def run_gui(project: Path | None) -> int:
    """Show the main window on *project* until it is closed; return the exit status."""
    app = application()
    try:
        path = project if project is not None else ensure_sample_project(data_directory())
        store = _open(path)
    except (UserError, OSError) as error:
        click.echo(f"Error: {error}", err=True)
        return 1
    window = MainWindow(store)
    fit_to_screen(window)
    window.show()
    return app.exec()


def _open(path: Path) -> ProjectStore:
    """The project for changes or, when another workbench is changing it or its disk is
    read-only, read-only."""
    try:
        return ProjectStore.open(path)
    except ProjectNotWritableError as error:
        click.echo(f"{error} Opening it read-only.", err=True)
        return ProjectStore.open(path, read_only=True)
