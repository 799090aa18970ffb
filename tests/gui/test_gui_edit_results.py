"""What an edit leaves under the cursor (issue 13): after an edit the current cell is the bead
the edit made, on the same side; Ctrl+Home/End select; pieces nobody looked at stay unconfirmed.
Every check reads the project file back. The project pairs its sentences in order (no aligner)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.gui.support import (
    ALT,
    CTRL,
    SHIFT,
    beads_in_file,
    click_cell,
    press,
    run_dialogs,
    with_cell_dialog,
)
from tests.gui.test_gui_sentences import live_sentences
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN
from ui.cell_editor import CellTextDialog
from ui.dialogs import SentenceTextDialog
from ui.main_window import MainWindow


def go(window: MainWindow, row: int, column: int = SOURCE_COLUMN) -> None:
    window.table.setCurrentIndex(window.table.model().index(row, column))


def current(window: MainWindow) -> tuple[int, int]:
    index = window.table.currentIndex()
    return index.row(), index.column()


def test_after_merge_split_unlink_link_the_next_key_acts_on_the_result(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    before = beads_in_file(project)
    go(in_order, 4, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL)  # merge 4 with 5
    assert current(in_order) == (4, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL | SHIFT)  # split the merged bead, not bead 3
    split = beads_in_file(project)
    assert [row[:2] for row in split] == [row[:2] for row in before]
    assert current(in_order) == (4, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_U, CTRL)  # unlink the first part: bead 4
    unlinked = beads_in_file(project)
    assert unlinked[4:6] == [(before[4][0], "", "auto"), ("", before[4][1], "auto")]
    assert unlinked[:4] == split[:4] and unlinked[6:] == split[5:]
    assert current(in_order) == (5, TARGET_COLUMN)  # on the translation, which now stands alone
    go(in_order, 4, SOURCE_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_Z, CTRL)
    press(qtbot, in_order, Qt.Key.Key_U, CTRL)  # again from the source side: the source stands in bead 4
    assert beads_in_file(project) == unlinked and current(in_order) == (4, SOURCE_COLUMN)

    click_cell(qtbot, in_order, 4, SOURCE_COLUMN)
    click_cell(qtbot, in_order, 5, TARGET_COLUMN, CTRL)
    press(qtbot, in_order, Qt.Key.Key_L, CTRL)
    assert current(in_order) == (4, TARGET_COLUMN)
    assert in_order.table.selected_bead_ids() == [in_order.session.model.bead_id(4)]
    press(qtbot, in_order, Qt.Key.Key_Return, CTRL | SHIFT)  # unconfirm the linked bead, and only it
    assert beads_in_file(project)[4] == (before[4][0], before[4][1], "auto")
    assert [row[2] for row in beads_in_file(project)[:4]] == [row[2] for row in split[:4]]


def test_moving_a_sentence_keeps_the_cursor_on_the_bead_it_left(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    before = beads_in_file(project)
    go(in_order, 6, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_Down, ALT)  # bead 6's English sentence goes down to bead 7
    assert current(in_order) == (6, TARGET_COLUMN)
    assert beads_in_file(project)[6] == (before[6][0], "", "confirmed")


def test_after_undo_and_redo_the_next_key_acts_on_the_beads_they_brought_back(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    """Undo left the cursor on the bead above the one it restored, so the next Ctrl+U broke up
    a bead nobody had chosen."""
    before = beads_in_file(project)
    go(in_order, 6, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL)
    press(qtbot, in_order, Qt.Key.Key_Z, CTRL)  # the merge undone: beads 6 and 7 again
    assert beads_in_file(project) == before and current(in_order) == (6, TARGET_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_Z, CTRL | SHIFT)  # redone: the merged bead
    assert current(in_order) == (6, TARGET_COLUMN) and in_order.table.selected_bead_ids() == [in_order.session.model.bead_id(6)]
    press(qtbot, in_order, Qt.Key.Key_Z, CTRL)
    press(qtbot, in_order, Qt.Key.Key_U, CTRL)  # acts on bead 6, the one under the cursor
    assert beads_in_file(project) == [*before[:6], (before[6][0], "", "auto"), ("", before[6][1], "auto"), *before[7:]]


def test_ctrl_home_and_ctrl_end_select_what_they_reach(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    go(in_order, 5)
    press(qtbot, in_order, Qt.Key.Key_End, CTRL)
    press(qtbot, in_order, Qt.Key.Key_Return, CTRL)
    press(qtbot, in_order, Qt.Key.Key_Home, CTRL)
    press(qtbot, in_order, Qt.Key.Key_Return, CTRL)
    statuses = [row[2] for row in beads_in_file(project)]
    assert statuses[0] == statuses[-1] == "confirmed"
    assert statuses[1:-1] == ["auto"] * (len(statuses) - 2)


def test_a_split_leaves_the_remainder_unconfirmed_for_align_the_rest(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    before = beads_in_file(project)
    go(in_order, 2)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL | SHIFT)
    after = beads_in_file(project)
    assert after[2:4] == [(before[2][0], before[2][1], "confirmed"), (before[3][0], before[3][1], "auto")]
    go(in_order, 8)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL | SHIFT)  # a 1:1 bead: the user made the first part only
    assert beads_in_file(project)[8:10] == [(before[8][0], "", "confirmed"), ("", before[8][1], "auto")]


def test_a_sentence_is_corrected_in_a_wrapping_editor_that_shows_all_of_it(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    model = in_order.session.model
    row = max(range(model.rowCount()), key=lambda r: sum(len(s.text) for s in model.bead_view(r).source))
    sentence = model.bead_view(row).source[0]
    assert len(sentence.text) > 150
    go(in_order, row)
    steps: list[str] = []

    def correct(dialog: QDialog) -> None:
        assert isinstance(dialog, SentenceTextDialog)
        editor = dialog.editor
        assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
        qtbot.waitUntil(editor.isVisible)
        assert editor.verticalScrollBar().maximum() == 0  # nothing hidden below
        assert editor.width() >= 1.5 * editor.fontMetrics().horizontalAdvance(sentence.text[:40])  # ~ 60 characters or more
        editor.moveCursor(QTextCursor.MoveOperation.Start)
        editor.moveCursor(QTextCursor.MoveOperation.NextWord)
        qtbot.keyClicks(editor, "ganze ")
        dialog.accept()

    def edit(dialog: CellTextDialog) -> None:
        run_dialogs([correct], steps)
        dialog.edit_button.click()

    assert (with_cell_dialog(qtbot, in_order, edit), steps) == ([], [])
    document = in_order.session.pair.source.id
    first, rest = sentence.text.split(" ", 1)
    assert f"{first} ganze {rest}" in live_sentences(project, document)


def test_ctrl_end_shows_the_whole_last_bead_it_confirms(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    """The rows Ctrl+End scrolls into view grow as they are fitted to their text; the last bead
    must still be on screen, whole, once they are (it was pushed below the window)."""
    table = in_order.table
    last = table.model().rowCount() - 1
    press(qtbot, in_order, Qt.Key.Key_End, CTRL)
    table.fit_visible_rows()  # what the table does on the next turn of the event loop
    rect = table.visualRect(table.model().index(last, SOURCE_COLUMN))
    assert current(in_order)[0] == last
    assert 0 <= rect.top() and rect.bottom() < table.viewport().height()
    press(qtbot, in_order, Qt.Key.Key_Return, CTRL)
    assert beads_in_file(project)[-1][2] == "confirmed"
