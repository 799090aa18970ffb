"""Every editing command from the keyboard, checked in the project file afterwards; moving
around, interpolations marked by hand, Align the rest in the background."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from tests.gold import LETTER, flagged_rows, gold_links
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
from ui.actions import shortcut_table
from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN, TARGET_COLUMN
from ui.bead_table import GUTTER_WIDTH
from ui.cell_editor import CellTextDialog
from ui.dialogs import MarkDialog
from ui.main_window import MainWindow

GOLD = gold_links(LETTER)  # the letter project's ladder (tests/gold.py)


def go(window: MainWindow, row: int, column: int = SOURCE_COLUMN) -> None:
    window.table.setCurrentIndex(window.table.model().index(row, column))


def test_merge_and_split_from_the_keyboard(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    path = letter_project.path
    before = beads_in_file(path)
    go(window, 4)
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    merged = beads_in_file(path)
    assert merged[4] == (f"{before[4][0]} {before[5][0]}", f"{before[4][1]} {before[5][1]}", "confirmed")
    assert len(merged) == len(before) - 1
    go(window, 4)
    press(qtbot, window, Qt.Key.Key_M, CTRL | SHIFT)
    split = beads_in_file(path)
    assert split[4:6] == [(before[4][0], before[4][1], "confirmed"), (before[5][0], before[5][1], "auto")]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert beads_in_file(path) == before


def test_move_sentences_and_insert_an_empty_side(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    path = letter_project.path
    before = beads_in_file(path)
    go(window, 5, TARGET_COLUMN)
    press(qtbot, window, Qt.Key.Key_Up, ALT)  # the English sentence of bead 5 joins bead 4
    moved = beads_in_file(path)
    assert moved[4] == (before[4][0], f"{before[4][1]} {before[5][1]}", "confirmed")
    assert moved[5] == (before[5][0], "", "confirmed")
    go(window, 4, TARGET_COLUMN)
    press(qtbot, window, Qt.Key.Key_Down, ALT)  # and back down again
    assert [row[:2] for row in beads_in_file(path)] == [row[:2] for row in before]
    go(window, 2)
    press(qtbot, window, Qt.Key.Key_I, CTRL)
    parted = beads_in_file(path)
    assert parted[2:4] == [(before[2][0], "", "confirmed"), ("", before[2][1], "confirmed")]
    assert window.undo_stack.count() == 3


def test_refusals_are_shown_and_change_nothing(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    before = beads_in_file(letter_project.path)
    go(window, 0)
    press(qtbot, window, Qt.Key.Key_Up, ALT)
    assert window.statusBar().currentMessage() == "There is no bead before this one to move the sentence to."
    go(window, len(GOLD) - 1)
    press(qtbot, window, Qt.Key.Key_I, CTRL)
    assert window.statusBar().currentMessage() == "This bead has an empty side already."
    assert beads_in_file(letter_project.path) == before


def test_next_and_previous_flagged_and_unconfirmed(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    summaries = letter_project.bead_summaries(window.session.pair.id)  # in ladder order, read from the file
    flagged = [row for row, summary in enumerate(summaries) if summary.flagged]
    assert flagged == flagged_rows(LETTER)  # the beads the gold ladder makes other than 1:1
    go(window, 0)
    press(qtbot, window, Qt.Key.Key_F3)
    assert window.table.currentIndex().row() == flagged[0]
    press(qtbot, window, Qt.Key.Key_F3)
    assert window.table.currentIndex().row() == flagged[1]
    press(qtbot, window, Qt.Key.Key_F3, SHIFT)
    assert window.table.currentIndex().row() == flagged[0]
    go(window, 0)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    press(qtbot, window, Qt.Key.Key_Up)
    press(qtbot, window, Qt.Key.Key_F4)
    assert window.table.currentIndex().row() == 1


def test_footnote_mark_and_body_jump_both_ways(qtbot: QtBot, window: MainWindow) -> None:
    go(window, 3, TARGET_COLUMN)  # "... by order of the "father of nations" *."
    press(qtbot, window, Qt.Key.Key_J, CTRL)
    assert (window.table.currentIndex().row(), window.table.currentIndex().column()) == (len(GOLD) - 1, TARGET_COLUMN)
    press(qtbot, window, Qt.Key.Key_J, CTRL)
    assert window.table.currentIndex().row() == 3


def test_hiding_interpolations_is_remembered(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_H, CTRL)
    assert window.table.show_notes is False
    assert window.settings.value("view/interpolations") is False
    press(qtbot, window, Qt.Key.Key_H, CTRL)
    assert window.table.show_notes is True


def test_mark_and_unmark_an_interpolation_by_hand(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    go(window, 5, SOURCE_COLUMN)  # "Auch bei den folgenden Morden habe ich meine Stimme ..."

    problems: list[str] = []

    def choose_words(dialog: CellTextDialog) -> None:
        cursor = dialog.text.textCursor()
        cursor.setPosition(0)
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 4)
        dialog.text.setTextCursor(cursor)
        run_dialogs([fill_in_mark], problems)
        dialog.mark_button.click()

    def fill_in_mark(mark: QDialog) -> None:
        assert isinstance(mark, MarkDialog)
        mark.editor.setEditText("Hg.")
        mark.accept()

    assert with_cell_dialog(qtbot, window, choose_words) == [] and problems == []
    notes = _notes_in_file(letter_project.path, pair.source.id)
    sentence_start = window.session.model.bead_view(5).source[0].start
    assert (sentence_start, sentence_start + 4, "note", "Hg.", "manual") in notes
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Mark interpolation"

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert (sentence_start, sentence_start + 4, "note", "Hg.", "manual") not in _notes_in_file(letter_project.path, pair.source.id)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert (sentence_start, sentence_start + 4, "note", "Hg.", "manual") in _notes_in_file(letter_project.path, pair.source.id)


def test_unmark_a_detected_note(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    pair = letter_project.pairs()[0]
    row = next(r for r in range(window.session.model.rowCount()) if "N. Kh." in window.session.model.bead_view(r).target[0].text)
    go(window, row, TARGET_COLUMN)
    cell = window.session.model.index(row, TARGET_COLUMN)
    assert [placed.note.editor for placed in window.table.delegate.side(cell).notes] == ["N. Kh."]  # drawn highlighted

    def unmark(dialog: CellTextDialog) -> None:
        cursor = dialog.text.textCursor()
        cursor.setPosition(3)
        dialog.text.setTextCursor(cursor)
        dialog.unmark_button.click()

    assert with_cell_dialog(qtbot, window, unmark) == []
    editors = [row[3] for row in _notes_in_file(letter_project.path, pair.target.id)]
    assert "N. Kh." not in editors and editors.count("E. H.") == 5
    assert window.notes_dock.list.count() == 6
    cell = window.session.model.index(row, TARGET_COLUMN)
    assert window.table.delegate.side(cell).notes == []  # drawn plain now, not from a stale layout


def test_align_the_rest_in_the_background_keeps_confirmed_beads(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    path = letter_project.path
    click_cell(qtbot, window, 3, GUTTER_COLUMN)
    press(qtbot, window, Qt.Key.Key_U, CTRL)  # a 2:1 bead broken up by hand
    click_cell(qtbot, window, 0, SOURCE_COLUMN)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    confirmed = [row for row in beads_in_file(path) if row[2] == "confirmed"]
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: window.edits.task is None, timeout=10_000)
    after = beads_in_file(path)
    assert [row for row in after if row[2] == "confirmed"] == confirmed
    assert len(after) == len(GOLD)  # the broken 2:1 bead is whole again
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Align the rest"
    assert window.task_indicator.isHidden()


def test_a_quick_align_the_rest_always_reports_back(qtbot: QtBot, window: MainWindow) -> None:
    """A task that ends at once must still be heard (its signals are connected before it starts)."""
    window.table.selectAll()
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # everything confirmed: nothing to re-align
    for _ in range(15):
        press(qtbot, window, Qt.Key.Key_R, CTRL)
        qtbot.waitUntil(lambda: window.edits.task is None, timeout=2_000)
        assert window.statusBar().currentMessage() == "Align the rest: nothing to change."
        window.statusBar().clearMessage()
    assert window.task_indicator.isHidden()


def test_the_readme_lists_every_shortcut() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    for what, keys in shortcut_table():
        assert f"| {what} | {keys} |" in readme


def _notes_in_file(path: object, document_id: int) -> list[tuple[int, int, str, str | None, str]]:
    connection = sqlite3.connect(path)  # type: ignore[arg-type]
    rows = connection.execute(
        'SELECT start, "end", kind, editor, origin FROM interpolations WHERE document_id = ? ORDER BY start',
        [document_id],
    ).fetchall()
    connection.close()
    return rows





def test_counts_and_overview_follow_every_edit(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """The window keeps its counts and overview colours up to date edit by edit, without
    re-reading the pair: after a series of edits they equal what the project file says."""
    for row, key, modifiers in [
        (4, Qt.Key.Key_M, CTRL), (2, Qt.Key.Key_I, CTRL), (7, Qt.Key.Key_Return, CTRL),
        (9, Qt.Key.Key_Up, ALT), (0, Qt.Key.Key_M, CTRL | SHIFT), (12, Qt.Key.Key_Return, CTRL),
    ]:
        go(window, row)
        press(qtbot, window, key, modifiers)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    pair_id = window.session.pair.id
    assert window.session.model.stats() == letter_project.stats(pair_id)
    fresh = [2 if s.confirmed else 1 if s.flagged else 0 for s in letter_project.bead_summaries(pair_id)]
    assert window.overview.states() == fresh


def test_a_click_on_the_overview_strip_goes_there(qtbot: QtBot, window: MainWindow) -> None:
    strip = window.overview
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, strip.height() - 2))
    assert window.table.currentIndex().row() == window.session.model.rowCount() - 1
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(strip.width() // 2, 1))
    assert window.table.currentIndex().row() == 0


def test_dropping_files_opens_a_project_or_starts_a_new_one(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
    from ui.dialogs import NewPairDialog

    other = tmp_path / "other.wbproj"
    ProjectStore.create(other).close()
    _drop(window, [other])
    assert window.store.path == other and window.session is None

    target = tmp_path / "dropped.wbproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))

    def accept_the_two_files(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog)
        assert (dialog.source_edit.text(), dialog.target_edit.text()) == (str(GERMAN_LETTER), str(ENGLISH_SEED))
        dialog.accept()

    problems: list[str] = []
    run_dialogs([accept_the_two_files], problems)
    _drop(window, [GERMAN_LETTER, ENGLISH_SEED])
    assert problems == []
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == target, timeout=10_000)
    assert window.session.model.rowCount() == len(beads_in_file(target))  # as many as the aligner made
    assert window.settings.recent_projects()[:2] == [str(target), str(other)]


def _drop(window: MainWindow, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_the_column_split_follows_the_user_and_is_remembered(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    table = window.table
    width = table.viewport().width() - GUTTER_WIDTH
    table.horizontalHeader().resizeSection(SOURCE_COLUMN, int(width * 0.3))  # as a drag does
    assert abs(table.source_share - 0.3) < 0.01
    window.resize(window.width() + 200, window.height())
    qtbot.waitUntil(lambda: abs(table.columnWidth(SOURCE_COLUMN) / (table.viewport().width() - GUTTER_WIDTH) - 0.3) < 0.02)
    settings = window.settings
    window.close()
    assert abs(float(settings.value("window/source_share")) - 0.3) < 0.01
