"""The main window driven like a user would: clicks and shortcuts, then the project file read
back with sqlite3 to see that every edit was saved."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QUndoView
from pytestqt.qtbot import QtBot

from alignments.formats.export import ExportOptions, NotesMode
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_SEED, GERMAN_LETTER
from tests.gold import LETTER, flagged_rows, gold_links, unaligned_sentences
from tests.gui.support import CTRL, SHIFT, beads_in_file, click_cell
from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN, TARGET_COLUMN
from ui.dialogs import PairChoice
from ui.main_window import MainWindow

GOLD = gold_links(LETTER)  # the letter project's ladder (tests/gold.py)


def test_window_shows_both_sides_with_headers(window: MainWindow) -> None:
    model = window.table.model()
    assert model.rowCount() == len(GOLD)
    assert model.headerData(SOURCE_COLUMN, Qt.Orientation.Horizontal) == "Source · Deutsch · Offener Brief eines Verräters, 1937"
    assert model.headerData(TARGET_COLUMN, Qt.Orientation.Horizontal) == "Translation · English · Traitor's Open Letter, 1937"
    assert GOLD[3] == ((3, 4), (3,)) and model.index(3, GUTTER_COLUMN).data().splitlines()[1] == "2:1"
    flagged, unaligned = len(flagged_rows(LETTER)), unaligned_sentences(LETTER)
    assert window.pair_status.counts.text() == f"{len(GOLD)} beads · 0% confirmed · {flagged} flagged · {unaligned} unaligned"
    assert window.notes_dock.list.count() == 7


def test_unlink_link_undo_redo_are_saved(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    path = letter_project.path
    original = beads_in_file(path)
    click_cell(qtbot, window, 3, GUTTER_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_U, CTRL)
    unlinked = beads_in_file(path)
    source_a, source_b, target = original[3][0].split()[0], original[3][0].split()[1], original[3][1]
    assert unlinked[3:6] == [(source_a, "", "auto"), (source_b, "", "auto"), ("", target, "auto")]
    assert window.table.model().rowCount() == len(GOLD) + 2  # one 2:1 bead became three

    click_cell(qtbot, window, 3, SOURCE_COLUMN)
    click_cell(qtbot, window, 4, SOURCE_COLUMN, CTRL)
    click_cell(qtbot, window, 5, TARGET_COLUMN, CTRL)
    qtbot.keyClick(window.table, Qt.Key.Key_L, CTRL)
    linked = beads_in_file(path)
    assert linked[3] == (f"{source_a} {source_b}", target, "confirmed")
    assert linked[:3] + linked[4:] == original[:3] + original[4:]
    assert window.table.model().rowCount() == len(GOLD)

    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert beads_in_file(path) == unlinked
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert beads_in_file(path) == original
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(window.table, Qt.Key.Key_Y, CTRL)
    assert beads_in_file(path) == linked
    assert window.table.model().rowCount() == len(GOLD)
    assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())] == ["Unlink", "Link"]


def test_confirm_from_the_keyboard(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    window.table.setCurrentIndex(window.table.model().index(0, SOURCE_COLUMN))
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    assert [bead[2] for bead in beads_in_file(letter_project.path)[:3]] == ["auto", "confirmed", "auto"]
    flagged = len(set(flagged_rows(LETTER)) - {1})
    assert window.pair_status.counts.text() == f"{len(GOLD)} beads · {1 / len(GOLD):.0%} confirmed · {flagged} flagged · 1 unaligned"
    assert window.table.model().index(1, GUTTER_COLUMN).data().startswith("✔")


def test_unconfirm_and_the_history_panel(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """Ctrl+Shift+Return takes a confirmation back; clicking an entry in History goes back to it."""
    path = letter_project.path

    def statuses() -> list[str]:
        return [bead[2] for bead in beads_in_file(path)[1:3]]

    for row in (1, 2):
        click_cell(qtbot, window, row, SOURCE_COLUMN)
        qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    assert statuses() == ["confirmed", "confirmed"]
    click_cell(qtbot, window, 1, SOURCE_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL | SHIFT)
    assert statuses() == ["auto", "confirmed"]
    history = window.history_dock.widget()
    assert isinstance(history, QUndoView)
    entries = [history.model().index(row, 0).data() for row in range(history.model().rowCount())]
    assert entries == ["Opened", "Confirm", "Confirm", "Unconfirm"]
    first_confirm = history.visualRect(history.model().index(1, 0)).center()
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=first_confirm)
    assert statuses() == ["confirmed", "auto"] and window.undo_stack.index() == 1
    assert window.pair_status.counts.text().startswith(f"{len(GOLD)} beads · {1 / len(GOLD):.0%} confirmed")


def test_linking_without_both_sides_is_refused_in_the_status_bar(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    before = beads_in_file(letter_project.path)
    click_cell(qtbot, window, 2, SOURCE_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_L, CTRL)
    assert window.statusBar().currentMessage() == "Select sentences on both sides to link them."
    assert beads_in_file(letter_project.path) == before


def test_the_model_obeys_qt_rules(qtmodeltester: object, window: MainWindow) -> None:
    qtmodeltester.check(window.table.model())  # type: ignore[attr-defined]


def test_jumping_from_the_interpolations_dock(qtbot: QtBot, window: MainWindow) -> None:
    dock_list = window.notes_dock.list
    item = next(dock_list.item(i) for i in range(dock_list.count()) if dock_list.item(i).text().startswith("footnote ·"))
    dock_list.setCurrentItem(item)
    dock_list.itemActivated.emit(item)
    current = window.table.currentIndex()
    assert (current.row(), current.column()) == (len(GOLD) - 1, TARGET_COLUMN)


def test_link_from_the_keyboard_alone(qtbot: QtBot, window: MainWindow, letter_project: ProjectStore) -> None:
    """Arrows select, Ctrl+arrows move without selecting, Ctrl+Space adds the current cell."""
    click_cell(qtbot, window, 3, GUTTER_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_U, CTRL)  # rows 3, 4: the two German sentences; row 5: the English one
    window.table.setCurrentIndex(window.table.model().index(3, SOURCE_COLUMN))
    qtbot.keyClick(window.table, Qt.Key.Key_Down, SHIFT)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Right):
        qtbot.keyClick(window.table, key, CTRL)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, CTRL)
    qtbot.keyClick(window.table, Qt.Key.Key_L, CTRL)
    rows = beads_in_file(letter_project.path)
    assert len(rows) == len(GOLD) and rows[3][2] == "confirmed" and len(rows[3][0].split()) == 2


def test_new_project_from_two_files_is_built_in_the_background(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "new.wbproj"
    task = window.files.build_project(PairChoice(GERMAN_LETTER, ENGLISH_SEED, "de", None), path)
    assert task is not None
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == path, timeout=10_000)
    assert window.table.model().rowCount() == len(beads_in_file(path))  # as many as the aligner made
    assert window.windowTitle() == "new.wbproj — Translation Workbench"
    assert [(p.source.lang, p.target.lang) for p in window.store.pairs()] == [("de", "en")]
    assert not (tmp_path / ".new.wbproj.partial").exists()


def test_export_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    window.files.export_to(path, ExportOptions(notes=NotesMode.STRIP))
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(GOLD) and window.statusBar().currentMessage() == f"Exported {len(GOLD)} beads to {path}."


def test_a_broken_project_is_refused_with_a_message(qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    broken = tmp_path / "broken.wbproj"
    broken.write_text("not a project")
    shown_before = window.store
    assert window.files.open_project(broken) is False
    assert shown == [f"{broken} is not a Translation Workbench project."]
    assert window.store is shown_before


def test_closing_the_window_with_work_pending_is_safe(qtbot: QtBot, window: MainWindow) -> None:
    """Row fitting queued just before closing must not read the closed project (it crashed)."""
    window.table.resize(window.table.width() - 50, window.table.height())  # queues a fit
    window.close()
    qtbot.wait(50)
    assert window.table.model() is None and window.store is None


def test_rows_scrolled_into_view_are_fitted_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """Scrolling far down fits the rows that come into view straight away (the scroll
    position once leaked into the fitting timer as its delay, leaving rows clipped)."""
    table = window.table
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 1000)
    bar.setValue(bar.maximum())
    first, last = table.rowAt(0), table.model().rowCount() - 1

    def fitted() -> bool:
        return all(table.rowHeight(row) == table.sizeHintForRow(row) for row in range(first, last + 1))

    qtbot.waitUntil(fitted, timeout=300)


def test_an_undo_the_file_refuses_is_reported_and_the_window_carries_on(
    qtbot: QtBot, window: MainWindow, letter_project: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project file refuses the write (as on a full disk): a message, the history cleared,
    the file as it was, and editing goes on (clearing the stack inside undo() once crashed)."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    path = letter_project.path
    click_cell(qtbot, window, 3, GUTTER_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_U, CTRL)
    unlinked = beads_in_file(path)
    other = sqlite3.connect(path)
    other.execute("CREATE TRIGGER refuse BEFORE INSERT ON beads BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    other.commit()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith("Unlink could not be applied:") and "disk full" in warnings[0]
    assert window.undo_stack.count() == 0 and beads_in_file(path) == unlinked
    other.execute("DROP TRIGGER refuse")
    other.commit()
    other.close()
    click_cell(qtbot, window, 1, SOURCE_COLUMN)
    qtbot.keyClick(window.table, Qt.Key.Key_Return, CTRL)
    assert beads_in_file(path)[1][2] == "confirmed"
