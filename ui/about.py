"""Help > About: what this program is, its version, and where it keeps its files."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.app import APPLICATION, data_directory

PACKAGE = "translation-workbench"


def about_text() -> str:
    try:
        release = version(PACKAGE)
    except PackageNotFoundError:  # run from a checkout that was never installed
        release = "(not installed)"
    return (
        f"<h3>{APPLICATION} {release}</h3>"
        "<p>Aligns a text with its translation sentence by sentence, keeps editors' and translators'"
        " interpolations apart, and exports CSV, TSV, TMX and XLIFF. Every edit is saved to the"
        " project file at once and can be undone.</p>"
        f"<p>Sample project and other own files: {data_directory()}<br>Qt for Python {pyside_version}</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, f"About {APPLICATION}", about_text())
