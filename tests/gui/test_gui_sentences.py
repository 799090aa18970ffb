"""Find, and corrections of the sentences themselves from the window: split, merge, edit the
text, import a revised edition; each saved, undoable, and checked in the project file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED
from tests.gui.support import CTRL, SHIFT, press, run_dialogs, with_cell_dialog
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN
from ui.cell_editor import CellTextDialog
from ui.dialogs import SentenceTextDialog
from ui.main_window import MainWindow


def live_sentences(path: Path, document_id: int) -> list[str]:
    connection = sqlite3.connect(path)
    text = connection.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    rows = connection.execute('SELECT start, "end" FROM sentences WHERE document_id = ? ORDER BY start', [document_id])
    result = [text[start:end] for start, end in rows]
    connection.close()
    return result


def put_cursor(dialog: CellTextDialog, position: int) -> None:
    cursor = dialog.text.textCursor()
    cursor.setPosition(position)
    dialog.text.setTextCursor(cursor)


def test_find_goes_from_bead_to_bead_and_wraps(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    bar = window.find_bar
    assert bar.isVisible() and bar.text.hasFocus()
    qtbot.keyClicks(bar.text, "Lenin")
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)
    rows = [window.table.currentIndex().row()]
    for _ in range(3):
        qtbot.keyClick(bar.text, Qt.Key.Key_Return)
        rows.append(window.table.currentIndex().row())
    model = window.session.model
    holding = [r for r in range(model.rowCount()) if any("Lenin" in s.text for s in model.bead_view(r).source + model.bead_view(r).target)]
    assert rows == holding[:3] + [holding[3 % len(holding)]]
    fourth, wrapped = 3 % len(holding), len(holding) <= 3
    assert bar.status.text() == f"{fourth + 1} of {len(holding)} beads" + (" (from the other end)" if wrapped else "")
    qtbot.keyClick(bar.text, Qt.Key.Key_Return, SHIFT)
    assert window.table.currentIndex().row() == rows[-2]
    bar.text.setText("(unclosed")
    bar.regex.setChecked(True)
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)
    assert "is not a valid regular expression" in bar.status.text()
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_over_both_sides_puts_the_cursor_on_the_side_that_holds_the_match(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    model, columns_seen = window.session.model, set()
    for needle in ("executioner", "Lenin"):  # the first only in the English translation
        window.find_bar.text.setText(needle)
        qtbot.keyClick(window.find_bar.text, Qt.Key.Key_Return)
        current = window.table.currentIndex()
        view = model.bead_view(current.row())
        in_source = any(needle.lower() in sentence.text.lower() for sentence in view.source)
        assert current.column() == (SOURCE_COLUMN if in_source else TARGET_COLUMN)
        columns_seen.add(current.column())
    assert columns_seen == {SOURCE_COLUMN, TARGET_COLUMN}


def test_split_and_merge_a_sentence_in_the_cell_dialog(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    before = live_sentences(letter_project.path, pair.source.id)
    sentence = "Auch bei den folgenden Morden habe ich meine Stimme nicht zum Protest erhoben, und dieses Schweigen lädt mir eine schwere Verantwortung auf."
    row = next(r for r in range(window.session.model.rowCount()) if window.session.model.bead_view(r).source[0].text == sentence)
    window.go_to_row(row, SOURCE_COLUMN)
    cut = sentence.index(" und dieses")
    problems = with_cell_dialog(qtbot, window, lambda dialog: (put_cursor(dialog, cut), dialog.split_button.click()))
    assert problems == []
    after = live_sentences(letter_project.path, pair.source.id)
    assert len(after) == len(before) + 1
    assert sentence[:cut] in after and sentence[cut + 1 :] in after
    assert window.session.model.bead_view(window.table.currentIndex().row()).source[0].text == sentence[:cut]

    problems = with_cell_dialog(qtbot, window, lambda dialog: (put_cursor(dialog, 2), dialog.merge_button.click()))
    assert problems == []
    assert live_sentences(letter_project.path, pair.source.id) == before
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert live_sentences(letter_project.path, pair.source.id) == after
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert live_sentences(letter_project.path, pair.source.id) == before


def test_edit_a_sentence_text(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    def correct(dialog: QDialog) -> None:
        assert isinstance(dialog, SentenceTextDialog)
        dialog.editor.setPlainText("I did not say anything at all then.")
        dialog.accept()

    steps: list[str] = []
    row = next(r for r in range(window.session.model.rowCount()) if window.session.model.bead_view(r).target[0].text == "I did not say anything then.")
    window.go_to_row(row, TARGET_COLUMN)
    problems = with_cell_dialog(qtbot, window, lambda dialog: (put_cursor(dialog, 3), run_dialogs([correct], steps), dialog.edit_button.click()))
    assert problems == [] and steps == []
    pair = letter_project.pairs()[0]
    assert pair.target.id != 2  # the pair shows a new revision of the English text
    assert "I did not say anything at all then." in live_sentences(letter_project.path, pair.target.id)
    assert window.session.model.bead_view(row).target[0].text == "I did not say anything at all then."
    assert_rows_at_stored_positions(window, letter_project)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert letter_project.pairs()[0].target.id == 2
    assert window.session.model.bead_view(row).target[0].text == "I did not say anything then."
    assert_rows_at_stored_positions(window, letter_project)


def assert_rows_at_stored_positions(window: MainWindow, store: ProjectStore) -> None:
    """The model found every bead where the store has it (a text edit moves later beads' positions)."""
    model = window.session.model
    keys = store.bead_keys(store.pairs()[0].id)
    assert [model.bead_id(r) for r in range(model.rowCount())] == [bead_id for bead_id, _, _ in keys]
    assert [model.row_of_position((s, t)) for _, s, t in keys] == list(range(len(keys)))


def test_import_a_revised_translation(window: MainWindow, letter_project: ProjectStore, tmp_path: Path) -> None:
    revised = tmp_path / "revised.txt"
    revised.write_text(ENGLISH_SEED.read_text("utf-8").replace("Our roads diverge!", "Our roads part here!"), "utf-8")
    window.files.revise(letter_project.pairs()[0].target.id, revised)
    pair = letter_project.pairs()[0]
    assert "Our roads part here!" in live_sentences(letter_project.path, pair.target.id)
    assert window.statusBar().currentMessage().startswith("Revised: ")
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Revise text"

