"""A project of two pairs in the window: each pair keeps its own undo history, Align the rest
lands on its own pair, and the window's state (view settings, recent projects, what can be
edited) is right from the first moment."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from alignments.store.project_store import ProjectStore
from tests.conftest import Templates, both_samples
from tests.gui.support import CTRL, beads_in_file, click_cell, press, shown_window
from ui.bead_model import GUTTER_COLUMN, SOURCE_COLUMN
from ui.main_window import EDITING_ACTIONS, MainWindow
from ui.settings import Settings


@pytest.fixture
def sample(tmp_path: Path, templates: Templates) -> Path:
    """Both sample pairs, as their gold ladders align them."""
    return templates.copy(both_samples, tmp_path / "sample.wbproj")


@pytest.fixture
def two_pairs(qtbot: QtBot, sample: Path, settings: Settings) -> Iterator[MainWindow]:
    main = shown_window(qtbot, ProjectStore.open(sample), settings)
    yield main
    main.close()


def statuses_of_pair(path: Path, pair_id: int) -> list[str]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT status FROM beads WHERE pair_id = ? ORDER BY source_pos, target_pos", [pair_id]
    ).fetchall()
    connection.close()
    return [status for (status,) in rows]


def beads_in_pair(path: Path, pair_id: int) -> list[tuple[int, str, float | None]]:
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT id, status, score FROM beads WHERE pair_id = ? ORDER BY id", [pair_id]).fetchall()
    connection.close()
    return rows


def test_each_pair_keeps_its_own_history(qtbot: QtBot, two_pairs: MainWindow, sample: Path) -> None:
    window = two_pairs
    click_cell(qtbot, window, 0, SOURCE_COLUMN)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # confirm in pair 1
    window.pair_box.setCurrentIndex(1)
    assert window.undo_stack.count() == 0
    click_cell(qtbot, window, 2, SOURCE_COLUMN)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # confirm in pair 2
    assert statuses_of_pair(sample, 1)[0] == "confirmed" and statuses_of_pair(sample, 2)[2] == "confirmed"

    window.pair_box.setCurrentIndex(0)
    assert [window.undo_stack.text(k) for k in range(window.undo_stack.count())] == ["Confirm"]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert statuses_of_pair(sample, 1)[0] == "auto" and statuses_of_pair(sample, 2)[2] == "confirmed"
    window.pair_box.setCurrentIndex(1)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert statuses_of_pair(sample, 2)[2] == "auto"
    assert window.pair_status.counts.text().split(" · ")[1] == "0% confirmed"


def test_align_the_rest_lands_on_its_own_pair(qtbot: QtBot, two_pairs: MainWindow, sample: Path) -> None:
    window = two_pairs
    click_cell(qtbot, window, 3, GUTTER_COLUMN)
    press(qtbot, window, Qt.Key.Key_U, CTRL)  # break a bead of pair 1 up by hand
    broken, other = beads_in_pair(sample, 1), beads_in_pair(sample, 2)
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    window.pair_box.setCurrentIndex(1)  # before the result arrives, most likely
    qtbot.waitUntil(lambda: window.edits.task is None, timeout=10_000)
    assert beads_in_pair(sample, 1) != broken  # the aligner's beads, whatever they are
    assert beads_in_pair(sample, 2) == other and window.undo_stack.count() == 0  # pair 2 untouched
    window.pair_box.setCurrentIndex(0)
    assert window.undo_stack.text(window.undo_stack.count() - 1) == "Align the rest"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert beads_in_pair(sample, 1) == broken and beads_in_pair(sample, 2) == other


def test_hidden_interpolations_stay_hidden_after_a_restart(qtbot: QtBot, sample: Path, settings: Settings) -> None:
    settings.set_value("view/interpolations", False)
    window = MainWindow(ProjectStore.open(sample), settings)
    qtbot.addWidget(window)
    assert not window.named_actions["show_notes"].isChecked() and window.table.show_notes is False
    window.close()


def test_open_recent_lists_the_project_in_the_first_session(qtbot: QtBot, two_pairs: MainWindow, sample: Path) -> None:
    menu = two_pairs.recent_menu
    assert menu.isEnabled()
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    assert [action.text() for action in menu.actions()] == [str(sample)]
    menu.close()


def test_without_a_pair_nothing_can_be_edited(qtbot: QtBot, tmp_path: Path, settings: Settings) -> None:
    empty = tmp_path / "empty.wbproj"
    ProjectStore.create(empty).close()
    window = shown_window(qtbot, ProjectStore.open(empty), settings)
    assert window.session is None
    assert not any(window.named_actions[name].isEnabled() for name in EDITING_ACTIONS)
    for key in (Qt.Key.Key_L, Qt.Key.Key_U, Qt.Key.Key_Return):
        qtbot.keyClick(window.table, key, CTRL)  # nothing happens, nothing breaks
    assert window.pair_status.counts.text() == "No pair open"
    window.close()
    assert beads_in_file(empty) == []
