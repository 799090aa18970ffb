"""The small things a translator notices in a day (issue 13): Find shows the match, the panels give
way in a small window, the Interpolations panel shows whole entries, About and the shortcut list,
the aligner and "one sentence per line" choices, a progress dialog whose title fits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)
from pytestqt.qtbot import QtBot

from alignments.planning.new_pair import Method
from alignments.store.project_store import ProjectStore
from corpus.wording import plural
from tests.gui.support import (
    CTRL,
    activate,
    beads_in_file,
    press,
    run_dialogs,
    texts_to_pair,
    with_cell_dialog,
)
from ui.bead_model import SOURCE_COLUMN
from ui.cell_editor import CellTextDialog
from ui.dialogs import NewPairDialog, PairChoice
from ui.main_window import MainWindow
from ui.rich_text import FOUND_COLOUR
from ui.shortcuts_dialog import ShortcutsDialog


def test_find_shows_the_match_in_the_cell(qtbot: QtBot, in_order: MainWindow) -> None:
    press(qtbot, in_order, Qt.Key.Key_F, CTRL)
    in_order.find_bar.side.setCurrentIndex(in_order.find_bar.side.findText("Source"))
    qtbot.keyClicks(in_order.find_bar.text, "stalin")
    qtbot.keyClick(in_order.find_bar.text, Qt.Key.Key_Return)
    cell = in_order.session.model.index(in_order.table.currentIndex().row(), SOURCE_COLUMN)

    def background_at(offset: int) -> str:
        cursor = QTextCursor(in_order.table.delegate.side(cell).document)
        cursor.setPosition(offset)
        return cursor.charFormat().background().color().name()

    at = in_order.table.delegate.side(cell).document.toPlainText().index("Stalin")
    assert [background_at(at + k) for k in (0, 1, 6, 7)] == ["#000000", FOUND_COLOUR, FOUND_COLOUR, "#000000"]
    qtbot.keyClick(in_order.find_bar.text, Qt.Key.Key_Escape)
    assert background_at(at + 1) != FOUND_COLOUR


def test_in_a_small_window_the_panels_give_way(qtbot: QtBot, in_order: MainWindow) -> None:
    in_order.resize(800, 500)
    qtbot.waitUntil(lambda: in_order.width() == 800)  # nothing holds it wider than a small screen
    qtbot.waitUntil(lambda: in_order.notes_dock.width() <= 0.25 * in_order.width())
    assert in_order.table.width() >= 0.6 * in_order.width()


def test_the_interpolations_panel_shows_whole_entries(qtbot: QtBot, in_order: MainWindow) -> None:
    listing = in_order.notes_dock.list
    assert listing.wordWrap() and listing.count() > 0
    store, pair = in_order.session.store, in_order.session.pair
    notes = [(store.text(d.id), n) for d in (pair.source, pair.target) for n in store.interpolations(d.id)]
    text, longest = max(notes, key=lambda found: found[1].end - found[1].start)
    whole = " ".join(text[longest.start : longest.end].split())
    assert len(whole) > 60
    item = next(listing.item(row) for row in range(listing.count()) if whole in listing.item(row).text())
    assert whole in item.toolTip() and longest.describe() in item.toolTip()


def test_about_and_the_shortcut_list(qtbot: QtBot, in_order: MainWindow) -> None:
    texts: list[str] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        texts.append(dialog.text())
        dialog.accept()

    def read_shortcuts(dialog: QDialog) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        texts.append(dialog.table.toPlainText())
        dialog.accept()

    help_menu = next(a.menu() for a in in_order.menuBar().actions() if a.text() == "&Help")
    about = next(a for a in help_menu.actions() if a.text().startswith("&About"))
    problems: list[str] = []
    run_dialogs([read], problems)
    about.trigger()
    activate(qtbot, in_order)
    run_dialogs([read_shortcuts], problems)
    qtbot.keyClick(in_order.table, Qt.Key.Key_F1)
    assert problems == []
    assert "Translation Workbench" in texts[0] and "0.1" in texts[0]
    assert "Ctrl+Space" in texts[1] and "Ctrl+Home / Ctrl+End" in texts[1]


def test_new_project_remembers_the_aligner_and_reads_one_sentence_a_line(
    qtbot: QtBot, in_order: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target, made = texts_to_pair(
        tmp_path,
        monkeypatch,
        ("Erster Satz ohne Punkt\nZweiter. Immer noch der zweite\nDritter\n", "First sentence\nSecond. Still the second\nThird\n"),
        ("de", "en", "lines.wbproj"),
    )
    in_order.settings.set_value("new/method", str(Method.EMBEDDINGS))

    def fill_in(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        remembered = dialog.method.findData(str(Method.EMBEDDINGS))
        assert dialog.method.currentIndex() == (remembered if dialog.method.model().item(remembered).isEnabled() else 0)
        dialog.method.setCurrentIndex(dialog.method.findData(str(Method.DEFAULT)))
        dialog.source_edit.setText(str(source))
        dialog.target_edit.setText(str(target))
        dialog.segmented.setChecked(True)
        dialog.ok_button.click()

    problems: list[str] = []
    activate(qtbot, in_order)
    run_dialogs([fill_in], problems)
    in_order.files.new_project()
    assert problems == []
    qtbot.waitUntil(lambda: in_order.store is not None and in_order.store.path == made, timeout=10_000)
    connection = sqlite3.connect(made)
    count = connection.execute("SELECT count(*) FROM sentences GROUP BY document_id").fetchall()
    connection.close()
    assert count == [(3,), (3,)]
    assert in_order.settings.value("new/method") == str(Method.DEFAULT)


def test_the_progress_dialog_has_room_for_its_title(qtbot: QtBot, in_order: MainWindow, tmp_path: Path) -> None:
    from tests.conftest import ENGLISH_SEED, GERMAN_LETTER

    in_order.files.build_project(PairChoice(GERMAN_LETTER, ENGLISH_SEED, "de", "en"), tmp_path / "new.wbproj")
    progress = in_order.findChild(QProgressDialog)
    assert progress.windowTitle() == "New project"
    title_width = progress.fontMetrics().horizontalAdvance(progress.windowTitle())
    label_width = progress.fontMetrics().horizontalAdvance(progress.labelText())
    assert progress.minimumWidth() >= max(title_width + 200, label_width + 40)
    qtbot.waitUntil(lambda: in_order.files.task is None, timeout=10_000)
    assert QApplication.activeModalWidget() is None


def test_unmark_says_what_it_did(qtbot: QtBot, in_order: MainWindow) -> None:
    model = in_order.session.model
    row = next(r for r in range(model.rowCount()) if model.bead_view(r).source and model.bead_view(r).source[0].notes)
    in_order.go_to_row(row, SOURCE_COLUMN)
    note = model.bead_view(row).source[0].notes[0]

    def unmark(dialog: CellTextDialog) -> None:
        cursor = dialog.text.textCursor()
        cursor.setPosition(note.start + 1)
        dialog.text.setTextCursor(cursor)
        dialog.unmark_button.click()

    assert with_cell_dialog(qtbot, in_order, unmark) == []
    assert in_order.statusBar().currentMessage() == "Unmark interpolation: saved."
    press(qtbot, in_order, Qt.Key.Key_Z, CTRL)
    assert in_order.statusBar().currentMessage() == "Undone: Unmark interpolation."


def test_the_pane_language_is_corrected_from_its_header(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    header = in_order.table.horizontalHeader()
    assert "Deutsch" in in_order.session.model.headerData(SOURCE_COLUMN, Qt.Orientation.Horizontal)

    def choose_french(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Français (fr)")
        dialog.accept()

    problems: list[str] = []
    run_dialogs([choose_french], problems)
    header.sectionDoubleClicked.emit(SOURCE_COLUMN)
    assert problems == []
    connection = sqlite3.connect(project)
    lang = connection.execute("SELECT lang FROM documents WHERE id = ?", [in_order.session.pair.source.id]).fetchone()[0]
    connection.close()
    assert lang == "fr"
    assert "Français" in in_order.session.model.headerData(SOURCE_COLUMN, Qt.Orientation.Horizontal)


def test_align_the_rest_counts_what_it_saved_in_good_english(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """It said "1 beads saved". The gold ladder, everything confirmed but one 1:1 bead, unlinked:
    the count is read from the file (the beads that were not there before), whatever the
    aligner made."""
    window.table.selectAll()
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    window.go_to_row(4)
    press(qtbot, window, Qt.Key.Key_U, CTRL)
    before = beads_in_file(letter_project.path)
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.edits.task is None, timeout=10_000)
    added = [bead for bead in beads_in_file(letter_project.path) if bead not in before]
    assert added and window.statusBar().currentMessage() == f"Align the rest: {plural(len(added), 'bead')} saved."
