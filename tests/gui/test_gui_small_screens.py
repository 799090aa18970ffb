"""The window and its dialogs on an 800 x 500 screen (issue 13 audit, seen under Xvfb): the cell
dialog's buttons and the export dialog fit, and the status bar keeps room for its messages while
the legend gives way. Edits and exports are read back from the files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from alignments.planning.new_pair import draft_pair, load_pair
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.gui.support import CTRL, activate, beads_in_file, press, run_dialogs, shown_window, with_cell_dialog
from ui.bead_model import TARGET_COLUMN
from ui.cell_editor import CellTextDialog
from ui.dialogs import ExportDialog
from ui.main_window import MainWindow
from ui.settings import Settings

SMALL = (800, 500)


def test_the_cell_dialog_shows_every_button_on_a_small_screen(qtbot: QtBot, in_order: MainWindow) -> None:
    seen: list[tuple[int, list[str]]] = []

    def look(dialog: CellTextDialog) -> None:
        dialog.resize(SMALL[0] - 40, SMALL[1] - 60)  # what an 800 x 500 screen leaves it (its layout may refuse)
        outside = [
            button.text()
            for button in dialog.findChildren(QPushButton)
            if not dialog.rect().contains(button.mapTo(dialog, QPoint(button.width() - 1, button.height() - 1)))
        ]
        seen.append((dialog.minimumSizeHint().width(), outside))
        dialog.reject()

    assert with_cell_dialog(qtbot, in_order, look) == []
    narrowest, outside = seen[0]
    assert narrowest <= SMALL[0] - 40 and outside == []


@pytest.fixture
def long_titles(qtbot: QtBot, tmp_path: Path, settings: Settings) -> MainWindow:
    """Two pairs whose documents have titles of 80 characters, the longest a title may be."""
    store = ProjectStore.create(tmp_path / "long.wbproj")
    title = ("A title as long as a title may be, " * 3)[:80]
    for k, text in enumerate((GERMAN_LETTER, ENGLISH_SEED)):
        (tmp_path / f"titled-{k}.txt").write_text(f"{title}\n\n{text.read_text('utf-8')}", "utf-8")
    for _ in range(2):
        pair = load_pair(tmp_path / "titled-0.txt", tmp_path / "titled-1.txt", "de", "en")
        store.add_drafted_pair(draft_pair(*pair, aligned=False))
    return shown_window(qtbot, store, settings)


def test_the_export_dialog_fits_a_small_screen_with_long_titles(
    qtbot: QtBot, long_titles: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_titles
    pair = window.session.pair
    assert len(pair.source.title) == len(pair.target.title) == 80
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "this.csv"), ""))

    def this_pair(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        assert dialog.sizeHint().width() <= SMALL[0] - 40
        assert dialog.pairs.toolTip() == f"This pair: {pair.source.title} ↔ {pair.target.title}"
        dialog.accept()

    problems: list[str] = []
    activate(qtbot, window)
    run_dialogs([this_pair], problems)
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert problems == []
    with (tmp_path / "this.csv").open(encoding="utf-8", newline="") as handle:
        assert {row["pair"] for row in csv.DictReader(handle)} == {str(pair.id)}


def message_room(window: MainWindow) -> int:
    """The width the status bar leaves its message: up to its first permanent widget shown."""
    bar = window.statusBar()
    shown = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.isVisible() and w.x() > 0]
    return min((w.x() for w in shown), default=bar.width())


@pytest.mark.parametrize("width", [SMALL[0], 1024, 1280])
def test_the_status_bar_keeps_room_for_its_messages(qtbot: QtBot, in_order: MainWindow, project: Path, width: int) -> None:
    window = in_order
    window.resize(width, SMALL[1])
    qtbot.waitUntil(lambda: window.statusBar().width() == width)
    before = beads_in_file(project)
    window.table.setCurrentIndex(window.table.model().index(4, TARGET_COLUMN))
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    press(qtbot, window, Qt.Key.Key_2, CTRL)  # only unconfirmed: the filter's count joins the bar
    assert len(beads_in_file(project)) == len(before) - 1
    message = window.statusBar().currentMessage()
    assert message == "Merge with next: saved."
    qtbot.waitUntil(lambda: message_room(window) >= window.statusBar().fontMetrics().horizontalAdvance(message) + 20)
    assert window.filters.label.isVisible() and window.position_label.isVisible()
    if width == 1280:
        assert window.pair_status.counts.isVisible()


def test_a_long_message_is_read_whole_and_the_legend_comes_back(
    qtbot: QtBot, in_order: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = in_order
    window.resize(1280, SMALL[1])
    qtbot.waitUntil(lambda: window.statusBar().width() == 1280)
    legend = window.statusBar().findChild(QWidget, "legend")
    qtbot.waitUntil(legend.isVisible)  # beside the room kept for a short message
    out = tmp_path / "exports of the letter, second edition, with notes" / "letter.csv"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    problems: list[str] = []
    activate(qtbot, window)
    run_dialogs([QDialog.accept], problems)
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert problems == []
    with out.open(encoding="utf-8", newline="") as handle:
        rows = len(list(csv.DictReader(handle)))
    message = window.statusBar().currentMessage()
    assert message == f"Exported {rows} beads of pair {window.session.pair.id} to {out}."
    qtbot.waitUntil(lambda: message_room(window) >= window.statusBar().fontMetrics().horizontalAdvance(message) + 8)
    window.statusBar().clearMessage()  # as it does after a few seconds
    qtbot.waitUntil(legend.isVisible)
