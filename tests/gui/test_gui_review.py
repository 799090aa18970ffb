"""The review loop from the keyboard, read back from the project file: Confirm goes on to the
next unconfirmed bead, confirming up to here or by confidence is one undo step, the filter view
folds the beads not wanted, one sentence picked out of a cell is linked or moved alone, compact
rows, "bead 12 of 48", and a pair added to the open project. The project's ladder is made by
hand (a 2:1 bead, then 1:1 beads with known scores), never by the aligner."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QUndoView
from pytestqt.qtbot import QtBot

from alignments.ladder.beads import BeadStatus
from alignments.ladder.drafts import PairDraft
from alignments.planning.bead_planner import Planner
from alignments.planning.new_pair import load_pair
from alignments.store.project_store import ProjectStore
from tests.conftest import ENGLISH_APPEAL, ENGLISH_SEED, GERMAN_LETTER, GERMAN_SEED, Templates
from tests.gui.support import (
    ALT,
    CTRL,
    SHIFT,
    beads_in_file,
    click_cell,
    press,
    run_dialogs,
    shown_window,
)
from ui.actions import shortcut_table
from ui.bead_model import SOURCE_COLUMN, TARGET_COLUMN
from ui.cell_marks import BOUNDARY_COLOUR, PARAGRAPH_COLOUR, starts_paragraph
from ui.dialogs import NewPairDialog
from ui.docks import DOCK_SHARE
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.shortcuts_dialog import ShortcutsDialog

SCORES = (0.95, 0.4, 0.7)  # the 1:1 beads' scores, in turn
CONFIRMED_AT_START = 3  # the row confirmed before the window opens


@pytest.fixture
def reviewed(tmp_path: Path, templates: Templates) -> Path:
    return templates.copy(letter_to_review, tmp_path / "review.wbproj")


def letter_to_review(path: Path) -> None:
    """The letter pair: bead 0 is 2:1 (score 0.3), then 1:1 beads scored in turn by SCORES,
    then what one side has more alone; bead 3 confirmed."""
    source, target = load_pair(GERMAN_LETTER, ENGLISH_SEED, "de", "en")
    sources, targets = len(source.sentences), len(target.sentences)
    pairs = min(sources - 1, targets)
    ladder: list[tuple[range, range, float | None]] = [(range(0, 2), range(0, 1), 0.3)]
    ladder += [(range(k + 1, k + 2), range(k, k + 1), SCORES[k % 3]) for k in range(1, pairs)]
    ladder += [(range(k, k + 1), range(targets, targets), None) for k in range(pairs + 1, sources)]
    ladder += [(range(sources, sources), range(k, k + 1), None) for k in range(pairs, targets)]
    store = ProjectStore.create(path)
    pair_id = store.add_drafted_pair(PairDraft(source, target, ladder, "by hand"))
    planner = Planner(store, pair_id)
    store.apply(planner.set_status([store.ladder(pair_id)[CONFIRMED_AT_START].id], BeadStatus.CONFIRMED))
    store.close()


@pytest.fixture
def window(qtbot: QtBot, reviewed: Path, settings: Settings) -> Iterator[MainWindow]:
    main = shown_window(qtbot, ProjectStore.open(reviewed), settings)
    yield main
    main.close()


def go(window: MainWindow, row: int, column: int = SOURCE_COLUMN) -> None:
    """Put the cursor on a cell, that cell alone selected (as a plain click does)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    window.table.selectionModel().setCurrentIndex(window.table.model().index(row, column), flags)


def scores_in_file(path: Path) -> list[float | None]:
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT score FROM beads ORDER BY source_pos, target_pos").fetchall()
    connection.close()
    return [score for (score,) in rows]


def statuses(path: Path) -> list[str]:
    return [status for _source, _target, status in beads_in_file(path)]


def shown_rows(window: MainWindow) -> list[int]:
    return [row for row in range(window.table.model().rowCount()) if not window.table.isRowHidden(row)]


def test_confirm_goes_on_to_the_next_unconfirmed_bead(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    go(window, 2)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert statuses(reviewed)[:5] == ["auto", "auto", "confirmed", "confirmed", "auto"]
    assert window.table.currentIndex().row() == 4  # bead 3 was confirmed already
    assert window.table.selected_bead_ids() == [window.session.model.bead_id(4)]
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert statuses(reviewed)[4] == "confirmed" and window.table.currentIndex().row() == 5
    assert window.position_label.text() == f"Bead 6 of {window.table.model().rowCount()}"


def test_confirm_everything_up_to_here_is_one_step(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    before = statuses(reviewed)
    go(window, 6)
    press(qtbot, window, Qt.Key.Key_Return, CTRL | ALT)
    assert statuses(reviewed) == ["confirmed"] * 7 + before[7:]
    assert [window.undo_stack.text(k) for k in range(window.undo_stack.count())] == ["Confirm beads 1 to 7 (6 beads)"]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert statuses(reviewed) == before
    assert window.table.currentIndex().row() == 6  # the reviewer's place, not the first bead undone


def test_the_history_panel_shows_a_long_step_name_whole_in_a_small_window(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(800, 500)
    window.history_dock.show()
    qtbot.waitUntil(lambda: window.history_dock.width() <= 800 * DOCK_SHARE)  # the panels give way in a small window
    go(window, 6)
    press(qtbot, window, Qt.Key.Key_Return, CTRL | ALT)
    history = window.history_dock.widget()
    assert isinstance(history, QUndoView)
    step = history.model().index(1, 0)
    name, width = step.data(), history.viewport().width()
    assert name.startswith("Confirm beads 1 to 7") and history.fontMetrics().horizontalAdvance(name) > width  # too long for one line
    needed = history.fontMetrics().boundingRect(QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap, name)
    shown = history.visualRect(step)
    assert shown.height() >= needed.height() and shown.right() <= history.viewport().rect().right()


def test_confirm_by_confidence_is_one_step(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    before, scores = statuses(reviewed), scores_in_file(reviewed)

    def at_least_0_7(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setDoubleValue(0.7)
        dialog.accept()

    problems: list[str] = []
    run_dialogs([at_least_0_7], problems)
    press(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    assert problems == []
    expected = ["confirmed" if score is not None and score >= 0.7 else status for status, score in zip(before, scores)]
    assert statuses(reviewed) == expected and expected.count("confirmed") > 10
    assert window.undo_stack.count() == 1 and window.settings.value("review/threshold") == 0.7
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert statuses(reviewed) == before


def _note_mismatch_rows(path: Path) -> list[int]:
    """Rows whose two sides hold different interpolations (by kind), from the file itself."""
    connection = sqlite3.connect(path)
    beads = [row for (row,) in connection.execute("SELECT id FROM beads ORDER BY source_pos, target_pos")]
    kinds: dict[int, list[tuple[str, str]]] = {}
    for bead_id, side, kind in connection.execute(
        "SELECT bs.bead_id, bs.side, i.kind FROM interpolations i JOIN sentences s ON s.document_id = i.document_id"
        ' AND s.start <= i.start AND s."end" > i.start JOIN bead_sentences bs ON bs.sentence_id = s.id'
    ):
        kinds.setdefault(bead_id, []).append((side, kind))
    connection.close()

    def uneven(found: list[tuple[str, str]]) -> bool:
        return any(found.count(("source", kind)) != found.count(("target", kind)) for _side, kind in found)

    return [row for row, bead_id in enumerate(beads) if uneven(kinds.get(bead_id, []))]


def test_the_filters_fold_away_what_is_not_wanted(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    beads, scores = beads_in_file(reviewed), scores_in_file(reviewed)
    total = len(beads)
    flagged = [row for row, ((_s, _t, status), score) in enumerate(zip(beads, scores)) if status == "auto" and (score is None or score < 0.5)]
    expected = {
        Qt.Key.Key_1: (flagged, "flagged"),
        Qt.Key.Key_2: ([row for row, bead in enumerate(beads) if bead[2] == "auto"], "unconfirmed"),
        Qt.Key.Key_3: ([row for row, bead in enumerate(beads) if (len(bead[0].split()), len(bead[1].split())) != (1, 1)], "non-1:1"),
        Qt.Key.Key_4: (_note_mismatch_rows(reviewed), "note mismatch"),
    }
    for key, (rows, name) in expected.items():
        press(qtbot, window, key, CTRL)
        assert shown_rows(window) == rows and 0 < len(rows) < total, name
        assert window.filters.label.text() == f"Only {name}: {len(rows)} of {total} beads"
        assert window.table.currentIndex().row() in rows
    press(qtbot, window, Qt.Key.Key_2, CTRL)  # only unconfirmed: the arrow keys skip bead 3
    go(window, 2)
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 4
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # a bead confirmed stays in view until the filter is chosen again
    assert statuses(reviewed)[4] == "confirmed" and 4 in shown_rows(window) and window.table.currentIndex().row() == 5
    press(qtbot, window, Qt.Key.Key_1, CTRL)  # only flagged: Confirm goes on to the next flagged bead
    still_flagged = shown_rows(window)
    go(window, still_flagged[1])
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert window.table.currentIndex().row() == still_flagged[2]
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert shown_rows(window) == list(range(total)) and window.filters.label.isHidden()


def test_one_sentence_picked_out_of_a_cell_is_linked_alone(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    before = beads_in_file(reviewed)
    first, second = before[0][0].split()  # bead 0 is 2:1
    go(window, 0)
    press(qtbot, window, Qt.Key.Key_Down, ALT | SHIFT)
    press(qtbot, window, Qt.Key.Key_Down, ALT | SHIFT)
    assert window.statusBar().currentMessage() == "Sentence 2 of 2 picked: Link and Move take just this one."
    click_cell(qtbot, window, 1, TARGET_COLUMN, CTRL)
    press(qtbot, window, Qt.Key.Key_L, CTRL)
    after = beads_in_file(reviewed)
    assert after[:3] == [
        (first, before[0][1], "auto"),
        (second, before[1][1], "confirmed"),
        (before[1][0], "", "auto"),
    ]
    assert after[3:] == before[2:]


def test_alt_click_picks_a_sentence_and_move_takes_it(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    before = beads_in_file(reviewed)
    first, second = before[0][0].split()
    rect = window.table.visualRect(window.table.model().index(0, SOURCE_COLUMN))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, ALT, QPoint(rect.center().x(), rect.bottom() - 6))
    assert window.table.picked_index(0, SOURCE_COLUMN) == 1
    press(qtbot, window, Qt.Key.Key_Down, ALT)  # the second sentence moves down into bead 1
    after = beads_in_file(reviewed)
    assert after[:2] == [(first, before[0][1], "confirmed"), (f"{second} {before[1][0]}", before[1][1], "confirmed")]
    go(window, 1)
    press(qtbot, window, Qt.Key.Key_Up, ALT | SHIFT)  # nothing picked there yet: the last sentence
    press(qtbot, window, Qt.Key.Key_Up, ALT | SHIFT)
    press(qtbot, window, Qt.Key.Key_Up, ALT)  # the first sentence picked: it moves back up
    assert [bead[:2] for bead in beads_in_file(reviewed)[:2]] == [bead[:2] for bead in before[:2]]


def test_compact_rows_are_one_line_high(qtbot: QtBot, window: MainWindow) -> None:
    table, model = window.table, window.session.model
    metrics = table.fontMetrics()

    def fits(row: int) -> bool:
        view = model.bead_view(row)
        sides = ((view.source, SOURCE_COLUMN), (view.target, TARGET_COLUMN))
        return all(len(side) == 1 and metrics.horizontalAdvance(side[0].text) < table.columnWidth(column) - 20 for side, column in sides)

    one_liner = next(row for row in range(model.rowCount()) if fits(row))
    window.go_to_row(one_liner)
    table.fit_visible_rows()
    normal = table.rowHeight(one_liner)
    press(qtbot, window, Qt.Key.Key_D, CTRL | SHIFT)
    table.fit_visible_rows()
    assert table.rowHeight(one_liner) <= metrics.lineSpacing() + 6 < normal
    assert window.settings.value("view/compact") is True


def test_the_bead_under_the_cursor_stays_in_view_when_rows_turn_compact_and_back(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    table = window.table
    press(qtbot, window, Qt.Key.Key_D, CTRL | SHIFT)
    table.fit_visible_rows()
    row = table.rowAt(table.viewport().height() - 10)  # a bead at the bottom of the window
    go(window, row)
    table.fit_visible_rows()  # what the table does on the next turn of the event loop
    press(qtbot, window, Qt.Key.Key_D, CTRL | SHIFT)  # full rows again: the rows above it grow
    table.fit_visible_rows()
    rect = table.visualRect(table.currentIndex())
    assert table.currentIndex().row() == row and 0 <= rect.top() and rect.bottom() < table.viewport().height()
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert statuses(reviewed)[row] == "confirmed"


def test_a_pair_is_added_to_the_open_project(qtbot: QtBot, window: MainWindow, reviewed: Path) -> None:
    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPairDialog) and dialog.windowTitle() == "Add a pair to review.wbproj"
        dialog.source_edit.setText(str(GERMAN_SEED))
        dialog.target_edit.setText(str(ENGLISH_APPEAL))
        dialog.ok_button.click()

    problems: list[str] = []
    run_dialogs([choose], problems)
    press(qtbot, window, Qt.Key.Key_N, CTRL | SHIFT)
    assert problems == []
    qtbot.waitUntil(lambda: window.pair_box.count() == 2, timeout=20_000)
    connection = sqlite3.connect(reviewed)
    pairs = connection.execute("SELECT p.id, d.title FROM pairs p JOIN documents d ON d.id = p.source_document_id").fetchall()
    connection.close()
    assert len(pairs) == 2 and window.session.pair.id == pairs[1][0]
    qtbot.waitUntil(window.pair_box.isVisible)  # the tool bar shows its widget on a later event
    assert window.pair_box.currentIndex() == 1


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [("First.", 0, True), ("  First.", 2, True), ("One. Two.", 5, False), ("One.\nTwo.", 5, False),
     ("One.\n\nTwo.", 6, True), ("One.\r\n \r\nTwo.", 9, True)],
)
def test_paragraph_starts(text: str, start: int, expected: bool) -> None:
    assert starts_paragraph(text, start) is expected


def test_cells_show_where_their_sentences_and_paragraphs_begin(qtbot: QtBot, in_order: MainWindow, project: Path) -> None:
    """A bead merged from a paragraph's first sentence and the next: a bar beside the first
    sentence only, one dotted rule between the two (read from the pixels drawn)."""
    model = in_order.session.model
    text = in_order.store.text(in_order.session.pair.source.id)

    def starts(row: int) -> bool:
        return starts_paragraph(text, model.bead_view(row).source[0].start)

    row = next(r for r in range(1, model.rowCount() - 1) if starts(r) and not starts(r + 1))
    in_order.go_to_row(row, SOURCE_COLUMN)
    press(qtbot, in_order, Qt.Key.Key_M, CTRL)
    assert len(beads_in_file(project)[row][0].split()) == 2
    press(qtbot, in_order, Qt.Key.Key_Down)  # the merged cell unselected, drawn as it is read
    in_order.table.fit_visible_rows()
    image = in_order.table.viewport().grab().toImage()
    cell = in_order.table.visualRect(model.index(row, SOURCE_COLUMN))

    def drawn_in(colour: str) -> list[tuple[int, int]]:
        return [(x, y) for y in range(cell.top(), cell.bottom()) for x in range(cell.left(), cell.right()) if image.pixelColor(x, y).name() == colour]

    bar = drawn_in(PARAGRAPH_COLOUR)
    rules = Counter(y for _x, y in drawn_in(BOUNDARY_COLOUR))
    rule_rows = [y for y, count in rules.items() if count > cell.width() / 4]
    assert len(rule_rows) == 1 and bar
    assert max(x for x, _y in bar) < cell.left() + 8 and max(y for _x, y in bar) < rule_rows[0]


def test_the_keyboard_window_lists_every_command_and_fits_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[tuple[str, int, int]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ShortcutsDialog)
        seen.append((dialog.table.toPlainText(), dialog.height(), dialog.screen().availableGeometry().height()))
        dialog.accept()

    problems: list[str] = []
    run_dialogs([look], problems)
    press(qtbot, window, Qt.Key.Key_F1)
    assert problems == []
    text, height, screen = seen[0]
    assert text.split() == " ".join(f"{what} {keys}" for what, keys in shortcut_table()).split()
    assert height <= screen
